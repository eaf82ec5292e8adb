"""The status of each reference in the reference list, and the line saying where it was read."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Reference, ReferenceStatus, StatusIndex
from sphinx_tapssec.model.reference_status import rfc_label, rfc_url, status_parts
from sphinx_tapssec.model.urls import safe_url
from sphinx_tapssec.sphinxext.render.common import joined
from sphinx_tapssec.sphinxext.translations import N_, _


def _rfc_link(doc_id: str, schemes: Sequence[str]) -> nodes.Node:
    """``RFC 9147`` linking to the RFC Editor's page (as text where the project allows no https links)."""
    label = rfc_label(doc_id)
    url = rfc_url(doc_id)
    if url is None or not safe_url(url, schemes):
        return nodes.Text(label)
    return nodes.reference(label, label, refuri=url)


#: The words of :func:`.model.reference_status.status_parts` (the model imports no Sphinx), for extraction.
STATUS_WORDS = (N_("Obsoleted by"), N_("Updated by"), N_("Published as"))


def status_inline(status: ReferenceStatus, schemes: Sequence[str]) -> nodes.inline | None:
    """``Obsoleted by RFC 9147. Updated by ...`` as an inline, or ``None`` when the status records nothing."""
    children: list[nodes.Node] = []
    for words, ids in status_parts(status):
        children.append(nodes.Text(f" {_(words)} "))
        children += joined([_rfc_link(doc_id, schemes)] for doc_id in ids)
        children.append(nodes.Text("."))
    if status.note:
        # Plain text: a note is shown as written, never parsed as markup or as citations.
        children.append(nodes.Text(" " + " ".join(status.note.split())))
    if not children:
        return None
    return nodes.inline("", "", *children, classes=["tapssec-status"])


def add_status(
    result: nodes.definition_list, references: Sequence[Reference], catalog: Catalog, schemes: Sequence[str]
) -> None:
    """Append each reference's status to its entry of the rendered reference list."""
    for item, reference in zip(result.children, references, strict=True):
        status = catalog.reference_status(reference.id)
        inline = status_inline(status, schemes) if status else None
        if inline is None:
            continue
        paragraph = next(item.findall(nodes.paragraph))
        paragraph += inline


def status_footer(index: StatusIndex) -> nodes.paragraph:
    """``Status as of 2026-10-07, from the RFC Editor's rfc-index.``"""
    source = " ".join(index.read_from.split()).rstrip(".")
    text = _("Status as of {date}, from {source}.").format(date=index.as_of, source=source)
    return nodes.paragraph(text, text, classes=["tapssec-status-note"])
