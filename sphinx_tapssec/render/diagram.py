"""The stack diagram: where each protocol sits and what it runs over, as Graphviz DOT or as text.

The DOT code is drawn by ``sphinx.ext.graphviz``; the text form is what builders without
images (text, man) show, and what every builder shows when Graphviz is not installed.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Protocol
from sphinx_tapssec.render.common import bullet_list, joined, xref

#: The node standing for "provides its own transport functionality".
OWN_TRANSPORT = "own-transport"

_GRAPH = (
    'graph [rankdir=LR, newrank=true, bgcolor="white", fontname="Helvetica,Arial,sans-serif", fontsize=12, '
    'nodesep=0.25, ranksep=0.55, pad=0.15, labeljust="l"];\n'
    'node [shape=box, style="rounded,filled", fillcolor="#e8eef9", color="#2962b8", fontcolor="#111111", '
    'fontname="Helvetica,Arial,sans-serif", fontsize=11, margin="0.12,0.05"];\n'
    'edge [color="#555555", fontcolor="#333333", fontname="Helvetica,Arial,sans-serif", fontsize=9, '
    "arrowsize=0.7];\n"
)


#: How each kind of edge is drawn.
EDGE_STYLES = {
    "listed": 'style=solid, color="#555555"',
    "mapping": 'style=dashed, color="#2962b8"',
    "own": 'style=dotted, color="#8a4b00", penwidth=1.4',
}
LEGEND = (
    ("listed", "listed under (Section 4)"),
    ("mapping", "defined byte-stream mapping"),
    ("own", "provides its own transport"),
)
#: What each edge style looks like in the key, in :data:`LEGEND` order.
_SAMPLES = (("\u2014\u2014\u2014", "#555555"), ("- - - -", "#2962b8"), ("\u00b7 \u00b7 \u00b7 \u00b7", "#8a4b00"))


def _quote(text: str) -> str:
    """A DOT string literal (its escapes are only ``\\\\`` and ``\\"``; new lines become ``\\n``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _id(kind: str, key: str) -> str:
    return _quote(f"{kind}:{key}")


def _protocol_edges(protocol: Protocol) -> list[str]:
    """``protocol -> transport`` edges in the styles of :data:`EDGE_STYLES`."""
    source = _id("p", protocol.id)
    specific = protocol.transport.specific
    feature = specific is not None and specific.kind == "transport-feature"
    edges = []
    for transport in protocol.transport.requires:
        label = ', label="uses a transport feature"' if feature else ""
        edges.append(f"{source} -> {_id('t', transport)} [{EDGE_STYLES['listed']}{label}];")
    if protocol.transport.byte_stream_mapping is not None:
        edges.append(f"{source} -> {_id('t', 'byte-stream')} [{EDGE_STYLES['mapping']}];")
    if specific is not None and specific.kind == OWN_TRANSPORT:
        edges.append(f"{source} -> {_id('t', OWN_TRANSPORT)} [{EDGE_STYLES['own']}];")
    return edges


def _legend(anchor: str) -> list[str]:
    """A key to the edge styles, in the transports' column (same rank as *anchor*)."""
    rows = "".join(
        f'<tr><td align="left"><font color="{color}">{sample}</font>  {text}</td></tr>'
        for (name, text), (sample, color) in zip(LEGEND, _SAMPLES, strict=True)
    )
    label = f'<<table border="0" cellspacing="1"><tr><td align="left"><b>Key</b></td></tr>{rows}</table>>'
    return [f'"key" [shape=plaintext, style="", fontsize=9, label={label}];', f'{{rank=same; {anchor}; "key";}}']


def _transport_nodes(catalog: Catalog, protocols: Sequence[Protocol]) -> list[str]:
    used = {t for p in protocols for t in p.transport.requires}
    if any(p.transport.byte_stream_mapping for p in protocols):
        used.add("byte-stream")
    labels = [(t.id, t.name) for t in catalog.transports if t.id in used]
    if any(p.transport.specific and p.transport.specific.kind == OWN_TRANSPORT for p in protocols):
        labels.append((OWN_TRANSPORT, "Its own transport functionality"))
    return [f'{_id("t", key)} [label={_quote(label)}, fillcolor="#f4f4f4", color="#555555"];' for key, label in labels]


def dot_source(catalog: Catalog, protocols: Sequence[Protocol]) -> str:
    """One box per category, stacked as in the survey (application at the top, packet at the
    bottom), with arrows to the transports on the right."""
    lines = ["digraph tapssec_stack {", _GRAPH]
    for number, category in enumerate(catalog.categories):
        members = [p for p in protocols if p.category == category.id]
        if not members:
            continue
        lines.append(f"subgraph cluster_{number} {{")
        lines.append(f'label={_quote(category.name)}; style="rounded"; color="#888888"; fontcolor="#111111";')
        lines += [f"{_id('p', p.id)} [label={_quote(p.name)}];" for p in members]
        lines.append("}")
    lines.append('subgraph cluster_transports {\nlabel="Runs over"; style="rounded,dashed"; color="#888888";')
    transports = _transport_nodes(catalog, protocols)
    lines += transports
    if transports:
        lines += _legend(transports[-1].split(" [", 1)[0])
    lines.append("}")
    for protocol in protocols:
        lines += _protocol_edges(protocol)
    lines.append("}")
    return "\n".join(lines) + "\n"


def alt_text(catalog: Catalog, protocols: Sequence[Protocol]) -> str:
    """A one-sentence description of the diagram, for its ``alt`` text."""
    names = ", ".join(p.name for p in protocols)
    return (
        f"Diagram of {len(protocols)} security protocols ({names}) grouped by where they sit in the stack, "
        "with arrows to the transports they run over; the same facts are listed in the protocol descriptions."
    )


def _runs_over(protocol: Protocol) -> list[nodes.Node]:
    parts: list[list[nodes.Node]] = [[xref("transport", t)] for t in protocol.transport.requires]
    if protocol.transport.byte_stream_mapping is not None:
        parts.append([nodes.Text("a defined mapping onto "), xref("transport", "byte-stream")])
    specific = protocol.transport.specific
    if specific is not None and specific.kind == OWN_TRANSPORT:
        parts.append([nodes.Text("provides its own transport functionality")])
    elif specific is not None:
        parts.append([nodes.Text("needs a feature of its transport")])
    if not parts:
        return [nodes.Text(" — no transport class listed in the survey")]
    return [nodes.Text(" — runs over "), *joined(parts, "; ")]


def text_fallback(catalog: Catalog, protocols: Sequence[Protocol]) -> nodes.container:
    """The diagram's facts as a nested list: categories, then each protocol and what it runs over."""
    result = nodes.bullet_list(classes=["tapssec-stack-text"])
    for category in catalog.categories:
        members = [p for p in protocols if p.category == category.id]
        if members:
            title = nodes.paragraph("", "", nodes.strong("", "", xref("category", category.id)))
            inner = bullet_list([[xref("protocol", p.id), *_runs_over(p)] for p in members])
            result += nodes.list_item("", title, inner)
    return nodes.container("", result, classes=["tapssec-stack-fallback"])
