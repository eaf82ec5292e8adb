"""Two clean builds of one input give the same bytes, and no output names the build machine's paths.

``tests/test_parallel.py`` already compares the HTML of ``-j 1`` and ``-j 2`` builds of its own
root; here the roots are copied to two different directories, so a leaked absolute path or any
hash-ordering shows as a difference, and ``objects.inv`` and the JSON export are compared too.
"""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING

from helpers import ROOTS, build, copy_root, warnings_of

from sphinx_tapssec.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

#: Files whose bytes must not depend on where or when the project was built.
_SUFFIXES = (".html", ".inv", ".js", ".json", ".txt", ".css")


def _outputs(srcdir: Path, parallel: int) -> dict[str, bytes]:
    app = build(srcdir, parallel=parallel)
    try:
        assert warnings_of(app) == []
        outdir = app.outdir
    finally:
        app.cleanup()
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.suffix in _SUFFIXES
    }


def _export(catalog: Path) -> bytes:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["export", str(catalog), "--format", "json"]) == 0
    return out.getvalue().encode("utf-8")


def test_two_clean_builds_in_different_directories_are_identical(tmp_path: Path) -> None:
    first = copy_root("basic", tmp_path / "first-place")
    second = copy_root("basic", tmp_path / "elsewhere" / "second")
    one, two = _outputs(first, parallel=1), _outputs(second, parallel=2)
    assert "index.html" in one
    assert "objects.inv" in one
    assert list(one) == list(two)
    for name, content in one.items():
        assert two[name] == content, name
    assert _export(first / "catalog") == _export(second / "catalog")
    for name, content in one.items():
        for place in (str(tmp_path), str(first), str(ROOTS)):
            assert place.encode() not in content, (name, place)
    assert str(tmp_path).encode() not in _export(first / "catalog")
