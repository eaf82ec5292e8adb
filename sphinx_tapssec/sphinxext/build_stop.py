"""End a build cleanly when the extension cannot go on: a refused configuration, or a bad catalog in strict mode.

Since Sphinx 8.1, ``sphinx-build`` answers every exception, a :class:`~sphinx.errors.SphinxError`
included, with its versions, a traceback and a request to report a Sphinx bug. A user's
mistake deserves its own lines instead: the problems are logged as located, typed errors,
then :class:`BuildStopped` ends the build. It is a :class:`SystemExit`, which ``sphinx-build``
lets through and Python reports by printing the summary alone, with exit status 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from sphinx.util import logging

from sphinx_tapssec.model.plural import plural
from sphinx_tapssec.sphinxext.warnings import WARNING_TYPE

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx_tapssec.sphinxext.warnings import Subtype

logger = logging.getLogger(__name__)


#: What :class:`BuildStopped` counts when the catalog's problems stop a strict build.
STRICT_STOP = "catalog problem"


class BuildStopped(SystemExit):
    """The build cannot go on; its problems have been logged. ``str()`` is the one-line summary."""

    def __init__(self, summary: str, problems: Sequence[str], what: str) -> None:
        super().__init__(summary)
        #: One ``location: message [tapssec.subtype]`` line per problem, as logged.
        self.problems = tuple(problems)
        #: What the problems are: ``"configuration problem"`` or :data:`STRICT_STOP`.
        self.what = what

    def __str__(self) -> str:
        return str(self.code)


def error(message: str, location: str | None, subtype: Subtype) -> str:
    """Log a typed, located error; return its line for :class:`BuildStopped`."""
    logger.error(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
    where = f"{location}: " if location else ""
    return f"{where}{message} [{WARNING_TYPE}.{subtype.value}]"


def stop(problems: Sequence[str], what: str, why: str) -> NoReturn:
    """Raise :class:`BuildStopped` for *problems* (already logged): ``tapssec: 2 <what>s; <why>``."""
    raise BuildStopped(f"tapssec: {plural(len(problems), what)}; {why}", problems, what)
