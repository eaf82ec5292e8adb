"""Parallel reading and writing give the same site as a serial build, without warnings."""

from __future__ import annotations

import gc
import pickle
import re
import signal
from typing import TYPE_CHECKING, Any

import pytest
from helpers import build_once, copy_root, touch, warnings_of
from read_output import parse_html
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sphinx_tapssec.model.entities import Catalog


#: A parallel read reports chunks of documents: ``reading sources... [ 50%] a .. f``.
PARALLEL_READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+")


def _html_files(srcdir: Path) -> dict[str, bytes]:
    outdir = srcdir / "_build" / "html"
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*.html"))}


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial = copy_root("parallel", tmp_path / "serial")
    parallel = copy_root("parallel", tmp_path / "parallel")
    assert build_once(serial, parallel=1).warnings == []
    parallel_build = build_once(parallel, parallel=2)
    assert parallel_build.warnings == []
    status = parallel_build.status
    # Sphinx only reads in parallel with enough documents; make sure it did.
    assert PARALLEL_READ.search(status), status
    serial_html, parallel_html = _html_files(serial), _html_files(parallel)
    assert len(serial_html) >= 11
    assert list(parallel_html) == list(serial_html)
    for name, content in serial_html.items():
        assert parallel_html[name] == content, name
    # The merged domain data resolved links across documents.
    page = parse_html(parallel_html["p-ipk.html"].decode("utf-8"))
    assert "p-beta.html#tapssec-protocol-beta" in {a.attrs.get("href") for a in page.find_all("a")}
    # So did the stack diagram's boxes, in the same bytes as a serial build (compared above).
    diagram = parse_html(parallel_html["p-lists.html"].decode("utf-8")).find("svg", class_="tapssec-stack-svg")
    assert "p-beta.html#tapssec-protocol-beta" in {a.attrs.get("href") for a in diagram.find_all("a")}


def test_parallel_rebuild_after_touching_files(tmp_path: Path) -> None:
    srcdir = copy_root("parallel", tmp_path)
    assert build_once(srcdir, parallel=2).warnings == []
    touch(srcdir / "catalog" / "protocols" / "alpha.yaml")
    touch(srcdir / "catalog" / "interfaces.yaml")
    for name in ("p-beta.rst", "p-plain.rst", "p-lists.rst"):
        touch(srcdir / name)
    built = build_once(srcdir, parallel=2)
    assert built.warnings == []
    assert PARALLEL_READ.search(built.status), built.status
    assert "0 source files that are out of date" not in built.status
    assert built.page("p-alpha").find("dt", id="tapssec-protocol-alpha")
    # Objects described in documents that were not re-read are still known.
    lists = built.page("p-lists")
    hrefs = {a.attrs.get("href") for a in lists.find_all("a")}
    assert {"p-alpha.html#tapssec-protocol-alpha", "p-ipk.html#tapssec-interface-ipk"} <= hrefs


def _build_recording(srcdir: Path, parallel: int, **kwargs: Any) -> tuple[list[bool], list[Catalog | None]]:
    """Build once; return whether the collector was on as each page was resolved, and the catalog
    of each environment a parallel reader sent back (as the main process received it)."""
    collector_on: list[bool] = []
    sent_back: list[Catalog | None] = []
    app = SphinxTestApp("html", srcdir=srcdir, parallel=parallel, **kwargs)
    try:
        # doctree-resolved runs where pages are resolved: in the main process, also with -j.
        app.connect("doctree-resolved", lambda *_: collector_on.append(gc.isenabled()))
        app.connect(
            "env-merge-info",
            lambda _app, _env, _docs, other: sent_back.append(other.domaindata["tapssec"]["undivided"].value),
        )
        app.build()
        assert warnings_of(app) == []
    finally:
        app.cleanup()
    return collector_on, sent_back


def test_parallel_readers_do_not_send_the_catalog_back(tmp_path: Path) -> None:
    srcdir = copy_root("parallel", tmp_path)
    _, sent_back = _build_recording(srcdir, parallel=2)
    assert sent_back, "Sphinx read no chunk in parallel"
    assert sent_back == [None] * len(sent_back)
    # The main process kept its own and saves it with the environment, for the next build.
    with (srcdir / "_build" / "doctrees" / "environment.pickle").open("rb") as saved:
        catalog = pickle.load(saved).domaindata["tapssec"]["undivided"].value
    assert [p.id for p in catalog.protocols] == ["alpha", "beta", "gamma"]


#: The opt-in to the garbage-collector pause.
PAUSE = {"tapssec_pause_gc_in_parallel_writes": True}


@pytest.fixture
def python_handles_sigint() -> Iterator[None]:
    """Python's own SIGINT handler, as in an interactive run (a background job starts with SIGINT ignored)."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def test_collector_stays_on_in_a_default_parallel_build(tmp_path: Path) -> None:
    """The collector is the host's: by default a ``-j 2`` build leaves it running throughout."""
    collector_on, _ = _build_recording(copy_root("parallel", tmp_path), parallel=2)
    assert collector_on
    assert all(collector_on)


@pytest.mark.usefixtures("python_handles_sigint")
def test_collector_is_paused_while_pages_are_written_in_parallel(tmp_path: Path) -> None:
    assert gc.isenabled()
    collector_on, _ = _build_recording(copy_root("parallel", tmp_path), parallel=2, confoverrides=PAUSE)
    assert collector_on
    assert not any(collector_on)
    assert gc.isenabled(), "the collector stayed off after the build"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_collector_runs_in_serial_builds(tmp_path: Path) -> None:
    collector_on, _ = _build_recording(copy_root("parallel", tmp_path), parallel=1, confoverrides=PAUSE)
    assert collector_on
    assert all(collector_on)


@pytest.mark.usefixtures("python_handles_sigint")
def test_collector_comes_back_when_the_build_is_interrupted(tmp_path: Path) -> None:
    """Sphinx emits no build-finished on KeyboardInterrupt: the SIGINT itself switches the collector on."""
    collector_on: list[bool] = []

    def interrupt(*_: object) -> None:
        collector_on.append(gc.isenabled())
        signal.raise_signal(signal.SIGINT)

    app = SphinxTestApp("html", srcdir=copy_root("parallel", tmp_path), parallel=2, confoverrides=PAUSE)
    try:
        app.connect("doctree-resolved", interrupt)
        with pytest.raises(KeyboardInterrupt):
            app.build()
    finally:
        app.cleanup()
    assert collector_on == [False]
    assert gc.isenabled(), "the collector stayed off after the interrupted build"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_collector_is_paused_when_sigint_is_ignored(tmp_path: Path) -> None:
    """A background job ignores SIGINT: no interrupt can come, so the pause goes on, handler untouched."""
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        collector_on, _ = _build_recording(copy_root("parallel", tmp_path), parallel=2, confoverrides=PAUSE)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
    assert collector_on
    assert not any(collector_on)
    assert gc.isenabled(), "the collector stayed off after the build"


def test_collector_someone_else_switched_off_stays_off(tmp_path: Path) -> None:
    gc.disable()
    try:
        _build_recording(copy_root("parallel", tmp_path), parallel=2, confoverrides=PAUSE)
        assert not gc.isenabled()
    finally:
        gc.enable()
