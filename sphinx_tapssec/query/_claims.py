"""Claims: statements about which protocols satisfy an expression, checked against the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_tapssec.model.entities import Catalog, Protocol
from sphinx_tapssec.model.plural import plural
from sphinx_tapssec.query._ast import Claim
from sphinx_tapssec.query._check import Checker, catalog_id
from sphinx_tapssec.query._eval import COMPARISONS, holds
from sphinx_tapssec.query._parser import parse_claim


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """The verdict on one claim."""

    #: Whether the catalog agrees with the claim.
    holds: bool
    #: When it does not: what the catalog holds instead, in one sentence.
    message: str
    #: Ids of the protocols satisfying the claim's expression, in catalog order.
    matching: tuple[str, ...]


def names(protocols: Sequence[Protocol]) -> str:
    """Display names joined for a message (``no protocol`` when empty)."""
    return ", ".join(p.name for p in protocols) if protocols else "no protocol"


def check_claim(text: str, catalog: Catalog) -> ClaimResult:
    """Parse, check and judge a claim; raises :class:`~.QueryError` for a malformed one."""
    claim = parse_claim(text)
    checker = Checker(catalog)
    expr = checker.condition(claim.expr)
    subjects = [catalog_id(catalog, "protocol", subject) for subject in claim.subjects]
    named = [p for p in map(catalog.protocol, (str(s.value) for s in subjects)) if p is not None]
    matching = [p for p in catalog.protocols if holds(expr, p, catalog)]
    ok, message = _judge(claim, named, matching, catalog)
    return ClaimResult(ok, message, tuple(p.id for p in matching))


def _judge(claim: Claim, named: list[Protocol], matching: list[Protocol], catalog: Catalog) -> tuple[bool, str]:
    holders = f"the catalog has it for {names(matching)}"
    if claim.mode == "each":
        failing = [p for p in named if p not in matching]
        return not failing, f"it does not hold for {names(failing)}; {holders}"
    if claim.mode == "only":
        missing = [p for p in matching if p not in named]
        extra = [p for p in named if p not in matching]
        details = [f"not named: {names(missing)}"] if missing else []
        details += [f"named but not matching: {names(extra)}"] if extra else []
        return not missing and not extra, f"{holders} ({'; '.join(details)})"
    if claim.mode == "all":
        failing = [p for p in catalog.protocols if p not in matching]
        return not failing, f"it does not hold for {names(failing)}"
    if claim.mode == "none":
        return not matching, f"it holds for {names(matching)}"
    ok = bool(COMPARISONS[claim.op](len(matching), claim.count))
    verb = "matches" if len(matching) == 1 else "match"
    return ok, f"{plural(len(matching), 'protocol')} {verb}, not {claim.op} {claim.count}: {names(matching)}"
