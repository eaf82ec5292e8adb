"""A catalog that shares no id with the survey: its own categories, phases, transport classes and
interfaces render in every directive, with no survey wording and no warning; its mistakes teach."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from catalogs import line_of
from helpers import OWN_CATALOG, append, build, html_page, own_catalog_root, warnings_of

from sphinx_tapssec.model.format_reference import examples, format_reference
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.spec import FILES, RECORDS

#: The example catalog the guide shows (every file and field), shared with these tests.
EXAMPLE = OWN_CATALOG
#: The files only a survey catalog has, shown by the guide beside it.
SURVEY_FILES = EXAMPLE.parent / "survey-catalog"

#: Words that belong to the survey, not to any catalog.
SURVEY_WORDS = re.compile(r"survey|summary table|Section [0-9]", re.IGNORECASE)


def _text_build(tmp_path: Path, extra_rst: str = "") -> tuple[Path, list[str], str]:
    """Build a copy of the root with the text builder: its source directory, warnings and index.txt."""
    srcdir = own_catalog_root(tmp_path)
    if extra_rst:
        index = srcdir / "index.rst"
        append(index, extra_rst)
    app = build(srcdir, "text")
    try:
        return srcdir, warnings_of(app), (app.outdir / "index.txt").read_text(encoding="utf-8")
    finally:
        app.cleanup()


def test_every_directive_renders_an_own_catalog_without_survey_wording(tmp_path: Path) -> None:
    _, warnings, text = _text_build(tmp_path)
    assert warnings == []
    assert SURVEY_WORDS.findall(text) == []
    html = build(own_catalog_root(tmp_path / "html"), "html")
    try:
        assert warnings_of(html) == []
        page = html_page(html)
        body = page.find("div", class_="body").text()
        assert "Hive Link Security" in body
        assert SURVEY_WORDS.findall(body) == []
    finally:
        html.cleanup()
    for expected in ("Section:\n      2.1.1", "In the interface matrix:\n      no", "Listed under no transport class."):
        assert expected in text
    assert "Not part of the interface matrix." in text


def test_the_format_reference_reads_in_text_output(tmp_path: Path) -> None:
    srcdir = own_catalog_root(tmp_path)
    app = build(srcdir, "text")
    try:
        text = (app.outdir / "reference.txt").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert '"^(?:[0-9]+(\\.[0-9]+)*)$"' in text.replace("\n", " ")
    # Columns wide enough to read: the field names and types fit on their line.
    assert re.search(r"^\| full_name +\| string +\| yes +\| Expanded name\. +\|$", text, re.MULTILINE)


def test_transport_deps_lists_every_class_the_catalog_defines(tmp_path: Path) -> None:
    _, _, text = _text_build(tmp_path)
    bare = text[text.index("-[ *Waggle Streams* ]-") : text.index("-[ *Hive Link Protocols* ]-")]
    headings = re.findall(r"-\[ \*(.+?)\* \]-", bare)
    assert headings == ["Waggle Streams", "Radio Frames", "Pollen Post"]
    radio = bare[bare.index("Radio Frames") : bare.index("Pollen Post")]
    assert re.findall(r"\* \*(\w+)\*", radio) == ["HiveLink", "BuzzSec"]
    pollen = bare[bare.index("Pollen Post") :]
    assert pollen.split("\n\n")[1] == "No protocol is listed under this transport class."


def test_an_unknown_transport_option_is_a_located_warning_with_a_guess(tmp_path: Path) -> None:
    srcdir, warnings, _ = _text_build(tmp_path, "\n.. transport-deps::\n   :transport: radio-frames\n")
    line = line_of((srcdir / "index.rst").read_text(encoding="utf-8"), "radio-frames") - 1
    assert warnings == [
        f"{srcdir / 'index.rst'}:{line}: WARNING: transport-deps: unknown transport 'radio-frames' "
        "(did you mean 'radio-frame'?) [tapssec.unknown_transport]"
    ]


def test_survey_wording_appears_when_the_catalog_declares_a_surveyed_document(tmp_path: Path) -> None:
    srcdir = own_catalog_root(tmp_path)
    (srcdir / "catalog" / "survey.yaml").write_text(
        "survey:\n  id: hive-survey-00\n  title: A Survey of Hive Security\n  date: '2024-01-01'\n"
        "  status: Note\n  authors:\n    - name: A. Apis\n  abstract: Hives and their security.\n",
        encoding="utf-8",
    )
    app = build(srcdir, "text")
    try:
        assert warnings_of(app) == []
        text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    # Section numbers come from the catalog: its categories are in 2, its transport classes in 4.
    for expected in (
        "Survey section:\n      2.1.2",
        "In the summary table:\n      no (described in Section 2 only)",
        "Listed under no transport class in Section 4.",
        "Not part of the survey's summary table.",
    ):
        assert expected in text


@pytest.mark.parametrize(
    ("rst", "message"),
    [
        (":tapssec:proto:`hivelnk`", "unknown protocol 'hivelnk' (did you mean 'hivelink'?)"),
        (":tapssec:iface:`SWAP`", "unknown interface 'SWAP' (did you mean 'SWP'?)"),
        (":tapssec:transport:`radio`", "unknown transport 'radio' (did you mean 'radio-frame'?)"),
    ],
)
def test_an_unknown_id_in_a_role_gets_a_guess(tmp_path: Path, rst: str, message: str) -> None:
    srcdir, warnings, _ = _text_build(tmp_path, f"\nSee {rst}.\n")
    line = line_of((srcdir / "index.rst").read_text(encoding="utf-8"), rst)
    assert [w.split(": WARNING: ", 1) for w in warnings] == [
        [f"{srcdir / 'index.rst'}:{line}", f"{message} [tapssec.{'unknown_' + message.split()[1]}]"]
    ]


def test_a_skipped_protocol_is_reported_once_and_its_page_says_why(tmp_path: Path) -> None:
    srcdir = own_catalog_root(tmp_path)
    stinger = srcdir / "catalog" / "protocols" / "stinger.yaml"
    stinger.write_text(stinger.read_text(encoding="utf-8").replace("in_table:", "in_tabel:"), encoding="utf-8")
    app = build(srcdir, "text")
    try:
        warnings = warnings_of(app)
    finally:
        app.cleanup()
    where = f"{stinger}:{line_of(stinger.read_text(encoding='utf-8'), 'in_tabel')}"
    index = (srcdir / "index.rst").read_text(encoding="utf-8")
    assert warnings == [
        f"{where}: WARNING: protocol 'stinger': unknown field 'in_tabel' (did you mean 'in_table'?), and the "
        "required 'in_table' is missing; protocol 'stinger' is skipped [tapssec.unknown_field]",
        f"{srcdir / 'index.rst'}:{line_of(index, 'secproto:: stinger')}: WARNING: secproto: protocol 'stinger' "
        f"was skipped because of {where} [tapssec.unknown_protocol]",
    ]


def test_the_guide_example_catalog_is_valid_and_shows_every_field(tmp_path: Path) -> None:
    """The guide's complete example: every file of a catalog, every field of every record."""
    catalog = tmp_path / "catalog"
    shutil.copytree(EXAMPLE, catalog)
    for path in SURVEY_FILES.iterdir():
        shutil.copy(path, catalog)
    assert load_catalog([catalog]).problems == ()
    assert {spec.pattern for spec in FILES} <= {
        "protocols/*.yaml" if path.parent.name == "protocols" else path.name for path in catalog.rglob("*.yaml")
    }
    keys = set(re.findall(r"([a-z_]+):", "\n".join(p.read_text(encoding="utf-8") for p in catalog.rglob("*.yaml"))))
    assert {(r.name, f.name) for r in RECORDS.values() for f in r.fields if f.name not in keys} == set()


def test_the_guide_format_reference_is_current() -> None:
    """``docs/guide/format-reference.inc`` is what the generator writes (see its module to regenerate)."""
    generated = format_reference(examples([EXAMPLE, SURVEY_FILES]))
    assert (EXAMPLE.parent.parent / "guide" / "format-reference.inc").read_text(encoding="utf-8") == generated
    # Every field is there, with its backslashes.
    for record in RECORDS.values():
        for field in record.fields:
            assert f"``{field.name}`` (" in generated
    assert "Pattern: ``^(?:[0-9]+(\\.[0-9]+)*)$``." in generated
