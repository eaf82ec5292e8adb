"""Guesses for a misspelt name, shared by the catalog checks, the directives and the query language."""

from __future__ import annotations

from collections.abc import Iterable


def close_match(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to *word*, or ``None`` when none is close (difflib's 0.6 ratio)."""
    import difflib  # imported here: only a problem needs a guess, and the catalog's import stays light

    close = difflib.get_close_matches(word, list(candidates), n=1)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of *candidates*, or nothing."""
    close = close_match(word, candidates)
    return f" (did you mean {close!r}?)" if close else ""
