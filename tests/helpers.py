"""Plain helpers shared by the test modules: copying roots, writing and building projects, warnings.

Reading what a build wrote (HTML trees, the matrix, LaTeX tables) is in ``read_output.py``.

They live here rather than in ``conftest.py`` so that test modules can import them by name
(pytest puts ``tests/`` on ``sys.path``; ``conftest`` is not meant to be imported).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from catalogs import write_catalog
from read_output import Element, parse_html
from sphinx.testing.util import SphinxTestApp
from sphinx.util.docutils import docutils_namespace

import sphinx_tapssec
from sphinx_tapssec.sphinxext.build_stop import BuildStopped

#: The test roots: ``tests/roots/test-<name>`` are small Sphinx projects.
ROOTS = Path(__file__).parent / "roots"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: ``path:line: WARNING: message [tapssec.subtype]`` as Sphinx prints a typed warning.
_SUBTYPE = re.compile(r"\[tapssec\.([a-z_]+)\]\s*$")


def strip_ansi(text: str) -> str:
    """*text* without terminal colour codes."""
    return _ANSI.sub("", text)


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warning lines of *app*'s build, without colour codes."""
    return [line for line in strip_ansi(app.warning.getvalue()).splitlines() if line.strip()]


def subtypes_of(lines: list[str]) -> list[str]:
    """The ``tapssec`` subtype of each warning line (lines without one are kept as ``?``)."""
    result = []
    for line in lines:
        match = _SUBTYPE.search(line)
        result.append(match.group(1) if match else "?")
    return result


#: Where the shared test catalogs live: ``tests/roots/_catalogs/<name>``.
SHARED_CATALOGS = ROOTS / "_catalogs"
#: The small catalog's matrix rows: protocol display name -> the interfaces it exposes.
SMALL_ROWS = {"Alpha": frozenset({"IPK", "KU"}), "Beta": frozenset({"IPK", "ALG"})}
#: The small catalog's transport classes, by name, in catalog order.
SMALL_TRANSPORTS = [
    "Reliable Byte-Stream Transports",
    "Unreliable Datagram Transports",
    "Datagram Protocols with Defined Byte-Stream Mappings",
    "Transport-Specific Dependencies",
]
#: A root that holds this file (its text names a shared catalog) gets that catalog as ``catalog/``.
CATALOG_BASE = "catalog.base"


def fill_catalog(srcdir: Path) -> None:
    """Give the copied root *srcdir* the shared catalog its ``catalog.base`` names, if it has one.

    The root's own ``catalog/`` files are the difference: they replace or add to the shared ones,
    so a shared file is copied only where the root has none. ``copy2`` keeps the modification
    times, as ``copytree`` does for the root's own files.
    """
    base = srcdir / CATALOG_BASE
    if not base.is_file():
        return
    shared = SHARED_CATALOGS / base.read_text(encoding="utf-8").strip()
    assert shared.is_dir(), f"{base} names no folder of {SHARED_CATALOGS}"
    for source in sorted(shared.rglob("*.yaml")):
        target = srcdir / "catalog" / source.relative_to(shared)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def copy_root(name: str, destination: Path, index: str | None = None) -> Path:
    """A private copy of ``tests/roots/test-<name>`` under *destination*, its catalog filled in.

    *index*, if given, replaces the text of its ``index.rst``.
    """
    target = destination / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    fill_catalog(target)
    if index is not None:
        (target / "index.rst").write_text(index, encoding="utf-8")
    return target


def root_catalog(name: str, destination: Path) -> Path:
    """The catalog of root *name* (shared files and its own), as a folder under *destination*.

    For tests that load a root's catalog without Sphinx.
    """
    return copy_root(name, destination) / "catalog"


#: The guide's complete example of a catalog of one's own (no survey ids), shared with test roots.
OWN_CATALOG = Path(__file__).parent.parent / "docs" / "snippets" / "own-catalog"


def own_catalog_root(destination: Path) -> Path:
    """A copy of ``test-own-catalog`` with the guide's example catalog as its catalog."""
    srcdir = copy_root("own-catalog", destination)
    shutil.copytree(OWN_CATALOG, srcdir / "catalog")
    return srcdir


#: The example projects of the guide's embedding page, which the tests build too.
EMBEDDING_EXAMPLES = ("docs", "snippets", "embedding")


def copy_example(name: str, destination: Path) -> Path:
    """A private copy of the embedding example *name* (``docs/snippets/embedding/<name>``) under *destination*."""
    source = Path(__file__).resolve().parent.parent.joinpath(*EMBEDDING_EXAMPLES, name)
    target = destination / name
    shutil.copytree(source, target)
    return target


#: ``conf.py`` of a project whose catalog is its ``catalog/`` folder.
CATALOG_CONF = 'extensions = ["sphinx_tapssec"]\ntapssec_catalog = "catalog"\nexclude_patterns = ["_build"]\n'
#: ``conf.py`` of a project that uses the catalog the package ships; add settings after it.
BUNDLED_CONF = 'extensions = ["sphinx_tapssec"]\n'


