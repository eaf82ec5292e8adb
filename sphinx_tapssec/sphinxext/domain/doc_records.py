"""Per-document records the checks need after reading: the claims a page makes, the references it cites.

They live in the domain's data, keyed by docname, so that ``clear_doc`` forgets a document
when it is read again and ``merge_domaindata`` brings the records of parallel readers home.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple


class ClaimRecord(NamedTuple):
    """A claim written in a document, checked once all documents are read."""

    #: Source line of the role or directive.
    lineno: int
    #: The claim as written, e.g. ``only dtls, quic, ipsec, wireguard: exposes(SAV)``.
    text: str


#: Domain data keys holding ``{docname: records}``; ``catalog_wide`` marks documents that
#: render every record of a kind, re-read when a catalog file is added or removed; ``views``
#: what a document shows of each protocol; ``absent`` the entries it names that the catalog lacks
#: (see :mod:`..lifecycle.incremental`).
PER_DOC_KEYS = ("claims", "citations", "catalog_wide", "selections", "cited_at", "views", "absent")


def clear(data: dict[str, Any], docname: str) -> None:
    """Forget what *docname* recorded."""
    for key in PER_DOC_KEYS:
        data.setdefault(key, {}).pop(docname, None)


def merge(data: dict[str, Any], docnames: AbstractSet[str], other: dict[str, Any]) -> None:
    """Copy the records of *docnames* from a parallel reader's *other* data."""
    for key in PER_DOC_KEYS:
        ours = data.setdefault(key, {})
        for docname, records in other.get(key, {}).items():
            if docname in docnames:
                ours[docname] = records
