"""The catalog format, declared once.

The loader checks records against these specs, :mod:`.schema` turns them into the
JSON Schema that ships with the catalog, and the docs' format reference is built
from that schema; so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


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

RFC_PATTERN = r"RFC[0-9]+"

#: What an edition can change.
CHANGE_KINDS = ("survey", "section", "interface", "phase", "category", "transport", "reference", "cell", "wording")
#: How much of an interface the Transport Services API offers.
COVERAGE_LEVELS = ("full", "partial", "none")
TAPS_CONSTRUCT_KINDS = (
    "selection-property",
    "connection-property",
    "security-parameter",
    "callback",
    "action",
    "event",
)

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
                Field("sections", Kind.RECORDS, False, "The table of contents, top two levels.", record="heading"),
            ),
        ),
        Record(
            "heading",
            "A section heading of the surveyed document.",
            (
                Field(
                    "number",
                    Kind.STRING,
                    False,
                    "Section number; absent for an unnumbered section.",
                    pattern=SECTION_PATTERN,
                ),
                Field("title", Kind.STRING, True, "Heading as printed."),
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
                Field(
                    "key",
                    Kind.STRING,
                    False,
                    "Stable key that editions never change (default: the code in lower case).",
                    pattern=ID_PATTERN,
                ),
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
                Field("label", Kind.STRING, False, "Citation label shown instead of the id, e.g. QUIC-TRANSPORT."),
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
                Field(
                    "printed",
                    Kind.STRINGS,
                    False,
                    "For an order note: the members its check selects, in the order the survey prints them.",
                    refers_to="protocol",
                ),
                Field("note", Kind.TEXT, True, "The disagreement in plain text."),
            ),
        ),
        Record(
            "edition",
            "An edition of the survey: the catalog as written, or changes on top of an earlier edition.",
            (
                _ID,
                Field("name", Kind.STRING, True, "Display name, e.g. RFC 8922."),
                Field("document", Kind.STRING, True, "Document name, e.g. rfc8922."),
                Field("date", Kind.STRING, True, "Publication date, YYYY-MM or YYYY-MM-DD."),
                Field("url", Kind.STRING, False, "Where the edition is published."),
                Field(
                    "based_on",
                    Kind.STRING,
                    False,
                    "Edition these changes apply to; absent for the edition the records are written as.",
                    pattern=ID_PATTERN,
                ),
                Field("note", Kind.TEXT, False, "What the edition is, in plain text."),
                Field("changes", Kind.RECORDS, False, "What differs from based_on, one field each.", record="change"),
            ),
        ),
        Record(
            "change",
            "One difference of an edition from the edition it is based on.",
            (
                Field("kind", Kind.STRING, True, "What changes.", choices=CHANGE_KINDS),
                Field(
                    "key",
                    Kind.STRING,
                    True,
                    "Which one: an id, an interface key, a section number, or protocol/interface for a cell.",
                ),
                Field("field", Kind.STRING, False, "The field that changes (for wording: the words replaced)."),
                Field("value", Kind.STRING, False, "The new value; absent removes it (e.g. a section number)."),
                _NOTE,
            ),
        ),
        Record(
            "status_index",
            "The publication status of the cited documents, as recorded on a date.",
            (
                Field("as_of", Kind.STRING, True, "Date of the index the status was read from, YYYY-MM-DD."),
                Field("source", Kind.STRING, True, "Where the status was read, e.g. the RFC Editor's rfc-index."),
                Field("entries", Kind.RECORDS, True, "One entry per cited document.", record="reference_status"),
            ),
        ),
        Record(
            "reference_status",
            "What became of one cited document.",
            (
                Field("reference", Kind.STRING, True, "Reference id.", refers_to="reference"),
                Field("obsoleted_by", Kind.STRINGS, False, "RFCs that obsolete it, e.g. RFC9147.", pattern=RFC_PATTERN),
                Field("updated_by", Kind.STRINGS, False, "RFCs that update it.", pattern=RFC_PATTERN),
                Field(
                    "published_as", Kind.STRING, False, "For an Internet-Draft: the RFC it became.", pattern=RFC_PATTERN
                ),
                _NOTE,
            ),
        ),
        Record(
            "taps_api",
            "How the Transport Services API realizes the survey's interfaces.",
            (
                Field("document", Kind.STRING, True, "The API document, e.g. RFC 9622."),
                Field("title", Kind.STRING, True, "Its title."),
                Field("url", Kind.STRING, False, "Where it is published."),
                Field("checked_against", Kind.STRING, False, "The text the section numbers were read from."),
                _NOTE,
                Field("mappings", Kind.RECORDS, True, "One per interface.", record="taps_mapping"),
            ),
        ),
        Record(
            "taps_mapping",
            "What realizes one interface in the API.",
            (
                Field("interface", Kind.STRING, True, "Interface key or code.", refers_to="interface"),
                Field("coverage", Kind.STRING, True, "How much of it the API offers.", choices=COVERAGE_LEVELS),
                Field("constructs", Kind.RECORDS, False, "The API's properties, events...", record="taps_construct"),
                _NOTE,
            ),
        ),
        Record(
            "taps_construct",
            "A property, parameter, callback, action or event of the API.",
            (
                Field("name", Kind.STRING, True, "Its name in the API, e.g. preSharedKey."),
                Field("kind", Kind.STRING, True, "What it is.", choices=TAPS_CONSTRUCT_KINDS),
                Field("section", Kind.STRING, True, "Section of the API document.", pattern=SECTION_PATTERN),
            ),
        ),
        Record(
            "development",
            "A later development of a protocol, kept apart from the survey's content.",
            (
                _ID,
                Field("protocol", Kind.STRING, True, "Protocol id.", refers_to="protocol"),
                Field("date", Kind.STRING, True, "When, YYYY-MM.", pattern=r"[0-9]{4}-[0-9]{2}"),
                Field("title", Kind.STRING, True, "One line."),
                Field("note", Kind.TEXT, True, "What happened, in plain text."),
                Field("sources", Kind.RECORDS, True, "Where it is documented.", record="source"),
                Field(
                    "proposals",
                    Kind.RECORDS,
                    False,
                    "Cells of the survey's table that would read differently today; shown, never applied.",
                    record="proposal",
                ),
            ),
        ),
        Record(
            "source",
            "A document a development is based on.",
            (
                Field("label", Kind.STRING, True, "How it is cited, e.g. RFC 9147."),
                Field("url", Kind.STRING, False, "Link; http and https only by default."),
            ),
        ),
        Record(
            "proposal",
            "A proposed change to one cell of the survey's table.",
            (
                Field("interface", Kind.STRING, True, "Interface key or code.", refers_to="interface"),
                Field(
                    "change",
                    Kind.STRING,
                    True,
                    "Whether the cell would gain or lose its mark.",
                    choices=("expose", "withdraw"),
                ),
                _NOTE,
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
    FileSpec("editions.yaml", "editions", "edition", True, "Editions of the survey and how they differ."),
    FileSpec("status.yaml", "status", "status_index", False, "What became of the cited documents."),
    FileSpec("taps-api.yaml", "taps_api", "taps_api", False, "The interfaces in the Transport Services API."),
    FileSpec("developments.yaml", "developments", "development", True, "Later developments, per protocol."),
)


def catalog_files(directory: Path) -> list[tuple[FileSpec, Path]]:
    """The catalog files of *directory* with the spec each follows, in a stable order."""
    found: list[tuple[FileSpec, Path]] = []
    for file_spec in FILES:
        # Not only regular files: a directory or a dangling symlink named like a catalog file is
        # kept, so that reading it fails with a located warning instead of being skipped silently.
        found.extend((file_spec, path) for path in sorted(directory.glob(file_spec.pattern)))
    return found
