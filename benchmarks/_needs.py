"""The sphinx-needs variant: the thin pair's pages written with needs and one ``needtable``.

Issue #17 compares the extension with the way a sphinx-needs user would write the survey: one
need per protocol (its category, transports and the interfaces it exposes as need fields, the
description and the references as content) on pages of fifty, and one ``needtable`` with a
column per interface as the matrix. It has the thin pair's documents, so its build is set
against the extension's thin project (:mod:`benchmarks._thin`).
"""

from __future__ import annotations

import re

from benchmarks._data import CATEGORIES, INTERFACES, TRANSPORTS
from benchmarks._layout import RECORDER, title
from benchmarks._thin import MARK, index_page, page_name, pages_of
from sphinx_tapssec.model.entities import Catalog, Protocol

_NAMES = {key: name for key, name, _ in (*CATEGORIES, *TRANSPORTS)}
_CODES = tuple(code.lower() for code, _, _ in INTERFACES)
#: The need fields: optional strings (sphinx-needs warns about a field that does not say so).
_FIELDS = {name: {"nullable": True} for name in ("category", "transports", *_CODES)}

NEEDS_CONF = (
    f"""project = "Synthetic survey (sphinx-needs)"
extensions = ["sphinx_needs"]
exclude_patterns = ["_build"]
needs_types = [
    {{"directive": "secproto", "title": "Protocol", "prefix": "P_", "color": "#BFD8D2", "style": "node"}},
]
needs_fields = {_FIELDS!r}
needs_id_required = True
"""
    + RECORDER
)


def need_id(protocol: Protocol) -> str:
    """The need id of *protocol*: sphinx-needs wants ``[A-Z0-9_]{5,}``."""
    return "P_" + re.sub(r"[^A-Z0-9]", "_", protocol.id.upper())


def need(p: Protocol) -> str:
    """One protocol as a need: fields for the category, transports and each exposed interface."""
    exposed = {code.lower() for code in p.interface_codes}
    fields = [f":id: {need_id(p)}", f":category: {_NAMES[p.category]}"]
    fields.append(f":transports: {', '.join(_NAMES[t] for t in p.transport.requires) or 'none'}")
    fields += [f":{code}: {MARK}" for code in _CODES if code in exposed]
    if p.in_table:
        # The matrix lists the protocols of the survey's table, as the other projects' matrices do.
        fields.append(":tags: matrix")
    description = "".join(f"\n   {' '.join(block.split())}\n" for block in p.description.split("\n\n"))
    references = ", ".join(f"[{r}]" for r in p.references) or "none"
    body = "".join(f"   {line}\n" for line in fields) + description + f"\n   References: {references}\n"
    return f"\n{title(p.name, '-')}\n.. secproto:: {p.name}\n{body}"


def needtable() -> str:
    columns = ";".join(["title", *_CODES])
    return (
        title("Summary matrix")
        + "\n.. needtable:: Interfaces exposed by each protocol\n"
        + "   :types: secproto\n"
        + "   :tags: matrix\n"
        + f"   :columns: {columns}\n"
        + "   :style: table\n"
    )


def needs_pages(catalog: Catalog) -> dict[str, str]:
    pages = pages_of(catalog)
    result = {"index": index_page(len(pages)), "matrix": needtable()}
    for number, page in enumerate(pages):
        first, last = page[0].section, page[-1].section
        result[page_name(number)] = title(f"Protocols {first} to {last}") + "".join(map(need, page))
    return result
