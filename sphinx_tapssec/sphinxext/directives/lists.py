"""The list directives: ``transport-deps``, ``protocol-list``, ``reference-list``, ``omitted-protocols``."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.directives.base import CatalogDirective
from sphinx_tapssec.sphinxext.domain import node_id
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain
from sphinx_tapssec.sphinxext.lifecycle.incremental import Condition
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

        chosen = self.option_ids("transport", "transport")
        if chosen is None:
            chosen = [transport.id for transport in self.catalog.transports]
        # The protocols transport_lists() shows for each class.
        lists_shown = ([("listed", transport_id)] for transport_id in chosen)
        self.depend_on_selections([*self.catalog.categories, *self.catalog.transports], lists_shown)
        catalog = self.filtered_catalog()
        result: list[nodes.Node] = []
        for transport_id in chosen:
            if "transport" not in self.options:
                result.append(nodes.rubric("", "", xref("transport", transport_id)))
            result += lists.transport_lists(catalog, transport_id)
        return self.contained(result, ["tapssec-transport-deps"])


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
        categories = self.option_ids("category", "category")
        if categories is None:
            categories = [c.id for c in catalog.categories]
        # The protocols protocol_list() shows under each category.
        in_table: list[Condition] = [("in_table", "")] if "in-table" in self.options else []
        self.depend_on_selections(catalog.categories, ([("category", category), *in_table] for category in categories))
        body = lists.protocol_list(catalog, categories, in_table="in-table" in self.options)
        return self.contained(body, ["tapssec-protocol-list"])


class ReferenceList(CatalogDirective):
    """The bibliography; each entry is the target of ``:tapssec:ref:``."""

    option_spec: ClassVar[OptionSpec] = {
        "cited": directives.flag,
        "no-index": directives.flag,
        "no-status": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render import lists
        from sphinx_tapssec.sphinxext.render.reference_status import add_status, status_footer

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
