"""A stack diagram's layout written as inline SVG markup.

Inline, not an image file, so that the page's stylesheet reaches it: text and lines take the
theme's text colour (``currentColor``), highlights its brand colour, in light and dark mode
alike (see ``.tapssec-stack-svg`` in ``static/tapssec.css``; the presentation attributes
here are what shows without that stylesheet). Its words stay text: found by the browser's
search, selectable, and read by screen readers, which also get the ``<title>`` and a
``<desc>`` that says in sentences what the picture shows. Every catalog string is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

from sphinx_tapssec.sphinxext.render.stack_layout import (
    HEADING_SIZE,
    KEY_SAMPLE,
    KEY_SIZE,
    LABEL_SIZE,
    LINE_HEIGHT,
    PAD,
    Box,
    Curve,
    KeyRow,
    Layout,
)

#: What a box links to: ``(href, title)``, or ``None`` for plain text.
Link = tuple[str, str] | None
#: Finds the link of a box from its kind and catalog id.
LinkFinder = Callable[[str, str], Link]

#: The fallback accent, for a page without our stylesheet (the CSS uses the theme's colour).
ACCENT = "#2962b8"
OWN = "#b35c00"
#: Stroke patterns of the edge styles (solid, dashed, dotted).
DASHES = {"listed": "", "mapping": "6 4", "own": "2 3"}
FEATURE = "feature"


def _n(value: float) -> str:
    """A coordinate, rounded so that output is byte-identical however it was computed."""
    return f"{round(value, 1):g}"


def _attrs(**values: str) -> str:
    return "".join(f" {name.rstrip('_').replace('_', '-')}={quoteattr(value)}" for name, value in values.items())


def _text(x: float, y: float, content: str, size: int, css: str, **extra: str) -> str:
    return f"<text{_attrs(x=_n(x), y=_n(y), font_size=str(size), class_=css, **extra)}>{escape(content)}</text>"


def _linked(markup: str, link: Link) -> str:
    if link is None:
        return markup
    href, title = link
    title_markup = f"<title>{escape(title)}</title>" if title else ""
    return f"<a{_attrs(href=href)}>{title_markup}{markup}</a>"


def _band(box: Box) -> Iterator[str]:
    yield (
        f"<rect{_attrs(x=_n(box.x), y=_n(box.y), width=_n(box.width), height=_n(box.height), rx='6')}"
        ' class="tapssec-stack-band" fill="currentColor" fill-opacity="0.05" stroke="currentColor"'
        ' stroke-opacity="0.35"/>'
    )


def _heading(box: Box, link: Link) -> str:
    lines = [
        _text(box.x + PAD, box.y + PAD + (number + 0.8) * LINE_HEIGHT, line, HEADING_SIZE, "tapssec-stack-heading")
        for number, line in enumerate(box.lines)
    ]
    return _linked("".join(lines), link)


def _box(box: Box, link: Link, css: str) -> str:
    rect = (
        f"<rect{_attrs(x=_n(box.x), y=_n(box.y), width=_n(box.width), height=_n(box.height), rx='4')}"
        f' class="{css}" fill="currentColor" fill-opacity="0.06" stroke="{ACCENT}"/>'
    )
    first = box.y + box.height / 2 - (len(box.lines) - 1) * LINE_HEIGHT / 2 + LABEL_SIZE * 0.35
    size = LABEL_SIZE if box.kind == "protocol" else HEADING_SIZE
    lines = [
        _text(box.x + PAD, first + number * LINE_HEIGHT, line, size, "tapssec-stack-label")
        for number, line in enumerate(box.lines)
    ]
    return _linked(rect + "".join(lines), link)


def _curve(curve: Curve) -> str:
    (x1, y1), (x2, y2) = curve.controls
    path = (
        f"M{_n(curve.start[0])} {_n(curve.start[1])}C{_n(x1)} {_n(y1)} {_n(x2)} {_n(y2)} "
        f"{_n(curve.end[0])} {_n(curve.end[1])}"
    )
    return f"<path{_attrs(d=path, class_=f'tapssec-stack-edge tapssec-stack-{curve.style}', **_stroke(curve.style))}/>"


def _stroke(style: str) -> dict[str, str]:
    colour = {"listed": "currentColor", "mapping": ACCENT, "own": OWN}[style]
    values = {"fill": "none", "stroke": colour, "stroke_width": "1.4"}
    if DASHES[style]:
        values["stroke_dasharray"] = DASHES[style]
    return values


def _mark(style: str, x: float, y: float) -> str:
    """The lane form's mark: a dot (listed), a dashed ring (mapping) or a diamond (own transport)."""
    css = f' class="tapssec-stack-mark tapssec-stack-{style}"'
    if style == "listed":
        return f'<circle{_attrs(cx=_n(x), cy=_n(y), r="4.5")}{css} fill="currentColor"/>'
    if style == "mapping":
        return f"<circle{_attrs(cx=_n(x), cy=_n(y), r='4.5', **_stroke(style))}{css}/>"
    points = f"{_n(x)},{_n(y - 6)} {_n(x + 6)},{_n(y)} {_n(x)},{_n(y + 6)} {_n(x - 6)},{_n(y)}"
    return f'<polygon{_attrs(points=points)}{css} fill="{OWN}" stroke="none"/>'


