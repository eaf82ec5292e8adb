"""Post-transforms that adapt rendered catalog nodes to the output format."""

from __future__ import annotations

import shutil
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_tapssec.nodes import exposure_mark, matrix_labels, stack_diagram
from sphinx_tapssec.warnings import Subtype, warn

#: Builder formats whose writers draw ``sphinx.ext.graphviz`` nodes as images.
GRAPHVIZ_FORMATS = frozenset({"html", "latex", "texinfo"})


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
    :class:`~sphinx_tapssec.nodes.exposure_mark` becomes its bare mark; the names for the
    page script (:class:`~sphinx_tapssec.nodes.matrix_labels`) go.
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
    """Keep a stack diagram's Graphviz drawing where it can be drawn, else its text form.

    The builders that draw ``sphinx.ext.graphviz`` nodes (HTML, LaTeX, Texinfo) get the
    drawing when ``graphviz_dot`` can be found, else a warning and the text, instead of
    sphinx.ext.graphviz's broken image; every other builder (text, man, ...) gets the text,
    where the drawing would print ``[graph]``. It runs before ``ReferencesResolver``
    (priority 10), so the links of the dropped rendering are never resolved.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        diagrams = list(self.document.findall(stack_diagram))
        if not diagrams:
            return
        drawable = builder_format(self) in GRAPHVIZ_FORMATS
        dot = str(self.config.graphviz_dot or "")
        found = drawable and bool(dot) and shutil.which(dot) is not None
        for node in diagrams:
            drawing, text = node.children
            if drawable and not found:
                warn(
                    f"stack-diagram: Graphviz's {dot!r} command was not found (graphviz_dot); the diagram is shown "
                    "as text. Install Graphviz (Debian: apt-get install graphviz) to draw it.",
                    Subtype.GRAPHVIZ,
                    node,
                )
            node.replace_self(drawing if found else text)
