"""The options of ``interface-matrix`` and of the other directives, on ``test-matrix`` (one build)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from helpers import SMALL_ROWS, Built
from read_output import Element, read_matrix

if TYPE_CHECKING:
    pass

ALPHA = SMALL_ROWS["Alpha"]
BETA = SMALL_ROWS["Beta"]
NONE: frozenset[str] = frozenset()
#: The root built once for the module's tests (the ``root_build`` fixture).
ROOT = "matrix"


@pytest.fixture(scope="module")
def matrix_page(root_build: Built) -> Element:
    return root_build.page("matrix")


@pytest.fixture(scope="module")
def options_page(root_build: Built) -> Element:
    return root_build.page("options")


def _table(page: Element, name: str) -> Element:
    return page.find("table", id=name)


def _block(page: Element, name: str) -> Element:
    """The container around the named matrix (legend and notes live there)."""
    parent = _table(page, name).parent
    assert parent is not None
    assert "tapssec-matrix-block" in parent.classes
    return parent


def test_no_warnings(root_build: Built) -> None:
    assert root_build.warnings == []


@pytest.mark.parametrize(
    ("name", "codes", "rows"),
    [
        ("m-default", ("IPK", "ALG", "KU"), [("Alpha", ALPHA), ("Beta", BETA)]),
        ("m-protocols", ("IPK", "ALG", "KU"), [("Beta", BETA), ("Gamma", NONE), ("Alpha", ALPHA)]),
        ("m-interfaces", ("KU", "IPK"), [("Alpha", ALPHA), ("Beta", frozenset({"IPK"}))]),
        ("m-phase", ("KU",), [("Alpha", frozenset({"KU"})), ("Beta", NONE)]),
        ("m-category", ("IPK", "ALG", "KU"), [("Beta", BETA)]),
        ("m-category-all", ("IPK", "ALG", "KU"), [("Beta", BETA), ("Gamma", NONE)]),
        ("m-all", ("IPK", "ALG", "KU"), [("Alpha", ALPHA), ("Beta", BETA), ("Gamma", NONE)]),
    ],
)
def test_rows_and_columns(
    matrix_page: Element, name: str, codes: tuple[str, ...], rows: list[tuple[str, frozenset[str]]]
) -> None:
    matrix = read_matrix(_table(matrix_page, name))
    assert matrix.codes == codes
    assert list(matrix.rows.items()) == [(protocol, exposed & set(codes)) for protocol, exposed in rows]


def test_every_matrix_keeps_the_contract(matrix_page: Element) -> None:
    tables = matrix_page.find_all("table", class_="tapssec-matrix")
    assert len(tables) == 11
    for table in tables:
        read_matrix(table)  # asserts the contract


def test_caption_and_name(matrix_page: Element) -> None:
    captioned = _table(matrix_page, "m-caption")
    assert captioned.find("caption").find("span", class_="caption-text").text() == "A custom caption"
    assert _table(matrix_page, "m-default").find_all("caption") == []
    reference = next(p for p in matrix_page.find_all("p") if p.text().startswith("See "))
    assert reference.find("a").attrs["href"] == "#m-caption"
    assert reference.find("a").text() == "A custom caption"


def test_legend_option(matrix_page: Element) -> None:
    assert _block(matrix_page, "m-default").find_all("p", class_="tapssec-legend")
    assert _block(matrix_page, "m-no-legend").find_all("p", class_="tapssec-legend") == []
    legend = _block(matrix_page, "m-phase").find("p", class_="tapssec-legend")
    assert "KU Key Update." in " ".join(legend.text().split())
    assert "IPK" not in legend.text()


def test_notes_option(matrix_page: Element) -> None:
    with_notes = _block(matrix_page, "m-default")
    assert len(with_notes.find("ol", class_="tapssec-notes").find_all("li")) == 1
    assert len(with_notes.find_all("sup")) == 1
    without = _block(matrix_page, "m-no-notes")
    assert without.find_all("ol") == []
    assert without.find_all("sup") == []
    assert read_matrix(_table(matrix_page, "m-no-notes")).rows["Alpha"] == ALPHA


def test_note_ids_are_unique_on_the_page(matrix_page: Element) -> None:
    ids = [element.attrs["id"] for element in matrix_page.iter() if "id" in element.attrs]
    assert len(ids) == len(set(ids))
    targets = {a.attrs["href"][1:] for a in matrix_page.find_all("a") if a.attrs.get("href", "").startswith("#")}
    assert targets <= set(ids)


def test_class_option(matrix_page: Element) -> None:
    block = _block(matrix_page, "m-class")
    assert {"extra-class", "another"} <= set(block.classes)
    assert "extra-class" not in _block(matrix_page, "m-default").classes


def _description(page: Element, kind: str, key: str) -> Element:
    signature = page.find("dt", id=f"tapssec-{kind}-{key}")
    assert signature.parent is not None
    return signature.parent.find("dd")


def test_secproto_hide(options_page: Element) -> None:
    alpha = _description(options_page, "protocol", "alpha")
    rubrics = [p.text() for p in alpha.find_all("p", class_="rubric")]
    assert rubrics == ["Transport dependencies", "Interfaces exposed"]
    assert "References:" not in alpha.text()
    assert "A stream protocol." in alpha.text()
    beta = _description(options_page, "protocol", "beta")
    assert [p.text() for p in beta.find_all("p", class_="rubric")] == ["Handshake and record"]
    assert "A packet protocol." not in beta.text()
    assert "Category" not in beta.text()
    assert "References: [PAPER]" in " ".join(beta.text().split())


def test_interface_no_list(options_page: Element) -> None:
    ipk = _description(options_page, "interface", "ipk")
    assert "Exposed by" not in ipk.text()
    assert ipk.find_all("ul") == []
    ku = _description(options_page, "interface", "ku")
    assert [li.text() for li in ku.find("ul", class_="tapssec-exposers").find_all("li")] == [
        "Alpha (version 2 only [PAPER])"
    ]


def _section(page: Element, section_id: str) -> Element:
    return page.find("section", id=section_id)


def test_transport_deps_one_class(options_page: Element) -> None:
    mappings = _section(options_page, "mappings")
    assert mappings.find_all("p", class_="rubric") == []  # one class: no class headings
    assert [" ".join(li.text().split()) for li in mappings.find_all("li")] == ["Beta [RFC0001]"]
    assert [p.text() for p in mappings.find_all("strong")] == ["Packet Protocols"]
    specific = _section(options_page, "specific")
    assert [" ".join(li.text().split()) for li in specific.find_all("li")] == [
        "Alpha depends on a feature of its transport: Needs a TCP option. [RFC0001]",
        "Gamma provides its own transport functionality [DEP]",
    ]


def test_protocol_list_options(options_page: Element) -> None:
    packet = _section(options_page, "packet-protocols")
    assert [p.text() for p in packet.find_all("p", class_="rubric")] == ["Packet Protocols"]
    assert [li.text() for li in packet.find_all("li")] == ["Beta — A packet protocol.", "Gamma — Described only."]
    in_table = _section(options_page, "protocols-in-the-table")
    assert [li.text().split(" — ")[0] for li in in_table.find_all("li")] == ["Alpha", "Beta"]


def test_omitted_protocols(options_page: Element) -> None:
    omitted = _section(options_page, "omitted").find("dl", class_="tapssec-omitted")
    assert [dt.text() for dt in omitted.find_all("dt")] == ["OldProtono unique interface"]


def test_catalog_format(options_page: Element) -> None:
    section = _section(options_page, "format")
    tables = {table.attrs.get("id"): table for table in section.find_all("table")}
    assert {"tapssec-format-protocol", "tapssec-format-interface", "tapssec-format-reference"} <= set(tables)
    rows = tables["tapssec-format-protocol"].find("tbody").find_all("tr")
    fields = {row.child_elements()[0].text(): row.child_elements()[2].text() for row in rows}
    assert fields["id"] == "yes"
    assert fields["references"] == "no"
    meanings = {row.child_elements()[0].text(): row.child_elements()[3].text() for row in rows}
    # The pattern keeps its backslash (SmartQuotes once read "\." as an escaped full stop).
    assert meanings["section"].endswith("Pattern: ^(?:[0-9]+(\\.[0-9]+)*)$")
    files = [li.text() for li in section.find("ul").find_all("li")]
    assert any(item.startswith("protocols/*.yaml:") for item in files)


def test_reference_list_no_index(root_build: Built) -> None:
    page = root_build.page("refs-noindex")
    terms = page.find("dl", class_="tapssec-references").find_all("dt")
    assert [dt.text() for dt in terms] == ["[RFC0001]", "[PAPER]", "[INLINE]", "[DEP]", "[UNCITED]"]
    assert all("id" not in dt.attrs for dt in terms)
    # Citations link to the indexed list on the other page, never to this one.
    options = root_build.page("options")
    hrefs = {a.attrs["href"] for a in options.find_all("a") if "tapssec-reference-" in a.attrs["href"]}
    assert hrefs
    assert all(href.startswith("refs.html#") for href in hrefs)


def test_reference_list_cited(root_build: Built) -> None:
    page = root_build.page("refs")
    terms = [dt.text() for dt in page.find("dl", class_="tapssec-references").find_all("dt")]
    # INLINE is cited inside gamma's description, DEP by gamma's transport dependency.
    assert terms == ["[RFC0001]", "[PAPER]", "[INLINE]", "[DEP]"]


def test_citations_in_text_link_to_the_reference(root_build: Built) -> None:
    page = root_build.page("options")
    hrefs = {a.attrs["href"] for a in page.find_all("a")}
    assert "refs.html#tapssec-reference-dep" in hrefs
