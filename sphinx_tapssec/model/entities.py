"""The catalog as frozen dataclasses: cheap to pickle, compare and share between processes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from sphinx_tapssec.model.suggest import did_you_mean

_T = TypeVar("_T")

#: The transport classes a protocol is listed under for a dependency it describes, not for ``requires``:
#: a defined byte-stream mapping, and a transport-specific dependency (the survey's 4.2.1 and 4.3).
MAPPING_CLASS = "byte-stream-mapping"
SPECIFIC_CLASS = "transport-specific"

#: ``[RFC8446]``-style citations inside plain-text fields.
CITATION = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9._-]*)\]")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read, so that later checks can point at it."""

    #: Path of the catalog file.
    path: str
    #: 1-based line of the record's first key.
    line: int
    #: ``(key, line)`` of each key of the record, so a check can point at the field it rejects.
    fields: tuple[tuple[str, int], ...] = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    def at(self, key: str) -> Source:
        """This source, at the line of *key* (the record's line when the key is absent)."""
        return Source(self.path, dict(self.fields).get(key, self.line))


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading of the surveyed document."""

    #: Section number, ``None`` for an unnumbered section such as the authors' addresses.
    number: str | None
    title: str
    #: Stable key: the number (or title) in the edition the catalog is written as.
    key: str


@dataclass(frozen=True, slots=True)
class Survey:
    """The surveyed document itself."""

    id: str
    title: str
    date: str
    status: str
    #: Author names with their affiliations, as printed.
    authors: tuple[tuple[str, str], ...]
    url: str | None
    abstract: str
    expires: str | None
    source: Source
    sections: tuple[Heading, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    """A group of Section 3: where in the stack a protocol works."""

    id: str
    name: str
    section: str
    description: str
    source: Source


@dataclass(frozen=True, slots=True)
class Phase:
    """A group of interfaces of Section 5: when the application uses them."""

    id: str
    name: str
    section: str
    description: str
    source: Source


@dataclass(frozen=True, slots=True)
class Transport:
    """A transport dependency class of Section 4."""

    id: str
    name: str
    section: str
    description: str
    source: Source


@dataclass(frozen=True, slots=True)
class Interface:
    """An interface a security protocol may expose to applications (Section 5)."""

    code: str
    name: str
    phase: str
    section: str
    definition: str
    references: tuple[str, ...]
    source: Source
    #: Stable key: editions may change the code, never the key (it names the interface in data).
    key: str = ""
    #: The codes the interface has in other editions: links that use them still resolve.
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.code.lower())

    @property
    def id(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Reference:
    """An informative reference of the survey."""

    id: str
    #: One of ``rfc``, ``internet-draft``, ``paper``, ``web``.
    kind: str
    title: str
    authors: tuple[str, ...]
    date: str | None
    url: str | None
    rfc: int | None
    series: str | None
    doi: str | None
    draft: str | None
    version: str | None
    source: Source
    #: Citation label shown instead of the id (RFC 8922 cites drafts as e.g. ``[QUIC-TLS]``).
    label: str | None = None

    @property
    def citation(self) -> str:
        return f"[{self.label or self.id}]"


@dataclass(frozen=True, slots=True)
class Omitted:
    """A protocol the survey deliberately leaves out, and why."""

    id: str
    name: str
    #: One of ``no-unique-interface``, ``authentication-only``, ``out-of-scope``.
    reason: str
    note: str
    references: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Exposure:
    """One interface a protocol exposes, with the qualifier the table cannot show."""

    code: str
    #: A qualifier such as "version 1.3 only", or ``None``.
    note: str | None
    references: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Dependency:
    """A note on how a protocol uses its transport (a byte-stream mapping or a specific need)."""

    #: For a transport-specific dependency: ``transport-feature`` or ``own-transport``.
    kind: str | None
    note: str | None
    references: tuple[str, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class TransportNeeds:
    """What a protocol needs from the transport below it (Section 4)."""

    #: Transport classes the survey lists the protocol under (4.1, 4.2).
    requires: tuple[str, ...]
    #: The category heading it is listed under in Section 4, when that differs from its own.
    group: str | None
    byte_stream_mapping: Dependency | None
    specific: Dependency | None
    note: str | None
    #: Where the ``transport`` mapping is, to point at a bad ``requires`` or ``group``.
    source: Source


@dataclass(frozen=True, slots=True)
class Structure:
    """How a protocol splits its handshake and record protocol."""

    #: One of ``integrated``, ``separate``, ``record-only``, ``handshake-only``.
    kind: str
    handshake: str | None
    record: str | None


@dataclass(frozen=True, slots=True)
class Protocol:
    """A security protocol of Section 3."""

    id: str
    name: str
    full_name: str
    section: str
    category: str
    #: Whether the protocol has a row in the survey's summary table.
    in_table: bool
    summary: str
    description: str
    structure: Structure
    transport: TransportNeeds
    exposes: tuple[Exposure, ...]
    references: tuple[str, ...]
    source: Source

    @property
    def interface_codes(self) -> tuple[str, ...]:
        return tuple(exposure.code for exposure in self.exposes)

    def exposure(self, code: str) -> Exposure | None:
        """The exposure of *code*, or ``None`` when the protocol does not expose it."""
        return next((e for e in self.exposes if e.code == code), None)

    @property
    def transport_classes(self) -> tuple[str, ...]:
        """The transport classes the protocol is listed under: its ``requires``, then
        :data:`MAPPING_CLASS` and :data:`SPECIFIC_CLASS` when it describes such a dependency."""
        classes = list(self.transport.requires)
        if self.transport.byte_stream_mapping is not None and MAPPING_CLASS not in classes:
            classes.append(MAPPING_CLASS)
        if self.transport.specific is not None and SPECIFIC_CLASS not in classes:
            classes.append(SPECIFIC_CLASS)
        return tuple(classes)

    @property
    def section4_group(self) -> str:
        """The category heading Section 4 lists this protocol under."""
        return self.transport.group or self.category


@dataclass(frozen=True, slots=True)
class Rule:
    """A consistency rule kept with the catalog: every protocol in scope must satisfy a query."""

    id: str
    #: The expectation in plain text, for messages and the consistency page.
    description: str
    #: Query choosing the protocols the rule applies to; ``None`` means every protocol.
    scope: str | None
    #: Query each protocol in scope must satisfy.
    require: str
    source: Source
    #: Lines of the ``for`` and ``require`` keys, where query errors are reported.
    scope_line: int
    require_line: int


@dataclass(frozen=True, slots=True)
class ConsistencyNote:
    """A place where the survey disagrees with itself, recorded as found (the catalog stays faithful)."""

    id: str
    title: str
    #: What disagrees: one of :data:`~.spec.NOTE_KINDS`, e.g. ``category`` or ``order``.
    kind: str
    #: The survey sections involved, e.g. ``("3.2", "4.2")``.
    sections: tuple[str, ...]
    #: The protocols concerned.
    protocols: tuple[str, ...]
    #: A rule these protocols break because the survey does: the note excuses them.
    rule: str | None
    #: A claim that holds while the catalog records what the survey says, e.g. ``zrtp: in_table``.
    check: str | None
    note: str
    source: Source
    #: Line of the ``check`` key.
    check_line: int
    #: For an ``order`` note: the list's members in the survey's printed order (the catalog
    #: keeps the order of Section 3, so the two orders shown are both read from data).
    printed: tuple[str, ...] = ()
    #: Line of the ``printed`` key.
    printed_line: int = 0


@dataclass(frozen=True, slots=True)
class Change:
    """One difference of an edition from the edition it is based on."""

    #: One of :data:`~.spec.CHANGE_KINDS`.
    kind: str
    key: str
    field: str | None
    value: str | None
    note: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class Edition:
    """An edition of the survey; the one without ``based_on`` is what the records say as written."""

    id: str
    name: str
    document: str
    date: str
    url: str | None
    based_on: str | None
    note: str | None
    changes: tuple[Change, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class ReferenceStatus:
    """What became of one cited document (kept as data: no network at build time)."""

    reference: str
    obsoleted_by: tuple[str, ...]
    updated_by: tuple[str, ...]
    #: For an Internet-Draft: the RFC it was published as, e.g. ``RFC9000``.
    published_as: str | None
    note: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class StatusIndex:
    """The status of the cited documents, as read from an index on a date."""

    as_of: str
    #: Where the status was read, in words (e.g. the RFC Editor's rfc-index.xml).
    read_from: str
    entries: tuple[ReferenceStatus, ...]
    source: Source

    def of(self, reference_id: str) -> ReferenceStatus | None:
        return next((entry for entry in self.entries if entry.reference == reference_id), None)


@dataclass(frozen=True, slots=True)
class TapsConstruct:
    """A property, parameter, callback, action or event of the Transport Services API."""

    name: str
    #: One of :data:`~.spec.TAPS_CONSTRUCT_KINDS`.
    kind: str
    section: str


@dataclass(frozen=True, slots=True)
class TapsMapping:
    """What realizes one of the survey's interfaces in the Transport Services API."""

    #: The interface's stable key.
    interface: str
    #: ``full``, ``partial`` or ``none``.
    coverage: str
    constructs: tuple[TapsConstruct, ...]
    note: str | None
    source: Source


