"""``.. stack-diagram::`` — where each protocol sits in the stack and what it runs over, drawn by the extension."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.directives._protocols import chosen_protocols
from sphinx_tapssec.sphinxext.directives.base import CatalogDirective, id_list
from sphinx_tapssec.sphinxext.nodes import stack_diagram, stack_drawing
from sphinx_tapssec.sphinxext.render.common import xref

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.sphinxext.render.stack_layout import Layout


def _labels(layout: Layout) -> list[nodes.inline]:
    """One inline per labelled box, in the order the boxes are drawn, each a link to its entry."""
    from sphinx_tapssec.sphinxext.render.diagram import UNCATALOGUED

    boxes = [*layout.bands, *layout.protocols, *layout.transports]
    return [
        # Such a box ("Its own transport functionality") stands for no catalog entry: no link.
        nodes.inline("", " ".join(box.lines), tapssec_box=f"{box.kind}:{box.key}")
        if box.key in UNCATALOGUED
        else nodes.inline("", "", xref(box.kind, box.key), tapssec_box=f"{box.kind}:{box.key}")
        for box in boxes
    ]


class StackDiagram(CatalogDirective):
    """Emits both renderings of the diagram; a post-transform keeps the one the builder can show."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "protocols": id_list,
        "in-table": directives.flag,
        "caption": directives.unchanged_required,
        "alt": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        # Imported here: the layout code is needed by the pages with a diagram alone.
        from sphinx_tapssec.sphinxext.render.diagram import alt_text, description, diagram_layout, text_fallback

        catalog = self.catalog
        protocols = chosen_protocols(self)
        self.depend_on([*protocols, *catalog.categories, *catalog.transports])
        layout = diagram_layout(catalog, protocols)
        image = stack_drawing(
            "",
            *_labels(layout),
            layout=layout,
            # Numbered per document, so a page's diagrams have distinct ids in every build.
            ident=f"tapssec-stack-{self.env.new_serialno('tapssec-stack')}",
            title=self.options.get("alt") or alt_text(catalog, protocols),
            description=description(catalog, protocols),
            classes=list(self.options.get("class", [])),
        )
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
