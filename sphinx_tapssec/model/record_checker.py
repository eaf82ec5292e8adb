"""Check one YAML record against its :mod:`.spec`, keeping what is valid and reporting the rest."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from sphinx_tapssec.model.located_yaml import LocatedList, LocatedMap
from sphinx_tapssec.model.problems import Problem, Subtype
from sphinx_tapssec.model.spec import RECORDS, Field, Kind, Record
from sphinx_tapssec.model.suggest import close_match


class Checked(dict[str, Any]):
    """A record's valid fields; ``line`` is where the record starts."""

    line: int
    #: The line of each key of the record.
    key_lines: dict[str, int]


def record_id(data: Any) -> str | None:
    """The id (or interface code) a raw record gives itself, if it gives one."""
    if isinstance(data, LocatedMap):
        for key in ("id", "code"):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def record_name(record: str, data: Any, fallback: str) -> str:
    """How messages name a record: by its id or code (``interface 'RK'``), else by *fallback*."""
    key = record_id(data)
    return fallback if key is None else f"{record.replace('_', ' ')} {key!r}"


@dataclass
class RecordChecker:
    """Checks records of one file, collecting problems located in it."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    #: Indexes in :attr:`problems` of the problems that cost a record a required field.
    fatal: list[int] = field(default_factory=list)

    def report(self, line: int, subtype: Subtype, message: str) -> None:
        self.problems.append(Problem(self.path, line, subtype, message))

    def check(self, spec: Record, data: Any, line: int, what: str) -> Checked | None:
        """The checked record, or ``None`` (reported) when it cannot be used."""
        if not isinstance(data, LocatedMap):
            self.fatal.append(len(self.problems))
            self.report(line, Subtype.INVALID_VALUE, f"{what} must be a mapping, not {_kind_of(data)}")
            return None
        for key, key_line in data.duplicates:
            self.report(key_line, Subtype.INVALID_VALUE, f"{what}: key {key!r} is given twice; the first is kept")
        typos = self._unknown_fields(spec, data, what)
        result = Checked()
        result.line = data.line
        result.key_lines = dict(data.key_lines)
        usable = True
        for spec_field in spec.fields:
            if spec_field.name not in data:
                if spec_field.required:
                    self._missing(spec_field.name, data, typos, what)
                    usable = False
                continue
            before, fatal_before = len(self.problems), len(self.fatal)
            value_line = data.key_lines[spec_field.name]
            value = self._value(spec_field, data[spec_field.name], value_line, f"{what}.{spec_field.name}")
            if value is not None:
                result[spec_field.name] = value
            elif spec_field.required:
                self.fatal.append(before)
                usable = False
            else:
                del self.fatal[fatal_before:]  # losing an optional field costs the record nothing
        return result if usable else None

    def _unknown_fields(self, spec: Record, data: LocatedMap, what: str) -> dict[str, str]:
        """Report the keys *spec* does not define; return ``{required field: key}`` for likely typos of
        required fields that are missing, which :meth:`_missing` reports as one problem."""
        unknown = [key for key in data if key not in spec.names]
        if not unknown:
            return {}
        names = [f.name for f in spec.fields]
        missing = {f.name for f in spec.fields if f.required and f.name not in data}
        typos: dict[str, str] = {}
        for key in unknown:
            guess = close_match(key, names)
            if guess in missing and guess not in typos:
                typos[guess] = key
                continue
            hint = f"did you mean {guess!r}?" if guess else f"known: {', '.join(names)}"
            self.report(data.key_lines[key], Subtype.UNKNOWN_FIELD, f"{what}: unknown field {key!r} ({hint}); ignored")
        return typos

    def _missing(self, name: str, data: LocatedMap, typos: dict[str, str], what: str) -> None:
        self.fatal.append(len(self.problems))
        typo = typos.get(name)
        if typo is None:
            self.report(data.line, Subtype.MISSING_FIELD, f"{what}: missing required field {name!r}")
            return
        self.report(
            data.key_lines[typo],
            Subtype.UNKNOWN_FIELD,
            f"{what}: unknown field {typo!r} (did you mean {name!r}?), and the required {name!r} is missing",
        )

    def skipped(self, since: int, what: str) -> str | None:
        """Say in the first problem reported after index *since* that it made *what* skipped; its location."""
        first = min((index for index in self.fatal if index >= since), default=None)
        if first is None:
            return None
        problem = self.problems[first]
        self.problems[first] = dataclasses.replace(problem, message=f"{problem.message}; {what} is skipped")
        return problem.location

    def _value(self, spec_field: Field, value: Any, line: int, what: str) -> Any:
        if spec_field.kind in (Kind.RECORD, Kind.RECORDS, Kind.EXPOSURES):
            return self._nested(spec_field, value, line, what)
        converted = _convert(spec_field.kind, value)
        if converted is None:
            self.report(
                line, Subtype.INVALID_VALUE, f"{what} must be {_expected(spec_field.kind)}, not {_kind_of(value)}"
            )
            return None
        if not (spec_field.choices or spec_field.regex):
            return converted
        if isinstance(converted, str) and not self._string_ok(spec_field, converted, line, what):
            return None
        if isinstance(converted, tuple):
            return tuple(item for item in converted if self._string_ok(spec_field, item, line, what))
        return converted

    def _string_ok(self, spec_field: Field, value: str, line: int, what: str) -> bool:
        if spec_field.choices and value not in spec_field.choices:
            allowed = ", ".join(spec_field.choices)
            self.report(line, Subtype.INVALID_VALUE, f"{what}: {value!r} is not one of {allowed}")
            return False
        if spec_field.regex and not spec_field.regex.fullmatch(value):
            self.report(line, Subtype.INVALID_VALUE, f"{what}: {value!r} does not match {spec_field.pattern}")
            return False
        return True

    def _nested(self, spec_field: Field, value: Any, line: int, what: str) -> Any:
        assert spec_field.record is not None
        spec = RECORDS[spec_field.record]
        if spec_field.kind is Kind.RECORD:
            return self.check(spec, value, line, what)
        if not isinstance(value, LocatedList):
            self.report(line, Subtype.INVALID_VALUE, f"{what} must be a list, not {_kind_of(value)}")
            return None
        items = []
        fatal_before = len(self.fatal)
        for index, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True)):
            if spec_field.kind is Kind.EXPOSURES and isinstance(item, str):
                # A bare code is shorthand for an exposure without a qualifier.
                item = _bare_exposure(item, item_line)
            key = record_id(item)  # an item is named by its id or code where it has one
            checked = self.check(spec, item, item_line, f"{what}[{index if key is None else repr(key)}]")
            if checked is not None:
                items.append(checked)
        del self.fatal[fatal_before:]  # a dropped item leaves the list, and the record holding it, usable
        return tuple(items)


def _bare_exposure(code: str, line: int) -> LocatedMap:
    mapping = LocatedMap(code=code)
    mapping.line, mapping.key_lines, mapping.duplicates = line, {"code": line}, []
    return mapping


def _convert(kind: Kind, value: Any) -> Any:
    """*value* as the Python type of *kind*, or ``None`` when it has the wrong type."""
    if kind in (Kind.STRING, Kind.TEXT):
        if isinstance(value, datetime.date):
            return value.isoformat()  # YAML reads 2020-04-23 as a date; the catalog keeps text.
        return value.strip() if isinstance(value, str) and value.strip() else None
    if kind is Kind.INTEGER:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind is Kind.BOOLEAN:
        return value if isinstance(value, bool) else None
    if kind is Kind.STRINGS:
        if isinstance(value, list) and all(isinstance(item, str) and item for item in value):
            return tuple(value)
        return None
    raise AssertionError(kind)


def _expected(kind: Kind) -> str:
    return {
        Kind.STRING: "a non-empty string (quote numbers such as section numbers)",
        Kind.TEXT: "non-empty text",
        Kind.INTEGER: "an integer",
        Kind.BOOLEAN: "true or false",
        Kind.STRINGS: "a list of non-empty strings",
    }[kind]


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"[:80]
