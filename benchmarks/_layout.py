"""The pages of a generated docs project; the extension project and the plain floor share them."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks._data import CATEGORIES, INTERFACES, PHASES
from sphinx_tapssec.model.entities import Catalog, Protocol

#: Protocols described on one page.
PER_PAGE = 20

#: Written into both conf.py files: the docnames Sphinx is about to read go to
#: $TAPSSEC_BENCH_REREAD (one per line), so the harness can show what a build re-read.
RECORDER = """
def _record_reread(app, env, docnames):
    import os

    path = os.environ.get("TAPSSEC_BENCH_REREAD")
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.writelines(f"{name}\\n" for name in docnames)


def setup(app):
    app.connect("env-before-read-docs", _record_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def title(text: str, underline: str = "=") -> str:
    return f"{text}\n{underline * len(text)}\n"


@dataclass(frozen=True, slots=True)
class Layout:
    """Which protocols go on which page, and the docnames of every page."""

    pages: tuple[tuple[Protocol, ...], ...]

    @classmethod
    def of(cls, catalog: Catalog) -> Layout:
        protocols = catalog.protocols
        return cls(tuple(protocols[i : i + PER_PAGE] for i in range(0, len(protocols), PER_PAGE)))

    @staticmethod
    def page_name(number: int) -> str:
        return f"protocols/page-{number + 1:03d}"

    def page_of(self, protocol_id: str) -> str:
        """The docname describing *protocol_id*."""
        for number, page in enumerate(self.pages):
            if any(p.id == protocol_id for p in page):
                return self.page_name(number)
        raise KeyError(protocol_id)

    def page_title(self, number: int) -> str:
        page = self.pages[number]
        return f"Protocols {page[0].section} to {page[-1].section}"

    @staticmethod
    def interface_pages() -> list[str]:
        return [f"interfaces/{code.lower()}" for code, _, _ in INTERFACES]

    @staticmethod
    def matrix_pages() -> list[str]:
        return [f"matrices/{c[0]}" for c in CATEGORIES] + [f"matrices/{p[0]}" for p in PHASES]

    def docnames(self) -> list[str]:
        return sorted(
            [
                "index",
                "protocols/index",
                *(self.page_name(n) for n in range(len(self.pages))),
                "interfaces/index",
                *self.interface_pages(),
                "matrix",
                "matrices/index",
                *self.matrix_pages(),
                "transport",
                "references",
            ]
        )

    def rendering(self, protocol: Protocol) -> set[str]:
        """The documents that show *protocol*: what editing its file alone must re-read, and no more."""
        docs = {self.page_of(protocol.id), "protocols/index", f"matrices/{protocol.category}"}
        docs |= {f"interfaces/{code.lower()}" for code in protocol.interface_codes}
        if protocol.in_table:
            docs |= {"matrix", *(f"matrices/{phase_id}" for phase_id, _, _ in PHASES)}
        if protocol.transport_classes:
            docs.add("transport")
        return docs

    def showing_prose(self, protocol: Protocol) -> set[str]:
        """The documents that show more of *protocol* than a matrix row (its name, classes and
        exposures): what editing its description or summary alone must re-read."""
        return {name for name in self.rendering(protocol) if name != "matrix" and not name.startswith("matrices/")}

    def showing_interfaces(self) -> set[str]:
        """The documents that show interface records: what editing ``interfaces.yaml`` must re-read."""
        protocol_pages = {self.page_name(n) for n in range(len(self.pages))}
        return {*protocol_pages, "interfaces/index", *self.interface_pages(), "matrix", *self.matrix_pages()}

    def index(self) -> str:
        return (
            title("Synthetic survey")
            + "\nA generated catalog rendered the way the survey site renders the real one.\n\n"
            + ".. toctree::\n   :maxdepth: 1\n\n   protocols/index\n   interfaces/index\n   matrix\n"
            + "   matrices/index\n   transport\n   references\n"
        )

    def toctree(self, entries: list[str]) -> str:
        return ".. toctree::\n   :maxdepth: 1\n\n" + "".join(f"   {entry}\n" for entry in entries)
