"""The ``:protocols:`` and ``:in-table:`` options shared by the picture directives."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx_tapssec.model.entities import Protocol
    from sphinx_tapssec.sphinxext.directives.base import CatalogDirective


def chosen_protocols(directive: CatalogDirective) -> list[Protocol]:
    """The protocols named by ``:protocols:`` (default: all, in catalog order), less those outside
    the summary table when ``:in-table:`` is given."""
    catalog = directive.catalog
    chosen = directive.named("protocols", "protocol", catalog.protocol)
    if chosen is None:
        chosen = list(catalog.protocols)
    return [p for p in chosen if p.in_table or "in-table" not in directive.options]
