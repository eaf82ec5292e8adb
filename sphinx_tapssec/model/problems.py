"""Problems found in a catalog, as plain data (no Sphinx here: the CLI uses it too)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subtype(StrEnum):
    """Warning subtypes; the value is what goes after ``tapssec.`` in ``suppress_warnings``."""

    CATALOG = "catalog"
    YAML = "yaml"
    MISSING_FIELD = "missing_field"
    UNKNOWN_FIELD = "unknown_field"
    INVALID_VALUE = "invalid_value"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_INTERFACE = "unknown_interface"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_PHASE = "unknown_phase"
    UNKNOWN_TRANSPORT = "unknown_transport"
    UNKNOWN_REFERENCE = "unknown_reference"
    UNKNOWN_PROTOCOL = "unknown_protocol"
    DUPLICATE_OBJECT = "duplicate_object"
    UNSAFE_URL = "unsafe_url"
    OPTION = "option"
    CARDS = "cards"
    QUERY_SYNTAX = "query_syntax"
    UNKNOWN_NAME = "unknown_name"
    FALSE_CLAIM = "false_claim"
    COVERAGE = "coverage"
    RULE = "rule"
    EDITION = "edition"
    OBSOLETE_CITATION = "obsolete_citation"
    EMPTY_CATALOG = "empty_catalog"
    CONFIG = "config"


#: One line per subtype, used by the docs' warning reference and the CLI.
SUBTYPE_HELP: dict[Subtype, str] = {
    Subtype.CATALOG: (
        "A catalog directory is missing, is not a directory, or a file cannot be read or is needed but absent."
    ),
    Subtype.YAML: "A catalog file is not valid YAML, or uses a tag or structure the loader refuses.",
    Subtype.MISSING_FIELD: "A catalog record lacks a required field; the record is skipped (said once).",
    Subtype.UNKNOWN_FIELD: "A catalog record has a field the format does not define (often a typo).",
    Subtype.INVALID_VALUE: "A catalog field has the wrong type or a value outside its allowed set.",
    Subtype.DUPLICATE_ID: (
        "Two catalog records share an id; the one in the file named after the id (else the first read) is kept."
    ),
    Subtype.UNKNOWN_INTERFACE: "An interface code is not defined in the catalog.",
    Subtype.UNKNOWN_CATEGORY: "A category id is not defined in the catalog.",
    Subtype.UNKNOWN_PHASE: "A phase id is not defined in the catalog.",
    Subtype.UNKNOWN_TRANSPORT: "A transport dependency class is not defined in the catalog.",
    Subtype.UNKNOWN_REFERENCE: "A reference id is not defined in the catalog.",
    Subtype.UNKNOWN_PROTOCOL: "A protocol id is not defined in the catalog.",
    Subtype.DUPLICATE_OBJECT: "The same catalog entry is described by two directives in the project.",
    Subtype.UNSAFE_URL: "A catalog URL uses a scheme outside tapssec_url_schemes; it renders as text.",
    Subtype.OPTION: "A directive option has a value the directive cannot use.",
    Subtype.CARDS: "A protocol-overview's cards need sphinx-design's style sheet: add sphinx_design to extensions.",
    Subtype.QUERY_SYNTAX: "A query expression is malformed; the message names the column where it goes wrong.",
    Subtype.UNKNOWN_NAME: "A query names a predicate, attribute or catalog id that does not exist.",
    Subtype.FALSE_CLAIM: "A claim in the prose does not hold for the catalog; the message says what the catalog holds.",
    Subtype.COVERAGE: "A catalog entry no page documents, a reference nothing cites, or an interface nothing exposes.",
    Subtype.RULE: "A consistency rule of the catalog fails, or a consistency note no longer matches the catalog.",
    Subtype.EDITION: "An edition is unknown, or one of its changes names a record or field that does not exist.",
    Subtype.OBSOLETE_CITATION: "A page cites an RFC that a later RFC obsoletes (opt-in: tapssec_obsolete_citations).",
    Subtype.EMPTY_CATALOG: "A catalog directory holds no catalog file: often the project's directory, not its catalog.",
    Subtype.CONFIG: "A tapssec_* configuration value has the wrong type or an unknown value; the build stops.",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a catalog, located at a file and line."""

    #: Path of the catalog file (or directory) the problem is in.
    path: str
    #: 1-based line number, or 0 when the problem concerns a whole file or directory.
    line: int
    #: Which kind of problem, as a warning subtype.
    subtype: Subtype
    #: A sentence that says what is wrong and, where it helps, what to do.
    message: str

    @property
    def location(self) -> str:
        """``path:line`` (or just ``path``), the form Sphinx and compilers print."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message} [tapssec.{self.subtype.value}]"
