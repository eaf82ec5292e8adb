"""The survey's interfaces in the Transport Services API (RFC 9622): the mapping table, the
field on an interface's page, and the marks of the matrix's ``:taps:`` option.

All of it is standard docutils nodes, and every catalog string is a Text node (never markup),
so each builder renders it and nothing in the catalog can inject HTML or LaTeX.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Interface, TapsApi, TapsConstruct, TapsMapping
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES, safe_url
from sphinx_tapssec.sphinxext.render.common import joined, xref
from sphinx_tapssec.sphinxext.translations import N_, _

#: The coverage levels an application can reach the interface with, and their marks in the matrix.
MARKS = {"full": "\N{DAGGER}", "partial": "\N{DOUBLE DAGGER}"}
#: The words for each coverage level, in the table, the interface field and the legend.
COVERAGE_LABELS = {"full": N_("full"), "partial": N_("partial"), "none": N_("none")}


def coverage_words(coverage: str) -> str:
    """The word for a coverage level, in the page's language."""
    return _(COVERAGE_LABELS[coverage]) if coverage in COVERAGE_LABELS else coverage


def coverage_class(coverage: str) -> str:
    """``tapssec-taps-full``, ``tapssec-taps-partial`` or ``tapssec-taps-none``."""
    return f"tapssec-taps-{nodes.make_id(coverage)}"


#: What each kind of API construct is called (``taps-api.yaml``'s ``kind``).
CONSTRUCT_KINDS = {
    "selection-property": N_("selection property"),
    "connection-property": N_("connection property"),
    "security-parameter": N_("security parameter"),
    "callback": N_("callback"),
    "action": N_("action"),
    "event": N_("event"),
}


def _kind_words(kind: str) -> str:
    return _(CONSTRUCT_KINDS[kind]) if kind in CONSTRUCT_KINDS else kind.replace("-", " ")


def construct_nodes(construct: TapsConstruct) -> list[nodes.Node]:
    """``alpn`` (security parameter, §6.3.4): an identifier as code, other names as text."""
    name = construct.name
    label: nodes.Node = nodes.literal(name, name) if name.isidentifier() else nodes.Text(name)
    detail = f" ({_kind_words(construct.kind)}, \N{SECTION SIGN}{construct.section})"
    return [label, nodes.Text(detail)]


def constructs_inline(mapping: TapsMapping) -> list[nodes.Node]:
    """The constructs of *mapping* joined by ``;``, or "no counterpart"."""
    if not mapping.constructs:
        return [nodes.Text(_("no counterpart"))]
    return joined(map(construct_nodes, mapping.constructs), "; ")


def document_link(api: TapsApi, schemes: Sequence[str] = DEFAULT_SCHEMES) -> nodes.Node:
    """The API document's name, linked to its URL when the project allows the link."""
    if api.url and safe_url(api.url, schemes):
        return nodes.reference(api.document, api.document, refuri=api.url)
    return nodes.Text(api.document)


def checked_note(api: TapsApi, schemes: Sequence[str] = DEFAULT_SCHEMES) -> nodes.paragraph:
    """``Section numbers of RFC 9622, as read from draft-... .`` (where the numbers were checked)."""
    result = nodes.paragraph("", "", classes=["tapssec-taps-checked"])
    # "Section numbers of {document}, ...": the document is a link, so the sentence is cut around it.
    before, _document, after = _("Section numbers of {document}, as read from {source}.").partition("{document}")
    if not api.checked_against:
        before, _document, after = _("Section numbers of {document}, as read from the document itself.").partition(
            "{document}"
        )
    result += nodes.Text(before)
    result += document_link(api, schemes)
    source = " ".join((api.checked_against or "").split()).rstrip(".")
    result += nodes.Text(after.format(source=source))
    return result


