"""Every directive and role of the extension from MyST Markdown, on ``test-myst``.

``index.md`` uses each directive (under its top-level name and its ``tapssec:`` name) and
each role; ``twin-rst.rst`` and ``twin-md.md`` say the same in both syntaxes and must render
to the same HTML.
"""

from __future__ import annotations

import pytest
from helpers import ROOTS, SMALL_ROWS, Built, registered
from read_output import Element, read_matrix

pytest.importorskip("myst_parser", reason="MyST tests need myst-parser: pip install -e '.[test]'")

#: The root built once for the module's tests (the ``root_build`` fixture).
ROOT = "myst"


@pytest.fixture(scope="module")
def index(root_build: Built) -> Element:
    return root_build.page()


def test_the_markdown_root_uses_every_directive_and_role() -> None:
    source = (ROOTS / "test-myst" / "index.md").read_text(encoding="utf-8")
    registry = registered()
    assert "secproto" in registry.directives and "tapssec:protocol" in registry.directives
    unused_directives = sorted({name for name in registry.directives if f"```{{{name}}}" not in source})
    unused_roles = sorted({name for name in registry.roles if f"{{{name}}}`" not in source})
    assert unused_directives == [], "add them to tests/roots/test-myst/index.md"
    assert unused_roles == [], "add them to tests/roots/test-myst/index.md"


def test_builds_without_warnings(root_build: Built) -> None:
    assert root_build.warnings == []


def test_descriptions_and_their_markdown_content(index: Element) -> None:
    for target in (
        "tapssec-protocol-alpha",
        "tapssec-protocol-beta",
        "tapssec-protocol-gamma",
        "tapssec-interface-ipk",
        "tapssec-interface-alg",
        "tapssec-interface-ku",
        "tapssec-category-stream",
        "tapssec-phase-pre-connection",
        "tapssec-transport-datagram",
    ):
        assert index.find_all(id=target), target
    alpha = index.find("dt", id="tapssec-protocol-alpha").parent
    assert alpha is not None
    extra = next(p for p in alpha.find_all("p") if p.text().startswith("Extra prose"))
    assert extra.find("strong").text() == "bold"
    assert extra.find("a").attrs["href"] == "#tapssec-protocol-beta"


def test_matrices_lists_and_pictures(index: Element) -> None:
    tables = index.find_all("table", class_="tapssec-matrix")
    assert len(tables) == 4
    matrix = read_matrix(index.find("table", id="md-matrix"))
    assert matrix.rows == SMALL_ROWS
    assert read_matrix(tables[1]).codes == ("IPK", "ALG")
    assert list(read_matrix(tables[2]).rows) == ["Beta"]
    # ``:taps:``: IPK is fully covered, ALG partly (the catalog's taps-api.yaml).
    assert [cell.classes[-1] for cell in tables[3].find_all("td", class_="tapssec-exposed")] == [
        "tapssec-taps-full",
        "tapssec-taps-full",
        "tapssec-taps-partial",
    ]
    mappings = index.find_all("table", class_="tapssec-taps-mapping")
    assert [len(table.find("tbody").child_elements("tr")) for table in mappings] == [3, 2]
    assert len(index.find_all("div", class_="tapssec-overview")) == 2
    assert index.find_all(class_="tapssec-transport-deps")
    assert index.find_all(class_="tapssec-protocol-list")
    assert index.find_all(class_="tapssec-references")
    assert len(index.find_all("div", class_="tapssec-developments-list")) == 2
    assert len(index.find_all("div", class_="tapssec-developments")) == 1
    drawn = index.find_all("svg", class_="tapssec-stack-svg")
    assert len(drawn) == 2
    assert not index.find_all("div", class_="tapssec-stack-fallback")


def test_roles_resolve(index: Element) -> None:
    links = {(a.text().strip(), a.attrs.get("href", "")) for a in index.find_all("a")}
    for expected in (
        ("Alpha", "#tapssec-protocol-alpha"),
        ("the beta protocol", "#tapssec-protocol-beta"),
        ("IPK", "#tapssec-interface-ipk"),
        ("Pre-Connection", "#tapssec-phase-pre-connection"),
        ("[RFC0001]", "#tapssec-reference-rfc0001"),
        ("The matrix, from Markdown", "#md-matrix"),
    ):
        assert expected in links, expected


def _section(root_build: Built, name: str) -> str:
    html = (root_build.outdir / f"{name}.html").read_text(encoding="utf-8")
    return html[html.index('<section id="twin">') : html.index("</section>")]


def test_markdown_renders_as_restructuredtext_does(root_build: Built) -> None:
    markdown, rest = _section(root_build, "twin-md"), _section(root_build, "twin-rst")
    assert "tapssec-matrix" in rest and "tapssec-overview" in rest
    assert markdown == rest
