"""Cross-record checks: ids are unique and every id a record names exists.

An invalid record is dropped (a protocol in an unknown category); an invalid item of a
list is dropped from the list (an unknown interface code); either way it is reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any, TypeVar
from typing import Protocol as TypingProtocol

from sphinx_tapssec.model.entities import (
    CITATION,
    Catalog,
    Category,
    Dependency,
    Development,
    Exposure,
    Phase,
    Protocol,
    Source,
    StatusIndex,
    TapsApi,
    Transport,
)
from sphinx_tapssec.model.problems import Problem, Subtype
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES, safe_url


class _Identified(TypingProtocol):
    """A record with an id and a source: what :meth:`_Validator.unique` compares."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> Source: ...


_R = TypeVar("_R", bound=_Identified)
#: Any frozen record :func:`_with` can copy.
_T = TypeVar("_T")


def _with(record: _T, **changes: Any) -> _T:
    """*record* with *changes*; *record* itself when they change nothing.

    A valid catalog then keeps the very records the loader built, which the catalog cache
    (:mod:`.file_cache`) also holds: pickled together with the environment, they are stored
    once. It also spares most of the copies.
    """
    if all((old := getattr(record, name)) is value or old == value for name, value in changes.items()):
        return record
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]


_UNKNOWN = {
    "interface": Subtype.UNKNOWN_INTERFACE,
    "category": Subtype.UNKNOWN_CATEGORY,
    "phase": Subtype.UNKNOWN_PHASE,
    "transport": Subtype.UNKNOWN_TRANSPORT,
    "reference": Subtype.UNKNOWN_REFERENCE,
    "protocol": Subtype.UNKNOWN_PROTOCOL,
}