def _lanes(layout: Layout) -> list[str]:
    """Each lane's line, and a faint guide along each protocol's row up to its last mark."""
    lanes = [
        f'<line{_attrs(x1=_n(x), y1=_n(top), x2=_n(x), y2=_n(bottom))} class="tapssec-stack-lane"'
        ' stroke="currentColor" stroke-opacity="0.3" stroke-dasharray="2 3"/>'
        for x, top, bottom in layout.lanes
    ]
    last: dict[float, float] = {}
    for mark in layout.marks:
        last[mark.y] = max(last.get(mark.y, 0.0), mark.x)
    start = layout.protocols[0].x + layout.protocols[0].width if layout.protocols else 0
    guides = [
        f'<line{_attrs(x1=_n(start), y1=_n(y), x2=_n(x), y2=_n(y))} stroke="currentColor" stroke-opacity="0.2"/>'
        for y, x in last.items()
    ]
    return [*lanes, *guides, *[_mark(m.style, m.x, m.y) for m in layout.marks]]


def _lane_heading(box: Box, link: Link) -> str:
    lines = [
        _text(
            box.x + box.width / 2,
            box.y + (number + 0.8) * LINE_HEIGHT,
            line,
            KEY_SIZE,
            "tapssec-stack-lane-name",
            text_anchor="middle",
        )
        for number, line in enumerate(box.lines)
    ]
    return _linked("".join(lines), link)


def _key_row(row: KeyRow, x: float, lane_form: bool) -> str:
    middle = row.y - KEY_SIZE * 0.35
    if row.style == FEATURE:
        sample = _text(x, row.y, "*", KEY_SIZE, "tapssec-stack-key")
    elif lane_form:
        sample = _mark(row.style, x + KEY_SAMPLE / 2, middle)
    else:
        attrs = _attrs(x1=_n(x), y1=_n(middle), x2=_n(x + KEY_SAMPLE), y2=_n(middle), **_stroke(row.style))
        sample = f'<line{attrs} class="tapssec-stack-edge tapssec-stack-{row.style}"/>'
    return sample + _text(x + KEY_SAMPLE + PAD, row.y, row.text, KEY_SIZE, "tapssec-stack-key")


def _transports(layout: Layout, link: LinkFinder) -> list[str]:
    """The transport boxes (curve form), or every band's lane headings (lane form)."""
    if not layout.lane_form:
        return [_box(box, link(box.kind, box.key), "tapssec-stack-transport") for box in layout.transports]
    return [_lane_heading(box, link(box.kind, box.key)) for box in (*layout.transports, *layout.lane_labels)]


def stack_svg(layout: Layout, ident: str, title: str, description: str, link: LinkFinder) -> str:
    """The ``<svg>`` element of *layout*; *ident* makes its ids unique on the page."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tapssec-stack-svg" role="group"'
        f"{_attrs(id=ident, viewBox=f'0 0 {_n(layout.width)} {_n(layout.height)}')}"
        f"{_attrs(width=_n(layout.width), height=_n(layout.height))}"
        f"{_attrs(aria_labelledby=f'{ident}-title', aria_describedby=f'{ident}-desc')}"
        ' font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" fill="currentColor">',
        f"<title{_attrs(id=f'{ident}-title')}>{escape(title)}</title>",
        f"<desc{_attrs(id=f'{ident}-desc')}>{escape(description)}</desc>",
        '<g aria-hidden="true">',
        *[part for band in layout.bands for part in _band(band)],
        *[_curve(curve) for curve in layout.curves],
        *_lanes(layout),
        "</g>",
        *[_heading(band, link("category", band.key)) for band in layout.bands],
        *[_box(box, link("protocol", box.key), "tapssec-stack-protocol") for box in layout.protocols],
        *_transports(layout, link),
        *[_key_row(row, layout.key_x, layout.lane_form) for row in layout.key],
        "</svg>",
    ]
    return "".join(parts)
