"""The ``protocol-overview`` cards on ``test-pictures`` (its ``stack-diagram``: test_stack_diagram.py).

Also the parts of the interactive matrix that need no browser: the classes the script reads,
the ``scope`` attributes of its header cells in HTML, and the assets.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from helpers import SMALL_TRANSPORTS, Built, build, copy_root, subtypes_of, warnings_of
from read_output import Element, parse_html

from sphinx_tapssec.sphinxext.nodes import header_entry, visit_header_entry_html

if TYPE_CHECKING:
    from pathlib import Path

#: The root built once for the module's tests (the ``root_build`` fixture).
ROOT = "pictures"


@pytest.fixture(scope="module")
def page(root_build: Built) -> Element:
    return root_build.page()


def _cards(overview: Element) -> dict[str, Element]:
    cards = overview.find_all("div", class_="sd-card")
    return {card.find("p", class_="tapssec-card-title").text().strip(): card for card in cards}


def _badges(card: Element, label: str) -> list[str]:
    for paragraph in card.find_all("p", class_="sd-card-text"):
        if paragraph.text().strip().startswith(label):
            return [badge.text().strip() for badge in paragraph.find_all("span", class_="sd-badge")]
    return []


def test_no_warnings(root_build: Built) -> None:
    assert root_build.warnings == []


def test_overview_by_category(page: Element) -> None:
    overview = page.find_all("div", class_="tapssec-overview")[0]
    groups = [rubric.text().strip() for rubric in overview.find_all("p", class_="rubric")]
    assert groups == ["Stream Protocols", "Packet Protocols"]
    cards = _cards(overview)
    assert sorted(cards) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert _badges(cards["Beta"], "Exposes:") == ["IPK", "ALG"]
    assert _badges(cards["Beta"], "Runs over:") == ["datagram", "byte stream mapping"]
    assert _badges(cards["Alpha"], "Runs over:") == ["byte stream", "transport specific"]
    assert "Not in the interface matrix." in cards["Gamma"].text()  # no survey.yaml in this root
    # Names and codes lead to their descriptions, with the long name as the link's title.
    title = cards["Beta"].find("p", class_="tapssec-card-title").find("a")
    assert title.attrs["href"] == "#tapssec-protocol-beta"
    exposes = next(p for p in cards["Beta"].find_all("p") if p.text().startswith("Exposes:"))
    badge_link = exposes.find("span", class_="sd-badge").find("a")
    assert badge_link.attrs["href"] == "#tapssec-interface-ipk"
    assert badge_link.attrs["title"] == "Identities and Private Keys"
    # sphinx-design's grid, so its stylesheet lays the cards out.
    assert overview.find_all("div", class_="sd-row")
    assert all("sd-col" in item.classes for item in overview.find_all("div", class_="sd-col"))


def test_overview_by_transport(page: Element) -> None:
    overview = page.find("div", class_="by-transport")
    assert "tapssec-overview" in overview.classes
    groups = [rubric.text().strip() for rubric in overview.find_all("p", class_="rubric")]
    assert groups == SMALL_TRANSPORTS
    grids = overview.find_all("div", class_="sd-container-fluid")
    members = [sorted(_cards(grid)) for grid in grids]
    assert members == [["Alpha"], ["Beta", "Delta"], ["Beta"], ["Alpha", "Delta"]]
    assert _badges(_cards(grids[0])["Alpha"], "Category:") == ["stream"]


def test_matrix_rows_and_columns_carry_their_classes(page: Element) -> None:
    table = page.find("table", id="the-matrix")
    head = table.find("thead").find_all("th")
    assert head[1].classes[1:] == ["tapssec-interface-ipk", "tapssec-phase-pre-connection"]
    rows = {row.find("th").text().strip(): row.classes for row in table.find("tbody").find_all("tr")}
    assert rows["Alpha"][:4] == [
        "tapssec-protocol-alpha",
        "tapssec-category-stream",
        "tapssec-transport-byte-stream",
        "tapssec-transport-transport-specific",
    ]
    assert rows["Beta"][:4] == [
        "tapssec-protocol-beta",
        "tapssec-category-packet",
        "tapssec-transport-datagram",
        "tapssec-transport-byte-stream-mapping",
    ]
    scopes = [cell.attrs.get("scope") for cell in table.find_all("th")]
    assert scopes == ["col"] * len(head) + ["row"] * (len(scopes) - len(head))


def test_the_script_and_stylesheet_are_linked_and_copied(root_build: Built) -> None:
    html = (root_build.outdir / "index.html").read_text(encoding="utf-8")
    # Deferred, so the table shows at once; Sphinx may add a ``?v=`` checksum for caches.
    assert re.search(r'<script defer="defer" src="_static/tapssec-matrix\.js(\?v=[0-9a-f]+)?"></script>', html)
    assert "_static/tapssec.css" in html
    script = (root_build.outdir / "_static" / "tapssec-matrix.js").read_text(encoding="utf-8")
    assert "http://" not in script and "https://" not in script, "the script loads nothing from anywhere"


def test_a_projects_own_stylesheet_replaces_ours(tmp_path: Path) -> None:
    srcdir = copy_root("pictures", tmp_path)
    (srcdir / "_static").mkdir()
    (srcdir / "_static" / "tapssec.css").write_text("/* the project's own */\n", encoding="utf-8")
    app = build(srcdir, "html", freshenv=True, confoverrides={"html_static_path": ["_static"]})
    try:
        assert warnings_of(app) == []
        static = app.outdir / "_static"
        assert (static / "tapssec.css").read_text(encoding="utf-8") == "/* the project's own */\n"
        assert "tapssec-matrix" in (static / "tapssec-matrix.js").read_text(encoding="utf-8"), "ours still copied"
    finally:
        app.cleanup()


class _Translator:
    """What visit_header_entry_html uses of an HTML translator: ``body`` and ``visit_entry``."""

    def __init__(self, tag: str) -> None:
        self.body = ["<tr>"]
        self.tag = tag

    def visit_entry(self, node: object) -> None:
        self.body.append(self.tag)


@pytest.mark.parametrize(
    ("written", "scope", "expected"),
    [
        ('<th class="head stub">', "col", '<th scope="col" class="head stub">'),
        ('<th class="stub" id="x">', "row", '<th scope="row" class="stub" id="x">'),
        ("<th>", "row", '<th scope="row">'),
        ("<td>", "row", "<td>"),  # a data cell never gets a scope
    ],
)
def test_the_scope_goes_on_the_start_tag_the_translator_wrote(written: str, scope: str, expected: str) -> None:
    translator = _Translator(written)
    visit_header_entry_html(translator, header_entry(scope=scope))  # type: ignore[arg-type]
    assert translator.body == ["<tr>", expected]


def test_cards_without_sphinx_design_warn_and_keep_their_content(tmp_path: Path) -> None:
    srcdir = copy_root("pictures", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(', "sphinx_design"', ""), encoding="utf-8")
    app = build(srcdir, "html", freshenv=True)
    try:
        warnings = warnings_of(app)
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    cards = [line for line in warnings if "[tapssec.cards]" in line]
    # One warning per directive, at its line, naming the fix.
    assert [line.split(": WARNING")[0].rsplit(":", 1)[1] for line in cards] == ["4", "6"]
    assert all('add "sphinx_design" to extensions' in line for line in cards)
    assert subtypes_of(warnings).count("cards") == 2
    # The extension did not load sphinx-design itself: no stylesheet of it on the page.
    assert "sphinx-design" not in html
    page = parse_html(html)
    assert sorted(_cards(page.find_all("div", class_="tapssec-overview")[0])) == ["Alpha", "Beta", "Delta", "Gamma"]
