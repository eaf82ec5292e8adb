"""Later developments ("since the survey"): the block on a protocol's page, the dated list, and
the proposed changes an ``interface-matrix`` with ``:proposed:`` shows.

None of it is the survey's content, so every rendering says so, and nothing here changes a
cell: a proposal is shown next to the survey's mark (or its absence), never instead of it.
All of it is standard docutils nodes and every catalog string is a Text node, so each builder
renders it and nothing in the catalog can inject markup; a link is made only from a safe URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes

from sphinx_tapssec.model.entities import Catalog, Development, DevelopmentSource, Interface, Proposal, Protocol
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES, safe_url
from sphinx_tapssec.sphinxext.render.common import joined, paragraphs, xref
from sphinx_tapssec.sphinxext.render.wording import surveyed
from sphinx_tapssec.sphinxext.translations import N_, _

#: The heading of the block on a protocol's page (these words are translated where they are used).
BLOCK_TITLE = N_("Since the survey (not part of it)")
#: The sentence under it, saying what the block is.
BLOCK_INTRO = N_(
    "Later developments, each with its source. They are not part of the survey, "
    "and the survey's table does not show them."
)
#: The same two for a catalog that declares no surveyed document.
OWN_BLOCK_TITLE = N_("Later developments")
OWN_BLOCK_INTRO = N_("Later developments, each with its source.")
#: The marks of the matrix's ``:proposed:`` option, by change.
MARKS = {"expose": "+", "withdraw": "-"}
#: What a proposal says, by change.
CHANGE_WORDS = {"expose": N_("would be marked"), "withdraw": N_("would lose its mark")}

#: Proposals for one cell, with the development each comes from.
CellProposals = list[tuple[Development, Proposal]]


def sorted_developments(developments: Iterable[Development]) -> list[Development]:
    """By date, then in catalog order (the sort is stable)."""
    return sorted(developments, key=lambda development: development.date)


def source_nodes(source: DevelopmentSource, schemes: Sequence[str]) -> list[nodes.Node]:
    """A source's label, linked when its URL is safe; an unsafe URL is shown as text after it."""
    if source.url and safe_url(source.url, schemes):
        return [nodes.reference(source.label, source.label, refuri=source.url)]
    if source.url:
        return [nodes.Text(f"{source.label} <{source.url}>")]
    return [nodes.Text(source.label)]


def _sources(development: Development, schemes: Sequence[str]) -> nodes.paragraph:
    result = nodes.paragraph("", "", classes=["tapssec-development-sources"])
    label = _("Sources: ") if len(development.sources) > 1 else _("Source: ")
    result += nodes.Text(label)
    result.extend(joined((source_nodes(source, schemes) for source in development.sources), "; "))
    return result


def _source_citation(development: Development) -> str:
    return "; ".join(source.label for source in development.sources) or development.title


def proposal_paragraph(catalog: Catalog, development: Development, proposal: Proposal) -> nodes.paragraph:
    """``Proposed, not applied: the KE cell would be marked (RFC 9001). Why.``"""
    interface = catalog.interface_by_key(proposal.interface)
    code = interface.code if interface is not None else proposal.interface
    result = nodes.paragraph("", "", classes=["tapssec-proposal", f"tapssec-proposed-{proposal.change}"])
    heading = _("Proposed, not applied:")
    result += nodes.strong(heading, heading)
    # "the {code} cell ...": the code is a link, so the sentence is cut around it.
    before, _code, after = _("the {code} cell {words} ({sources}).").partition("{code}")
    words = _(CHANGE_WORDS[proposal.change]) if proposal.change in CHANGE_WORDS else proposal.change
    result += nodes.Text(" " + before)
    result += xref("interface", code, code)
    result += nodes.Text(after.format(words=words, sources=_source_citation(development)))
    if proposal.note:
        note = " ".join(proposal.note.split())
        result += nodes.Text(f" {note}")
    return result


def development_item(
    catalog: Catalog, development: Development, schemes: Sequence[str], *, with_protocol: bool
) -> list[nodes.Node]:
    """One development: the date and title, the note, its sources, and its proposals."""
    head = nodes.paragraph("", "", classes=["tapssec-development-title"])
    head += nodes.inline(development.date, development.date, classes=["tapssec-development-date"])
    head += nodes.Text(" \N{EM DASH} ")
    if with_protocol:
        head += xref("protocol", development.protocol)
        head += nodes.Text(": ")
    head += nodes.strong(development.title, development.title)
    body: list[nodes.Node] = [head, *paragraphs(development.note)]
    if development.sources:
        body.append(_sources(development, schemes))
    body += [proposal_paragraph(catalog, development, p) for p in development.proposals]
    return body


