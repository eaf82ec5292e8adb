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


#: Column widths: the text builder takes them as characters, HTML and LaTeX as proportions.
WIDTHS = (18, 24, 8, 44)


def _row(*cells: str | nodes.paragraph) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", cell if isinstance(cell, nodes.paragraph) else nodes.paragraph(cell, cell))
    return row


def _meaning(schema: dict[str, Any]) -> nodes.paragraph:
    """The field's help, what it must name, and its pattern as a literal (so no backslash is lost to
    SmartQuotes, which reads ``\\.`` in plain text as an escaped full stop)."""
    meaning = schema["description"]
    if "x-tapssec-refers-to" in schema:
        meaning += f" Must name an existing {schema['x-tapssec-refers-to']}."
    paragraph = nodes.paragraph(meaning, meaning)
    if "pattern" in schema:
        paragraph += [nodes.Text(" Pattern: "), nodes.literal(schema["pattern"], schema["pattern"])]
    return paragraph


def _record_table(name: str, record: dict[str, Any]) -> nodes.table:
    tgroup = nodes.tgroup(cols=4)
    for width in WIDTHS:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", _row("Field", "Type", "Required", "Meaning"))
    body = nodes.tbody()
    required = set(record["required"])
    for field, schema in record["properties"].items():
        body += _row(field, _type_of(schema), "yes" if field in required else "no", _meaning(schema))
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
