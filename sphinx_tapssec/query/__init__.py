"""A small, safe query language over the catalog.

Text is tokenized, parsed into a tree of frozen dataclasses, checked against the
catalog and evaluated by our own interpreter; nothing is ever passed to ``eval`` and no
Python attribute is looked up by a name taken from the text. Every problem is a
:class:`QueryError` that carries the column where the expression went wrong.

No Sphinx import here: the CLI and the catalog's consistency rules use it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sphinx_tapssec.model.entities import Catalog, Protocol
from sphinx_tapssec.query._ast import Claim, Expr
from sphinx_tapssec.query._check import Checker
from sphinx_tapssec.query._claims import ClaimResult, check_claim
from sphinx_tapssec.query._errors import QueryError
from sphinx_tapssec.query._eval import holds
from sphinx_tapssec.query._names import ATTRIBUTES, PREDICATES, Attribute, Predicate
from sphinx_tapssec.query._parser import parse, parse_claim

__all__ = [
    "ATTRIBUTES",
    "PREDICATES",
    "Attribute",
    "Claim",
    "ClaimResult",
    "Expr",
    "Predicate",
    "Query",
    "QueryError",
    "check_claim",
    "compile_query",
    "parse",
    "parse_claim",
]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed and checked expression, ready to test protocols."""

    #: The expression as written.
    text: str
    #: The checked tree.
    expr: Expr

    def matches(self, protocol: Protocol, catalog: Catalog) -> bool:
        """Whether *protocol* satisfies the expression."""
        return holds(self.expr, protocol, catalog)

    def select(self, catalog: Catalog, protocols: Iterable[Protocol] | None = None) -> tuple[Protocol, ...]:
        """The protocols (default: all of the catalog's) that satisfy the expression, in their order."""
        pool = catalog.protocols if protocols is None else protocols
        return tuple(p for p in pool if holds(self.expr, p, catalog))


def compile_query(text: str, catalog: Catalog) -> Query:
    """Parse and check *text* against *catalog*; raises :class:`QueryError` (only) when it is unusable."""
    return Query(text, Checker(catalog).condition(parse(text)))
