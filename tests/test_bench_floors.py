"""The benchmark's floors stay what they claim to be: the equal-content floor says what the extension says."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from helpers import build, warnings_of

from benchmarks.generate import generate

if TYPE_CHECKING:
    from pathlib import Path


def _text_output(srcdir: Path) -> dict[str, str]:
    """Each document's text-builder output, as its letters and digits alone.

    Markup (``*emphasis*``, field-list indentation, table rules) and line wrapping differ
    between the two projects; the words, numbers and their order must not.
    """
    app = build(srcdir, "text")
    try:
        assert warnings_of(app) == []
        outdir = srcdir / "_build" / "text"
        return {
            str(path.relative_to(outdir)): re.sub(r"[^A-Za-z0-9]", "", path.read_text(encoding="utf-8"))
            for path in sorted(outdir.rglob("*.txt"))
        }
    finally:
        app.cleanup()


def test_equal_content_floor_says_what_the_extension_says(tmp_path: Path) -> None:
    generated = generate(tmp_path / "bench", 12)
    floor, ext = _text_output(generated.floor_dir), _text_output(generated.ext_dir)
    assert sorted(floor) == sorted(ext) == sorted(f"{name}.txt" for name in generated.layout.docnames())
    differing = [name for name in floor if floor[name] != ext[name]]
    assert differing == []
    # Not vacuous: every page says something, and a protocol page says a lot.
    assert all(floor.values())
    assert len(floor["protocols/page-001.txt"]) > 5000


def test_thin_pair_builds_without_warnings(tmp_path: Path) -> None:
    generated = generate(tmp_path / "bench", 12)
    for srcdir in (generated.thin_dir, generated.ext_thin_dir):
        app = build(srcdir, "html")
        try:
            assert warnings_of(app) == []
            assert sorted(app.env.found_docs) == ["index", "matrix", "protocols/page-001"]
        finally:
            app.cleanup()
