"""Load the catalog once per build, at ``builder-inited``, and keep it in the domain's data.

The environment is pickled between builds, so an unchanged catalog (same files, same
modification times) is reused instead of loaded again. When some files changed, only those are
read again: what reading each file gave is kept in the domain's data, so with the environment
in the doctree directory, keyed by the file's content and the extension's version
(:mod:`.model.file_cache`). A fresh environment (a clean build, ``-E``, a changed
configuration) starts with no cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.display import status_iterator

from sphinx_tapssec import __version__
from sphinx_tapssec.model.catalog_location import empty_catalog_message
from sphinx_tapssec.sphinxext import build_stop as stop
from sphinx_tapssec.sphinxext.config import config_location, get_config
from sphinx_tapssec.sphinxext.domain.process_local import ProcessLocal
from sphinx_tapssec.sphinxext.warnings import Subtype, located, warn, warn_problem

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_tapssec.model.entities import Catalog
    from sphinx_tapssec.model.loader import LoadResult
    from sphinx_tapssec.model.problems import Problem
    from sphinx_tapssec.model.spec import FileSpec
    from sphinx_tapssec.sphinxext.domain import TapssecDomain

logger = logging.getLogger(__name__)


def get_domain(env: BuildEnvironment) -> TapssecDomain:
    return env.get_domain("tapssec")  # type: ignore[return-value]


def get_catalog(env: BuildEnvironment) -> Catalog:
    """The catalog of this build."""
    return get_domain(env).catalog


def fingerprint(directories: list[Path]) -> tuple[tuple[str, int], ...]:
    """Which catalog files exist and when each last changed."""
    # The model is imported where a build first needs it, not by setup() (issue #17).
    from sphinx_tapssec.model.spec import catalog_files

    result: list[tuple[str, int]] = []
    for directory in directories:
        result.append((str(directory), 0 if directory.is_dir() else -1))
        if directory.is_dir():
            for _, path in catalog_files(directory):
                try:
                    result.append((str(path), path.stat().st_mtime_ns))
                except OSError:
                    result.append((str(path), -1))
    return tuple(result)


def _progress(app: Sphinx, files: list[tuple[FileSpec, Path]]) -> Iterable[tuple[FileSpec, Path]]:
    """Sphinx's progress display over the catalog files being read (thousands, in a large catalog)."""
    return status_iterator(
        files, "tapssec: reading catalog files... ", "purple", len(files), app.verbosity, lambda item: item[1].name
    )


def load(app: Sphinx) -> None:
    """``builder-inited``: make the domain hold the current catalog and report its problems."""
    env = app.env
    config = get_config(env)
    directories = config.catalog_dirs(Path(app.confdir))
    domain = get_domain(env)
    current = fingerprint(directories)
    if current != domain.fingerprint:
        previous_files = {path for path, _ in domain.fingerprint}
        domain.data["files_changed"] = bool(previous_files) and previous_files != {path for path, _ in current}
        logger.info("tapssec: loading the catalog from %s", ", ".join(map(str, directories)))
        result = _load_cached(app, domain, directories, config.url_schemes)
        problems = (*_empty_directories(app, directories), *result.problems)
        domain.set_catalog(result.catalog, current, problems)
    if domain.problems and config.strict:
        lines = [stop.error(*located(p), p.subtype) for p in domain.problems]
        stop.stop(lines, stop.STRICT_STOP, "tapssec_strict is on, so the build stops")
    # Reported on every build, not only when parsed, so that a -W build keeps failing.
    for problem in domain.problems:
        warn_problem(problem)
    domain.show_edition(_edition(domain.undivided, config.edition))


def _load_cached(app: Sphinx, domain: TapssecDomain, directories: list[Path], url_schemes: Sequence[str]) -> LoadResult:
    """The catalog, reading again only the files whose content changed since the last load."""
    # Imported here: the loader (YAML, the checks) is needed only by a build that reads catalog files.
    from sphinx_tapssec.model.file_cache import FileCache
    from sphinx_tapssec.model.loader import load_catalog

    version, previous = domain.data["file_cache"].value or ("", {})
    cache = FileCache(previous if version == __version__ else None)
    # Sphinx's progress display costs more than reading a file again from the cache does.
    progress = None if previous else partial(_progress, app)
    result = load_catalog(directories, url_schemes, progress=progress, cache=cache)
    logger.info(
        "tapssec: %d of %d catalog files read, the others unchanged since the last build",
        len(result.parsed),
        len(result.catalog.files),
    )
    domain.data["file_cache"] = ProcessLocal((__version__, cache.current))
    return result


def _empty_directories(app: Sphinx, directories: list[Path]) -> list[Problem]:
    """A problem, located at the option in ``conf.py``, for each catalog directory with no catalog file."""
    from sphinx_tapssec.model.problems import Problem
    from sphinx_tapssec.model.spec import catalog_files

    names = ["tapssec_catalog"] + ["tapssec_extra_catalogs"] * (len(directories) - 1)
    problems = []
    for name, directory in zip(names, directories, strict=True):
        if directory.is_dir() and not catalog_files(directory):
            where = config_location(app, app.config, name) or ""
            path, _, line = where.rpartition(":") if where else (f"{app.confdir / 'conf.py'}", "", "0")
            problems.append(Problem(path, int(line), Subtype.EMPTY_CATALOG, empty_catalog_message(name, directory)))
    return problems


def _edition(catalog: Catalog, wanted: str | None) -> str | None:
    """*wanted* if the catalog has that edition; else the base edition, with a warning."""
    if wanted is None or catalog.edition_record(wanted) is not None:
        return wanted
    from sphinx_tapssec.model.editions import edition_ids

    known = ", ".join(edition_ids(catalog)) or "none: the catalog has no editions.yaml"
    warn(
        f"tapssec_edition: unknown edition {wanted!r} (editions: {known}); showing the catalog as written",
        Subtype.EDITION,
    )
    return None


def note_catalog_wide(env: BuildEnvironment) -> None:
    """Mark the current document as rendering every record of a kind.

    Such a page changes when a catalog file is added or removed, which no file
    dependency can express; :func:`outdated_by_new_files` re-reads it then.
    """
    get_domain(env).catalog_wide[env.docname] = True


def outdated_by_new_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: the catalog-wide documents, when the set of catalog files changed."""
    domain = get_domain(env)
    if not domain.data.get("files_changed"):
        return []
    domain.data["files_changed"] = False
    return sorted(set(domain.catalog_wide) - removed)


def note_sources(env: BuildEnvironment, records: object) -> None:
    """Make the current document depend on the catalog files *records* came from."""
    items = records if isinstance(records, list | tuple) else [records]
    # Once per file: records often share one (every interface comes from interfaces.yaml), and
    # each call builds a path; a large catalog makes that thousands of calls per document.
    paths = dict.fromkeys(source.path for record in items if (source := getattr(record, "source", None)) is not None)
    for path in paths:
        env.note_dependency(path)
