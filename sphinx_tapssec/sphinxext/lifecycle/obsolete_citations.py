"""Reference status in the build: when :confval:`tapssec_obsolete_citations` is on, each
citation of an obsoleted document is reported.

Where a page cites what is recorded when it is read (``doctree-read``); the warnings are given
at ``env-check-consistency``, after parallel reads are merged, so they come on every build (an
unchanged page is not read again), the way false claims do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils.utils import get_source_line
from sphinx import addnodes

from sphinx_tapssec.model.reference_status import obsolete_message
from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain
from sphinx_tapssec.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Domain data key: docname -> ((reference id, line), ...), in document order, without repeats.
CITED_AT = "cited_at"


def note_citations(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: keep where each citation is, when the warning is on.

    (The page's dependency on ``status.yaml`` is noted with its other catalog files, by
    :func:`sphinx_tapssec.sphinxext.lifecycle.incremental.note_linked_records`.)
    """
    env = app.env
    domain = get_domain(env)
    if domain.catalog.status is None or not get_config(env).obsolete_citations or not domain.citations.get(env.docname):
        return
    places: dict[tuple[str, int], None] = {}
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") == "tapssec" and node.get("reftype") == "ref":
            places[str(node["reftarget"]), get_source_line(node)[1] or 0] = None
    domain.data.setdefault(CITED_AT, {})[env.docname] = tuple(places)


def check_obsolete_citations(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: warn at each citation of a reference the status marks obsoleted."""
    if not get_config(env).obsolete_citations:
        return
    domain = get_domain(env)
    catalog = domain.catalog
    cited_at: dict[str, tuple[tuple[str, int], ...]] = domain.data.get(CITED_AT, {})
    for docname in sorted(cited_at):
        for reference_id, line in cited_at[docname]:
            reference = catalog.reference(reference_id)
            status = catalog.reference_status(reference_id)
            if reference is not None and status is not None and status.obsoleted_by:
                warn(obsolete_message(reference, status), Subtype.OBSOLETE_CITATION, (docname, line))
