"""sphinx-tapssec: the IETF TAPS transport-security survey as living Sphinx documentation.

:func:`setup` is the table of contents of everything the extension adds to a Sphinx build;
the code lives in :mod:`sphinx_tapssec.sphinxext` (see ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when the shape of the domain data changes, so stale environments are rebuilt.
ENV_VERSION = 13


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the options, the domain, its directives and roles, the nodes, transforms and handlers."""
    # Imported here so that importing ``sphinx_tapssec`` (the CLI, the model) never imports Sphinx.
    from sphinx_tapssec.sphinxext import config, nodes, transforms, translations
    from sphinx_tapssec.sphinxext import roles as r
    from sphinx_tapssec.sphinxext.directives import by_name
    from sphinx_tapssec.sphinxext.directives.overview import note_sphinx_design
    from sphinx_tapssec.sphinxext.domain import TapssecDomain
    from sphinx_tapssec.sphinxext.lifecycle import (
        catalog_loading,
        gc_pause,
        home_links,
        html_assets,
        incremental,
        obsolete_citations,
        project_checks,
    )
    from sphinx_tapssec.sphinxext.render.matrix_text import PlainTextMatrix

    # Options and words.
    config.register(app)
    app.connect("config-inited", config.check)
    app.add_message_catalog(translations.MESSAGE_CATALOG, str(translations.LOCALE_DIR))

    # The domain. Its object roles (proto, iface, ref, ...) are declared on TapssecDomain.
    app.add_domain(TapssecDomain)
    for name, directive in by_name.DOMAIN_DIRECTIVES.items():
        app.add_directive_to_domain("tapssec", name, directive)
    for name, directive in by_name.TOP_LEVEL_DIRECTIVES.items():
        app.add_directive(name, directive)
    query_roles = {"count": r.CountRole(), "protocols": r.ProtocolsRole(), "interfaces": r.InterfacesRole()}
    for name, role in {**query_roles, "claim": r.ClaimRole()}.items():
        app.add_role_to_domain("tapssec", name, role)

    # Nodes that reach a writer, with a visitor for every builder that can meet them.
    app.add_node(nodes.exposure_mark, html=(nodes.visit_exposure_mark_html, None))
    app.add_node(nodes.matrix_labels, html=(nodes.visit_matrix_labels_html, None))
    as_entry = (nodes.visit_header_entry, nodes.depart_header_entry)
    app.add_node(
        nodes.header_entry,
        html=(nodes.visit_header_entry_html, nodes.depart_header_entry),
        latex=as_entry,
        text=as_entry,
        man=as_entry,
        texinfo=as_entry,
    )
    no_picture = (nodes.visit_stack_drawing_text, None)
    app.add_node(
        nodes.stack_drawing,
        html=(nodes.visit_stack_drawing_html, None),
        latex=(nodes.visit_stack_drawing_latex, None),
        text=no_picture,
        man=no_picture,
        texinfo=no_picture,
    )
    app.add_post_transform(transforms.DropScreenReaderText)
    app.add_post_transform(transforms.LabelMatrixNotesInLatex)
    app.add_post_transform(PlainTextMatrix)
    # A stack diagram's picture or its text form, by output format (each transform names its formats).
    app.add_post_transform(transforms.StackDiagramInHtml)
    app.add_post_transform(transforms.StackDiagramInLatex)
    app.add_post_transform(transforms.StackDiagramAsText)

    # The build's life, in the order Sphinx runs it. Handlers of one event run in the order
    # they are connected here, unless a priority says otherwise.
    app.connect("config-inited", html_assets.add_static_path)
    app.connect("builder-inited", catalog_loading.load)
    app.connect("builder-inited", note_sphinx_design)
    app.connect("env-get-outdated", catalog_loading.outdated_by_new_files)
    app.connect("env-get-outdated", incremental.outdated)
    # note_citations reads what note_linked_records stored, so it is connected after it.
    app.connect("doctree-read", incremental.note_linked_records)
    app.connect("doctree-read", obsolete_citations.note_citations)
    app.connect("env-updated", home_links.publish_labels)
    app.connect("env-check-consistency", project_checks.check_claims)
    app.connect("env-check-consistency", project_checks.check_coverage)
    app.connect("env-check-consistency", obsolete_citations.check_obsolete_citations)
    # Before intersphinx's handler (priority 500), which would answer with the inventory's
    # display name and whatever URL it holds.
    app.connect("missing-reference", home_links.resolve_home, priority=400)
    pause = gc_pause.ParallelWriteGcPause()
    app.connect("write-started", pause.start)
    app.connect("html-page-context", html_assets.link_page_assets)
    # Before other build-finished handlers, so that one that raises cannot leave the collector off.
    app.connect("build-finished", pause.finish, priority=10)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
