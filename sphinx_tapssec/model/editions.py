"""Editions of the survey: the catalog as written is one edition, the others are changes on top.

An edition changes fields of records it names by their stable keys (an interface's key, a
phase's id, a section's number in the base edition), so a rename never breaks a link: an
interface keeps answering to the codes it has in every edition. :func:`apply_edition` gives
the catalog as an edition shows it; :func:`diff` lists what differs between two editions,
computed from the two derived catalogs rather than written by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sphinx_tapssec.model.entities import Catalog, Change, Edition, Exposure, Interface, Protocol, Source
from sphinx_tapssec.model.problems import Problem, Subtype
from sphinx_tapssec.model.spec import RECORDS

_R = TypeVar("_R")

#: The record each kind of change names, for the kinds that change a record's fields.
_RECORD_OF = {
    "survey": "survey",
    "section": "heading",
    "interface": "interface",
    "phase": "phase",
    "category": "category",
    "transport": "transport",
    "reference": "reference",
}
#: The fields an edition may change, per kind of change (``cell`` and ``wording`` take none), in
#: the order the record declares them (a diff lists them in this order too).
CHANGEABLE: dict[str, tuple[str, ...]] = {
    **{kind: tuple(f.name for f in RECORDS[record].fields if f.changeable) for kind, record in _RECORD_OF.items()},
    "cell": (),
    "wording": (),
}
#: Fields whose value may be absent in a change: the change removes them.
REMOVABLE = frozenset(
    (kind, f.name) for kind, record in _RECORD_OF.items() for f in RECORDS[record].fields if f.removable
)
CELL_VALUES = ("exposed", "not-exposed")


class UnknownEditionError(LookupError):
    """An edition id the catalog does not define."""


def base_edition(catalog: Catalog) -> Edition | None:
    """The edition the catalog's records are written as (the one not based on another)."""
    return next((e for e in catalog.editions if e.based_on is None), None)


def lineage(catalog: Catalog, edition_id: str) -> list[Edition]:
    """The editions from the base to *edition_id*, in order."""
    chain: list[Edition] = []
    current = catalog.edition_record(edition_id)
    if current is None:
        raise UnknownEditionError(edition_id)
    while current is not None:
        if current in chain:
            break  # a cycle, reported by check_editions
        chain.append(current)
        current = catalog.edition_record(current.based_on) if current.based_on else None
    return chain[::-1]


def edition_ids(catalog: Catalog) -> tuple[str, ...]:
    return tuple(edition.id for edition in catalog.editions)


# -- checking -----------------------------------------------------------------------------


def check_editions(catalog: Catalog) -> tuple[Catalog, tuple[Problem, ...]]:
    """*catalog* with only the editions and changes that can be applied, and what was wrong."""
    problems: list[Problem] = []

    def report(source: Source, message: str, subtype: Subtype = Subtype.EDITION) -> None:
        problems.append(Problem(source.path, source.line, subtype, message))

    if not catalog.editions:
        return catalog, ()
    bases = [e for e in catalog.editions if e.based_on is None]
    if len(bases) != 1:
        where = catalog.editions[0].source
        report(where, f"exactly one edition must have no based_on (the catalog as written); found {len(bases)}")
    kept: list[Edition] = []
    ids = edition_ids(catalog)
    for edition in catalog.editions:
        if edition.based_on is not None:
            if edition.based_on not in ids:
                report(edition.source.at("based_on"), f"edition {edition.id!r}: unknown edition {edition.based_on!r}")
                continue
            if edition.id in (e.id for e in lineage(catalog, edition.based_on)):
                report(edition.source.at("based_on"), f"edition {edition.id!r} is based on itself")
                continue
        changes = tuple(c for c in edition.changes if _change_ok(catalog, edition, c, report))
        kept.append(dataclasses.replace(edition, changes=changes))
    return dataclasses.replace(catalog, editions=tuple(kept)), tuple(problems)


def _change_ok(catalog: Catalog, edition: Edition, change: Change, report: Callable[..., None]) -> bool:
    what = f"edition {edition.id!r} changes {change.kind} {change.key!r}"
    allowed = CHANGEABLE[change.kind]
    if change.kind == "cell":
        protocol_id, _, interface = change.key.partition("/")
        if catalog.protocol(protocol_id) is None:
            missing = catalog.missing("protocol", protocol_id)
            report(change.source.at("key"), f"{what}: {missing}", Subtype.UNKNOWN_PROTOCOL)
            return False
        if _interface(catalog, interface) is None:
            report(change.source.at("key"), f"{what}: unknown interface {interface!r}", Subtype.UNKNOWN_INTERFACE)
            return False
        if change.value not in CELL_VALUES:
            report(change.source.at("value"), f"{what}: value must be one of {', '.join(CELL_VALUES)}")
            return False
        return True
    if change.kind == "wording":
        if not change.field or not change.value:
            report(change.source, f"{what}: a wording change needs field (the words replaced) and value")
            return False
        return True
    if change.field not in allowed:
        report(change.source.at("field"), f"{what}: field must be one of {', '.join(allowed)}, not {change.field!r}")
        return False
    if change.value is None and (change.kind, change.field) not in REMOVABLE:
        report(change.source, f"{what}: {change.field} needs a value")
        return False
    if _target(catalog, change) is None:
        subtype = {
            "interface": Subtype.UNKNOWN_INTERFACE,
            "phase": Subtype.UNKNOWN_PHASE,
            "category": Subtype.UNKNOWN_CATEGORY,
            "transport": Subtype.UNKNOWN_TRANSPORT,
            "reference": Subtype.UNKNOWN_REFERENCE,
        }.get(change.kind, Subtype.EDITION)
        report(change.source.at("key"), f"{what}: no such {change.kind} in the catalog", subtype)
        return False
    return True


