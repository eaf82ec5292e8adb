"""``.. query-reference::`` — the predicates and attributes of the query language, from their declarations.

The declarations' help is English (the query package imports no Sphinx); it is translated here,
into the page's language. Names, placeholders and ````literal```` parts stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_tapssec.sphinxext.translations import N_, _

if TYPE_CHECKING:
    from sphinx_tapssec.query import Predicate

_PLACEHOLDERS = {
    "interface": "CODE",
    "phase": "PHASE",
    "category": "CATEGORY",
    "transport": "TRANSPORT",
    "reference": "REFERENCE",
}
#: The value types of attributes (:class:`sphinx_tapssec.query.Type`), in the table's Type column.
TYPES = {
    "boolean": N_("boolean"),
    "number": N_("number"),
    "id": N_("id"),
    "section number": N_("section number"),
    "text": N_("text"),
}


def _text(text: str) -> list[nodes.Node]:
    """Help text with its ``double-backquoted`` parts as literals (the help is ours, not catalog data)."""
    result: list[nodes.Node] = []
    for index, part in enumerate(re.split(r"``(.+?)``", _(text))):
        if part:
            result.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return result


def signature(predicate: Predicate) -> str:
    """How a predicate is called, e.g. ``exposes(CODE, ...)``."""
    argument = "|".join(predicate.choices) if predicate.choices else _PLACEHOLDERS[predicate.argument]
    return f"{predicate.name}({argument}{', ...' if predicate.many else ''})"


def _table(
    title: str, header: tuple[str, ...], widths: tuple[int, ...], rows: Sequence[Sequence[list[nodes.Node]]]
) -> nodes.table:
    tgroup = nodes.tgroup(cols=len(header))
    # The text writer takes widths as characters, the others as proportions; these suit both.
    for width in widths:
        tgroup += nodes.colspec(colwidth=width)
    head = nodes.row()
    for cell in header:
        head += nodes.entry("", nodes.paragraph(cell, cell))
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for content in cells:
            row += nodes.entry("", nodes.paragraph("", "", *content))
        body += row
    tgroup += [nodes.thead("", head), body]
    return nodes.table("", nodes.title(title, title), tgroup, classes=["tapssec-query-reference"])


class QueryReference(SphinxDirective):
    """Two tables: the predicates, and the attributes usable in comparisons."""

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.query import ATTRIBUTES, PREDICATES  # only the page with the tables needs them

        predicates = [([nodes.literal(signature(p), signature(p))], _text(p.help)) for p in PREDICATES.values()]
        attributes = [
            ([nodes.literal(a.name, a.name)], [nodes.Text(_(TYPES.get(a.type, a.type)))], _text(a.help))
            for a in ATTRIBUTES.values()
        ]
        return [
            _table(_("Predicates"), (_("Predicate"), _("Meaning")), (28, 50), predicates),
            _table(_("Attributes"), (_("Attribute"), _("Type"), _("Meaning")), (12, 14, 50), attributes),
        ]
