"""Cross-record checks: ids are unique and every id a record names exists.

An invalid record is dropped (a protocol in an unknown category); an invalid item of a
list is dropped from the list (an unknown interface code); either way it is reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sphinx_tapssec.model.entities import (
    CITATION,
    Catalog,
    Category,
    Dependency,
    Exposure,
    Phase,
    Protocol,
    Source,
    Transport,
)
from sphinx_tapssec.model.problems import Problem, Subtype
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES, safe_url

_R = TypeVar("_R")


_UNKNOWN = {
    "interface": Subtype.UNKNOWN_INTERFACE,
    "category": Subtype.UNKNOWN_CATEGORY,
    "phase": Subtype.UNKNOWN_PHASE,
    "transport": Subtype.UNKNOWN_TRANSPORT,
    "reference": Subtype.UNKNOWN_REFERENCE,
}


class _Validator:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Problem] = []

    def report(self, source: Source, subtype: Subtype, message: str) -> None:
        self.problems.append(Problem(source.path, source.line, subtype, message))

    def unique(self, records: Iterable[_R], what: str) -> tuple[_R, ...]:
        """*records* without later duplicates of an id."""
        first: dict[str, Source] = {}
        kept = []
        for record in records:
            key, source = getattr(record, "id"), getattr(record, "source")  # noqa: B009
            if key in first:
                self.report(
                    source, Subtype.DUPLICATE_ID, f"duplicate {what} id {key!r}; first defined at {first[key].location}"
                )
                continue
            first[key] = source
            kept.append(record)
        return tuple(kept)

    def known(self, kind: str, keys: Iterable[str], source: Source, what: str) -> tuple[str, ...]:
        """The *keys* that name an existing record of *kind*; the others are reported."""
        kept = []
        for key in keys:
            if self.catalog.has(kind, key):
                kept.append(key)
            else:
                self.report(source, _UNKNOWN[kind], f"{what}: unknown {kind} {key!r}")
        return tuple(kept)

    def citations(self, text: str | None, source: Source, what: str) -> None:
        for match in CITATION.finditer(text or ""):
            self.known("reference", [match.group(1)], source, what)

    def dependency(self, dependency: Dependency | None, what: str) -> Dependency | None:
        if dependency is None:
            return None
        self.citations(dependency.note, dependency.source.at("note"), what)
        refs = self.known("reference", dependency.references, dependency.source.at("references"), what)
        return dataclasses.replace(dependency, references=refs)

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
            self.citations(exposure.note, exposure.source.at("note"), what)
            refs = self.known("reference", exposure.references, exposure.source.at("references"), what)
            kept.append(dataclasses.replace(exposure, references=refs))
        return tuple(kept)

    def protocol(self, protocol: Protocol) -> Protocol | None:
        what = f"protocol {protocol.id!r}"
        if not self.known("category", [protocol.category], protocol.source.at("category"), what):
            return None
        needs = protocol.transport
        where = protocol.source
        group = needs.group and (self.known("category", [needs.group], needs.source.at("group"), what) or (None,))[0]
        needs = dataclasses.replace(
            needs,
            requires=self.known("transport", needs.requires, needs.source.at("requires"), what),
            group=group or None,
            byte_stream_mapping=self.dependency(needs.byte_stream_mapping, what),
            specific=self.dependency(needs.specific, what),
        )
        self.citations(protocol.description, where.at("description"), what)
        self.citations(protocol.summary, where.at("summary"), what)
        for text in (protocol.structure.handshake, protocol.structure.record):
            self.citations(text, where.at("structure"), what)
        self.citations(needs.note, needs.source.at("note"), what)
        return dataclasses.replace(
            protocol,
            transport=needs,
            exposes=self.exposures(protocol),
            references=self.known("reference", protocol.references, where.at("references"), what),
        )

    def with_refs(self, record: Any, text_field: str, what: str) -> Any:
        self.citations(getattr(record, text_field), record.source.at(text_field), what)
        refs = self.known("reference", record.references, record.source.at("references"), what)
        return dataclasses.replace(record, references=refs)


def validate(catalog: Catalog, url_schemes: Sequence[str] = DEFAULT_SCHEMES) -> tuple[Catalog, tuple[Problem, ...]]:
    """*catalog* without its invalid records and items, and the problems found.

    A URL outside *url_schemes* is reported but kept: it renders as text, never as a link.
    """
    check = _Validator(catalog)
    for reference in catalog.references:
        if reference.url and not safe_url(reference.url, url_schemes):
            check.report(
                reference.source.at("url"),
                Subtype.UNSAFE_URL,
                f"reference {reference.id!r}: URL {reference.url!r} is not an allowed link "
                f"(schemes: {', '.join(url_schemes)}); it is shown as text",
            )
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
        if check.known("phase", [i.phase], i.source.at("phase"), f"interface {i.code!r}")
    )
    # Protocols are checked against the interfaces that survived, so none exposes a dropped one.
    check.catalog = dataclasses.replace(unique, interfaces=interfaces)
    protocols = tuple(p for p in map(check.protocol, unique.protocols) if p is not None)
    omitted = tuple(check.with_refs(o, "note", f"omitted {o.id!r}") for o in unique.omitted)
    groups: tuple[Category | Phase | Transport, ...] = (*unique.categories, *unique.phases, *unique.transports)
    for group in groups:
        check.citations(group.description, group.source.at("description"), repr(group.id))
    result = dataclasses.replace(check.catalog, protocols=protocols, omitted=omitted)
    return result, tuple(check.problems)
