"""Reading back what a builder wrote: HTML as a tree, the interface matrix in HTML, text and LaTeX, the domain index.

Stdlib only, so the readers say exactly what they accept; ``tests/helpers.py`` builds the projects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterator


# --- a small HTML tree (stdlib only) ---------------------------------------------------------

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Element:
    """One HTML element with its attributes and children (strings for text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        """All text inside, concatenated."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> list[Element]:
        """Descendants (and self) matching *tag*, holding class *class_* and the given attribute values."""
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (class_ is None or class_ in element.classes)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> Element:
        """The first match of :meth:`find_all`; fails when there is none."""
        found = self.find_all(tag, class_, **attrs)
        assert found, f"no <{tag or '*'} class={class_!r} {attrs}> found"
        return found[0]

    def child_elements(self, tag: str | None = None) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element) and (tag is None or c.tag == tag)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {name: value or "" for name, value in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    """An HTML page as an :class:`Element` tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class Matrix:
    """A rendered interface matrix, read back from HTML."""

    #: Interface codes of the header row, in order.
    codes: tuple[str, ...]
    #: Protocol display name -> the codes of its exposed cells.
    rows: dict[str, frozenset[str]]


def read_matrix(table: Element) -> Matrix:
    """The header codes and exposed cells of one ``table.tapssec-matrix``, checking its HTML contract."""
    assert table.tag == "table" and "tapssec-matrix" in table.classes
    header = table.find("thead").find("tr")
    head_cells = header.child_elements()
    codes = tuple(cell.text().strip() for cell in head_cells[1:])
    rows: dict[str, frozenset[str]] = {}
    for row in table.find("tbody").child_elements("tr"):
        cells = row.child_elements()
        assert cells[0].tag == "th", "each body row starts with a <th> naming the protocol"
        assert len(cells) == len(codes) + 1
        exposed = set()
        for code, cell in zip(codes, cells[1:], strict=True):
            assert cell.tag == "td"
            if "tapssec-exposed" in cell.classes:
                assert cell.text().strip(), "an exposed cell has text"
                a11y = cell.find_all("span", class_="tapssec-a11y")
                assert a11y and a11y[0].text().strip(), "an exposed cell has non-glyph text for screen readers"
                exposed.add(code)
            elif "tapssec-proposed-expose" not in cell.classes:
                # (A proposed change of ``:proposed:`` is shown in a cell the survey leaves empty.)
                assert not cell.text().strip(), f"a cell that is not exposed is empty: {cell.text()!r}"
        rows[cells[0].text().strip()] = frozenset(exposed)
    return Matrix(codes, rows)


def matrices(page: Element) -> list[Matrix]:
    """Every interface matrix of a page, in order."""
    return [read_matrix(table) for table in page.find_all("table", class_="tapssec-matrix")]


def text_matrix_lines(text: str, start: int = 0) -> list[str]:
    """The lines of the first interface matrix at or after *start* in text output, as printed (dedented).

    The text, man and Texinfo builders print a matrix as an aligned block that starts with a
    ``Protocol`` header line and ends at the first blank line (see render/matrix_text.py).
    """
    head = text.index("Protocol ", start)
    head = text.rindex("\n", 0, head) + 1
    block = text[head:].split("\n\n", 1)[0].splitlines()
    indent = len(block[0]) - len(block[0].lstrip())
    return [line[indent:] for line in block]


def read_domain_index(page: Element) -> dict[str, list[tuple[str, str]]]:
    """A domain index page (``tapssec-index``) read back: group -> (entry text, link) in order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    entries: list[tuple[str, str]] = []
    for row in page.find("table", class_="indextable").find_all("tr"):
        text = " ".join(row.text().split())
        if "cap" in row.classes:
            entries = groups.setdefault(text, [])
        elif text:
            entries.append((text, row.find("a").attrs["href"]))
    return groups


class LatexCell(NamedTuple):
    """One cell of a LaTeX table: its words without markup, and the label it links to (if any)."""

    text: str
    target: str | None


_LATEX_TARGET = re.compile(r"\\hyperref\[\\detokenize\{([^{}]*)\}\]")
#: A cell's text: Sphinx 9 ends it with the varwidth box it wraps it in, Sphinx 8.2 with the cell.
_LATEX_CELL = re.compile(r"\\sphinxAtStartPar\n(.*?)(?:\n\\sphinxbeforeendvarwidth|\Z)", re.DOTALL)
#: Where a cell starts: ``&`` at the start of a line, or a second ``&`` right after one (an empty
#: cell, as Sphinx 8.2 writes it).
_LATEX_CELL_START = re.compile(r"\n&|(?<=&)&")
_LATEX_MARKUP = re.compile(r"\\DUrole\{[^{}]*\}|\\hyperref\[[^\]]*\]|\\[a-zA-Z]+|[{}$]")


def latex_table(tex: str, start: int = 0) -> list[list[LatexCell]]:
    """The rows of the first ``tabulary`` at or after *start* in LaTeX output, as cells.

    Sphinx ends each row with ``\\\\`` and starts each cell after the first with ``&``; Sphinx 9
    writes each cell in a ``varwidth`` box, Sphinx 8.2 does not.
    """
    begin = tex.index(r"\begin{tabulary}", start)
    body = tex[begin : tex.index(r"\end{tabulary}", begin)]
    rows = []
    for row in re.split(r"\\\\\n", body)[:-1]:
        cells = []
        for cell in _LATEX_CELL_START.split(row):
            content = _LATEX_CELL.search(cell)
            words = content.group(1) if content else ""
            target = _LATEX_TARGET.search(words)
            cells.append(LatexCell(" ".join(_LATEX_MARKUP.sub("", words).split()), target.group(1) if target else None))
        rows.append(cells)
    return rows
