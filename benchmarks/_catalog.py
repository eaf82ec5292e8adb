"""Write a :class:`~benchmarks._data.SynthCatalog` as catalog YAML, in the real catalog's format."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from benchmarks._data import CATEGORIES, PHASE_SECTIONS, PHASES, TRANSPORTS, Cited, SynthCatalog, SynthProtocol

if TYPE_CHECKING:
    from pathlib import Path

_HEADER = "# yaml-language-server: $schema={}schema/tapssec-catalog.schema.json\n"


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value)


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _block(key: str, text: str, indent: int) -> list[str]:
    """``key: |`` and *text* wrapped, paragraphs separated by blank lines."""
    pad = " " * (indent + 2)
    lines = [f"{' ' * indent}{key}: |"]
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            lines.append("")
        lines += textwrap.wrap(paragraph, 88, initial_indent=pad, subsequent_indent=pad)
    return lines


def _cited(key: str, cited: Cited, indent: int, kind: str | None = None) -> list[str]:
    pad = " " * (indent + 2)
    lines = [f"{' ' * indent}{key}:"]
    if kind:
        lines.append(f"{pad}kind: {kind}")
    if cited.note:
        lines.append(f"{pad}note: {_q(cited.note)}")
    if cited.references:
        lines.append(f"{pad}references: {_list(cited.references)}")
    return lines


def protocol_yaml(protocol: SynthProtocol) -> str:
    """One ``protocols/<id>.yaml`` file."""
    p = protocol
    lines = [
        f"id: {p.id}",
        f"name: {_q(p.name)}",
        f"full_name: {_q(p.full_name)}",
        f"section: {_q(p.section)}",
        f"category: {p.category}",
        f"in_table: {'true' if p.in_table else 'false'}",
        f"summary: {_q(p.summary)}",
        *_block("description", p.description, 0),
        "structure:",
        f"  kind: {p.structure}",
    ]
    for key, text in (("handshake", p.handshake), ("record", p.record)):
        if text:
            lines += _block(key, text, 2)
    lines += ["transport:", f"  requires: {_list(p.requires)}"]
    if p.group:
        lines.append(f"  group: {p.group}")
    if p.mapping:
        lines += _cited("byte_stream_mapping", p.mapping, 2)
    if p.specific:
        lines += _cited("specific", p.specific[1], 2, kind=p.specific[0])
    if p.transport_note:
        lines += _block("note", p.transport_note, 2)
    lines.append("exposes:" if p.exposes else "exposes: []")
    for code, qualifier in p.exposes:
        if qualifier is None:
            lines.append(f"  - {code}")
        else:
            lines += [f"  - code: {code}", *_cited("x", qualifier, 2)[1:]]
    lines.append(f"references: {_list(p.references)}")
    return _HEADER.format("../") + "\n".join(lines) + "\n"


def _groups(key: str, rows: tuple[tuple[str, str, str], ...], about: str) -> str:
    lines = [f"{key}:"]
    for group_id, name, section in rows:
        lines += [f"  - id: {group_id}", f"    name: {_q(name)}", f"    section: {_q(section)}"]
        lines += _block("description", f"The {about} {name.lower()}, as the synthetic survey groups them.", 4)
    return _HEADER.format("") + "\n".join(lines) + "\n"


def _interfaces(catalog: SynthCatalog) -> str:
    lines = ["interfaces:"]
    for interface in catalog.interfaces:
        lines += [
            f"  - code: {interface.code}",
            f"    name: {_q(interface.name)}",
            f"    phase: {interface.phase}",
            f"    section: {_q(PHASE_SECTIONS[interface.phase])}",
            *_block("definition", interface.definition, 4),
        ]
        if interface.references:
            lines.append(f"    references: {_list(interface.references)}")
    return _HEADER.format("") + "\n".join(lines) + "\n"


def _references(catalog: SynthCatalog) -> str:
    lines = ["references:"]
    for ref in catalog.references:
        lines += [
            f"  - id: {_q(ref.id)}",
            f"    kind: {ref.kind}",
            f"    title: {_q(ref.title)}",
            f"    authors: {_list(ref.authors)}",
            f"    date: {_q(ref.date)}",
        ]
        if ref.rfc is not None:
            lines.append(f"    rfc: {ref.rfc}")
        if ref.draft:
            lines += [f"    draft: {ref.draft}", f"    version: {_q(ref.version or '00')}"]
        lines.append(f"    url: {_q(ref.url)}")
    return _HEADER.format("") + "\n".join(lines) + "\n"


_SURVEY = """survey:
  id: draft-synthetic-survey-00
  title: "A Synthetic Survey of {n} Security Protocols"
  date: "2026-01-01"
  status: Benchmark fixture
  authors:
    - name: Generated
  abstract: |
    A synthetic catalog of {n} protocols (seed {seed}), written to measure sphinx-tapssec at scale.
"""


def write_catalog(catalog: SynthCatalog, directory: Path) -> None:
    """The catalog files under *directory* (``protocols/`` holds one file per protocol)."""
    (directory / "protocols").mkdir(parents=True, exist_ok=True)
    files = {
        "survey.yaml": _HEADER.format("") + _SURVEY.format(n=len(catalog.protocols), seed=catalog.seed),
        "categories.yaml": _groups("categories", CATEGORIES, "protocols of the"),
        "phases.yaml": _groups("phases", PHASES, "interfaces of the"),
        "transports.yaml": _groups("transports", TRANSPORTS, "protocols needing"),
        "interfaces.yaml": _interfaces(catalog),
        "references.yaml": _references(catalog),
    }
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    for protocol in catalog.protocols:
        (directory / "protocols" / f"{protocol.id}.yaml").write_text(protocol_yaml(protocol), encoding="utf-8")
