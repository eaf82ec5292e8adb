"""The survey's interfaces in the Transport Services API (RFC 9622): the data, the mapping table,
the field on interface pages, the matrix's ``:taps:`` marks, and the rebuilds they cause."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from catalogs import HEADER, line_of, load, problem_keys, write_catalog
from helpers import BUNDLED_CONF, build, edit, html_page, rebuild, subtypes_of, warnings_of, write_project
from read_output import Element, read_matrix

BUNDLED = Path(__file__).parent.parent / "catalog"
FULL = ["ALG", "PSKI", "IV", "CT"]
PARTIAL = ["IPK", "EXT", "CM", "ME"]

PAGE = """\
Page
====

.. taps-mapping::
   :name: all

.. tapssec:taps-mapping::
   :coverage: full
   :name: full-only

.. interface:: PSKI

.. interface:: PSKE

.. interface:: AD
   :no-taps:

.. interface-matrix::
   :taps:
   :name: with-taps

.. interface-matrix::
   :name: without
"""

#: A small catalog's mapping, with names and notes that would be markup if they were not escaped.
HOSTILE_TAPS = (
    HEADER
    + r"""taps_api:
  document: RFC <i>9622</i>
  title: An API
  url: javascript:alert(1)
  checked_against: a \textbf{draft}
  mappings:
    - interface: ipk
      coverage: full
      constructs:
        - {name: "<script>alert(1)</script>", kind: callback, section: "6.3.8"}
        - {name: '\input{/etc/passwd}', kind: action, section: "10"}
      note: "<b>bold</b> & \\relax"
    - interface: ku
      coverage: none
