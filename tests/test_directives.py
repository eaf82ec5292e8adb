"""Every directive of ``test-basic`` with every builder, and the HTML contract of what they render."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from helpers import SMALL_ROWS, SMALL_TRANSPORTS, Built, build_once, copy_root
from read_output import Element, Matrix, latex_table, matrices, parse_html, read_domain_index, text_matrix_lines
from sphinx.util.inventory import InventoryFile

#: The package's static files (CSS, JS), as the HTML builders must copy them.
STATIC = Path(__file__).parent.parent / "sphinx_tapssec" / "static"

#: The root built once for the module's tests (the ``root_build`` fixture).
ROOT = "basic"
#: EPUB refuses to build quietly without these.
EPUB_CONF = {"version": "1.0", "release": "1.0", "copyright": "2026, tests", "epub_copyright": "2026, tests"}

BASIC_MATRIX = Matrix(codes=("IPK", "ALG", "KU"), rows=SMALL_ROWS)


@pytest.fixture(scope="module")
def basic_page(root_build: Built) -> Element:
    return root_build.page()


# --- every builder --------------------------------------------------------------------------

#: The domain index of ``test-basic``: group -> (entry, anchor of its description), in order.
BASIC_INDEX = {
    "Packet Protocols": [
        ("Beta (Beta Packet Security)", "tapssec-protocol-beta"),
        ("Gamma (Gamma Record Layer)", "tapssec-protocol-gamma"),
    ],
    "Post-Connection": [("KU (Key Update)", "tapssec-interface-ku")],
    "Pre-Connection": [
        ("ALG (Supported Algorithms)", "tapssec-interface-alg"),
        ("IPK (Identities and Private Keys)", "tapssec-interface-ipk"),
    ],
    "Stream Protocols": [("Alpha (Alpha Stream Security)", "tapssec-protocol-alpha")],
}
#: The matrix as the plain outputs print it, below its header line.
PLAIN_ROWS = ["Alpha     x       x^1", "Beta      x   x"]


def _index_at(page: str) -> dict[str, list[tuple[str, str]]]:
    """:data:`BASIC_INDEX` with each anchor as a link from the index page (``page#anchor``)."""
    return {group: [(text, f"{page}#{anchor}") for text, anchor in entries] for group, entries in BASIC_INDEX.items()}


def _check_html(built: Built) -> None:
    page = built.page()
    assert matrices(page) == [BASIC_MATRIX]
    a11y = [span.text() for span in page.find_all("span", class_="tapssec-a11y")]
    assert a11y == [" (Alpha exposes IPK)", " (Alpha exposes KU)", " (Beta exposes IPK)", " (Beta exposes ALG)"]
    css = [link.attrs["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(href.startswith("_static/tapssec.css") for href in css)
    assert (built.outdir / "_static" / "tapssec.css").read_bytes() == (STATIC / "tapssec.css").read_bytes()


def _check_dirhtml(built: Built) -> None:
    assert matrices(built.page()) == [BASIC_MATRIX]
    # Each page is a folder: the index links up to the folder of the page.
    assert read_domain_index(built.page("tapssec-index/index")) == _index_at("../")


def _check_singlehtml(built: Built) -> None:
    page = built.page()
    assert matrices(page) == [BASIC_MATRIX]
    # Everything is on one page: every link to an entry is an anchor that page holds.
    anchors = {
        a.attrs["href"] for a in page.find_all("a", class_="reference") if a.attrs["href"].startswith("#tapssec-")
    }
    assert {"#tapssec-protocol-alpha", "#tapssec-interface-ipk", "#tapssec-reference-paper"} <= anchors
    assert {anchor[1:] for anchor in anchors} <= {element.attrs.get("id") for element in page.iter()}


def _check_epub(built: Built) -> None:
    page = built.outdir / "index.xhtml"
    assert matrices(parse_html(page.read_text(encoding="utf-8"))) == [BASIC_MATRIX]
    (book,) = built.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("index.xhtml") == page.read_bytes()


def _check_latex(built: Built) -> None:
    tex = built.output("*.tex")
    # In a smaller font: one stub column and three interface columns, with the caption.
    group = tex[tex.index(r"\begingroup\footnotesize") :]
    group = group[: group.index(r"\endgroup")]
    assert r"\begin{tabulary}{\linewidth}[t]{TTTT}" in group
    assert r"\sphinxcaption{The matrix}" in group
    rows = latex_table(group)
    assert [[cell.text for cell in row] for row in rows] == [
        ["Protocol", "IPK", "ALG", "KU"],
        ["Alpha", "x", "", "x^1"],
        ["Beta", "x", "x", ""],
    ]
    # Protocol names link to their descriptions, interface codes to theirs, the note mark to its note.
    assert [cell.target for cell in rows[0][1:]] == [f"index:tapssec-interface-{code}" for code in ("ipk", "alg", "ku")]
    assert [row[0].target for row in rows[1:]] == ["index:tapssec-protocol-alpha", "index:tapssec-protocol-beta"]
    assert rows[1][3].target == r"index:tapssec-matrix-0-note-1"
    assert r"\label{\detokenize{index:tapssec-protocol-alpha}}" in tex
    assert "exposes" not in tex  # the screen-reader text is for HTML only


def _check_text(built: Built) -> None:
    text = built.output("index.txt")
    # The survey's compact form: columns one space apart, a mark in the middle of its column.
    assert text_matrix_lines(text) == ["Protocol IPK ALG  KU", *PLAIN_ROWS]
    assert "**Legend:** x = the interface is exposed; blank = not exposed." in text
    assert "1. Alpha, KU: version 2 only *[PAPER]*" in text
    assert "exposes" not in text


def _check_man(built: Built) -> None:
    man = built.output("*.1")
    # Preformatted, as compact as in the text output.
    assert text_matrix_lines(man[man.index(".EX") : man.index(".EE")])[1:] == PLAIN_ROWS
    assert "exposes" not in man


def _check_texinfo(built: Built) -> None:
    texi = built.output("*.texi")
    assert text_matrix_lines(texi[texi.index("@example") : texi.index("@end example")])[1:] == PLAIN_ROWS
    assert "exposes" not in texi


def test_latex_note_mark_has_its_target(tmp_path: Path) -> None:
    tex = build_once(copy_root("basic", tmp_path), "latex", freshenv=True).output("*.tex")
    assert r"\hyperref[\detokenize{index:tapssec-matrix-0-note-1}]" in tex
    assert r"\label{\detokenize{index:tapssec-matrix-0-note-1}}" in tex


#: Builder -> what its output of ``test-basic`` must hold.
CHECKS = {
    "html": _check_html,
    "dirhtml": _check_dirhtml,
    "singlehtml": _check_singlehtml,
    "epub": _check_epub,
    "latex": _check_latex,
    "text": _check_text,
    "man": _check_man,
    "texinfo": _check_texinfo,
}


@pytest.mark.parametrize("buildername", list(CHECKS))
def test_builder(tmp_path: Path, buildername: str) -> None:
    conf = EPUB_CONF if buildername == "epub" else {}
    built = build_once(copy_root("basic", tmp_path), buildername, freshenv=True, confoverrides=conf)
    assert built.warnings == []
    CHECKS[buildername](built)


# --- the HTML contract (one build) ------------------------------------------------------------


def test_basic_html_has_no_warnings(root_build: Built) -> None:
    assert root_build.warnings == []


def test_matrix_table_contract(basic_page: Element) -> None:
    (table,) = basic_page.find_all("table", class_="tapssec-matrix")
    assert table.attrs["id"] == "the-matrix"
    assert table.find("caption").text().strip().startswith("The matrix")
    header = table.find("thead").find("tr").child_elements()
    assert [cell.tag for cell in header] == ["th"] * 4
    assert header[0].text().strip() == "Protocol"
    for row in table.find("tbody").child_elements("tr"):
        for cell in row.child_elements("td"):
            if "tapssec-exposed" in cell.classes:
                assert cell.find("span", class_="tapssec-mark").text() == "x"
            else:
                assert cell.text() == ""
                assert not cell.find_all("span")
    # Protocol names link to their descriptions, interface codes to theirs.
    stub_links = [th.find("a").attrs["href"] for th in table.find("tbody").find_all("th")]
    assert stub_links == ["#tapssec-protocol-alpha", "#tapssec-protocol-beta"]
    head_links = [th.find("a").attrs["href"] for th in header[1:]]
    assert head_links == ["#tapssec-interface-ipk", "#tapssec-interface-alg", "#tapssec-interface-ku"]


def test_matrix_legend_and_notes(basic_page: Element) -> None:
    block = basic_page.find("div", class_="tapssec-matrix-block")
    legend = block.find("p", class_="tapssec-legend")
    assert "IPK Identities and Private Keys" in " ".join(legend.text().split())
    notes = block.find("ol", class_="tapssec-notes").child_elements("li")
    assert [" ".join(li.text().split()) for li in notes] == ["Alpha, KU: version 2 only [PAPER]"]
    marker = block.find("sup").find("a")
    assert marker.attrs["href"] == "#" + notes[0].attrs["id"]


def test_matrix_labels_for_the_script(basic_page: Element) -> None:
    """The names the page script shows travel as JSON in data- attributes, keyed as the classes spell the ids."""
    block = basic_page.find("div", class_="tapssec-matrix-block")
    (labels,) = block.find_all("div", class_="tapssec-matrix-labels")
    assert "hidden" in labels.attrs and labels.text() == ""
    assert json.loads(labels.attrs["data-phase"]) == {
        "pre-connection": "Pre-Connection",
        "post-connection": "Post-Connection",
    }
    assert json.loads(labels.attrs["data-category"]) == {"stream": "Stream Protocols", "packet": "Packet Protocols"}
    assert json.loads(labels.attrs["data-interface"]) == {
        "ipk": "Identities and Private Keys",
        "alg": "Supported Algorithms",
        "ku": "Key Update",
    }
    assert json.loads(labels.attrs["data-protocol"]) == {
        "alpha": "Alpha Stream Security",
        "beta": "Beta Packet Security",
    }
    assert json.loads(labels.attrs["data-transport"])["datagram"] == "Unreliable Datagram Transports"


def _description(page: Element, kind: str, key: str) -> Element:
    """The ``<dl>`` describing a catalog entry."""
    signature = page.find("dt", id=f"tapssec-{kind}-{key}")
    assert signature.parent is not None
    assert signature.parent.tag == "dl"
    assert signature.parent.classes == ["tapssec", kind]
    return signature.parent


def test_secproto_renders_the_catalog_record(basic_page: Element) -> None:
    alpha = _description(basic_page, "protocol", "alpha")
    signature = " ".join(alpha.find("dt").text().split())
    assert signature.startswith("Alpha — Alpha Stream Security")
    body = " ".join(alpha.find("dd").text().split())
    for expected in (
        "A stream protocol.",
        "Alpha protects streams [RFC0001].",
        "It has a second paragraph.",
        "Category: Stream Protocols",
        "Section: 1.1",  # the basic catalog declares no surveyed document (see test_own_catalog.py)
        "Handshake: Negotiates keys.",
        "Listed under: Reliable Byte-Stream Transports",
        "Depends on a feature of its transport: Needs a TCP option. [RFC0001]",
        "KU (Key Update) (version 2 only [PAPER])",
        "References: [RFC0001]",
    ):
        assert expected in body
    exposed = alpha.find("ul", class_="tapssec-interfaces").find_all("a")
    assert [a.attrs["href"] for a in exposed] == [
        "#tapssec-interface-ipk",
        "#tapssec-interface-ku",
        "#tapssec-reference-paper",
    ]


def test_secproto_content_follows_the_catalog_body(basic_page: Element) -> None:
    beta = _description(basic_page, "protocol", "beta")
    paragraphs = [" ".join(p.text().split()) for p in beta.find("dd").child_elements("p")]
    assert paragraphs == ["Extra prose about Beta."]


def test_protocol_outside_the_table(basic_page: Element) -> None:
    gamma = _description(basic_page, "protocol", "gamma")
    body = " ".join(gamma.text().split())
    assert "In the interface matrix: no" in body
    assert "Not part of the interface matrix." in body


def test_interface_lists_its_exposers(basic_page: Element) -> None:
    lists = {
        key: [
            " ".join(li.text().split()) for li in _description(basic_page, "interface", key).find("ul").find_all("li")
        ]
        for key in ("ipk", "alg", "ku")
    }
    assert lists == {"ipk": ["Alpha", "Beta"], "alg": ["Beta"], "ku": ["Alpha (version 2 only [PAPER])"]}


def test_category_phase_and_transport_descriptions(basic_page: Element) -> None:
    packet = _description(basic_page, "category", "packet")
    assert [li.text() for li in packet.find("ul", class_="tapssec-members").find_all("li")] == [
        "Beta (Beta Packet Security)",
        "Gamma (Gamma Record Layer)",
    ]
    phase = _description(basic_page, "phase", "pre-connection")
    assert [a.text() for a in phase.find("ul").find_all("a")] == ["IPK", "ALG"]
    datagram = _description(basic_page, "transport", "datagram")
    assert "Framed messages without reliability." in datagram.text()


def test_lists_render(basic_page: Element) -> None:
    deps = basic_page.find("div", class_="tapssec-transport-deps")
    rubrics = [p.text() for p in deps.find_all("p", class_="rubric")]
    assert rubrics == SMALL_TRANSPORTS
    protocols = basic_page.find("div", class_="tapssec-protocol-list")
    items = [" ".join(li.text().split()) for li in protocols.find_all("li")]
    assert items == ["Alpha — A stream protocol.", "Beta — A packet protocol.", "Gamma — Described only."]
    omitted = basic_page.find("dl", class_="tapssec-omitted")
    assert omitted.find("dt").text() == "OldProtono unique interface"
    assert omitted.find("span", class_="classifier").text() == "no unique interface"
    assert " ".join(omitted.find("dd").text().split()) == "Offers nothing the others lack. [PAPER]"
    references = basic_page.find("dl", class_="tapssec-references")
    assert [dt.attrs["id"] for dt in references.find_all("dt")] == [
        "tapssec-reference-rfc0001",
        "tapssec-reference-paper",
    ]
    assert [a.attrs["href"] for a in references.find_all("a", class_="external")] == [
        "https://www.rfc-editor.org/info/rfc1",
        "https://example.org/paper.pdf",
    ]


def test_roles_resolve_to_links(basic_page: Element) -> None:
    links = next(p for p in basic_page.find_all("p") if p.text().startswith("Links:"))
    anchors = {a.text(): a.attrs["href"] for a in links.find_all("a")}
    assert anchors == {
        "Alpha": "#tapssec-protocol-alpha",
        "IPK": "#tapssec-interface-ipk",
        "[RFC0001]": "#tapssec-reference-rfc0001",
        "Packet Protocols": "#tapssec-category-packet",
        "Pre-Connection": "#tapssec-phase-pre-connection",
        "Unreliable Datagram Transports": "#tapssec-transport-datagram",
        "The matrix": "#the-matrix",
    }
    # In the catalog but described nowhere in the project: text, not a link, and no warning.
    plain = [span.text() for span in links.child_elements("span")]
    assert plain == ["Reliable Byte-Stream Transports"]


def test_link_titles_are_long_names(basic_page: Element) -> None:
    titles = {a.attrs["href"]: a.attrs.get("title") for a in basic_page.find_all("a", class_="internal")}
    assert titles["#tapssec-protocol-alpha"] == "Alpha Stream Security"
    assert titles["#tapssec-interface-ku"] == "Key Update"
    assert titles["#tapssec-reference-paper"] == "A Paper"


def test_objects_inventory(root_build: Built) -> None:
    inventory = InventoryFile.loads((root_build.outdir / "objects.inv").read_bytes(), uri="").data
    assert {name: item.uri for name, item in inventory["tapssec:protocol"].items()} == {
        "alpha": "index.html#tapssec-protocol-alpha",
        "beta": "index.html#tapssec-protocol-beta",
        "gamma": "index.html#tapssec-protocol-gamma",
    }
    assert {name: item.uri for name, item in inventory["tapssec:interface"].items()} == {
        "IPK": "index.html#tapssec-interface-ipk",
        "ALG": "index.html#tapssec-interface-alg",
        "KU": "index.html#tapssec-interface-ku",
    }
    assert set(inventory["tapssec:category"]) == {"stream", "packet"}
    assert set(inventory["tapssec:phase"]) == {"pre-connection", "post-connection"}
    assert set(inventory["tapssec:transport"]) == {"datagram"}
    assert set(inventory["tapssec:reference"]) == {"RFC0001", "PAPER"}
    assert inventory["tapssec:protocol"]["alpha"].display_name == "Alpha"


def test_domain_index_page(root_build: Built) -> None:
    page = root_build.page("tapssec-index")
    assert " ".join(page.find("h1").text().split()) == "TAPS Security Index"
    assert read_domain_index(page) == _index_at("index.html")


def test_general_index_entries(root_build: Built) -> None:
    page = root_build.page("genindex")
    entries = {" ".join(a.text().split()) for a in page.find_all("a")}
    assert {"Alpha (protocol)", "IPK (interface)", "Stream Protocols (category)"} <= entries
