"""Classes that tell the matrix script what each row and column is about.

The interactive matrix (``static/tapssec-matrix.js``) filters and labels rows and columns
from these classes alone, so the table stays a plain docutils table: HTML writes the
classes out, and the LaTeX, text and man writers ignore them.

A column's header cell carries ``tapssec-interface-<code>`` and ``tapssec-phase-<id>``; a
protocol's row carries ``tapssec-protocol-<id>``, ``tapssec-category-<id>`` and one
``tapssec-transport-<id>`` per transport class the survey lists it under (Section 4),
including ``byte-stream-mapping`` and ``transport-specific``.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_tapssec.model.entities import Interface, Protocol

#: The transport classes of Section 4 that come from a protocol's optional dependencies.
MAPPING_TRANSPORT = "byte-stream-mapping"
SPECIFIC_TRANSPORT = "transport-specific"


def _cls(kind: str, key: str) -> str:
    return f"tapssec-{kind}-{nodes.make_id(key)}"


def protocol_transports(protocol: Protocol) -> list[str]:
    """The Section 4 transport classes *protocol* is listed under, in the catalog's order."""
    transports = list(protocol.transport.requires)
    if protocol.transport.byte_stream_mapping is not None:
        transports.append(MAPPING_TRANSPORT)
    if protocol.transport.specific is not None:
        transports.append(SPECIFIC_TRANSPORT)
    return transports


def row_classes(protocol: Protocol) -> list[str]:
    """The classes of *protocol*'s row."""
    return [
        _cls("protocol", protocol.id),
        _cls("category", protocol.category),
        *(_cls("transport", transport) for transport in protocol_transports(protocol)),
    ]


def column_classes(interface: Interface) -> list[str]:
    """The classes of *interface*'s header cell."""
    return [_cls("interface", interface.code), _cls("phase", interface.phase)]
