"""The catalog's lists: protocols by transport class and by category, references, omissions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import MAPPING_CLASS, SPECIFIC_CLASS, Catalog, Dependency, Protocol, Reference
from sphinx_tapssec.model.urls import safe_url
from sphinx_tapssec.sphinxext.domain import node_id
from sphinx_tapssec.sphinxext.render.common import bullet_list, citations, inline_text, xref
from sphinx_tapssec.sphinxext.render.describe import SPECIFIC_LABELS
from sphinx_tapssec.sphinxext.translations import N_, _

#: What an empty transport class says instead of a list.
EMPTY_CLASS = N_("No protocol is listed under this transport class.")
#: Why the survey leaves a protocol out (``omitted.yaml``'s ``reason``), as the list's classifier says it.
OMITTED_REASONS = {
    "no-unique-interface": N_("no unique interface"),
    "authentication-only": N_("authentication only"),
    "out-of-scope": N_("out of scope"),
}


def _by_group(
    catalog: Catalog, protocols: Sequence[Protocol], item: Callable[[Protocol], list[nodes.Node]]
) -> list[nodes.Node]:
    """Protocols under their Section 4 category headings, in catalog category order."""
    result: list[nodes.Node] = []
    for category in catalog.categories:
        members = [p for p in protocols if p.section4_group == category.id]
        if members:
            heading = nodes.paragraph("", "", nodes.strong("", "", xref("category", category.id)), nodes.Text(":"))
            result += [heading, bullet_list((item(p) for p in members), classes=["tapssec-transport-list"])]
    return result


def _with_dependency(dependency: Dependency | None, label: str | None = None) -> list[nodes.Node]:
    """The note and citations of *dependency* (nothing without one), after *label*."""
    result: list[nodes.Node] = []
    if dependency is None:
        return result
    if label:
        result.append(nodes.Text(f" {label}"))
    if dependency.note:
        result += [nodes.Text(" " if label is None else ": "), *inline_text(" ".join(dependency.note.split()))]
    if dependency.references:
        result += [nodes.Text(" "), *citations(dependency.references)]
    return result


def transport_lists(catalog: Catalog, transport_id: str) -> list[nodes.Node]:
    """The list of one transport class (any class the catalog defines), under category headings.

    A protocol's byte-stream mapping or transport-specific dependency is shown beside it; the
    transport-specific class is one list with the kind of each dependency, as the survey has it.
    """
    members = [p for p in catalog.protocols if transport_id in p.transport_classes]
    if not members:
        return [nodes.paragraph("", _(EMPTY_CLASS), classes=["tapssec-empty"])]
    if transport_id == MAPPING_CLASS:
        return _by_group(
            catalog, members, lambda p: [xref("protocol", p.id), *_with_dependency(p.transport.byte_stream_mapping)]
        )
    if transport_id != SPECIFIC_CLASS:
        return _by_group(catalog, members, lambda p: [xref("protocol", p.id)])
    items = []
    for protocol in members:
        specific = protocol.transport.specific
        label = _(SPECIFIC_LABELS[specific.kind]) if specific and specific.kind in SPECIFIC_LABELS else ""
        items.append([xref("protocol", protocol.id), *_with_dependency(specific, label or None)])
    return [bullet_list(items, classes=["tapssec-transport-list"])]


def protocol_list(catalog: Catalog, category_ids: Sequence[str], *, in_table: bool) -> list[nodes.Node]:
    """Protocols grouped by category, each with its summary."""
    result: list[nodes.Node] = []
    for category in catalog.categories:
        if category.id not in category_ids:
            continue
        members = [p for p in catalog.in_category(category.id) if p.in_table or not in_table]
        if members:
            result.append(nodes.rubric("", "", xref("category", category.id)))
            items = [[xref("protocol", p.id), nodes.Text(" — "), *inline_text(p.summary)] for p in members]
            result.append(bullet_list(items, classes=["tapssec-protocol-list"]))
    return result


def reference_text(reference: Reference, schemes: Sequence[str]) -> list[nodes.Node]:
    """A reference in the survey's citation style; the link only when its URL is safe."""
    parts: list[nodes.Node] = []
    if reference.authors:
        parts.append(nodes.Text(_authors(reference.authors) + ", "))
    parts.append(nodes.Text(f"\u201c{reference.title}\u201d"))
    details = []
    if reference.kind == "internet-draft":
        details += [_("Work in Progress"), _("Internet-Draft")]
        if reference.draft:
            details.append(f"{reference.draft}-{reference.version}" if reference.version else reference.draft)
    if reference.series:
        details.append(reference.series)
    if reference.rfc is not None:
        details.append(f"RFC {reference.rfc}")
    if reference.doi:
        details.append(f"DOI {reference.doi}")
    if reference.date:
        details.append(reference.date)
    parts.extend(nodes.Text(", " + detail) for detail in details)
    if reference.url:
        parts.append(nodes.Text(", <"))
        if safe_url(reference.url, schemes):
            parts.append(nodes.reference(reference.url, reference.url, refuri=reference.url))
        else:
            parts.append(nodes.Text(reference.url))
        parts.append(nodes.Text(">"))
    parts.append(nodes.Text("."))
    return parts


def _authors(authors: Sequence[str]) -> str:
    if len(authors) == 1:
        return authors[0]
    return _("{authors}, and {last}").format(authors=", ".join(authors[:-1]), last=authors[-1])


def reference_list(
    catalog: Catalog, references: Sequence[Reference], schemes: Sequence[str], *, with_ids: bool
) -> nodes.definition_list:
    """The bibliography as a definition list; with *with_ids* each term is a link target."""
    result = nodes.definition_list(classes=["tapssec-references"])
    for reference in references:
        label = reference.citation
        term = nodes.term(label, label, ids=[node_id("reference", reference.id)] if with_ids else [])
        body = nodes.definition("", nodes.paragraph("", "", *reference_text(reference, schemes)))
        result += nodes.definition_list_item("", term, body)
    return result


def omitted_list(catalog: Catalog) -> nodes.definition_list:
    """The protocols the survey leaves out, each with its reason."""
    result = nodes.definition_list(classes=["tapssec-omitted"])
    for omitted in catalog.omitted:
        term = nodes.term(omitted.name, omitted.name)
        text: list[nodes.Node] = inline_text(" ".join(omitted.note.split()))
        if omitted.references:
            text += [nodes.Text(" "), *citations(omitted.references)]
        reason = _(OMITTED_REASONS[omitted.reason]) if omitted.reason in OMITTED_REASONS else omitted.reason
        classifier = nodes.classifier(reason, reason)
        definition = nodes.definition("", nodes.paragraph("", "", *text))
        result += nodes.definition_list_item("", term, classifier, definition)
    return result
