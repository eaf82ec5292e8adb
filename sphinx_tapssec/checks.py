"""Project-wide checks, run once all documents are read: claims and coverage.

They run at ``env-check-consistency`` (after parallel reads are merged) rather than in
directives, because a directive sees only its own document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_tapssec.catalog_loading import get_domain
from sphinx_tapssec.config import get_config
from sphinx_tapssec.coverage import find_gaps, report_text
from sphinx_tapssec.paths import bundled_catalog
from sphinx_tapssec.querying import describe_error
from sphinx_tapssec.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def register(app: Sphinx) -> None:
    """Add the query roles, the claim and consistency directives, and the checks' event handlers."""
    from sphinx_tapssec.directives.claims import ClaimDirective
    from sphinx_tapssec.directives.consistency import ConsistencyNotes, ConsistencyRules
    from sphinx_tapssec.directives.query_reference import QueryReference
    from sphinx_tapssec.roles import ClaimRole, CountRole, InterfacesRole, ProtocolsRole

    directives = {
        "claim": ClaimDirective,
        "consistency-notes": ConsistencyNotes,
        "consistency-rules": ConsistencyRules,
        "query-reference": QueryReference,
    }
    for name, directive in directives.items():
        app.add_directive_to_domain("tapssec", name, directive)
        app.add_directive(name, directive)
    roles = {"count": CountRole(), "protocols": ProtocolsRole(), "interfaces": InterfacesRole(), "claim": ClaimRole()}
    for name, role in roles.items():
        app.add_role_to_domain("tapssec", name, role)
    app.connect("env-check-consistency", check_claims)
    app.connect("env-check-consistency", check_coverage)


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
