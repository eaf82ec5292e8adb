"""The records of the survey itself: the document, its groups, interfaces, references and protocols.

Each attribute a catalog key sets is declared here once (see :mod:`.fields`); the record's
``record_name`` and ``record_help`` name and describe it in the format reference and the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx_tapssec.model.fields import (
    CODE_PATTERN,
    ID_PATTERN,
    REF_PATTERN,
    SECTION_PATTERN,
    Kind,
    description_field,
    edition_optional,
    id_field,
    name_field,
    note_field,
    origin,
    pickled_by_position,
    record,
    references_field,
    section_field,
    yaml_field,
)

#: The transport classes a protocol is listed under for a dependency it describes, not for ``requires``:
#: a defined byte-stream mapping, and a transport-specific dependency (the survey's 4.2.1 and 4.3).
MAPPING_CLASS = "byte-stream-mapping"
SPECIFIC_CLASS = "transport-specific"

#: ``[RFC8446]``-style citations inside plain-text fields.
CITATION = re.compile(r"\[([A-Za-z0-9][A-Za-z0-9._-]*)\]")


@pickled_by_position
@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was read, so that later checks can point at it."""

    #: Path of the catalog file.
    path: str
    #: 1-based line of the record's first key.
    line: int
    #: ``(key, line)`` of each key of the record, so a check can point at the field it rejects.
    fields: tuple[tuple[str, int], ...] = ()

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    def at(self, key: str) -> Source:
        """This source, at the line of *key* (the record's line when the key is absent)."""
        # A loop, not a dict: the checks ask for thousands of these per load, most of them never used.
        return Source(self.path, next((line for name, line in self.fields if name == key), self.line))


@record("heading", "A section heading of the surveyed document.")
class Heading:
    """A section heading of the surveyed document."""

    #: ``None`` for an unnumbered section such as the authors' addresses.
    number: str | None = edition_optional(
        Kind.STRING, "Section number; absent for an unnumbered section.", pattern=SECTION_PATTERN
    )
    title: str = yaml_field(Kind.STRING, "Heading as printed.", changeable=True)
    #: Stable key: the number (or title) in the edition the catalog is written as.
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.number or self.title)


@record("author", "An author of the surveyed document.")
class Author:
    """An author of the surveyed document, as printed."""

    name: str = yaml_field(Kind.STRING, "Name as printed.")
    affiliation: str | None = yaml_field(Kind.STRING, "Organisation as printed.", required=False)


@record("survey", "The surveyed document.")
class Survey:
    """The surveyed document itself."""

    id: str = yaml_field(Kind.STRING, "Document name, e.g. draft-ietf-taps-transport-security-12.", changeable=True)
    title: str = yaml_field(Kind.STRING, "Title of the document.", changeable=True)
    date: str = yaml_field(Kind.STRING, "Publication date, YYYY-MM-DD.", changeable=True)
    status: str = yaml_field(Kind.STRING, "Document status, e.g. Internet-Draft, Informational.", changeable=True)
    authors: tuple[Author, ...] = yaml_field(Kind.RECORDS, "Authors in order.", record=Author)
    url: str | None = edition_optional(Kind.STRING, "Where the document is published.")
    abstract: str = yaml_field(Kind.TEXT, "What the document is about.")
    expires: str | None = edition_optional(Kind.STRING, "Expiry date of an Internet-Draft, YYYY-MM-DD.")
    source: Source = origin()
    #: The table of contents, top two levels.
    sections: tuple[Heading, ...] = yaml_field(
        Kind.RECORDS, "The table of contents, top two levels.", required=False, record=Heading, default=()
    )


@record()
class Group:
    """What the survey groups records under, with a section of its own: a category, a phase or a
    transport class."""

    id: str = id_field()
    name: str = name_field(changeable=True)
    section: str = section_field(changeable=True)
    description: str = description_field(changeable=True)
    source: Source = origin()


@record("category", "A protocol group of Section 3.")
class Category(Group):
    """A group of Section 3: where in the stack a protocol works."""


