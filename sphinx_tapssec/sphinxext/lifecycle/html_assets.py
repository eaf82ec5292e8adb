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
STATIC_DIR = Path(__file__).parents[2] / "static"


def add_css(app: Sphinx) -> None:
    """``builder-inited``: copy the stylesheet and the matrix script for HTML builders.

    They are linked per page, by :func:`link_assets`, only from the pages that hold the extension's output.
    """
    if app.builder.format == "html":
        copy_css(app)


def link_assets(app: Sphinx, body: str) -> None:
    """Link the stylesheet from a page whose *body* holds the extension's output, and the script
    from one that holds a matrix (Sphinx resets a page's assets before each page)."""
    if "tapssec" not in body:
        return
    app.add_css_file(CSS_FILE)
    if "tapssec-matrix" in body:
        # Deferred: it runs once the page is parsed, and the page renders without it.
        app.add_js_file(JS_FILE, loading_method="defer")


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
