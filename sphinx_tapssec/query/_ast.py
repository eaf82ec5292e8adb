"""The syntax tree of queries and claims: frozen dataclasses, so trees compare and pickle cheaply.

The parser builds trees with :class:`Name` leaves for every bare word; :mod:`._check`
replaces each by an :class:`Attr` or a :class:`Literal`, so the evaluator only ever
sees checked trees.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Name:
    """A bare word before checking: an attribute, an id, a number or a section."""

    text: str
    #: 1-based column in the expression.
    column: int


@dataclass(frozen=True, slots=True)
class Literal:
    """A value: an id, a number, a section number, a string, or true/false."""

    value: str | int | bool
    column: int
    #: Whether it was written in quotes (then it is never read as an attribute).
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Attr:
    """A protocol attribute such as ``category`` or ``in_table`` (checked trees only)."""

    name: str
    column: int


#: What a comparison or a membership test compares.
Operand = Name | Literal | Attr


@dataclass(frozen=True, slots=True)
class Call:
    """A predicate such as ``exposes(SAV)``; its arguments are catalog ids."""

    name: str
    args: tuple[Literal, ...]
    column: int


@dataclass(frozen=True, slots=True)
class Compare:
    """``left OP right`` with OP one of ``== != < <= > >=``."""

    op: str
    left: Operand
    right: Operand
    column: int


@dataclass(frozen=True, slots=True)
class Member:
    """``left in [a, b]`` (or ``not in``)."""

    left: Operand
    items: tuple[Operand, ...]
    negated: bool
    column: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    column: int


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Expr, ...]
    column: int


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Expr, ...]
    column: int


#: A boolean expression. A lone :class:`Name`, :class:`Attr` or :class:`Literal` must be boolean.
Expr = Or | And | Not | Compare | Member | Call | Name | Attr | Literal


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement about the catalog: who satisfies an expression.

    ``mode`` is ``each`` (the named protocols all satisfy it), ``only`` (exactly the
    named ones do), ``all``, ``none``, or ``count`` (how many do, compared with ``op``).
    """

    mode: str
    #: The named protocols, for ``each`` and ``only``.
    subjects: tuple[Literal, ...]
    expr: Expr
    #: For ``count``: the comparison and the number.
    op: str = "=="
    count: int = 0
