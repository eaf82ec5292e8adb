"""``.. protocol-overview::`` — the protocols as sphinx-design cards, by category or by transport."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.directives._protocols import chosen_protocols
from sphinx_tapssec.directives.base import CatalogDirective, id_list, one_of
from sphinx_tapssec.render.overview import GROUPINGS, overview

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec


class ProtocolOverview(CatalogDirective):
    """A card per protocol with its transports (or category) and its interface codes as badges."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "by": one_of(GROUPINGS),
        "protocols": id_list,
        "in-table": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        protocols = chosen_protocols(self)
        catalog = self.catalog
        self.depend_on([*protocols, *catalog.categories, *catalog.transports, *catalog.interfaces])
        result = overview(catalog, protocols, self.options.get("by", "category"))
        result["classes"] += self.options.get("class", [])
        for node in result.findall(nodes.Element):
            self.set_source_info(node)
        return [result]
