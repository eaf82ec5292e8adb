"""Generate a synthetic catalog and two docs projects showing it: one with the extension, one in plain reST.

``python -m benchmarks.generate 1000 /tmp/bench --seed 1`` writes::

    /tmp/bench/catalog/   N protocol files and the other catalog files, in the real format
    /tmp/bench/ext/       a Sphinx project rendering the catalog with sphinx_tapssec
    /tmp/bench/floor/     the same pages written out as plain reStructuredText, no extension
    /tmp/bench/thin/      the thin floor: the survey as a person would write it by hand
    /tmp/bench/ext-thin/  the thin floor's pages with the extension (see benchmarks/_thin.py)
    /tmp/bench/ext-compact/  the same with compact entries (``secproto`` with ``:compact:``)
    /tmp/bench/needs/     the thin floor's pages with sphinx-needs: needs and a needtable (benchmarks/_needs.py)

Both projects have the same documents: pages of 20 protocols (one ``secproto`` each), a page
per interface, the full matrix, matrices filtered by category and by phase, the transport
lists and the references. The output is the same for the same N and seed.
"""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks._catalog import write_catalog
from benchmarks._data import CATEGORIES, INTERFACES, PHASES, TRANSPORTS, synthesize
from benchmarks._floor import floor_pages
from benchmarks._layout import RECORDER, Layout, title
from benchmarks._needs import NEEDS_CONF, needs_pages
from benchmarks._thin import thin_ext_pages, thin_floor_pages
from sphinx_tapssec.model.entities import Catalog

EXT_CONF = (
    """project = "Synthetic survey (sphinx-tapssec)"
extensions = ["sphinx_tapssec"]
tapssec_catalog = "../catalog"
exclude_patterns = ["_build"]
"""
    + RECORDER
)

FLOOR_CONF = (
    """project = "Synthetic survey (plain reST)"
extensions = []
exclude_patterns = ["_build"]
"""
    + RECORDER
)


class _Below:
    """A directory below the generated root, read as an attribute."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, generated: Generated, owner: type[Generated] | None = None) -> Path:
        return generated.root / self.name


@dataclass(frozen=True, slots=True)
class Generated:
    """Where a generated benchmark lives, and what it holds."""

    root: Path
    catalog: Catalog
    layout: Layout

    #: The catalog files.
    catalog_dir = _Below("catalog")
    #: The project rendering the catalog with the extension.
    ext_dir = _Below("ext")
    #: The same pages as plain reST (the equal-content floor).
    floor_dir = _Below("floor")
    #: The survey as a person would write it by hand (the thin floor).
    thin_dir = _Below("thin")
    #: The thin floor's pages with the extension.
    ext_thin_dir = _Below("ext-thin")
    #: The same with compact entries.
    ext_compact_dir = _Below("ext-compact")

    @property
    def needs_dir(self) -> Path:
        return self.root / "needs"


def ext_pages(catalog: Catalog, layout: Layout) -> dict[str, str]:
    """The extension project's documents, by docname."""
    pages = {"index": layout.index()}
    pages["protocols/index"] = (
        title("Protocols")
        + "".join(f"\n.. tapssec:category:: {category_id}\n" for category_id, _, _ in CATEGORIES)
        + "\n"
        + layout.toctree([name.split("/")[1] for name in (layout.page_name(n) for n in range(len(layout.pages)))])
    )
    for number, page in enumerate(layout.pages):
        body = "".join(f"\n{title(p.name, '-')}\n.. secproto:: {p.id}\n" for p in page)
        pages[layout.page_name(number)] = title(layout.page_title(number)) + body
    pages["interfaces/index"] = (
        title("Interfaces")
        + "".join(f"\n.. tapssec:phase:: {phase_id}\n" for phase_id, _, _ in PHASES)
        + "\n"
        + layout.toctree([code.lower() for code, _, _ in INTERFACES])
    )
    for code, name, _ in INTERFACES:
        pages[f"interfaces/{code.lower()}"] = title(f"{code}: {name}") + f"\n.. interface:: {code}\n"
    caption = "Interfaces exposed by each protocol"
    pages["matrix"] = title("Summary matrix") + f"\n.. interface-matrix::\n   :caption: {caption}\n"
    pages["matrices/index"] = (
        title("Filtered matrices") + "\n" + layout.toctree([name.split("/")[1] for name in layout.matrix_pages()])
    )
    for category_id, category_name, _ in CATEGORIES:
        pages[f"matrices/{category_id}"] = (
            title(category_name)
            + f"\n.. interface-matrix::\n   :category: {category_id}\n   :all-protocols:\n"
            + f"   :caption: {category_name}\n"
        )
    for phase_id, phase_name, _ in PHASES:
        pages[f"matrices/{phase_id}"] = (
            title(phase_name) + f"\n.. interface-matrix::\n   :phase: {phase_id}\n   :caption: {phase_name}\n"
        )
    pages["transport"] = title("Transport dependencies") + "".join(
        f"\n{title(name, '-')}\n.. tapssec:transport:: {transport_id}\n\n.. transport-deps::\n"
        f"   :transport: {transport_id}\n"
        for transport_id, name, _ in TRANSPORTS
    )
    pages["references"] = title("References") + "\n.. reference-list::\n"
    return pages


def _write_project(directory: Path, conf: str, pages: dict[str, str]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "conf.py").write_text(conf, encoding="utf-8")
    for docname, text in pages.items():
        path = directory / f"{docname}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate(root: Path, protocols: int, seed: int = 1) -> Generated:
    """Write the catalog and both projects under *root* (replacing what was there)."""
    catalog = synthesize(protocols, seed)
    layout = Layout.of(catalog)
    for name in ("catalog", "ext", "floor", "thin", "ext-thin", "ext-compact", "needs"):
        shutil.rmtree(root / name, ignore_errors=True)
    result = Generated(root, catalog, layout)
    write_catalog(catalog, result.catalog_dir)
    ext = ext_pages(catalog, layout)
    floor = floor_pages(catalog, layout)
    assert sorted(ext) == sorted(floor) == layout.docnames(), "both projects must have the same documents"
    _write_project(result.ext_dir, EXT_CONF, ext)
    _write_project(result.floor_dir, FLOOR_CONF, floor)
    _write_project(result.thin_dir, FLOOR_CONF, thin_floor_pages(catalog))
    _write_project(result.ext_thin_dir, EXT_CONF, thin_ext_pages(catalog))
    _write_project(result.ext_compact_dir, EXT_CONF, thin_ext_pages(catalog, compact=True))
    _write_project(result.needs_dir, NEEDS_CONF, needs_pages(catalog))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("protocols", type=int, help="number of protocols (N)")
    parser.add_argument("root", type=Path, help="directory to write catalog/, ext/ and floor/ into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generated = generate(args.root, args.protocols, args.seed)
    print(f"{len(generated.catalog.protocols)} protocols, {len(generated.layout.docnames())} documents in {args.root}")


if __name__ == "__main__":
    main()
