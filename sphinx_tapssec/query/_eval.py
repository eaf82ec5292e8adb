"""Evaluate checked expressions and claims over a catalog's protocols (our own interpreter: no ``eval``)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sphinx_tapssec.model.entities import Catalog, Protocol
from sphinx_tapssec.query._ast import And, Attr, Call, Compare, Expr, Literal, Member, Not, Operand, Or
from sphinx_tapssec.query._names import ATTRIBUTES, PREDICATES, compare_key

#: The comparison operators of comparisons and of claims' counts.
COMPARISONS: dict[str, Callable[[Any, Any], object]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _value(node: Operand, protocol: Protocol) -> object:
    if isinstance(node, Attr):
        attribute = ATTRIBUTES[node.name]
        return compare_key(attribute, attribute.get(protocol))
    assert isinstance(node, Literal), "evaluate checked trees only"
    return node.value


def _ordered(node: Compare, protocol: Protocol) -> tuple[object, object]:
    assert isinstance(node.left, Attr), "evaluate checked trees only"
    attribute = ATTRIBUTES[node.left.name]
    left = _value(node.left, protocol)
    right = _value(node.right, protocol)
    # A literal section number compares as numbers, as the attribute does.
    return left, right if isinstance(node.right, Attr) else compare_key(attribute, right)


def holds(node: Expr, protocol: Protocol, catalog: Catalog) -> bool:
    """Whether *protocol* satisfies the checked expression *node*."""
    if isinstance(node, Or):
        return any(holds(item, protocol, catalog) for item in node.items)
    if isinstance(node, And):
        return all(holds(item, protocol, catalog) for item in node.items)
    if isinstance(node, Not):
        return not holds(node.operand, protocol, catalog)
    if isinstance(node, Call):
        test = PREDICATES[node.name].test
        return all(test(protocol, str(arg.value), catalog) for arg in node.args)
    if isinstance(node, Compare):
        left, right = _ordered(node, protocol)
        return bool(COMPARISONS[node.op](left, right))
    if isinstance(node, Member):
        assert isinstance(node.left, Attr), "evaluate checked trees only"
        attribute = ATTRIBUTES[node.left.name]
        items = {compare_key(attribute, _value(item, protocol)) for item in node.items}
        return (_value(node.left, protocol) in items) != node.negated
    return bool(_value(node, protocol))
