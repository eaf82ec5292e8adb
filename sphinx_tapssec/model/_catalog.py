"""The whole catalog: its records in the order its files give, with lookups by id precomputed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from sphinx_tapssec.model._companion_records import (
    ConsistencyNote,
    Development,
    Edition,
    ReferenceStatus,
    Rule,
    StatusIndex,
    TapsApi,
)
from sphinx_tapssec.model._survey_records import (
    CITATION,
    Category,
    Exposure,
    Interface,
    Omitted,
    Phase,
    Protocol,
    Reference,
    Survey,
    Transport,
)
from sphinx_tapssec.model.suggest import did_you_mean

_T = TypeVar("_T")


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
