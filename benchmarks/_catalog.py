"""Write a synthetic catalog as catalog files: the model's own export, with the schema comment editors read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_tapssec.model.export import record_yaml, to_catalog_files

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx_tapssec.model.entities import Catalog, Protocol


def _header(name: str) -> str:
    """The comment that points an editor at the schema, relative to the file *name*."""
    return f"# yaml-language-server: $schema={'../' * name.count('/')}schema/tapssec-catalog.schema.json\n"


def protocol_yaml(protocol: Protocol) -> str:
    """One ``protocols/<id>.yaml`` file."""
    return _header("protocols/") + record_yaml(protocol)


def write_catalog(catalog: Catalog, directory: Path) -> None:
    """The catalog files under *directory* (``protocols/`` holds one file per protocol)."""
    for name, text in to_catalog_files(catalog).items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_header(name) + text, encoding="utf-8")
