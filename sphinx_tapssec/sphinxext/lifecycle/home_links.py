"""Links home: a catalog entry this project does not describe links to the survey site that does.

The domain resolves a reference to an entry a local page describes. For an entry of the catalog
that no local page describes, it returns nothing, so Sphinx emits ``missing-reference``; this
handler, connected before intersphinx's own, looks the entry up in the intersphinx inventories
(only in :confval:`tapssec_home_inventory` when it is set). The link keeps the local text and
tooltip, and is dropped when the inventory's URL is not a web address or a relative path.
Without a home, the entry stays plain text with no warning, ``nitpicky`` included.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes

from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.domain import KINDS, ROLE_KIND, canonical, display_name, normalize
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

INTERSPHINX = "sphinx.ext.intersphinx"
#: Schemes an inventory's URL may use; a URL without a scheme is relative to the inventory's base.
_SCHEMES = frozenset({"http", "https", ""})
#: The characters RFC 3986 allows in a URI (unreserved, reserved and percent signs).
_URI = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_SCRIPT = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)


def resolve_home(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """``missing-reference``: a known entry with no local description links home, or stays text."""
    found = _entry_of(env, node)
    if found is None:
        return None
    kind, key = found
    domain = get_domain(env)
    if node.get("reftype") == "any" and not node.get("refexplicit"):
        # The same text as the specific role would write.
        contnode[:] = [nodes.Text(display_name(domain.catalog, kind, key) or key)]
    if INTERSPHINX not in app.extensions:
        # Most links of a project that describes only some entries end here: no copy of the node.
        return contnode
    query = node.deepcopy()
    query.update_all_atts({"refdomain": "tapssec", "reftype": KINDS[kind][0], "reftarget": key}, replace=True)
    link = _from_inventory(app, env, query, contnode)
    if link is None or not safe_inventory_uri(link.get("refuri", "")):
        return contnode
    link["reftitle"] = domain.link_title(kind, key)
    return link


def _entry_of(env: BuildEnvironment, node: pending_xref) -> tuple[str, str] | None:
    """``(kind, key)`` of the catalog entry *node* refers to: a ``tapssec`` role's, or an ``:any:`` target."""
    target = node.get("reftarget", "")
    if node.get("refdomain") == "tapssec":
        kind = ROLE_KIND.get(node.get("reftype", ""))
        return (kind, target) if kind is not None else None
    if node.get("reftype") != "any":
        return None
    catalog = get_domain(env).catalog
    for kind in KINDS:
        key = canonical(catalog, kind, normalize(kind, target))
        if catalog.has(kind, key):
            return kind, key
    return None


def _from_inventory(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """The reference intersphinx makes for *node* in the home inventory (or any), with our text."""
    from sphinx.ext.intersphinx import inventory_exists, resolve_reference_in_inventory
    from sphinx.ext.intersphinx._resolve import resolve_reference_any_inventory

    # Explicit, so that intersphinx keeps our text (the local catalog's display name) instead of
    # the inventory's, which another site wrote.
    query = node.deepcopy()
    query["refexplicit"] = True
    home = get_config(env).home_inventory
    if home is None:
        return resolve_reference_any_inventory(env, True, query, contnode)
    if not inventory_exists(env, home):
        return None
    return resolve_reference_in_inventory(env, home, query, contnode)


def publish_labels(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: each described entry is also a ``std:label`` named like its anchor.

    A project without the extension can then link to it with plain intersphinx
    (``:external+tapssec:ref:`tapssec-protocol-quic```), titled with the entry's display name.
    Done once the reads are merged, so only the description that won a duplicate is published;
    a docutils target could not carry the title, hence the standard domain's own method.
    """
    domain = get_domain(env)
    labels = env.domains.standard_domain
    for (kind, key), entry in sorted(domain.objects.items()):
        if labels.anonlabels.get(entry.node_id) != (entry.docname, entry.node_id):
            title = display_name(domain.catalog, kind, key) or key
            labels.note_hyperlink_target(entry.node_id, entry.docname, entry.node_id, title)
    return []


def safe_inventory_uri(uri: str) -> bool:
    """Whether an inventory's *uri* may become a link.

    It must be http(s) or relative, made only of the characters a URI may hold, with no
    ``javascript:``, ``vbscript:`` or ``data:`` in a path segment or the fragment (intersphinx
    joins an inventory's location to its base, so that is where another site's URL would be).
    """
    if not _URI.fullmatch(uri):
        return False
    parts = urlsplit(uri)
    if parts.scheme.lower() not in _SCHEMES:
        return False
    return not any(_SCRIPT.match(piece) for piece in [*parts.path.split("/"), parts.fragment])
