"""Project-wide checks, run once all documents are read: claims and coverage.

They run at ``env-check-consistency`` (after parallel reads are merged) rather than in
directives, because a directive sees only its own document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.coverage import find_gaps, report_text
from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.document_queries import describe_error
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain
from sphinx_tapssec.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def check_claims(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: judge every claim of the project against the catalog."""
    domain = get_domain(env)
    if not any(domain.claims.values()):
        return
    from sphinx_tapssec.query import QueryError, check_claim  # only projects with claims need it

    for docname in sorted(domain.claims):
        for record in domain.claims[docname]:
            location = (docname, record.lineno)
            try:
                result = check_claim(record.text, domain.catalog)
            except QueryError as error:
                warn(f"claim: {describe_error(error, record.text)}", error.subtype, location)
                continue
            if not result.holds:
                warn(f"false claim {record.text!r}: {result.message}", Subtype.FALSE_CLAIM, location)


def check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: report catalog entries the project leaves undocumented."""
    config = get_config(env)
    if not config.coverage:
        return
    domain = get_domain(env)
    gaps = find_gaps(domain.catalog, set(domain.objects), domain.citations, config.coverage)
    if config.catalog is None and not config.coverage_bundled:
        # A project that embeds the bundled survey answers for what it claims, not for the
        # survey's records it chose not to show.
        bundled = f"{bundled_catalog().resolve()}{os.sep}"
        gaps = [gap for gap in gaps if not gap.location.startswith(bundled)]
    for gap in gaps:
        warn(gap.message, Subtype.COVERAGE, gap.location)
    if config.coverage_report:
        path = Path(app.outdir) / config.coverage_report
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_text(gaps, config.coverage), encoding="utf-8")