"""
)


def _project(directory: Path, body: str, conf: str = "") -> Path:
    return write_project(directory, body, BUNDLED_CONF + conf)


def _mapping_rows(table: Element) -> dict[str, tuple[str, str, list[str]]]:
    """Code -> (constructs text, coverage, row classes) of a ``table.tapssec-taps-mapping``."""
    rows = {}
    for row in table.find("tbody").child_elements("tr"):
        cells = [" ".join(cell.text().split()) for cell in row.child_elements("td")]
        rows[cells[0]] = (cells[2], cells[3], row.classes)
    return rows


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Element, list[str]]:
    """:data:`PAGE` built with the bundled catalog."""
    app = build(_project(tmp_path_factory.mktemp("taps"), PAGE), freshenv=True)
    try:
        return html_page(app), warnings_of(app)
    finally:
        app.cleanup()


def test_bundled_catalog_maps_every_interface() -> None:
    result = load(BUNDLED)
    assert result.problems == ()
    taps = result.catalog.taps
    assert taps is not None and taps.document == "RFC 9622"
    assert "draft-ietf-taps-interface-25" in (taps.checked_against or "")
    assert [m.interface for m in taps.mappings] == [i.key for i in result.catalog.interfaces]
    by_coverage = {level: [m.interface.upper() for m in taps.mappings if m.coverage == level] for level in ("full",)}
    assert by_coverage["full"] == FULL
    pski = taps.mapping("pski")
    assert pski is not None and [(c.name, c.kind, c.section) for c in pski.constructs] == [
        ("preSharedKey", "security-parameter", "6.3.7")
    ]
    # Partial and none say why.
    assert all(m.note for m in taps.mappings if m.coverage != "full")


def test_the_page_builds_without_warnings(bundled: tuple[Element, list[str]]) -> None:
    assert bundled[1] == []


def test_mapping_table(bundled: tuple[Element, list[str]]) -> None:
    page = bundled[0]
    table = page.find("table", id="all")
    assert "tapssec-taps-mapping" in table.classes
    assert table.find("caption").text().startswith("The survey\N{RIGHT SINGLE QUOTATION MARK}s interfaces in RFC 9622")
    headers = [th.text() for th in table.find("thead").find_all("th")]
    assert headers == ["Interface", "Name", "RFC 9622 constructs", "Coverage"]
    rows = _mapping_rows(table)
    assert len(rows) == 13
    assert rows["PSKI"][:2] == ("preSharedKey (security parameter, §6.3.7)", "full")
    assert "tapssec-taps-full" in rows["PSKI"][2]
    assert rows["AD"][:2] == ("—", "none")
    assert "tapssec-taps-none" in rows["AD"][2]
    assert rows["CT"][0] == (
        "Close (action, §10) Abort (action, §10) CloseGroup (action, §10) AbortGroup (action, §10) "
        "Closed (event, §10) ConnectionError (event, §10)"
    )
    assert rows["CM"][0].endswith("isolateSession (connection property, §8.1.10)")
    assert rows["ME"][1] == "partial"
    # The code links to the interface's description.
    assert table.find("a", href="#tapssec-interface-pski").text() == "PSKI"
    checked = table.parent
    assert checked is not None
    note = checked.find("p", class_="tapssec-taps-checked")
    assert "draft-ietf-taps-interface-25" in note.text()
    assert note.find("a").attrs["href"] == "https://www.rfc-editor.org/rfc/rfc9622"


def test_coverage_option_filters_rows(bundled: tuple[Element, list[str]]) -> None:
    assert list(_mapping_rows(bundled[0].find("table", id="full-only"))) == FULL


def _fields(page: Element, target: str) -> dict[str, str]:
    description = page.find("dt", id=target).parent
    assert description is not None
    facts = description.find("dl", class_="tapssec-facts")
    names = [dt.text().rstrip(":") for dt in facts.child_elements("dt")]
    bodies = [" ".join(dd.text().split()) for dd in facts.child_elements("dd")]
    return dict(zip(names, bodies, strict=True))


def test_interface_page_field(bundled: tuple[Element, list[str]]) -> None:
    page = bundled[0]
    pski = _fields(page, "tapssec-interface-pski")["Transport Services API"]
    assert pski.startswith("RFC 9622: preSharedKey (security parameter, §6.3.7) — coverage: full")
    pske = _fields(page, "tapssec-interface-pske")["Transport Services API"]
    assert pske.startswith("RFC 9622: no counterpart — coverage: none")
    assert "keying material" in pske  # the mapping's note
    assert "Transport Services API" not in _fields(page, "tapssec-interface-ad")


def test_matrix_marks_reachable_interfaces(bundled: tuple[Element, list[str]]) -> None:
    page = bundled[0]
    table = page.find("table", id="with-taps")
    matrix = read_matrix(table)  # the matrix's HTML contract still holds
    heads = dict(zip(matrix.codes, table.find("thead").find_all("th")[1:], strict=True))
    assert [code for code, th in heads.items() if "tapssec-taps-full" in th.classes] == FULL
    assert [code for code, th in heads.items() if "tapssec-taps-partial" in th.classes] == PARTIAL
    tls = next(tr for tr in table.find("tbody").child_elements("tr") if tr.child_elements()[0].text() == "TLS")
    cells = dict(zip(matrix.codes, tls.child_elements("td"), strict=True))
    assert "tapssec-taps-full" in cells["PSKI"].classes
    assert cells["PSKI"].find("sup", class_="tapssec-taps-mark").text() == "†"
    assert "tapssec-taps-partial" in cells["EXT"].classes
    assert cells["EXT"].find("sup", class_="tapssec-taps-mark").text() == "‡"
    # Exposed, but the API has nothing for it: no mark.
    assert "tapssec-exposed" in cells["KU"].classes
    assert not cells["KU"].find_all(class_="tapssec-taps-mark")
    assert not any(c.startswith("tapssec-taps") for c in cells["KU"].classes)
    legend = page.find("p", class_="tapssec-taps-legend")
    assert f"({', '.join(FULL)})" in legend.text() and f"({', '.join(PARTIAL)})" in legend.text()
    assert len(page.find_all("p", class_="tapssec-taps-legend")) == 1


def test_matrix_without_the_option_is_unchanged(bundled: tuple[Element, list[str]]) -> None:
    table = bundled[0].find("table", id="without")
    assert not [e for e in table.iter() if any(c.startswith("tapssec-taps") for c in e.classes)]


def test_only_the_matrices_header_cells_carry_a_scope(bundled: tuple[Element, list[str]]) -> None:
    tables = bundled[0].find_all("table")
    for table in tables:
        scopes = {cell.attrs.get("scope") for cell in table.find_all("th")}
        if "tapssec-matrix" in table.classes:
            rows = len(table.find("tbody").find_all("tr"))
            assert [cell.attrs.get("scope") for cell in table.find_all("th")][-rows:] == ["row"] * rows
            assert scopes == {"col", "row"}
        else:
            assert scopes == {None}, "the mapping tables' header cells stay as docutils writes them"
    assert {"tapssec-matrix", "tapssec-taps-mapping"} <= {c for table in tables for c in table.classes}


def test_rfc8922_edition_shows_the_renamed_code(tmp_path: Path) -> None:
    body = "Page\n====\n\n.. taps-mapping::\n\n.. interface-matrix::\n   :taps:\n"
    app = build(_project(tmp_path, body, 'tapssec_edition = "rfc8922"\n'), freshenv=True)
    try:
        assert warnings_of(app) == []
        page = html_page(app)
    finally:
        app.cleanup()
    rows = _mapping_rows(page.find("table", class_="tapssec-taps-mapping"))
    assert "PSKE" not in rows
    assert rows["SSKE"][1] == "none"
    assert "SSKE" in read_matrix(page.find("table", class_="tapssec-matrix")).codes


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_other_builders_show_the_marks_and_the_table(tmp_path: Path, buildername: str) -> None:
    body = "Page\n====\n\n.. taps-mapping::\n\n.. interface:: PSKI\n\n.. interface-matrix::\n   :taps:\n"
    app = build(_project(tmp_path, body), buildername, freshenv=True)
    try:
        assert warnings_of(app) == []
        output = next(app.outdir.glob("*.tex" if buildername == "latex" else "index.txt")).read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert "preSharedKey" in output
    assert "†" in output and "‡" in output
    assert "Transport Services API" in output
    assert ("\\S{}6.3.7" if buildername == "latex" else "§6.3.7") in output
    # The screen-reader text is for HTML only.
    assert "reachable through" not in output


def test_catalog_text_is_escaped(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog", {"taps-api.yaml": HOSTILE_TAPS})
    body = "Page\n====\n\n.. taps-mapping::\n   :notes:\n\n.. interface:: IPK\n\n.. interface-matrix::\n   :taps:\n"
    conf = f"tapssec_catalog = {str(catalog)!r}\n"
    html_app = build(_project(tmp_path / "html", body, conf), freshenv=True)
    latex_app = build(_project(tmp_path / "latex", body, conf), "latex", freshenv=True)
    try:
        # The javascript: URL is reported (and shown as text); nothing else is wrong.
        assert subtypes_of(warnings_of(html_app)) == ["unsafe_url"]
        html = (html_app.outdir / "index.html").read_text(encoding="utf-8")
        tex = next(latex_app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    finally:
        html_app.cleanup()
        latex_app.cleanup()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<i>9622</i>" not in html and "RFC &lt;i&gt;9622&lt;/i&gt;" in html
    assert 'href="javascript:' not in html
    assert "\\input{/etc/passwd}" not in tex and "\\textbf{draft}" not in tex
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in tex


def test_loader_reports_bad_mappings(tmp_path: Path) -> None:
    text = (
        HEADER
        + """taps_api:
  document: RFC 9622
  title: T
  mappings:
    - interface: ipk
      coverage: full
    - interface: NOPE
      coverage: none
    - interface: IPK
      coverage: partial
    - interface: alg
      coverage: most
    - interface: ku
      coverage: none
      constructs:
        - {name: keyUpdate, kind: method, section: "7"}
