"""The list directives: ``transport-deps``, ``protocol-list``, ``reference-list``, ``omitted-protocols``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.directives.base import CatalogDirective, adopt
from sphinx_tapssec.sphinxext.domain import node_id
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain
from sphinx_tapssec.sphinxext.lifecycle.incremental import Condition, note_selection, select
from sphinx_tapssec.sphinxext.render.common import xref

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec


class TransportDeps(CatalogDirective):
    """The protocols of each transport class the catalog defines (the survey's Section 4 lists)."""

    option_spec: ClassVar[OptionSpec] = {
        "transport": directives.unchanged_required,
        "filter": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render import lists

        if "transport" in self.options:
            chosen = self.known_ids("transport", [self.options["transport"]])
        else:
            chosen = [transport.id for transport in self.catalog.transports]
        if "filter" in self.options:
            self.depend_on_all([*self.catalog.protocols, *self.catalog.categories, *self.catalog.transports])
        else:
            self.depend_on([*self.catalog.categories, *self.catalog.transports])
            for transport_id in chosen:
                # The protocols transport_lists() shows for this class (see dependencies.py).
                conditions: list[Condition] = [("listed", transport_id)]
                note_selection(self.env, conditions, select(self.catalog, conditions))
        catalog = self.filtered_catalog()
        result: list[nodes.Node] = []
        for transport_id in chosen:
            if "transport" not in self.options:
                result.append(nodes.rubric("", "", xref("transport", transport_id)))
            result += lists.transport_lists(catalog, transport_id)
        container = nodes.container("", *result, classes=["tapssec-transport-deps"])
        adopt(self, container)
        return [container]


class ProtocolList(CatalogDirective):
    """Protocols grouped by category, with their one-line summaries."""

    option_spec: ClassVar[OptionSpec] = {
        "category": directives.unchanged_required,
        "in-table": directives.flag,
        "filter": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render import lists

        catalog = self.filtered_catalog()
        if "category" in self.options:
            categories = self.known_ids("category", [self.options["category"]])
        else:
            categories = [c.id for c in catalog.categories]
        if "filter" in self.options:
            self.depend_on_all([*catalog.protocols, *catalog.categories])
        else:
            self.depend_on(catalog.categories)
            for category in categories:
                # The protocols protocol_list() shows under this category (see dependencies.py).
                conditions = [("category", category), *([("in_table", "")] if "in-table" in self.options else [])]
                note_selection(self.env, conditions, select(catalog, conditions))
        body = lists.protocol_list(catalog, categories, in_table="in-table" in self.options)
        container = nodes.container("", *body, classes=["tapssec-protocol-list"])
        adopt(self, container)
        return [container]


class ReferenceList(CatalogDirective):
    """The bibliography; each entry is the target of ``:tapssec:ref:``."""

    option_spec: ClassVar[OptionSpec] = {
        "cited": directives.flag,
        "no-index": directives.flag,
        "no-status": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render import lists
        from sphinx_tapssec.sphinxext.render.status import add_status, status_footer

        catalog = self.catalog
        references = list(catalog.references)
        if "cited" in self.options:
            cited = catalog.cited_reference_ids()
            references = [r for r in references if r.id in cited]
        self.depend_on(references)
        # Unsafe URLs are reported with the catalog's problems; here they only stay unlinked.
        schemes = get_config(self.env).url_schemes
        with_ids = "no-index" not in self.options
        result = lists.reference_list(catalog, references, schemes, with_ids=with_ids)
        self.set_source_info(result)
        footer: list[nodes.Node] = []
        if catalog.status is not None and "no-status" not in self.options:
            self.depend_on(catalog.status)
            add_status(result, references, catalog, schemes)
            footer.append(status_footer(catalog.status))
            self.set_source_info(footer[0])
        if with_ids:
            domain = get_domain(self.env)
            for item, reference in zip(result.children, references, strict=True):
                term = item.children[0]
                assert isinstance(term, nodes.Element)
                self.set_source_info(term)
                domain.note_object("reference", reference.id, node_id("reference", reference.id), term)
        return [result, *footer]


class OmittedProtocols(CatalogDirective):
    """The protocols the survey leaves out, and why (Section 1)."""

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render import lists

        self.depend_on(self.catalog.omitted)
        return [lists.omitted_list(self.catalog)]
