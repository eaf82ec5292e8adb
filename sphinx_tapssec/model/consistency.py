"""Consistency rules and notes: checked on every load, so the catalog cannot drift unnoticed.

A rule says what every protocol (in its scope) should satisfy. Where the survey itself
breaks a rule, a consistency note records the disagreement and excuses the protocols it
names; a note that excuses a protocol which no longer breaks the rule, or whose check
claim is false, means the catalog has stopped saying what the survey says.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sphinx_tapssec.model.entities import CITATION, Catalog, ConsistencyNote, Rule, Source
from sphinx_tapssec.model.problems import Problem, Subtype

if TYPE_CHECKING:
    from sphinx_tapssec.query import QueryError

_R = TypeVar("_R", Rule, ConsistencyNote)


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """How one rule fares on a catalog."""

    rule: Rule
    #: ``(key, error)`` when the ``for`` or ``require`` expression cannot be used.
    error: tuple[str, QueryError] | None
    #: Ids of the protocols in scope that fail the rule and no note excuses.
    failing: tuple[str, ...]
    #: ``(protocol id, note id)`` of the failures a consistency note explains.
    excused: tuple[tuple[str, str], ...]


def _excuses(catalog: Catalog, rule_id: str) -> dict[str, str]:
    return {p: note.id for note in catalog.notes if note.rule == rule_id for p in note.protocols}


def evaluate_rule(catalog: Catalog, rule: Rule) -> RuleOutcome:
    """Apply *rule* to every protocol in its scope."""
    # The query language is imported by the catalogs that use it (rules, note checks) alone.
    from sphinx_tapssec.query import QueryError, compile_query

    try:
        scope = compile_query(rule.scope, catalog) if rule.scope else None
    except QueryError as error:
        return RuleOutcome(rule, ("for", error), (), ())
    try:
        require = compile_query(rule.require, catalog)
    except QueryError as error:
        return RuleOutcome(rule, ("require", error), (), ())
    in_scope = scope.select(catalog) if scope else catalog.protocols
    broken = [p.id for p in in_scope if not require.matches(p, catalog)]
    excuses = _excuses(catalog, rule.id)
    failing = tuple(p for p in broken if p not in excuses)
    return RuleOutcome(rule, None, failing, tuple((p, excuses[p]) for p in broken if p in excuses))


def rule_outcomes(catalog: Catalog) -> tuple[RuleOutcome, ...]:
    """Every rule of *catalog*, evaluated."""
    return tuple(evaluate_rule(catalog, rule) for rule in catalog.rules)


class _Checker:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Problem] = []

    def report(self, path: str, line: int, subtype: Subtype, message: str) -> None:
        self.problems.append(Problem(path, line, subtype, message))

    def unique(self, records: tuple[_R, ...], what: str) -> tuple[_R, ...]:
        first: dict[str, Source] = {}
        kept: list[_R] = []
        for record in records:
            if record.id in first:
                message = f"duplicate {what} id {record.id!r}; first defined at {first[record.id].location}"
                self.report(record.source.path, record.source.line, Subtype.DUPLICATE_ID, message)
                continue
            first[record.id] = record.source
            kept.append(record)
        return tuple(kept)

    def note(self, note: ConsistencyNote) -> ConsistencyNote:
        """*note* without unknown protocols or rule, each reported."""
        path, line, what = note.source.path, note.source.line, f"consistency note {note.id!r}"
        known = tuple(p for p in note.protocols if self.catalog.has("protocol", p))
        for unknown in sorted(set(note.protocols) - set(known)):
            self.report(path, line, Subtype.UNKNOWN_PROTOCOL, f"{what}: {self.catalog.missing('protocol', unknown)}")
        for match in CITATION.finditer(note.note):
            if not self.catalog.has("reference", match.group(1)):
                missing = self.catalog.missing("reference", match.group(1))
                self.report(path, line, Subtype.UNKNOWN_REFERENCE, f"{what}: {missing}")
        rule = note.rule
        if rule is not None and not self.catalog.has("rule", rule):
            self.report(path, line, Subtype.RULE, f"{what}: unknown rule {rule!r}")
            rule = None
        if rule is not None and not known:
            self.report(path, line, Subtype.RULE, f"{what}: names rule {rule!r} but no protocol it excuses")
        return dataclasses.replace(note, protocols=known, rule=rule)

    def rule(self, outcome: RuleOutcome) -> None:
        rule = outcome.rule
        if outcome.error is not None:
            key, error = outcome.error
            line = rule.scope_line if key == "for" else rule.require_line
            self.report(rule.source.path, line, error.subtype, f"rule {rule.id!r}, {key}: {error}")
            return
        for protocol_id in outcome.failing:
            protocol = self.catalog.protocol(protocol_id)
            assert protocol is not None
            message = (
                f"{protocol.name} breaks rule {rule.id!r} ({rule.source.location}): "
                f"{' '.join(rule.description.split())} If the survey says so, record a consistency note."
            )
            self.report(protocol.source.path, protocol.source.line, Subtype.RULE, message)

    def stale_excuses(self, note: ConsistencyNote, outcomes: dict[str, RuleOutcome]) -> None:
        outcome = outcomes.get(note.rule or "")
        if outcome is None or outcome.error is not None:
            return
        excused = {p for p, _ in outcome.excused}
        keeping = [p for p in note.protocols if p not in excused]
        if keeping:
            names = ", ".join(getattr(self.catalog.protocol(p), "name", p) for p in keeping)
            message = (
                f"consistency note {note.id!r} excuses {names} from rule {note.rule!r}, but the catalog now "
                "satisfies the rule for them: the catalog no longer records what the survey says, or the note "
                "is out of date"
            )
            self.report(note.source.path, note.source.line, Subtype.RULE, message)

    def check(self, note: ConsistencyNote) -> None:
        if note.check is None:
            return
        from sphinx_tapssec.query import QueryError, check_claim

        path, line = note.source.path, note.check_line
        try:
            result = check_claim(note.check, self.catalog)
        except QueryError as error:
            self.report(path, line, error.subtype, f"consistency note {note.id!r}, check: {error}")
            return
        if not result.holds:
            message = f"consistency note {note.id!r}: its check {note.check!r} is false: {result.message}"
            self.report(path, line, Subtype.RULE, message)
        elif note.printed or note.kind == "order":
            self.order(note, result.matching)

    def order(self, note: ConsistencyNote, members: tuple[str, ...]) -> None:
        """An order note's printed list has the members its check selects, in another order than the catalog's."""
        what, line = f"consistency note {note.id!r}", note.printed_line
        if not note.printed:
            message = f"{what}: an order note needs 'printed', the list in the order the survey prints it"
            self.report(note.source.path, line, Subtype.RULE, message)
        elif sorted(note.printed) != sorted(members):
            message = f"{what}: 'printed' names {', '.join(note.printed)}, but its check selects {', '.join(members)}"
            self.report(note.source.path, line, Subtype.RULE, message)
        elif tuple(note.printed) == members:
            message = f"{what}: the printed order is the catalog's order, so there is no disagreement left to note"
            self.report(note.source.path, line, Subtype.RULE, message)

    def order_without_check(self, note: ConsistencyNote) -> None:
        if note.check is None and (note.printed or note.kind == "order"):
            message = f"consistency note {note.id!r}: an order note needs a check claim selecting the list's members"
            self.report(note.source.path, note.source.line, Subtype.RULE, message)


def check_consistency(catalog: Catalog) -> tuple[Catalog, tuple[Problem, ...]]:
    """*catalog* with its invalid rules and notes dropped, and every consistency problem found."""
    checker = _Checker(catalog)
    catalog = dataclasses.replace(catalog, rules=checker.unique(catalog.rules, "rule"))
    checker.catalog = catalog
    notes = tuple(checker.note(note) for note in checker.unique(catalog.notes, "consistency note"))
    catalog = dataclasses.replace(catalog, notes=notes)
    checker.catalog = catalog
    outcomes = {outcome.rule.id: outcome for outcome in rule_outcomes(catalog)}
    for outcome in outcomes.values():
        checker.rule(outcome)
    for note in catalog.notes:
        checker.stale_excuses(note, outcomes)
        checker.check(note)
        checker.order_without_check(note)
    return catalog, tuple(checker.problems)
