"""``.. claim::`` — a fact stated in prose, checked against the catalog at build time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_tapssec.sphinxext.roles import record_claim

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec


class ClaimDirective(SphinxDirective):
    """States a claim; its content, if any, renders as ordinary body text.

    Without content the claim shows nothing and works like a doctest of the catalog. The
    claim is judged at ``env-check-consistency`` (see :mod:`sphinx_tapssec.sphinxext.lifecycle.project_checks`).
    """

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        claim = " ".join(self.arguments[0].split())
        record_claim(self.env, self.env.docname, self.lineno, claim)
        return self.parse_content_to_nodes() if self.content else []
