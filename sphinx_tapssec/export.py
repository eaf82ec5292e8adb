"""JSON and CSV views of a catalog (pure functions: no Sphinx)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sphinx_tapssec.model.entities import Catalog, Dependency, Interface, Protocol

#: The mark of an exposed cell, as in the survey.
MARK = "x"


def _dependency(dependency: Dependency | None) -> dict[str, Any] | None:
    if dependency is None:
        return None
    return {"kind": dependency.kind, "note": dependency.note, "references": list(dependency.references)}


def protocol_dict(protocol: Protocol) -> dict[str, Any]:
    """One protocol as JSON-ready data (the documented export contract)."""
    needs = protocol.transport
    return {
        "id": protocol.id,
        "name": protocol.name,
        "full_name": protocol.full_name,
        "section": protocol.section,
        "category": protocol.category,
        "in_table": protocol.in_table,
        "summary": protocol.summary,
        "description": protocol.description,
        "structure": {
            "kind": protocol.structure.kind,
            "handshake": protocol.structure.handshake,
            "record": protocol.structure.record,
        },
        "transport": {
            "requires": list(needs.requires),
            "group": needs.group,
            "byte_stream_mapping": _dependency(needs.byte_stream_mapping),
            "specific": _dependency(needs.specific),
            "note": needs.note,
        },
        "interfaces": list(protocol.interface_codes),
        "qualifiers": {e.code: e.note or "" for e in protocol.exposes if e.note or e.references},
        "qualifier_references": {e.code: list(e.references) for e in protocol.exposes if e.references},
        "references": list(protocol.references),
    }


def catalog_dict(catalog: Catalog) -> dict[str, Any]:
    """The whole catalog as JSON-ready data, in catalog order."""
    return {
        "survey": None
        if catalog.survey is None
        else {"id": catalog.survey.id, "title": catalog.survey.title, "date": catalog.survey.date},
        "protocols": [protocol_dict(p) for p in catalog.protocols],
        "interfaces": [
            {
                "code": i.code,
                "name": i.name,
                "phase": i.phase,
                "section": i.section,
                "definition": i.definition,
                "references": list(i.references),
            }
            for i in catalog.interfaces
        ],
        "categories": [{"id": c.id, "name": c.name, "section": c.section} for c in catalog.categories],
        "phases": [{"id": p.id, "name": p.name, "section": p.section} for p in catalog.phases],
        "transports": [{"id": t.id, "name": t.name, "section": t.section} for t in catalog.transports],
        "references": [
            {
                "id": r.id,
                "kind": r.kind,
                "title": r.title,
                "authors": list(r.authors),
                "date": r.date,
                "rfc": r.rfc,
                "doi": r.doi,
                "draft": r.draft,
                "version": r.version,
                "url": r.url,
            }
            for r in catalog.references
        ],
        "omitted": [
            {"id": o.id, "name": o.name, "reason": o.reason, "references": list(o.references)} for o in catalog.omitted
        ],
    }


def to_json(catalog: Catalog) -> str:
    """The catalog as indented JSON text (stable: same catalog, same bytes)."""
    return json.dumps(catalog_dict(catalog), indent=2, ensure_ascii=False) + "\n"


def to_csv(catalog: Catalog) -> str:
    """The matrix as CSV: one row per protocol, one column per interface code (1 = exposed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    codes = [i.code for i in catalog.interfaces]
    writer.writerow(["id", "name", "category", "in_table", *codes])
    for protocol in catalog.protocols:
        exposed = set(protocol.interface_codes)
        cells = [_csv_safe(protocol.id), _csv_safe(protocol.name), protocol.category, str(protocol.in_table).lower()]
        writer.writerow([*cells, *("1" if code in exposed else "" for code in codes)])
    return out.getvalue()


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (a cell starting with = + - @ is data, not code)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def text_matrix(catalog: Catalog, protocols: Sequence[Protocol], interfaces: Sequence[Interface]) -> str:
    """The matrix as aligned plain text, for terminals (the CLI's ``matrix`` command)."""
    width = max([len("Protocol"), *(len(p.name) for p in protocols)])
    lines = [" ".join(["Protocol".ljust(width), *(i.code.center(max(3, len(i.code))) for i in interfaces)])]
    for protocol in protocols:
        cells = []
        for interface in interfaces:
            exposure = protocol.exposure(interface.code)
            mark = "" if exposure is None else MARK + ("*" if exposure.note or exposure.references else "")
            cells.append(mark.center(max(3, len(interface.code))))
        lines.append(" ".join([protocol.name.ljust(width), *cells]).rstrip())
    return "\n".join(lines) + "\n"
