"""sphinx-tapssec: the IETF TAPS transport-security survey as living Sphinx documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when the shape of the domain data changes, so stale environments are rebuilt.
ENV_VERSION = 8


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the domain, directives, options and event handlers."""
    # Imported here so that ``sphinx_tapssec.model`` and the CLI never import Sphinx.
    from sphinx_tapssec import (
        assets,
        catalog_loading,
        checks,
        config,
        dependencies,
        gc_pause,
        home_links,
        html_scope,
        messages,
        obsolete,
    )
    from sphinx_tapssec.directives.catalog_format import CatalogFormat
    from sphinx_tapssec.directives.developments import DevelopmentList
    from sphinx_tapssec.directives.edition_diff import EditionDiff
    from sphinx_tapssec.directives.interface_matrix import InterfaceMatrix
    from sphinx_tapssec.directives.lists import OmittedProtocols, ProtocolList, ReferenceList, TransportDeps
    from sphinx_tapssec.directives.objects import (
        CategoryDirective,
        InterfaceDirective,
        PhaseDirective,
        SecProto,
        TransportDirective,
    )
    from sphinx_tapssec.directives.overview import ProtocolOverview, note_sphinx_design
    from sphinx_tapssec.directives.stack_diagram import StackDiagram
    from sphinx_tapssec.directives.taps_mapping import TapsMappingTable
    from sphinx_tapssec.domain import TapssecDomain
    from sphinx_tapssec.nodes import (
        exposure_mark,
        matrix_labels,
        stack_drawing,
        visit_exposure_mark_html,
        visit_matrix_labels_html,
        visit_stack_drawing_html,
        visit_stack_drawing_latex,
        visit_stack_drawing_text,
    )
    from sphinx_tapssec.render.matrix_text import PlainTextMatrix
    from sphinx_tapssec.transforms import ChooseStackDiagram, DropScreenReaderText

    # No other extension is loaded into the host: the stack diagram is drawn by the extension
    # itself, and the protocol-overview cards use sphinx-design only where the project loads it
    # (see directives/overview.py).
    config.register(app)
    messages.register(app)
    app.connect("config-inited", config.check)
    app.add_domain(TapssecDomain)
    domain_directives = {
        "protocol": SecProto,
        "interface": InterfaceDirective,
        "category": CategoryDirective,
        "phase": PhaseDirective,
        "transport": TransportDirective,
        "interface-matrix": InterfaceMatrix,
        "transport-deps": TransportDeps,
        "protocol-list": ProtocolList,
        "reference-list": ReferenceList,
        "omitted-protocols": OmittedProtocols,
        "catalog-format": CatalogFormat,
        "protocol-overview": ProtocolOverview,
        "stack-diagram": StackDiagram,
        "edition-diff": EditionDiff,
        "taps-mapping": TapsMappingTable,
        "developments": DevelopmentList,
    }
    for name, directive in domain_directives.items():
        app.add_directive_to_domain("tapssec", name, directive)
    # Short top-level names for the common directives (the domain forms always work too).
    top_level = {"secproto": SecProto, **{k: v for k, v in domain_directives.items() if "-" in k}}
    top_level["interface"] = InterfaceDirective
    top_level["developments"] = DevelopmentList
    for name, directive in top_level.items():
        app.add_directive(name, directive)
    # Queries, claims, coverage and the consistency pages.
    checks.register(app)
    app.add_node(exposure_mark, html=(visit_exposure_mark_html, None))
    app.add_node(matrix_labels, html=(visit_matrix_labels_html, None))
    no_picture = (visit_stack_drawing_text, None)
    app.add_node(
        stack_drawing,
        html=(visit_stack_drawing_html, None),
        latex=(visit_stack_drawing_latex, None),
        text=no_picture,
        man=no_picture,
        texinfo=no_picture,
    )
    app.add_post_transform(DropScreenReaderText)
    app.add_post_transform(PlainTextMatrix)
    app.add_post_transform(ChooseStackDiagram)
    app.connect("builder-inited", catalog_loading.load)
    app.connect("builder-inited", note_sphinx_design)
    app.connect("env-get-outdated", catalog_loading.outdated_by_new_files)
    app.connect("env-get-outdated", dependencies.outdated)
    app.connect("doctree-read", dependencies.note_linked_records)
    obsolete.register(app)
    gc_pause.register(app)
    home_links.register(app)
    app.connect("builder-inited", assets.add_css)
    app.connect("html-page-context", html_scope.on_page_context)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
