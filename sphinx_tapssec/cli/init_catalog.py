"""The starter catalog ``tapssec init DIR`` writes: small, valid, and commented (no Sphinx here).

Nothing in it is the survey's: its categories, phases, transport classes, interfaces and
protocol are placeholders to rename. Each file says what its records are for.
"""

from __future__ import annotations

from sphinx_tapssec.model.schema import schema_text

#: Where the JSON Schema goes, relative to the catalog directory (as in the bundled catalog).
SCHEMA_FILE = "schema/tapssec-catalog.schema.json"

#: File name (relative to the catalog directory) and text of each starter file, in writing order.
FILES: dict[str, str] = {
    "categories.yaml": """\
# Categories group the protocols (the rows of the interface matrix).
# "section" is a number in the document your catalog describes; use "1" if it has none.
categories:
  - id: tunnels                      # lowercase id, used by protocols' "category"
    name: Tunnel Protocols
    section: "1"
    description: Protocols that carry whole packets between two gateways.
""",
    "phases.yaml": """\
# Phases group the interfaces (the columns of the interface matrix).
phases:
  - id: setup
    name: Set-up
    section: "2"
    description: Interfaces used before any data is sent.
  - id: running
    name: Running
    section: "3"
    description: Interfaces used while data flows.
""",
    "transports.yaml": """\
# Transport classes: what a protocol needs underneath ("transport: requires: [...]").
# Define your own ids; the survey's byte-stream and datagram are only examples.
transports:
  - id: datagram
    name: Datagram Transports
    section: "4"
    description: Unreliable, framed messages, such as UDP.
""",
    "interfaces.yaml": """\
# Interfaces, in the order of the matrix's columns. "code" is the column heading.
interfaces:
  - code: KEY
    name: Keys and Identities
    phase: setup                      # a phase id from phases.yaml
    section: "2.1"
    definition: The application gives the protocol its keys and identity.
  - code: RK
    name: Re-keying
    phase: running
    section: "3.1"
    definition: The application can ask for fresh keys on a running session.
""",
    "references.yaml": """\
# What the catalog cites, by id: write [EXAMPLE] in a text, or list it under "references".
references:
  - id: EXAMPLE
    kind: web                          # rfc, internet-draft, paper or web
    title: The Example Tunnel Protocol
    url: https://example.org/tunnel
""",
    "protocols/example.yaml": """\
# One protocol per file; name the file after its id.
id: example
name: Example Tunnel
full_name: The Example Tunnel Protocol
section: "1.1"
category: tunnels                      # a category id from categories.yaml
in_table: true                         # false: described, but no row in the matrix
summary: A tunnel between two gateways.
description: |
  A plain-text description; cite references by id, as here [EXAMPLE].
structure:
  kind: integrated                     # integrated, separate, record-only or handshake-only
transport:
  requires: [datagram]                 # transport class ids from transports.yaml
exposes:                               # interface codes from interfaces.yaml
  - KEY
  - code: RK
    note: only in version 2            # a qualifier, shown as a note of the matrix
references: [EXAMPLE]
""",
}


def starter_files() -> dict[str, str]:
    """The starter files, each led by the line that points editors at the schema, and the schema itself."""
    files = {}
    for name, text in FILES.items():
        schema = "../" * name.count("/") + SCHEMA_FILE
        files[name] = f"# yaml-language-server: $schema={schema}\n{text}"
    files[SCHEMA_FILE] = schema_text()
    return files