def _interface(catalog: Catalog, key_or_code: str) -> Interface | None:
    return catalog.interface_by_key(key_or_code) or catalog.interface(key_or_code.upper())


def _target(catalog: Catalog, change: Change) -> object | None:
    if change.kind == "survey":
        return catalog.survey
    if change.kind == "section":
        sections = catalog.survey.sections if catalog.survey else ()
        return next((h for h in sections if h.key == change.key), None)
    if change.kind == "interface":
        return _interface(catalog, change.key)
    lookup: Callable[[str], object | None] = getattr(catalog, change.kind)
    return lookup(change.key)


# -- applying -----------------------------------------------------------------------------


def apply_edition(catalog: Catalog, edition_id: str | None) -> Catalog:
    """*catalog* as *edition_id* shows it (``None``: the base edition, when there are editions).

    Raises :class:`UnknownEditionError` for an id the catalog does not define.
    """
    base = base_edition(catalog)
    if edition_id is None:
        if base is None:
            return catalog
        edition_id = base.id
    result = catalog
    for edition in lineage(catalog, edition_id):
        for change in edition.changes:
            result = _apply(result, change)
    interfaces = tuple(
        dataclasses.replace(i, aliases=tuple(code for code in _codes(catalog, i.key) if code != i.code))
        for i in result.interfaces
    )
    return dataclasses.replace(result, interfaces=interfaces, edition=edition_id)


def _codes(catalog: Catalog, key: str) -> list[str]:
    """Every code the interface with *key* has in some edition, base first."""
    base = catalog.interface_by_key(key)
    codes = [base.code] if base else []
    for edition in catalog.editions:
        codes += [
            c.value for c in edition.changes if c.kind == "interface" and c.key == key and c.field == "code" and c.value
        ]
    return [code for code in dict.fromkeys(codes) if code]


def _apply(catalog: Catalog, change: Change) -> Catalog:
    kind, value = change.kind, change.value
    if kind == "wording":
        return catalog  # a note for readers of the diff; the catalog's prose is our own
    if kind == "cell":
        protocol_id, _, interface_key = change.key.partition("/")
        interface = _interface(catalog, interface_key)
        assert interface is not None
        exposed = value == "exposed"
        return _map_protocols(
            catalog, lambda p: _set_cell(p, interface.code, exposed, change.source) if p.id == protocol_id else p
        )
    if kind == "survey":
        assert catalog.survey is not None
        return dataclasses.replace(catalog, survey=_with(catalog.survey, change.field, value))
    if kind == "section":
        assert catalog.survey is not None
        sections = tuple(_with(h, change.field, value) if h.key == change.key else h for h in catalog.survey.sections)
        return dataclasses.replace(catalog, survey=dataclasses.replace(catalog.survey, sections=sections))
    if kind == "interface":
        old = _interface(catalog, change.key)
        assert old is not None
        new = _with(old, change.field, value)
        result = dataclasses.replace(catalog, interfaces=tuple(new if i is old else i for i in catalog.interfaces))
        if new.code != old.code:
            result = _map_protocols(result, lambda p: _rename_code(p, old.code, new.code))
        return result
    collection = {"phase": "phases", "category": "categories", "transport": "transports", "reference": "references"}
    name = collection[kind]
    new_value: object = value
    if change.field == "authors":
        new_value = tuple(part.strip() for part in (value or "").split(";") if part.strip())
    records = tuple(_with(r, change.field, new_value) if r.id == change.key else r for r in getattr(catalog, name))
    return _with(catalog, name, records)


def _with(record: _R, field: str | None, value: object) -> _R:
    """*record* with *field* set to *value* (checked against :data:`CHANGEABLE` beforehand)."""
    changes: dict[str, Any] = {field or "": value}
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]


def _map_protocols(catalog: Catalog, function: Callable[[Protocol], Protocol]) -> Catalog:
    return dataclasses.replace(catalog, protocols=tuple(map(function, catalog.protocols)))


