"""The ``tapssec_*`` options in real builds: the bundled survey, extra catalogs, URL schemes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from helpers import SMALL_ROWS, html_page, quiet_page, subtypes_of, warnings_of
from read_output import read_matrix, text_matrix_lines

from sphinx_tapssec.sphinxext.config import option_help

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

TABLE_1_CODES = ["IPK", "ALG", "EXT", "CM", "AD", "PSKI", "IV", "SAV", "CT", "KU", "PSKE", "KE", "ME"]
TABLE_1_NAMES = ["TLS", "DTLS", "ZRTP", "QUIC", "tcpcrypt", "MinimaLT", "CurveCP", "IPsec", "WireGuard", "OpenVPN"]


@pytest.mark.sphinx("html", testroot="bundled", srcdir="bundled")
def test_bundled_survey_by_default(app: SphinxTestApp) -> None:
    """A project with only ``extensions = ["sphinx_tapssec"]`` renders the survey's Table 1."""
    page = quiet_page(app)
    matrix = read_matrix(page.find("table", class_="tapssec-matrix"))
    assert list(matrix.rows) == TABLE_1_NAMES
    assert matrix.codes == ("IPK", "ALG", "EXT", "CM", "AD", "PSKI", "IV", "SAV", "CT", "KU", "PSKE", "KE", "ME")
    assert matrix.rows["CurveCP"] == {"IPK", "IV", "ME"}
    assert matrix.rows["IPsec"] == frozenset(matrix.codes) - {"EXT", "CM"}


@pytest.mark.sphinx("text", testroot="bundled", srcdir="bundled")
def test_bundled_survey_as_text(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    header, *rows = text_matrix_lines(text)
    assert header.split() == ["Protocol", *TABLE_1_CODES]
    assert [row.split()[0] for row in rows] == TABLE_1_NAMES
    # As compact as the survey's own Table 1 (which fits in 72 columns): no line of the page is wider than 80.
    assert max(len(line) for line in text.splitlines()) <= 80
    assert max(len(line) for line in text_matrix_lines(text)) <= 72
    assert "**Legend:** x = the interface is exposed" in text
    # Bold text is written **so**: never with a space inside the stars.
    assert [bold for bold in re.findall(r"\*\*(.+?)\*\*", text) if bold != bold.strip()] == []


@pytest.mark.sphinx("html", testroot="extra-catalog", srcdir="extra-catalog")
def test_extra_catalog_adds_protocols_and_references(app: SphinxTestApp) -> None:
    page = quiet_page(app)
    matrix = read_matrix(page.find("table", id="matrix"))
    assert matrix.rows == {
        **SMALL_ROWS,
        "Delta": frozenset({"ALG", "KU"}),
    }
    delta = page.find("dt", id="tapssec-protocol-delta")
    assert "Delta From Another Catalog" in delta.text()
    assert delta.parent is not None
    hrefs = [a.attrs["href"] for a in delta.parent.find("dd").find_all("a")]
    assert "#tapssec-reference-extra" in hrefs
    assert "#tapssec-reference-rfc0001" in hrefs
    terms = [dt.text() for dt in page.find("dl", class_="tapssec-references").find_all("dt")]
    assert terms == ["[RFC0001]", "[PAPER]", "[EXTRA]"]
    exposers = page.find("dt", id="tapssec-interface-ku").parent
    assert exposers is not None
    assert [" ".join(li.text().split()) for li in exposers.find("ul", class_="tapssec-exposers").find_all("li")] == [
        "Alpha (version 2 only [PAPER])",
        "Delta (since version 3 [EXTRA])",
    ]


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic", confoverrides={"tapssec_url_schemes": ["ftp"]})
def test_url_schemes_decide_what_becomes_a_link(app: SphinxTestApp) -> None:
    app.build()
    lines = warnings_of(app)
    assert subtypes_of(lines) == ["unsafe_url", "unsafe_url"]
    assert all("catalog/references.yaml:" in line for line in lines)
    page = html_page(app)
    assert page.find("dl", class_="tapssec-references").find_all("a", class_="external") == []


def test_every_option_is_documented() -> None:
    names = [name for name, _, _ in option_help()]
    assert {"tapssec_catalog", "tapssec_extra_catalogs", "tapssec_strict", "tapssec_url_schemes"} <= set(names)
    assert all(name.startswith("tapssec_") for name in names)
    assert all(text for _, _, text in option_help())
