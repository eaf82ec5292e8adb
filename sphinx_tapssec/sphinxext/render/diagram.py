"""The stack diagram: where each protocol sits and what it runs over, as a picture or as text.

The picture's layout is computed here from the catalog (:mod:`.stack_layout`) and written as
SVG for HTML and as a LaTeX picture; the text form is what text, man and Texinfo show, and
what LaTeX shows when the picture would not fit on a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Category, Protocol
from sphinx_tapssec.sphinxext.render.common import bullet_list, joined, xref
from sphinx_tapssec.sphinxext.render.stack_lanes import lane_layout
from sphinx_tapssec.sphinxext.render.stack_layout import (
    DiagramSpec,
    EdgeSpec,
    GroupSpec,
    Layout,
    ProtocolSpec,
    curve_layout,
)
from sphinx_tapssec.sphinxext.render.wording import in_chapter, the_record
from sphinx_tapssec.sphinxext.translations import N_, _

#: The box standing for "provides its own transport functionality".
OWN_TRANSPORT = "own-transport"
#: The transport class a defined byte-stream mapping leads to, when the catalog defines it.
BYTE_STREAM = "byte-stream"
#: The box a byte-stream mapping leads to in a catalog without that class.
MAPPED_STREAM = "mapped-byte-stream"
#: Boxes that stand for no catalog entry, with their labels: they link nowhere.
UNCATALOGUED = {OWN_TRANSPORT: N_("Its own transport functionality"), MAPPED_STREAM: N_("A byte-stream transport")}

#: Above this many protocols the picture takes the lane form (:mod:`.stack_lanes`): curves to a
#: few transport boxes can no longer be followed.
LANES_FROM = 24

#: The key under the picture: each edge style, and the mark of a protocol needing a transport feature.
#: ``{chapter}`` is where a survey lists its transport classes (empty for a catalog of one's own).
KEY = {
    "listed": N_("listed under the transport class{chapter}"),
    "mapping": N_("defined byte-stream mapping"),
    "own": N_("provides its own transport"),
    "feature": N_("needs a feature of its transport"),
}


def _needs_feature(protocol: Protocol) -> bool:
    specific = protocol.transport.specific
    return specific is not None and specific.kind != OWN_TRANSPORT


def _mapped_onto(catalog: Catalog) -> str:
    """The box of a byte-stream mapping: the catalog's byte-stream class, else a box of its own."""
    return BYTE_STREAM if catalog.transport(BYTE_STREAM) is not None else MAPPED_STREAM


def _edges(catalog: Catalog, protocol: Protocol) -> list[EdgeSpec]:
    """What *protocol* runs over, one edge per transport box, in the styles of the key."""
    edges = [EdgeSpec(protocol.id, transport, "listed") for transport in protocol.transport.requires]
    if protocol.transport.byte_stream_mapping is not None:
        edges.append(EdgeSpec(protocol.id, _mapped_onto(catalog), "mapping"))
    specific = protocol.transport.specific
    if specific is not None and specific.kind == OWN_TRANSPORT:
        edges.append(EdgeSpec(protocol.id, OWN_TRANSPORT, "own"))
    return edges


def diagram_layout(catalog: Catalog, protocols: Sequence[Protocol]) -> Layout:
    """The picture of *protocols*: one band per category, the transports they run over, and a key."""
    groups = [
        GroupSpec(category.id, category.name, tuple(ProtocolSpec(p.id, p.name, _needs_feature(p)) for p in members))
        for category, members in _groups(catalog, protocols)
    ]
    edges = [edge for protocol in protocols for edge in _edges(catalog, protocol)]
    used = {edge.transport for edge in edges}
    transports = [(t.id, t.name) for t in catalog.transports if t.id in used]
    transports += [(key, _(label)) for key, label in UNCATALOGUED.items() if key in used]
    styles = {edge.style for edge in edges}
    if any(spec.feature for group in groups for spec in group.protocols):
        styles.add("feature")
    chapter = in_chapter(catalog, catalog.transports)
    key = [(style, _(text).format(chapter=chapter)) for style, text in KEY.items() if style in styles]
    shape = lane_layout if len(protocols) > LANES_FROM else curve_layout
    return shape(DiagramSpec(groups, transports, edges, key))


