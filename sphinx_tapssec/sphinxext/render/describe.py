"""Bodies of the object descriptions: a protocol, an interface, a category, a phase, a transport class."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Dependency, Exposure, Interface, Protocol
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES
from sphinx_tapssec.sphinxext.render.common import (
    bullet_list,
    citations,
    field_list,
    inline_text,
    joined,
    paragraphs,
    xref,
)
from sphinx_tapssec.sphinxext.render.developments import protocol_block as since_survey
from sphinx_tapssec.sphinxext.render.taps import interface_field as taps_field
from sphinx_tapssec.sphinxext.render.wording import (
    in_chapter,
    no_interfaces_listed,
    not_part_of_table,
    section_label,
    table_label,
)
from sphinx_tapssec.sphinxext.translations import N_, _

#: The parts of a protocol description, in the order they render; ``:hide:`` takes these names.
PROTOCOL_PARTS = ("description", "facts", "structure", "transport", "interfaces", "references", "developments")

#: Translated where they are used.
STRUCTURE_LABELS = {
    "integrated": N_("handshake and record protocol are integrated"),
    "separate": N_("handshake and record protocol are separate protocols"),
    "record-only": N_("record protocol only; the handshake comes from another protocol"),
    "handshake-only": N_("handshake (key agreement) only; the record protocol is another protocol"),
}
SPECIFIC_LABELS = {
    "transport-feature": N_("depends on a feature of its transport"),
    "own-transport": N_("provides its own transport functionality"),
}


def protocol_body(
    catalog: Catalog,
    protocol: Protocol,
    hidden: frozenset[str] = frozenset(),
    url_schemes: Sequence[str] = DEFAULT_SCHEMES,
    *,
    compact: bool = False,
) -> list[nodes.Node]:
    """Everything the catalog says about *protocol*, minus the *hidden* parts; or, *compact*, the
    short entry of :func:`_compact_body`.

    The later developments come last, in their own block: they are not the survey's content.
    """
    if compact:
        return _compact_body(catalog, protocol, hidden, url_schemes)
    parts: dict[str, list[nodes.Node]] = {
        "description": [
            nodes.paragraph("", "", nodes.emphasis(protocol.summary, protocol.summary), classes=["tapssec-summary"]),
            *paragraphs(protocol.description),
        ],
        "facts": [_facts(catalog, protocol)],
        "structure": _structure(protocol),
        "transport": _transport(catalog, protocol),
        "interfaces": _interfaces(catalog, protocol),
        "references": _labelled(_("References"), citations(protocol.references)) if protocol.references else [],
        "developments": since_survey(catalog, catalog.developments_of(protocol.id), url_schemes),
    }
    return [node for name in PROTOCOL_PARTS if name not in hidden for node in parts[name]]


#: The parts a compact description shows; ``:hide:`` takes these names there too.
COMPACT_PARTS = ("facts", "interfaces", "transport", "references", "description", "developments")


def _compact_body(
    catalog: Catalog, protocol: Protocol, hidden: frozenset[str], schemes: Sequence[str]
) -> list[nodes.Node]:
    """*protocol* in a few lines, as a page listing many protocols would write each: one field list
    (category, exposed interfaces, transport classes, references), then the description.

    The summary, the section, the structure and the interfaces' qualifiers are left out; the
    matrix and the full description show them.
    """

    def or_none(values: list[nodes.Node]) -> list[nodes.Node]:
        # A new node each time: a node has one parent.
        return values or [nodes.Text(_("none"))]

    fields: dict[str, tuple[str, list[nodes.Node]]] = {
        "facts": (_("Category"), [xref("category", protocol.category)]),
        "interfaces": (
            _("Exposed interfaces"),
            or_none(joined([xref("interface", exposure.code)] for exposure in protocol.exposes)),
        ),
        "transport": (
            _("Transports"),
            or_none(joined([xref("transport", key)] for key in protocol.transport.requires)),
        ),
        "references": (_("References"), or_none(citations(protocol.references))),
    }
    shown = [field for name, field in fields.items() if name not in hidden]
    body: list[nodes.Node] = [field_list(shown, classes=["tapssec-facts"])] if shown else []
    if "description" not in hidden:
        body += paragraphs(protocol.description)
    if "developments" not in hidden:
        body += since_survey(catalog, catalog.developments_of(protocol.id), schemes)
    return body


def _facts(catalog: Catalog, protocol: Protocol) -> nodes.field_list:
    chapter = in_chapter(catalog, catalog.categories)
    table = (
        _("yes")
        if protocol.in_table
        else _("no (described{chapter} only)").format(chapter=chapter)
        if chapter
        else _("no")
    )
    return field_list(
        [
            (_("Category"), [xref("category", protocol.category)]),
            (section_label(catalog), [nodes.Text(protocol.section)]),
            (table_label(catalog), [nodes.Text(table)]),
        ],
        classes=["tapssec-facts"],
    )


def _rubric(text: str) -> nodes.rubric:
    return nodes.rubric(text, text)


def _labelled(label: str, body: list[nodes.Node]) -> list[nodes.Node]:
    return [nodes.paragraph("", "", nodes.strong(label + ": ", label + ": "), *body)]


def _structure(protocol: Protocol) -> list[nodes.Node]:
    structure = protocol.structure
    label = _(STRUCTURE_LABELS[structure.kind])
    items = [[nodes.Text(label[0].upper() + label[1:] + ".")]]
    for side, text in ((_("Handshake"), structure.handshake), (_("Record"), structure.record)):
        if text:
            items.append([nodes.strong(side + ": ", side + ": "), *inline_text(" ".join(text.split()))])
    return [_rubric(_("Handshake and record")), bullet_list(items)]


def _dependency_text(dependency: Dependency, label: str) -> list[nodes.Node]:
    result: list[nodes.Node] = [nodes.Text(label)]
    if dependency.note:
        result += [nodes.Text(": "), *inline_text(" ".join(dependency.note.split()))]
    if dependency.references:
        result += [nodes.Text(" "), *citations(dependency.references)]
    return result


def _transport(catalog: Catalog, protocol: Protocol) -> list[nodes.Node]:
    needs = protocol.transport
    items: list[list[nodes.Node]] = []
    if needs.requires:
        items.append([nodes.Text(_("Listed under: ")), *joined([xref("transport", t)] for t in needs.requires)])
    else:
        chapter = in_chapter(catalog, catalog.transports)
        items.append([nodes.Text(_("Listed under no transport class{chapter}.").format(chapter=chapter))])
    if needs.byte_stream_mapping:
        items.append(_dependency_text(needs.byte_stream_mapping, _("Defined byte-stream mapping")))
    if needs.specific:
        label = _(SPECIFIC_LABELS.get(needs.specific.kind or "", N_("Transport-specific dependency")))
        items.append(_dependency_text(needs.specific, label[0].upper() + label[1:]))
    if needs.note:
        items.append(inline_text(" ".join(needs.note.split())))
    return [_rubric(_("Transport dependencies")), bullet_list(items)]


def exposure_qualifier(exposure: Exposure) -> list[nodes.Node]:
    """`` (version 1.3 only [I-D.ietf-tls-dtls13])`` or nothing."""
    if not exposure.note and not exposure.references:
        return []
    inner: list[nodes.Node] = inline_text(exposure.note) if exposure.note else []
    if exposure.references:
        inner += [nodes.Text(" ")] if inner else []
        inner += citations(exposure.references)
    return [nodes.Text(" ("), *inner, nodes.Text(")")]


def _interfaces(catalog: Catalog, protocol: Protocol) -> list[nodes.Node]:
    rubric = _rubric(_("Interfaces exposed"))
    if not protocol.exposes:
        text = no_interfaces_listed(catalog) if protocol.in_table else not_part_of_table(catalog)
        return [rubric, nodes.paragraph(text, text)]
    items = []
    for exposure in protocol.exposes:
        interface = catalog.interface(exposure.code)
        name = f" ({interface.name})" if interface else ""
        items.append([xref("interface", exposure.code), nodes.Text(name), *exposure_qualifier(exposure)])
    return [rubric, bullet_list(items, classes=["tapssec-interfaces"])]


def interface_body(
    catalog: Catalog, interface: Interface, *, with_list: bool = True, with_taps: bool = True
) -> list[nodes.Node]:
    """The definition of *interface* and the protocols that expose it (a Section 5 list)."""
    facts: list[tuple[str, list[nodes.Node]]] = [
        (_("Phase"), [xref("phase", interface.phase)]),
        (section_label(catalog), [nodes.Text(interface.section)]),
    ]
    taps = taps_field(catalog.taps, interface) if with_taps and catalog.taps else None
    if taps is not None:
        facts.append(taps)
    body: list[nodes.Node] = [
        field_list(facts, classes=["tapssec-facts"]),
        *paragraphs(interface.definition),
    ]
    if interface.references:
        body += _labelled(_("References"), citations(interface.references))
    if with_list:
        exposers = list(catalog.exposers(interface.code, table_only=False))
        if exposers:
            items = [[xref("protocol", p.id), *exposure_qualifier(e)] for p, e in exposers]
            body += [_rubric(_("Exposed by")), bullet_list(items, classes=["tapssec-exposers"])]
        else:
            body.append(nodes.paragraph("", _("No protocol in the catalog exposes this interface.")))
    return body


def _with_members(description: str, members: list[list[nodes.Node]]) -> list[nodes.Node]:
    """A grouping record's description, then its members (one link and long name each), if any."""
    body: list[nodes.Node] = list(paragraphs(description))
    if members:
        body.append(bullet_list(members, classes=["tapssec-members"]))
    return body


def category_body(catalog: Catalog, category_id: str) -> list[nodes.Node]:
    category = catalog.category(category_id)
    assert category is not None
    members = catalog.in_category(category_id)
    return _with_members(
        category.description, [[xref("protocol", p.id), nodes.Text(f" ({p.full_name})")] for p in members]
    )


def phase_body(catalog: Catalog, phase_id: str) -> list[nodes.Node]:
    phase = catalog.phase(phase_id)
    assert phase is not None
    members = [i for i in catalog.interfaces if i.phase == phase_id]
    return _with_members(phase.description, [[xref("interface", i.code), nodes.Text(f" ({i.name})")] for i in members])


def transport_body(catalog: Catalog, transport_id: str) -> list[nodes.Node]:
    transport = catalog.transport(transport_id)
    assert transport is not None
    return list(paragraphs(transport.description))