"""
    )
    result = load(write_catalog(tmp_path, {"taps-api.yaml": text}))
    assert sorted(problem_keys(result), key=lambda key: key[1]) == [
        ("taps-api.yaml", line_of(text, "interface: NOPE"), "unknown_interface"),
        ("taps-api.yaml", line_of(text, "interface: IPK"), "duplicate_id"),
        ("taps-api.yaml", line_of(text, "coverage: most"), "invalid_value"),
        ("taps-api.yaml", line_of(text, "kind: method"), "invalid_value"),
    ]
    taps = result.catalog.taps
    assert taps is not None
    # What is left is usable: the first ipk, and ku without its bad construct.
    assert [(m.interface, m.coverage, m.constructs) for m in taps.mappings] == [("ipk", "full", ()), ("ku", "none", ())]


def test_build_reports_bad_mappings_at_file_and_line(tmp_path: Path) -> None:
    text = HEADER + "taps_api:\n  document: D\n  title: T\n  mappings:\n    - interface: zz\n      coverage: full\n"
    catalog = write_catalog(tmp_path / "catalog", {"taps-api.yaml": text})
    app = build(_project(tmp_path / "src", "Page\n====\n\n.. taps-mapping::\n", 'tapssec_catalog = "../catalog"\n'))
    try:
        warnings = warnings_of(app)
    finally:
        app.cleanup()
    assert subtypes_of(warnings) == ["unknown_interface"]
    assert f"{catalog / 'taps-api.yaml'}:{line_of(text, 'interface: zz')}:" in warnings[0]


def test_catalog_without_the_file(tmp_path: Path) -> None:
    catalog = write_catalog(tmp_path / "catalog")
    body = "Page\n====\n\n.. taps-mapping::\n\n.. interface:: IPK\n\n.. interface-matrix::\n   :taps:\n"
    app = build(_project(tmp_path / "src", body, f"tapssec_catalog = {str(catalog)!r}\n"), freshenv=True)
    try:
        warnings = warnings_of(app)
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert subtypes_of(warnings) == ["catalog", "catalog"]
    assert all("taps-api.yaml" in line and "index.rst" in line for line in warnings)
    assert "tapssec-taps" not in html and "Transport Services API" not in html
    assert "tapssec-matrix" in html  # the matrix is still there, without marks


def test_unknown_coverage_level_is_reported(tmp_path: Path) -> None:
    body = "Page\n====\n\n.. taps-mapping::\n   :coverage: partial, most\n"
    app = build(_project(tmp_path, body), freshenv=True)
    try:
        warnings = warnings_of(app)
        page = html_page(app)
    finally:
        app.cleanup()
    assert subtypes_of(warnings) == ["option"]
    assert "'most'" in warnings[0]
    assert list(_mapping_rows(page.find("table", class_="tapssec-taps-mapping"))) == PARTIAL


# --- incremental builds ----------------------------------------------------------------------

PAGES = {
    "mapping": ".. taps-mapping::\n",
    "iface": ".. interface:: PSKI\n   :no-list:\n",
    "notaps": ".. interface:: CM\n   :no-list:\n   :no-taps:\n",
    "matrix": ".. interface-matrix::\n   :taps:\n   :interfaces: PSKI\n",
    "plain": ".. interface-matrix::\n   :interfaces: PSKI\n",
}


def test_editing_the_mapping_rereads_the_pages_that_show_it(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "catalog")
    toctree = "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   {name}\n" for name in PAGES)
    _project(tmp_path, toctree, 'tapssec_catalog = "catalog"\nexclude_patterns = ["_build"]\n')
    for name, body in PAGES.items():
        (tmp_path / f"{name}.rst").write_text(f"{name.title()}\n{'=' * len(name)}\n\n{body}", encoding="utf-8")
    read, warnings, _ = rebuild(tmp_path)
    assert read == {"index", *PAGES} and warnings == []

    edit(tmp_path / "catalog" / "taps-api.yaml", "pski\n      coverage: full\n", "pski\n      coverage: partial\n")

    read, warnings, _ = rebuild(tmp_path)
    assert warnings == []
    assert read == {"mapping", "iface", "matrix"}
    html = (tmp_path / "_build" / "html" / "matrix.html").read_text(encoding="utf-8")
    assert "tapssec-taps-partial" in html and "tapssec-taps-full" not in html
