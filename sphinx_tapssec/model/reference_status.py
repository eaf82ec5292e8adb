"""The status of a cited document in words: what obsoletes or updates it, what it became.

No Sphinx here: the renderers, the domain's tooltips, the warnings and the CLI share it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx_tapssec.model.entities import Reference, ReferenceStatus


def N_(message: str) -> str:  # noqa: N802  (the name Babel looks for)
    """Mark *message* for extraction into the extension's message catalog; the Sphinx layer translates it."""
    return message


#: The words a link's tooltip adds for each relation (English; translated where they are rendered).
TOOLTIP_WORDS = {"Obsoleted by": N_("obsoleted by {rfcs}"), "Published as": N_("published as {rfcs}")}

#: Where an RFC is published; ``{number}`` is the RFC number without leading zeros.
RFC_URL = "https://www.rfc-editor.org/rfc/rfc{number}"

_RFC_ID = re.compile(r"RFC0*([0-9]+)")


def rfc_number(doc_id: str) -> int | None:
    """The number of an RFC id such as ``RFC9147`` or ``RFC0768``; ``None`` for anything else."""
    match = _RFC_ID.fullmatch(doc_id)
    return int(match.group(1) or "0") if match else None


def rfc_label(doc_id: str) -> str:
    """``RFC9147`` as it is cited in prose: ``RFC 9147``."""
    number = rfc_number(doc_id)
    return f"RFC {number}" if number is not None else doc_id


def rfc_url(doc_id: str) -> str | None:
    """The RFC Editor's page of an RFC id, or ``None`` when it is not one."""
    number = rfc_number(doc_id)
    return RFC_URL.format(number=number) if number is not None else None


def status_parts(status: ReferenceStatus) -> list[tuple[str, tuple[str, ...]]]:
    """``(words, RFC ids)`` for each relation the status records, e.g. ``("Obsoleted by", ("RFC9147",))``."""
    parts = [
        ("Obsoleted by", status.obsoleted_by),
        ("Updated by", status.updated_by),
        ("Published as", (status.published_as,) if status.published_as else ()),
    ]
    return [(words, ids) for words, ids in parts if ids]


def tooltip_words(status: ReferenceStatus | None, translate: Callable[[str], str] = str) -> str:
    """What a link's tooltip adds: ``obsoleted by RFC 9147`` or ``published as RFC 9000`` (``""`` for neither).

    *translate* turns the English words into the page's language (the Sphinx layer passes its
    ``_``). The RFCs that only update a reference are left to the reference list; some RFCs have a dozen.
    """
    if status is None:
        return ""
    parts = [(words, ids) for words, ids in status_parts(status) if words in TOOLTIP_WORDS]
    return "; ".join(translate(TOOLTIP_WORDS[w]).format(rfcs=", ".join(map(rfc_label, ids))) for w, ids in parts)


def cited_label(reference: Reference) -> str:
    """How a warning names a cited reference: ``RFC 6347``, else its citation label."""
    return f"RFC {reference.rfc}" if reference.rfc is not None else reference.citation


def obsolete_message(reference: Reference, status: ReferenceStatus) -> str:
    """The warning for a page citing an obsoleted document."""
    successors = ", ".join(map(rfc_label, status.obsoleted_by))
    return f"document cites {cited_label(reference)}, obsoleted by {successors}"