@record("phase", "An interface group of Section 5.")
class Phase(Group):
    """A group of interfaces of Section 5: when the application uses them."""


@record("transport", "A transport dependency class of Section 4.")
class Transport(Group):
    """A transport dependency class of Section 4."""


@record("interface", "An interface exposed to applications (Section 5).")
class Interface:
    """An interface a security protocol may expose to applications (Section 5)."""

    code: str = yaml_field(
        Kind.STRING, "Abbreviation used in the table, e.g. IPK.", pattern=CODE_PATTERN, changeable=True
    )
    #: Stable key: editions may change the code, never the key (it names the interface in data).
    key: str = yaml_field(
        Kind.STRING,
        "Stable key that editions never change (default: the code in lower case).",
        required=False,
        pattern=ID_PATTERN,
        kw_only=True,
        default="",
    )
    name: str = name_field(changeable=True)
    phase: str = yaml_field(Kind.STRING, "Phase id.", refers_to="phase")
    section: str = section_field(changeable=True)
    definition: str = yaml_field(Kind.TEXT, "What the interface lets an application do.", changeable=True)
    references: tuple[str, ...] = references_field()
    source: Source = origin()
    #: The codes the interface has in other editions: links that use them still resolve.
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.code.lower())

    @property
    def id(self) -> str:
        return self.code


@record("reference", "An informative reference.")
class Reference:
    """An informative reference of the survey."""

    id: str = yaml_field(Kind.STRING, "Citation label as printed, e.g. RFC8446.", pattern=REF_PATTERN)
    kind: str = yaml_field(Kind.STRING, "What it is.", choices=("rfc", "internet-draft", "paper", "web"))
    title: str = yaml_field(Kind.STRING, "Title as printed.", changeable=True)
    authors: tuple[str, ...] = yaml_field(Kind.STRINGS, "Authors as printed.", required=False, changeable=True)
    date: str | None = yaml_field(Kind.STRING, "Date as printed.", required=False, changeable=True)
    url: str | None = yaml_field(Kind.STRING, "Link; http and https only by default.", required=False, changeable=True)
    rfc: int | None = yaml_field(Kind.INTEGER, "RFC number (kind rfc).", required=False)
    series: str | None = yaml_field(Kind.STRING, "Series membership, e.g. STD 79.", required=False, changeable=True)
    doi: str | None = yaml_field(Kind.STRING, "Digital Object Identifier.", required=False, changeable=True)
    draft: str | None = yaml_field(Kind.STRING, "Internet-Draft name without version.", required=False)
    version: str | None = yaml_field(
        Kind.STRING, "Internet-Draft version, e.g. 27.", required=False, pattern=r"[0-9]{2}", changeable=True
    )
    source: Source = origin()
    #: Citation label shown instead of the id (RFC 8922 cites drafts as e.g. ``[QUIC-TLS]``).
    label: str | None = edition_optional(
        Kind.STRING, "Citation label shown instead of the id, e.g. QUIC-TRANSPORT.", default=None
    )

    @property
    def citation(self) -> str:
        return f"[{self.label or self.id}]"


@record("omitted", "A protocol the survey leaves out (Section 1).")
class Omitted:
    """A protocol the survey deliberately leaves out, and why."""

    id: str = id_field()
    name: str = name_field()
    reason: str = yaml_field(
        Kind.STRING, "Why it is left out.", choices=("no-unique-interface", "authentication-only", "out-of-scope")
    )
    note: str = yaml_field(Kind.TEXT, "The reason in plain text.")
    references: tuple[str, ...] = references_field()
    source: Source = origin()


@record("structure", "How handshake and record protocol are split.")
class Structure:
    """How a protocol splits its handshake and record protocol."""

    kind: str = yaml_field(
        Kind.STRING, "The split.", choices=("integrated", "separate", "record-only", "handshake-only")
    )
    handshake: str | None = yaml_field(Kind.TEXT, "The handshake side.", required=False)
    record: str | None = yaml_field(Kind.TEXT, "The record side.", required=False)


