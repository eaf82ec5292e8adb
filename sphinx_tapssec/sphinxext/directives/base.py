"""What every tapssec directive shares: the catalog, dependency notes, option parsing and warnings."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_tapssec.sphinxext.document_queries import compile_or_warn, note_catalog
from sphinx_tapssec.sphinxext.domain import KINDS, normalize
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_catalog, get_domain, note_catalog_wide, note_sources
from sphinx_tapssec.sphinxext.lifecycle.incremental import Condition, note_absent, note_selection, select
from sphinx_tapssec.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx_tapssec.model.entities import Catalog, Protocol

T = TypeVar("T")


#: The options every table directive takes, as docutils' own ``table`` does.
TABLE_OPTIONS: dict[str, Callable[[str | None], object]] = {
    "caption": directives.unchanged_required,
    "name": directives.unchanged,
    "class": directives.class_option,
}


def id_list(argument: str | None) -> list[str]:
    """An option value listing ids, separated by commas and/or white space."""
    if argument is None or not argument.strip():
        raise ValueError("expected one or more ids separated by commas or spaces")
    return [part for part in re.split(r"[\s,]+", argument.strip()) if part]


def one_of(choices: Sequence[str]) -> Callable[[str | None], str]:
    """An option converter accepting one of *choices* (reported by name when not)."""

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, not {value!r}")
        return value

    return convert


def adopt(directive: SphinxDirective, root: nodes.Element) -> None:
    """Give every element under *root* the directive's source line, and the document itself.

    Rendered nodes are built bottom-up, away from the document. Docutils finds the document
    of an element that does not hold it by walking up its parents, and SmartQuotes, the
    transforms and the writers ask for it again and again, so on large pages elements that
    hold it make every later pass over the page cheaper.
    """
    document = directive.state.document
    source, line = directive.get_source_info()
    for node in root.findall(nodes.Element):
        node.document = document
        if node.line is None:
            node.source, node.line = source, line


def edition_catalog(directive: SphinxDirective, edition: str | None) -> Catalog:
    """The build's catalog, or the loaded catalog as *edition* shows it (a warning if it has no such edition)."""
    domain = get_domain(directive.env)
    if edition is None:
        return domain.catalog
    from sphinx_tapssec.model.editions import UnknownEditionError, apply_edition, edition_ids

    try:
        return apply_edition(domain.undivided, edition)
    except UnknownEditionError:
        known = ", ".join(edition_ids(domain.undivided)) or "none: the catalog has no editions.yaml"
        warn(
            f"{directive.name}: unknown edition {edition!r} (editions: {known})",
            Subtype.EDITION,
            directive.get_location(),
        )
        return domain.catalog


class CatalogDirective(SphinxDirective):
    """A directive that renders from the catalog."""

    @property
    def catalog(self) -> Catalog:
        return get_catalog(self.env)

    def depend_on(self, records: object) -> None:
        """Rebuild this document when the files of *records* change."""
        note_sources(self.env, records)

    def depend_on_all(self, records: object) -> None:
        """Like :meth:`depend_on`, for a directive that renders every record of a kind:
        adding or removing a catalog file rebuilds it too."""
        note_sources(self.env, records)
        note_catalog_wide(self.env)

    def depend_on_selections(self, records: Sequence[object], selections: Iterable[Sequence[Condition]]) -> None:
        """Depend on *records* and on the protocols each of *selections* chooses, for a directive
        that lists protocols by their fields: the document is rebuilt when a list would change
        (see :mod:`~sphinx_tapssec.sphinxext.lifecycle.incremental`). With ``:filter:`` any
        protocol may join a list, so the document depends on all of them instead."""
        if "filter" in self.options:
            self.depend_on_all([*self.catalog.protocols, *records])
            return
        self.depend_on(list(records))
        for conditions in selections:
            note_selection(self.env, conditions, select(self.catalog, conditions))

    def warn(self, message: str, subtype: Subtype) -> None:
        warn(message, subtype, self.get_location())

    def filtered(self, protocols: Iterable[Protocol]) -> list[Protocol]:
        """*protocols* that satisfy the ``:filter:`` query (all of them without one, or when it is broken)."""
        text = self.options.get("filter")
        if text is None:
            return list(protocols)
        query = compile_or_warn(text, self.catalog, f"{self.name} :filter: option", self.get_location())
        if query is None:
            return list(protocols)
        # Any protocol's record can change whether it matches.
        note_catalog(self.env, self.catalog)
        return list(query.select(self.catalog, protocols))

    def filtered_catalog(self) -> Catalog:
        """The catalog with only the protocols ``:filter:`` keeps, for renderers that walk the whole catalog."""
        if "filter" not in self.options:
            return self.catalog
        return dataclasses.replace(self.catalog, protocols=tuple(self.filtered(self.catalog.protocols)))

    def known_ids(self, kind: str, keys: Sequence[str]) -> list[str]:
        """*keys* as the catalog stores them (see :func:`normalize`), those that exist in it; the
        others are reported at the directive."""
        known = []
        for key in (normalize(kind, key) for key in keys):
            if self.catalog.has(kind, key):
                known.append(key)
            else:
                self.warn(f"{self.name}: {self.catalog.missing(kind, key)}", KINDS[kind][1])
                note_absent(self.env, kind, key)
        return known

    def option_ids(self, option: str, kind: str) -> list[str] | None:
        """The one *kind* id that *option* names, as :meth:`known_ids` keeps it (an empty list when
        the catalog has no such entry); ``None`` without the option."""
        if option not in self.options:
            return None
        return self.known_ids(kind, [self.options[option]])

    def named(self, option: str, kind: str, lookup: Callable[[str], T | None]) -> list[T] | None:
        """The records of *kind* that *option* lists, in its order (unknown ids are reported and
        skipped); ``None`` without the option. *lookup* finds a record by id (``catalog.protocol``)."""
        if option not in self.options:
            return None
        return [record for record in map(lookup, self.known_ids(kind, self.options[option])) if record is not None]

    def contained(self, children: Iterable[nodes.Node], classes: list[str]) -> list[nodes.Node]:
        """*children* in one container with *classes*, adopted by this directive (see :func:`adopt`)."""
        container = nodes.container("", *children, classes=classes)
        adopt(self, container)
        return [container]
