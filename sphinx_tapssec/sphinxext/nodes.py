"""Nodes of our own: placeholders replaced by post-transforms, the matrix's compact mark, header
cells and labels, and the stack diagram's picture, with the visitors that write them."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Protocol

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from sphinx_tapssec.sphinxext.render.stack_svg import Link


class stack_diagram(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801 (docutils names nodes in lower case)
    """A stack diagram with both of its renderings as children: the picture first, the text second.

    The post-transforms in :mod:`sphinx_tapssec.sphinxext.transforms` keep one of them, depending on the
    builder (and, for LaTeX, on whether the picture fits on a page).
    """


class stack_drawing(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """The picture of a stack diagram, drawn by the extension: SVG in HTML, a ``picture`` in LaTeX.

    Attributes: ``layout`` (a :class:`~sphinx_tapssec.sphinxext.render.stack_layout.Layout`), ``ident``
    (unique on the page), ``title`` and ``description`` (what a screen reader reads). Its
    children are one inline per labelled box, each holding a cross-reference to the entry the
    box stands for and carrying ``tapssec_box`` (``kind:id``): they are resolved like every other
    link, give the picture its links, and put its words in the search index.
    """


class exposure_mark(nodes.Inline, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """The mark of an exposed matrix cell and what it says, for screen readers, in one leaf node.

    Attributes ``mark`` (shown) and ``spoken`` (read aloud). HTML writes both as the two spans
    the guide documents; :class:`sphinx_tapssec.sphinxext.transforms.DropScreenReaderText` makes it the
    bare mark for every other format. One node instead of two spans and their texts keeps a
    large matrix's doctree, its pickle and the collector's work about a fifth smaller, and the
    words read aloud out of the search index.
    """


def visit_exposure_mark_html(translator: HTML5Translator, node: exposure_mark) -> None:
    mark, spoken = translator.encode(node["mark"]), translator.encode(node["spoken"])
    translator.body.append(f'<span class="tapssec-mark">{mark}</span><span class="tapssec-a11y">{spoken}</span>')
    raise nodes.SkipNode


class header_entry(nodes.entry):  # type: ignore[misc]  # noqa: N801
    """A matrix cell that heads its column (attribute ``scope="col"``) or its row (``scope="row"``).

    Docutils writes a header cell as a ``<th>`` but cannot say what it heads, and the matrix must
    be a correct data table without JavaScript: screen readers announce the protocol and the
    interface of every cell from the ``scope``. Every other writer writes it as the table entry
    it is (:func:`visit_header_entry`).
    """


class _TableTranslator(Protocol):
    """What the visitors below use of a translator: its own way to write a table entry."""

    def visit_entry(self, node: nodes.entry) -> None: ...

    def depart_entry(self, node: nodes.entry) -> None: ...


def visit_header_entry(translator: _TableTranslator, node: header_entry) -> None:
    translator.visit_entry(node)


def depart_header_entry(translator: _TableTranslator, node: header_entry) -> None:
    translator.depart_entry(node)


def visit_header_entry_html(translator: HTML5Translator, node: header_entry) -> None:
    """Let the translator (Sphinx's or a theme's) write the cell, then give its ``<th>`` the scope."""
    start = len(translator.body)
    translator.visit_entry(node)
    for index in range(start, len(translator.body)):
        tag = translator.body[index]
        if tag.startswith("<th"):
            translator.body[index] = f'<th scope="{node["scope"]}"{tag[3:]}'
            return


class matrix_labels(nodes.General, nodes.Element):  # type: ignore[misc]  # noqa: N801
    """The names the matrix script shows for the ids in a matrix's classes, for HTML only.

    Attribute ``labels``: kind (``phase``, ``category``, ``transport``, ``interface``,
    ``protocol``) -> class id -> name. HTML writes an empty hidden ``div`` carrying one
    ``data-<kind>`` attribute of JSON per kind; :class:`sphinx_tapssec.sphinxext.transforms.DropScreenReaderText`
    removes the node from every other format.
    """


def visit_matrix_labels_html(translator: HTML5Translator, node: matrix_labels) -> None:
    attributes = "".join(
        f' data-{kind}="{html.escape(json.dumps(names, ensure_ascii=False), quote=True)}"'
        for kind, names in node["labels"].items()
    )
    translator.body.append(f'<div class="tapssec-matrix-labels" hidden{attributes}></div>\n')
    raise nodes.SkipNode


def _box_links(node: stack_drawing) -> dict[tuple[str, str], Link]:
    """What each box links to, read from the node's resolved cross-references."""
    links: dict[tuple[str, str], Link] = {}
    for child in node.children:
        kind, _, key = child["tapssec_box"].partition(":")
        reference = next(child.findall(nodes.reference), None)
        if reference is None:
            links[kind, key] = None
            continue
        href = reference.get("refuri") or "#" + reference.get("refid", "")
        links[kind, key] = (href, str(reference.get("reftitle", "")))
    return links


def visit_stack_drawing_html(translator: HTML5Translator, node: stack_drawing) -> None:
    # Imported here, as in visit_stack_drawing_latex: only a page with a stack diagram needs the drawing code.
    from sphinx_tapssec.sphinxext.render.stack_svg import stack_svg

    links = _box_links(node)
    svg = stack_svg(node["layout"], node["ident"], node["title"], node["description"], lambda *k: links.get(k))
    classes = " ".join(["tapssec-stack-diagram", *node["classes"]])
    translator.body.append(f'<div class="{translator.attval(classes)}">{svg}</div>\n')
    raise nodes.SkipNode


def visit_stack_drawing_latex(translator: LaTeXTranslator, node: stack_drawing) -> None:
    from sphinx_tapssec.sphinxext.render.stack_latex import PictureWriter

    translator.body.append("\n" + PictureWriter(node["layout"], translator.encode).picture())
    raise nodes.SkipNode


def visit_stack_drawing_text(translator: nodes.NodeVisitor, node: stack_drawing) -> None:
    """Builders without pictures get the text form from StackDiagramAsText; this is the last resort."""
    raise nodes.SkipNode
