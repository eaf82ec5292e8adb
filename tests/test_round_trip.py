"""Export then load gives back the whole catalog: every record and every field (no Sphinx)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from sphinx_tapssec.model.entities import Catalog, Source
from sphinx_tapssec.model.export import to_catalog_files
from sphinx_tapssec.model.fields import LINE_OF
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.spec import FILES

REPO = Path(__file__).resolve().parent.parent
#: Where a catalog was read, which an export cannot keep: the file names it was read from.
_WHERE = frozenset({"files"})


def comparable(value: Any) -> Any:
    """*value* with every dataclass as a dict of its fields, without where it was read (sources,
    lines of keys, file names), which depends on how the YAML is laid out."""
    if isinstance(value, Source):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: comparable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init and LINE_OF not in f.metadata and f.name not in _WHERE
        }
    if isinstance(value, tuple):
        return tuple(comparable(item) for item in value)
    return value


def round_trip(catalog: Catalog, directory: Path) -> Catalog:
    for name, text in to_catalog_files(catalog).items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = load_catalog([directory])
    assert result.problems == ()
    return result.catalog


@pytest.mark.parametrize("catalog_dir", ["catalog", "docs/snippets/own-catalog"])
def test_export_then_load_gives_the_same_catalog(catalog_dir: str, tmp_path: Path) -> None:
    before = load_catalog([REPO / catalog_dir])
    assert before.problems == ()
    after = round_trip(before.catalog, tmp_path)
    assert comparable(after) == comparable(before.catalog)


def test_the_real_catalog_exercises_every_file() -> None:
    """The round trip above covers every kind of file, so no file can be dropped unnoticed."""
    catalog = load_catalog([REPO / "catalog"]).catalog
    empty = [spec.pattern for spec in FILES if getattr(catalog, spec.attribute) in (None, ())]
    assert empty == []


def test_a_dropped_field_is_noticed(tmp_path: Path) -> None:
    """The comparison sees a difference in a nested, optional field (a TAPS construct's section)."""
    catalog = load_catalog([REPO / "catalog"]).catalog
    assert catalog.taps is not None
    mapping = next(m for m in catalog.taps.mappings if m.constructs)
    changed = dataclasses.replace(mapping, constructs=mapping.constructs[1:])
    taps = dataclasses.replace(
        catalog.taps, mappings=tuple(changed if m is mapping else m for m in catalog.taps.mappings)
    )
    after = round_trip(dataclasses.replace(catalog, taps=taps), tmp_path)
    assert comparable(after) != comparable(catalog)
    assert comparable(after) == comparable(dataclasses.replace(catalog, taps=taps))


def test_text_of_several_lines_is_written_as_a_block() -> None:
    catalog = load_catalog([REPO / "catalog"]).catalog
    tls = to_catalog_files(catalog)["protocols/tls.yaml"]
    assert "description: |-\n  TLS [RFC8446] gives two endpoints" in tls
