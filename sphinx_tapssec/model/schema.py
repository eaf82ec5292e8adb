"""The JSON Schema of catalog files, generated from :mod:`.spec` (and shipped in ``catalog/schema/``)."""

from __future__ import annotations

import json
from typing import Any

from sphinx_tapssec.model.spec import FILES, RECORDS, Field, Kind, Record

SCHEMA_ID = "https://sphinx-tapssec.invalid/schema/tapssec-catalog.schema.json"
#: Where the schema lives inside a catalog directory.
SCHEMA_PATH = "schema/tapssec-catalog.schema.json"


def anchored(pattern: str) -> str:
    """*pattern* as JSON Schema and the format reference write it: matched in full."""
    return f"^(?:{pattern})$"


def _string(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1}
    if field.choices:
        schema["enum"] = list(field.choices)
    if field.pattern:
        schema["pattern"] = anchored(field.pattern)
    return schema


def _field_schema(field: Field) -> dict[str, Any]:
    ref = {"$ref": f"#/$defs/{field.record}"} if field.record else {}
    by_kind: dict[Kind, dict[str, Any]] = {
        Kind.STRING: _string(field),
        Kind.TEXT: {"type": "string", "minLength": 1},
        Kind.INTEGER: {"type": "integer"},
        Kind.BOOLEAN: {"type": "boolean"},
        Kind.STRINGS: {"type": "array", "items": _string(field)},
        Kind.RECORD: ref,
        Kind.RECORDS: {"type": "array", "items": ref},
        Kind.EXPOSURES: {
            "type": "array",
            "items": {"oneOf": [_string(RECORDS["exposure"].fields[0]), ref]},
        },
    }
    schema = {"description": field.help, **by_kind[field.kind]}
    if field.refers_to:
        schema["x-tapssec-refers-to"] = field.refers_to
    return schema


def _record_schema(record: Record) -> dict[str, Any]:
    return {
        "type": "object",
        "description": record.help,
        "properties": {field.name: _field_schema(field) for field in record.fields},
        "required": [field.name for field in record.fields if field.required],
        "additionalProperties": False,
    }


def _file_schemas() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for file_spec in FILES:
        record: dict[str, Any] = {"$ref": f"#/$defs/{file_spec.record}"}
        if file_spec.key is None:
            result.append({"title": file_spec.pattern, "description": file_spec.help, **record})
            continue
        value: dict[str, Any] = {"type": "array", "items": record} if file_spec.many else record
        result.append(
            {
                "title": file_spec.pattern,
                "description": file_spec.help,
                "type": "object",
                "properties": {file_spec.key: value},
                "required": [file_spec.key],
                "additionalProperties": False,
            }
        )
    return result


def build_schema() -> dict[str, Any]:
    """The schema of every catalog file: one of the file shapes, with each record under ``$defs``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "sphinx-tapssec catalog file",
        "description": "A file of a sphinx-tapssec catalog directory.",
        "oneOf": _file_schemas(),
        "$defs": {name: _record_schema(record) for name, record in RECORDS.items()},
    }


def schema_text() -> str:
    """The schema as the exact text of the shipped file."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
