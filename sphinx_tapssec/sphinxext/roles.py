"""Inline roles that put computed facts into prose, and the inline claim.

``:tapssec:count:`exposes(SAV)``` renders the number of matching protocols,
``:tapssec:protocols:`exposes(SAV)``` links to each of them, ``:tapssec:interfaces:`wireguard```
lists what one protocol exposes, and ``:tapssec:claim:`text <claim>``` shows *text* and has
the build check *claim* against the catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import ReferenceRole, SphinxRole

from sphinx_tapssec.sphinxext.document_queries import compile_or_warn, exact_line, note_catalog, protocol_links, series
from sphinx_tapssec.sphinxext.domain import normalize
from sphinx_tapssec.sphinxext.domain.doc_records import ClaimRecord
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_catalog, get_domain
from sphinx_tapssec.sphinxext.render.common import xref
from sphinx_tapssec.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.environment import BuildEnvironment

    from sphinx_tapssec.model.entities import Catalog, Protocol


class _CatalogRole(SphinxRole):
    """A role whose output comes from the catalog (so the page depends on every catalog file)."""

    @property
    def catalog(self) -> Catalog:
        return get_catalog(self.env)

    def location(self) -> tuple[str, int]:
        """``(docname, line)`` of the role, to the line inside its paragraph."""
        source, line = self.get_source_info()
        return self.env.docname, exact_line(source or "", line or self.lineno, self.rawtext)

    def failed(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The text as written, marked, after a warning was logged."""
        return [nodes.inline(self.rawtext, self.text, classes=["tapssec-query-error"])], []


class _QueryRole(_CatalogRole):
    """A role whose text is a query: the output shows the protocols that satisfy it."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        query = compile_or_warn(self.text, self.catalog, f"{self.name} role", self.location())
        if query is None:
            return self.failed()
        note_catalog(self.env, self.catalog)
        return [self.show(query.select(self.catalog))], []

    def show(self, protocols: Sequence[Protocol]) -> nodes.Node:
        """The role's output for the matching *protocols*, in catalog order."""
        raise NotImplementedError


class CountRole(_QueryRole):
    """``:tapssec:count:`QUERY``` — how many protocols satisfy QUERY."""

    def show(self, protocols: Sequence[Protocol]) -> nodes.Node:
        return nodes.inline(self.rawtext, str(len(protocols)), classes=["tapssec-count"])


class ProtocolsRole(_QueryRole):
    """``:tapssec:protocols:`QUERY``` — the matching protocols as links, in catalog order."""

    def show(self, protocols: Sequence[Protocol]) -> nodes.Node:
        links = protocol_links(self.catalog, [p.id for p in protocols])
        return nodes.inline(self.rawtext, "", *links, classes=["tapssec-protocols"])


class InterfacesRole(_CatalogRole):
    """``:tapssec:interfaces:`PROTOCOL``` — the interfaces one protocol exposes, as links."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        protocol = self.catalog.protocol(normalize("protocol", self.text))
        if protocol is None:
            missing = self.catalog.missing("protocol", normalize("protocol", self.text))
            warn(f"{self.name} role: {missing}", Subtype.UNKNOWN_PROTOCOL, self.location())
            return self.failed()
        self.env.note_dependency(protocol.source.path)
        links = series([[xref("interface", code)] for code in protocol.interface_codes])
        return [nodes.inline(self.rawtext, "", *links, classes=["tapssec-interfaces"])], []


class ClaimRole(ReferenceRole):
    """``:tapssec:claim:`TEXT <CLAIM>``` — shows TEXT; the build checks CLAIM.

    The claim is only recorded here: it is judged at ``env-check-consistency``, once per
    build, so an unchanged page still fails while the catalog disagrees with it.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        source, line = self.get_source_info()
        lineno = exact_line(source or "", line or self.lineno, self.rawtext)
        docname = self.env.docname
        if not self.has_explicit_title:
            message = f":{self.name}: give the text to show and the claim, as in :{self.name}:`text <claim>`"
            warn(message, Subtype.QUERY_SYNTAX, (docname, lineno))
            return [nodes.inline(self.rawtext, self.text, classes=["tapssec-query-error"])], []
        record_claim(self.env, docname, lineno, self.target)
        return [nodes.inline(self.rawtext, self.title, classes=["tapssec-claim"])], []


def record_claim(env: BuildEnvironment, docname: str, lineno: int, text: str) -> None:
    """Keep a claim for the consistency check, and depend on the catalog it is judged against."""
    get_domain(env).claims.setdefault(docname, []).append(ClaimRecord(lineno, text))
    note_catalog(env, get_catalog(env))
