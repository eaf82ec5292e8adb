"""Where every box and line of a stack diagram goes, computed in Python (no Graphviz, no docutils).

The picture has two columns. On the left, one band per category, top to bottom in the
catalog's order, holding one box per protocol; on the right, one box per transport, each
placed level with the protocols that run over it. A curve joins each protocol to each
transport it runs over. The curves meet a transport box at separate points, in the order of
the protocols they come from, so no two curves of one bundle cross. Height grows by one row
per protocol and width by the longest label. This curve form suits catalogs the size of the
survey's; a large one takes the lane form of :mod:`.stack_lanes`, built on the same left
column, data classes and key.

Units are CSS pixels; the SVG writer uses them as they are and the LaTeX writer as points.
Text widths are estimated (no font metrics are at hand), generously, so labels fit.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

#: Font sizes of protocol labels, category and transport headings, and the key.
LABEL_SIZE = 13
HEADING_SIZE = 12
KEY_SIZE = 11
#: Average advance of a character, as a share of the font size (sans-serif, with room to spare).
CHAR_WIDTH = 0.62
MARGIN = 8
PAD = 10
ROW = 28
BOX_HEIGHT = 22
LINE_HEIGHT = 15
BAND_GAP = 10
#: Between a band's heading and its first protocol box.
HEADING_GAP = 5
#: Horizontal room the curves have between the two columns.
CURVE_SPAN = 120
#: Distance between the points where curves meet one transport box.
SLOT = 9
#: Headings longer than this many characters wrap onto further lines.
WRAP = 30
KEY_ROW = 16
KEY_SAMPLE = 34

#: Edge styles, in the order the key lists them.
EDGE_STYLES = ("listed", "mapping", "own")


@dataclass(frozen=True, slots=True)
class ProtocolSpec:
    """A protocol as the diagram needs it."""

    #: Catalog id.
    key: str
    #: The label shown in its box.
    label: str
    #: Whether it needs a particular feature of its transport (drawn as a mark after the label).
    feature: bool = False

    @property
    def shown(self) -> str:
        """The label as its box shows it, with the feature mark."""
        return self.label + (" *" if self.feature else "")


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A category and its protocols, in the order they are drawn."""

    key: str
    label: str
    protocols: tuple[ProtocolSpec, ...]


@dataclass(frozen=True, slots=True)
class EdgeSpec:
    """A protocol runs over a transport, in one of :data:`EDGE_STYLES`."""

    protocol: str
    transport: str
    style: str


