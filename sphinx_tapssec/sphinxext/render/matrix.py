"""The protocol x interface table (the survey's Table 1) as a standard docutils table.

The HTML contract other tools rely on: the table has class ``tapssec-matrix``; the header
row names the interface codes; each body row starts with the protocol's name in a stub
(``<th>``) cell; an exposed cell has class ``tapssec-exposed`` and a text for screen
readers besides the mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Development, Exposure, Interface, Protocol, TapsApi
from sphinx_tapssec.model.export import MARK
from sphinx_tapssec.sphinxext.nodes import exposure_mark, header_entry
from sphinx_tapssec.sphinxext.render.common import citations, inline_text, xref
from sphinx_tapssec.sphinxext.render.developments import mark_proposed_cells, proposed_legend
from sphinx_tapssec.sphinxext.render.matrix_classes import column_classes, labels, row_classes
from sphinx_tapssec.sphinxext.render.taps import header_classes, mark_cell, matrix_legend
from sphinx_tapssec.sphinxext.render.wording import the_record
from sphinx_tapssec.sphinxext.translations import _


@dataclass(frozen=True, slots=True)
class MatrixSpec:
    """What one matrix shows."""

    protocols: tuple[Protocol, ...]
    interfaces: tuple[Interface, ...]
    caption: str | None
    legend: bool
    notes: bool
    #: Prefix for the ids of the notes, unique in the document.
    id_prefix: str
    #: The Transport Services API mapping whose reach the cells mark (``:taps:``), or ``None``.
    taps: TapsApi | None = None
    #: The developments whose proposed changes the cells show beside the survey's (``:proposed:``), or ``None``.
    proposed: tuple[Development, ...] | None = None


def _entry(*children: nodes.Node, classes: Sequence[str] = ()) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children), classes=list(classes))


def _header(*children: nodes.Node, scope: str, classes: Sequence[str] = ()) -> header_entry:
    """A header cell: of a column (``scope="col"``, the header row's) or of a row (``scope="row"``, its stub)."""
    return header_entry("", nodes.paragraph("", "", *children), scope=scope, classes=list(classes))


def _cell(protocol: Protocol, interface: Interface, exposure: Exposure | None, note_ref: str | None) -> nodes.entry:
    if exposure is None:
        return nodes.entry()
    # Visually hidden in HTML; removed for other builders (see transforms.py).
    spoken = _(" ({protocol} exposes {interface})").format(protocol=protocol.name, interface=interface.code)
    children: list[nodes.Node] = [exposure_mark(mark=MARK, spoken=spoken)]
    if note_ref is not None:
        number = note_ref.rsplit("-", 1)[1]
        children.append(nodes.superscript("", "", nodes.reference(number, number, refid=note_ref)))
    return _entry(*children, classes=["tapssec-exposed"])


def build_matrix(catalog: Catalog, spec: MatrixSpec) -> list[nodes.Node]:
    """The table, then its legend and its notes, wrapped in one container."""
    notes: list[tuple[str, Protocol, Exposure]] = []
    tgroup = nodes.tgroup(cols=len(spec.interfaces) + 1)
    # Widths in characters: what the text and man writers use; HTML and LaTeX lay out themselves.
    corner = _("Protocol")
    tgroup += nodes.colspec(colwidth=max([len(corner), *(len(p.name) for p in spec.protocols)]) + 2, stub=1)
    for interface in spec.interfaces:
        tgroup += nodes.colspec(colwidth=max(3, len(interface.code)) + 2)
    header = nodes.row()
    header += _header(nodes.Text(corner), scope="col")
    for interface in spec.interfaces:
        classes = [*column_classes(interface), *header_classes(spec.taps, interface)]
        header += _header(xref("interface", interface.code, interface.code), scope="col", classes=classes)
    tgroup += nodes.thead("", header)
    body = nodes.tbody()
    for protocol in spec.protocols:
        row = nodes.row(classes=row_classes(protocol))
        row += _header(xref("protocol", protocol.id, protocol.name), scope="row")
        for interface in spec.interfaces:
            exposure = protocol.exposure(interface.code)
            note_ref = None
            if exposure is not None and (exposure.note or exposure.references) and spec.notes:
                notes.append((f"{spec.id_prefix}-note-{len(notes) + 1}", protocol, exposure))
                note_ref = notes[-1][0]
            row += mark_cell(_cell(protocol, interface, exposure, note_ref), spec.taps, interface)
        body += row
    tgroup += body
    # After the survey's cells are complete: a proposal is added beside them, never instead.
    proposed = mark_proposed_cells(body, spec.protocols, spec.interfaces, spec.proposed, the_record(catalog))
    table = nodes.table("", classes=["tapssec-matrix"])
    if spec.caption:
        table += nodes.title(spec.caption, spec.caption)
    table += tgroup
    # LaTeX: a smaller font, and tabulary sizing the columns by their content, keep
    # fourteen columns inside the text width without wrapping the protocol names.
    result: list[nodes.Node] = [
        nodes.raw("", r"\begingroup\footnotesize", format="latex"),
        table,
        nodes.raw("", r"\endgroup", format="latex"),
        labels(catalog, spec.protocols, spec.interfaces),
    ]
    if spec.legend:
        result.append(_legend(spec.interfaces))
        if spec.taps is not None:
            result.append(matrix_legend(spec.taps, spec.interfaces))
        result += proposed_legend(spec.proposed, proposed, the_record(catalog))
    if notes:
        result.append(_notes(catalog, notes))
    return [nodes.container("", *result, classes=["tapssec-matrix-block"])]


def _legend(interfaces: Sequence[Interface]) -> nodes.paragraph:
    legend = nodes.paragraph("", "", classes=["tapssec-legend"])
    heading = _("Legend:")
    legend += nodes.strong(heading, heading)
    legend += nodes.Text(" " + _("{mark} = the interface is exposed; blank = not exposed.").format(mark=MARK) + " ")
    for index, interface in enumerate(interfaces):
        # A link like the column's header, its code still set as code.
        code = xref("interface", interface.code, interface.code)
        code[:] = [nodes.literal(interface.code, interface.code, classes=code[0]["classes"])]
        legend += code
        legend += nodes.Text(f" {interface.name}{'; ' if index < len(interfaces) - 1 else '.'}")
    return legend


def _notes(catalog: Catalog, notes: list[tuple[str, Protocol, Exposure]]) -> nodes.enumerated_list:
    result = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", classes=["tapssec-notes"])
    for note_id, protocol, exposure in notes:
        text: list[nodes.Node] = [nodes.Text(f"{protocol.name}, {exposure.code}: ")]
        if exposure.note:
            text += inline_text(exposure.note)
        if exposure.references:
            text += [nodes.Text(" "), *citations(exposure.references)]
        result += nodes.list_item("", nodes.paragraph("", "", *text), ids=[note_id])
    return result