@dataclass(frozen=True, slots=True)
class TapsApi:
    """The Transport Services API document and its mapping of the interfaces."""

    document: str
    title: str
    url: str | None
    #: The text the section numbers were read from, when it is not the document itself.
    checked_against: str | None
    note: str | None
    mappings: tuple[TapsMapping, ...]
    source: Source

    def mapping(self, interface_key: str) -> TapsMapping | None:
        return next((m for m in self.mappings if m.interface == interface_key), None)


@dataclass(frozen=True, slots=True)
class DevelopmentSource:
    """A document a later development is based on (not one of the survey's references)."""

    label: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A cell of the survey's table that a later development suggests would read differently."""

    #: The interface's stable key.
    interface: str
    #: ``expose`` (the cell would gain its mark) or ``withdraw`` (lose it).
    change: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Development:
    """A dated development of a protocol after the survey, kept apart from the survey's content."""

    id: str
    protocol: str
    date: str
    title: str
    note: str
    sources: tuple[DevelopmentSource, ...]
    proposals: tuple[Proposal, ...]
    source: Source


def section_key(section: str) -> tuple[int, ...]:
    """Sort key for section numbers such as ``3.2.1`` (numeric, not lexical)."""
    return tuple(int(part) if part.isdigit() else 0 for part in section.split("."))


