"""Coverage of the catalog by a project, like ``sphinx.ext.coverage`` for Python objects (no Sphinx here).

Four parts, each switched on by ``tapssec_coverage``: protocols no ``secproto`` describes,
interfaces no ``interface`` directive describes, references no page cites, and interfaces
no protocol exposes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx_tapssec.model.plural import plural

if TYPE_CHECKING:
    from sphinx_tapssec.model.entities import Catalog, Interface, Protocol


@dataclass(frozen=True, slots=True)
class Gap:
    """One catalog entry the project does not cover."""

    #: Which check found it: ``protocols``, ``interfaces``, ``references`` or ``exposures``.
    part: str
    #: The entry's id.
    key: str
    message: str
    #: Where the entry is defined, as ``path:line``.
    location: str


def _undescribed(
    kind: str, directive: str, records: Iterable[Protocol | Interface], described: Collection[tuple[str, str]]
) -> list[Gap]:
    """A gap for each record of *kind* that no page describes (with *directive*)."""
    return [
        Gap(
            f"{kind}s",
            r.id,
            f"{kind} {r.id!r} is described on no page (add '.. {directive}:: {r.id}')",
            r.source.location,
        )
        for r in records
        if (kind, r.id) not in described
    ]


def _protocols(catalog: Catalog, described: Collection[tuple[str, str]], cited: frozenset[str]) -> list[Gap]:
    return _undescribed("protocol", "secproto", catalog.protocols, described)


def _interfaces(catalog: Catalog, described: Collection[tuple[str, str]], cited: frozenset[str]) -> list[Gap]:
    return _undescribed("interface", "interface", catalog.interfaces, described)


def _references(catalog: Catalog, described: Collection[tuple[str, str]], cited: frozenset[str]) -> list[Gap]:
    return [
        Gap("references", r.id, f"reference {r.id!r} is cited on no page", r.source.location)
        for r in catalog.references
        if r.id not in cited
    ]


def _exposures(catalog: Catalog, described: Collection[tuple[str, str]], cited: frozenset[str]) -> list[Gap]:
    return [
        Gap("exposures", i.code, f"interface {i.code!r} is exposed by no protocol", i.source.location)
        for i in catalog.interfaces
        if next(catalog.exposers(i.code, table_only=False), None) is None
    ]


#: The check of each part, in report order.
PARTS: dict[str, Callable[[Catalog, Collection[tuple[str, str]], frozenset[str]], list[Gap]]] = {
    "protocols": _protocols,
    "interfaces": _interfaces,
    "references": _references,
    "exposures": _exposures,
}


def find_gaps(
    catalog: Catalog,
    described: Collection[tuple[str, str]],
    citations: Mapping[str, frozenset[str]],
    parts: Collection[str],
) -> list[Gap]:
    """The gaps of the switched-on *parts*.

    *described* holds the ``(kind, id)`` pairs some page describes; *citations* maps each
    document to the reference ids it links to.
    """
    cited: frozenset[str] = frozenset().union(*citations.values())
    return [gap for part, check in PARTS.items() if part in parts for gap in check(catalog, described, cited)]


def report_text(gaps: list[Gap], parts: Collection[str]) -> str:
    """The coverage report file: a count per part, then one line per gap."""
    lines = ["sphinx-tapssec coverage report", ""]
    for part in parts:
        found = [gap for gap in gaps if gap.part == part]
        lines.append(f"{part}: {plural(len(found), 'gap')}")
        lines += [f"  {gap.location}: {gap.message}" for gap in found]
    return "\n".join(lines) + "\n"
