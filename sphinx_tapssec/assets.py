"""The extension's stylesheet: declared for HTML builders and copied into ``_static``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CSS_FILE = "tapssec.css"
STATIC_DIR = Path(__file__).parent / "static"


def add_css(app: Sphinx) -> None:
    """``builder-inited``: link the stylesheet from every HTML page."""
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)


def copy_css(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: put the stylesheet where the pages link it."""
    if exception is None and app.builder.format == "html":
        copy_asset_file(STATIC_DIR / CSS_FILE, Path(app.outdir) / "_static")
