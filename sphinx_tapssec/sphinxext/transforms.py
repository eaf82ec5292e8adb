"""Post-transforms that adapt rendered catalog nodes to the output format."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_tapssec.sphinxext.nodes import exposure_mark, matrix_labels, stack_diagram, stack_drawing


def builder_format(transform: SphinxPostTransform) -> str:
    """The format of the current builder (``html``, ``latex``, ...).

    Sphinx 9 deprecates ``SphinxTransform.app`` and reads the builder class from the
    environment in its own ``SphinxPostTransform.is_supported``; Sphinx 8.2 has only ``app``.
    """
    builder_cls = getattr(transform.env, "_builder_cls", None)
    if builder_cls is not None:
        return str(builder_cls.format)
    return str(transform.app.builder.format)


def _screen_reader_node(node: nodes.Node) -> bool:
    """An exposed cell's mark, an inline of text for screen readers only, or a matrix's labels for its script."""
    return isinstance(node, (exposure_mark, matrix_labels)) or (
        isinstance(node, nodes.inline) and "tapssec-a11y" in node["classes"]
    )


class DropScreenReaderText(SphinxPostTransform):
    """Remove matrix text meant for screen readers from non-HTML output.

    In HTML it is hidden visually by CSS and read aloud; in LaTeX, text and man it
    would only widen the table, whose header already says the same. An exposed cell's
    :class:`~sphinx_tapssec.sphinxext.nodes.exposure_mark` becomes its bare mark; the names for the
    page script (:class:`~sphinx_tapssec.sphinxext.nodes.matrix_labels`) go.
    """

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if builder_format(self) == "html":
            return
        for node in list(self.document.findall(_screen_reader_node)):
            if isinstance(node, exposure_mark):
                node.replace_self(nodes.Text(node["mark"]))
            else:
                node.parent.remove(node)


class ChooseStackDiagram(SphinxPostTransform):
    """Keep a stack diagram's picture where the builder can show it, else its text form.

    HTML builders (html, dirhtml, singlehtml, epub) get the SVG; LaTeX gets its ``picture``
    unless the diagram is too tall for a page, then the text; every other builder (text, man,
    Texinfo, ...) gets the text. It runs before ``ReferencesResolver`` (priority 10), so the
    links of the rendering dropped are never resolved.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        diagrams = list(self.document.findall(stack_diagram))
        if not diagrams:
            return
        # Imported here: the drawing code is needed only by the pages that have a diagram.
        from sphinx_tapssec.sphinxext.render.stack_latex import fits_on_a_page

        output = builder_format(self)
        for node in diagrams:
            drawing, text = node.children
            picture = next(drawing.findall(stack_drawing))
            fits = output == "html" or (output == "latex" and fits_on_a_page(picture["layout"]))
            node.replace_self(drawing if fits else text)
