"""``secproto`` with ``:compact:``: one field list and the description, in every builder."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Built, build_once, copy_root, subtypes_of
from read_output import Element

#: Alpha (the small catalog's stream protocol) compact; beta compact without some parts; gamma in full.
PAGE = """Compact
=======

.. secproto:: alpha
   :compact:

.. secproto:: beta
   :compact:
   :hide: references, description, structure

   Extra prose about beta.

.. secproto:: gamma

.. interface:: KU

.. tapssec:category:: stream

.. tapssec:transport:: byte-stream

.. reference-list::
"""


@pytest.fixture(scope="module")
def compact_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once(copy_root("basic", tmp_path_factory.mktemp("compact"), index=PAGE))


def _body(page: Element, protocol_id: str) -> Element:
    return page.find("dt", id=f"tapssec-protocol-{protocol_id}").parent.find("dd")  # type: ignore[union-attr]


def _fields(body: Element) -> dict[str, str]:
    facts = body.find("dl", class_="tapssec-facts")
    names = [" ".join(dt.text().split()).rstrip(":") for dt in facts.find_all("dt")]
    values = [" ".join(dd.text().split()) for dd in facts.find_all("dd")]
    return dict(zip(names, values, strict=True))


def test_compact_entry_is_a_field_list_and_the_description(compact_build: Built) -> None:
    body = _body(compact_build.page(), "alpha")
    assert body.find("div", class_="tapssec-protocol").classes == [
        "tapssec-protocol",
        "tapssec-compact",
        "docutils",
        "container",
    ]
    assert _fields(body) == {
        "Category": "Stream Protocols",
        "Exposed interfaces": "IPK, KU",
        "Transports": "Reliable Byte-Stream Transports",
        "References": "[RFC0001]",
    }
    paragraphs = [" ".join(p.text().split()) for p in body.find("div", class_="tapssec-protocol").child_elements("p")]
    assert paragraphs == ["Alpha protects streams [RFC0001].", "It has a second paragraph."]
    text = " ".join(body.text().split())
    # What only the full entry shows: the summary, the section, the structure, qualifiers.
    for absent in ("A stream protocol.", "Section", "Handshake", "version 2 only", "Interfaces exposed"):
        assert absent not in text


def test_compact_entry_links_like_the_full_one(compact_build: Built) -> None:
    body = _body(compact_build.page(), "alpha")
    hrefs = [a.attrs["href"] for a in body.find("dl", class_="tapssec-facts").find_all("a")]
    assert hrefs == [
        "#tapssec-category-stream",
        "#tapssec-interface-ku",
        "#tapssec-transport-byte-stream",
        "#tapssec-reference-rfc0001",
    ]


def test_hide_takes_the_compact_parts(compact_build: Built) -> None:
    body = _body(compact_build.page(), "beta")
    assert list(_fields(body)) == ["Category", "Exposed interfaces", "Transports"]
    paragraphs = [" ".join(p.text().split()) for p in body.child_elements("p")]
    assert paragraphs == ["Extra prose about beta."]
    # "structure" is no part of a compact entry: warned about, at the directive, and ignored.
    (warning,) = compact_build.warnings
    assert "index.rst:7" in warning
    assert "unknown part 'structure' in :hide: (parts of a compact entry:" in warning
    assert subtypes_of(compact_build.warnings) == ["option"]


def test_full_entry_beside_compact_ones_is_unchanged(compact_build: Built) -> None:
    body = _body(compact_build.page(), "gamma")
    assert body.find("div", class_="tapssec-protocol").classes == ["tapssec-protocol", "docutils", "container"]
    assert "Interfaces exposed" in body.text() or "Not part of the interface matrix." in body.text()


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_compact_entry_in_other_builders(builder: str, tmp_path: Path) -> None:
    built = build_once(copy_root("basic", tmp_path, index=PAGE), builder)
    assert subtypes_of(built.warnings) == ["option"]
    output = built.output({"text": "index.txt", "latex": "*.tex", "man": "*.1"}[builder])
    for words in ("Exposed interfaces", "IPK", "Reliable Byte", "Alpha protects streams"):
        assert words in output


def test_compact_entry_says_none_for_empty_fields(tmp_path: Path) -> None:
    # Gamma exposes nothing, is listed under no transport class and cites nothing.
    page = "Gamma\n=====\n\n.. secproto:: gamma\n   :compact:\n"
    built = build_once(copy_root("basic", tmp_path, index=page))
    assert built.warnings == []
    assert _fields(_body(built.page(), "gamma")) == {
        "Category": "Packet Protocols",
        "Exposed interfaces": "none",
        "Transports": "none",
        "References": "none",
    }
