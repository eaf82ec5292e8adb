"""The ``tapssec`` domain: object types, cross-reference roles, the catalog and per-document objects.

All state lives in :attr:`TapssecDomain.data`, so it is pickled with the environment and
merged after parallel reads like any other domain's. The catalog is held in a
:class:`~sphinx_tapssec.sphinxext.domain.process_local.ProcessLocal`: parallel readers do not send it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_tapssec.model.reference_status import tooltip_words
from sphinx_tapssec.sphinxext.domain import doc_records as docdata
from sphinx_tapssec.sphinxext.domain.process_local import ProcessLocal
from sphinx_tapssec.sphinxext.translations import N_, _
from sphinx_tapssec.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_tapssec.model.entities import Catalog
    from sphinx_tapssec.model.problems import Problem
    from sphinx_tapssec.sphinxext.domain.doc_records import ClaimRecord


class ObjectEntry(NamedTuple):
    """Where a catalog entry is described in the project."""

    #: The document holding the description.
    docname: str
    #: The id of the description's target node.
    node_id: str
    #: Source line, for duplicate warnings.
    lineno: int


#: Object type -> (role name, subtype of the warning for an unknown key).
KINDS: dict[str, tuple[str, Subtype]] = {
    "protocol": ("proto", Subtype.UNKNOWN_PROTOCOL),
    "interface": ("iface", Subtype.UNKNOWN_INTERFACE),
    "phase": ("phase", Subtype.UNKNOWN_PHASE),
    "category": ("category", Subtype.UNKNOWN_CATEGORY),
    "transport": ("transport", Subtype.UNKNOWN_TRANSPORT),
    "reference": ("ref", Subtype.UNKNOWN_REFERENCE),
}
ROLE_KIND = {role: kind for kind, (role, _subtype) in KINDS.items()}
#: What Sphinx calls each object type where it names it (search results), in the page's language.
KIND_NAMES = {
    "protocol": N_("protocol"),
    "interface": N_("interface"),
    "phase": N_("phase"),
    "category": N_("category"),
    "transport": N_("transport"),
    "reference": N_("reference"),
}


def normalize(kind: str, key: str) -> str:
    """Catalog keys as stored: interface codes upper case, reference ids as written, the rest lower."""
    if kind == "interface":
        return key.strip().upper()
    if kind == "reference":
        return key.strip()
    return key.strip().lower()


def node_id(kind: str, key: str) -> str:
    """The HTML id of the description of a catalog entry (stable, documented)."""
    return str(nodes.make_id(f"tapssec-{kind}-{key}"))


def canonical(catalog: Catalog, kind: str, key: str) -> str:
    """*key* as the catalog stores it: an interface's code in any edition becomes its current code."""
    if kind == "interface" and (interface := catalog.interface(key)):
        return interface.code
    return key


def display_name(catalog: Catalog, kind: str, key: str) -> str | None:
    """How a reference to an entry reads when the author gave no explicit title."""
    if kind == "protocol":
        protocol = catalog.protocol(key)
        return protocol.name if protocol else None
    if kind == "reference":
        reference = catalog.reference(key)
        return reference.citation if reference else None
    if kind == "interface":
        interface = catalog.interface(key)
        return interface.code if interface else None
    record = getattr(catalog, kind)(key)
    return record.name if record else None


