"""``tapssec refresh-status``: recompute a catalog's ``status.yaml`` from the RFC Editor's ``rfc-index.xml``.

The index is a local file (nothing is fetched). It is read as a stream, and a file that
declares a DOCTYPE or an entity is refused, so that no entity can be expanded. No Sphinx here.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

import yaml

from sphinx_tapssec.model.catalog_location import bundled_catalog, catalog_directory_problem
from sphinx_tapssec.model.entities import Catalog, Reference, ReferenceStatus, Source, StatusIndex
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.plural import plural
from sphinx_tapssec.model.reference_status import rfc_number

if TYPE_CHECKING:
    from collections.abc import Iterator

NAMESPACE = "https://www.rfc-editor.org/rfc-index"
#: What ``source`` says in a refreshed ``status.yaml``.
SOURCE = "the RFC Editor's rfc-index.xml"
STATUS_FILE = "status.yaml"
HEADER = (
    "# yaml-language-server: $schema=./schema/tapssec-catalog.schema.json\n"
    "# What became of the cited IETF documents: the RFCs that obsolete or update each cited RFC,\n"
    "# and the RFC each cited Internet-Draft was published as. The index lists only the immediately\n"
    "# succeeding RFCs. Refresh with `tapssec refresh-status rfc-index.xml --write`.\n"
)
#: Markup that would let a file declare entities; refused wherever it appears.
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_DRAFT_VERSION = re.compile(r"-[0-9]{2}$")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class BadIndexError(Exception):
    """The index cannot be read, or is not an rfc-index.xml (exit status 2)."""


@dataclass(frozen=True)
class IndexEntry:
    """What the index says of one RFC."""

    doc_id: str
    obsoleted_by: tuple[str, ...]
    updated_by: tuple[str, ...]
    #: The Internet-Draft the RFC was published from, without its version.
    draft: str | None


@dataclass
class RfcIndex:
    """The RFCs of the index, by number, and by the draft each was published from."""

    by_number: dict[int, IndexEntry] = field(default_factory=dict)
    by_draft: dict[str, IndexEntry] = field(default_factory=dict)
    #: The index's date (an attribute ``date`` of its root element), when it gives one.
    date: str | None = None


class _Guarded:
    """A binary file that refuses DOCTYPE and ENTITY declarations as they are read."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        # The end of the previous chunk, so a marker split across two reads is still seen.
        self.tail = b""
        self.first = True

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if self.first and (data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]):
            # UTF-16 or UTF-32: the markers below would not be seen as bytes.
            raise BadIndexError("the index is not UTF-8 (rfc-index.xml is)")
        self.first = False
        window = (self.tail + data).upper()
        for marker in _FORBIDDEN:
            if marker in window:
                raise BadIndexError(f"the index declares {marker[2:].decode()}; refused (rfc-index.xml has none)")
        self.tail = window[-(max(map(len, _FORBIDDEN)) - 1) :]
        return data


