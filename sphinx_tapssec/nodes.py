"""Placeholder nodes: made at read time, replaced by post-transforms before any writer sees them."""

from __future__ import annotations

from docutils import nodes


class stack_diagram(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801 (docutils names nodes in lower case)
    """A stack diagram with both of its renderings as children: the Graphviz figure first, the text second.

    :class:`sphinx_tapssec.transforms.ChooseStackDiagram` keeps one of them, depending on the
    builder and on whether Graphviz's ``dot`` can be run.
    """
