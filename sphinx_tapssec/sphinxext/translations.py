"""The extension's own words, translated into the host's language (``sphinx.locale``).

Strings are marked with :func:`_` where they are used, and extracted into
``locale/sphinx_tapssec.pot`` with Babel (see the guide's embedding page). The matrix script's
strings are listed in :data:`SCRIPT_MESSAGES` and handed to the page, translated, in the
``data-messages`` attribute of the matrix's labels element. Catalog data (names, descriptions)
is never translated: it stays as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    pass

#: The name of the message catalog, as ``add_message_catalog`` and ``get_translation`` know it.
MESSAGE_CATALOG = "sphinx_tapssec"
LOCALE_DIR = Path(__file__).parents[1] / "locale"

_ = get_translation(MESSAGE_CATALOG)


def N_(message: str) -> str:  # noqa: N802  (the name Babel looks for)
    """Mark *message* for extraction; it is translated where it is used."""
    return message


#: The strings of ``static/tapssec-matrix.js``; ``{name}`` parts are filled in by the script.
SCRIPT_MESSAGES = (
    N_("Phase (columns)"),
    N_("Category"),
    N_("Runs over"),
    N_("Exposes all of"),
    N_("Clear filters"),
    N_("Link to this view"),
    N_(
        "Keyboard: Tab to the table's box and scroll it with the arrow keys; Tab on through its links, "
        "which show their full names. Escape hides a name."
    ),
    N_("Filter this table"),
    N_("{name} (scrollable)"),
    N_("1 protocol"),
    N_("{count} protocols"),
    N_("All {protocols} and {interfaces} interfaces."),
    N_("phase {names}"),
    N_("category {names}"),
    N_("runs over {names}"),
    N_("exposes {codes}"),
    N_(" or "),
    N_(" and "),
    N_("No protocol matches"),
    N_("Showing {shown} of 1 protocol"),
    N_("Showing {shown} of {count} protocols"),
    N_("{head} ({what}), {shown} of {all} interfaces."),
    N_("exposed"),
    N_("not exposed"),
    N_("Interface matrix {number}"),
)


def script_messages() -> dict[str, str]:
    """Each string of the matrix script and its translation, for the page's language."""
    return {message: str(_(message)) for message in SCRIPT_MESSAGES}
