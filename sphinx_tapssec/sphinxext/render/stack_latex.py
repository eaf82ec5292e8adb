"""A stack diagram's layout as a LaTeX ``picture``: drawn by LaTeX itself, with no package to add.

Only the kernel's ``picture`` commands (``\\put``, ``\\oval``, ``\\makebox``, ``\\qbezier``)
and the ``graphicx`` and ``xcolor`` packages Sphinx always loads are used, so any Sphinx
LaTeX install draws it. The layout's pixels become points, y pointing up; a picture wider
than the line is scaled down to the line's width. Each curve is two quadratic Béziers
(``\\qbezier``) meeting halfway, the shape of the SVG's cubic one; the kernel has no dashes,
so a mapping is drawn dotted and densely, its own transport dotted and sparsely, each in its
colour. The key says which is which. Every object is ``\\put``, which takes no width: anything
else in a picture, a space included, would move what follows.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx_tapssec.sphinxext.render.stack_layout import KEY_SAMPLE, LINE_HEIGHT, PAD, Box, Curve, KeyRow, Layout

#: Dots per curve for the dotted styles; ``None`` draws a solid curve.
DOTS = {"listed": None, "mapping": 60, "own": 24}
COLOURS = {"listed": "black", "mapping": "blue!70!black", "own": "orange!80!black"}
#: About the text width and height of Sphinx's default LaTeX page (letter paper, 10 pt), in points.
LINE_WIDTH = 470.0
PAGE_HEIGHT = 600.0


def fits_on_a_page(layout: Layout) -> bool:
    """Whether the picture, once scaled down to the line's width, is short enough for a page.

    The lane form is for catalogs far too large for one page: it never is.
    """
    return not layout.lane_form and layout.height * min(1.0, LINE_WIDTH / layout.width) <= PAGE_HEIGHT


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


def _bezier(
    dots: int | None, start: tuple[float, float], control: tuple[float, float], end: tuple[float, float]
) -> str:
    count = f"[{dots // 2}]" if dots else ""
    points = "".join(f"({_n(x)},{_n(y)})" for x, y in (start, control, end))
    return f"\\qbezier{count}{points}"


class PictureWriter:
    """Writes one layout; *encode* escapes text for LaTeX (the translator's ``encode``)."""

    def __init__(self, layout: Layout, encode: Callable[[str], str]) -> None:
        self.layout = layout
        self.encode = encode

    def _y(self, y: float) -> float:
        """A layout y (downwards from the top) as a picture y (upwards from the bottom)."""
        return self.layout.height - y

    def _oval(self, box: Box) -> str:
        centre = (box.x + box.width / 2, self._y(box.y + box.height / 2))
        return f"\\put({_n(centre[0])},{_n(centre[1])}){{\\oval({_n(box.width)},{_n(box.height)})}}"

    def _lines(self, box: Box, top: float, bold: bool) -> list[str]:
        style = "\\bfseries " if bold else ""
        return [
            f"\\put({_n(box.x + PAD)},{_n(self._y(top + (number + 0.5) * LINE_HEIGHT))})"
            f"{{\\makebox(0,0)[l]{{{style}{self.encode(line)}}}}}"
            for number, line in enumerate(box.lines)
        ]

    def _box(self, box: Box) -> list[str]:
        top = box.y + box.height / 2 - len(box.lines) * LINE_HEIGHT / 2
        return [self._oval(box), *self._lines(box, top, bold=False)]

    def _curve(self, curve: Curve) -> str:
        start = (curve.start[0], self._y(curve.start[1]))
        end = (curve.end[0], self._y(curve.end[1]))
        (cx1, _), _ = curve.controls
        middle = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        dots = DOTS[curve.style]
        first = _bezier(dots, start, (cx1, start[1]), middle)
        second = _bezier(dots, middle, (cx1, end[1]), end)
        return f"\\put(0,0){{\\color{{{COLOURS[curve.style]}}}{first}{second}}}"

    def _key_row(self, row: KeyRow) -> str:
        x, y = self.layout.key_x, self._y(row.y - 4)
        if row.style in DOTS:
            sample = _bezier(DOTS[row.style], (x, y), (x + KEY_SAMPLE / 2, y), (x + KEY_SAMPLE, y))
            sample = f"\\put(0,0){{\\color{{{COLOURS[row.style]}}}{sample}}}"
        else:
            sample = f"\\put({_n(x)},{_n(y)}){{\\makebox(0,0)[l]{{*}}}}"
        text = f"\\put({_n(x + KEY_SAMPLE + PAD)},{_n(y)}){{\\makebox(0,0)[l]{{{self.encode(row.text)}}}}}"
        return sample + text

    def picture(self) -> str:
        """The picture, in a ``center`` environment, scaled down to the line's width if wider."""
        layout = self.layout
        body = [
            *[line for band in layout.bands for line in [self._oval(band), *self._lines(band, band.y + 4, True)]],
            *[line for box in (*layout.protocols, *layout.transports) for line in self._box(box)],
            *[self._curve(curve) for curve in layout.curves],
            *[self._key_row(row) for row in layout.key],
        ]
        return "\n".join(
            [
                "\\begin{center}\\small\\setlength{\\unitlength}{1pt}\\renewcommand{\\qbeziermax}{2000}%",
                f"\\sbox0{{\\begin{{picture}}({_n(layout.width)},{_n(layout.height)})",
                *body,
                "\\end{picture}}%",
                "\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox0}\\else\\usebox0\\fi",
                "\\end{center}",
                "",
            ]
        )
