"""Every name the query language knows: protocol attributes and predicates, declared once.

The checker, the evaluator and the generated language reference all read these tables,
so a name cannot be documented without working or work without being documented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sphinx_tapssec.model.entities import CITATION, Catalog, Protocol, section_key

#: Transport classes that are not listed in ``requires`` but derived from other fields (Section 4.2.1, 4.3).
MAPPING_CLASS = "byte-stream-mapping"
SPECIFIC_CLASS = "transport-specific"
STRUCTURES = ("integrated", "separate", "record-only", "handshake-only")
SPECIFIC_KINDS = ("transport-feature", "own-transport")


class Type(StrEnum):
    """The value types of attributes."""

    BOOL = "boolean"
    INT = "number"
    ID = "id"
    SECTION = "section number"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Attribute:
    """A value every protocol has, usable in comparisons."""

    name: str
    type: Type
    help: str
    get: Callable[[Protocol], object]
    #: For an id: the catalog kind its values must name (``category``...), if any.
    refers_to: str | None = None
    #: For an id with a fixed set of values (``structure``).
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Predicate:
    """A test of a protocol against catalog ids, such as ``exposes(SAV)``."""

    name: str
    #: What the arguments name: a catalog kind (``interface``...) or ``choice``.
    argument: str
    help: str
    test: Callable[[Protocol, str, Catalog], bool]
    #: Whether several arguments are allowed (then all must hold).
    many: bool = False
    choices: tuple[str, ...] = ()


def normalize(kind: str, key: str) -> str:
    """Ids as the catalog stores them: interface codes upper case, reference ids as written, the rest lower."""
    if kind == "interface":
        return key.upper()
    if kind == "reference":
        return key
    return key.lower()


def citations(protocol: Protocol) -> frozenset[str]:
    """Every reference id a protocol's record cites, in any field."""
    needs = protocol.transport
    cited = set(protocol.references)
    for exposure in protocol.exposes:
        cited.update(exposure.references)
    texts = [protocol.description, protocol.structure.handshake, protocol.structure.record, needs.note]
    for dependency in (needs.byte_stream_mapping, needs.specific):
        if dependency is not None:
            cited.update(dependency.references)
            texts.append(dependency.note)
    texts += [exposure.note for exposure in protocol.exposes]
    for text in texts:
        cited.update(match.group(1) for match in CITATION.finditer(text or ""))
    return frozenset(cited)


def _transport(protocol: Protocol, transport: str, catalog: Catalog) -> bool:
    needs = protocol.transport
    if transport == MAPPING_CLASS:
        return needs.byte_stream_mapping is not None
    if transport == SPECIFIC_CLASS:
        return needs.specific is not None
    return transport in needs.requires


def _phase(protocol: Protocol, phase: str, catalog: Catalog) -> bool:
    interfaces = (catalog.interface(code) for code in protocol.interface_codes)
    return any(interface is not None and interface.phase == phase for interface in interfaces)


def _qualified(protocol: Protocol, code: str, catalog: Catalog) -> bool:
    exposure = protocol.exposure(code)
    return exposure is not None and bool(exposure.note or exposure.references)


def _specific(protocol: Protocol, kind: str, catalog: Catalog) -> bool:
    specific = protocol.transport.specific
    return specific is not None and specific.kind == kind


ATTRIBUTES: dict[str, Attribute] = {
    a.name: a
    for a in (
        Attribute("id", Type.ID, "The protocol's id, e.g. ``tls``.", lambda p: p.id, refers_to="protocol"),
        Attribute("name", Type.TEXT, "The display name, e.g. ``TLS``.", lambda p: p.name),
        Attribute("category", Type.ID, "The Section 3 category id.", lambda p: p.category, refers_to="category"),
        Attribute(
            "group",
            Type.ID,
            "The category heading Section 4 lists the protocol under (its category unless the survey regroups it).",
            lambda p: p.section4_group,
            refers_to="category",
        ),
        Attribute("section", Type.SECTION, "The section describing it; compares numerically.", lambda p: p.section),
        Attribute(
            "structure",
            Type.ID,
            "How handshake and record protocol are split.",
            lambda p: p.structure.kind,
            choices=STRUCTURES,
        ),
        Attribute("in_table", Type.BOOL, "Whether the summary table has a row for it.", lambda p: p.in_table),
        Attribute("interfaces", Type.INT, "How many interfaces it exposes.", lambda p: len(p.exposes)),
        Attribute("references", Type.INT, "How many references its record lists.", lambda p: len(p.references)),
    )
}

PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in (
        Predicate(
            "exposes", "interface", "Exposes every interface named.", lambda p, c, _: p.exposure(c) is not None, True
        ),
        Predicate("qualified", "interface", "Exposes each interface named, with a qualifier.", _qualified, True),
        Predicate("phase", "phase", "Exposes at least one interface of the phase.", _phase),
        Predicate("category", "category", "Belongs to the Section 3 category.", lambda p, c, _: p.category == c),
        Predicate(
            "group",
            "category",
            "Is listed under the category's heading in Section 4.",
            lambda p, c, _: p.section4_group == c,
        ),
        Predicate(
            "transport",
            "transport",
            "Is listed under the transport class in Section 4: ``byte-stream`` or ``datagram``; "
            "``byte-stream-mapping`` (has a defined mapping) or ``transport-specific`` (has such a dependency).",
            _transport,
        ),
        Predicate(
            "specific", "choice", "Has a transport-specific dependency of the kind.", _specific, choices=SPECIFIC_KINDS
        ),
        Predicate(
            "cites",
            "reference",
            "Cites every reference named, anywhere in its record.",
            lambda p, r, _: r in citations(p),
            True,
        ),
    )
}


def compare_key(attribute: Attribute, value: object) -> object:
    """The value as it orders: section numbers numerically, everything else as it is."""
    return section_key(str(value)) if attribute.type is Type.SECTION else value
