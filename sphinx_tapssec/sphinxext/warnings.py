"""The warning type and subtypes of sphinx-tapssec, and the one helper that logs them.

Every warning is ``type="tapssec"`` with a subtype below, so a project can silence
one kind with ``suppress_warnings = ["tapssec.unknown_protocol"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from sphinx_tapssec.model.problems import SUBTYPE_HELP, Subtype

if TYPE_CHECKING:
    from sphinx_tapssec.model.problems import Problem

WARNING_TYPE = "tapssec"

__all__ = ["SUBTYPE_HELP", "WARNING_TYPE", "Subtype", "located", "warn", "warn_problem"]

logger = logging.getLogger(__name__)


def warn(message: str, subtype: Subtype, location: Any = None) -> None:
    """Log a typed, located warning.

    *location* is anything Sphinx accepts: a node, ``(docname, lineno)``, or a
    ``"path:line"`` string for catalog files.
    """
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def located(problem: Problem) -> tuple[str, str | None]:
    """The message and the location to log a catalog *problem* with.

    A whole-file problem has no line, and Sphinx would read a bare path as a document
    name, so the path leads the message instead.
    """
    if problem.line:
        return problem.message, problem.location
    return f"{problem.path}: {problem.message}", None


def warn_problem(problem: Problem) -> None:
    """Log a catalog problem found by the loader or the validator."""
    message, location = located(problem)
    warn(message, problem.subtype, location)