@dataclass(frozen=True, slots=True)
class DiagramSpec:
    """What a stack diagram shows, whichever form draws it."""

    #: The protocols, by category band.
    groups: Sequence[GroupSpec]
    #: ``(id, label)`` of each transport the protocols run over.
    transports: Sequence[tuple[str, str]]
    #: Which protocol runs over which transport; edges to unknown boxes are dropped.
    edges: Sequence[EdgeSpec]
    #: ``(style, text)`` of each line of the key under the picture.
    key: Sequence[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Box:
    """A labelled rectangle; ``lines`` are the label's lines, ``key`` the catalog id it stands for."""

    kind: str
    key: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Curve(EdgeSpec):
    """An edge drawn: a cubic Bézier curve from its protocol's box to its transport's box."""

    start: tuple[float, float]
    end: tuple[float, float]

    @property
    def controls(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Both control points halfway across, so the curve leaves and arrives horizontally."""
        middle = (self.start[0] + self.end[0]) / 2
        return (middle, self.start[1]), (middle, self.end[1])


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One line of the key: a sample of an edge style (or ``feature``) and what it means."""

    style: str
    text: str
    y: float


@dataclass(frozen=True, slots=True)
class Mark(EdgeSpec):
    """An edge in the lane form: a mark where its protocol's row crosses its transport's lane at ``x``."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Layout:
    """The whole picture: every box, curve or mark, and key row, and its size.

    The curve form joins protocols to transport boxes with curves; the lane form (for large
    catalogs, :mod:`.stack_lanes`) has one vertical lane per transport, headed by its name at
    the top of every band (``transports`` holds the first heading of each, ``lane_labels`` the
    repeats), and a mark where a protocol's row crosses a lane it runs over.
    """

    width: float
    height: float
    bands: tuple[Box, ...]
    protocols: tuple[Box, ...]
    transports: tuple[Box, ...]
    curves: tuple[Curve, ...]
    key: tuple[KeyRow, ...]
    key_x: float
    marks: tuple[Mark, ...] = ()
    #: The lanes' x and their top and bottom (the lane form only).
    lanes: tuple[tuple[float, float, float], ...] = ()
    lane_labels: tuple[Box, ...] = ()

    @property
    def lane_form(self) -> bool:
        return bool(self.lanes)


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width of *text* at font *size*."""
    return len(text) * size * CHAR_WIDTH


def wrapped(text: str) -> tuple[str, ...]:
    """*text* broken into lines of at most :data:`WRAP` characters (a longer word stays whole)."""
    return tuple(textwrap.wrap(text, WRAP, break_on_hyphens=False)) or ("",)


def left_column(groups: Sequence[GroupSpec], heading_lines: int = 0) -> tuple[list[Box], list[Box], float, float]:
    """Category bands and protocol boxes; returns them with the column's width and bottom.

    Each band's heading takes at least *heading_lines* lines (room for the lane form's headings);
    a group with no protocols gets no band.
    """
    groups = [g for g in groups if g.protocols]
    members = [p for g in groups for p in g.protocols]
    box_width = max((text_width(p.shown, LABEL_SIZE) for p in members), default=0) + 2 * PAD
    headings = [wrapped(g.label) for g in groups]
    band_width = max([box_width + 2 * PAD] + [text_width(line, HEADING_SIZE) + 2 * PAD for h in headings for line in h])
    # Protocol boxes fill their band, so that every curve starts at the band's edge.
    box_width = band_width - 2 * PAD
    bands: list[Box] = []
    boxes: list[Box] = []
    y = float(MARGIN)
    for group, heading in zip(groups, headings, strict=True):
        top = y
        y += PAD + max(len(heading), heading_lines) * LINE_HEIGHT + HEADING_GAP
        for protocol in group.protocols:
            boxes.append(Box("protocol", protocol.key, (protocol.shown,), MARGIN + PAD, y, box_width, BOX_HEIGHT))
            y += ROW
        y += PAD - (ROW - BOX_HEIGHT)
        bands.append(Box("category", group.key, heading, MARGIN, top, band_width, y - top))
        y += BAND_GAP
    return bands, boxes, MARGIN + band_width, y - BAND_GAP


def _transport_heights(transports: Sequence[tuple[str, str]], edges: Sequence[EdgeSpec]) -> list[float]:
    heights: list[float] = []
    for key, label in transports:
        incoming = sum(1 for edge in edges if edge.transport == key)
        heights.append(max(len(wrapped(label)) * LINE_HEIGHT + 2 * PAD, (incoming + 1) * SLOT))
    return heights


def _transport_tops(wanted: Sequence[float], heights: Sequence[float], bottom: float) -> list[float]:
    """Tops as near each wanted centre as the catalog's order and no overlap allow."""
    tops: list[float] = []
    floor = float(MARGIN)
    for centre, height in zip(wanted, heights, strict=True):
        top = max(floor, centre - height / 2)
        tops.append(top)
        floor = top + height + BAND_GAP
    # Pushed below the left column: move the stack up again, never above the margin.
    excess = min(floor - BAND_GAP - bottom, tops[0] - MARGIN) if tops else 0
    return [top - excess for top in tops] if excess > 0 else tops


def _right_column(
    transports: Sequence[tuple[str, str]], edges: Sequence[EdgeSpec], centres: dict[str, float], x: float, bottom: float
) -> list[Box]:
    heights = _transport_heights(transports, edges)
    wanted = []
    for (key, _), height in zip(transports, heights, strict=True):
        ys = [centres[edge.protocol] for edge in edges if edge.transport == key]
        wanted.append(sum(ys) / len(ys) if ys else height / 2)
    tops = _transport_tops(wanted, heights, bottom)
    width = max((text_width(line, HEADING_SIZE) for _, label in transports for line in wrapped(label)), default=0)
    return [
        Box("transport", key, wrapped(label), x, top, width + 2 * PAD, height)
        for (key, label), top, height in zip(transports, tops, heights, strict=True)
    ]


def _curves(edges: Sequence[EdgeSpec], protocols: dict[str, Box], transports: dict[str, Box]) -> list[Curve]:
    """One curve per edge, meeting its transport at a slot chosen in the order of the protocols."""
    curves = []
    for key, box in transports.items():
        incoming = sorted(
            (e for e in edges if e.transport == key),
            key=lambda e: (protocols[e.protocol].y, EDGE_STYLES.index(e.style)),
        )
        step = box.height / (len(incoming) + 1)
        for number, edge in enumerate(incoming, start=1):
            source = protocols[edge.protocol]
            start = (source.x + source.width, source.y + source.height / 2)
            curves.append(Curve(edge.protocol, key, edge.style, start, (box.x, box.y + number * step)))
    return sorted(curves, key=lambda c: (c.start[1], c.end[1]))


def key_rows(styles: Sequence[tuple[str, str]], top: float) -> list[KeyRow]:
    return [KeyRow(style, text, top + (number + 1) * KEY_ROW) for number, (style, text) in enumerate(styles)]


def curve_layout(spec: DiagramSpec) -> Layout:
    """The curve form: protocol boxes by band on the left, transport boxes on the right, a curve per edge."""
    bands, boxes, left_width, left_bottom = left_column(spec.groups)
    by_protocol = {box.key: box for box in boxes}
    known = {key for key, _ in spec.transports}
    edges = [e for e in spec.edges if e.protocol in by_protocol and e.transport in known]
    centres = {box.key: box.y + box.height / 2 for box in boxes}
    right = _right_column(spec.transports, edges, centres, left_width + CURVE_SPAN, left_bottom)
    curves = _curves(edges, by_protocol, {box.key: box for box in right})
    bottom = max([left_bottom, *(box.y + box.height for box in right)])
    rows = key_rows(spec.key, bottom + PAD)
    width, height = extent(max([left_width, *(box.x + box.width for box in right)]), bottom, rows)
    return Layout(width, height, tuple(bands), tuple(boxes), tuple(right), tuple(curves), tuple(rows), MARGIN)


def extent(right_edge: float, bottom: float, rows: Sequence[KeyRow]) -> tuple[float, float]:
    """The picture's width and height, from its rightmost edge, its bottom and the key below it."""
    key_width = max((KEY_SAMPLE + PAD + text_width(row.text, KEY_SIZE) for row in rows), default=0)
    width = max(right_edge, MARGIN + key_width) + MARGIN
    height = (rows[-1].y + KEY_ROW / 2 if rows else bottom) + MARGIN
    return width, height