def development_list(
    catalog: Catalog, developments: Iterable[Development], schemes: Sequence[str], *, with_protocol: bool
) -> nodes.bullet_list:
    """The developments by date, one list item each."""
    result = nodes.bullet_list(classes=["tapssec-development-list"])
    for development in sorted_developments(developments):
        item = nodes.list_item("", classes=["tapssec-development"], ids=[])
        item.extend(development_item(catalog, development, schemes, with_protocol=with_protocol))
        result += item
    return result


def protocol_block(
    catalog: Catalog, developments: Sequence[Development], schemes: Sequence[str] = DEFAULT_SCHEMES
) -> list[nodes.Node]:
    """The labelled block after a protocol's survey content (nothing when it has no developments)."""
    if not developments:
        return []
    english = (BLOCK_TITLE, BLOCK_INTRO) if surveyed(catalog) else (OWN_BLOCK_TITLE, OWN_BLOCK_INTRO)
    title, intro = (_(text) for text in english)
    block = nodes.container("", classes=["tapssec-developments"])
    block += nodes.rubric(title, title)
    block += nodes.paragraph(intro, intro, classes=["tapssec-developments-intro"])
    block += development_list(catalog, developments, schemes, with_protocol=False)
    return [block]


# --- the matrix's ``:proposed:`` option ----------------------------------------------------------


def cell_proposals(developments: Iterable[Development]) -> dict[tuple[str, str], CellProposals]:
    """The proposals by ``(protocol id, interface key)``, in date order."""
    result: dict[tuple[str, str], CellProposals] = {}
    for development in sorted_developments(developments):
        for proposal in development.proposals:
            result.setdefault((development.protocol, proposal.interface), []).append((development, proposal))
    return result


def mark_proposed(
    cell: nodes.entry, protocol: Protocol, interface: Interface, proposals: CellProposals | None, record: str
) -> nodes.entry:
    """*cell* with the proposed change marked beside what the survey says (which stays as it is).

    A change that agrees with the survey (``expose`` on an exposed cell) is not a change and
    is not marked.
    """
    exposed = "tapssec-exposed" in cell["classes"]
    wanted = "withdraw" if exposed else "expose"
    relevant = [(d, p) for d, p in proposals or () if p.change == wanted]
    if not relevant:
        return cell
    if not cell.children:
        cell += nodes.paragraph()
    paragraph = cell[0]
    mark = MARKS[wanted]
    sources = "; ".join(_source_citation(development) for development, _proposal in relevant)
    spoken = _(" (proposed, not part of {record}: {protocol} {words} for {interface}, {sources})").format(
        record=record, protocol=protocol.name, words=_(CHANGE_WORDS[wanted]), interface=interface.code, sources=sources
    )
    paragraph += nodes.superscript(mark, mark, classes=["tapssec-proposed-mark"])
    # Visually hidden in HTML; removed for other builders (see transforms.py).
    paragraph += nodes.inline(spoken, spoken, classes=["tapssec-a11y"])
    cell["classes"].append(f"tapssec-proposed-{wanted}")
    return cell


def mark_proposed_cells(
    body: nodes.tbody,
    protocols: Sequence[Protocol],
    interfaces: Sequence[Interface],
    developments: Iterable[Development] | None,
    record: str,
) -> int:
    """Mark the proposals of *developments* in a matrix body whose rows are *protocols* and whose
    columns (after the stub) are *interfaces*; returns how many cells got a mark (none without
    *developments*)."""
    if not developments:
        return 0
    changes = cell_proposals(developments)
    marked = 0
    for row, protocol in zip(body.children, protocols, strict=True):
        for cell, interface in zip(row.children[1:], interfaces, strict=True):
            assert isinstance(cell, nodes.entry)
            before = len(cell["classes"])
            mark_proposed(cell, protocol, interface, changes.get((protocol.id, interface.key)), record)
            marked += len(cell["classes"]) > before
    return marked


def proposed_legend(developments: Sequence[Development] | None, marked: int, record: str) -> list[nodes.Node]:
    """The legend line of the ``:proposed:`` marks (none without the option, *developments* ``None``);
    *marked* is how many cells of the table carry one."""
    if developments is None:
        return []
    legend = nodes.paragraph("", "", classes=["tapssec-legend", "tapssec-proposed-legend"])
    heading = _("Proposed changes:")
    legend += nodes.strong(heading, heading)
    cells = _("1 cell of this table") if marked == 1 else _("{count} cells of this table").format(count=marked)
    text = _(
        "{expose} in an empty cell = a later standard suggests the cell would be marked today; "
        "{withdraw} beside a mark = one suggests the cell would lose its mark. "
        "These are proposals, not part of {record}, whose own marks are unchanged ({cells})."
    )
    legend += nodes.Text(
        " " + text.format(expose=MARKS["expose"], withdraw=MARKS["withdraw"], record=record, cells=cells)
    )
    return [legend]
