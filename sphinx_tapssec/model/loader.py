"""Load catalog directories into a :class:`~.entities.Catalog`, reporting every problem."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_tapssec.model.builders import build
from sphinx_tapssec.model.consistency import check_consistency
from sphinx_tapssec.model.cross_record_checks import validate
from sphinx_tapssec.model.entities import Catalog, section_key
from sphinx_tapssec.model.file_cache import FileCache, FileResult, digest
from sphinx_tapssec.model.located_yaml import LocatedList, LocatedMap, YamlError, parse
from sphinx_tapssec.model.problems import Problem, Subtype
from sphinx_tapssec.model.record_checker import RecordChecker, record_id, record_name
from sphinx_tapssec.model.spec import FILES, RECORDS, FileSpec, Record, catalog_files
from sphinx_tapssec.model.suggest import did_you_mean
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES

#: Files larger than this are refused before parsing (a catalog file is a few kilobytes).
MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A catalog with the problems found while loading and validating it."""

    catalog: Catalog
    problems: tuple[Problem, ...]
    #: The files read and checked by this load; with a cache, the others were unchanged.
    parsed: tuple[str, ...] = ()


#: Wraps the files of one directory while they are read, e.g. to show progress; it must yield them all.
Progress = Callable[[list[tuple[FileSpec, Path]]], Iterable[tuple[FileSpec, Path]]]


def load_catalog(
    directories: Sequence[Path],
    url_schemes: Sequence[str] = DEFAULT_SCHEMES,
    *,
    progress: Progress | None = None,
    cache: FileCache | None = None,
) -> LoadResult:
    """Load and validate the catalog held by *directories*, later ones adding to earlier ones.

    With a *cache*, a file whose content it holds is not read again; it then holds this load's files.
    """
    cache = cache if cache is not None else FileCache()
    records: dict[str, list[Any]] = {spec.attribute: [] for spec in FILES}
    problems: list[Problem] = []
    files: list[str] = []
    skipped: list[tuple[str, str, str]] = []
    for directory in directories:
        if not directory.is_dir():
            problems.append(Problem(str(directory), 0, Subtype.CATALOG, "catalog directory not found"))
            continue
        in_directory = catalog_files(directory)
        for file_spec, path in progress(in_directory) if progress else in_directory:
            files.append(str(path))
            result = _load_file(file_spec, path, cache)
            records[file_spec.attribute].extend(result.records)
            problems.extend(result.problems)
            skipped.extend(result.skipped)
    by_attribute: dict[str, Any] = {
        spec.attribute: _one(records[spec.attribute]) if spec.single else tuple(records[spec.attribute])
        for spec in FILES
    }
    raw = Catalog(**by_attribute, files=tuple(files), skipped=tuple(skipped))
    catalog, found = validate(raw, url_schemes)
    catalog = dataclasses.replace(
        catalog, protocols=tuple(sorted(catalog.protocols, key=lambda p: section_key(p.section)))
    )
    catalog, inconsistent = check_consistency(catalog)
    edition_problems: tuple[Problem, ...] = ()
    if catalog.editions:  # the editions code is imported by the catalogs that have editions alone
        from sphinx_tapssec.model.editions import check_editions

        catalog, edition_problems = check_editions(catalog)
    later = _without_follow_ons(catalog, found + inconsistent + edition_problems)
    return LoadResult(catalog, tuple(problems) + later, tuple(cache.parsed))


def _one(records: list[Any]) -> Any:
    """The record of a file that holds one (the first, when several directories give it)."""
    return records[0] if records else None


#: The subtypes that say an id names no record, by the kind of record.
_UNKNOWN_KIND = {
    Subtype.UNKNOWN_INTERFACE: "interface",
    Subtype.UNKNOWN_CATEGORY: "category",
    Subtype.UNKNOWN_PHASE: "phase",
    Subtype.UNKNOWN_TRANSPORT: "transport",
    Subtype.UNKNOWN_REFERENCE: "reference",
}


