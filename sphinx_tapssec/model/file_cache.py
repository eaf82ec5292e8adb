"""What reading each catalog file gave, kept between builds and keyed by the file's content.

Reading a file (parsing its YAML, checking its records against the spec and building the
entities) depends on nothing but its bytes, its path and the extension's code, so a file whose
bytes did not change since the last build need not be read again: at N = 1000 protocols that
is most of the time loading the catalog takes. The checks across files (:mod:`.validate`,
consistency, editions) still run on every load, as they depend on every file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_tapssec.model.problems import Problem

#: Bump when the shape of :class:`FileResult` or of the entities changes within one release.
FORMAT = 1


def digest(content: bytes) -> bytes:
    """The key of a file's content (a collision would need a deliberate attack on BLAKE2)."""
    return hashlib.blake2b(content, digest_size=20).digest()


@dataclass(frozen=True, slots=True)
class FileResult:
    """What reading one catalog file gave."""

    #: :func:`digest` of the file's bytes.
    digest: bytes
    #: The file's checked records, as entities.
    records: tuple[Any, ...]
    #: The problems found in the file alone.
    problems: tuple[Problem, ...]


class FileCache:
    """The results of the last load, and those of this one, by file path."""

    def __init__(self, version: str, previous: dict[str, FileResult] | None = None) -> None:
        #: The extension version the results were made by: another version ignores them.
        self.version = version
        self._previous = previous or {}
        #: The results of this load, the only ones :meth:`write` keeps.
        self.current: dict[str, FileResult] = {}
        #: The files read this load (not taken from the cache), in reading order.
        self.parsed: list[str] = []

    def lookup(self, path: str, key: bytes) -> FileResult | None:
        """The last load's result for *path*, if its content had the digest *key*."""
        found = self._previous.get(path)
        if found is None or found.digest != key:
            return None
        self.current[path] = found
        return found

    def store(self, path: str, result: FileResult) -> None:
        self.current[path] = result
        self.parsed.append(path)

    @property
    def changed(self) -> bool:
        """Whether this load's results differ from the last one's (else the file need not be written)."""
        return bool(self.parsed) or self.current.keys() != self._previous.keys()

    @classmethod
    def read(cls, path: Path, version: str) -> FileCache:
        """The cache saved at *path*; an empty one if there is none, or it is unreadable or of another version."""
        try:
            with path.open("rb") as stream:
                saved_format, saved_version, entries = pickle.load(stream)
        except Exception:  # any unreadable cache (truncated, other classes) is only a miss
            return cls(version)
        if (saved_format, saved_version) != (FORMAT, version) or not isinstance(entries, dict):
            return cls(version)
        return cls(version, entries)

    def write(self, path: Path) -> None:
        """Save this load's results at *path* (whole or not at all: written aside, then renamed)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with partial.open("wb") as stream:
            pickle.dump((FORMAT, self.version, self.current), stream, pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
