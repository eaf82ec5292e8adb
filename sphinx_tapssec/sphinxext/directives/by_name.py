"""Every directive of the extension under the names documents use (the table ``setup()`` registers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_tapssec.sphinxext.directives.catalog_format import CatalogFormat
from sphinx_tapssec.sphinxext.directives.claims import ClaimDirective
from sphinx_tapssec.sphinxext.directives.consistency import ConsistencyNotes, ConsistencyRules
from sphinx_tapssec.sphinxext.directives.developments import DevelopmentList
from sphinx_tapssec.sphinxext.directives.edition_diff import EditionDiff
from sphinx_tapssec.sphinxext.directives.interface_matrix import InterfaceMatrix
from sphinx_tapssec.sphinxext.directives.lists import OmittedProtocols, ProtocolList, ReferenceList, TransportDeps
from sphinx_tapssec.sphinxext.directives.objects import (
    CategoryDirective,
    InterfaceDirective,
    PhaseDirective,
    SecProto,
    TransportDirective,
)
from sphinx_tapssec.sphinxext.directives.overview import ProtocolOverview
from sphinx_tapssec.sphinxext.directives.query_reference import QueryReference
from sphinx_tapssec.sphinxext.directives.stack_diagram import StackDiagram
from sphinx_tapssec.sphinxext.directives.taps_mapping import TapsMappingTable

if TYPE_CHECKING:
    from docutils.parsers.rst import Directive

#: The ``tapssec`` domain's directives: ``.. tapssec:interface-matrix::`` and so on.
DOMAIN_DIRECTIVES: dict[str, type[Directive]] = {
    # Catalog entries, each described where it is written.
    "protocol": SecProto,
    "interface": InterfaceDirective,
    "category": CategoryDirective,
    "phase": PhaseDirective,
    "transport": TransportDirective,
    # Views of the whole catalog.
    "interface-matrix": InterfaceMatrix,
    "transport-deps": TransportDeps,
    "protocol-list": ProtocolList,
    "reference-list": ReferenceList,
    "omitted-protocols": OmittedProtocols,
    "protocol-overview": ProtocolOverview,
    "stack-diagram": StackDiagram,
    "edition-diff": EditionDiff,
    "taps-mapping": TapsMappingTable,
    "developments": DevelopmentList,
    # Checks and references for authors.
    "claim": ClaimDirective,
    "consistency-notes": ConsistencyNotes,
    "consistency-rules": ConsistencyRules,
    "catalog-format": CatalogFormat,
    "query-reference": QueryReference,
}

#: Short names outside the domain: ``.. secproto::`` and every directive above except the
#: entries' ``protocol``, ``category``, ``phase`` and ``transport``, which are too common as
#: words to take from a host's namespace.
TOP_LEVEL_DIRECTIVES: dict[str, type[Directive]] = {
    "secproto": SecProto,
    **{
        name: directive
        for name, directive in DOMAIN_DIRECTIVES.items()
        if name not in {"protocol", "category", "phase", "transport"}
    },
}
