"""``.. consistency-notes::`` and ``.. consistency-rules::`` — the catalog's consistency data as a page."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_tapssec.sphinxext.directives.base import CatalogDirective, id_list
from sphinx_tapssec.sphinxext.document_queries import protocol_links
from sphinx_tapssec.sphinxext.render.common import field_list, paragraphs
from sphinx_tapssec.sphinxext.translations import N_, _
from sphinx_tapssec.sphinxext.warnings import Subtype

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.model.consistency import RuleOutcome
    from sphinx_tapssec.model.entities import Catalog, ConsistencyNote

KIND_LABELS = {
    "category": N_("category"),
    "transport": N_("transport dependency"),
    "table": N_("summary table"),
    "lists": N_("lists"),
    "introduction": N_("introduction"),
    "order": N_("order only"),
    "headings": N_("headings"),
    "scope": N_("scope"),
}


def note_target(note_id: str) -> str:
    """The HTML id of a rendered consistency note."""
    return str(nodes.make_id(f"tapssec-note-{note_id}"))


def _literal(text: str) -> list[nodes.Node]:
    return [nodes.literal(text, text)]


def _orders(catalog: Catalog, note: ConsistencyNote) -> list[tuple[str, list[nodes.Node]]]:
    """The two orders an order note compares, both from data: so no order claim is typed by hand."""
    if not note.printed:
        return []
    in_catalog = [p.id for p in catalog.protocols if p.id in note.printed]
    return [
        (_("Order as printed"), protocol_links(catalog, note.printed)),
        (_("Order of Section 3"), protocol_links(catalog, in_catalog)),
    ]


def _note(catalog: Catalog, note: ConsistencyNote) -> nodes.container:
    rule = next((r for r in catalog.rules if r.id == note.rule), None)
    fields: list[tuple[str, list[nodes.Node]]] = [
        (_("Sections"), [nodes.Text(", ".join(note.sections))]),
        (_("Protocols"), protocol_links(catalog, note.protocols) if note.protocols else []),
        (_("Kind"), [nodes.Text(_(KIND_LABELS[note.kind]) if note.kind in KIND_LABELS else note.kind)]),
        (_("Breaks rule"), [*_literal(rule.id), nodes.Text(": " + " ".join(rule.description.split()))] if rule else []),
        (_("Checked by"), _literal(note.check) if note.check else []),
        *_orders(catalog, note),
    ]
    title = nodes.rubric(note.title, note.title, ids=[note_target(note.id)])
    body = [title, field_list(fields, classes=["tapssec-note-facts"]), *paragraphs(note.note)]
    return nodes.container("", *body, classes=["tapssec-consistency-note"])


class ConsistencyNotes(CatalogDirective):
    """The places where the survey disagrees with itself, from ``consistency.yaml``."""

    option_spec: ClassVar[OptionSpec] = {"kind": id_list}

    def run(self) -> list[nodes.Node]:
        # Imported here, not by setup(): only the pages that use this directive pay for it (issue #17).
        from sphinx_tapssec.model.spec import NOTE_KINDS

        catalog = self.catalog
        kinds = self.options.get("kind", list(NOTE_KINDS))
        for kind in sorted(set(kinds) - set(NOTE_KINDS)):
            self.warn(f"{self.name}: unknown note kind {kind!r} (kinds: {', '.join(NOTE_KINDS)})", Subtype.OPTION)
        notes = [note for note in catalog.notes if note.kind in kinds]
        self.depend_on([*notes, *catalog.rules, *catalog.protocols])
        if not notes:
            return [nodes.paragraph("", _("The catalog records no consistency notes."))]
        return [_note(catalog, note) for note in notes]


def _status(catalog: Catalog, outcome: RuleOutcome) -> list[nodes.Node]:
    if outcome.error is not None:
        text = _("cannot be checked: the {expression} expression is broken").format(expression=outcome.error[0])
        return [nodes.Text(text)]
    if outcome.failing:
        return [nodes.Text(_("fails for ")), *protocol_links(catalog, outcome.failing)]
    if not outcome.excused:
        return [nodes.Text(_("holds"))]
    result: list[nodes.Node] = [nodes.Text(_("holds, except where the survey breaks it: "))]
    for index, (protocol_id, note_id) in enumerate(outcome.excused):
        note = next(n for n in catalog.notes if n.id == note_id)
        separator = "; " if index else ""
        result += [nodes.Text(separator), *protocol_links(catalog, [protocol_id]), nodes.Text(f" ({note.title})")]
    return result


class ConsistencyRules(CatalogDirective):
    """The consistency rules of ``rules.yaml``, each with its expressions and its current status."""

    def run(self) -> list[nodes.Node]:
        # Imported here, not by setup(): only the pages that use this directive pay for it (issue #17).
        from sphinx_tapssec.model.consistency import rule_outcomes

        catalog = self.catalog
        self.depend_on([*catalog.rules, *catalog.notes, *catalog.protocols])
        result = nodes.definition_list(classes=["tapssec-rules"])
        for outcome in rule_outcomes(catalog):
            rule = outcome.rule
            fields = [
                (_("Applies to"), _literal(rule.scope) if rule.scope else [nodes.Text(_("every protocol"))]),
                (_("Requires"), _literal(rule.require)),
                (_("Status"), _status(catalog, outcome)),
            ]
            definition = nodes.definition("", *paragraphs(rule.description), field_list(fields))
            result += nodes.definition_list_item("", nodes.term(rule.id, "", *_literal(rule.id)), definition)
        return [result] if catalog.rules else [nodes.paragraph("", _("The catalog has no consistency rules."))]
