"""The extension's stylesheet and matrix script: copied by Sphinx from ``html_static_path``, linked per page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CSS_FILE = "tapssec.css"
#: Progressive enhancement of ``table.tapssec-matrix``: filters, highlights, tooltips, keyboard.
JS_FILE = "tapssec-matrix.js"
STATIC_DIR = Path(__file__).parents[2] / "static"


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: have HTML builders copy :data:`STATIC_DIR` into ``_static``, as a project's own
    ``html_static_path`` is (the way sphinx-copybutton and sphinx-design ship theirs).

    Sphinx copies static files before it writes any page, so each page links an asset with the
    checksum of the copy it will find (``tapssec.css?v=...``), in clean and incremental builds
    alike. The folder goes first, so a file of the same name in the project's own static path
    wins. The option gets a new list, so the list ``conf.py`` holds is not changed in place.

    It is added when the configuration is read, before the pickled environment's configuration is
    compared with it: added later, every incremental build said "The configuration has changed
    (1 option: 'html_static_path')". Other builders ignore the option.
    """
    config.html_static_path = [str(STATIC_DIR), *config.html_static_path]


def link_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``: link the stylesheet from a page whose body holds the extension's output,
    and the script from one that holds a matrix.

    Sphinx adds a file that ``add_css_file``/``add_js_file`` name during this event to this page
    only, so the other pages of a host project stay as they were.
    """
    body = context.get("body")
    if not isinstance(body, str) or "tapssec" not in body:
        return
    app.add_css_file(CSS_FILE)
    if "tapssec-matrix" in body:
        # Deferred: it runs once the page is parsed, and the page renders without it.
        app.add_js_file(JS_FILE, loading_method="defer")
