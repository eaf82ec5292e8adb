"""The catalog cache: between builds, a catalog file whose content did not change is not read again."""

from __future__ import annotations

import dataclasses
import pickle
import re
from typing import TYPE_CHECKING

from helpers import append, edit, rebuild, root_catalog, touch

from sphinx_tapssec.model.file_cache import FileCache, FileResult
from sphinx_tapssec.model.loader import load_catalog

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: The catalog files of test-incremental.
FILES = 9
#: The catalog cache: path -> what reading the file gave.
Entries = dict[str, FileResult]


def _read_counts(status: str) -> tuple[int, int]:
    """(files read, files in the catalog) from the status line of the build's catalog load."""
    match = re.search(r"tapssec: (\d+) of (\d+) catalog files read", status)
    assert match, status
    return int(match.group(1)), int(match.group(2))


def _edit_cache(
    srcdir: Path, change: Callable[[str, dict[str, FileResult]], tuple[str, dict[str, FileResult]]]
) -> None:
    """Apply *change* to the catalog cache saved with the environment of *srcdir*'s last build."""
    path = srcdir / "_build" / "doctrees" / "environment.pickle"
    with path.open("rb") as stream:
        env = pickle.load(stream)
    holder = env.domaindata["tapssec"]["file_cache"]
    holder.value = change(*holder.value)
    with path.open("wb") as stream:
        pickle.dump(env, stream, pickle.HIGHEST_PROTOCOL)


def test_changed_file_alone_is_read_again(incremental_project: Path) -> None:
    alpha = incremental_project / "catalog" / "protocols" / "alpha.yaml"
    edit(alpha, "name: Alpha\n", "name: Alphabet\n")
    read, warnings, status = rebuild(incremental_project)
    assert warnings == []
    assert _read_counts(status) == (1, FILES)
    assert "proto" in read
    assert "Alphabet" in (incremental_project / "_build" / "html" / "proto.html").read_text(encoding="utf-8")


def test_touched_but_unchanged_file_is_not_read_again(incremental_project: Path) -> None:
    touch(incremental_project / "catalog" / "protocols" / "beta.yaml")
    _, warnings, status = rebuild(incremental_project)
    assert warnings == []
    assert _read_counts(status) == (0, FILES)


def test_unchanged_catalog_is_not_loaded_at_all(incremental_project: Path) -> None:
    _, warnings, status = rebuild(incremental_project)
    assert warnings == []
    assert "tapssec: loading the catalog" not in status


def test_cached_problems_are_reported_again(incremental_project: Path) -> None:
    beta = incremental_project / "catalog" / "protocols" / "beta.yaml"
    append(beta, "colour: blue\n")
    touch(beta)
    read, first, status = rebuild(incremental_project)
    assert _read_counts(status) == (1, FILES)
    # The environment, and the cache with it, is saved when a document was read again.
    assert read
    touch(incremental_project / "catalog" / "protocols" / "alpha.yaml")
    _, second, status = rebuild(incremental_project)
    assert _read_counts(status) == (0, FILES)
    assert len(first) == 1
    assert "beta.yaml:" in first[0]
    assert "tapssec.unknown_field" in first[0]
    assert second == first


def test_other_extension_version_reads_everything(incremental_project: Path) -> None:
    _edit_cache(incremental_project, lambda _, entries: ("0.0.0-other", entries))
    touch(incremental_project / "catalog" / "protocols" / "beta.yaml")
    _, warnings, status = rebuild(incremental_project)
    assert warnings == []
    assert _read_counts(status) == (FILES, FILES)


def _poison(srcdir: Path, catalog_file: Path, name: str) -> None:
    """Make the cache hold, for *catalog_file*'s current content, records named *name*."""

    def change(version: str, entries: dict[str, FileResult]) -> tuple[str, dict[str, FileResult]]:
        entry = entries[str(catalog_file)]
        records = tuple(dataclasses.replace(record, name=name) for record in entry.records)
        return version, {**entries, str(catalog_file): dataclasses.replace(entry, records=records)}

    _edit_cache(srcdir, change)


def test_clean_build_ignores_a_stale_cache(incremental_project: Path) -> None:
    """A fresh environment (here ``-E``) reads every file, even with a cache claiming to hold them."""
    alpha = incremental_project / "catalog" / "protocols" / "alpha.yaml"
    proto = incremental_project / "_build" / "html" / "proto.html"
    _poison(incremental_project, alpha, "Stale")
    # An incremental build trusts the cache (which is how the poison shows it is used)...
    touch(alpha)
    _, warnings, status = rebuild(incremental_project)
    assert _read_counts(status) == (0, FILES)
    assert "Stale" in proto.read_text(encoding="utf-8")
    # ...a build with a fresh environment does not.
    _, warnings, status = rebuild(incremental_project, freshenv=True)
    assert warnings == []
    assert _read_counts(status) == (FILES, FILES)
    assert "Stale" not in proto.read_text(encoding="utf-8")
    assert "Alpha" in proto.read_text(encoding="utf-8")


def test_catalog_from_the_cache_equals_the_catalog_read(tmp_path: Path) -> None:
    """The model alone: the second load reads only the changed file and gives what a fresh load gives."""
    catalog_dir = root_catalog("incremental", tmp_path)
    first = FileCache()
    assert len(load_catalog([catalog_dir], cache=first).parsed) == FILES
    beta = catalog_dir / "protocols" / "beta.yaml"
    edit(beta, "name: Beta\n", "name: Bet\n")
    second = FileCache(first.current)
    cached = load_catalog([catalog_dir], cache=second)
    assert cached.parsed == (str(beta),)
    fresh = load_catalog([catalog_dir])
    assert cached.catalog == fresh.catalog
    assert cached.problems == fresh.problems
    assert len(fresh.parsed) == FILES
