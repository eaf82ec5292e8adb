"""The protocols at a glance: sphinx-design cards grouped by category or by transport class.

The cards are the containers and classes that sphinx-design's own ``grid`` and
``grid-item-card`` directives produce, built here as nodes so that catalog text is never
parsed as markup. sphinx-design's stylesheet draws them in HTML; other builders show the
same content as plain paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_tapssec.sphinxext.render.common import xref
from sphinx_tapssec.sphinxext.render.wording import not_in_table
from sphinx_tapssec.sphinxext.translations import _

if TYPE_CHECKING:
    from sphinx_tapssec.model.entities import Catalog, Protocol

#: What the cards can be grouped by.
GROUPINGS = ("category", "transport")

_GRID_ROW = [
    "sd-row",
    "sd-row-cols-1",
    "sd-row-cols-xs-1",
    "sd-row-cols-sm-2",
    "sd-row-cols-md-3",
    "sd-row-cols-lg-3",
    *(f"sd-g{size}-2" for size in ("", "-xs", "-sm", "-md", "-lg")),
]
_INTERFACE_BADGE = ["sd-sphinx-override", "sd-badge", "sd-bg-primary", "sd-bg-text-primary", "tapssec-badge"]
#: Outlined in the text colour (not a sphinx-design colour: themes map "secondary" to light greys and oranges).
_OTHER_BADGE = ["sd-sphinx-override", "sd-badge", "tapssec-badge", "tapssec-badge-outline"]


def _component(name: str, classes: Sequence[str], *children: nodes.Node) -> nodes.container:
    """A container as sphinx-design's ``create_component`` makes it (its HTML visitor omits the class)."""
    return nodes.container("", *children, is_div=True, design_component=name, classes=list(classes))


def _badges(kind: str, keys: Sequence[str], classes: Sequence[str]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for key in keys:
        if result:
            result.append(nodes.Text(" "))
        text = key if kind == "interface" else key.replace("-", " ")
        result.append(nodes.inline("", "", xref(kind, key, text), classes=list(classes)))
    return result


def _labelled(label: str, children: list[nodes.Node]) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong(label, label), nodes.Text(" "), *children, classes=["sd-card-text"])


def card(catalog: Catalog, protocol: Protocol, grouping: str) -> nodes.container:
    """One protocol's card: its name (a link), long name, transports or category, and interfaces."""
    body = _component("card-body", ["sd-card-body"])
    body += nodes.paragraph(
        "", "", xref("protocol", protocol.id), classes=["sd-card-title", "sd-font-weight-bold", "tapssec-card-title"]
    )
    if protocol.full_name != protocol.name:
        body += nodes.paragraph(protocol.full_name, protocol.full_name, classes=["sd-card-text"])
    if grouping == "category":
        transports = [t for t in protocol.transport_classes if catalog.has("transport", t)]
        if transports:
            body += _labelled(_("Runs over:"), _badges("transport", transports, _OTHER_BADGE))
    else:
        body += _labelled(_("Category:"), _badges("category", [protocol.category], _OTHER_BADGE))
    if protocol.exposes:
        body += _labelled(_("Exposes:"), _badges("interface", protocol.interface_codes, _INTERFACE_BADGE))
    else:
        text = _("No interfaces listed.") if protocol.in_table else not_in_table(catalog)
        body += nodes.paragraph(text, text, classes=["sd-card-text", "tapssec-card-note"])
    classes = ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "tapssec-card"]
    return _component("card", classes, body)


def _grid(catalog: Catalog, protocols: Sequence[Protocol], grouping: str) -> nodes.container:
    items = [_component("grid-item", ["sd-col", "sd-d-flex-row"], card(catalog, p, grouping)) for p in protocols]
    row = _component("grid-row", _GRID_ROW, *items)
    return _component("grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"], row)


def groups(catalog: Catalog, protocols: Sequence[Protocol], grouping: str) -> list[tuple[str, list[Protocol]]]:
    """``(group id, members)`` in the catalog's order of categories or transport classes; empty ones left out."""
    if grouping == "category":
        keys = [category.id for category in catalog.categories]
        members = {key: [p for p in protocols if p.category == key] for key in keys}
    else:
        keys = [transport.id for transport in catalog.transports]
        members = {key: [p for p in protocols if key in p.transport_classes] for key in keys}
    return [(key, members[key]) for key in keys if members[key]]


def overview(catalog: Catalog, protocols: Sequence[Protocol], grouping: str) -> nodes.container:
    """A heading and a grid of cards per group."""
    result = nodes.container("", classes=["tapssec-overview"])
    for key, members in groups(catalog, protocols, grouping):
        result += nodes.rubric("", "", xref(grouping, key), classes=["tapssec-overview-group"])
        result += _grid(catalog, members, grouping)
    return result
