"""Turn checked records into entities (the checker has already vouched for types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx_tapssec.model.checker import Checked
from sphinx_tapssec.model.entities import (
    Category,
    ConsistencyNote,
    Dependency,
    Exposure,
    Interface,
    Omitted,
    Phase,
    Protocol,
    Reference,
    Rule,
    Source,
    Structure,
    Survey,
    Transport,
    TransportNeeds,
)


def _source(record: Checked, path: str) -> Source:
    return Source(path, record.line, tuple(record.key_lines.items()))


def survey(record: Checked, path: str) -> Survey:
    return Survey(
        id=record["id"],
        title=record["title"],
        date=record["date"],
        status=record["status"],
        authors=tuple((a["name"], a.get("affiliation", "")) for a in record["authors"]),
        url=record.get("url"),
        abstract=record["abstract"],
        expires=record.get("expires"),
        source=_source(record, path),
    )


def _simple(cls: type[Any]) -> Callable[[Checked, str], Any]:
    def build(record: Checked, path: str) -> Any:
        return cls(
            id=record["id"],
            name=record["name"],
            section=record["section"],
            description=record["description"],
            source=_source(record, path),
        )

    return build


def interface(record: Checked, path: str) -> Interface:
    return Interface(
        code=record["code"],
        name=record["name"],
        phase=record["phase"],
        section=record["section"],
        definition=record["definition"],
        references=record.get("references", ()),
        source=_source(record, path),
    )


def reference(record: Checked, path: str) -> Reference:
    return Reference(
        id=record["id"],
        kind=record["kind"],
        title=record["title"],
        authors=record.get("authors", ()),
        date=record.get("date"),
        url=record.get("url"),
        rfc=record.get("rfc"),
        series=record.get("series"),
        doi=record.get("doi"),
        draft=record.get("draft"),
        version=record.get("version"),
        source=_source(record, path),
    )


def omitted(record: Checked, path: str) -> Omitted:
    return Omitted(
        id=record["id"],
        name=record["name"],
        reason=record["reason"],
        note=record["note"],
        references=record.get("references", ()),
        source=_source(record, path),
    )


def _dependency(record: Checked | None, path: str) -> Dependency | None:
    if record is None:
        return None
    return Dependency(
        kind=record.get("kind"),
        note=record.get("note"),
        references=record.get("references", ()),
        source=_source(record, path),
    )


def protocol(record: Checked, path: str) -> Protocol:
    structure, transport = record["structure"], record["transport"]
    return Protocol(
        id=record["id"],
        name=record["name"],
        full_name=record["full_name"],
        section=record["section"],
        category=record["category"],
        in_table=record["in_table"],
        summary=record["summary"],
        description=record["description"],
        structure=Structure(structure["kind"], structure.get("handshake"), structure.get("record")),
        transport=TransportNeeds(
            requires=transport["requires"],
            group=transport.get("group"),
            byte_stream_mapping=_dependency(transport.get("byte_stream_mapping"), path),
            specific=_dependency(transport.get("specific"), path),
            note=transport.get("note"),
            source=_source(transport, path),
        ),
        exposes=tuple(
            Exposure(e["code"], e.get("note"), e.get("references", ()), _source(e, path)) for e in record["exposes"]
        ),
        references=record.get("references", ()),
        source=_source(record, path),
    )


def rule(record: Checked, path: str) -> Rule:
    return Rule(
        id=record["id"],
        description=record["description"],
        scope=record.get("for"),
        require=record["require"],
        source=_source(record, path),
        scope_line=record.key_lines.get("for", record.line),
        require_line=record.key_lines.get("require", record.line),
    )


def consistency_note(record: Checked, path: str) -> ConsistencyNote:
    return ConsistencyNote(
        id=record["id"],
        title=record["title"],
        kind=record["kind"],
        sections=record["sections"],
        protocols=record.get("protocols", ()),
        rule=record.get("rule"),
        check=record.get("check"),
        note=record["note"],
        source=_source(record, path),
        check_line=record.key_lines.get("check", record.line),
    )


#: One builder per record kind that a file holds.
BUILDERS: dict[str, Callable[[Checked, str], Any]] = {
    "survey": survey,
    "category": _simple(Category),
    "phase": _simple(Phase),
    "transport": _simple(Transport),
    "interface": interface,
    "reference": reference,
    "omitted": omitted,
    "protocol": protocol,
    "rule": rule,
    "consistency_note": consistency_note,
}
