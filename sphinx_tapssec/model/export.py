"""JSON and CSV views of a catalog (pure functions: no Sphinx)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sphinx_tapssec.model.entities import Catalog, Dependency, Interface, Protocol
from sphinx_tapssec.model.fields import Kind
from sphinx_tapssec.model.spec import FILES, RECORDS, Record

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


def _mapping(spec: Record, entity: Any) -> Any:
    """*entity* as the catalog mapping of *spec*; absent optional keys (``None``, empty lists) are left out."""
    result: dict[str, Any] = {}
    for field in spec.fields:
        value = getattr(entity, field.attribute)
        if not field.required and (value is None or value == ()):
            continue
        if field.record is None:
            result[field.name] = list(value) if isinstance(value, tuple) else value
            continue
        nested = RECORDS[field.record]
        if field.kind is Kind.RECORD:
            result[field.name] = _mapping(nested, value)
            continue
        items = [_mapping(nested, item) for item in value]
        if field.kind is Kind.EXPOSURES:  # a code alone is written as the bare code, as people write it
            items = [item["code"] if len(item) == 1 else item for item in items]
        result[field.name] = items
    return result


def _dump(data: Any) -> str:
    import yaml  # imported here: the matrix's mark is all that builds take from this module

    class Dumper(yaml.SafeDumper):
        """Writes text of several lines as a literal block, as the catalog's authors do."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096)


def record_yaml(entity: Any) -> str:
    """One record (e.g. a protocol: a whole ``protocols/<id>.yaml`` file) as catalog YAML."""
    return _dump(_mapping(RECORDS[entity.record_name], entity))


def to_catalog_files(catalog: Catalog) -> dict[str, str]:
    """The catalog in its own YAML format: file name (relative to a catalog directory) -> text.

    Every record of every file is written, so loading what this writes gives back *catalog*
    but for where things were read (sources, lines, file names); empty lists and absent
    optional keys are left out.
    """
    files: dict[str, str] = {}
    for file_spec in FILES:
        spec = RECORDS[file_spec.record]
        value = getattr(catalog, file_spec.attribute)
        if file_spec.key is None:  # one file per record, named after its id
            files.update({file_spec.pattern.replace("*", r.id): record_yaml(r) for r in value})
        elif file_spec.many and value:
            files[file_spec.pattern] = _dump({file_spec.key: [_mapping(spec, record) for record in value]})
        elif not file_spec.many and value is not None:
            files[file_spec.pattern] = _dump({file_spec.key: _mapping(spec, value)})
    return files
