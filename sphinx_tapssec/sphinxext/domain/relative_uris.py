"""Links between documents, with each relative URI asked of the builder once per pair of documents.

A large catalog page links to the same few documents again and again (each row of a
1000-protocol matrix links to one of fifty protocol pages), and ``make_refnode`` asks the
builder for the relative URI every time: at N = 1000, 32,000 calls, made by the main process
one page after another even in a parallel build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.builders import Builder


class RelativeUris:
    """The relative URIs *builder* gives between documents, remembered per (from, to) pair."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self._known: dict[tuple[str, str], str] = {}

    def get(self, fromdoc: str, todoc: str) -> str:
        key = (fromdoc, todoc)
        uri = self._known.get(key)
        if uri is None:
            # NoUri (a document the builder does not write) propagates, and is asked again next time.
            uri = self._known[key] = self.builder.get_relative_uri(fromdoc, todoc)
        return uri


def reference_to(
    uris: RelativeUris, fromdoc: str, todoc: str, target_id: str, child: nodes.Node, title: str
) -> nodes.reference:
    """The node ``sphinx.util.nodes.make_refnode`` makes, with its URI from *uris*."""
    node = nodes.reference("", "", internal=True)
    if fromdoc == todoc and target_id:
        node["refid"] = target_id
    else:
        uri = uris.get(fromdoc, todoc)
        node["refuri"] = f"{uri}#{target_id}" if target_id else uri
    if title:
        node["reftitle"] = title
    node += child
    return node
