"""What reading each catalog file gave, kept between builds and keyed by the file's content.

Reading a file (parsing its YAML, checking its records against the spec and building the
entities) depends on nothing but its bytes, its path and the extension's code, so a file whose
bytes did not change since the last build need not be read again: at N = 1000 protocols that
is most of the time loading the catalog takes. The checks across files (:mod:`.cross_record_checks`,
consistency, editions) still run on every load, as they depend on every file.

The Sphinx side keeps the results in the domain's data (:mod:`sphinx_tapssec.sphinxext.lifecycle.catalog_loading`),
so they are saved with the environment, sharing the records the catalog holds too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sphinx_tapssec.model.fields import pickled_by_position
from sphinx_tapssec.model.problems import Problem


def digest(content: bytes) -> bytes:
    """The key of a file's content (a collision would need a deliberate attack on BLAKE2)."""
    return hashlib.blake2b(content, digest_size=20).digest()


@pickled_by_position
@dataclass(frozen=True, slots=True)
class FileResult:
    """What reading one catalog file gave."""

    #: :func:`digest` of the file's bytes.
    digest: bytes
    #: The file's checked records, as entities.
    records: tuple[Any, ...]
    #: The problems found in the file alone.
    problems: tuple[Problem, ...]
    #: The records the file drops for an error, as ``(record kind, id, location)``, so that later
    #: references to them say "skipped because of <location>" (see the loader).
    skipped: tuple[tuple[str, str, str], ...] = ()


class FileCache:
    """The results of the last load, and those of this one, by file path."""

    def __init__(self, previous: dict[str, FileResult] | None = None) -> None:
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
