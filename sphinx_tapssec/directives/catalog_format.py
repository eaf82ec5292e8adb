"""``.. catalog-format::`` — the catalog-format reference, generated from the JSON Schema."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1] + " record"
    if schema.get("type") == "array":
        items = schema["items"]
        if "oneOf" in items:
            return "list of codes or " + " or ".join(_type_of(i) for i in items["oneOf"] if "$ref" in i)
        return f"list of {_type_of(items)}"
    kind = str(schema.get("type", "any"))
    if "enum" in schema:
        kind += ": " + " | ".join(schema["enum"])
    return kind


def _row(*cells: str) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", nodes.paragraph(cell, cell))
    return row


def _record_table(name: str, record: dict[str, Any]) -> nodes.table:
    tgroup = nodes.tgroup(cols=4)
    for width in (2, 3, 1, 5):
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", _row("Field", "Type", "Required", "Meaning"))
    body = nodes.tbody()
    required = set(record["required"])
    for field, schema in record["properties"].items():
        meaning = schema["description"]
        if "x-tapssec-refers-to" in schema:
            meaning += f" Must name an existing {schema['x-tapssec-refers-to']}."
        if "pattern" in schema:
            meaning += f" Pattern: {schema['pattern']}"
        body += _row(field, _type_of(schema), "yes" if field in required else "no", meaning)
    tgroup += body
    table = nodes.table("", nodes.title(f"{name} record", f"{name} record"), tgroup, classes=["tapssec-format"])
    table["ids"] = [nodes.make_id(f"tapssec-format-{name}")]
    return table


class CatalogFormat(SphinxDirective):
    """Tables of the catalog files and of every record's fields."""

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.model.schema import build_schema  # only the format page needs it

        schema = build_schema()
        files = nodes.bullet_list()
        for shape in schema["oneOf"]:
            text = f"{shape['title']}: {shape['description']}"
            files += nodes.list_item("", nodes.paragraph(text, text))
        result: list[nodes.Node] = [files]
        for name, record in schema["$defs"].items():
            result.append(nodes.paragraph(record["description"], record["description"]))
            result.append(_record_table(name, record))
        return result
