"""The ``stack-diagram``: drawn by the extension (SVG in HTML, a ``picture`` in LaTeX), text elsewhere.

Built on ``test-pictures`` (four protocols) and on a synthetic 100-protocol catalog, with no
Graphviz anywhere: the extension lays the picture out itself.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from helpers import build, build_once, copy_root, html_page, own_catalog_root, warnings_of, write_project
from read_output import Element

from benchmarks._catalog import write_catalog
from benchmarks._data import synthesize
from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.sphinxext.render.diagram import LANES_FROM, description, diagram_layout
from sphinx_tapssec.sphinxext.render.stack_latex import fits_on_a_page
from sphinx_tapssec.sphinxext.render.stack_layout import LABEL_SIZE, Box, Layout

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def _pictures(tmp_path: Path, buildername: str) -> SphinxTestApp:
    return build(copy_root("pictures", tmp_path), buildername, freshenv=True)


def _output(app: SphinxTestApp, suffix: str) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(app.outdir.glob(f"*{suffix}")))


@pytest.fixture(scope="module")
def svg(tmp_path_factory: pytest.TempPathFactory) -> Element:
    app = _pictures(tmp_path_factory.mktemp("stack"), "html")
    try:
        assert warnings_of(app) == []
        page = html_page(app)
    finally:
        app.cleanup()
    assert not page.find_all("img"), "no image file: the picture is inline"
    assert not page.find_all(class_="tapssec-stack-fallback")
    return page.find("figure").find("svg", class_="tapssec-stack-svg")


def test_the_svg_is_labelled_and_described(svg: Element) -> None:
    ident = svg.attrs["id"]
    assert svg.attrs["aria-labelledby"] == f"{ident}-title"
    assert svg.attrs["aria-describedby"] == f"{ident}-desc"
    assert svg.find("title", id=f"{ident}-title").text().startswith("Diagram of 4 security protocols (Alpha, ")
    desc = svg.find("desc", id=f"{ident}-desc").text()
    assert "Delta runs over Unreliable Datagram Transports; provides its own transport functionality." in desc
    assert "Beta runs over Unreliable Datagram Transports; a defined mapping onto Reliable Byte-Stream" in desc


def test_the_svg_text_is_text_and_links_to_the_descriptions(svg: Element) -> None:
    texts = [text.text() for text in svg.find_all("text")]
    for label in ("Alpha *", "Beta", "Delta", "Stream Protocols", "Packet Protocols", "Its own transport"):
        assert label in texts, (label, texts)
    links = {a.find("text").text(): a.attrs["href"] for a in svg.find_all("a")}
    assert links["Beta"] == "#tapssec-protocol-beta"
    assert links["Stream Protocols"] == "#tapssec-category-stream"
    assert links["Unreliable Datagram Transports"] == "#tapssec-transport-datagram"
    assert "Its own transport" not in links, "a box that stands for no catalog entry links nowhere"
    # One curve per (protocol, transport) pair: Alpha, Beta and Delta are listed under one class
    # each, Beta has a byte-stream mapping, Delta its own transport, and Gamma lists none.
    styles = [next(c for c in path.classes if c != "tapssec-stack-edge") for path in svg.find_all("path")]
    assert sorted(styles) == ["tapssec-stack-listed"] * 3 + ["tapssec-stack-mapping", "tapssec-stack-own"]
    # This root declares no surveyed document: the key names no section of one.
    assert [text.text() for text in svg.find_all("text", class_="tapssec-stack-key")] == [
        "listed under the transport class",
        "defined byte-stream mapping",
        "provides its own transport",
        "*",
        "needs a feature of its transport",
    ]


def test_the_svg_follows_the_theme(svg: Element) -> None:
    # Text and lines take the page's text colour; only the accents have a colour of their own,
    # which the stylesheet replaces with the theme's.
    assert svg.attrs["fill"] == "currentColor"
    assert all(text.attrs.get("fill", "currentColor") == "currentColor" for text in svg.find_all("text"))
    assert {rect.attrs["fill"] for rect in svg.find_all("rect")} == {"currentColor"}


@pytest.mark.parametrize("buildername", ["text", "man", "texinfo"])
def test_text_outputs_show_the_diagram_as_text(tmp_path: Path, buildername: str) -> None:
    app = _pictures(tmp_path, buildername)
    try:
        assert warnings_of(app) == []
        output = _output(app, ".texi" if buildername == "texinfo" else "")
    finally:
        app.cleanup()
    # Links are emphasised (``*Delta*`` in text, ``\fI\%Delta\fP`` in man pages): compare the words.
    output = re.sub(r"\\f[IBP]|\\%|\*", "", output).replace("\\-", "-")
    output = " ".join(output.split())
    assert "<svg" not in output and r"\begin{picture}" not in output
    # Texinfo writes links as @ref{...}: there, the words around them.
    delta = "Delta — runs over Unreliable Datagram Transports; provides its own transport functionality"
    assert delta in output or "Transports}; provides its own transport functionality" in output
    assert "— no transport class listed in the catalog" in output


def test_latex_draws_a_picture_with_no_package_of_its_own(tmp_path: Path) -> None:
    app = _pictures(tmp_path, "latex")
    try:
        assert warnings_of(app) == []
        tex = _output(app, ".tex")
    finally:
        app.cleanup()
    picture = tex[tex.index(r"\begin{picture}") : tex.index(r"\end{picture}")]
    assert picture.count(r"\oval(") == 2 + 4 + 3, "two bands, four protocols, three transports"
    assert r"{\bfseries Stream Protocols}" in picture
    assert r"\qbezier[30]" in picture and r"\color{blue!70!black}" in picture, "a mapping is dotted, in blue"
    assert "{Its own transport}" in picture and "{functionality}" in picture, "a long label wraps"
    assert r"\ifdim\wd0>\linewidth\resizebox{\linewidth}{!}{\usebox0}" in tex
    assert "tikz" not in tex and "graphviz" not in tex
    assert "tapssec-stack-fallback" not in tex and "runs over" not in tex


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def _synthetic_layout(count: int, tmp_path: Path) -> Layout:
    write_catalog(synthesize(count), tmp_path)
    catalog = load_catalog([tmp_path]).catalog
    return diagram_layout(catalog, catalog.protocols)


def test_curves_of_one_transport_do_not_cross_where_they_meet_it(tmp_path: Path) -> None:
    layout = _synthetic_layout(LANES_FROM, tmp_path)
    assert not layout.lane_form and len(layout.protocols) == LANES_FROM
    boxes = [*layout.protocols, *layout.transports]
    assert not any(_overlap(a, b) for number, a in enumerate(boxes) for b in boxes[number + 1 :])
    for transport in layout.transports:
        ends = [curve.end[1] for curve in layout.curves if curve.transport == transport.key]
        assert ends == sorted(ends), "a bundle's curves meet its box in the order of their protocols"
        assert all(transport.y < end < transport.y + transport.height for end in ends)


def test_a_100_protocol_layout_stays_legible(tmp_path: Path) -> None:
    layout = _synthetic_layout(100, tmp_path)
    assert layout.lane_form and layout.curves == ()
    assert len(layout.protocols) == 100
    assert not any(_overlap(a, b) for number, a in enumerate(layout.protocols) for b in layout.protocols[number + 1 :])
    # One row per protocol: the picture grows in height, its labels keep their size.
    assert all(b.y - a.y >= LABEL_SIZE + 8 for a, b in pairwise(layout.protocols))
    assert layout.width < 1000
    # Every mark sits on its protocol's row and in its transport's lane.
    rows = {box.key: box.y + box.height / 2 for box in layout.protocols}
    lanes = {box.key: box.x + box.width / 2 for box in layout.transports}
    assert layout.marks and all(m.y == rows[m.protocol] and m.x == lanes[m.transport] for m in layout.marks)
    # Each band repeats the lanes' names at its top, so no row is far from them.
    headed = [box.y for box in (*layout.transports, *layout.lane_labels)]
    assert len(headed) == len(layout.bands) * len(layout.transports)
    assert {band.y for band in layout.bands} == {y - 5 for y in headed}
    assert not fits_on_a_page(layout), "too tall for a LaTeX page: LaTeX shows the list"


def test_the_survey_fits_on_a_latex_page() -> None:
    catalog = load_catalog([bundled_catalog()]).catalog
    layout = diagram_layout(catalog, catalog.protocols)
    assert fits_on_a_page(layout)
    # A catalog that declares its surveyed document speaks of that document's sections.
    assert layout.key[0].text == "listed under the transport class in Section 4"
    assert description(catalog, catalog.protocols).count(" runs over ") == 11, "gQUIC lists no transport"


def test_a_100_protocol_catalog_builds(tmp_path: Path) -> None:
    write_catalog(synthesize(100), tmp_path / "catalog")
    built = build_once(write_project(tmp_path, "Stack\n=====\n\n.. stack-diagram::\n"), freshenv=True)
    assert built.warnings == []
    svg = built.page().find("svg")
    assert len(svg.find_all("rect", class_="tapssec-stack-protocol")) == 100
    marks = svg.find_all(class_="tapssec-stack-mark")
    catalog = load_catalog([tmp_path / "catalog"]).catalog
    layout = diagram_layout(catalog, catalog.protocols)
    # One mark per edge, and one sample of each style in the key (the feature mark is a "*").
    samples = [row for row in layout.key if row.style != "feature"]
    assert len(marks) == len(layout.marks) + len(samples) and len(layout.marks) > 100
    assert {m.tag for m in marks} == {"circle", "polygon"}, "dots, rings and diamonds"
    latex_app = build(tmp_path, "latex", freshenv=True)
    try:
        assert warnings_of(latex_app) == []
        tex = _output(latex_app, ".tex")
    finally:
        latex_app.cleanup()
    assert r"\begin{picture}" not in tex
    assert len(re.findall(r"runs over|lists no|no transport class", tex)) == 100


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    write_catalog(synthesize(3), tmp_path / "catalog")
    protocol = sorted((tmp_path / "catalog" / "protocols").glob("*.yaml"))[0]
    text = protocol.read_text(encoding="utf-8")
    protocol.write_text(re.sub(r"(?m)^name: .*$", "name: '<script>x</script> & \"q\"'", text, count=1), "utf-8")
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_tapssec"]\ntapssec_catalog = "catalog"\n', "utf-8")
    (tmp_path / "index.rst").write_text("Stack\n=====\n\n.. stack-diagram::\n", encoding="utf-8")
    app = build(tmp_path, "html", freshenv=True)
    try:
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;" in svg or "&lt;script&gt;x&lt;/script&gt; &amp;" in svg


def test_an_own_catalog_maps_onto_a_byte_stream_it_does_not_define(tmp_path: Path) -> None:
    app = build(own_catalog_root(tmp_path), "html", freshenv=True)
    try:
        assert warnings_of(app) == []
        page = html_page(app)
    finally:
        app.cleanup()
    svg = page.find("svg", class_="tapssec-stack-svg")
    labels = [text.text() for text in svg.find_all("text", class_="tapssec-stack-label")]
    assert "Radio Frames" in labels and "A byte-stream transport" in labels
    linked = [a.find("text").text() for a in svg.find_all("a")]
    assert "Radio Frames" in linked and "A byte-stream transport" not in linked
    assert (
        "BuzzSec runs over Waggle Streams; Radio Frames; a defined mapping onto a byte stream"
        in svg.find("desc").text()
    )
