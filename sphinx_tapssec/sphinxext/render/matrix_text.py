"""The interface matrix as preformatted text for the text, man and Texinfo builders.

Their writers pad every cell and draw a border between columns, which makes a fourteen-column
table some 90 characters wide. This post-transform swaps each matrix table for the survey's own
compact form (aligned columns one space apart, as the CLI's ``matrix`` command prints), which
fits in 72 columns: the caption stays a paragraph above it, the legend and notes follow it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


def _plain(node: nodes.Node) -> str:
    """A cell's text; a note number as ``^1``, as the text writer writes superscripts, an API mark as is (``x†``)."""
    if isinstance(node, nodes.Text):
        return str(node)
    text = "".join(_plain(child) for child in node.children)
    return "^" + text if isinstance(node, nodes.superscript) and text[:1].isdigit() else text


def _rows(table: nodes.table) -> list[list[str]]:
    return [[_plain(entry).strip() for entry in row.findall(nodes.entry)] for row in table.findall(nodes.row)]


class PlainTextMatrix(SphinxPostTransform):
    """Replace each interface matrix table by its aligned text form in text, man and Texinfo output."""

    # After DropScreenReaderText (200), so the cells hold their bare marks.
    default_priority = 210
    formats = ("text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        from sphinx_tapssec.model.export import aligned_table

        for table in list(self.document.findall(nodes.table)):
            if "tapssec-matrix" not in table["classes"]:
                continue
            header, *rows = _rows(table)
            text = "\n".join(aligned_table(header, rows))
            block = nodes.literal_block(text, text, classes=["tapssec-matrix"])
            replacement: list[nodes.Node] = [block]
            titles = [child for child in table.children if isinstance(child, nodes.title)]
            if titles:
                replacement.insert(0, nodes.paragraph("", "", *titles[0].children))
            table.replace_self(replacement)