def write_project(
    directory: Path, index: str, conf: str = CATALOG_CONF, catalog: dict[str, str | bytes | None] | None = None
) -> Path:
    """A project in *directory*: *conf* as ``conf.py``, *index* as ``index.rst``, and a catalog.

    With *catalog* (even ``{}``), ``catalog/`` holds the small text catalog of ``catalogs.py`` with
    those files over it (:func:`catalogs.write_catalog`); without, the project has no catalog folder.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "conf.py").write_text(conf, encoding="utf-8")
    (directory / "index.rst").write_text(index, encoding="utf-8")
    if catalog is not None:
        write_catalog(directory / "catalog", catalog)
    return directory


def touch(path: Path) -> None:
    """Move *path*'s modification time clearly past anything an earlier build read.

    Copies keep the modification times of ``tests/roots``, and some file systems have coarse clocks.
    The time is ten seconds ahead, so for those ten seconds every build reads the file's dependents
    again; a test that rebuilds twice after an edit sets the time to now instead
    (``test_incremental_precision.write``).
    """
    later = max(time.time(), path.stat().st_mtime) + 10
    os.utime(path, (later, later))


def append(path: Path, text: str) -> None:
    """Add *text* at the end of the file *path*."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one *old* in *path* by *new*, and :func:`touch` it, so the next build sees the edit."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    touch(path)


def build(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """Build the project in *srcdir* once and return the app (the caller calls ``cleanup()``)."""
    app = SphinxTestApp(buildername, srcdir=srcdir, **kwargs)
    try:
        app.build()
    except BaseException:
        app.cleanup()
        raise
    return app


def html_page(app: SphinxTestApp, docname: str = "index") -> Element:
    """The HTML page of *docname* that *app* wrote, as a tree."""
    return parse_html((app.outdir / f"{docname}.html").read_text(encoding="utf-8"))


def quiet_page(app: SphinxTestApp, docname: str = "index") -> Element:
    """Build *app*, fail on any warning, and return the HTML page of *docname*."""
    app.build()
    assert warnings_of(app) == []
    return html_page(app, docname)


@dataclass(frozen=True)
class Built:
    """What one build gave, read before its app was cleaned up (two live apps would share docutils' registries)."""

    #: Where the builder wrote.
    outdir: Path
    #: The warning lines, without colour codes.
    warnings: list[str]
    #: The status output, without colour codes.
    status: str
    #: Document name -> the names of the files it depends on (``env.dependencies``).
    dependencies: dict[str, set[str]]

    def page(self, docname: str = "index") -> Element:
        """The HTML page of *docname* as a tree."""
        return parse_html((self.outdir / f"{docname}.html").read_text(encoding="utf-8"))

    def output(self, pattern: str) -> str:
        """The text of the one output file matching *pattern* (a glob relative to the output folder)."""
        (path,) = self.outdir.glob(pattern)
        return path.read_text(encoding="utf-8")


def build_once(srcdir: Path, buildername: str = "html", **kwargs: Any) -> Built:
    """Build *srcdir* once (see :func:`build` for *kwargs*) and keep what the tests read."""
    app = build(srcdir, buildername, **kwargs)
    try:
        dependencies = {doc: {Path(path).name for path in paths} for doc, paths in app.env.dependencies.items()}
        return Built(app.outdir, warnings_of(app), strip_ansi(app.status.getvalue()), dependencies)
    finally:
        app.cleanup()


def stopped_build(buildername: str = "html", **kwargs: Any) -> BuildStopped:
    """What ends the set-up of an app that must stop (a refused configuration, strict mode).

    BuildStopped is a SystemExit, which SphinxTestApp does not clean up after: this does.
    """
    saved = sys.path.copy()
    try:
        with docutils_namespace():
            SphinxTestApp(buildername, **kwargs)
    except BuildStopped as stopped:
        return stopped
    finally:
        sys.path[:] = saved
    raise AssertionError("the build did not stop")


class Rebuild(NamedTuple):
    """What one build of a kept project did: the documents it read, its warnings, its status output."""

    read: set[str]
    warnings: list[str]
    status: str


def rebuild(srcdir: Path, **kwargs: Any) -> Rebuild:
    """Build *srcdir* once, keeping its environment (like one ``sphinx-build`` run)."""
    read: set[str] = set()
    app = SphinxTestApp("html", srcdir=srcdir, **kwargs)
    try:
        app.connect("env-before-read-docs", lambda _app, _env, docnames: read.update(docnames))
        app.build()
        return Rebuild(read, warnings_of(app), strip_ansi(app.status.getvalue()))
    finally:
        app.cleanup()


# --- what setup() registers ------------------------------------------------------------------


class _Registry:
    """Stands in for the Sphinx application to list what ``setup()`` registers."""

    def __init__(self) -> None:
        self.directives: list[str] = []
        self.roles: list[str] = []

    def add_directive(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.directives.append(name)

    def add_directive_to_domain(self, domain: str, name: str, *args: Any, **kwargs: Any) -> None:
        self.directives.append(f"{domain}:{name}")

    def add_role(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.roles.append(name)

    def add_role_to_domain(self, domain: str, name: str, *args: Any, **kwargs: Any) -> None:
        self.roles.append(f"{domain}:{name}")

    def add_domain(self, domain: Any, *args: Any, **kwargs: Any) -> None:
        self.roles += [f"{domain.name}:{role}" for role in domain.roles]
        self.directives += [f"{domain.name}:{name}" for name in domain.directives]

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def registered() -> _Registry:
    registry = _Registry()
    sphinx_tapssec.setup(registry)  # type: ignore[arg-type]
    return registry
