"""Nodes of our own: placeholders replaced by post-transforms, the matrix's compact mark and its labels."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class stack_diagram(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801 (docutils names nodes in lower case)
    """A stack diagram with both of its renderings as children: the Graphviz figure first, the text second.

    :class:`sphinx_tapssec.transforms.ChooseStackDiagram` keeps one of them, depending on the
    builder and on whether Graphviz's ``dot`` can be run.
    """


class exposure_mark(nodes.Inline, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """The mark of an exposed matrix cell and what it says, for screen readers, in one leaf node.

    Attributes ``mark`` (shown) and ``spoken`` (read aloud). HTML writes both as the two spans
    the guide documents; :class:`sphinx_tapssec.transforms.DropScreenReaderText` makes it the
    bare mark for every other format. One node instead of two spans and their texts keeps a
    large matrix's doctree, its pickle and the collector's work about a fifth smaller, and the
    words read aloud out of the search index.
    """


def visit_exposure_mark_html(translator: HTML5Translator, node: exposure_mark) -> None:
    mark, spoken = translator.encode(node["mark"]), translator.encode(node["spoken"])
    translator.body.append(f'<span class="tapssec-mark">{mark}</span><span class="tapssec-a11y">{spoken}</span>')
    raise nodes.SkipNode


class matrix_labels(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """The names the matrix script shows for the ids in a matrix's classes, for HTML only.

    Attribute ``labels``: kind (``phase``, ``category``, ``transport``, ``interface``,
    ``protocol``) -> class id -> name. HTML writes an empty hidden ``div`` carrying one
    ``data-<kind>`` attribute of JSON per kind; :class:`sphinx_tapssec.transforms.DropScreenReaderText`
    removes the node from every other format.
    """


def visit_matrix_labels_html(translator: HTML5Translator, node: matrix_labels) -> None:
    attributes = "".join(
        f' data-{kind}="{html.escape(json.dumps(names, ensure_ascii=False), quote=True)}"'
        for kind, names in node["labels"].items()
    )
    translator.body.append(f'<div class="tapssec-matrix-labels" hidden{attributes}></div>\n')
    raise nodes.SkipNode
