"""``.. edition-diff:: draft-12 rfc8922`` — what changed between two editions, as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from sphinx_tapssec.sphinxext.directives.base import CatalogDirective, adopt, id_list
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain
from sphinx_tapssec.sphinxext.translations import N_, _
from sphinx_tapssec.sphinxext.warnings import Subtype

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.model.editions import Difference

#: What each kind of difference is called in the table, in the order the table lists them.
KIND_LABELS = {
    "survey": N_("Document"),
    "section": N_("Heading"),
    "phase": N_("Phase"),
    "category": N_("Category"),
    "transport": N_("Transport class"),
    "interface": N_("Interface"),
    "protocol": N_("Protocol"),
    "cell": N_("Table cell"),
    "reference": N_("Reference"),
    "wording": N_("Wording"),
}


class EditionDiff(CatalogDirective):
    """The differences between two editions of the survey, generated from the catalog."""

    required_arguments = 2
    option_spec: ClassVar[OptionSpec] = {"kinds": id_list, "caption": lambda text: (text or "").strip()}

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.model.editions import diff, edition_ids  # only pages with this directive need it

        undivided = get_domain(self.env).undivided
        known = edition_ids(undivided)
        before, after = self.arguments
        unknown = [edition for edition in (before, after) if edition not in known]
        if unknown:
            listing = ", ".join(known) or "none: the catalog has no editions.yaml"
            self.warn(f"edition-diff: unknown edition {unknown[0]!r} (editions: {listing})", Subtype.EDITION)
            return []
        kinds = self.options.get("kinds", list(KIND_LABELS))
        for kind in sorted(set(kinds) - set(KIND_LABELS)):
            listing = ", ".join(KIND_LABELS)
            self.warn(f"edition-diff: unknown kind {kind!r} in :kinds: (kinds: {listing})", Subtype.OPTION)
        # The differences can involve any record: the page follows every catalog file.
        self.depend_on_all([])
        for path in undivided.files:
            self.env.note_dependency(path)
        differences = [d for d in diff(undivided, before, after) if d.kind in kinds]
        names = {e.id: e.name for e in undivided.editions}
        if not differences:
            text = _("No differences between {before} and {after}.").format(before=names[before], after=names[after])
            return [nodes.paragraph("", text)]
        caption = self.options.get("caption") or _("Changes from {before} to {after}").format(
            before=names[before], after=names[after]
        )
        table = diff_table(differences, caption, (names[before], names[after]))
        adopt(self, table)
        return [table]


def diff_table(differences: Sequence[Difference], caption: str, headers: tuple[str, str]) -> nodes.table:
    """A table with a row per difference: kind, what, field, the two values."""
    columns = (_("Kind"), _("What"), _("Field"), *headers)
    widths = (12, 24, 10, 30, 30)
    tgroup = nodes.tgroup(cols=len(columns))
    for width in widths:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", _row(columns))
    body = nodes.tbody()
    order = list(KIND_LABELS)
    for difference in sorted(differences, key=lambda d: order.index(d.kind)):
        label = _(KIND_LABELS[difference.kind])
        field = difference.field or (_("added") if difference.before is None else _("removed"))
        before, after = difference.before or "—", difference.after or "—"
        if difference.note:
            after = f"{after} ({difference.note})"
        body += _row((label, difference.subject or "—", field, before, after))
    tgroup += body
    table = nodes.table("", classes=["tapssec-edition-diff"])
    table += nodes.title(caption, caption)
    table += tgroup
    return table


def _row(cells: Sequence[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        row += nodes.entry("", nodes.paragraph(text, text))
    return row
