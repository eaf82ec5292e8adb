"""``.. query-reference::`` — the predicates and attributes of the query language, from their declarations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx_tapssec.query import Predicate

_PLACEHOLDERS = {
    "interface": "CODE",
    "phase": "PHASE",
    "category": "CATEGORY",
    "transport": "TRANSPORT",
    "reference": "REFERENCE",
}


def _text(text: str) -> list[nodes.Node]:
    """Help text with its ``double-backquoted`` parts as literals (the help is ours, not catalog data)."""
    result: list[nodes.Node] = []
    for index, part in enumerate(re.split(r"``(.+?)``", text)):
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
            ([nodes.literal(a.name, a.name)], [nodes.Text(str(a.type))], _text(a.help)) for a in ATTRIBUTES.values()
        ]
        return [
            _table("Predicates", ("Predicate", "Meaning"), (28, 50), predicates),
            _table("Attributes", ("Attribute", "Type", "Meaning"), (12, 14, 50), attributes),
        ]
