"""Check a parsed query against the catalog: every name known, every id existing, every type right.

Checking returns a new tree in which each bare word became an :class:`Attr` or a typed
:class:`Literal`, so that evaluation cannot fail.
"""

from __future__ import annotations

import re

from sphinx_tapssec.model.entities import Catalog
from sphinx_tapssec.model.problems import Subtype
from sphinx_tapssec.model.spec import SECTION_PATTERN
from sphinx_tapssec.model.suggest import did_you_mean
from sphinx_tapssec.query._ast import And, Attr, Call, Compare, Expr, Literal, Member, Name, Not, Operand, Or
from sphinx_tapssec.query._errors import QueryError
from sphinx_tapssec.query._names import ATTRIBUTES, PREDICATES, Attribute, Type, normalize

#: How to turn a bare catalog id into a condition, for the hint of the error.
_HINTS = {
    "category": "category({})",
    "transport": "transport({})",
    "interface": "exposes({})",
    "phase": "phase({})",
    "protocol": "id == {}",
    "reference": "cites({})",
}
_FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_ORDERED = (Type.INT, Type.SECTION)


def _unknown(what: str, word: str, column: int, candidates: list[str]) -> QueryError:
    return QueryError(f"unknown {what} {word!r}{did_you_mean(word, candidates)}", column, Subtype.UNKNOWN_NAME)


def catalog_id(catalog: Catalog, kind: str, literal: Literal) -> Literal:
    """*literal* as an existing id of *kind*, normalised; unknown ids are :class:`QueryError`."""
    if not isinstance(literal.value, str):
        raise QueryError(f"expected a {kind} id, not {literal.value!r}", literal.column)
    key = normalize(kind, literal.value)
    if not catalog.has(kind, key):
        keys = [getattr(record, "id") for record in getattr(catalog, _PLURAL.get(kind, kind + "s"))]  # noqa: B009
        raise _unknown(kind, literal.value, literal.column, keys)
    if kind == "interface" and (interface := catalog.interface(key)):
        key = interface.code  # any edition's code means the interface under its current one
    return Literal(key, literal.column, literal.quoted)


_PLURAL = {"category": "categories"}


def _word(node: Operand) -> str:
    if isinstance(node, Name):
        return node.text
    return node.name if isinstance(node, Attr) else str(node.value)


