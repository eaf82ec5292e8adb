"""The survey site (``docs/``) built on the real catalog: no warnings, and it shows what the catalog says."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import build, warnings_of
from read_output import Element, matrices, parse_html, read_matrix

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.loader import load_catalog

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.testing.util import SphinxTestApp

    from sphinx_tapssec.model.entities import Catalog

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """``docs/`` copied with what the guide includes from beside it (catalog files, the Read the
    Docs configuration), built once."""
    base = tmp_path_factory.mktemp("site")
    shutil.copytree(REPO / "docs", base / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(REPO / "catalog", base / "catalog")
    shutil.copy(REPO / ".readthedocs.yaml", base)
    app = build(base / "docs", "html", freshenv=True)
    yield app
    app.cleanup()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_catalog([bundled_catalog()])
    assert result.problems == ()
    return result.catalog


def _page(app: SphinxTestApp, name: str) -> Element:
    return parse_html((app.outdir / name).read_text(encoding="utf-8"))


def test_site_builds_without_warnings(site: SphinxTestApp) -> None:
    assert warnings_of(site) == []


def test_summary_matrix_equals_the_catalog_table(site: SphinxTestApp, catalog: Catalog) -> None:
    page = _page(site, "survey/summary.html")
    matrix = read_matrix(page.find("table", id="table-1"))
    assert matrix.codes == tuple(i.code for i in catalog.interfaces)
    expected = {p.name: frozenset(p.interface_codes) for p in catalog.protocols if p.in_table}
    assert matrix.rows == expected
    assert list(matrix.rows) == [p.name for p in catalog.protocols if p.in_table]
    assert len(matrix.rows) == 10
    # Every matrix on the page keeps the HTML contract.
    assert len(matrices(page)) >= 1


def test_summary_matrix_notes_carry_the_qualifiers(site: SphinxTestApp, catalog: Catalog) -> None:
    page = _page(site, "survey/summary.html")
    block = page.find("table", id="table-1").parent
    assert block is not None
    notes = [" ".join(li.text().split()) for li in block.find("ol", class_="tapssec-notes").find_all("li")]
    expected = [(p.name, e) for p in catalog.protocols if p.in_table for e in p.exposes if e.note or e.references]
    assert len(notes) == len(expected)
    for note, (name, exposure) in zip(notes, expected, strict=True):
        assert note.startswith(f"{name}, {exposure.code}: ")
        assert all(f"[{ref}]" in note for ref in exposure.references)


def test_exposed_by_lists_equal_the_catalog(site: SphinxTestApp, catalog: Catalog) -> None:
    page = _page(site, "survey/interfaces.html")
    for interface in catalog.interfaces:
        signature = page.find("dt", id=f"tapssec-interface-{interface.code.lower()}")
        assert signature.parent is not None
        items = signature.parent.find("ul", class_="tapssec-exposers").find_all("li")
        shown = [" ".join(li.text().split()) for li in items]
        exposers = list(catalog.exposers(interface.code, table_only=False))
        assert len(shown) == len(exposers), interface.code
        for text, (protocol, exposure) in zip(shown, exposers, strict=True):
            assert text == protocol.name or text.startswith(protocol.name + " ("), (interface.code, text)
            if exposure.note:
                assert exposure.note in text
            for reference in exposure.references:
                assert f"[{reference}]" in text
        # Each name links to the protocol's description.
        hrefs = [li.find("a").attrs["href"] for li in items]
        assert hrefs == [f"protocols.html#tapssec-protocol-{p.id}" for p, _ in exposers]


def test_every_protocol_and_interface_is_described_once(site: SphinxTestApp, catalog: Catalog) -> None:
    protocols = _page(site, "survey/protocols.html")
    for protocol in catalog.protocols:
        assert len(protocols.find_all("dt", id=f"tapssec-protocol-{protocol.id}")) == 1
    references = _page(site, "survey/references.html")
    terms = [dt.text() for dt in references.find("dl", class_="tapssec-references").find_all("dt")]
    assert terms == [f"[{r.id}]" for r in catalog.references]


def test_cli_examples_are_what_the_command_prints(site: SphinxTestApp, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI page's examples are produced at build time (docs/_ext/cli_example.py), never typed."""
    from sphinx_tapssec.cli.main import main

    blocks = [" ".join(pre.text().split()) for pre in _page(site, "guide/cli.html").find_all("pre")]
    capsys.readouterr()
    assert main(["validate"]) == 0
    expected = " ".join(f"$ tapssec validate\n{capsys.readouterr().out}$ echo $?\n0".split())
    assert expected in blocks
    assert main(["matrix"]) == 0
    assert " ".join(f"$ tapssec matrix\n{capsys.readouterr().out}".split()) in blocks
