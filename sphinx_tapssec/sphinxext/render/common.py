"""Small node builders shared by every directive: cross-references, plain text, lists, fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes

from sphinx_tapssec.sphinxext.domain import KINDS


def xref(kind: str, key: str, text: str | None = None, *, explicit: bool | None = None) -> addnodes.pending_xref:
    """A link to a catalog entry, resolved by the domain (plain text where nothing describes it).

    Without *text*, or with ``explicit=False``, the domain writes the entry's display name
    (*text* is then only the fallback).
    """
    role = KINDS[kind][0]
    node: addnodes.pending_xref = addnodes.pending_xref(
        "",
        refdomain="tapssec",
        reftype=role,
        reftarget=key,
        refexplicit=text is not None if explicit is None else explicit,
        refwarn=False,
    )
    node += nodes.inline(text or key, text or key, classes=["xref", "tapssec", f"tapssec-{role}"])
    return node


def inline_text(text: str) -> list[nodes.Node]:
    """Plain catalog text as Text nodes, with ``[ID]`` citations turned into reference links.

    The text is never parsed as markup: what the catalog says is shown as it is.
    """
    # Imported here so that setup(), which imports this module through the roles, does not
    # import the record classes (issue #17).
    from sphinx_tapssec.model.entities import CITATION

    result: list[nodes.Node] = []
    position = 0
    for match in CITATION.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        # Not explicit: the domain writes the citation label of the edition shown.
        result.append(xref("reference", match.group(1), match.group(0), explicit=False))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


def paragraphs(text: str | None, classes: Sequence[str] = ()) -> list[nodes.paragraph]:
    """Plain text split into paragraphs at blank lines; lines inside a paragraph are joined."""
    if not text:
        return []
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return [nodes.paragraph("", "", *inline_text(block), classes=list(classes)) for block in blocks if block]


def citations(reference_ids: Iterable[str]) -> list[nodes.Node]:
    """``[RFC1] [RFC2]`` as links, separated by spaces."""
    result: list[nodes.Node] = []
    for reference_id in reference_ids:
        if result:
            result.append(nodes.Text(" "))
        result.append(xref("reference", reference_id, f"[{reference_id}]", explicit=False))
    return result


def bullet_list(items: Iterable[Sequence[nodes.Node]], classes: Sequence[str] = ()) -> nodes.bullet_list:
    """A bullet list whose items are one paragraph each."""
    result = nodes.bullet_list(classes=list(classes))
    for children in items:
        result += nodes.list_item("", nodes.paragraph("", "", *children))
    return result


def field_list(fields: Iterable[tuple[str, Sequence[nodes.Node]]], classes: Sequence[str] = ()) -> nodes.field_list:
    """A field list of ``name: body``; a body that is a block node is used as it is."""
    result = nodes.field_list(classes=list(classes))
    for name, body in fields:
        if not body:
            continue
        blocks = list(body) if isinstance(body[0], nodes.Body) else [nodes.paragraph("", "", *body)]
        result += nodes.field("", nodes.field_name(name, name), nodes.field_body("", *blocks))
    return result


def joined(parts: Iterable[Sequence[nodes.Node]], separator: str = ", ") -> list[nodes.Node]:
    """Inline node groups joined by *separator*."""
    result: list[nodes.Node] = []
    for part in parts:
        if result:
            result.append(nodes.Text(separator))
        result.extend(part)
    return result
