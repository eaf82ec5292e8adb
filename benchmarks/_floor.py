"""The floor: the extension project's content written out as plain reStructuredText.

Sections, labels, field lists, rubrics, bullet lists and ``list-table`` s, linked with
``:ref:``, and no extension: what Sphinx itself costs to render the same pages. Screen-reader
text and row/column classes of the matrix are left out, so the floor is, if anything, cheaper
than the extension's output.
"""

from __future__ import annotations

from collections.abc import Iterable

from benchmarks._data import CATEGORIES, INTERFACES, PHASE_SECTIONS, PHASES, TRANSPORTS
from benchmarks._layout import Layout, title
from sphinx_tapssec.model.entities import CITATION, Catalog, Dependency, Exposure, Protocol, Reference
from sphinx_tapssec.model.export import MARK

_STRUCTURE = {
    "integrated": "Handshake and record protocol are integrated.",
    "separate": "Handshake and record protocol are separate protocols.",
    "record-only": "Record protocol only; the handshake comes from another protocol.",
    "handshake-only": "Handshake (key agreement) only; the record protocol is another protocol.",
}
_SPECIFIC = {
    "transport-feature": "depends on a feature of its transport",
    "own-transport": "provides its own transport functionality",
}
_NO_EXPOSES = {
    True: "The survey's summary table lists no interfaces for this protocol.",
    False: "Not part of the survey's summary table.",
}
_NAMES = {key: name for key, name, _ in (*CATEGORIES, *PHASES, *TRANSPORTS)}
_INTERFACE_NAMES = {code: name for code, name, _ in INTERFACES}


def _ref(kind: str, key: str, text: str) -> str:
    return f":ref:`{text} <{kind}-{key.lower()}>`"


def _cite(reference_id: str) -> str:
    return _ref("ref", reference_id, f"[{reference_id}]")


def _text(text: str) -> str:
    """Plain catalog text as reST: one line per paragraph, ``[ID]`` as a link."""
    return CITATION.sub(lambda m: _cite(m.group(1)), " ".join(text.split()))


def _paragraphs(text: str) -> str:
    return "".join(f"\n{_text(block)}\n" for block in text.split("\n\n"))


def _bullets(items: Iterable[str], indent: str = "") -> str:
    return "\n" + "".join(f"{indent}* {item}\n" for item in items)


def _qualifier(cited: Exposure) -> str:
    """`` (note [refs])``, or nothing for an exposure without a qualifier."""
    if not (cited.note or cited.references):
        return ""
    inner = [_text(cited.note)] if cited.note else []
    inner += [_cite(r) for r in cited.references]
    return f" ({' '.join(inner)})"


def _dependency(label: str, cited: Dependency) -> str:
    """``label: note [refs]``, or `` note [refs]`` without a label."""
    text = label + (f"{': ' if label else ' '}{_text(cited.note)}" if cited.note else "")
    return text + "".join(f" {_cite(r)}" for r in cited.references)


def _transport_items(p: Protocol) -> list[str]:
    needs = p.transport
    items = [
        "Listed under: " + ", ".join(_ref("tr", t, _NAMES[t]) for t in needs.requires)
        if needs.requires
        else "Listed under no transport class in Section 4."
    ]
    if needs.byte_stream_mapping:
        items.append(_dependency("Defined byte-stream mapping", needs.byte_stream_mapping))
    if needs.specific:
        label = _SPECIFIC[needs.specific.kind or ""]
        items.append(_dependency(label[0].upper() + label[1:], needs.specific))
    if needs.note:
        items.append(_text(needs.note))
    return items


