"""The real catalog against the survey (draft-ietf-taps-transport-security-12).

The expected data below is transcribed by hand from the seed text of the draft, so that a
change to ``catalog/`` that departs from the survey fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from catalogs import protocol_of

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.entities import Catalog
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.schema import SCHEMA_PATH, build_schema, schema_text
from sphinx_tapssec.model.spec import FILES, RECORDS

REPO = Path(__file__).parent.parent
CATALOG_DIR = REPO / "catalog"
SEED = Path("/work/shared/seed/draft-ietf-taps-transport-security-12.txt")

#: Sections 5.1-5.3: the protocols listed under each interface.
SECTION_5_LISTS: dict[str, set[str]] = {
    "IPK": {"TLS", "DTLS", "ZRTP", "QUIC", "MinimaLT", "CurveCP", "IPsec", "WireGuard", "OpenVPN"},
    "ALG": {"TLS", "DTLS", "ZRTP", "QUIC", "tcpcrypt", "MinimaLT", "IPsec", "OpenVPN"},
    "EXT": {"TLS", "DTLS", "QUIC"},
    "CM": {"TLS", "DTLS", "ZRTP", "QUIC", "tcpcrypt", "MinimaLT"},
    "AD": {"IPsec", "tcpcrypt"},
    "PSKI": {"TLS", "DTLS", "ZRTP", "QUIC", "tcpcrypt", "MinimaLT", "IPsec", "WireGuard", "OpenVPN"},
    "IV": {"TLS", "DTLS", "ZRTP", "QUIC", "MinimaLT", "CurveCP", "IPsec", "WireGuard", "OpenVPN"},
    "SAV": {"DTLS", "QUIC", "IPsec", "WireGuard"},
    "CT": {"TLS", "DTLS", "ZRTP", "QUIC", "tcpcrypt", "MinimaLT", "IPsec", "OpenVPN"},
    "KU": {"TLS", "DTLS", "QUIC", "tcpcrypt", "MinimaLT", "IPsec"},
    "PSKE": {"TLS", "DTLS", "tcpcrypt", "IPsec", "OpenVPN", "MinimaLT"},
    "KE": {"IPsec"},
    "ME": {"DTLS", "QUIC", "MinimaLT", "CurveCP", "IPsec", "WireGuard"},
}

#: Section 5.4, Table 1: rows in order, each with its exposed interfaces.
TABLE_1: list[tuple[str, set[str]]] = [
    ("TLS", {"IPK", "ALG", "EXT", "CM", "PSKI", "IV", "CT", "KU", "PSKE"}),
    ("DTLS", {"IPK", "ALG", "EXT", "CM", "PSKI", "IV", "SAV", "CT", "KU", "PSKE", "ME"}),
    ("ZRTP", {"IPK", "ALG", "CM", "PSKI", "IV", "CT"}),
    ("QUIC", {"IPK", "ALG", "EXT", "CM", "PSKI", "IV", "SAV", "CT", "KU", "ME"}),
    ("tcpcrypt", {"ALG", "CM", "AD", "PSKI", "CT", "KU", "PSKE"}),
    ("MinimaLT", {"IPK", "ALG", "CM", "PSKI", "IV", "CT", "KU", "PSKE", "ME"}),
    ("CurveCP", {"IPK", "IV", "ME"}),
    ("IPsec", {"IPK", "ALG", "AD", "PSKI", "IV", "SAV", "CT", "KU", "PSKE", "KE", "ME"}),
    ("WireGuard", {"IPK", "PSKI", "IV", "SAV", "ME"}),
    # The seed's OpenVPN row is garbled; the Section 5 lists give these six.
    ("OpenVPN", {"IPK", "ALG", "PSKI", "IV", "CT", "PSKE"}),
]

#: Section 5: code, name, phase, section, in the table's column order.
INTERFACES: list[tuple[str, str, str, str]] = [
    ("IPK", "Identities and Private Keys", "pre-connection", "5.1"),
    ("ALG", "Supported Algorithms (Key Exchange, Signatures, and Ciphersuites)", "pre-connection", "5.1"),
    ("EXT", "Extensions", "pre-connection", "5.1"),
    ("CM", "Session Cache Management", "pre-connection", "5.1"),
    ("AD", "Authentication Delegation", "pre-connection", "5.1"),
    ("PSKI", "Pre-Shared Key Import", "pre-connection", "5.1"),
    ("IV", "Identity Validation", "connection", "5.2"),
    ("SAV", "Source Address Validation", "connection", "5.2"),
    ("CT", "Connection Termination", "post-connection", "5.3"),
    ("KU", "Key Update", "post-connection", "5.3"),
    ("PSKE", "Shared Secret Export", "post-connection", "5.3"),
    ("KE", "Key Expiration", "post-connection", "5.3"),
    ("ME", "Mobility Events", "post-connection", "5.3"),
]

#: Section 3: protocol display name -> (section, category id).
PROTOCOLS: dict[str, tuple[str, str]] = {
    "TLS": ("3.1.1", "application-payload"),
    "DTLS": ("3.1.2", "application-payload"),
    "SRTP": ("3.2.1", "application-specific"),
    "ZRTP": ("3.2.1", "application-specific"),
    "QUIC": ("3.3.1", "transport-layer"),
    "gQUIC": ("3.3.2", "transport-layer"),
    "tcpcrypt": ("3.3.3", "transport-layer"),
    "MinimaLT": ("3.3.4", "transport-layer"),
    "CurveCP": ("3.3.5", "transport-layer"),
    "IPsec": ("3.4.1", "packet"),
    "WireGuard": ("3.4.2", "packet"),
    "OpenVPN": ("3.4.3", "packet"),
}

#: Section 4.1 and 4.2: the group headings and the protocols under each.
SECTION_4_1: dict[str, set[str]] = {"application-payload": {"TLS"}, "transport-layer": {"tcpcrypt"}}
SECTION_4_2: dict[str, set[str]] = {
    "application-payload": {"DTLS", "ZRTP", "SRTP"},
    "transport-layer": {"QUIC", "MinimaLT", "CurveCP"},
    "packet": {"IPsec", "WireGuard", "OpenVPN"},
}
#: Section 4.2.1: group -> protocol -> the RFCs cited for its byte-stream mapping, in order.
SECTION_4_2_1: dict[str, dict[str, list[str]]] = {
    "application-payload": {"DTLS": ["RFC7850"], "ZRTP": ["RFC6189"], "SRTP": ["RFC4571", "RFC3711"]},
    "packet": {"IPsec": ["RFC8229"]},
}
#: Section 4.3: protocol -> (kind of dependency, references).
SECTION_4_3: dict[str, tuple[str, list[str]]] = {
    "tcpcrypt": ("transport-feature", ["RFC8547"]),
    "QUIC": ("own-transport", []),
    "CurveCP": ("own-transport", []),
    "MinimaLT": ("own-transport", []),
}

#: Section 10: every reference label, with its RFC number where it is an RFC.
REFERENCES: dict[str, int | None] = {
    "ALTS": None,
    "CurveCP": None,
    "I-D.ietf-quic-tls": None,
    "I-D.ietf-quic-transport": None,
    "I-D.ietf-taps-arch": None,
    "I-D.ietf-taps-interface": None,
    "I-D.ietf-tls-dtls13": None,
    "MinimaLT": None,
    "OpenVPN": None,
    "RFC2385": 2385,
    "RFC2890": 2890,
    "RFC3711": 3711,
    "RFC3748": 3748,
    "RFC4253": 4253,
    "RFC4302": 4302,
    "RFC4303": 4303,
    "RFC4555": 4555,
    "RFC4571": 4571,
    "RFC5246": 5246,
    "RFC5641": 5641,
    "RFC5764": 5764,
    "RFC5925": 5925,
    "RFC6189": 6189,
    "RFC6347": 6347,
    "RFC7296": 7296,
    "RFC7301": 7301,
    "RFC7850": 7850,
    "RFC8095": 8095,
    "RFC8229": 8229,
    "RFC8446": 8446,
    "RFC8547": 8547,
    "RFC8548": 8548,
    "WireGuard": None,
}

#: Section 1: protocols left out, by name, with the reason.
OMITTED: dict[str, str] = {
    "SSH": "no-unique-interface",
    "GRE": "no-unique-interface",
    "L2TP": "no-unique-interface",
    "ALTS": "no-unique-interface",
    "TCP-AO": "authentication-only",
    "IPsec Authentication Header (AH)": "authentication-only",
    "Multicast protocols": "out-of-scope",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_catalog([CATALOG_DIR])
    assert [str(p) for p in result.problems] == []
    return result.catalog


def _names(catalog: Catalog) -> dict[str, str]:
    return {p.name: p.id for p in catalog.protocols}


def test_the_bundled_catalog_is_the_repository_catalog() -> None:
    assert bundled_catalog().resolve() == CATALOG_DIR.resolve()


def test_catalog_loads_with_zero_problems(catalog: Catalog) -> None:
    assert len(catalog.protocols) == 12
    assert catalog.survey is not None
    assert catalog.survey.id == "draft-ietf-taps-transport-security-12"
    assert catalog.survey.date == "2020-04-23"
    assert [author.name for author in catalog.survey.authors] == [
        "Theresa Enghardt",
        "Tommy Pauly",
        "Colin Perkins",
        "Kyle Rose",
        "Christopher A. Wood",
    ]


def test_protocols_sections_and_categories(catalog: Catalog) -> None:
    assert {p.name: (p.section, p.category) for p in catalog.protocols} == PROTOCOLS


@pytest.mark.parametrize("code", list(SECTION_5_LISTS))
def test_section_5_list(catalog: Catalog, code: str) -> None:
    assert {p.name for p, _ in catalog.exposers(code)} == SECTION_5_LISTS[code]
    # The protocols outside the table are not in any Section 5 list either.
    assert {p.name for p, _ in catalog.exposers(code, table_only=False)} == SECTION_5_LISTS[code]


def test_section_5_lists_agree_with_table_1() -> None:
    # A check of the transcription itself: the two views of the survey say the same.
    by_code: dict[str, set[str]] = {code: set() for code in SECTION_5_LISTS}
    for name, codes in TABLE_1:
        for code in codes:
            by_code[code].add(name)
    assert by_code == SECTION_5_LISTS


def test_table_1_rows(catalog: Catalog) -> None:
    rows = [(p.name, set(p.interface_codes)) for p in catalog.protocols if p.in_table]
    assert rows == TABLE_1


def test_protocols_outside_the_table(catalog: Catalog) -> None:
    outside = {p.name: p.exposes for p in catalog.protocols if not p.in_table}
    assert outside == {"SRTP": (), "gQUIC": ()}


def test_interface_qualifiers(catalog: Catalog) -> None:
    qualified = {
        (p.name, e.code): (e.note, e.references) for p in catalog.protocols for e in p.exposes if e.note or e.references
    }
    assert set(qualified) == {("DTLS", "ME"), ("IPsec", "ME")}
    dtls_note, dtls_refs = qualified["DTLS", "ME"]
    assert dtls_note is not None
    assert "1.3" in dtls_note
    assert dtls_refs == ("I-D.ietf-tls-dtls13",)
    assert qualified["IPsec", "ME"][1] == ("RFC4555",)


def test_interfaces(catalog: Catalog) -> None:
    assert [(i.code, i.name, i.phase, i.section) for i in catalog.interfaces] == INTERFACES
    assert [(p.id, p.section) for p in catalog.phases] == [
        ("pre-connection", "5.1"),
        ("connection", "5.2"),
        ("post-connection", "5.3"),
    ]


def test_section_3_categories(catalog: Catalog) -> None:
    assert [(c.id, c.section) for c in catalog.categories] == [
        ("application-payload", "3.1"),
        ("application-specific", "3.2"),
        ("transport-layer", "3.3"),
        ("packet", "3.4"),
    ]


def _section_4_list(catalog: Catalog, transport: str) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for protocol in catalog.protocols:
        if transport in protocol.transport.requires:
            groups.setdefault(protocol.section4_group, set()).add(protocol.name)
    return groups


def test_section_4_1(catalog: Catalog) -> None:
    assert _section_4_list(catalog, "byte-stream") == SECTION_4_1


def test_section_4_2(catalog: Catalog) -> None:
    assert _section_4_list(catalog, "datagram") == SECTION_4_2


def test_section_4_2_1(catalog: Catalog) -> None:
    groups: dict[str, dict[str, list[str]]] = {}
    for protocol in catalog.protocols:
        mapping = protocol.transport.byte_stream_mapping
        if mapping is not None:
            groups.setdefault(protocol.section4_group, {})[protocol.name] = list(mapping.references)
    assert groups == SECTION_4_2_1
    dtls = protocol_of(catalog, "dtls")
    assert dtls.transport.byte_stream_mapping is not None
    assert "SRTP" in (dtls.transport.byte_stream_mapping.note or "")


def test_section_4_3(catalog: Catalog) -> None:
    specific = {
        p.name: (p.transport.specific.kind, list(p.transport.specific.references))
        for p in catalog.protocols
        if p.transport.specific is not None
    }
    assert specific == SECTION_4_3


def test_transport_classes(catalog: Catalog) -> None:
    assert [(t.id, t.section) for t in catalog.transports] == [
        ("byte-stream", "4.1"),
        ("datagram", "4.2"),
        ("byte-stream-mapping", "4.2.1"),
        ("transport-specific", "4.3"),
    ]


def test_references(catalog: Catalog) -> None:
    assert len(catalog.references) == 33
    assert {r.id: r.rfc for r in catalog.references} == REFERENCES
    for reference in catalog.references:
        assert (reference.kind == "rfc") == (reference.rfc is not None), reference.id
        if reference.kind == "internet-draft":
            assert reference.draft is not None
            assert reference.id == "I-D." + reference.draft.removeprefix("draft-"), reference.id


def test_references_are_in_the_seed() -> None:
    # A check of the transcription: every label occurs in the seed's reference section.
    text = SEED.read_text(encoding="utf-8")
    section = text[text.rindex("10. Informative References") :]
    labels = set(re.findall(r"\[([A-Za-z0-9][A-Za-z0-9._-]*)\]", section))
    assert set(REFERENCES) <= labels


def test_omitted(catalog: Catalog) -> None:
    assert {o.name: o.reason for o in catalog.omitted} == OMITTED


def test_every_cited_reference_exists(catalog: Catalog) -> None:
    known = {r.id for r in catalog.references}
    assert catalog.cited_reference_ids() <= known


def test_protocol_file_ids_equal_their_stems() -> None:
    files = sorted((CATALOG_DIR / "protocols").glob("*.yaml"))
    assert len(files) == 12
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem, path


def test_every_catalog_file_names_the_schema() -> None:
    for path in sorted(CATALOG_DIR.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        relative = Path(*[".."] * (len(path.relative_to(CATALOG_DIR).parts) - 1), SCHEMA_PATH)
        assert first == f"# yaml-language-server: $schema={'./' if path.parent == CATALOG_DIR else ''}{relative}", path


def test_shipped_schema_is_generated_from_the_spec() -> None:
    shipped = (CATALOG_DIR / SCHEMA_PATH).read_text(encoding="utf-8")
    assert shipped == schema_text(), "regenerate it: python -m sphinx_tapssec schema > catalog/" + SCHEMA_PATH


def test_schema_describes_every_file_and_record() -> None:
    schema = build_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert [shape["title"] for shape in schema["oneOf"]] == [spec.pattern for spec in FILES]
    assert set(schema["$defs"]) == set(RECORDS)
