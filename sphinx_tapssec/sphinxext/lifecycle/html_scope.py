"""``scope`` attributes on the header cells of interface matrices, in HTML output only.

Docutils has no way to say that a ``<th>`` heads a column or a row, and the matrix must
be a correct data table without JavaScript: screen readers announce the protocol and the
interface of every cell from these attributes. A custom HTML translator could write them,
but themes (pydata-sphinx-theme, for one) install translators of their own, and
per-builder visitors for standard nodes would fight them. So the rendered body of each
page is post-processed instead, touching nothing but the ``<th>`` start tags inside
``<table class="... tapssec-matrix ...">`` elements; LaTeX, text and man never see it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sphinx_tapssec.sphinxext.lifecycle.html_assets import link_assets

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: One matrix table, from its start tag to its end tag (matrices never nest tables).
_MATRIX = re.compile(r"<table\b[^>]*\bclass=\"(?:[^\"]*\s)?tapssec-matrix[\s\"][^>]*>.*?</table>", re.DOTALL)
_TH = re.compile(r"<th\b(?![^>]*\bscope=)([^>]*)>")
_CLASS = re.compile(r"\bclass=\"([^\"]*)\"")


def _scoped(match: re.Match[str]) -> str:
    attributes = match.group(1)
    found = _CLASS.search(attributes)
    classes = found.group(1).split() if found else []
    # The header row's cells head columns (the corner cell included); a body row's stub heads its row.
    scope = "row" if "stub" in classes and "head" not in classes else "col"
    return f'<th scope="{scope}"{attributes}>'


def add_scopes(html: str) -> str:
    """*html* with ``scope`` on every ``<th>`` of every matrix that lacks one."""
    return _MATRIX.sub(lambda table: _TH.sub(_scoped, table.group(0)), html)


def on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``: add the scopes to the page body before the template renders it,
    and link the extension's assets from the pages that need them."""
    body = context.get("body")
    if not isinstance(body, str):
        return
    link_assets(app, body)
    if "tapssec-matrix" in body:
        context["body"] = add_scopes(body)
