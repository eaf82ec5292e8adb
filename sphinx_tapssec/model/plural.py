"""Small wording helpers shared by the command line and the build (no Sphinx here)."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """``1 problem``, ``2 problems``, ``0 problems``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
