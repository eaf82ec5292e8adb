"""How a record class declares its catalog fields: once, on the dataclass attribute.

Each attribute of a record in :mod:`.entities` that a catalog file sets is declared with
:func:`yaml_field`: its kind, whether it is required, one sentence of help, and its checks.
:mod:`.spec` reads these declarations into the records the checker, the generic builders,
the YAML export, the JSON Schema, the format reference and the editions all work from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from typing import TypedDict

_C = TypeVar("_C")

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


class Kind(StrEnum):
    """The value types a catalog field can hold."""

    STRING = "string"  #: a one-line string
    TEXT = "text"  #: plain text, paragraphs separated by blank lines; ``[ID]`` cites a reference
    INTEGER = "integer"
    BOOLEAN = "boolean"
    STRINGS = "strings"  #: a list of strings
    RECORD = "record"  #: a nested mapping, described by :attr:`Declared.record`
    RECORDS = "records"  #: a list of nested mappings
    EXPOSURES = "exposures"  #: a list whose items are an interface code or an exposure mapping


#: The kinds whose value is a tuple, empty when the key is absent.
LIST_KINDS = frozenset({Kind.STRINGS, Kind.RECORDS, Kind.EXPOSURES})


if TYPE_CHECKING:

    class Declared(TypedDict):
        """What a record attribute declares about its catalog key (see :func:`yaml_field`); a plain
        dict at run time, as a class would cost every import of the entities a dataclass more."""

        kind: Kind
        required: bool
        help: str
        #: The YAML key, when it differs from the attribute's name.
        key: str | None
        choices: tuple[str, ...]
        pattern: str | None
        #: For RECORD, RECORDS and EXPOSURES: the record class of the nested mappings.
        record: type[Any] | None
        refers_to: str | None
        #: Whether an edition may change the field (see :mod:`.editions`).
        changeable: bool
        #: Whether an edition may remove the field (a change without a value).
        removable: bool


#: The keys of a :class:`dataclasses.Field`'s metadata that this module uses.
DECLARED = "tapssec"
LINE_OF = "tapssec-line-of"
ORIGIN = "tapssec-origin"


def yaml_field(
    kind: Kind,
    help: str,
    *,
    required: bool = True,
    key: str | None = None,
    choices: tuple[str, ...] = (),
    pattern: str | None = None,
    record: type[Any] | None = None,
    refers_to: str | None = None,
    changeable: bool = False,
    removable: bool = False,
    kw_only: bool = False,
    default: Any = dataclasses.MISSING,
) -> Any:
    """A dataclass field that a catalog key sets; the declaration of that key."""
    declared: Declared = {
        "kind": kind,
        "required": required,
        "help": help,
        "key": key,
        "choices": choices,
        "pattern": pattern,
        "record": record,
        "refers_to": refers_to,
        "changeable": changeable,
        "removable": removable,
    }
    return dataclasses.field(default=default, kw_only=kw_only, metadata={DECLARED: declared})


def line_of(key: str) -> Any:
    """A dataclass field holding the line of *key* in the record (the record's line when absent)."""
    return dataclasses.field(metadata={LINE_OF: key})


def origin() -> Any:
    """A dataclass field holding the record's :class:`~.entities.Source`."""
    return dataclasses.field(metadata={ORIGIN: True})


# Fields several records share, as functions: a dataclasses.Field belongs to one class.


def id_field() -> Any:
    return yaml_field(Kind.STRING, "Stable lowercase identifier.", pattern=ID_PATTERN)


def name_field(*, changeable: bool = False) -> Any:
    return yaml_field(Kind.STRING, "Display name.", changeable=changeable)


def section_field(*, changeable: bool = False) -> Any:
    return yaml_field(Kind.STRING, "Survey section number, e.g. 3.1.1.", pattern=SECTION_PATTERN, changeable=changeable)


def description_field(*, changeable: bool = False) -> Any:
    return yaml_field(Kind.TEXT, "What it is, in plain text.", changeable=changeable)


def references_field() -> Any:
    return yaml_field(Kind.STRINGS, "Reference ids cited.", required=False, refers_to="reference")


def note_field() -> Any:
    return yaml_field(Kind.TEXT, "A remark in plain text.", required=False)


def edition_optional(kind: Kind, help: str, *, pattern: str | None = None, default: Any = dataclasses.MISSING) -> Any:
    """An optional field that a later edition may change, or drop (an RFC has no expiry date)."""
    return yaml_field(kind, help, required=False, pattern=pattern, changeable=True, removable=True, default=default)


def pickled_by_position(cls: type[_C]) -> type[_C]:
    """*cls*, a frozen slots dataclass, with a faster ``__setstate__`` than the one dataclasses
    write, which looks the fields up again for every object: an incremental build unpickles every
    record of the catalog with the environment (about 60,000 objects at N = 3000 protocols)."""
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    set_slot = object.__setattr__

    def get_state(self: Any) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in names])

    def set_state(self: Any, state: Sequence[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            set_slot(self, name, value)

    cls.__getstate__ = get_state  # type: ignore[method-assign]
    cls.__setstate__ = set_state  # type: ignore[attr-defined]
    return cls


@dataclass_transform(
    frozen_default=True,
    field_specifiers=(
        dataclasses.field,
        yaml_field,
        line_of,
        origin,
        id_field,
        name_field,
        section_field,
        description_field,
        references_field,
        note_field,
        edition_optional,
    ),
)
def record(name: str | None = None, help: str = "") -> Callable[[type[_C]], type[_C]]:
    """Make a class a record: a frozen dataclass with slots, named *name* in the catalog format and
    described by *help* (one sentence for the format reference and the JSON Schema). Without a
    name, the class is a base that records share fields through."""

    def make(cls: type[_C]) -> type[_C]:
        result = pickled_by_position(dataclass(frozen=True, slots=True)(cls))
        if name is not None:
            result.record_name = name  # type: ignore[attr-defined]
            result.record_help = help  # type: ignore[attr-defined]
        return result

    return make