def _index(records: tuple[_T, ...], key: str) -> Mapping[str, _T]:
    return MappingProxyType({getattr(record, key): record for record in records})


def _interface_index(interfaces: tuple[Interface, ...]) -> Mapping[str, Interface]:
    """Interfaces by code, and by the codes they have in other editions (a current code wins)."""
    index = {alias: interface for interface in interfaces for alias in interface.aliases}
    index.update((interface.code, interface) for interface in interfaces)
    return MappingProxyType(index)


@dataclass(frozen=True)
class Catalog:
    """A whole catalog, in the order its files give; lookups by id are precomputed."""

    protocols: tuple[Protocol, ...] = ()
    interfaces: tuple[Interface, ...] = ()
    categories: tuple[Category, ...] = ()
    phases: tuple[Phase, ...] = ()
    transports: tuple[Transport, ...] = ()
    references: tuple[Reference, ...] = ()
    omitted: tuple[Omitted, ...] = ()
    survey: Survey | None = None
    rules: tuple[Rule, ...] = ()
    notes: tuple[ConsistencyNote, ...] = ()
    editions: tuple[Edition, ...] = ()
    #: The edition the records show (see :mod:`.editions`); ``None`` for a catalog without editions.
    edition: str | None = None
    status: StatusIndex | None = None
    taps: TapsApi | None = None
    developments: tuple[Development, ...] = ()
    #: Every file the catalog was read from, for dependency tracking.
    files: tuple[str, ...] = ()
    #: Records dropped while loading, as ``(kind, id, "path:line")`` of the problem that dropped them;
    #: the id ``""`` stands for every record of a file that could not be read.
    skipped: tuple[tuple[str, str, str], ...] = ()
    _by_id: dict[str, Mapping[str, object]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Frozen, so the derived indexes are set the way dataclasses set frozen fields.
        object.__setattr__(
            self,
            "_by_id",
            {
                "protocol": _index(self.protocols, "id"),
                "interface": _interface_index(self.interfaces),
                "category": _index(self.categories, "id"),
                "phase": _index(self.phases, "id"),
                "transport": _index(self.transports, "id"),
                "reference": _index(self.references, "id"),
                "rule": _index(self.rules, "id"),
                "note": _index(self.notes, "id"),
                "edition": _index(self.editions, "id"),
                "development": _index(self.developments, "id"),
            },
        )

    def __getstate__(self) -> dict[str, object]:
        # MappingProxyType does not pickle; the indexes are rebuilt on load.
        state = dict(self.__dict__)
        state.pop("_by_id")
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def protocol(self, protocol_id: str) -> Protocol | None:
        return self._by_id["protocol"].get(protocol_id)  # type: ignore[return-value]

    def interface(self, code: str) -> Interface | None:
        return self._by_id["interface"].get(code)  # type: ignore[return-value]

    def category(self, category_id: str) -> Category | None:
        return self._by_id["category"].get(category_id)  # type: ignore[return-value]

    def phase(self, phase_id: str) -> Phase | None:
        return self._by_id["phase"].get(phase_id)  # type: ignore[return-value]

    def transport(self, transport_id: str) -> Transport | None:
        return self._by_id["transport"].get(transport_id)  # type: ignore[return-value]

    def reference(self, reference_id: str) -> Reference | None:
        return self._by_id["reference"].get(reference_id)  # type: ignore[return-value]

    def interface_by_key(self, key: str) -> Interface | None:
        """The interface whose stable key is *key*."""
        return next((i for i in self.interfaces if i.key == key), None)

    def edition_record(self, edition_id: str) -> Edition | None:
        return self._by_id["edition"].get(edition_id)  # type: ignore[return-value]

    def reference_status(self, reference_id: str) -> ReferenceStatus | None:
        return self.status.of(reference_id) if self.status else None

    def developments_of(self, protocol_id: str) -> tuple[Development, ...]:
        return tuple(d for d in self.developments if d.protocol == protocol_id)

    def missing(self, kind: str, key: str) -> str:
        """Why no record of *kind* has id *key*: it was skipped (and where), or it is unknown (and a guess)."""
        for skipped_kind, skipped_key, location in self.skipped:
            if skipped_kind == kind and skipped_key in (key, ""):
                return f"{kind} {key!r} was skipped because of {location}"
        return f"unknown {kind} {key!r}{did_you_mean(key, self._by_id.get(kind, {}))}"

    def unreadable(self, kind: str) -> bool:
        """Whether a file holding records of *kind* could not be read, so any id of *kind* may be missing."""
        return any(skipped_kind == kind and not key for skipped_kind, key, _ in self.skipped)

    def has(self, kind: str, key: str) -> bool:
        """Whether a record of *kind* (``protocol``, ``interface``, ...) has id *key*."""
        return key in self._by_id.get(kind, {})

    def exposers(self, code: str, *, table_only: bool = True) -> Iterator[tuple[Protocol, Exposure]]:
        """The protocols that expose interface *code*, in catalog order (the Section 5 lists)."""
        for protocol in self.protocols:
            if table_only and not protocol.in_table:
                continue
            exposure = protocol.exposure(code)
            if exposure is not None:
                yield protocol, exposure

    def in_category(self, category_id: str) -> tuple[Protocol, ...]:
        return tuple(p for p in self.protocols if p.category == category_id)

    def cited_reference_ids(self) -> frozenset[str]:
        """Every reference id some record cites."""
        cited: set[str] = set()
        texts: list[str | None] = []
        for protocol in self.protocols:
            cited.update(protocol.references)
            needs = protocol.transport
            texts += [protocol.description, protocol.summary, protocol.structure.handshake, protocol.structure.record]
            texts.append(needs.note)
            for dependency in (needs.byte_stream_mapping, needs.specific):
                if dependency is not None:
                    cited.update(dependency.references)
                    texts.append(dependency.note)
            for exposure in protocol.exposes:
                cited.update(exposure.references)
                texts.append(exposure.note)
        for interface in self.interfaces:
            cited.update(interface.references)
            texts.append(interface.definition)
        for omitted in self.omitted:
            cited.update(omitted.references)
            texts.append(omitted.note)
        groups: tuple[Category | Phase | Transport, ...] = (*self.categories, *self.phases, *self.transports)
        texts += [group.description for group in groups]
        cited.update(match.group(1) for text in texts for match in CITATION.finditer(text or ""))
        return frozenset(cited)
