"""A host project embeds the matrix: its catalog entries link home to the survey site, by intersphinx.

Each test builds the survey site it links to (``test-embedding-home``, in small) and maps
intersphinx to that build's ``objects.inv``: no network.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING

import pytest
from helpers import build, build_once, copy_example, warnings_of
from read_output import parse_html

from sphinx_tapssec.sphinxext.translations import SCRIPT_MESSAGES

if TYPE_CHECKING:
    from pathlib import Path

    from read_output import Element

#: Where the host believes the survey site is served; the inventory itself is a local file.
HOME_URL = "https://survey.example/"


@pytest.fixture(scope="module")
def home_inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``objects.inv`` of a survey site built from the bundled catalog."""
    app = build(copy_example("home", tmp_path_factory.mktemp("home")))
    try:
        assert warnings_of(app) == []
        return app.outdir / "objects.inv"
    finally:
        app.cleanup()


def _build_page(srcdir: Path, page: str = "index", **overrides: object) -> tuple[Element, list[str]]:
    """Build *srcdir* (nitpicky) and return *page* parsed, and the warnings."""
    built = build_once(srcdir, confoverrides={"nitpicky": True, **overrides})
    return built.page(page), built.warnings


def _links(element: Element) -> list[tuple[str, str, str]]:
    return [
        (" ".join(a.text().split()), a.attrs.get("href", ""), a.attrs.get("title", "")) for a in element.find_all("a")
    ]


def _row_header(page: Element, protocol: str) -> Element:
    return page.find("tr", class_=f"tapssec-protocol-{protocol}").find("th")


def test_host_links_home_through_intersphinx(tmp_path: Path, home_inventory: Path) -> None:
    mapping = {"tapssec": (HOME_URL, str(home_inventory))}
    page, warnings = _build_page(copy_example("host", tmp_path), intersphinx_mapping=mapping)
    assert warnings == []
    quic = HOME_URL + "index.html#tapssec-protocol-quic"
    # The row header keeps its contract (a <th> holding the name) and links home, with the local tooltip.
    assert _links(_row_header(page, "quic")) == [("QUIC", quic, "IETF QUIC")]
    # TLS is in the catalog, but the home site does not describe it: plain text, no warning.
    assert _links(_row_header(page, "tls")) == []
    assert _row_header(page, "tls").text().strip() == "TLS"
    header = page.find("th", class_="tapssec-interface-ipk")
    assert _links(header) == [("IPK", HOME_URL + "index.html#tapssec-interface-ipk", "Identities and Private Keys")]
    legend = page.find("p", class_="tapssec-legend")
    assert ("ME", HOME_URL + "index.html#tapssec-interface-me", "Mobility Events") in _links(legend)
    notes = " ".join(href for _, href, _ in _links(page.find("ol", class_="tapssec-notes")))
    assert "#tapssec-reference-rfc4555" in notes
    assert "#tapssec-reference-i-d-ietf-tls-dtls13" in notes
    paragraph = next(p for p in page.find_all("p") if p.text().startswith("The role"))
    assert _links(paragraph) == [
        ("QUIC", quic, "IETF QUIC"),
        ("QUIC", quic, "IETF QUIC"),
        (
            "[RFC4555]",
            HOME_URL + "index.html#tapssec-reference-rfc4555",
            "IKEv2 Mobility and Multihoming Protocol (MOBIKE)",
        ),
    ]


def test_host_without_a_home_shows_plain_text_without_warnings(tmp_path: Path) -> None:
    page, warnings = _build_page(copy_example("host", tmp_path))
    assert warnings == []
    for protocol in ("quic", "dtls", "ipsec"):
        assert _links(_row_header(page, protocol)) == []
    assert _links(page.find("p", class_="tapssec-legend")) == []
    assert _row_header(page, "quic").text().strip() == "QUIC"


def test_local_description_wins_over_home(tmp_path: Path, home_inventory: Path) -> None:
    srcdir = copy_example("host", tmp_path)
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text() + "\n.. secproto:: quic\n", encoding="utf-8")
    page, warnings = _build_page(srcdir, intersphinx_mapping={"tapssec": (HOME_URL, str(home_inventory))})
    assert warnings == []
    assert _links(_row_header(page, "quic")) == [("QUIC", "#tapssec-protocol-quic", "IETF QUIC")]
    assert _links(_row_header(page, "dtls"))[0][1] == HOME_URL + "index.html#tapssec-protocol-dtls"


def test_home_inventory_picks_the_home_among_several(tmp_path: Path, home_inventory: Path) -> None:
    mirror = tmp_path / "mirror.inv"
    mirror.write_bytes(home_inventory.read_bytes())
    for home, url in (("tapssec", HOME_URL), ("mirror", "https://mirror.example/")):
        # A new mapping each time: intersphinx rewrites the one it is given.
        mapping = {"mirror": ("https://mirror.example/", str(mirror)), "tapssec": (HOME_URL, str(home_inventory))}
        srcdir = copy_example("host", tmp_path / home)
        page, warnings = _build_page(srcdir, intersphinx_mapping=mapping, tapssec_home_inventory=home)
        assert warnings == []
        assert _links(_row_header(page, "quic"))[0][1] == url + "index.html#tapssec-protocol-quic"


def test_project_without_the_extension_links_by_std_label(tmp_path: Path, home_inventory: Path) -> None:
    mapping = {"tapssec": (HOME_URL, str(home_inventory))}
    page, warnings = _build_page(copy_example("plain", tmp_path), intersphinx_mapping=mapping)
    assert warnings == []
    assert [(text, href) for text, href, _ in _links(page.find("p", class_=None))] == [
        ("QUIC", HOME_URL + "index.html#tapssec-protocol-quic"),
        ("IPK", HOME_URL + "index.html#tapssec-interface-ipk"),
        ("[RFC8446]", HOME_URL + "index.html#tapssec-reference-rfc8446"),
    ]


