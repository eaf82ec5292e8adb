"""Turn checked records into entities (the checker has already vouched for types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx_tapssec.model.checker import Checked
from sphinx_tapssec.model.entities import (
    Category,
    Change,
    ConsistencyNote,
    Dependency,
    Development,
    DevelopmentSource,
    Edition,
    Exposure,
    Heading,
    Interface,
    Omitted,
    Phase,
    Proposal,
    Protocol,
    Reference,
    ReferenceStatus,
    Rule,
    Source,
    StatusIndex,
    Structure,
    Survey,
    TapsApi,
    TapsConstruct,
    TapsMapping,
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
        sections=tuple(
            Heading(h.get("number"), h["title"], h.get("number") or h["title"]) for h in record.get("sections", ())
        ),
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
        key=record.get("key", ""),
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
        label=record.get("label"),
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
        printed=record.get("printed", ()),
        printed_line=record.key_lines.get("printed", record.line),
    )


def edition(record: Checked, path: str) -> Edition:
    return Edition(
        id=record["id"],
        name=record["name"],
        document=record["document"],
        date=record["date"],
        url=record.get("url"),
        based_on=record.get("based_on"),
        note=record.get("note"),
        changes=tuple(
            Change(c["kind"], c["key"], c.get("field"), c.get("value"), c.get("note"), _source(c, path))
            for c in record.get("changes", ())
        ),
        source=_source(record, path),
    )


def status_index(record: Checked, path: str) -> StatusIndex:
    return StatusIndex(
        as_of=record["as_of"],
        read_from=record["source"],
        entries=tuple(
            ReferenceStatus(
                reference=e["reference"],
                obsoleted_by=e.get("obsoleted_by", ()),
                updated_by=e.get("updated_by", ()),
                published_as=e.get("published_as"),
                note=e.get("note"),
                source=_source(e, path),
            )
            for e in record["entries"]
        ),
        source=_source(record, path),
    )


def taps_api(record: Checked, path: str) -> TapsApi:
    return TapsApi(
        document=record["document"],
        title=record["title"],
        url=record.get("url"),
        checked_against=record.get("checked_against"),
        note=record.get("note"),
        mappings=tuple(
            TapsMapping(
                interface=m["interface"],
                coverage=m["coverage"],
                constructs=tuple(TapsConstruct(c["name"], c["kind"], c["section"]) for c in m.get("constructs", ())),
                note=m.get("note"),
                source=_source(m, path),
            )
            for m in record["mappings"]
        ),
        source=_source(record, path),
    )


def development(record: Checked, path: str) -> Development:
    return Development(
        id=record["id"],
        protocol=record["protocol"],
        date=record["date"],
        title=record["title"],
        note=record["note"],
        sources=tuple(DevelopmentSource(s["label"], s.get("url")) for s in record["sources"]),
        proposals=tuple(Proposal(p["interface"], p["change"], p.get("note")) for p in record.get("proposals", ())),
        source=_source(record, path),
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
    "edition": edition,
    "status_index": status_index,
    "taps_api": taps_api,
    "development": development,
}
