"""What every tapssec directive shares: the catalog, dependency notes, option parsing and warnings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sphinx.util.docutils import SphinxDirective

from sphinx_tapssec.catalog_loading import get_catalog, note_sources
from sphinx_tapssec.domain import KINDS
from sphinx_tapssec.model.entities import Catalog
from sphinx_tapssec.warnings import Subtype, warn


def id_list(argument: str | None) -> list[str]:
    """An option value listing ids, separated by commas and/or white space."""
    if argument is None or not argument.strip():
        raise ValueError("expected one or more ids separated by commas or spaces")
    return [part for part in re.split(r"[\s,]+", argument.strip()) if part]


def one_of(choices: Sequence[str]) -> Callable[[str | None], str]:
    """An option converter accepting one of *choices* (reported by name when not)."""

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, not {value!r}")
        return value

    return convert


class CatalogDirective(SphinxDirective):
    """A directive that renders from the catalog."""

    @property
    def catalog(self) -> Catalog:
        return get_catalog(self.env)

    def depend_on(self, records: object) -> None:
        """Rebuild this document when the files of *records* change."""
        note_sources(self.env, records)

    def warn(self, message: str, subtype: Subtype) -> None:
        warn(message, subtype, self.get_location())

    def known_ids(self, kind: str, keys: Sequence[str]) -> list[str]:
        """*keys* that exist in the catalog; the others are reported at the directive."""
        known = []
        for key in keys:
            if self.catalog.has(kind, key):
                known.append(key)
            else:
                self.warn(f"{self.name}: unknown {kind} {key!r}", KINDS[kind][1])
        return known