def _local(tag: str) -> tuple[str, str]:
    """``(namespace, local name)`` of an ElementTree tag."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _entry(element: ET.Element, namespace: str) -> IndexEntry | None:
    prefix = f"{{{namespace}}}" if namespace else ""

    def ids(container: str) -> tuple[str, ...]:
        return tuple(
            (item.text or "").strip() for item in element.findall(f"{prefix}{container}/{prefix}doc-id") if item.text
        )

    doc_id = (element.findtext(f"{prefix}doc-id") or "").strip()
    if rfc_number(doc_id) is None:
        return None
    draft = (element.findtext(f"{prefix}draft") or "").strip()
    return IndexEntry(doc_id, ids("obsoleted-by"), ids("updated-by"), _DRAFT_VERSION.sub("", draft) or None)


def _elements(path: Path) -> Iterator[tuple[str, ET.Element]]:
    try:
        with path.open("rb") as raw:
            yield from ET.iterparse(_Guarded(raw), events=("start", "end"))
    except OSError as error:
        raise BadIndexError(f"cannot read {path}: {error.strerror or error}") from None
    except ET.ParseError as error:
        raise BadIndexError(f"{path} is not well-formed XML: {error}") from None


def read_index(path: Path) -> RfcIndex:
    """The RFC entries of an ``rfc-index.xml``; :class:`BadIndexError` when it is not one."""
    index = RfcIndex()
    root_namespace: str | None = None
    for event, element in _elements(path):
        namespace, name = _local(element.tag)
        if root_namespace is None:
            if name != "rfc-index" or namespace not in (NAMESPACE, ""):
                raise BadIndexError(f"{path} is not an RFC Editor index: its root is <{name}>, not <rfc-index>")
            root_namespace = namespace
            date = element.get("date", "")
            index.date = date if _DATE.fullmatch(date) else None
        if event == "end" and name == "rfc-entry" and namespace == root_namespace:
            entry = _entry(element, namespace)
            if entry is not None:
                index.by_number[rfc_number(entry.doc_id) or 0] = entry
                if entry.draft:
                    index.by_draft[entry.draft] = entry
            # The index has tens of thousands of entries: keep none of them in memory.
            element.clear()
    if root_namespace is None:
        raise BadIndexError(f"{path} is empty")
    if not index.by_number:
        raise BadIndexError(f"{path} has no <rfc-entry> elements")
    return index


def _draft_name(reference: Reference) -> str:
    return reference.draft or "draft-" + reference.id.removeprefix("I-D.")


def refresh(catalog: Catalog, index: RfcIndex, as_of: str) -> tuple[StatusIndex, list[str]]:
    """The catalog's status as *index* gives it, and the RFC references the index lacks.

    A note of the old status is kept; an RFC the index lacks keeps its old entry.
    """
    old = catalog.status
    entries: list[ReferenceStatus] = []
    missing: list[str] = []
    for reference in catalog.references:
        before = old.of(reference.id) if old else None
        note = before.note if before else None
        source = Source(STATUS_FILE, 0)
        if reference.kind == "rfc":
            number = reference.rfc if reference.rfc is not None else rfc_number(reference.id)
            found = index.by_number.get(number) if number is not None else None
            if found is None:
                missing.append(reference.id)
                if before is not None:
                    entries.append(before)
                continue
            entries.append(ReferenceStatus(reference.id, found.obsoleted_by, found.updated_by, None, note, source))
        elif reference.kind == "internet-draft":
            published = index.by_draft.get(_draft_name(reference))
            published_as = published.doc_id if published else None
            entries.append(ReferenceStatus(reference.id, (), (), published_as, note, source))
    status = StatusIndex(as_of, SOURCE, tuple(entries), Source(STATUS_FILE, 0))
    return status, missing


def _relation_changes(reference: str, name: str, before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    lines = [f"{reference}: {name} + {doc_id}" for doc_id in after if doc_id not in before]
    return lines + [f"{reference}: {name} - {doc_id}" for doc_id in before if doc_id not in after]


def changes(old: StatusIndex | None, new: StatusIndex) -> list[str]:
    """One line per difference, e.g. ``RFC8446: obsoleted_by + RFC9846``."""
    lines = []
    if old is None:
        lines.append(f"{STATUS_FILE}: new file")
    else:
        lines += [
            f"{key}: {a} -> {b}"
            for key, a, b in (("as_of", old.as_of, new.as_of), ("source", old.read_from, new.read_from))
            if a != b
        ]
    new_ids = {entry.reference for entry in new.entries}
    for entry in new.entries:
        before = old.of(entry.reference) if old else None
        if before is None:
            lines.append(f"{entry.reference}: new entry")
        previous = before or ReferenceStatus(entry.reference, (), (), None, None, entry.source)
        lines += _relation_changes(entry.reference, "obsoleted_by", previous.obsoleted_by, entry.obsoleted_by)
        lines += _relation_changes(entry.reference, "updated_by", previous.updated_by, entry.updated_by)
        if previous.published_as != entry.published_as:
            lines.append(
                f"{entry.reference}: published_as {previous.published_as or '-'} -> {entry.published_as or '-'}"
            )
    lines += [
        f"{entry.reference}: entry removed" for entry in (old.entries if old else ()) if entry.reference not in new_ids
    ]
    return lines


def _scalar(value: str) -> str:
    """*value* as a YAML scalar: plain when it reads back as the same string, else double-quoted."""
    if value.strip() == value and "\n" not in value and ": " not in value and " #" not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    # JSON strings are YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False)


def status_text(status: StatusIndex) -> str:
    """``status.yaml`` holding *status*, always written the same way."""
    lines = [
        "status:",
        f"  as_of: {json.dumps(status.as_of)}",
        f"  source: {_scalar(status.read_from)}",
        "  entries:",
    ]
    for entry in status.entries:
        lines.append(f"    - reference: {_scalar(entry.reference)}")
        for name, ids in (("obsoleted_by", entry.obsoleted_by), ("updated_by", entry.updated_by)):
            if ids:
                lines.append(f"      {name}: [{', '.join(map(_scalar, ids))}]")
        if entry.published_as:
            lines.append(f"      published_as: {_scalar(entry.published_as)}")
        if entry.note:
            lines.append(f"      note: {_scalar(' '.join(entry.note.split()))}")
    return HEADER + "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def run(args: argparse.Namespace) -> int:
    """The command: 0 without problems, 1 with problems, 2 when the index or the catalog cannot be used."""
    directory = Path(args.catalog) if args.catalog else bundled_catalog()
    unusable = catalog_directory_problem(directory)
    if unusable:
        print(f"tapssec refresh-status: {unusable}", file=sys.stderr)
        return 2
    try:
        index = read_index(Path(args.index))
    except BadIndexError as error:
        print(f"tapssec refresh-status: {error}", file=sys.stderr)
        return 2
    loaded = load_catalog([directory])
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    as_of = args.as_of or index.date or datetime.date.today().isoformat()
    status, missing = refresh(loaded.catalog, index, as_of)
    for reference_id in missing:
        print(f"tapssec refresh-status: {reference_id} is not in the index; its entry is kept", file=sys.stderr)
    differences = changes(loaded.catalog.status, status)
    for line in differences:
        print(line)
    path = directory / STATUS_FILE
    count = plural(len(differences), "change")
    if args.write:
        _write(path, status_text(status))
        print(f"tapssec refresh-status: {count}; wrote {path}", file=sys.stderr)
    else:
        print(f"tapssec refresh-status: {count}; --write updates {path}", file=sys.stderr)
    return 1 if loaded.problems or missing else 0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``refresh-status`` subcommand."""
    command = commands.add_parser(
        "refresh-status", help="recompute the catalog's status.yaml from a local copy of the RFC Editor's rfc-index.xml"
    )
    command.add_argument(
        "index", metavar="INDEX", help="path of rfc-index.xml (https://www.rfc-editor.org/rfc-index.xml)"
    )
    command.add_argument("--catalog", metavar="DIR", help="catalog directory (default: the bundled survey catalog)")
    command.add_argument("--as-of", metavar="YYYY-MM-DD", type=_date, help="date of the index (default: today)")
    command.add_argument(
        "--write", action="store_true", help="rewrite DIR/status.yaml (default: only print the changes)"
    )
    command.set_defaults(run=run)


def _date(text: str) -> str:
    if not _DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}")
    return text
