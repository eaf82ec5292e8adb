"""Cross-reference roles, unknown ids, and objects described twice."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from helpers import append, copy_root, html_page, quiet_page, subtypes_of, warnings_of
from read_output import parse_html
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from pathlib import Path


def _paragraph_links(app: SphinxTestApp, page: str, starts: str) -> list[tuple[str, str, str]]:
    """``(text, href, title)`` of the links in the paragraph of *page* starting with *starts*."""
    root = parse_html((app.outdir / page).read_text(encoding="utf-8"))
    paragraph = next(p for p in root.find_all("p") if p.text().startswith(starts))
    return [(" ".join(a.text().split()), a.attrs["href"], a.attrs.get("title", "")) for a in paragraph.find_all("a")]


@pytest.mark.sphinx("html", testroot="xref", srcdir="xref")
def test_roles_link_to_descriptions_on_another_page(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    assert _paragraph_links(app, "links.html", "Default titles") == [
        ("Alpha", "objects.html#tapssec-protocol-alpha", "Alpha Stream Security"),
        ("IPK", "objects.html#tapssec-interface-ipk", "Identities and Private Keys"),
        ("[RFC0001]", "objects.html#tapssec-reference-rfc0001", "An Example Protocol"),
        ("Packet Protocols", "objects.html#tapssec-category-packet", "Packet Protocols"),
        ("Post-Connection", "objects.html#tapssec-phase-post-connection", "Post-Connection"),
        ("Unreliable Datagram Transports", "objects.html#tapssec-transport-datagram", "Unreliable Datagram Transports"),
    ]
    assert _paragraph_links(app, "links.html", "Case-insensitive") == [
        ("Alpha", "objects.html#tapssec-protocol-alpha", "Alpha Stream Security"),
        ("ALG", "objects.html#tapssec-interface-alg", "Supported Algorithms"),
        ("Stream Protocols", "objects.html#tapssec-category-stream", "Stream Protocols"),
    ]
    assert [link[:2] for link in _paragraph_links(app, "links.html", "Explicit titles")] == [
        ("the first protocol", "objects.html#tapssec-protocol-alpha"),
        ("keys again", "objects.html#tapssec-interface-ku"),
        ("the paper", "objects.html#tapssec-reference-paper"),
    ]
    # :any: writes the same text and title as the specific role.
    assert _paragraph_links(app, "links.html", "Any:") == [
        ("Beta", "objects.html#tapssec-protocol-beta", "Beta Packet Security"),
        ("KU", "objects.html#tapssec-interface-ku", "Key Update"),
    ]
    # Links inside the rendered catalog text resolve the same way, within the page.
    objects = html_page(app, "objects")
    members = objects.find("dt", id="tapssec-category-packet").parent
    assert members is not None
    assert [a.attrs["href"] for a in members.find("ul").find_all("a")] == [
        "#tapssec-protocol-beta",
        "#tapssec-protocol-gamma",
    ]


@pytest.mark.sphinx("html", testroot="xref", srcdir="xref")
def test_role_with_exclamation_mark_makes_no_link(app: SphinxTestApp) -> None:
    """``:tapssec:proto:`!gamma``` is the standard XRefRole way to write the name without a link."""
    links = app.srcdir / "links.rst"
    append(links, "\nNo link: :tapssec:proto:`!gamma`.\n")
    root = quiet_page(app, "links")
    paragraph = next(p for p in root.find_all("p") if p.text().startswith("No link"))
    assert paragraph.find_all("a") == []
    assert "gamma" in paragraph.text()


@pytest.mark.sphinx("text", testroot="xref", srcdir="xref")
def test_roles_in_text_output(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    text = (app.outdir / "links.txt").read_text(encoding="utf-8")
    assert "Explicit titles: *the first protocol*, *keys again*, *the paper*." in " ".join(text.split())


#: ``(line, subtype)`` of every warning of ``test-unknown``, for the directives (exact lines).
UNKNOWN_DIRECTIVE_WARNINGS = [
    (4, "unknown_protocol"),  # .. secproto:: nope
    (6, "unknown_interface"),  # .. interface:: XYZ
    (8, "unknown_protocol"),  # :protocols: alpha, ghost
    (8, "unknown_interface"),  # :interfaces: IPK, QQQ
    (12, "unknown_phase"),
    (15, "unknown_category"),
    (18, "option"),  # :hide: ..., colour
]
UNKNOWN_ROLE_SUBTYPES = [
    "unknown_protocol",
    "unknown_interface",
    "unknown_reference",
    "unknown_category",
    "unknown_phase",
    "unknown_transport",
]
_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[tapssec\.(?P<subtype>[a-z_]+)\]$")


@pytest.mark.sphinx("html", testroot="unknown", srcdir="unknown")
def test_unknown_ids_give_typed_located_warnings(app: SphinxTestApp) -> None:
    app.build()
    lines = warnings_of(app)
    parsed = [_LOCATED.match(line) for line in lines]
    assert all(parsed), lines
    located = [(m["path"], int(m["line"]), m["subtype"]) for m in parsed if m]
    index = str(app.srcdir / "index.rst")
    assert {path for path, _, _ in located} == {index}
    directive_warnings = [(line, subtype) for _, line, subtype in located[: len(UNKNOWN_DIRECTIVE_WARNINGS)]]
    assert directive_warnings == UNKNOWN_DIRECTIVE_WARNINGS
    role_warnings = located[len(UNKNOWN_DIRECTIVE_WARNINGS) :]
    assert [subtype for _, _, subtype in role_warnings] == UNKNOWN_ROLE_SUBTYPES
    # Each role warning points into the paragraph holding the roles (lines 20-26).
    assert all(20 <= line <= 26 for _, line, _ in role_warnings)
    messages = [m["message"] for m in parsed if m]
    assert "secproto: unknown protocol 'nope'" in messages[0]
    assert any("'phantom'" in message for message in messages)
    # The known parts still render: alpha in the first matrix, beta as a link.
    page = html_page(app)
    first = page.find("table", class_="tapssec-matrix")
    assert [th.text() for th in first.find("tbody").find_all("th")] == ["Alpha"]
    assert "#tapssec-protocol-alpha" in {a.attrs.get("href") for a in page.find_all("a")}


@pytest.mark.sphinx(
    "html",
    testroot="unknown",
    srcdir="unknown",
    confoverrides={"suppress_warnings": ["tapssec.unknown_protocol"]},
)
def test_suppress_warnings_silences_one_subtype(app: SphinxTestApp) -> None:
    app.build()
    subtypes = subtypes_of(warnings_of(app))
    assert "unknown_protocol" not in subtypes
    assert sorted(subtypes) == sorted(
        ["unknown_interface", "unknown_interface", "unknown_phase", "unknown_category", "option"]
        + [s for s in UNKNOWN_ROLE_SUBTYPES if s != "unknown_protocol"]
    )


@pytest.mark.sphinx("html", testroot="unknown", srcdir="unknown", confoverrides={"suppress_warnings": ["tapssec"]})
def test_suppress_warnings_silences_the_whole_type(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []


@pytest.mark.parametrize("parallel", [0, 2, 4])
def test_object_described_twice_keeps_the_first_document_with_or_without_j(tmp_path: Path, parallel: int) -> None:
    """The document first in name order wins whatever order parallel readers finish in."""
    app = SphinxTestApp("html", srcdir=copy_root("duplicate", tmp_path), parallel=parallel)
    try:
        app.build()
        lines = warnings_of(app)
        assert subtypes_of(lines) == ["duplicate_object"]
        assert lines[0].startswith(f"{app.srcdir / 'b.rst'}:6: WARNING: protocol 'alpha' is already described in 'a'")
        for name in "cdef":
            page = parse_html((app.outdir / f"{name}.html").read_text(encoding="utf-8"))
            assert "a.html#tapssec-protocol-alpha" in {a.attrs.get("href") for a in page.find_all("a")}
    finally:
        app.cleanup()


@pytest.mark.sphinx("html", testroot="duplicate", srcdir="duplicate")
def test_no_index_resolves_the_duplicate(app: SphinxTestApp) -> None:
    second = app.srcdir / "b.rst"
    append(second, "   :no-index:\n")
    page = quiet_page(app, "c")
    assert "a.html#tapssec-protocol-alpha" in {a.attrs.get("href") for a in page.find_all("a")}