def _write_inventory(path: Path, lines: list[str]) -> Path:
    header = "# Sphinx inventory version 2\n# Project: Hostile\n# Version: 1\n"
    header += "# The remainder of this file is compressed using zlib.\n"
    path.write_bytes(header.encode() + zlib.compress("".join(f"{line}\n" for line in lines).encode()))
    return path


def test_hostile_inventory_renders_inert(tmp_path: Path) -> None:
    inventory = _write_inventory(
        tmp_path / "hostile.inv",
        [
            "quic tapssec:protocol 1 javascript:alert(1) <b>QUIC</b>",
            "dtls tapssec:protocol 1 JavaScript:alert(2) <script>alert(2)</script>",
            'ipsec tapssec:protocol 1 x"><script>alert(3)</script> IPsec',
            "IPK tapssec:interface 1 data:text/html,alert(5) IPK",
            "RFC4555 tapssec:reference 1 refs.html#rfc4555 <img src=x onerror=alert(4)>",
        ],
    )
    srcdir = copy_example("host", tmp_path)
    app = build(
        srcdir, confoverrides={"nitpicky": True, "intersphinx_mapping": {"tapssec": (HOME_URL, str(inventory))}}
    )
    try:
        assert warnings_of(app) == []
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    for hostile in ("javascript:", "data:text", "<script>alert", "<b>QUIC", "onerror"):
        assert hostile not in html.lower()
    page = parse_html(html)
    # The links are dropped; the local names stay.
    for protocol, name in (("quic", "QUIC"), ("dtls", "DTLS"), ("ipsec", "IPsec")):
        assert _links(_row_header(page, protocol)) == []
        assert _row_header(page, protocol).text().strip() == name
    assert _links(page.find("th", class_="tapssec-interface-ipk")) == []
    # A sound URL stays a link, with the local text and tooltip, never the inventory's display name.
    paragraph = next(p for p in page.find_all("p") if p.text().startswith("The role"))
    assert _links(paragraph) == [
        ("[RFC4555]", HOME_URL + "refs.html#rfc4555", "IKEv2 Mobility and Multihoming Protocol (MOBIKE)")
    ]


def test_assets_only_on_pages_with_the_extensions_output(tmp_path: Path) -> None:
    app = build(copy_example("host", tmp_path))
    try:
        assert warnings_of(app) == []
        pages = {name: (app.outdir / f"{name}.html").read_text(encoding="utf-8") for name in ("index", "prose")}
        assert (app.outdir / "_static" / "tapssec.css").is_file()
    finally:
        app.cleanup()
    assert '<link rel="stylesheet" type="text/css" href="_static/tapssec.css' in pages["index"]
    assert '<script defer="defer" src="_static/tapssec-matrix.js' in pages["index"]
    assert "tapssec.css" not in pages["prose"]
    assert "tapssec-matrix.js" not in pages["prose"]


def test_german_host_speaks_german_and_links_home(tmp_path: Path, home_inventory: Path) -> None:
    mapping = {"tapssec": (HOME_URL, str(home_inventory))}
    srcdir = copy_example("host", tmp_path)
    more = "\n.. secproto:: tls\n\nObsolete: :tapssec:ref:`RFC6347`.\n"
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text() + more, encoding="utf-8")
    page, warnings = _build_page(srcdir, language="de", intersphinx_mapping=mapping)
    assert warnings == []
    table = page.find("table", class_="tapssec-matrix")
    assert table.find("th").text().strip() == "Protokoll"
    # The issue's German host: the QUIC row header, the role and the notes' citations link home.
    quic = ("QUIC", HOME_URL + "index.html#tapssec-protocol-quic", "IETF QUIC")
    assert _links(_row_header(page, "quic")) == [quic]
    role = next(p for p in page.find_all("p") if p.text().startswith("The role"))
    assert _links(role)[0] == quic
    notes = [href for _, href, _ in _links(page.find("ol", class_="tapssec-notes"))]
    assert HOME_URL + "index.html#tapssec-reference-i-d-ietf-tls-dtls13" in notes
    assert HOME_URL + "index.html#tapssec-reference-rfc4555" in notes
    # A tooltip's status words are German too (the long name is the catalog's).
    obsolete = next(p for p in page.find_all("p") if p.text().startswith("Obsolete"))
    assert _links(obsolete)[0][2].endswith(" (ersetzt durch RFC 9147)")
    spoken = page.find("tr", class_="tapssec-protocol-quic").find("span", class_="tapssec-a11y").text()
    assert spoken == " (QUIC bietet IPK)"
    legend = page.find("p", class_="tapssec-legend")
    assert legend.text().startswith("Legende: x = die Schnittstelle wird angeboten; leer = nicht angeboten. IPK ")
    # The catalog's words stay as written; none of the extension's English ones is left.
    for english in ("Legend:", "the interface is exposed", "not exposed", "blank"):
        assert english not in legend.text()
    labels = json.loads(page.find("div", class_="tapssec-matrix-labels").attrs["data-messages"])
    assert set(labels) == set(SCRIPT_MESSAGES)
    assert labels["Clear filters"] == "Filter zurücksetzen"
    assert all(labels[message] != message for message in SCRIPT_MESSAGES)
    # A description speaks German too; the catalog's summary stays as written.
    rubrics = [p.text() for p in page.find_all("p", class_="rubric")]
    assert rubrics[:3] == ["Handshake und Record", "Abhängigkeiten vom Transport", "Angebotene Schnittstellen"]
    facts = page.find("dl", class_="tapssec-facts").text()
    assert "Kategorie" in facts and "In der Übersichtstabelle" in facts