def _without_follow_ons(catalog: Catalog, problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """*problems* without those that only follow from a file that could not be read: while
    interfaces.yaml has a syntax error, every interface code is unknown, and saying so again and
    again would bury the one message that matters."""
    if not any(catalog.unreadable(kind) for kind in _UNKNOWN_KIND.values()):
        return problems
    return tuple(
        problem
        for problem in problems
        if not (
            catalog.unreadable(_UNKNOWN_KIND.get(problem.subtype, ""))
            # A query naming an id of an unreadable file, e.g. in rules.yaml.
            or problem.subtype is Subtype.UNKNOWN_NAME
        )
    )


def _load_file(file_spec: FileSpec, path: Path, cache: FileCache) -> FileResult:
    """The records and problems of one file: from *cache* if it holds the file's content, else read."""
    checker = RecordChecker(str(path))
    content = _content(path, checker)
    key = b"" if content is None else digest(content)
    if content is not None and (cached := cache.lookup(str(path), key)) is not None:
        return cached
    skipped: list[tuple[str, str, str]] = []
    checked_records = _file_records(file_spec, path, content, checker, skipped)
    records = tuple(build(file_spec.record, checked, str(path)) for checked in checked_records)
    result = FileResult(key, records, tuple(checker.problems), tuple(skipped))
    if content is not None:
        cache.store(str(path), result)
    return result


def _content(path: Path, checker: RecordChecker) -> bytes | None:
    """The bytes of *path*, or ``None`` (reported) when it cannot be read or is too large."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            checker.report(0, Subtype.YAML, f"file is larger than {MAX_FILE_BYTES} bytes; skipped")
            return None
        return path.read_bytes()
    except OSError as error:
        checker.report(0, Subtype.CATALOG, f"cannot read file: {error.strerror}")
        return None


def _read(content: bytes | None, checker: RecordChecker) -> Any:
    if content is None:
        return None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        checker.report(line, Subtype.YAML, "file is not UTF-8 text")
        return None
    try:
        return parse(text)
    except YamlError as error:
        checker.report(error.line, Subtype.YAML, error.message)
        return None


def _file_records(
    file_spec: FileSpec, path: Path, content: bytes | None, checker: RecordChecker, skipped: list[tuple[str, str, str]]
) -> Iterable[Any]:
    """The checked records of one file; the ids of records it drops are added to *skipped*."""
    data = _read(content, checker)
    if data is None:
        if not checker.problems:
            checker.report(0, Subtype.YAML, "file is empty")
        # A protocol file is named after its protocol; a file of many records stands for all of them.
        skipped.append((file_spec.record, path.stem if file_spec.key is None else "", checker.problems[0].location))
        return []
    spec = RECORDS[file_spec.record]
    if file_spec.key is None:
        return _checked(checker, spec, data, getattr(data, "line", 1), file_spec.record, skipped)
    if not isinstance(data, LocatedMap) or file_spec.key not in data:
        checker.report(1, Subtype.INVALID_VALUE, f"expected a mapping with the key {file_spec.key!r}")
        return []
    for key in data:
        if key != file_spec.key:
            hint = did_you_mean(key, [file_spec.key])
            checker.report(data.key_lines[key], Subtype.UNKNOWN_FIELD, f"unknown top-level key {key!r}{hint}")
    for key, line in data.duplicates:
        checker.report(line, Subtype.INVALID_VALUE, f"top-level key {key!r} is given twice; the second is ignored")
    value, line = data[file_spec.key], data.key_lines[file_spec.key]
    if not file_spec.many:
        return _checked(checker, spec, value, line, file_spec.record, skipped)
    if not isinstance(value, LocatedList):
        checker.report(line, Subtype.INVALID_VALUE, f"{file_spec.key!r} must be a list of records")
        return []
    return [
        record
        for index, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True))
        for record in _checked(checker, spec, item, item_line, f"{file_spec.key}[{index}]", skipped)
    ]


def _checked(
    checker: RecordChecker, spec: Record, data: Any, line: int, fallback: str, skipped: list[tuple[str, str, str]]
) -> list[Any]:
    """The record checked, in a list, or an empty list after saying once that it is skipped."""
    what = record_name(spec.name, data, fallback)
    since = len(checker.problems)
    record = checker.check(spec, data, line, what)
    if record is not None:
        return [record]
    location, key = checker.skipped(since, what), record_id(data)
    if location is not None and key is not None:
        skipped.append((spec.name, key, location))
    return []
