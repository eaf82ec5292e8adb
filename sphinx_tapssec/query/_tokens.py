"""Split query text into tokens, each remembering the column it starts at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sphinx_tapssec.query._errors import QueryError

#: Longer inputs are refused before tokenizing: a query is a line of prose, not a program.
MAX_LENGTH = 2000


class Tok(Enum):
    """Token kinds."""

    WORD = "word"  #: names, ids, numbers, section numbers and keywords
    STRING = "string"  #: a quoted literal
    OP = "operator"  #: ==, !=, <, <=, >, >=
    LPAREN = "'('"
    RPAREN = "')'"
    LBRACK = "'['"
    RBRACK = "']'"
    COMMA = "','"
    COLON = "':'"
    END = "end of the expression"


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a query."""

    kind: Tok
    #: The text as written (for a string: without the quotes).
    text: str
    #: 1-based column of the token's first character.
    column: int

    def describe(self) -> str:
        """How an error message names this token."""
        if self.kind is Tok.END:
            return "the end of the expression"
        return repr(self.text) if self.kind is not Tok.STRING else f'"{self.text}"'


#: Words: ids such as ``byte-stream``, ``I-D.ietf-quic-tls`` or ``3.2.1``; no operator uses ``-`` or ``.``.
_WORD = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?")
_OPS = ("==", "!=", "<=", ">=", "<", ">", "=")
_PUNCT = {"(": Tok.LPAREN, ")": Tok.RPAREN, "[": Tok.LBRACK, "]": Tok.RBRACK, ",": Tok.COMMA, ":": Tok.COLON}


def tokenize(text: str) -> list[Token]:
    """The tokens of *text*, ending with an END token; a character no token starts with is an error."""
    if len(text) > MAX_LENGTH:
        raise QueryError(f"the expression is longer than {MAX_LENGTH} characters", 1)
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        token = _token_at(text, position)
        tokens.append(token)
        position += len(token.text) + (2 if token.kind is Tok.STRING else 0)
    tokens.append(Token(Tok.END, "", len(text) + 1))
    return tokens


def _token_at(text: str, position: int) -> Token:
    column = position + 1
    char = text[position]
    if char in _PUNCT:
        return Token(_PUNCT[char], char, column)
    for op in _OPS:
        if text.startswith(op, position):
            # ``=`` is accepted as a friendlier spelling of ``==``; the token keeps its text.
            return Token(Tok.OP, op, column)
    if char in "'\"":
        end = text.find(char, position + 1)
        if end < 0:
            raise QueryError(f"the string starting here has no closing {char}", column)
        return Token(Tok.STRING, text[position + 1 : end], column)
    match = _WORD.match(text, position)
    if match is None:
        hint = " (use 'and', 'or', 'not')" if char in "&|!" else ""
        raise QueryError(f"unexpected character {char!r}{hint}", column)
    return Token(Tok.WORD, match.group(0), column)
