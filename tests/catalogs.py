"""A small valid catalog as text, and helpers to write it (or broken variants of it) to disk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_tapssec.model.loader import LoadResult, load_catalog

if TYPE_CHECKING:
    from sphinx_tapssec.model.entities import Catalog, Protocol

#: The schema comment every real catalog file starts with, so records start on line 2.
HEADER = "# yaml-language-server: $schema=../schema/tapssec-catalog.schema.json\n"

BASE_FILES: dict[str, str] = {
    "categories.yaml": """\
categories:
  - id: stream
    name: Stream Protocols
    section: "1"
    description: Protocols that protect a byte stream.
  - id: packet
    name: Packet Protocols
    section: "2"
    description: Protocols that protect whole packets.
""",
    "phases.yaml": """\
phases:
  - id: pre-connection
    name: Pre-Connection
    section: "3.1"
    description: Set up before a connection.
  - id: post-connection
    name: Post-Connection
    section: "3.2"
    description: Used after a connection is up.
""",
    "transports.yaml": """\
transports:
  - id: byte-stream
    name: Reliable Byte-Stream Transports
    section: "4.1"
    description: A reliable, ordered stream of bytes.
  - id: datagram
    name: Unreliable Datagram Transports
    section: "4.2"
    description: Framed messages without reliability.
""",
    "interfaces.yaml": """\
interfaces:
  - code: IPK
    name: Identities and Private Keys
    phase: pre-connection
    section: "3.1"
    definition: The application hands over its identity and keys.
  - code: ALG
    name: Supported Algorithms
    phase: pre-connection
    section: "3.1"
    definition: The application picks the algorithms.
  - code: KU
    name: Key Update
    phase: post-connection
    section: "3.2"
    definition: Keys can be refreshed.
""",
    "references.yaml": """\
references:
  - id: RFC0001
    kind: rfc
    title: An Example Protocol
    rfc: 1
    url: https://www.rfc-editor.org/info/rfc1
  - id: PAPER
    kind: paper
    title: A Paper
""",
}

#: A ``survey.yaml``: with it, a catalog is a survey catalog and the renderings speak of "the survey".
SURVEY = """\
survey:
  id: draft-x-00
  title: A Survey
  date: "2020-04-23"
  status: Internet-Draft
  authors:
    - name: A. Author
  abstract: About.
"""

#: The fields of a protocol file, in order, as YAML text (a value may span lines).
PROTOCOL_FIELDS: dict[str, str] = {
    "id": "alpha",
    "name": "Alpha",
    "full_name": "Alpha Stream Security",
    "section": '"1.1"',
    "category": "stream",
    "in_table": "true",
    "summary": "A stream protocol.",
    "description": "Alpha protects streams [RFC0001].",
    "structure": "\n  kind: integrated",
    "transport": "\n  requires: [byte-stream]",
    "exposes": "\n  - IPK\n  - code: KU\n    note: version 2 only\n    references: [PAPER]",
    "references": "[RFC0001]",
}


def protocol_text(header: bool = True, **fields: str | None) -> str:
    """A protocol file: :data:`PROTOCOL_FIELDS` with *fields* replaced or added (``None`` removes one)."""
    lines = []
    for key, value in {**PROTOCOL_FIELDS, **fields}.items():
        if value is not None:
            lines.append(f"{key}:{value}" if value.startswith("\n") else f"{key}: {value}")
    return (HEADER if header else "") + "\n".join(lines) + "\n"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the *occurrence*-th line of *text* that contains *needle*."""
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} occurs {len(found)} times"
    return found[occurrence - 1]


def write_catalog(directory: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the base catalog plus protocol ``alpha`` into *directory*, then *files* over it.

    A ``None`` value deletes a base file; bytes are written as they are.
    """
    contents: dict[str, str | bytes | None] = {**BASE_FILES, "protocols/alpha.yaml": protocol_text()}
    contents.update(files or {})
    for name, content in contents.items():
        path = directory / name
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return directory


def load(*directories: Path) -> LoadResult:
    """Load *directories* as one catalog."""
    return load_catalog(list(directories))


def problem_keys(result: LoadResult) -> list[tuple[str, int, str]]:
    """``(file name relative to its catalog, line, subtype)`` of each problem, for exact comparison."""
    keys = []
    for problem in result.problems:
        path = Path(problem.path)
        relative = f"{path.parent.name}/{path.name}" if path.parent.name == "protocols" else path.name
        keys.append((relative, problem.line, problem.subtype.value))
    return keys


def load_protocol(directory: Path, text: str, name: str = "alpha") -> LoadResult:
    """Load the base catalog, written to *directory*, with *text* as the file of protocol *name*."""
    return load(write_catalog(directory, {f"protocols/{name}.yaml": text}))


def problem_kinds(result: LoadResult) -> list[tuple[str, str]]:
    """``(file name, subtype)`` of each problem: :func:`problem_keys` without the lines."""
    return [(name, subtype) for name, _, subtype in problem_keys(result)]


def protocol_of(catalog: Catalog, protocol_id: str) -> Protocol:
    """The protocol *protocol_id* of *catalog*; fails if the catalog does not hold it."""
    protocol = catalog.protocol(protocol_id)
    assert protocol is not None, f"no protocol {protocol_id!r}"
    return protocol
