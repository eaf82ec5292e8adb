"""The records kept with the survey: rules, consistency notes, editions, reference status, the
Transport Services API mapping and later developments.

Each attribute a catalog key sets is declared here once (see :mod:`.fields`).
"""

from __future__ import annotations

from sphinx_tapssec.model._survey_records import Source
from sphinx_tapssec.model.fields import (
    CHANGE_KINDS,
    COVERAGE_LEVELS,
    ID_PATTERN,
    NOTE_KINDS,
    RFC_PATTERN,
    SECTION_PATTERN,
    TAPS_CONSTRUCT_KINDS,
    Kind,
    id_field,
    line_of,
    note_field,
    origin,
    record,
    yaml_field,
)


@record("rule", "A consistency rule, checked on every load.")
class Rule:
    """A consistency rule kept with the catalog: every protocol in scope must satisfy a query."""

    id: str = id_field()
    #: For messages and the consistency page.
    description: str = yaml_field(Kind.TEXT, "The expectation in plain text.")
    #: ``None`` means every protocol.
    scope: str | None = yaml_field(
        Kind.STRING, "Query choosing the protocols it applies to (default: all).", required=False, key="for"
    )
    require: str = yaml_field(Kind.STRING, "Query every protocol in scope must satisfy.")
    source: Source = origin()
    #: Lines of the ``for`` and ``require`` keys, where query errors are reported.
    scope_line: int = line_of("for")
    require_line: int = line_of("require")


@record("consistency_note", "A disagreement within the survey, recorded as found.")
class ConsistencyNote:
    """A place where the survey disagrees with itself, recorded as found (the catalog stays faithful)."""

    id: str = id_field()
    title: str = yaml_field(Kind.STRING, "One line naming the disagreement.")
    #: e.g. ``category`` or ``order``.
    kind: str = yaml_field(Kind.STRING, "What disagrees.", choices=NOTE_KINDS)
    #: e.g. ``("3.2", "4.2")``.
    sections: tuple[str, ...] = yaml_field(Kind.STRINGS, "Survey sections involved.", pattern=SECTION_PATTERN)
    protocols: tuple[str, ...] = yaml_field(
        Kind.STRINGS, "Protocol ids concerned.", required=False, refers_to="protocol"
    )
    #: The note excuses the protocols from this rule.
    rule: str | None = yaml_field(
        Kind.STRING, "Rule id the protocols break as the survey does.", required=False, refers_to="rule"
    )
    #: e.g. ``zrtp: in_table``.
    check: str | None = yaml_field(
        Kind.STRING, "A claim that holds while the catalog follows the survey.", required=False
    )
    #: The catalog keeps the order of Section 3, so the two orders shown are both read from data.
    printed: tuple[str, ...] = yaml_field(
        Kind.STRINGS,
        "For an order note: the members its check selects, in the order the survey prints them.",
        required=False,
        refers_to="protocol",
        kw_only=True,
        default=(),
    )
    note: str = yaml_field(Kind.TEXT, "The disagreement in plain text.")
    source: Source = origin()
    check_line: int = line_of("check")
    printed_line: int = line_of("printed")


@record("change", "One difference of an edition from the edition it is based on.")
class Change:
    """One difference of an edition from the edition it is based on."""

    kind: str = yaml_field(Kind.STRING, "What changes.", choices=CHANGE_KINDS)
    key: str = yaml_field(
        Kind.STRING, "Which one: an id, an interface key, a section number, or protocol/interface for a cell."
    )
    field: str | None = yaml_field(
        Kind.STRING, "The field that changes (for wording: the words replaced).", required=False
    )
    value: str | None = yaml_field(
        Kind.STRING, "The new value; absent removes it (e.g. a section number).", required=False
    )
    note: str | None = note_field()
    source: Source = origin()


@record("edition", "An edition of the survey: the catalog as written, or changes on top of an earlier edition.")
class Edition:
    """An edition of the survey; the one without ``based_on`` is what the records say as written."""

    id: str = id_field()
    name: str = yaml_field(Kind.STRING, "Display name, e.g. RFC 8922.")
    document: str = yaml_field(Kind.STRING, "Document name, e.g. rfc8922.")
    date: str = yaml_field(Kind.STRING, "Publication date, YYYY-MM or YYYY-MM-DD.")
    url: str | None = yaml_field(Kind.STRING, "Where the edition is published.", required=False)
    based_on: str | None = yaml_field(
        Kind.STRING,
        "Edition these changes apply to; absent for the edition the records are written as.",
        required=False,
        pattern=ID_PATTERN,
    )
    note: str | None = yaml_field(Kind.TEXT, "What the edition is, in plain text.", required=False)
    changes: tuple[Change, ...] = yaml_field(
        Kind.RECORDS, "What differs from based_on, one field each.", required=False, record=Change
    )
    source: Source = origin()