class Checker:
    """Checks expressions against one catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def condition(self, node: Expr) -> Expr:
        """A checked boolean expression."""
        if isinstance(node, Or | And):
            return type(node)(tuple(map(self.condition, node.items)), node.column)
        if isinstance(node, Not):
            return Not(self.condition(node.operand), node.column)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Compare):
            return self.compare(node)
        if isinstance(node, Member):
            return self.member(node)
        return self.lone(node)

    def lone(self, node: Name | Literal | Attr) -> Expr:
        """A word standing alone as a condition: a boolean attribute or ``true``/``false``."""
        if isinstance(node, Literal):
            if isinstance(node.value, bool):
                return node
            raise QueryError(f"the value {node.value!r} alone is not a condition", node.column)
        attribute = ATTRIBUTES.get(node.name if isinstance(node, Attr) else node.text)
        if attribute is not None and attribute.type is Type.BOOL:
            return Attr(attribute.name, node.column)
        word = node.name if isinstance(node, Attr) else node.text
        if attribute is not None:
            raise QueryError(f"{word!r} is not true or false; compare it, as in {word} == ...", node.column)
        if re.fullmatch(SECTION_PATTERN, word):
            raise QueryError(f"the value {word!r} alone is not a condition", node.column)
        if word in PREDICATES:
            raise QueryError(f"{word!r} needs its argument in parentheses, as in {word}(...)", node.column)
        for kind, hint in _HINTS.items():
            if self.catalog.has(kind, normalize(kind, word)):
                message = f"{word!r} alone is not a condition; did you mean {hint.format(word)}?"
                raise QueryError(message, node.column, Subtype.UNKNOWN_NAME)
        raise _unknown("name", word, node.column, [*ATTRIBUTES, *PREDICATES])

    def call(self, node: Call) -> Call:
        predicate = PREDICATES.get(node.name)
        if predicate is None:
            if node.name in ATTRIBUTES:
                raise QueryError(
                    f"{node.name!r} is an attribute, not a predicate; compare it, as in {node.name} == ...", node.column
                )
            raise _unknown("predicate", node.name, node.column, list(PREDICATES))
        if not node.args:
            raise QueryError(f"{node.name}() needs an argument", node.column)
        if len(node.args) > 1 and not predicate.many:
            raise QueryError(f"{node.name}() takes one argument, not {len(node.args)}", node.args[1].column)
        if predicate.argument == "choice":
            args = tuple(self.choice(predicate.name, predicate.choices, arg) for arg in node.args)
        else:
            args = tuple(catalog_id(self.catalog, predicate.argument, arg) for arg in node.args)
        return Call(node.name, args, node.column)

    def choice(self, what: str, choices: tuple[str, ...], literal: Literal) -> Literal:
        value = str(literal.value).lower()
        if value not in choices:
            message = f"unknown {what} {literal.value!r} (one of {', '.join(choices)})"
            raise QueryError(message, literal.column, Subtype.UNKNOWN_NAME)
        return Literal(value, literal.column, literal.quoted)

    def operand(self, node: Operand) -> Operand:
        """A word becomes an attribute when it names one (unless quoted); anything else stays a value."""
        if isinstance(node, Name):
            return Attr(node.text, node.column) if node.text in ATTRIBUTES else Literal(node.text, node.column)
        return node

    def compare(self, node: Compare) -> Compare:
        left, right, op = self.operand(node.left), self.operand(node.right), node.op
        if not isinstance(left, Attr):
            if not isinstance(right, Attr):
                raise _unknown("attribute", _word(node.left), node.left.column, list(ATTRIBUTES))
            left, right, op = right, left, _FLIP[op]
        attribute = ATTRIBUTES[left.name]
        if op not in ("==", "!=") and attribute.type not in _ORDERED:
            raise QueryError(f"{op!r} needs numbers or section numbers; {left.name!r} is {attribute.type}", node.column)
        if isinstance(right, Attr):
            other = ATTRIBUTES[right.name]
            if (other.type, other.refers_to, other.choices) != (attribute.type, attribute.refers_to, attribute.choices):
                raise QueryError(f"{left.name!r} and {right.name!r} hold different kinds of values", right.column)
            return Compare(op, left, right, node.column)
        return Compare(op, left, self.value(attribute, right), node.column)

    def member(self, node: Member) -> Member:
        left = self.operand(node.left)
        if not isinstance(left, Attr):
            raise _unknown("attribute", _word(node.left), node.left.column, list(ATTRIBUTES))
        attribute = ATTRIBUTES[left.name]
        items = tuple(self.value(attribute, self.operand(item)) for item in node.items)
        return Member(left, items, node.negated, node.column)

    def value(self, attribute: Attribute, node: Operand) -> Literal:
        """*node* as a value of *attribute*'s type."""
        if isinstance(node, Attr):
            node = Literal(node.name, node.column)
        assert isinstance(node, Literal)
        if attribute.type is Type.BOOL:
            if not isinstance(node.value, bool):
                raise QueryError(f"{attribute.name!r} is true or false, not {node.value!r}", node.column)
            return node
        if isinstance(node.value, bool):
            raise QueryError(f"{attribute.name!r} is {attribute.type}, not true or false", node.column)
        text = str(node.value)
        if attribute.type is Type.INT:
            if not text.isdigit():
                raise QueryError(f"{attribute.name!r} is a number, not {text!r}", node.column)
            return Literal(int(text), node.column)
        if attribute.type is Type.SECTION and not re.fullmatch(SECTION_PATTERN, text):
            raise QueryError(f"{text!r} is not a section number such as 3.2.1", node.column)
        if attribute.refers_to:
            return catalog_id(self.catalog, attribute.refers_to, node)
        if attribute.choices:
            return self.choice(attribute.name, attribute.choices, node)
        return Literal(text, node.column, node.quoted)
