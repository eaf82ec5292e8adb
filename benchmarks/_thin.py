"""The thin pair: the survey as a person would write it by hand, and the same pages with the extension.

The equal-content floor (:mod:`benchmarks._floor`) writes out everything the extension renders.
A person writing the survey by hand writes less, so the thin floor is that: one section per
protocol on pages of fifty (a heading, a field list with the category and the exposed
interfaces, the description, bullet lists of the transports and the references) and one
``list-table`` matrix. Its extension counterparts have the same pages: a heading and a
``.. secproto::`` per protocol, and one ``.. interface-matrix::``; in the second the entries are
``:compact:``, which shows the same facts as the hand-written section (with links).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks._data import CATEGORIES, INTERFACES, TRANSPORTS
from benchmarks._layout import title
from sphinx_tapssec.model.entities import Catalog, Protocol

#: Protocols described on one page.
THIN_PER_PAGE = 50
MARK = "x"
_NAMES = {key: name for key, name, _ in (*CATEGORIES, *TRANSPORTS)}


def page_name(number: int) -> str:
    return f"protocols/page-{number + 1:03d}"


def pages_of(catalog: Catalog) -> list[tuple[Protocol, ...]]:
    protocols = catalog.protocols
    return [protocols[i : i + THIN_PER_PAGE] for i in range(0, len(protocols), THIN_PER_PAGE)]


def thin_page_of(catalog: Catalog, protocol_id: str) -> str:
    """The thin projects' docname describing *protocol_id*."""
    for number, page in enumerate(pages_of(catalog)):
        if any(p.id == protocol_id for p in page):
            return page_name(number)
    raise KeyError(protocol_id)


def index_page(count: int) -> str:
    """The root page: a toctree of the protocol pages and the matrix page."""
    entries = "".join(f"   {page_name(n)}\n" for n in range(count))
    return title("Synthetic survey") + f"\n.. toctree::\n   :maxdepth: 1\n\n{entries}   matrix\n"


def _bullets(items: list[str]) -> str:
    return "\n" + "".join(f"* {item}\n" for item in items) if items else "\n* none\n"


def thin_protocol(p: Protocol) -> str:
    """One protocol as a person would write it: plain text, citations left as ``[ID]``."""
    codes = ", ".join(p.interface_codes) or "none"
    description = "".join(f"\n{' '.join(block.split())}\n" for block in p.description.split("\n\n"))
    return (
        f"\n{title(p.name, '-')}\n:Category: {_NAMES[p.category]}\n:Exposed interfaces: {codes}\n"
        + description
        + "\nTransports:\n"
        + _bullets([_NAMES[t] for t in p.transport.requires])
        + "\nReferences:\n"
        + _bullets([f"[{r}]" for r in p.references])
    )


def thin_matrix(catalog: Catalog) -> str:
    codes = [code for code, _, _ in INTERFACES]
    lines = [".. list-table:: Interfaces exposed by each protocol", "   :header-rows: 1", "   :stub-columns: 1", ""]
    lines += ["   * - Protocol", *(f"     - {code}" for code in codes)]
    for p in catalog.protocols:
        if not p.in_table:
            continue
        exposed = set(p.interface_codes)
        lines += [f"   * - {p.name}", *(f"     - {MARK}" if code in exposed else "     -" for code in codes)]
    return title("Summary matrix") + "\n" + "\n".join(lines) + "\n"


def thin_floor_pages(catalog: Catalog) -> dict[str, str]:
    pages = pages_of(catalog)
    result = {"index": index_page(len(pages)), "matrix": thin_matrix(catalog)}
    for number, page in enumerate(pages):
        first, last = page[0].section, page[-1].section
        result[page_name(number)] = title(f"Protocols {first} to {last}") + "".join(map(thin_protocol, page))
    return result


def thin_ext_pages(catalog: Catalog, *, compact: bool = False) -> dict[str, str]:
    """The thin floor's pages with the extension: a ``secproto`` per protocol, full or ``:compact:``
    (which shows the facts the thin floor writes by hand), and one ``interface-matrix``."""
    pages = pages_of(catalog)
    option = "   :compact:\n" if compact else ""
    result = {"index": index_page(len(pages))}
    result["matrix"] = (
        title("Summary matrix") + "\n.. interface-matrix::\n   :caption: Interfaces exposed by each protocol\n"
    )
    for number, page in enumerate(pages):
        first, last = page[0].section, page[-1].section
        body = "".join(f"\n{title(p.name, '-')}\n.. secproto:: {p.id}\n{option}" for p in page)
        result[page_name(number)] = title(f"Protocols {first} to {last}") + body
    return result


@dataclass
class FileEdit:
    """A file rewritten with other text, and put back as it was."""

    path: Path
    text: str
    _old: str = ""

    def apply(self) -> None:
        self._old = self.path.read_text(encoding="utf-8")
        self.path.write_text(self.text, encoding="utf-8")

    def revert(self) -> None:
        self.path.write_text(self._old, encoding="utf-8")


def exposure_edits(catalog: Catalog, thin_dir: Path, protocol: Protocol) -> tuple[FileEdit, ...]:
    """The hand-written equivalent of a protocol no longer exposing its first interface: its
    section's field list on its page, and its row of the matrix."""
    edited = replace(protocol, exposes=protocol.exposes[1:])
    page = thin_dir / f"{thin_page_of(catalog, protocol.id)}.rst"
    section = page.read_text(encoding="utf-8").replace(thin_protocol(protocol), thin_protocol(edited), 1)
    protocols = tuple(edited if p.id == protocol.id else p for p in catalog.protocols)
    matrix = thin_matrix(replace(catalog, protocols=protocols))
    return FileEdit(page, section), FileEdit(thin_dir / "matrix.rst", matrix)
