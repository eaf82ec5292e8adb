"""Classes that tell the matrix script what each row and column is about.

The interactive matrix (``static/tapssec-matrix.js``) filters and labels rows and columns
from these classes alone, so the table stays a plain docutils table: HTML writes the
classes out, and the LaTeX, text and man writers ignore them.

A column's header cell carries ``tapssec-interface-<code>`` and ``tapssec-phase-<id>``; a
protocol's row carries ``tapssec-protocol-<id>``, ``tapssec-category-<id>`` and one
``tapssec-transport-<id>`` per transport class it is listed under
(:attr:`~sphinx_tapssec.model.entities.Protocol.transport_classes`).
"""

from __future__ import annotations

from docutils import nodes

from sphinx_tapssec.model.entities import Interface, Protocol


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
