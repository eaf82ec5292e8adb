"""Object descriptions of catalog entries: ``secproto``, ``interface``, and the category, phase and
transport directives. Each renders from the catalog and is a cross-reference target."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives import ObjectDescription

from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.directives import developments
from sphinx_tapssec.sphinxext.directives.base import adopt, id_list
from sphinx_tapssec.sphinxext.domain import KIND_NAMES, KINDS, canonical, display_name, node_id, normalize
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_catalog, get_domain, note_sources
from sphinx_tapssec.sphinxext.lifecycle.incremental import note_absent, note_selection, select
from sphinx_tapssec.sphinxext.translations import _
from sphinx_tapssec.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.model.entities import Catalog


class CatalogObject(ObjectDescription[str]):
    """Describes one catalog entry of :attr:`kind`; its body comes from the catalog, then the content."""

    kind: ClassVar[str]
    has_content = True
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    option_spec: ClassVar[OptionSpec] = {
        "no-index": directives.flag,
        "no-index-entry": directives.flag,
        "no-contents-entry": directives.flag,
    }

    @property
    def catalog(self) -> Catalog:
        return get_catalog(self.env)

    @property
    def key(self) -> str:
        return canonical(self.catalog, self.kind, normalize(self.kind, self.arguments[0]))

    def run(self) -> list[nodes.Node]:
        if not self.catalog.has(self.kind, self.key):
            missing = self.catalog.missing(self.kind, self.key)
            warn(f"{self.name}: {missing}", KINDS[self.kind][1], self.get_location())
            note_absent(self.env, self.kind, self.key)
            return []
        # Both spellings (``secproto`` and ``tapssec:protocol``) describe the same object type.
        self.name: str = f"tapssec:{self.kind}"
        return super().run()

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        name = display_name(self.catalog, self.kind, self.key) or self.key
        signode += addnodes.desc_name(name, name)
        extra = self.signature_extra()
        if extra:
            signode += addnodes.desc_annotation(f" — {extra}", f" — {extra}")
        return self.key

    def signature_extra(self) -> str:
        """The expanded name shown after the display name."""
        return ""

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        # An interface's anchor follows its stable key, so links survive an edition's rename.
        interface = self.catalog.interface(name) if self.kind == "interface" else None
        target = node_id(self.kind, interface.key if interface else name)
        signode["ids"].append(target)
        get_domain(self.env).note_object(self.kind, name, target, signode)
        if "no-index-entry" not in self.options:
            label = display_name(self.catalog, self.kind, name) or name
            entry = f"{label} ({_(KIND_NAMES[self.kind])})"
            self.indexnode["entries"].append(("single", entry, target, "", None))

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        record = getattr(self.catalog, self.kind)(self.key)
        note_sources(self.env, record)
        body = self.body()
        content_node.insert(0, body)
        adopt(self, body)

    def body(self) -> nodes.container:
        raise NotImplementedError


class SecProto(CatalogObject):
    """``.. secproto:: tls`` — a security protocol."""

    kind = "protocol"
    option_spec: ClassVar[OptionSpec] = {**CatalogObject.option_spec, "hide": id_list, "compact": directives.flag}

    def signature_extra(self) -> str:
        protocol = self.catalog.protocol(self.key)
        return protocol.full_name if protocol and protocol.full_name != protocol.name else ""

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        super().transform_content(content_node)
        developments.move_last(content_node)

    def body(self) -> nodes.container:
        from sphinx_tapssec.sphinxext.render import describe

        compact = "compact" in self.options
        parts = describe.COMPACT_PARTS if compact else describe.PROTOCOL_PARTS
        hidden = frozenset(self.options.get("hide", ()))
        for part in sorted(hidden - set(parts)):
            warn(
                f"secproto: unknown part {part!r} in :hide: (parts{' of a compact entry' if compact else ''}: "
                f"{', '.join(parts)})",
                Subtype.OPTION,
                self.get_location(),
            )
        protocol = self.catalog.protocol(self.key)
        assert protocol is not None
        # The body also shows interface names, categories and references.
        note_sources(self.env, [*self.catalog.interfaces, *self.catalog.categories, *self.catalog.transports])
        hidden = developments.secproto_hidden(self, hidden)
        schemes = get_config(self.env).url_schemes
        body = describe.protocol_body(self.catalog, protocol, hidden, schemes, compact=compact)
        classes = ["tapssec-protocol", "tapssec-compact"] if compact else ["tapssec-protocol"]
        return nodes.container("", *body, classes=classes)


class InterfaceDirective(CatalogObject):
    """``.. interface:: IPK`` — an interface and the protocols that expose it."""

    kind = "interface"
    option_spec: ClassVar[OptionSpec] = {
        **CatalogObject.option_spec,
        "no-list": directives.flag,
        "no-taps": directives.flag,
    }

    def signature_extra(self) -> str:
        interface = self.catalog.interface(self.key)
        return interface.name if interface else ""

    def body(self) -> nodes.container:
        from sphinx_tapssec.sphinxext.render import describe

        interface = self.catalog.interface(self.key)
        assert interface is not None
        with_list = "no-list" not in self.options
        if with_list:
            exposes = [("exposes", interface.code)]
            note_selection(self.env, exposes, select(self.catalog, exposes))
        with_taps = "no-taps" not in self.options
        if with_taps and self.catalog.taps is not None:
            # The field shows the interface's mapping from taps-api.yaml.
            note_sources(self.env, self.catalog.taps)
        body = describe.interface_body(self.catalog, interface, with_list=with_list, with_taps=with_taps)
        return nodes.container("", *body, classes=["tapssec-interface"])


class CategoryDirective(CatalogObject):
    """``.. tapssec:category:: packet`` — a protocol category and its members."""

    kind = "category"

    def body(self) -> nodes.container:
        from sphinx_tapssec.sphinxext.render import describe

        members = [("category", self.key)]
        note_selection(self.env, members, select(self.catalog, members))
        return nodes.container("", *describe.category_body(self.catalog, self.key), classes=["tapssec-category"])


class PhaseDirective(CatalogObject):
    """``.. tapssec:phase:: connection`` — an interface phase and its interfaces."""

    kind = "phase"

    def body(self) -> nodes.container:
        from sphinx_tapssec.sphinxext.render import describe

        note_sources(self.env, self.catalog.interfaces)
        return nodes.container("", *describe.phase_body(self.catalog, self.key), classes=["tapssec-phase"])


class TransportDirective(CatalogObject):
    """``.. tapssec:transport:: datagram`` — a transport dependency class."""

    kind = "transport"

    def body(self) -> nodes.container:
        from sphinx_tapssec.sphinxext.render import describe

        return nodes.container("", *describe.transport_body(self.catalog, self.key), classes=["tapssec-transport"])
