"""The catalog cache: between builds, a catalog file whose content did not change is not read again."""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
import time
from typing import TYPE_CHECKING

import pytest
from helpers import copy_root, rebuild

from sphinx_tapssec.catalog_loading import CACHE_NAME
from sphinx_tapssec.model.file_cache import FileCache
from sphinx_tapssec.model.loader import load_catalog

if TYPE_CHECKING:
    from pathlib import Path

#: The catalog files of test-incremental.
FILES = 9


def _touch(path: Path) -> None:
    later = max(time.time(), path.stat().st_mtime) + 10
    os.utime(path, (later, later))


def _read_counts(status: str) -> tuple[int, int]:
    """(files read, files in the catalog) from the status line of the build's catalog load."""
    match = re.search(r"tapssec: (\d+) of (\d+) catalog files read", status)
    assert match, status
    return int(match.group(1)), int(match.group(2))


@pytest.fixture
def project(rootdir: Path, tmp_path: Path) -> Path:
    """A copy of ``test-incremental``, built once (every catalog file read)."""
    srcdir = copy_root(rootdir, "incremental", tmp_path)
    _, warnings, status = rebuild(srcdir)
    assert warnings == []
    assert _read_counts(status) == (FILES, FILES)
    return srcdir


def _cache_path(srcdir: Path) -> Path:
    return srcdir / "_build" / "doctrees" / CACHE_NAME


def test_changed_file_alone_is_read_again(project: Path) -> None:
    alpha = project / "catalog" / "protocols" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("name: Alpha\n", "name: Alphabet\n"), encoding="utf-8")
    _touch(alpha)
    read, warnings, status = rebuild(project)
    assert warnings == []
    assert _read_counts(status) == (1, FILES)
    assert "proto" in read
    assert "Alphabet" in (project / "_build" / "html" / "proto.html").read_text(encoding="utf-8")


def test_touched_but_unchanged_file_is_not_read_again(project: Path) -> None:
    _touch(project / "catalog" / "protocols" / "beta.yaml")
    _, warnings, status = rebuild(project)
    assert warnings == []
    assert _read_counts(status) == (0, FILES)


def test_unchanged_catalog_is_not_loaded_at_all(project: Path) -> None:
    _, warnings, status = rebuild(project)
    assert warnings == []
    assert "tapssec: loading the catalog" not in status


def test_cached_problems_are_reported_again(project: Path) -> None:
    gamma = project / "catalog" / "protocols" / "gamma.yaml"
    gamma.write_text(gamma.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    _touch(gamma)
    _, first, status = rebuild(project)
    assert _read_counts(status) == (1, FILES)
    _touch(project / "catalog" / "protocols" / "beta.yaml")
    _, second, status = rebuild(project)
    assert _read_counts(status) == (0, FILES)
    assert len(first) == 1
    assert "gamma.yaml:" in first[0]
    assert "tapssec.unknown_field" in first[0]
    assert second == first


def test_other_extension_version_reads_everything(project: Path) -> None:
    path = _cache_path(project)
    with path.open("rb") as stream:
        form, _, entries = pickle.load(stream)
    with path.open("wb") as stream:
        pickle.dump((form, "0.0.0-other", entries), stream)
    _touch(project / "catalog" / "protocols" / "beta.yaml")
    _, warnings, status = rebuild(project)
    assert warnings == []
    assert _read_counts(status) == (FILES, FILES)


def _poison(path: Path, catalog_file: Path, name: str) -> None:
    """Make the cache at *path* hold, for *catalog_file*'s current content, records named *name*."""
    with path.open("rb") as stream:
        form, version, entries = pickle.load(stream)
    entry = entries[str(catalog_file)]
    records = tuple(dataclasses.replace(record, name=name) for record in entry.records)
    entries[str(catalog_file)] = dataclasses.replace(entry, records=records)
    with path.open("wb") as stream:
        pickle.dump((form, version, entries), stream)


def test_clean_build_ignores_a_stale_cache(project: Path) -> None:
    """A fresh environment (here ``-E``) reads every file, even with a cache claiming to hold them."""
    alpha = project / "catalog" / "protocols" / "alpha.yaml"
    proto = project / "_build" / "html" / "proto.html"
    _poison(_cache_path(project), alpha, "Stale")
    # An incremental build trusts the cache (which is how the poison shows it is used)...
    _touch(alpha)
    _, warnings, status = rebuild(project)
    assert _read_counts(status) == (0, FILES)
    assert "Stale" in proto.read_text(encoding="utf-8")
    # ...a build with a fresh environment does not.
    _poison(_cache_path(project), alpha, "Stale")
    _, warnings, status = rebuild(project, freshenv=True)
    assert warnings == []
    assert _read_counts(status) == (FILES, FILES)
    assert "Stale" not in proto.read_text(encoding="utf-8")
    assert "Alpha" in proto.read_text(encoding="utf-8")


def test_catalog_from_the_cache_equals_the_catalog_read(rootdir: Path, tmp_path: Path) -> None:
    """The model alone: the second load reads only the changed file and gives what a fresh load gives."""
    catalog_dir = copy_root(rootdir, "incremental", tmp_path) / "catalog"
    first = FileCache("1")
    assert len(load_catalog([catalog_dir], cache=first).parsed) == FILES
    beta = catalog_dir / "protocols" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("name: Beta\n", "name: Bet\n"), encoding="utf-8")
    second = FileCache("1", first.current)
    cached = load_catalog([catalog_dir], cache=second)
    assert cached.parsed == (str(beta),)
    assert second.changed
    fresh = load_catalog([catalog_dir])
    assert cached.catalog == fresh.catalog
    assert cached.problems == fresh.problems
    assert len(fresh.parsed) == FILES
