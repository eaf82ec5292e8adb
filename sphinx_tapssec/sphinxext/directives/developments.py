"""``.. developments::`` — the dated list of later developments — and the developments' part of
``secproto`` and of ``interface-matrix :proposed:``.

A document depends on the developments' files only where it shows them: a protocol page
with the ``developments`` part on, a list, a matrix with ``:proposed:``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.directives.base import CatalogDirective, id_list
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_catalog, note_sources
from sphinx_tapssec.sphinxext.translations import _

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.model.entities import Development

#: The name of the part of ``secproto`` (and of its ``:hide:`` option) that shows them.
PART = "developments"


class DevelopmentList(CatalogDirective):
    """Every later development of the catalog (or of the ``:protocols:`` given), by date."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "protocols": id_list,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render.developments import development_list

        catalog = self.catalog
        # Any development may join the list, and a new catalog's developments file too.
        self.depend_on_all(list(catalog.developments))
        chosen = list(catalog.developments)
        if "protocols" in self.options:
            keys = self.known_ids("protocol", self.options["protocols"])
            chosen = [d for d in chosen if d.protocol in keys]
        classes = ["tapssec-developments-list", *self.options.get("class", [])]
        if not chosen:
            text = _("No later developments are recorded.")
            return [nodes.paragraph(text, text, classes=[*classes, "tapssec-developments-empty"])]
        schemes = get_config(self.env).url_schemes
        return self.contained([development_list(catalog, chosen, schemes, with_protocol=True)], classes)


def secproto_hidden(directive: SphinxDirective, hidden: frozenset[str]) -> frozenset[str]:
    """The parts a ``secproto`` hides: *hidden*, and the developments when ``tapssec_developments`` is off.

    When the part is shown, the page depends on the developments' files, so a development
    added for this protocol appears (and an edited one changes) on the next build.
    """
    if not get_config(directive.env).developments:
        return hidden | {PART}
    if PART not in hidden:
        note_sources(directive.env, list(get_catalog(directive.env).developments))
    return hidden


def matrix_proposed(directive: CatalogDirective) -> tuple[Development, ...] | None:
    """The developments whose proposals an ``interface-matrix`` with ``:proposed:`` shows (``None`` without it)."""
    if "proposed" not in directive.options:
        return None
    developments = directive.catalog.developments
    directive.depend_on(list(developments))
    return developments


def move_last(content: nodes.Element) -> None:
    """Move the developments block of a ``secproto`` after the directive's own content.

    The catalog's body is inserted before the content a page writes inside the directive;
    the later developments belong after both, since neither is the survey's text either.
    """
    if len(content.children) < 2:
        return  # the catalog's body alone: its last child, the block, is last already
    body = content.children[0]
    if not isinstance(body, nodes.Element):
        return
    blocks = [c for c in body.children if isinstance(c, nodes.container) and "tapssec-developments" in c["classes"]]
    for block in blocks:
        body.remove(block)
        content += block