def protocol_rst(p: Protocol) -> str:
    """What ``.. secproto::`` renders, as a section of plain reST."""
    sides = (("Handshake", p.structure.handshake), ("Record", p.structure.record))
    structure = [_STRUCTURE[p.structure.kind], *(f"**{side}:** {_text(text)}" for side, text in sides if text)]
    exposes = [f"{_ref('iface', e.code, e.code)} ({_INTERFACE_NAMES[e.code]}){_qualifier(e)}" for e in p.exposes]
    in_table = "yes" if p.in_table else "no (described in Section 3 only)"
    return (
        f"\n.. _proto-{p.id}:\n\n{title(p.name, '-')}\n**{p.name}** — {p.full_name}\n\n*{p.summary}*\n"
        + _paragraphs(p.description)
        + f"\n:Category: {_ref('cat', p.category, _NAMES[p.category])}\n:Survey section: {p.section}\n"
        + f":In the summary table: {in_table}\n"
        + "\n.. rubric:: Handshake and record\n"
        + _bullets(structure)
        + "\n.. rubric:: Transport dependencies\n"
        + _bullets(_transport_items(p))
        + "\n.. rubric:: Interfaces exposed\n"
        + (_bullets(exposes) if exposes else f"\n{_NO_EXPOSES[p.in_table]}\n")
        + f"\n**References:** {' '.join(_cite(r) for r in p.references)}\n"
    )


def _group(kind: str, key: str, description: str, members: list[str]) -> str:
    return f"\n.. _{kind}-{key}:\n\n**{_NAMES[key]}**\n\n{_text(description)}\n" + _bullets(members)


def matrix_rst(protocols: list[Protocol], codes: list[str], caption: str) -> str:
    """A ``list-table`` with the extension matrix's rows, columns, legend and notes."""
    # The extension's column widths, so the text builder wraps both tables alike (the text test compares them).
    widths = [max(len("Protocol"), *(len(p.name) for p in protocols)) + 2, *(max(3, len(code)) + 2 for code in codes)]
    lines = [f".. list-table:: {caption}", "   :header-rows: 1", "   :stub-columns: 1"]
    lines += [f"   :widths: {' '.join(map(str, widths))}", ""]
    lines += ["   * - Protocol", *(f"     - {_ref('iface', code, code)}" for code in codes)]
    notes: list[str] = []
    for p in protocols:
        lines.append(f"   * - {_ref('proto', p.id, p.name)}")
        for code in codes:
            qualifier = p.exposure(code)
            if qualifier is None:
                lines.append("     -")
                continue
            if not _qualifier(qualifier):
                lines.append(f"     - {MARK}")
                continue
            notes.append(f"{p.name}, {code}:{_qualifier(qualifier)}")
            lines.append(f"     - {MARK}\\ :sup:`{len(notes)}`")
    legend = "; ".join(f"``{code}`` {_INTERFACE_NAMES[code]}" for code in codes)
    legend = f"**Legend:** {MARK} = the interface is exposed; blank = not exposed. {legend}."
    text = "\n" + "\n".join(lines) + f"\n\n{legend}\n"
    return text + ("\n" + "".join(f"#. {note}\n" for note in notes) if notes else "")


def _reference(ref: Reference) -> str:
    authors = ref.authors[0] if len(ref.authors) == 1 else ", ".join(ref.authors[:-1]) + ", and " + ref.authors[-1]
    details = ["Work in Progress", "Internet-Draft", f"{ref.draft}-{ref.version}"] if ref.draft else []
    details += [f"RFC {ref.rfc}"] if ref.rfc is not None else []
    text = f"{authors}, \u201c{ref.title}\u201d" + "".join(f", {d}" for d in [*details, ref.date])
    return f"\n.. _ref-{ref.id.lower()}:\n\n**[{ref.id}]** {text}, <{ref.url}>.\n"


def _transport_page(catalog: Catalog) -> str:
    protocols = catalog.protocols
    text = title("Transport dependencies")
    for transport_id, name, _ in TRANSPORTS:
        text += f"\n.. _tr-{transport_id}:\n\n{title(name, '-')}\n**{name}**\n\n"
        text += f"The protocols needing {name.lower()}, as the synthetic survey groups them.\n"
        if transport_id in ("byte-stream", "datagram"):
            text += _by_group(
                [(p, _ref("proto", p.id, p.name)) for p in protocols if transport_id in p.transport.requires]
            )
        elif transport_id == "byte-stream-mapping":
            text += _by_group(
                [
                    (p, _ref("proto", p.id, p.name) + _dependency("", p.transport.byte_stream_mapping))
                    for p in protocols
                    if p.transport.byte_stream_mapping
                ]
            )
        else:
            items = [
                _ref("proto", p.id, p.name)
                + " "
                + _dependency(_SPECIFIC[p.transport.specific.kind or ""], p.transport.specific)
                for p in protocols
                if p.transport.specific
            ]
            text += _bullets(items) if items else ""
    return text


