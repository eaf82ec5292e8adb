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


def aligned_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a table as aligned plain text: the first column left-aligned, the others centred.

    Columns are one space apart and at least three characters wide, as in the survey's Table 1.
    The body cells of a column start at the same place, so that their marks line up, as near
    the middle as the column's longest cell (a mark with a note number) allows. The CLI's
    ``matrix`` command and the text, man and Texinfo matrices print this form.
    """
    longest = [max([0, *(len(row[index]) for row in rows)]) for index in range(len(header))]
    widths = [max(3, len(title), longest[index] + 1) for index, title in enumerate(header)]
    widths[0] = max(len(header[0]), longest[0])
    offsets = [min((width - 1) // 2, width - most) for width, most in zip(widths, longest, strict=True)]

    def line(cells: Sequence[str], body: bool) -> str:
        first, *rest = cells
        aligned = [
            (" " * offset + cell).ljust(width) if body else cell.center(width)
            for cell, width, offset in zip(rest, widths[1:], offsets[1:], strict=True)
        ]
        return " ".join([first.ljust(widths[0]), *aligned]).rstrip()

    return [line(header, body=False), *(line(row, body=True) for row in rows)]


def text_matrix(catalog: Catalog, protocols: Sequence[Protocol], interfaces: Sequence[Interface]) -> str:
    """The matrix as aligned plain text, for terminals (the CLI's ``matrix`` command)."""
    rows = []
    for protocol in protocols:
        cells = [protocol.name]
        for interface in interfaces:
            exposure = protocol.exposure(interface.code)
            cells.append("" if exposure is None else MARK + ("*" if exposure.note or exposure.references else ""))
        rows.append(cells)
    return "\n".join(aligned_table(["Protocol", *(i.code for i in interfaces)], rows)) + "\n"


# --- the catalog format itself ------------------------------------------------------------------

_SIMPLE = ("id", "name", "section", "description")
_REFERENCE = ("id", "kind", "title", "authors", "date", "url", "rfc", "series", "doi", "draft", "version")


def _record(item: object, names: Sequence[str], **renamed: str) -> dict[str, Any]:
    """The fields *names* of *item* as a catalog mapping; unset ones (``None``, empty lists) are left out."""
    result: dict[str, Any] = {}
    for name in names:
        value = getattr(item, renamed.get(name, name))
        if value is None or value == ():
            continue
        result[name] = list(value) if isinstance(value, tuple) else value
    return result


def _protocol_record(protocol: Protocol) -> dict[str, Any]:
    record = _record(protocol, ("id", "name", "full_name", "section", "category", "in_table", "summary", "description"))
    record["structure"] = _record(protocol.structure, ("kind", "handshake", "record"))
    needs = protocol.transport
    transport = {"requires": list(needs.requires), **_record(needs, ("group",))}  # required, even when empty
    for key in ("byte_stream_mapping", "specific"):
        dependency = getattr(needs, key)
        if dependency is not None:
            transport[key] = _record(dependency, ("kind", "note", "references"))
    transport.update(_record(needs, ("note",)))
    record["transport"] = transport
    record["exposes"] = [
        _record(e, ("code", "note", "references")) if e.note or e.references else e.code for e in protocol.exposes
    ]
    record.update(_record(protocol, ("references",)))
    return record


def _dump(data: Any) -> str:
    import yaml  # imported here: the matrix's mark is all that builds take from this module

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096)


def to_catalog_files(catalog: Catalog) -> dict[str, str]:
    """The catalog in its own YAML format: file name (relative to a catalog directory) -> text.

    Loading what this writes gives a catalog with the same :func:`to_json` export; sources
    (file names, lines) are not kept, and empty lists are left out.
    """
    files: dict[str, str] = {}
    if catalog.survey is not None:
        survey = _record(catalog.survey, ("id", "title", "date", "expires", "status", "url", "abstract"))
        survey["authors"] = [{"name": n, **({"affiliation": a} if a else {})} for n, a in catalog.survey.authors]
        files["survey.yaml"] = _dump({"survey": survey})
    lists: dict[str, tuple[str, list[dict[str, Any]]]] = {
        "categories.yaml": ("categories", [_record(c, _SIMPLE) for c in catalog.categories]),
        "phases.yaml": ("phases", [_record(p, _SIMPLE) for p in catalog.phases]),
        "transports.yaml": ("transports", [_record(t, _SIMPLE) for t in catalog.transports]),
        "interfaces.yaml": (
            "interfaces",
            [_record(i, ("code", "name", "phase", "section", "definition", "references")) for i in catalog.interfaces],
        ),
        "references.yaml": ("references", [_record(r, _REFERENCE) for r in catalog.references]),
        "omitted.yaml": (
            "omitted",
            [_record(o, ("id", "name", "reason", "note", "references")) for o in catalog.omitted],
        ),
        "rules.yaml": (
            "rules",
            [_record(r, ("id", "description", "for", "require"), **{"for": "scope"}) for r in catalog.rules],
        ),
        "consistency.yaml": (
            "notes",
            [
                _record(n, ("id", "title", "kind", "sections", "protocols", "rule", "check", "note"))
                for n in catalog.notes
            ],
        ),
    }
    files.update({name: _dump({key: records}) for name, (key, records) in lists.items() if records})
    files.update({f"protocols/{p.id}.yaml": _dump(_protocol_record(p)) for p in catalog.protocols})
    return files
