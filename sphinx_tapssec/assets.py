"""The extension's stylesheet and matrix script: declared for HTML builders and copied into ``_static``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CSS_FILE = "tapssec.css"
#: Progressive enhancement of ``table.tapssec-matrix``: filters, highlights, tooltips, keyboard.
JS_FILE = "tapssec-matrix.js"
STATIC_DIR = Path(__file__).parent / "static"


def add_css(app: Sphinx) -> None:
    """``builder-inited``: link the stylesheet and the matrix script from every HTML page."""
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)
        # Deferred: it runs once the page is parsed, and the page renders without it.
        app.add_js_file(JS_FILE, loading_method="defer")


def copy_css(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: put the stylesheet and the script where the pages link them."""
    if exception is None and app.builder.format == "html":
        for name in (CSS_FILE, JS_FILE):
            # Our own files: replacing an older copy in _static is expected, not a conflict.
            copy_asset_file(STATIC_DIR / name, Path(app.outdir) / "_static", force=True)
