"""A recursive-descent parser from tokens to the syntax tree of :mod:`._ast`.

Grammar (``|`` separates choices, ``*`` repeats, ``?`` is optional)::

    claim      := ("all" | "none" | "only" ids | "count" OP NUMBER | ids) ":" expr
    expr       := and ("or" and)*
    and        := unary ("and" unary)*
    unary      := "not" unary | test
    test       := primary (OP primary | "not"? "in" "[" values? "]")?
    primary    := "(" expr ")" | WORD "(" values ")" | WORD | STRING
    values     := value ("," value)*
    value      := WORD | STRING
"""

from __future__ import annotations

from sphinx_tapssec.query._ast import And, Call, Claim, Compare, Expr, Literal, Member, Name, Not, Or
from sphinx_tapssec.query._errors import QueryError
from sphinx_tapssec.query._tokens import Tok, Token, tokenize

#: Deeper nesting is refused, so a hostile expression cannot exhaust the interpreter's stack.
MAX_DEPTH = 40
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
CLAIM_MODES = frozenset({"all", "none", "only", "count"})


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.position = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.position]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.position + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.token
        self.position = min(self.position + 1, len(self.tokens) - 1)
        return token

    def at_word(self, *words: str) -> bool:
        return self.token.kind is Tok.WORD and self.token.text in words

    def expect(self, kind: Tok, what: str) -> Token:
        if self.token.kind is not kind:
            raise QueryError(f"expected {what} but found {self.token.describe()}", self.token.column)
        return self.advance()

    def end(self) -> None:
        if self.token.kind is not Tok.END:
            hint = " (join conditions with 'and' or 'or')" if self.token.kind in (Tok.WORD, Tok.LPAREN) else ""
            raise QueryError(f"unexpected {self.token.describe()}{hint}", self.token.column)

    def expr(self) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"the expression nests deeper than {MAX_DEPTH} levels", self.token.column)
        column = self.token.column
        items = [self.conjunction()]
        while self.at_word("or"):
            self.advance()
            items.append(self.conjunction())
        self.depth -= 1
        return items[0] if len(items) == 1 else Or(tuple(items), column)

    def conjunction(self) -> Expr:
        column = self.token.column
        items = [self.unary()]
        while self.at_word("and"):
            self.advance()
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items), column)

    def unary(self) -> Expr:
        if self.at_word("not"):
            column = self.advance().column
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"the expression nests deeper than {MAX_DEPTH} levels", column)
            operand = self.unary()
            self.depth -= 1
            return Not(operand, column)
        return self.test()

    def test(self) -> Expr:
        left = self.primary()
        if self.token.kind is Tok.OP:
            op = self.advance()
            right = self.primary()
            return Compare("==" if op.text == "=" else op.text, _operand(left, op), _operand(right, op), op.column)
        negated = self.at_word("not") and self.peek().kind is Tok.WORD and self.peek().text == "in"
        if negated or self.at_word("in"):
            column = self.token.column
            if negated:
                self.advance()
            keyword = self.advance()
            self.expect(Tok.LBRACK, "'[' to start the list after 'in'")
            items = tuple(self.values(Tok.RBRACK, "']'"))
            return Member(_operand(left, keyword), items, negated, column)
        return left

    def primary(self) -> Expr:
        token = self.token
        if token.kind is Tok.LPAREN:
            self.advance()
            inner = self.expr()
            self.expect(Tok.RPAREN, "')'")
            return inner
        if token.kind is Tok.STRING:
            self.advance()
            return Literal(token.text, token.column, quoted=True)
        if token.kind is not Tok.WORD or token.text in ("and", "or", "in"):
            raise QueryError(f"expected a condition but found {token.describe()}", token.column)
        self.advance()
        if token.text in ("true", "false"):
            return Literal(token.text == "true", token.column)
        if token.text == "not":
            raise QueryError("expected a condition after 'not'", token.column)
        if self.token.kind is Tok.LPAREN:
            self.advance()
            return Call(token.text, tuple(self.values(Tok.RPAREN, "')'")), token.column)
        return Name(token.text, token.column)

    def values(self, closing: Tok, what: str) -> list[Literal]:
        """Comma-separated ids up to *closing* (an empty list only before ``]``)."""
        items: list[Literal] = []
        if self.token.kind is closing and closing is Tok.RBRACK:
            self.advance()
            return items
        while True:
            token = self.token
            if token.kind not in (Tok.WORD, Tok.STRING) or (token.kind is Tok.WORD and token.text in KEYWORDS):
                raise QueryError(f"expected an id but found {token.describe()}", token.column)
            items.append(Literal(self.advance().text, token.column, quoted=token.kind is Tok.STRING))
            if self.token.kind is closing:
                self.advance()
                return items
            self.expect(Tok.COMMA, f"',' or {what}")

    def claim(self) -> Claim:
        if not any(token.kind is Tok.COLON for token in self.tokens):
            raise QueryError("a claim is written 'SUBJECTS: EXPRESSION', as in 'wireguard: exposes(SAV)'; no ':'", 1)
        head = self.token
        if self.at_word("all", "none") and self.peek().kind is Tok.COLON:
            self.advance()
            return self.claim_body(head.text, ())
        if self.at_word("count") and self.peek().kind is Tok.OP:
            self.advance()
            op = self.advance()
            number = self.expect(Tok.WORD, "a number after the comparison")
            if not number.text.isdigit():
                raise QueryError(f"expected a number but found {number.describe()}", number.column)
            return self.claim_body("count", (), "==" if op.text == "=" else op.text, int(number.text))
        mode = "only" if self.at_word("only") and self.peek().kind is not Tok.COLON else "each"
        if mode == "only":
            self.advance()
        subjects = self.values(Tok.COLON, "':' and the expression")
        # values() consumed the colon; step back so claim_body sees the same shape for every mode.
        self.position -= 1
        return self.claim_body(mode, tuple(subjects))

    def claim_body(self, mode: str, subjects: tuple[Literal, ...], op: str = "==", count: int = 0) -> Claim:
        self.expect(Tok.COLON, "':' between the claim's subjects and its expression")
        expr = self.expr()
        self.end()
        return Claim(mode, subjects, expr, op, count)


def _operand(node: Expr, op: Token) -> Name | Literal:
    if isinstance(node, Name | Literal):
        return node
    column = getattr(node, "column", op.column)
    raise QueryError(f"only an attribute or a value can stand beside {op.text!r}, not a condition", column)


def parse(text: str) -> Expr:
    """The syntax tree of a query; raises :class:`QueryError` (only) when *text* is malformed."""
    parser = _Parser(text)
    if parser.token.kind is Tok.END:
        raise QueryError("the expression is empty", 1)
    expr = parser.expr()
    parser.end()
    return expr


def parse_claim(text: str) -> Claim:
    """The syntax tree of a claim such as ``only dtls, quic: exposes(SAV)``."""
    parser = _Parser(text)
    if parser.token.kind is Tok.END:
        raise QueryError("the claim is empty", 1)
    return parser.claim()