@record("reference_status", "What became of one cited document.")
class ReferenceStatus:
    """What became of one cited document (kept as data: no network at build time)."""

    reference: str = yaml_field(Kind.STRING, "Reference id.", refers_to="reference")
    obsoleted_by: tuple[str, ...] = yaml_field(
        Kind.STRINGS, "RFCs that obsolete it, e.g. RFC9147.", required=False, pattern=RFC_PATTERN
    )
    updated_by: tuple[str, ...] = yaml_field(Kind.STRINGS, "RFCs that update it.", required=False, pattern=RFC_PATTERN)
    #: e.g. ``RFC9000``.
    published_as: str | None = yaml_field(
        Kind.STRING, "For an Internet-Draft: the RFC it became.", required=False, pattern=RFC_PATTERN
    )
    note: str | None = note_field()
    source: Source = origin()


@record("status_index", "The publication status of the cited documents, as recorded on a date.")
class StatusIndex:
    """The status of the cited documents, as read from an index on a date."""

    as_of: str = yaml_field(Kind.STRING, "Date of the index the status was read from, YYYY-MM-DD.")
    #: In words (e.g. the RFC Editor's rfc-index.xml).
    read_from: str = yaml_field(
        Kind.STRING, "Where the status was read, e.g. the RFC Editor's rfc-index.", key="source"
    )
    entries: tuple[ReferenceStatus, ...] = yaml_field(
        Kind.RECORDS, "One entry per cited document.", record=ReferenceStatus
    )
    source: Source = origin()

    def of(self, reference_id: str) -> ReferenceStatus | None:
        return next((entry for entry in self.entries if entry.reference == reference_id), None)


@record("taps_construct", "A property, parameter, callback, action or event of the API.")
class TapsConstruct:
    """A property, parameter, callback, action or event of the Transport Services API."""

    name: str = yaml_field(Kind.STRING, "Its name in the API, e.g. preSharedKey.")
    kind: str = yaml_field(Kind.STRING, "What it is.", choices=TAPS_CONSTRUCT_KINDS)
    section: str = yaml_field(Kind.STRING, "Section of the API document.", pattern=SECTION_PATTERN)


@record("taps_mapping", "What realizes one interface in the API.")
class TapsMapping:
    """What realizes one of the survey's interfaces in the Transport Services API."""

    #: The interface's stable key.
    interface: str = yaml_field(Kind.STRING, "Interface key or code.", refers_to="interface")
    coverage: str = yaml_field(Kind.STRING, "How much of it the API offers.", choices=COVERAGE_LEVELS)
    constructs: tuple[TapsConstruct, ...] = yaml_field(
        Kind.RECORDS, "The API's properties, events...", required=False, record=TapsConstruct
    )
    note: str | None = note_field()
    source: Source = origin()


@record("taps_api", "How the Transport Services API realizes the survey's interfaces.")
class TapsApi:
    """The Transport Services API document and its mapping of the interfaces."""

    document: str = yaml_field(Kind.STRING, "The API document, e.g. RFC 9622.")
    title: str = yaml_field(Kind.STRING, "Its title.")
    url: str | None = yaml_field(Kind.STRING, "Where it is published.", required=False)
    #: When it is not the document itself.
    checked_against: str | None = yaml_field(
        Kind.STRING, "The text the section numbers were read from.", required=False
    )
    note: str | None = note_field()
    mappings: tuple[TapsMapping, ...] = yaml_field(Kind.RECORDS, "One per interface.", record=TapsMapping)
    source: Source = origin()

    def mapping(self, interface_key: str) -> TapsMapping | None:
        return next((m for m in self.mappings if m.interface == interface_key), None)


@record("source", "A document a development is based on.")
class DevelopmentSource:
    """A document a later development is based on (not one of the survey's references)."""

    label: str = yaml_field(Kind.STRING, "How it is cited, e.g. RFC 9147.")
    url: str | None = yaml_field(Kind.STRING, "Link; http and https only by default.", required=False)


@record("proposal", "A proposed change to one cell of the survey's table.")
class Proposal:
    """A cell of the survey's table that a later development suggests would read differently."""

    #: The interface's stable key.
    interface: str = yaml_field(Kind.STRING, "Interface key or code.", refers_to="interface")
    #: ``expose`` (the cell would gain its mark) or ``withdraw`` (lose it).
    change: str = yaml_field(
        Kind.STRING, "Whether the cell would gain or lose its mark.", choices=("expose", "withdraw")
    )
    note: str | None = note_field()


@record("development", "A later development of a protocol, kept apart from the survey's content.")
class Development:
    """A dated development of a protocol after the survey, kept apart from the survey's content."""

    id: str = id_field()
    protocol: str = yaml_field(Kind.STRING, "Protocol id.", refers_to="protocol")
    date: str = yaml_field(Kind.STRING, "When, YYYY-MM.", pattern=r"[0-9]{4}-[0-9]{2}")
    title: str = yaml_field(Kind.STRING, "One line.")
    note: str = yaml_field(Kind.TEXT, "What happened, in plain text.")
    sources: tuple[DevelopmentSource, ...] = yaml_field(
        Kind.RECORDS, "Where it is documented.", record=DevelopmentSource
    )
    proposals: tuple[Proposal, ...] = yaml_field(
        Kind.RECORDS,
        "Cells of the survey's table that would read differently today; shown, never applied.",
        required=False,
        record=Proposal,
    )
    source: Source = origin()
