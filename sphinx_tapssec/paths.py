"""Where the bundled survey catalog is (no Sphinx import: the CLI uses it)."""

from __future__ import annotations

from pathlib import Path


def bundled_catalog() -> Path:
    """The survey catalog shipped with the package.

    A wheel carries it as ``sphinx_tapssec/_catalog``; a source checkout (and an
    editable install) has it beside the package as ``catalog/``.
    """
    package = Path(__file__).parent
    inside = package / "_catalog"
    return inside if inside.is_dir() else package.parent / "catalog"
