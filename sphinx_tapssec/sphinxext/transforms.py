"""Post-transforms that adapt rendered catalog nodes to the output format.

Each one says which output it is for with the public ``formats`` attribute of
:class:`~sphinx.transforms.post_transforms.SphinxPostTransform`, which Sphinx checks in
``is_supported()``: Sphinx offers an extension no public way to ask a transform for the
builder's format (``SphinxTransform.app`` is deprecated, sphinx-doc/sphinx#13627, and the
environment's builder class is private).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_tapssec.sphinxext.nodes import exposure_mark, matrix_labels, stack_diagram, stack_drawing

if TYPE_CHECKING:
    from sphinx_tapssec.sphinxext.render.stack_layout import Layout


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
    #: The one format that keeps the text: this transform runs for every other one.
    formats = ("html",)

    def is_supported(self) -> bool:
        # The inverse of the base class's test, which says whether the builder's format is in ``formats``.
        return not super().is_supported()

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(_screen_reader_node)):
            if isinstance(node, exposure_mark):
                node.replace_self(nodes.Text(node["mark"]))
            else:
                node.parent.remove(node)


class _ChooseStackDiagram(SphinxPostTransform):
    """Replace each stack diagram by its picture where :meth:`shows_picture` says so, else by its text form.

    The picture goes to HTML builders (html, dirhtml, singlehtml, epub) and to LaTeX unless it
    is too tall for a page; every other builder (text, man, Texinfo, ...) gets the text. These
    transforms run before ``ReferencesResolver`` (priority 10), so the links of the rendering
    dropped are never resolved.
    """

    default_priority = 5

    def shows_picture(self, layout: Layout) -> bool:
        raise NotImplementedError

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(stack_diagram)):
            drawing, text = node.children
            picture = next(drawing.findall(stack_drawing))
            node.replace_self(drawing if self.shows_picture(picture["layout"]) else text)


class StackDiagramInHtml(_ChooseStackDiagram):
    """HTML builders show every stack diagram as its SVG picture."""

    formats = ("html",)

    def shows_picture(self, layout: Layout) -> bool:
        return True


class StackDiagramInLatex(_ChooseStackDiagram):
    """LaTeX shows a stack diagram as its ``picture`` when it fits on a page, else as its text form."""

    formats = ("latex",)

    def shows_picture(self, layout: Layout) -> bool:
        # Imported here: the drawing code is needed only by the pages that have a diagram.
        from sphinx_tapssec.sphinxext.render.stack_latex import fits_on_a_page

        return fits_on_a_page(layout)


class StackDiagramAsText(_ChooseStackDiagram):
    """Every other builder (text, man, Texinfo, ...) gets a stack diagram's text form."""

    #: The formats the two transforms above serve: this one runs for every other one.
    formats = ("html", "latex")

    def is_supported(self) -> bool:
        # The inverse of the base class's test, as in DropScreenReaderText.
        return not super().is_supported()

    def shows_picture(self, layout: Layout) -> bool:
        return False


class LabelMatrixNotesInLatex(SphinxPostTransform):
    """Give each matrix note a LaTeX label, so that the note marks in the table link to it.

    A note's id sits on its list item, where HTML writes it as the ``<li>``'s ``id``; Sphinx's
    LaTeX writer writes no ``\\label`` for a list item, so the id moves to a target at the start
    of the item, which it does write.
    """

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for notes in self.document.findall(nodes.enumerated_list):
            if "tapssec-notes" not in notes["classes"]:
                continue
            for item in notes.children:
                if isinstance(item, nodes.list_item) and item["ids"]:
                    item.insert(0, nodes.target("", "", ids=item["ids"]))
                    item["ids"] = []