def _by_group(entries: list[tuple[Protocol, str]]) -> str:
    text = ""
    for category_id, name, _ in CATEGORIES:
        items = [item for p, item in entries if p.section4_group == category_id]
        if items:
            text += f"\n{_ref('cat', category_id, name)}:\n" + _bullets(items)
    return text


def floor_pages(catalog: Catalog, layout: Layout) -> dict[str, str]:
    """The floor project's documents, by docname (the same docnames as the extension project)."""
    protocols = list(catalog.protocols)
    codes = [code for code, _, _ in INTERFACES]
    about = "protocols of the"
    pages = {"index": layout.index()}
    pages["protocols/index"] = (
        title("Protocols")
        + "".join(
            _group(
                "cat",
                c,
                f"The {about} {n.lower()}, as the synthetic survey groups them.",
                [f"{_ref('proto', p.id, p.name)} ({p.full_name})" for p in protocols if p.category == c],
            )
            for c, n, _ in CATEGORIES
        )
        + "\n"
        + layout.toctree([layout.page_name(n).split("/")[1] for n in range(len(layout.pages))])
    )
    for number, page in enumerate(layout.pages):
        pages[layout.page_name(number)] = title(layout.page_title(number)) + "".join(map(protocol_rst, page))
    pages["interfaces/index"] = (
        title("Interfaces")
        + "".join(
            _group(
                "phase",
                ph,
                f"The interfaces of the {n.lower()}, as the synthetic survey groups them.",
                [f"{_ref('iface', i.code, i.code)} ({i.name})" for i in catalog.interfaces if i.phase == ph],
            )
            for ph, n, _ in PHASES
        )
        + "\n"
        + layout.toctree([code.lower() for code in codes])
    )
    for interface in catalog.interfaces:
        exposers = [
            f"{_ref('proto', p.id, p.name)}{_qualifier(exposure)}"
            for p in protocols
            if (exposure := p.exposure(interface.code)) is not None
        ]
        pages[f"interfaces/{interface.code.lower()}"] = (
            f".. _iface-{interface.code.lower()}:\n\n"
            + title(f"{interface.code}: {interface.name}")
            + f"\n**{interface.code}** — {interface.name}\n\n"
            + f":Phase: {_ref('phase', interface.phase, _NAMES[interface.phase])}\n"
            + f":Survey section: {PHASE_SECTIONS[interface.phase]}\n"
            + _paragraphs(interface.definition)
            + (f"\n**References:** {' '.join(map(_cite, interface.references))}\n" if interface.references else "")
            + "\n.. rubric:: Exposed by\n"
            + _bullets(exposers)
        )
    in_table = [p for p in protocols if p.in_table]
    pages["matrix"] = title("Summary matrix") + matrix_rst(in_table, codes, "Interfaces exposed by each protocol")
    pages["matrices/index"] = (
        title("Filtered matrices") + "\n" + layout.toctree([name.split("/")[1] for name in layout.matrix_pages()])
    )
    for category_id, category_name, _ in CATEGORIES:
        chosen = [p for p in protocols if p.category == category_id]
        pages[f"matrices/{category_id}"] = title(category_name) + matrix_rst(chosen, codes, category_name)
    for phase_id, phase_name, _ in PHASES:
        columns = [code for code, _, phase in INTERFACES if phase == phase_id]
        pages[f"matrices/{phase_id}"] = title(phase_name) + matrix_rst(in_table, columns, phase_name)
    pages["transport"] = _transport_page(catalog)
    pages["references"] = title("References") + "".join(map(_reference, catalog.references))
    return pages
