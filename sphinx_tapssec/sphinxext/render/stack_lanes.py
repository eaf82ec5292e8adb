"""The lane form of a stack diagram, for catalogs too large for curves to be followed.

With a hundred protocols the curve form's transport boxes sit far from most of the protocols
that run over them, and the curves become bundles no eye can follow. Here every transport is
a vertical lane beside the protocol boxes, named at the top of every category band, and a mark
sits where a protocol's row crosses a lane it runs over, shaped by the edge style (see the
key). Whatever the catalog's size, each fact is read along one row, near a heading.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from sphinx_tapssec.sphinxext.render.stack_layout import (
    BOX_HEIGHT,
    HEADING_GAP,
    LINE_HEIGHT,
    MARGIN,
    PAD,
    Box,
    DiagramSpec,
    Layout,
    Mark,
    extent,
    key_rows,
    left_column,
)

#: Distance between two lanes, and the characters a lane's name may take on one line.
LANE = 104
LANE_WRAP = 15
#: Room between the protocol boxes and the first lane.
LANE_GAP = 24


def _lane_name(label: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(label, LANE_WRAP, break_on_hyphens=False)) or ("",)


def _headings(bands: Sequence[Box], transports: Sequence[tuple[str, str]], xs: Sequence[float]) -> list[list[Box]]:
    """Each lane's name at the top of every band, centred on the lane; one list per band."""
    return [
        [
            Box("transport", key, _lane_name(label), x - LANE / 2 + 4, band.y + PAD / 2, LANE - 8, 0)
            for (key, label), x in zip(transports, xs, strict=True)
        ]
        for band in bands
    ]


def lane_layout(spec: DiagramSpec) -> Layout:
    """The lane form: protocol rows by band, one lane per transport, and a mark per edge."""
    transports = spec.transports
    lines = max((len(_lane_name(label)) for _, label in transports), default=1)
    bands, boxes, left_width, bottom = left_column(spec.groups, heading_lines=lines)
    xs = [left_width + LANE_GAP + LANE / 2 + number * LANE for number in range(len(transports))]
    lane_x = {key: x for (key, _), x in zip(transports, xs, strict=True)}
    rows = {box.key: box.y + BOX_HEIGHT / 2 for box in boxes}
    marks = [
        Mark(edge.protocol, edge.transport, edge.style, lane_x[edge.transport], rows[edge.protocol])
        for edge in spec.edges
        if edge.transport in lane_x and edge.protocol in rows
    ]
    headings = _headings(bands, transports, xs)
    top = bands[0].y + PAD / 2 + lines * LINE_HEIGHT + HEADING_GAP if bands else MARGIN
    key_top = bottom + PAD
    legend = key_rows(spec.key, key_top)
    width, height = extent(max([left_width, *(x + LANE / 2 for x in xs)]), bottom, legend)
    return Layout(
        width,
        height,
        tuple(bands),
        tuple(boxes),
        tuple(headings[0]) if headings else (),
        (),
        tuple(legend),
        MARGIN,
        marks=tuple(sorted(marks, key=lambda m: (m.y, m.x))),
        lanes=tuple((x, top, bottom) for x in xs),
        lane_labels=tuple(box for band in headings[1:] for box in band),
    )
