"""Parallel reading and writing give the same site as a serial build, without warnings."""

from __future__ import annotations

import os
import re
import time
from typing import TYPE_CHECKING

from helpers import copy_root, parse_html, strip_ansi, warnings_of
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from pathlib import Path


#: A parallel read reports chunks of documents: ``reading sources... [ 50%] a .. f``.
PARALLEL_READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+")


def _build(srcdir: Path, parallel: int) -> tuple[str, list[str]]:
    """Build once; return the status output and the warnings."""
    app = SphinxTestApp("html", srcdir=srcdir, parallel=parallel)
    try:
        app.build()
        return strip_ansi(app.status.getvalue()), warnings_of(app)
    finally:
        app.cleanup()


def _html_files(srcdir: Path) -> dict[str, bytes]:
    outdir = srcdir / "_build" / "html"
    return {str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*.html"))}


def _touch(path: Path) -> None:
    later = max(time.time(), path.stat().st_mtime) + 10
    os.utime(path, (later, later))


def test_parallel_build_equals_serial_build(rootdir: Path, tmp_path: Path) -> None:
    serial = copy_root(rootdir, "parallel", tmp_path / "serial")
    parallel = copy_root(rootdir, "parallel", tmp_path / "parallel")
    _, serial_warnings = _build(serial, parallel=1)
    status, parallel_warnings = _build(parallel, parallel=2)
    assert serial_warnings == []
    assert parallel_warnings == []
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


def test_parallel_rebuild_after_touching_files(rootdir: Path, tmp_path: Path) -> None:
    srcdir = copy_root(rootdir, "parallel", tmp_path)
    _, warnings = _build(srcdir, parallel=2)
    assert warnings == []
    _touch(srcdir / "catalog" / "protocols" / "alpha.yaml")
    _touch(srcdir / "catalog" / "interfaces.yaml")
    for name in ("p-beta.rst", "p-plain.rst", "p-lists.rst"):
        _touch(srcdir / name)
    status, warnings = _build(srcdir, parallel=2)
    assert warnings == []
    assert PARALLEL_READ.search(status), status
    assert "0 source files that are out of date" not in status
    page = parse_html((srcdir / "_build" / "html" / "p-alpha.html").read_text(encoding="utf-8"))
    assert page.find("dt", id="tapssec-protocol-alpha")
    # Objects described in documents that were not re-read are still known.
    lists = parse_html((srcdir / "_build" / "html" / "p-lists.html").read_text(encoding="utf-8"))
    hrefs = {a.attrs.get("href") for a in lists.find_all("a")}
    assert {"p-alpha.html#tapssec-protocol-alpha", "p-ipk.html#tapssec-interface-ipk"} <= hrefs