class _Validator:
    def __init__(self, catalog: Catalog, url_schemes: Sequence[str] = DEFAULT_SCHEMES) -> None:
        self.catalog = catalog
        self.url_schemes = url_schemes
        self.problems: list[Problem] = []
        #: Records dropped here, in the form of :attr:`Catalog.skipped`.
        self.skipped: list[tuple[str, str, str]] = []

    def all_skipped(self) -> tuple[tuple[str, str, str], ...]:
        """The records the loader skipped and those skipped here so far."""
        return (*self.catalog.skipped, *(s for s in self.skipped if s not in self.catalog.skipped))

    def report(self, source: Source, subtype: Subtype, message: str) -> None:
        self.problems.append(Problem(source.path, source.line, subtype, message))

    def unique(self, records: Iterable[_R], what: str) -> tuple[_R, ...]:
        """*records* with one record per id (:func:`_winner`); each other one is reported where it is."""
        groups: dict[str, list[_R]] = {}
        for record in records:
            groups.setdefault(record.id, []).append(record)
        kept = []
        for key, group in groups.items():
            winner = _winner(group)
            kept.append(winner)
            for record in group:
                if record is not winner:
                    self.report(
                        record.source,
                        Subtype.DUPLICATE_ID,
                        f"duplicate {what} id {key!r}: {winner.source.location} defines it too and "
                        f"is kept ({DUPLICATE_RULE}); this one is skipped",
                    )
        return tuple(kept)

    def known(
        self, kind: str, keys: Iterable[str], source: Source, what: str, field: str | None = None
    ) -> tuple[str, ...]:
        """The *keys* that name an existing record of *kind*; the others are reported at *source*,
        on the line of *field* when given (looked up only then: most keys are known)."""
        kept = []
        for key in keys:
            if self.catalog.has(kind, key):
                kept.append(key)
            else:
                where = source.at(field) if field else source
                self.report(where, _UNKNOWN[kind], f"{what}: {self.catalog.missing(kind, key)}")
        return tuple(kept)

    def needed(self, record: Any, kind: str, key: str, field: str) -> bool:
        """Whether *key*, which *record* cannot do without, names a record of *kind*; if not, *record*
        is reported as skipped once, and references to it then say why."""
        if self.catalog.has(kind, key):
            return True
        record_kind = type(record).__name__.lower()
        what = f"{record_kind} {record.id!r}"
        source = record.source.at(field)
        self.report(source, _UNKNOWN[kind], f"{what}: {self.catalog.missing(kind, key)}; {what} is skipped")
        self.skipped.append((record_kind, record.id, source.location))
        return False

    def citations(self, text: str | None, source: Source, what: str, field: str | None = None) -> None:
        for match in CITATION.finditer(text or ""):
            self.known("reference", [match.group(1)], source, what, field)

    def dependency(self, dependency: Dependency | None, what: str) -> Dependency | None:
        if dependency is None:
            return None
        self.citations(dependency.note, dependency.source, what, "note")
        refs = self.known("reference", dependency.references, dependency.source, what, "references")
        return _with(dependency, references=refs)

    def exposures(self, protocol: Protocol) -> tuple[Exposure, ...]:
        seen: set[str] = set()
        kept = []
        for exposure in protocol.exposes:
            what = f"protocol {protocol.id!r} exposes"
            if not self.known("interface", [exposure.code], exposure.source, what):
                continue
            if exposure.code in seen:
                self.report(exposure.source, Subtype.DUPLICATE_ID, f"{what} {exposure.code!r} twice")
                continue
            seen.add(exposure.code)
            self.citations(exposure.note, exposure.source, what, "note")
            refs = self.known("reference", exposure.references, exposure.source, what, "references")
            kept.append(_with(exposure, references=refs))
        return tuple(kept)

    def protocol(self, protocol: Protocol) -> Protocol | None:
        what = f"protocol {protocol.id!r}"
        if not self.needed(protocol, "category", protocol.category, "category"):
            return None
        needs = protocol.transport
        where = protocol.source
        group = needs.group and (self.known("category", [needs.group], needs.source, what, "group") or (None,))[0]
        needs = _with(
            needs,
            requires=self.known("transport", needs.requires, needs.source, what, "requires"),
            group=group or None,
            byte_stream_mapping=self.dependency(needs.byte_stream_mapping, what),
            specific=self.dependency(needs.specific, what),
        )
        self.citations(protocol.description, where, what, "description")
        self.citations(protocol.summary, where, what, "summary")
        for text in (protocol.structure.handshake, protocol.structure.record):
            self.citations(text, where, what, "structure")
        self.citations(needs.note, needs.source, what, "note")
        return _with(
            protocol,
            transport=needs,
            exposes=self.exposures(protocol),
            references=self.known("reference", protocol.references, where, what, "references"),
        )

    def interface_key(self, key_or_code: str, source: Source, what: str) -> str | None:
        """The stable key of the interface named by its key or code, or ``None`` (reported)."""
        interface = self.catalog.interface_by_key(key_or_code) or self.catalog.interface(key_or_code.upper())
        if interface is None:
            self.report(source, Subtype.UNKNOWN_INTERFACE, f"{what}: {self.catalog.missing('interface', key_or_code)}")
            return None
        return interface.key

    def status(self, index: StatusIndex | None) -> StatusIndex | None:
        if index is None:
            return None
        seen: set[str] = set()
        kept = []
        for entry in index.entries:
            what = "status entry"
            if not self.known("reference", [entry.reference], entry.source, what, "reference"):
                continue
            if entry.reference in seen:
                self.report(entry.source, Subtype.DUPLICATE_ID, f"{what}: {entry.reference!r} is given twice")
                continue
            seen.add(entry.reference)
            kept.append(entry)
        return dataclasses.replace(index, entries=tuple(kept))

    def taps(self, api: TapsApi | None) -> TapsApi | None:
        if api is None:
            return None
        self.url(api.url, api.source, f"taps_api {api.document!r}", "url")
        seen: set[str] = set()
        kept = []
        for mapping in api.mappings:
            key = self.interface_key(mapping.interface, mapping.source.at("interface"), "taps_api mapping")
            if key is None:
                continue
            if key in seen:
                self.report(mapping.source, Subtype.DUPLICATE_ID, f"taps_api maps interface {key!r} twice")
                continue
            seen.add(key)
            kept.append(dataclasses.replace(mapping, interface=key))
        return dataclasses.replace(api, mappings=tuple(kept))

    def development(self, development: Development) -> Development | None:
        what = f"development {development.id!r}"
        if not self.needed(development, "protocol", development.protocol, "protocol"):
            return None
        for item in development.sources:
            self.url(item.url, development.source, what, "sources")
        proposals = []
        for proposal in development.proposals:
            key = self.interface_key(proposal.interface, development.source.at("proposals"), what)
            if key is not None:
                proposals.append(dataclasses.replace(proposal, interface=key))
        return dataclasses.replace(development, proposals=tuple(proposals))

    def url(self, url: str | None, source: Source, what: str, field: str) -> None:
        if url and not safe_url(url, self.url_schemes):
            self.report(
                source.at(field),
                Subtype.UNSAFE_URL,
                f"{what}: URL {url!r} is not an allowed link (schemes: {', '.join(self.url_schemes)}); "
                "it is shown as text",
            )

    def with_refs(self, record: Any, text_field: str, what: str) -> Any:
        self.citations(getattr(record, text_field), record.source, what, text_field)
        refs = self.known("reference", record.references, record.source, what, "references")
        return _with(record, references=refs)


