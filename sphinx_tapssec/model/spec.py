"""The catalog format: the records declared on the classes of :mod:`.entities`, and the files.

The loader checks records against these specs, :mod:`.schema` turns them into the
JSON Schema that ships with the catalog, the docs' format reference is built from that
schema, and :mod:`.builders` and :mod:`.export` convert between records and entities with
them; each field is declared once, on its attribute (see :mod:`.fields`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_tapssec.model import entities as e
from sphinx_tapssec.model.fields import (
    CHANGE_KINDS,
    CODE_PATTERN,
    COVERAGE_LEVELS,
    DECLARED,
    ID_PATTERN,
    LINE_OF,
    NOTE_KINDS,
    ORIGIN,
    REF_PATTERN,
    RFC_PATTERN,
    SECTION_PATTERN,
    TAPS_CONSTRUCT_KINDS,
    Kind,
)

if TYPE_CHECKING:
    from sphinx_tapssec.model.fields import Declared

__all__ = [
    "CHANGE_KINDS",
    "CODE_PATTERN",
    "COVERAGE_LEVELS",
    "FILES",
    "ID_PATTERN",
    "NOTE_KINDS",
    "RECORDS",
    "REF_PATTERN",
    "RFC_PATTERN",
    "SECTION_PATTERN",
    "TAPS_CONSTRUCT_KINDS",
    "Field",
    "FileSpec",
    "Kind",
    "Record",
    "catalog_files",
]


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
    #: The entity attribute the key sets.
    attribute: str = ""
    #: Whether an edition may change the field, and remove it (see :mod:`.editions`).
    changeable: bool = False
    removable: bool = False
    #: :attr:`pattern` compiled, once, for the checker.
    regex: re.Pattern[str] | None = dataclasses.field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Record:
    """The shape of one kind of catalog record, and the entity class it builds."""

    name: str
    help: str
    fields: tuple[Field, ...]
    entity: type[Any] = object
    #: ``(attribute, key)`` of the attributes holding the line of a key.
    lines: tuple[tuple[str, str], ...] = ()
    #: The attribute holding the record's :class:`~.entities.Source`, if it has one.
    origin: str | None = None
    #: The YAML keys, for the checker's look-ups.
    names: frozenset[str] = frozenset()

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
    #: The :class:`~.entities.Catalog` attribute the records go to.
    attribute: str = ""

    @property
    def single(self) -> bool:
        """Whether a catalog holds one such record (a file of one record under a key)."""
        return self.key is not None and not self.many


def _field(attribute: str, declared: Declared) -> Field:
    pattern, record = declared["pattern"], declared["record"]
    return Field(
        name=declared["key"] or attribute,
        kind=declared["kind"],
        required=declared["required"],
        help=declared["help"],
        choices=declared["choices"],
        pattern=pattern,
        record=None if record is None else record.record_name,
        refers_to=declared["refers_to"],
        attribute=attribute,
        changeable=declared["changeable"],
        removable=declared["removable"],
        regex=None if pattern is None else re.compile(pattern),
    )


def record_of(entity: type[Any]) -> Record:
    """The record spec an entity class declares on its attributes."""
    fields, lines, origin = [], [], None
    for attribute in dataclasses.fields(entity):
        if DECLARED in attribute.metadata:
            fields.append(_field(attribute.name, attribute.metadata[DECLARED]))
        elif LINE_OF in attribute.metadata:
            lines.append((attribute.name, attribute.metadata[LINE_OF]))
        elif ORIGIN in attribute.metadata:
            origin = attribute.name
    names = frozenset(f.name for f in fields)
    return Record(entity.record_name, entity.record_help, tuple(fields), entity, tuple(lines), origin, names)


#: Every record, in the order the format reference and the JSON Schema list them.
RECORDS: dict[str, Record] = {
    record.name: record
    for record in map(
        record_of,
        (
            e.Survey,
            e.Heading,
            e.Author,
            e.Category,
            e.Phase,
            e.Transport,
            e.Interface,
            e.Reference,
            e.Omitted,
            e.Structure,
            e.TransportNeeds,
            e.Dependency,
            e.Exposure,
            e.Protocol,
            e.Rule,
            e.ConsistencyNote,
            e.Edition,
            e.Change,
            e.StatusIndex,
            e.ReferenceStatus,
            e.TapsApi,
            e.TapsMapping,
            e.TapsConstruct,
            e.Development,
            e.DevelopmentSource,
            e.Proposal,
        ),
    )
}

FILES: tuple[FileSpec, ...] = (
    FileSpec("survey.yaml", "survey", "survey", False, "The surveyed document.", "survey"),
    FileSpec("categories.yaml", "categories", "category", True, "Protocol categories.", "categories"),
    FileSpec("phases.yaml", "phases", "phase", True, "Interface phases.", "phases"),
    FileSpec("transports.yaml", "transports", "transport", True, "Transport dependency classes.", "transports"),
    FileSpec("interfaces.yaml", "interfaces", "interface", True, "Interfaces, in table column order.", "interfaces"),
    FileSpec("references.yaml", "references", "reference", True, "Informative references.", "references"),
    FileSpec("omitted.yaml", "omitted", "omitted", True, "Protocols left out of the survey.", "omitted"),
    FileSpec("protocols/*.yaml", None, "protocol", False, "One security protocol per file.", "protocols"),
    FileSpec("rules.yaml", "rules", "rule", True, "Consistency rules written in the query language.", "rules"),
    FileSpec("consistency.yaml", "notes", "consistency_note", True, "Where the survey disagrees with itself.", "notes"),
    FileSpec("editions.yaml", "editions", "edition", True, "Editions of the survey and how they differ.", "editions"),
    FileSpec("status.yaml", "status", "status_index", False, "What became of the cited documents.", "status"),
    FileSpec("taps-api.yaml", "taps_api", "taps_api", False, "The interfaces in the Transport Services API.", "taps"),
    FileSpec(
        "developments.yaml", "developments", "development", True, "Later developments, per protocol.", "developments"
    ),
)


def catalog_files(directory: Path) -> list[tuple[FileSpec, Path]]:
    """The catalog files of *directory* with the spec each follows, in a stable order."""
    found: list[tuple[FileSpec, Path]] = []
    for file_spec in FILES:
        # Not only regular files: a directory or a dangling symlink named like a catalog file is
        # kept, so that reading it fails with a located warning instead of being skipped silently.
        found.extend((file_spec, path) for path in sorted(directory.glob(file_spec.pattern)))
    return found
