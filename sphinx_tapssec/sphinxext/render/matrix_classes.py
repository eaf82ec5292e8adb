"""Classes that tell the matrix script what each row and column is about.

The interactive matrix (``static/tapssec-matrix.js``) filters and labels rows and columns
from these classes alone, so the table stays a plain docutils table: HTML writes the
classes out, and the LaTeX, text and man writers ignore them.

The names of these ids, for the script's filters and tooltips, travel in one
:class:`~sphinx_tapssec.sphinxext.nodes.matrix_labels` node beside the table (:func:`labels`).

A column's header cell carries ``tapssec-interface-<code>`` and ``tapssec-phase-<id>``; a
protocol's row carries ``tapssec-protocol-<id>``, ``tapssec-category-<id>`` and one
``tapssec-transport-<id>`` per transport class it is listed under
(:attr:`~sphinx_tapssec.model.entities.Protocol.transport_classes`).
"""

from __future__ import annotations

import typing
from collections.abc import Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Interface, Protocol
from sphinx_tapssec.sphinxext.nodes import matrix_labels
from sphinx_tapssec.sphinxext.translations import script_messages


class _Named(typing.Protocol):
    @property
    def name(self) -> str: ...


def _cls(kind: str, key: str) -> str:
    return f"tapssec-{kind}-{nodes.make_id(key)}"


def row_classes(protocol: Protocol) -> list[str]:
    """The classes of *protocol*'s row."""
    return [
        _cls("protocol", protocol.id),
        _cls("category", protocol.category),
        *(_cls("transport", transport) for transport in protocol.transport_classes),
    ]


def column_classes(interface: Interface) -> list[str]:
    """The classes of *interface*'s header cell."""
    return [_cls("interface", interface.code), _cls("phase", interface.phase)]


def labels(catalog: Catalog, protocols: Sequence[Protocol], interfaces: Sequence[Interface]) -> matrix_labels:
    """The names of every id the classes of this matrix use, keyed as the classes spell them."""
    names: dict[str, dict[str, str]] = {
        kind: {} for kind in ("phase", "category", "transport", "interface", "protocol")
    }

    def add(kind: str, key: str, entity: _Named | None) -> None:
        names[kind][nodes.make_id(key)] = entity.name if entity is not None else key

    for interface in interfaces:
        add("phase", interface.phase, catalog.phase(interface.phase))
        names["interface"][nodes.make_id(interface.code)] = interface.name
    for protocol in protocols:
        add("category", protocol.category, catalog.category(protocol.category))
        for transport in protocol.transport_classes:
            add("transport", transport, catalog.transport(transport))
        names["protocol"][nodes.make_id(protocol.id)] = protocol.full_name or protocol.name
    # The matrix script's own words where the page's language has others (none in English).
    if translated := {english: words for english, words in script_messages().items() if words != english}:
        names["messages"] = translated
    return matrix_labels(labels=names)
