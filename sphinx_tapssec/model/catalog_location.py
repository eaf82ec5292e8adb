"""Where the bundled survey catalog is (no Sphinx import: the CLI uses it)."""

from __future__ import annotations

from pathlib import Path


def bundled_catalog() -> Path:
    """The survey catalog shipped with the package.

    A wheel carries it as ``sphinx_tapssec/_catalog``; a source checkout (and an
    editable install) has it beside the package as ``catalog/``.
    """
    package = Path(__file__).parents[1]
    inside = package / "_catalog"
    return inside if inside.is_dir() else package.parent / "catalog"


#: What the messages say about a directory that is not a catalog's.
NO_CATALOG_FILE = "holds no catalog file (such as interfaces.yaml or protocols/*.yaml)"


def catalog_directory_problem(directory: Path) -> str | None:
    """Why *directory* cannot be a catalog directory (missing, not a directory, no catalog file), or None."""
    # Imported here: the model is not needed to locate the bundled catalog.
    from sphinx_tapssec.model.spec import catalog_files

    if not directory.exists():
        return f"catalog directory not found: {directory}"
    if not directory.is_dir():
        return f"not a directory: {directory}"
    if not catalog_files(directory):
        return f"{directory} {NO_CATALOG_FILE}"
    return None


def empty_catalog_message(option: str, directory: Path) -> str:
    """The build's warning for a catalog directory *option* names that holds no catalog file."""
    return f"{option}: {directory} {NO_CATALOG_FILE}; is it the catalog's directory?"