@record("dependency", "A byte-stream mapping or a transport-specific dependency.")
class Dependency:
    """A note on how a protocol uses its transport (a byte-stream mapping or a specific need)."""

    kind: str | None = yaml_field(
        Kind.STRING, "For 4.3.", required=False, choices=("transport-feature", "own-transport")
    )
    note: str | None = note_field()
    references: tuple[str, ...] = references_field()
    source: Source = origin()


@record("transport_needs", "What the protocol needs from its transport (Section 4).")
class TransportNeeds:
    """What a protocol needs from the transport below it (Section 4)."""

    requires: tuple[str, ...] = yaml_field(Kind.STRINGS, "Transport classes it is listed under.", refers_to="transport")
    #: The category heading it is listed under in Section 4, when that differs from its own.
    group: str | None = yaml_field(
        Kind.STRING, "Section 4 heading, if not its category.", required=False, refers_to="category"
    )
    byte_stream_mapping: Dependency | None = yaml_field(
        Kind.RECORD, "Defined byte-stream mapping (4.2.1).", required=False, record=Dependency
    )
    specific: Dependency | None = yaml_field(
        Kind.RECORD, "Transport-specific dependency (4.3).", required=False, record=Dependency
    )
    note: str | None = note_field()
    #: Where the ``transport`` mapping is, to point at a bad ``requires`` or ``group``.
    source: Source = origin()


@record("exposure", "An exposed interface with a qualifier.")
class Exposure:
    """One interface a protocol exposes, with the qualifier the table cannot show."""

    code: str = yaml_field(Kind.STRING, "Interface code.", pattern=CODE_PATTERN, refers_to="interface")
    #: A qualifier such as "version 1.3 only", or ``None``.
    note: str | None = note_field()
    references: tuple[str, ...] = references_field()
    source: Source = origin()


@record("protocol", "A security protocol (Section 3); one file each.")
class Protocol:
    """A security protocol of Section 3."""

    id: str = id_field()
    name: str = name_field()
    full_name: str = yaml_field(Kind.STRING, "Expanded name.")
    section: str = section_field()
    category: str = yaml_field(Kind.STRING, "Category id.", refers_to="category")
    #: Whether the protocol has a row in the survey's summary table.
    in_table: bool = yaml_field(Kind.BOOLEAN, "Whether the summary table has a row for it.")
    summary: str = yaml_field(Kind.STRING, "One sentence.")
    description: str = description_field()
    structure: Structure = yaml_field(Kind.RECORD, "Handshake and record split.", record=Structure)
    transport: TransportNeeds = yaml_field(Kind.RECORD, "Transport dependencies.", record=TransportNeeds)
    exposes: tuple[Exposure, ...] = yaml_field(
        Kind.EXPOSURES,
        "Interfaces exposed: codes, or mappings with a qualifier.",
        record=Exposure,
        refers_to="interface",
    )
    references: tuple[str, ...] = references_field()
    source: Source = origin()

    @property
    def interface_codes(self) -> tuple[str, ...]:
        return tuple(exposure.code for exposure in self.exposes)

    def exposure(self, code: str) -> Exposure | None:
        """The exposure of *code*, or ``None`` when the protocol does not expose it."""
        return next((e for e in self.exposes if e.code == code), None)

    @property
    def transport_classes(self) -> tuple[str, ...]:
        """The transport classes the protocol is listed under: its ``requires``, then
        :data:`MAPPING_CLASS` and :data:`SPECIFIC_CLASS` when it describes such a dependency."""
        classes = list(self.transport.requires)
        if self.transport.byte_stream_mapping is not None and MAPPING_CLASS not in classes:
            classes.append(MAPPING_CLASS)
        if self.transport.specific is not None and SPECIFIC_CLASS not in classes:
            classes.append(SPECIFIC_CLASS)
        return tuple(classes)

    @property
    def section4_group(self) -> str:
        """The category heading Section 4 lists this protocol under."""
        return self.transport.group or self.category
