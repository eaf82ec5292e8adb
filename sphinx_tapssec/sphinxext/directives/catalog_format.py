"""``.. catalog-format::`` — the catalog-format reference, generated from the JSON Schema.

The schema's descriptions are the English help of the format's declarations; they are translated
here, into the page's language (``make locale`` extracts them from :mod:`sphinx_tapssec.model.spec`).
Field names, enum values and patterns are the format itself and stay as written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_tapssec.sphinxext.translations import N_, _

#: What a field's values must name, as one sentence per kind (the noun's article differs by language).
REFERS_TO = {
    "category": N_("Must name an existing category."),
    "interface": N_("Must name an existing interface."),
    "phase": N_("Must name an existing phase."),
    "protocol": N_("Must name an existing protocol."),
    "reference": N_("Must name an existing reference."),
    "rule": N_("Must name an existing rule."),
    "transport": N_("Must name an existing transport."),
}
#: The JSON types of the fields, in the table's Type column.
TYPES = {"string": N_("string"), "integer": N_("integer"), "boolean": N_("boolean"), "any": N_("any")}


def _record(schema: dict[str, Any]) -> str:
    return _("{name} record").format(name=str(schema["$ref"]).rsplit("/", 1)[1])


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return _record(schema)
    if schema.get("type") == "array":
        items = schema["items"]
        if "oneOf" in items:
            records = _(" or ").join(_record(i) for i in items["oneOf"] if "$ref" in i)
            return _("list of codes or {records}").format(records=records)
        return _("list of {items}").format(items=_type_of(items))
    kind = str(schema.get("type", "any"))
    kind = _(TYPES[kind]) if kind in TYPES else kind
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
    meaning = _(schema["description"])
    refers_to = schema.get("x-tapssec-refers-to")
    if refers_to:
        meaning += " " + (_(REFERS_TO[refers_to]) if refers_to in REFERS_TO else f"({refers_to})")
    paragraph = nodes.paragraph(meaning, meaning)
    if "pattern" in schema:
        label = " " + _("Pattern:") + " "
        paragraph += [nodes.Text(label), nodes.literal(schema["pattern"], schema["pattern"])]
    return paragraph


def _record_table(name: str, record: dict[str, Any]) -> nodes.table:
    tgroup = nodes.tgroup(cols=4)
    for width in WIDTHS:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", _row(_("Field"), _("Type"), _("Required"), _("Meaning")))
    body = nodes.tbody()
    required = set(record["required"])
    for field, schema in record["properties"].items():
        body += _row(field, _type_of(schema), _("yes") if field in required else _("no"), _meaning(schema))
    tgroup += body
    title = _("{name} record").format(name=name)
    table = nodes.table("", nodes.title(title, title), tgroup, classes=["tapssec-format"])
    table["ids"] = [nodes.make_id(f"tapssec-format-{name}")]
    return table


class CatalogFormat(SphinxDirective):
    """Tables of the catalog files and of every record's fields."""

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.model.schema import build_schema  # only the format page needs it

        schema = build_schema()
        files = nodes.bullet_list()
        for shape in schema["oneOf"]:
            text = f"{shape['title']}: {_(shape['description'])}"
            files += nodes.list_item("", nodes.paragraph(text, text))
        result: list[nodes.Node] = [files]
        for name, record in schema["$defs"].items():
            description = _(record["description"])
            result.append(nodes.paragraph(description, description))
            result.append(_record_table(name, record))
        return result
