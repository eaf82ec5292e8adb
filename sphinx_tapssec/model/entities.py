"""The catalog as frozen dataclasses: cheap to pickle, compare and share between processes.

The records live in :mod:`._survey_records` (the survey's own content) and
:mod:`._companion_records` (what is kept with it), the catalog in :mod:`._catalog`; this module
is where the rest of the code imports them from.
"""

from __future__ import annotations

from sphinx_tapssec.model._catalog import Catalog, section_key
from sphinx_tapssec.model._companion_records import (
    Change,
    ConsistencyNote,
    Development,
    DevelopmentSource,
    Edition,
    Proposal,
    ReferenceStatus,
    Rule,
    StatusIndex,
    TapsApi,
    TapsConstruct,
    TapsMapping,
)
from sphinx_tapssec.model._survey_records import (
    CITATION,
    MAPPING_CLASS,
    SPECIFIC_CLASS,
    Author,
    Category,
    Dependency,
    Exposure,
    Heading,
    Interface,
    Omitted,
    Phase,
    Protocol,
    Reference,
    Source,
    Structure,
    Survey,
    Transport,
    TransportNeeds,
)

__all__ = [
    "CITATION",
    "MAPPING_CLASS",
    "SPECIFIC_CLASS",
    "Author",
    "Catalog",
    "Category",
    "Change",
    "ConsistencyNote",
    "Dependency",
    "Development",
    "DevelopmentSource",
    "Edition",
    "Exposure",
    "Heading",
    "Interface",
    "Omitted",
    "Phase",
    "Proposal",
    "Protocol",
    "Reference",
    "ReferenceStatus",
    "Rule",
    "Source",
    "StatusIndex",
    "Structure",
    "Survey",
    "TapsApi",
    "TapsConstruct",
    "TapsMapping",
    "Transport",
    "TransportNeeds",
    "section_key",
]
