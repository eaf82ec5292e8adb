"""The catalog format, declared once.

The loader checks records against these specs, :mod:`.schema` turns them into the
JSON Schema that ships with the catalog, and the docs' format reference is built
from that schema; so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The value types a catalog field can hold."""

    STRING = "string"  #: a one-line string
    TEXT = "text"  #: plain text, paragraphs separated by blank lines; ``[ID]`` cites a reference
    INTEGER = "integer"
    BOOLEAN = "boolean"
    STRINGS = "strings"  #: a list of strings
    RECORD = "record"  #: a nested mapping, described by :attr:`Field.record`
    RECORDS = "records"  #: a list of nested mappings
    EXPOSURES = "exposures"  #: a list whose items are an interface code or an exposure mapping


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a catalog record."""

    #: The YAML key.
    name: str
    kind: Kind
    #: Whether a record without this key is skipped.
    required: bool
    #: One sentence for the format reference and the JSON Schema ``description``.
    help: str
    #: Allowed values of a string (empty: any).
    choices: tuple[str, ...] = ()
    #: A regular expression a string must match in full.
    pattern: str | None = None
    #: For RECORD and RECORDS (and EXPOSURES): the name of the nested record spec.
    record: str | None = None
    #: The catalog collection ids of this field must exist in (``interface``, ``reference``...).
    refers_to: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """The shape of one kind of catalog record."""

    name: str
    help: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class FileSpec:
    """What a catalog file holds: one record, or a list of records under one key."""

    #: File name relative to the catalog directory (``protocols/*.yaml`` for the per-protocol files).
    pattern: str
    #: The top-level key holding the data, or ``None`` when the file is the record itself.
    key: str | None
    record: str
    #: Whether the key holds a list of records (else one record).
    many: bool
    help: str


ID_PATTERN = r"[a-z0-9][a-z0-9-]*"
CODE_PATTERN = r"[A-Z][A-Z0-9]*"
SECTION_PATTERN = r"[0-9]+(\.[0-9]+)*"
REF_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]*"

#: What a consistency note can be about.
NOTE_KINDS = ("category", "transport", "table", "lists", "introduction", "order", "headings", "scope")

_ID = Field("id", Kind.STRING, True, "Stable lowercase identifier.", pattern=ID_PATTERN)
_NAME = Field("name", Kind.STRING, True, "Display name.")
_SECTION = Field("section", Kind.STRING, True, "Survey section number, e.g. 3.1.1.", pattern=SECTION_PATTERN)
_DESCRIPTION = Field("description", Kind.TEXT, True, "What it is, in plain text.")
_REFS = Field("references", Kind.STRINGS, False, "Reference ids cited.", refers_to="reference")
_NOTE = Field("note", Kind.TEXT, False, "A remark in plain text.")

RECORDS: dict[str, Record] = {
    r.name: r
    for r in (
        Record(
            "survey",
            "The surveyed document.",
            (
                Field("id", Kind.STRING, True, "Document name, e.g. draft-ietf-taps-transport-security-12."),
                Field("title", Kind.STRING, True, "Title of the document."),
                Field("date", Kind.STRING, True, "Publication date, YYYY-MM-DD."),
                Field("expires", Kind.STRING, False, "Expiry date of an Internet-Draft, YYYY-MM-DD."),
                Field("status", Kind.STRING, True, "Document status, e.g. Internet-Draft, Informational."),
                Field("authors", Kind.RECORDS, True, "Authors in order.", record="author"),
                Field("url", Kind.STRING, False, "Where the document is published."),
                Field("abstract", Kind.TEXT, True, "What the document is about."),
            ),
        ),
        Record(
            "author",
            "An author of the surveyed document.",
            (
                Field("name", Kind.STRING, True, "Name as printed."),
                Field("affiliation", Kind.STRING, False, "Organisation as printed."),
            ),
        ),
        Record("category", "A protocol group of Section 3.", (_ID, _NAME, _SECTION, _DESCRIPTION)),
        Record("phase", "An interface group of Section 5.", (_ID, _NAME, _SECTION, _DESCRIPTION)),
        Record("transport", "A transport dependency class of Section 4.", (_ID, _NAME, _SECTION, _DESCRIPTION)),
        Record(
            "interface",
            "An interface exposed to applications (Section 5).",
            (
                Field("code", Kind.STRING, True, "Abbreviation used in the table, e.g. IPK.", pattern=CODE_PATTERN),
                _NAME,
                Field("phase", Kind.STRING, True, "Phase id.", refers_to="phase"),
                _SECTION,
                Field("definition", Kind.TEXT, True, "What the interface lets an application do."),
                _REFS,
            ),
        ),
        Record(
            "reference",
            "An informative reference.",
            (
                Field("id", Kind.STRING, True, "Citation label as printed, e.g. RFC8446.", pattern=REF_PATTERN),
                Field("kind", Kind.STRING, True, "What it is.", choices=("rfc", "internet-draft", "paper", "web")),
                Field("title", Kind.STRING, True, "Title as printed."),
                Field("authors", Kind.STRINGS, False, "Authors as printed."),
                Field("date", Kind.STRING, False, "Date as printed."),
                Field("url", Kind.STRING, False, "Link; http and https only by default."),
                Field("rfc", Kind.INTEGER, False, "RFC number (kind rfc)."),
                Field("series", Kind.STRING, False, "Series membership, e.g. STD 79."),
                Field("doi", Kind.STRING, False, "Digital Object Identifier."),
                Field("draft", Kind.STRING, False, "Internet-Draft name without version."),
                Field("version", Kind.STRING, False, "Internet-Draft version, e.g. 27.", pattern=r"[0-9]{2}"),
            ),
        ),
        Record(
            "omitted",
            "A protocol the survey leaves out (Section 1).",
            (
                _ID,
                _NAME,
                Field(
                    "reason",
                    Kind.STRING,
                    True,
                    "Why it is left out.",
                    choices=("no-unique-interface", "authentication-only", "out-of-scope"),
                ),
                Field("note", Kind.TEXT, True, "The reason in plain text."),
                _REFS,
            ),
        ),
        Record(
            "structure",
            "How handshake and record protocol are split.",
            (
                Field(
                    "kind",
                    Kind.STRING,
                    True,
                    "The split.",
                    choices=("integrated", "separate", "record-only", "handshake-only"),
                ),
                Field("handshake", Kind.TEXT, False, "The handshake side."),
                Field("record", Kind.TEXT, False, "The record side."),
            ),
        ),
        Record(
            "transport_needs",
            "What the protocol needs from its transport (Section 4).",
            (
                Field("requires", Kind.STRINGS, True, "Transport classes it is listed under.", refers_to="transport"),
                Field("group", Kind.STRING, False, "Section 4 heading, if not its category.", refers_to="category"),
                Field(
                    "byte_stream_mapping",
                    Kind.RECORD,
                    False,
                    "Defined byte-stream mapping (4.2.1).",
                    record="dependency",
                ),
                Field("specific", Kind.RECORD, False, "Transport-specific dependency (4.3).", record="dependency"),
                _NOTE,
            ),
        ),
        Record(
            "dependency",
            "A byte-stream mapping or a transport-specific dependency.",
            (
                Field("kind", Kind.STRING, False, "For 4.3.", choices=("transport-feature", "own-transport")),
                _NOTE,
                _REFS,
            ),
        ),
        Record(
            "exposure",
            "An exposed interface with a qualifier.",
            (
                Field("code", Kind.STRING, True, "Interface code.", pattern=CODE_PATTERN, refers_to="interface"),
                _NOTE,
                _REFS,
            ),
        ),
        Record(
            "protocol",
            "A security protocol (Section 3); one file each.",
            (
                _ID,
                _NAME,
                Field("full_name", Kind.STRING, True, "Expanded name."),
                _SECTION,
                Field("category", Kind.STRING, True, "Category id.", refers_to="category"),
                Field("in_table", Kind.BOOLEAN, True, "Whether the summary table has a row for it."),
                Field("summary", Kind.STRING, True, "One sentence."),
                _DESCRIPTION,
                Field("structure", Kind.RECORD, True, "Handshake and record split.", record="structure"),
                Field("transport", Kind.RECORD, True, "Transport dependencies.", record="transport_needs"),
                Field(
                    "exposes",
                    Kind.EXPOSURES,
                    True,
                    "Interfaces exposed: codes, or mappings with a qualifier.",
                    record="exposure",
                    refers_to="interface",
                ),
                _REFS,
            ),
        ),
        Record(
            "rule",
            "A consistency rule, checked on every load.",
            (
                _ID,
                Field("description", Kind.TEXT, True, "The expectation in plain text."),
                Field("for", Kind.STRING, False, "Query choosing the protocols it applies to (default: all)."),
                Field("require", Kind.STRING, True, "Query every protocol in scope must satisfy."),
            ),
        ),
        Record(
            "consistency_note",
            "A disagreement within the survey, recorded as found.",
            (
                _ID,
                Field("title", Kind.STRING, True, "One line naming the disagreement."),
                Field("kind", Kind.STRING, True, "What disagrees.", choices=NOTE_KINDS),
                Field("sections", Kind.STRINGS, True, "Survey sections involved.", pattern=SECTION_PATTERN),
                Field("protocols", Kind.STRINGS, False, "Protocol ids concerned.", refers_to="protocol"),
                Field("rule", Kind.STRING, False, "Rule id the protocols break as the survey does.", refers_to="rule"),
                Field("check", Kind.STRING, False, "A claim that holds while the catalog follows the survey."),
                Field("note", Kind.TEXT, True, "The disagreement in plain text."),
            ),
        ),
    )
}

FILES: tuple[FileSpec, ...] = (
    FileSpec("survey.yaml", "survey", "survey", False, "The surveyed document."),
    FileSpec("categories.yaml", "categories", "category", True, "Protocol categories."),
    FileSpec("phases.yaml", "phases", "phase", True, "Interface phases."),
    FileSpec("transports.yaml", "transports", "transport", True, "Transport dependency classes."),
    FileSpec("interfaces.yaml", "interfaces", "interface", True, "Interfaces, in table column order."),
    FileSpec("references.yaml", "references", "reference", True, "Informative references."),
    FileSpec("omitted.yaml", "omitted", "omitted", True, "Protocols left out of the survey."),
    FileSpec("protocols/*.yaml", None, "protocol", False, "One security protocol per file."),
    FileSpec("rules.yaml", "rules", "rule", True, "Consistency rules written in the query language."),
    FileSpec("consistency.yaml", "notes", "consistency_note", True, "Where the survey disagrees with itself."),
)
