"""Post-transforms that adapt rendered catalog nodes to the output format."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class DropScreenReaderText(SphinxPostTransform):
    """Remove matrix text meant for screen readers from non-HTML output.

    In HTML it is hidden visually by CSS and read aloud; in LaTeX, text and man it
    would only widen the table, whose header already says the same.
    """

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if self.app.builder.format == "html":
            return
        for node in list(self.document.findall(nodes.inline)):
            if "tapssec-a11y" in node["classes"]:
                node.parent.remove(node)
