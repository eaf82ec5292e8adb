"""``.. protocol-overview::`` — the protocols as sphinx-design cards, by category or by transport.

sphinx-design is loaded by the project, not by the extension: its setup and its post-transforms,
which walk every page, cost more than the rest of the extension in a small project (0.17 s of a
1.9 s build at N = 12), and only these cards use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.directives._protocols import chosen_protocols
from sphinx_tapssec.sphinxext.directives.base import CatalogDirective, id_list, one_of
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain
from sphinx_tapssec.sphinxext.render.overview import GROUPINGS, overview
from sphinx_tapssec.sphinxext.warnings import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec


def note_sphinx_design(app: Sphinx) -> None:
    """``builder-inited``: remember whether the project loads sphinx-design (changing
    ``extensions`` rebuilds every page, so the directive sees the current answer)."""
    get_domain(app.env).data["sphinx_design_loaded"] = "sphinx_design" in app.extensions


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
        if not get_domain(self.env).sphinx_design_loaded:
            self.warn(
                "protocol-overview: the cards are drawn by sphinx-design, which this project does not load; add "
                '"sphinx_design" to extensions in conf.py (the cards are shown without their layout)',
                Subtype.CARDS,
            )
        protocols = chosen_protocols(self)
        catalog = self.catalog
        self.depend_on([*protocols, *catalog.categories, *catalog.transports, *catalog.interfaces])
        result = overview(catalog, protocols, self.options.get("by", "category"))
        result["classes"] += self.options.get("class", [])
        for node in result.findall(nodes.Element):
            self.set_source_info(node)
        return [result]