def _entry(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _constructs_entry(mapping: TapsMapping) -> nodes.entry:
    """One paragraph per construct, so long lists wrap between constructs."""
    if not mapping.constructs:
        return _entry(nodes.Text("\N{EM DASH}"))
    return nodes.entry("", *(nodes.paragraph("", "", *construct_nodes(c)) for c in mapping.constructs))


def _row(interface: Interface, mapping: TapsMapping, notes: bool) -> nodes.row:
    row = nodes.row(classes=[coverage_class(mapping.coverage), f"tapssec-interface-{nodes.make_id(interface.code)}"])
    row += _entry(xref("interface", interface.code, interface.code))
    row += _entry(nodes.Text(interface.name))
    row += _constructs_entry(mapping)
    row += _entry(nodes.Text(coverage_words(mapping.coverage)))
    if notes:
        row += _entry(nodes.Text(" ".join((mapping.note or "").split())))
    return row


def mapping_table(
    api: TapsApi, rows: Sequence[tuple[Interface, TapsMapping]], caption: str | None, *, notes: bool = False
) -> nodes.table:
    """A row per interface: code (a link), name, the API's constructs, coverage (and the note)."""
    headers = [_("Interface"), _("Name"), _("{document} constructs").format(document=api.document), _("Coverage")]
    # Widths in characters: what the text and man writers use; HTML and LaTeX lay out themselves.
    widths = [9, 24, 36, 9]
    if notes:
        headers.append(_("Note"))
        widths.append(40)
    tgroup = nodes.tgroup(cols=len(headers))
    for width in widths:
        tgroup += nodes.colspec(colwidth=width)
    tgroup += nodes.thead("", nodes.row("", *(_entry(nodes.Text(text)) for text in headers)))
    tgroup += nodes.tbody("", *(_row(interface, mapping, notes) for interface, mapping in rows))
    table = nodes.table("", classes=["tapssec-taps-mapping"])
    if caption:
        table += nodes.title(caption, caption)
    table += tgroup
    return table


def interface_field(api: TapsApi, interface: Interface) -> tuple[str, list[nodes.Node]] | None:
    """The ``Transport Services API`` field of an interface's page, or ``None`` when it has no mapping."""
    mapping = api.mapping(interface.key)
    if mapping is None:
        return None
    coverage = coverage_words(mapping.coverage)
    line = nodes.paragraph("", "", classes=["tapssec-taps", coverage_class(mapping.coverage)])
    line += nodes.Text(f"{api.document}: ")
    line += constructs_inline(mapping)
    line += nodes.Text(" \N{EM DASH} " + _("coverage: {coverage}").format(coverage=coverage))
    body: list[nodes.Node] = [line]
    if mapping.note:
        note = " ".join(mapping.note.split())
        body.append(nodes.paragraph(note, note, classes=["tapssec-taps-note"]))
    return _("Transport Services API"), body


def reachable(api: TapsApi | None, interface: Interface) -> str | None:
    """The coverage of *interface* when an application can reach it through the API, else ``None``."""
    mapping = api.mapping(interface.key) if api is not None else None
    return mapping.coverage if mapping is not None and mapping.coverage in MARKS else None


def header_classes(api: TapsApi | None, interface: Interface) -> list[str]:
    """Classes of the matrix header cell of *interface* under ``:taps:`` (none without it)."""
    coverage = reachable(api, interface)
    return [coverage_class(coverage)] if coverage else []


def mark_cell(cell: nodes.entry, api: TapsApi | None, interface: Interface) -> nodes.entry:
    """*cell* with the API's mark added when it is exposed and the API reaches its interface."""
    coverage = reachable(api, interface)
    if coverage is None or api is None or "tapssec-exposed" not in cell["classes"]:
        return cell
    cell["classes"].append(coverage_class(coverage))
    paragraph = cell[0]
    mark = MARKS[coverage]
    templates = {
        "full": _(" (reachable through {api}, full coverage)"),
        "partial": _(" (reachable through {api}, partial coverage)"),
    }
    spoken = templates[coverage].format(api=api.document)
    paragraph += nodes.superscript(mark, mark, classes=["tapssec-taps-mark"])
    # Visually hidden in HTML; removed for other builders (see transforms.py).
    paragraph += nodes.inline(spoken, spoken, classes=["tapssec-a11y"])
    return cell


def matrix_legend(api: TapsApi, interfaces: Sequence[Interface]) -> nodes.paragraph:
    """The legend line of the ``:taps:`` marks, naming the interfaces of each level."""
    parts = []
    templates = {
        "full": _("{mark} = an application can use the interface fully through {api} ({codes})"),
        "partial": _("{mark} = an application can use the interface partly through {api} ({codes})"),
    }
    for coverage, template in templates.items():
        codes = ", ".join(i.code for i in interfaces if reachable(api, i) == coverage) or _("none shown")
        parts.append(template.format(mark=MARKS[coverage], api=api.document, codes=codes))
    text = "; ".join(parts) + ". " + _("An exposed cell without a mark: the API offers nothing for that interface.")
    legend = nodes.paragraph("", "", classes=["tapssec-legend", "tapssec-taps-legend"])
    heading = _("Transport Services API:")
    legend += nodes.strong(heading, heading)
    legend += nodes.Text(" " + text)
    return legend