def alt_text(catalog: Catalog, protocols: Sequence[Protocol]) -> str:
    """A one-sentence description of the diagram, for its ``alt`` text."""
    names = ", ".join(p.name for p in protocols)
    return _(
        "Diagram of {count} security protocols ({names}) grouped by where they sit in the stack, "
        "with arrows to the transports they run over; the same facts are listed in the protocol descriptions."
    ).format(count=len(protocols), names=names)


#: A piece of a sentence: plain text, or a ``(kind, id)`` catalog entry named there.
Segment = str | tuple[str, str]


def _runs_over(catalog: Catalog, protocol: Protocol) -> list[list[Segment]]:
    """What *protocol* runs over, one part per transport, each a list of segments."""
    parts: list[list[Segment]] = [[("transport", t)] for t in protocol.transport.requires]
    if protocol.transport.byte_stream_mapping is not None:
        onto: Segment = ("transport", BYTE_STREAM) if _mapped_onto(catalog) == BYTE_STREAM else _("a byte stream")
        parts.append([_("a defined mapping onto "), onto])
    specific = protocol.transport.specific
    if specific is not None and specific.kind == OWN_TRANSPORT:
        parts.append([_("provides its own transport functionality")])
    elif specific is not None:
        parts.append([_("needs a feature of its transport")])
    return parts


def _as_nodes(catalog: Catalog, parts: list[list[Segment]]) -> list[nodes.Node]:
    if not parts:
        return [nodes.Text(_(" — no transport class listed in {record}").format(record=the_record(catalog)))]
    rendered = [[nodes.Text(s) if isinstance(s, str) else xref(*s) for s in part] for part in parts]
    return [nodes.Text(_(" — runs over ")), *joined(rendered, "; ")]


def _groups(catalog: Catalog, protocols: Sequence[Protocol]) -> list[tuple[Category, list[Protocol]]]:
    """Each category that has some of *protocols*, with them, in the catalog's order."""
    groups = [(c, [p for p in protocols if p.category == c.id]) for c in catalog.categories]
    return [(category, members) for category, members in groups if members]


def text_fallback(catalog: Catalog, protocols: Sequence[Protocol]) -> nodes.container:
    """The diagram's facts as a nested list: categories, then each protocol and what it runs over."""
    result = nodes.bullet_list(classes=["tapssec-stack-text"])
    for category, members in _groups(catalog, protocols):
        title = nodes.paragraph("", "", nodes.strong("", "", xref("category", category.id)))
        inner = bullet_list([[xref("protocol", p.id), *_as_nodes(catalog, _runs_over(catalog, p))] for p in members])
        result += nodes.list_item("", title, inner)
    return nodes.container("", result, classes=["tapssec-stack-fallback"])


def description(catalog: Catalog, protocols: Sequence[Protocol]) -> str:
    """The diagram's facts in sentences, for the picture's ``<desc>`` (what a screen reader reads)."""
    names = {("transport", t.id): t.name for t in catalog.transports}

    def spoken(part: list[Segment]) -> str:
        return "".join(s if isinstance(s, str) else names.get(s, s[1]) for s in part)

    sentences = []
    for category, members in _groups(catalog, protocols):
        runs = []
        for protocol in members:
            parts = _runs_over(catalog, protocol)
            if parts:
                over = _("{protocol} runs over {transports}").format(
                    protocol=protocol.name, transports="; ".join(spoken(part) for part in parts)
                )
            else:
                over = _("{protocol} lists no transport").format(protocol=protocol.name)
            runs.append(over)
        sentences.append(f"{category.name}: {'. '.join(runs)}.")
    return " ".join(sentences)