def validate(catalog: Catalog, url_schemes: Sequence[str] = DEFAULT_SCHEMES) -> tuple[Catalog, tuple[Problem, ...]]:
    """*catalog* without its invalid records and items, and the problems found.

    A URL outside *url_schemes* is reported but kept: it renders as text, never as a link.
    """
    check = _Validator(catalog, url_schemes)
    for reference in catalog.references:
        check.url(reference.url, reference.source, f"reference {reference.id!r}", "url")
    unique = dataclasses.replace(
        catalog,
        protocols=check.unique(catalog.protocols, "protocol"),
        interfaces=check.unique(catalog.interfaces, "interface"),
        categories=check.unique(catalog.categories, "category"),
        phases=check.unique(catalog.phases, "phase"),
        transports=check.unique(catalog.transports, "transport"),
        references=check.unique(catalog.references, "reference"),
        omitted=check.unique(catalog.omitted, "omitted"),
    )
    check.catalog = unique
    interfaces = tuple(
        check.with_refs(i, "definition", f"interface {i.code!r}")
        for i in unique.interfaces
        if check.needed(i, "phase", i.phase, "phase")
    )
    # Protocols are checked against the interfaces that survived, so none exposes a dropped one.
    check.catalog = dataclasses.replace(unique, interfaces=interfaces, skipped=check.all_skipped())
    protocols = tuple(p for p in map(check.protocol, unique.protocols) if p is not None)
    omitted = tuple(check.with_refs(o, "note", f"omitted {o.id!r}") for o in unique.omitted)
    groups: tuple[Category | Phase | Transport, ...] = (*unique.categories, *unique.phases, *unique.transports)
    for group in groups:
        check.citations(group.description, group.source, repr(group.id), "description")
    result = dataclasses.replace(check.catalog, protocols=protocols, omitted=omitted, skipped=check.all_skipped())
    check.catalog = result
    result = dataclasses.replace(
        result,
        editions=check.unique(result.editions, "edition"),
        status=check.status(result.status),
        taps=check.taps(result.taps),
        developments=tuple(
            d for d in map(check.development, check.unique(result.developments, "development")) if d is not None
        ),
    )
    return dataclasses.replace(result, skipped=check.all_skipped()), tuple(check.problems)


#: Which of two records with one id is kept; the docs' catalog page states the same rule.
DUPLICATE_RULE = "the file named after the id wins, else the first file in name order"


def _winner(group: Sequence[_R]) -> _R:
    """Of records sharing an id, in reading order: the one in a file named after the id, else the first."""
    if len(group) == 1:
        return group[0]
    return next((record for record in group if PurePath(record.source.path).stem == record.id), group[0])
