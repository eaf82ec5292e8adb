"""The benchmark's floors stay what they claim to be: the equal-content floor says what the extension says."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from helpers import build, warnings_of

from benchmarks._needs import need_id
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
    for srcdir in (generated.thin_dir, generated.ext_thin_dir, generated.ext_compact_dir):
        app = build(srcdir, "html")
        try:
            assert warnings_of(app) == []
            assert sorted(app.env.found_docs) == ["index", "matrix", "protocols/page-001"]
        finally:
            app.cleanup()


# sphinx-needs 9 reads BuildEnvironment.app, which Sphinx deprecates: its warning, not ours.
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::PendingDeprecationWarning")
def test_needs_project_builds_one_row_per_matrix_protocol(tmp_path: Path) -> None:
    pytest.importorskip("sphinx_needs", reason="the sphinx-needs comparison needs: pip install sphinx-needs")
    generated = generate(tmp_path / "bench", 12)
    app = build(generated.needs_dir, "html")
    try:
        assert warnings_of(app) == []
        assert sorted(app.env.found_docs) == ["index", "matrix", "protocols/page-001"]
        matrix = (generated.needs_dir / "_build" / "html" / "matrix.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    in_table = [p for p in generated.catalog.protocols if p.in_table]
    assert matrix.count('<tr class="need') == len(in_table) < len(generated.catalog.protocols)
    first = in_table[0]
    exposed = {code.lower() for code in first.interface_codes}
    row = matrix.split(f'data-need-id="{need_id(first)}"', 1)[1].split("</tr>", 1)[0]
    assert sorted(re.findall(r'needs_(\w+)"><p>x</p>', row)) == sorted(exposed)


def _protocol_words(srcdir: Path, names: list[str]) -> dict[str, list[str]]:
    """The words of each protocol's section of the text output of the one protocol page, sorted,
    without the signature line of an entry (its name and long name), markup (``*``) and commas."""
    app = build(srcdir, "text")
    try:
        assert warnings_of(app) == []
        text = (srcdir / "_build" / "text" / "protocols" / "page-001.txt").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    headings = "|".join(re.escape(name) for name in names)
    parts = re.split(rf"^({headings})\n=+\n", text, flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    return {
        name: sorted(re.sub(r"[*,]", "", re.sub(rf"^{re.escape(name)} — .*$", "", body, flags=re.MULTILINE)).split())
        for name, body in sections.items()
    }


def test_compact_entries_say_what_the_thin_floor_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No wrapping: the text writer breaks lines inside citations at different places on each side.
    monkeypatch.setattr("sphinx.writers.text.MAXWIDTH", 100_000)
    generated = generate(tmp_path / "bench", 12)
    names = [p.name for p in generated.catalog.protocols]
    thin = _protocol_words(generated.thin_dir, names)
    compact = _protocol_words(generated.ext_compact_dir, names)
    assert list(thin) == list(compact) == names
    assert thin == compact


def test_benchmark_edits_change_the_catalog_and_revert_exactly(tmp_path: Path) -> None:
    """Each edit ``make bench`` times adds its sentence to the value of its key, whatever form the
    catalog export gave that value (a block or one line), and puts the file back byte for byte."""
    from benchmarks.run import edits
    from sphinx_tapssec.model.loader import load_catalog

    generated = generate(tmp_path / "bench", 12)
    applied = edits(generated)
    before = {edit.path: edit.path.read_bytes() for edit in applied}
    for edit in applied:
        edit.apply()
    result = load_catalog([generated.catalog_dir])
    assert result.problems == ()
    protocol_id = applied[0].path.stem
    protocol = result.catalog.protocol(protocol_id)
    assert protocol is not None
    assert protocol.description.startswith(applied[0].sentence)
    assert result.catalog.interfaces[0].definition.startswith(applied[1].sentence)
    assert result.catalog.survey is not None
    assert result.catalog.survey.abstract.endswith(applied[2].sentence)
    for edit in applied:
        edit.revert()
    assert {edit.path: edit.path.read_bytes() for edit in applied} == before
