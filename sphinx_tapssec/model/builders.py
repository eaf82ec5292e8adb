"""Turn checked records into entities, generically from the record specs (the checker has already
vouched for types, so this only maps keys to attributes and nests records)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any

from sphinx_tapssec.model.entities import Source
from sphinx_tapssec.model.fields import LIST_KINDS, Kind
from sphinx_tapssec.model.record_checker import Checked
from sphinx_tapssec.model.spec import RECORDS


@dataclass(frozen=True, slots=True)
class _Plan:
    """How the keys of one kind of record become the arguments of its entity class."""

    entity: type[Any]
    #: ``(key, attribute)`` of the values taken as they are.
    plain: tuple[tuple[str, str], ...]
    #: ``(key, attribute, record, many)`` of the values that are nested records.
    nested: tuple[tuple[str, str, str, bool], ...]
    #: ``(attribute, value)`` for an absent optional key whose attribute has no default.
    absent: tuple[tuple[str, Any], ...]
    #: ``(attribute, key)`` of the attributes holding the line of a key.
    lines: tuple[tuple[str, str], ...]
    origin: str | None


@cache
def _plan(name: str) -> _Plan:
    spec = RECORDS[name]
    defaults = {f.name for f in dataclasses.fields(spec.entity) if f.default is not dataclasses.MISSING}
    return _Plan(
        spec.entity,
        tuple((f.name, f.attribute) for f in spec.fields if f.record is None),
        tuple((f.name, f.attribute, f.record, f.kind is not Kind.RECORD) for f in spec.fields if f.record),
        tuple(
            (f.attribute, () if f.kind in LIST_KINDS else None)
            for f in spec.fields
            if not f.required and f.attribute not in defaults
        ),
        spec.lines,
        spec.origin,
    )


def build(name: str, record: Checked, path: str) -> Any:
    """The entity of record kind *name* that the checked *record*, read from *path*, describes."""
    plan = _plan(name)
    values = dict(plan.absent)
    for key, attribute in plan.plain:
        if key in record:
            values[attribute] = record[key]
    for key, attribute, nested, many in plan.nested:
        if key in record:
            value = record[key]
            values[attribute] = (
                tuple(build(nested, item, path) for item in value) if many else build(nested, value, path)
            )
    for attribute, key in plan.lines:
        values[attribute] = record.key_lines.get(key, record.line)
    if plan.origin is not None:
        values[plan.origin] = Source(path, record.line, tuple(record.key_lines.items()))
    return plan.entity(**values)
