"""``.. stack-diagram::`` — where each protocol sits in the stack and what it runs over, drawn by Graphviz."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.ext.graphviz import graphviz

from sphinx_tapssec.directives._protocols import chosen_protocols
from sphinx_tapssec.directives.base import CatalogDirective, id_list
from sphinx_tapssec.nodes import stack_diagram
from sphinx_tapssec.render.diagram import alt_text, dot_source, text_fallback

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec


class StackDiagram(CatalogDirective):
    """Emits both renderings of the diagram; a post-transform keeps the one the build can show."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "protocols": id_list,
        "in-table": directives.flag,
        "caption": directives.unchanged_required,
        "alt": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        catalog = self.catalog
        protocols = chosen_protocols(self)
        self.depend_on([*protocols, *catalog.categories, *catalog.transports])
        image = graphviz()
        image["code"] = dot_source(catalog, protocols)
        image["options"] = {"docname": self.env.docname}
        image["alt"] = self.options.get("alt") or alt_text(catalog, protocols)
        image["classes"] = ["tapssec-stack-diagram", *self.options.get("class", [])]
        drawing: nodes.Element = image
        fallback = text_fallback(catalog, protocols)
        if "caption" in self.options:
            caption = self.options["caption"]
            drawing = nodes.figure("", image, nodes.caption(caption, caption), classes=["tapssec-stack-figure"])
            fallback.insert(0, nodes.paragraph("", "", nodes.emphasis(caption, caption)))
        result = stack_diagram("", drawing, fallback)
        for node in result.findall(nodes.Element):
            self.set_source_info(node)
        return [result]
