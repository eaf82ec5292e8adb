"""Queries written in documents: compile them against the build's catalog, reporting errors where written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_tapssec.sphinxext.render.common import xref
from sphinx_tapssec.sphinxext.translations import _
from sphinx_tapssec.sphinxext.warnings import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_tapssec.model.entities import Catalog
    from sphinx_tapssec.query import Query, QueryError


def describe_error(error: QueryError, text: str) -> str:
    """An error message that quotes the expression and names the column."""
    return f"{error.message}, at column {error.column} of {text!r}"


def compile_or_warn(text: str, catalog: Catalog, what: str, location: Any) -> Query | None:
    """The compiled query, or ``None`` after a typed warning (``query_syntax`` or ``unknown_name``)."""
    # Imported here: only the projects that write queries pay for the query language.
    from sphinx_tapssec.query import QueryError, compile_query

    try:
        return compile_query(text, catalog)
    except QueryError as error:
        warn(f"{what}: {describe_error(error, text)}", error.subtype, location)
        return None


def note_catalog(env: BuildEnvironment, catalog: Catalog) -> None:
    """Make the current document depend on every catalog file (a query's answer can change with any)."""
    for path in catalog.files:
        env.note_dependency(path)


def series(parts: Sequence[list[nodes.Node]], empty: str | None = None) -> list[nodes.Node]:
    """``A, B and C`` from inline node groups, as prose lists items (*empty*, else "none", for no items)."""
    if not parts:
        return [nodes.Text(empty if empty is not None else _("none"))]
    result: list[nodes.Node] = []
    last = _(" and ")
    for index, part in enumerate(parts):
        if index:
            result.append(nodes.Text(last if index == len(parts) - 1 else ", "))
        result.extend(part)
    return result


def protocol_links(catalog: Catalog, protocol_ids: Sequence[str]) -> list[nodes.Node]:
    """Links to the protocols, joined as prose."""
    return series([[xref("protocol", key)] for key in protocol_ids if catalog.has("protocol", key)])


def exact_line(source: str, lineno: int, rawtext: str) -> int:
    """The line of *rawtext* in *source*, searching from *lineno*.

    Docutils gives a role the first line of its paragraph; a warning about a claim on the
    paragraph's fifth line should name the fifth line. Falls back to *lineno*.
    """
    first = rawtext.splitlines()[0] if rawtext.strip() else ""
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError, ValueError):
        return lineno
    for offset, line in enumerate(lines[max(lineno - 1, 0) : lineno + 200]):
        if first and first in line:
            return lineno + offset
    return lineno
