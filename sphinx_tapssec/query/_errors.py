"""The one exception the query language raises."""

from __future__ import annotations

from sphinx_tapssec.model.problems import Subtype


class QueryError(ValueError):
    """An expression that cannot be parsed or names something unknown.

    Parsing and checking raise nothing else, so callers catch exactly this and report
    it where the expression was written, at :attr:`column`.
    """

    def __init__(self, message: str, column: int, subtype: Subtype = Subtype.QUERY_SYNTAX) -> None:
        super().__init__(message)
        #: What went wrong, without the location.
        self.message = message
        #: 1-based column in the expression where it went wrong.
        self.column = column
        #: ``query_syntax`` for malformed text, ``unknown_name`` for a name the catalog lacks.
        self.subtype = subtype

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}"

    def __reduce__(self) -> tuple[type[QueryError], tuple[str, int, Subtype]]:
        # Keep the extra arguments when the error crosses a process boundary (parallel builds).
        return (type(self), (self.message, self.column, self.subtype))