class TapssecXRefRole(XRefRole):
    """Cross-reference roles; targets are normalised so ``TLS`` and ``tls`` both work."""

    innernodeclass = nodes.inline

    def process_link(
        self, env: BuildEnvironment, refnode: nodes.Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        kind = ROLE_KIND[self.reftype]
        domain = env.get_domain("tapssec")
        assert isinstance(domain, TapssecDomain)
        return title, canonical(domain.catalog, kind, normalize(kind, target))

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # The link text comes from the catalog, so the page depends on the entry's file.
        domain = env.get_domain("tapssec")
        assert isinstance(domain, TapssecDomain)
        target = node.get("reftarget")
        record = getattr(domain.catalog, ROLE_KIND[self.reftype])(target) if is_ref and target else None
        if record is not None:
            env.note_dependency(record.source.path)
        return super().result_nodes(document, env, node, is_ref)


class TapssecIndex(Index):
    """A domain index of the protocols (by category) and interfaces (by phase) the project describes."""

    name = "index"
    # Lazy translations, as Sphinx's own indices have them: the page's language is known only later.
    localname = _("TAPS Security Index")
    shortname = _("TAPS security")

    def generate(self, docnames: Iterable[str] | None = None) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = self.domain
        assert isinstance(domain, TapssecDomain)
        catalog = domain.catalog
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = {}
        for (kind, key), entry in sorted(domain.objects.items()):
            if kind not in ("protocol", "interface") or (wanted is not None and entry.docname not in wanted):
                continue
            if kind == "protocol" and (protocol := catalog.protocol(key)):
                category = catalog.category(protocol.category)
                group, name, extra = category.name if category else "", protocol.name, protocol.full_name
            elif kind == "interface" and (interface := catalog.interface(key)):
                phase = catalog.phase(interface.phase)
                group, name, extra = phase.name if phase else "", interface.code, interface.name
            else:
                continue
            groups.setdefault(group, []).append(IndexEntry(name, 0, entry.docname, entry.node_id, extra, "", ""))
        content = [(group, sorted(entries)) for group, entries in sorted(groups.items())]
        return content, True


def _held(holder: ProcessLocal[Catalog]) -> Catalog:
    """The catalog in *holder*; empty before the catalog is loaded and in an environment a
    parallel reader sent back."""
    if holder.value is not None:
        return holder.value
    # Imported here: the record classes are a fifth of the extension's import time, and
    # setup() should not pay for them (issue #17); the loaded catalog imports them anyway.
    from sphinx_tapssec.model.entities import Catalog

    return Catalog()


class TapssecDomain(Domain):
    """Security protocols, their interfaces and the survey's other entities."""

    name = "tapssec"
    label = _("TAPS transport security")
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(_(KIND_NAMES[kind]), role) for kind, (role, _subtype) in KINDS.items()
    }
    roles: ClassVar[dict[str, Any]] = {role: TapssecXRefRole() for role, _ in KINDS.values()}
    indices: ClassVar[list[type[Index]]] = [TapssecIndex]
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},  # (kind, key) -> ObjectEntry
        "catalog": ProcessLocal(None),  # the loaded catalog as tapssec_edition shows it (None: empty)
        "undivided": ProcessLocal(None),  # the loaded catalog as written, every edition in it
        "fingerprint": (),  # ((path, mtime_ns), ...) of the loaded catalog
        "problems": (),  # problems found when the catalog was loaded
        # (extension version, {path: FileResult}): what reading each catalog file gave (catalog_loading)
        "file_cache": ProcessLocal(None),
        "claims": {},  # docname -> [ClaimRecord], checked at env-check-consistency
        "citations": {},  # docname -> frozenset of reference ids the document links to
        "catalog_wide": {},  # docname -> True when it renders every protocol (or every record of a kind)
        "files_changed": False,  # catalog files were added or removed since the last build
        "selections": {},  # docname -> [dependencies.Selection]: the protocols each list showed
        "cited_at": {},  # docname -> ((reference id, line), ...), kept when tapssec_obsolete_citations is on
        "views": {},  # docname -> {(view, protocol id): digest}: what the document shows of each protocol
        "absent": {},  # docname -> {(kind, id)}: entries it names that the catalog lacks
        "sphinx_design_loaded": False,  # whether this build loads sphinx-design (set at builder-inited)
    }
    data_version = 9

    @property
    def objects(self) -> dict[tuple[str, str], ObjectEntry]:
        return self.data.setdefault("objects", {})  # type: ignore[no-any-return]

    @property
    def catalog(self) -> Catalog:
        return _held(self.data["catalog"])

    @property
    def sphinx_design_loaded(self) -> bool:
        """Whether this build loads sphinx-design, which draws the protocol-overview cards."""
        return bool(self.data.get("sphinx_design_loaded"))

    @property
    def fingerprint(self) -> tuple[tuple[str, int], ...]:
        return self.data["fingerprint"]  # type: ignore[no-any-return]

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.data["problems"]  # type: ignore[no-any-return]

    @property
    def claims(self) -> dict[str, list[ClaimRecord]]:
        return self.data.setdefault("claims", {})  # type: ignore[no-any-return]

    @property
    def catalog_wide(self) -> dict[str, bool]:
        return self.data.setdefault("catalog_wide", {})  # type: ignore[no-any-return]

    @property
    def citations(self) -> dict[str, frozenset[str]]:
        return self.data.setdefault("citations", {})  # type: ignore[no-any-return]

    @property
    def undivided(self) -> Catalog:
        """The catalog as loaded, every edition in it; :attr:`catalog` is one edition of it."""
        return _held(self.data["undivided"])

    def set_catalog(
        self, catalog: Catalog, fingerprint: tuple[tuple[str, int], ...], problems: tuple[Problem, ...]
    ) -> None:
        self.data.update(undivided=ProcessLocal(catalog), fingerprint=fingerprint, problems=problems)

    def show_edition(self, edition: str | None) -> None:
        """Make :attr:`catalog` the loaded catalog as *edition* shows it (``None``: as written)."""
        undivided = self.undivided
        if edition is None and not undivided.editions:
            self.data["catalog"] = ProcessLocal(undivided)  # as written; no need to load the editions code
            return
        from sphinx_tapssec.model.editions import apply_edition

        self.data["catalog"] = ProcessLocal(apply_edition(undivided, edition))

    def note_object(self, kind: str, key: str, node_id: str, location: nodes.Element) -> None:
        """Record that the current document describes (*kind*, *key*)."""
        self._keep((kind, key), ObjectEntry(self.env.docname, node_id, location.line or 0), location)

    def _keep(self, key: tuple[str, str], entry: ObjectEntry, location: Any) -> None:
        """Keep *entry* unless another document already describes *key*: then the document first in
        name order wins and the other one is warned about, so ``-j`` (whose readers merge in whatever
        order they finish) chooses the same winner as a serial build."""
        existing = self.objects.get(key)
        if existing is None or existing.docname == entry.docname:
            self.objects[key] = entry
            return
        winner, loser = sorted((existing, entry), key=lambda e: (e.docname, e.lineno))
        self.objects[key] = winner
        warn(
            f"{key[0]} {key[1]!r} is already described in {winner.docname!r}; use :no-index: on one of them",
            Subtype.DUPLICATE_OBJECT,
            location if loser is entry else (loser.docname, loser.lineno),
        )

    def clear_doc(self, docname: str) -> None:
        for key, entry in list(self.objects.items()):
            if entry.docname == docname:
                del self.objects[key]
        docdata.clear(self.data, docname)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        docdata.merge(self.data, docnames, otherdata)
        for key, entry in otherdata["objects"].items():
            if entry.docname in docnames:
                self._keep(key, entry, (entry.docname, entry.lineno))

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        kind = ROLE_KIND.get(typ)
        if kind is None:
            return None
        target = canonical(self.catalog, kind, target)
        if not self.catalog.has(kind, target):
            warn(self.catalog.missing(kind, target), KINDS[kind][1], node)
            return contnode
        if not node.get("refexplicit"):
            # *contnode* is already the resolver's own copy of the link text: change it in place.
            contnode[:] = [nodes.Text(display_name(self.catalog, kind, target) or target)]
        entry = self.objects.get((kind, target))
        if entry is None:
            # Known to the catalog but described nowhere in this project: Sphinx's missing-reference
            # chain runs next, where home_links tries the survey site's inventory, and else keeps
            # the plain text without a warning.
            node["reftarget"] = target
            return None
        title = self.link_title(kind, target)
        return make_refnode(builder, fromdocname, entry.docname, entry.node_id, contnode, title)

    def link_title(self, kind: str, key: str) -> str:
        """The tooltip of a link: the entry's long name (for a reference, with what became of it)."""
        record = getattr(self.catalog, kind)(key)
        title = key
        for attribute in ("full_name", "title", "name"):
            value = getattr(record, attribute, None)
            if value:
                title = str(value)
                break
        status = tooltip_words(self.catalog.reference_status(key), _) if kind == "reference" else ""
        return f"{title} ({status})" if status else title

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.Element]]:
        results = []
        for kind, (role, _subtype) in KINDS.items():
            key = canonical(self.catalog, kind, normalize(kind, target))
            entry = self.objects.get((kind, key))
            if entry is not None:
                # The same text and title as the specific role: the entry's display name, its long name.
                text = contnode.deepcopy()
                if not node.get("refexplicit"):
                    text[:] = [nodes.Text(display_name(self.catalog, kind, key) or key)]
                title = self.link_title(kind, key)
                refnode = make_refnode(builder, fromdocname, entry.docname, entry.node_id, text, title)
                results.append((f"tapssec:{role}", refnode))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (kind, key), entry in sorted(self.objects.items()):
            name = display_name(self.catalog, kind, key) or key
            yield key, name, kind, entry.docname, entry.node_id, 1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        kind = ROLE_KIND.get(node.get("reftype", ""))
        target = node.get("reftarget")
        return f"{kind}.{target}" if kind and target else None
