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
    """``builder-inited``: link the stylesheet and the matrix script from every HTML page, and copy them."""
    if app.builder.format == "html":
        app.add_css_file(CSS_FILE)
        # Deferred: it runs once the page is parsed, and the page renders without it.
        app.add_js_file(JS_FILE, loading_method="defer")
        copy_css(app)


def copy_css(app: Sphinx, exception: Exception | None = None) -> None:
    """Put the stylesheet and the script where the pages link them.

    This runs at ``builder-inited``, before any page is written: a page links an asset with a
    checksum of its copy in ``_static`` (``tapssec.css?v=...``) when that copy exists, so copying
    at ``build-finished`` made a clean build's pages differ from the same pages written again
    by an incremental build.
    """
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        for name in (CSS_FILE, JS_FILE):
            # Our own files: replacing an older copy in _static is expected, not a conflict.
            copy_asset_file(STATIC_DIR / name, static / name, force=True)