def _rename_code(protocol: Protocol, old: str, new: str) -> Protocol:
    if old not in protocol.interface_codes:
        return protocol
    exposes = tuple(dataclasses.replace(e, code=new) if e.code == old else e for e in protocol.exposes)
    return dataclasses.replace(protocol, exposes=exposes)


def _set_cell(protocol: Protocol, code: str, exposed: bool, source: Source) -> Protocol:
    if exposed == (code in protocol.interface_codes):
        return protocol
    if exposed:
        return dataclasses.replace(protocol, exposes=(*protocol.exposes, Exposure(code, None, (), source)))
    return dataclasses.replace(protocol, exposes=tuple(e for e in protocol.exposes if e.code != code))


# -- comparing ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Difference:
    """One thing that differs between two editions."""

    #: ``survey``, ``section``, ``interface``, ``phase``, ``category``, ``transport``,
    #: ``protocol``, ``cell``, ``reference`` or ``wording``.
    kind: str
    #: What differs, by its stable key (``tls/me`` for a cell).
    subject: str
    #: The field, or ``None`` when a whole record is added or removed.
    field: str | None
    before: str | None
    after: str | None
    note: str | None = None

    def __str__(self) -> str:
        where = " ".join(part for part in (self.kind, self.subject, self.field) if part)
        text = f"{where}: {_shown(self.before)} -> {_shown(self.after)}"
        return f"{text} ({self.note})" if self.note else text


def _shown(value: str | None) -> str:
    return "(none)" if value is None else repr(" ".join(value.split()))


def diff(catalog: Catalog, before_id: str, after_id: str) -> list[Difference]:
    """What differs between editions *before_id* and *after_id* of *catalog* (the undivided catalog)."""
    before, after = apply_edition(catalog, before_id), apply_edition(catalog, after_id)
    result: list[Difference] = []
    if before.survey and after.survey:
        result += _fields("survey", "", before.survey, after.survey, CHANGEABLE["survey"])
        result += _records("section", _by(before.survey.sections, "key"), _by(after.survey.sections, "key"))
    for kind, collection in (
        ("phase", "phases"),
        ("category", "categories"),
        ("transport", "transports"),
        ("interface", "interfaces"),
        ("protocol", "protocols"),
    ):
        key = "key" if kind == "interface" else "id"
        pairs = _by(getattr(before, collection), key), _by(getattr(after, collection), key)
        result += _records(kind, *pairs)
    result += list(_cells(before, after))
    result += _records("reference", _by(before.references, "id"), _by(after.references, "id"))
    result += _wording(catalog, before_id, after_id)
    return result


def _by(records: Iterable[Any], key: str) -> dict[str, Any]:
    return {getattr(record, key): record for record in records}


def _value(record: Any, field: str) -> str | None:
    value = getattr(record, field)
    if value is None:
        return None
    if isinstance(value, tuple):
        return "; ".join(value) or None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _fields(kind: str, subject: str, before: Any, after: Any, fields: tuple[str, ...]) -> list[Difference]:
    return [
        Difference(kind, subject, field, _value(before, field), _value(after, field))
        for field in fields
        if _value(before, field) != _value(after, field)
    ]


def _records(kind: str, before: dict[str, Any], after: dict[str, Any]) -> list[Difference]:
    result: list[Difference] = []
    # Only what an edition may change can differ (protocols change only in their cells).
    fields = CHANGEABLE.get(kind, ())
    for key, old in before.items():
        new = after.get(key)
        if new is None:
            result.append(Difference(kind, key, None, "present", None))
        else:
            result += _fields(kind, key, old, new, fields)
    result += [Difference(kind, key, None, None, "present") for key in after if key not in before]
    return result


def _cells(before: Catalog, after: Catalog) -> Iterator[Difference]:
    """Cells of the table whose mark differs, for protocols and interfaces both editions have."""
    for protocol in before.protocols:
        other = after.protocol(protocol.id)
        if other is None or not (protocol.in_table or other.in_table):
            continue
        for interface in before.interfaces:
            counterpart = after.interface_by_key(interface.key)
            if counterpart is None:
                continue
            was = protocol.in_table and interface.code in protocol.interface_codes
            now = other.in_table and counterpart.code in other.interface_codes
            if was != now:
                yield Difference(
                    "cell", f"{protocol.id}/{interface.key}", None, *(("exposed", None) if was else (None, "exposed"))
                )


def _wording(catalog: Catalog, before_id: str, after_id: str) -> list[Difference]:
    before, after = lineage(catalog, before_id), lineage(catalog, after_id)
    forward = [e for e in after if e not in before]
    backward = [e for e in before if e not in after][::-1]
    result = []
    for edition in forward:
        result += [
            Difference("wording", f"section {c.key}", None, c.field, c.value, c.note)
            for c in edition.changes
            if c.kind == "wording"
        ]
    for edition in backward:
        result += [
            Difference("wording", f"section {c.key}", None, c.value, c.field, c.note)
            for c in edition.changes
            if c.kind == "wording"
        ]
    return result
