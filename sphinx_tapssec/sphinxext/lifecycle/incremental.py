"""What a document shows of the catalog, so that editing the catalog re-reads exactly the documents it changes.

Links to catalog entries are resolved when pages are written, with the entry's name as the
link text and its long name or title as the tooltip. Sphinx writes only the documents it
re-reads, so a document depends on the file of every entry it links to
(:func:`note_linked_records`).

A directive listing the protocols that meet a condition (a matrix of one category, the
protocols exposing an interface, a Section 4 list) depends on the files of the protocols it
shows: editing one of them re-reads the document, editing any other protocol does not. A file
dependency cannot say that a protocol *joins* the list (its category changed, a new file
appeared), so the directive also records its condition and the ids it showed, and at
``env-get-outdated`` each condition is evaluated again on the new catalog: a document whose
lists would now differ is re-read too.

A document that names an entry the catalog lacks (a typo, or a file skipped for an error) has no
file to depend on; it records the name (:func:`note_absent`), and is re-read once the catalog
has such an entry: the typo fixed in the document is an edit Sphinx sees, the file fixed in
the catalog is not.

A file dependency re-reads a document whenever any byte of the file changes, though most
documents show only part of a record: a link shows a protocol's name and long name, a matrix
row its name, classes and exposures. Such a document records a *view* of each protocol
instead (:data:`VIEWS`: the fields it shows, as a digest), and ``env-get-outdated`` re-reads it
only when a view changed. Editing a protocol's description then re-reads the pages that
describe the protocol, not every page that links to it or shows it in a matrix (issue #17:
the edit loop at N = 1000).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sphinx import addnodes

from sphinx_tapssec.sphinxext.domain import ROLE_KIND
from sphinx_tapssec.sphinxext.lifecycle.catalog_loading import get_domain, note_sources

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_tapssec.model.entities import Catalog, Protocol

#: A condition on a protocol: ``(test, argument)``, e.g. ``("category", "packet")``; see :data:`TESTS`.
Condition = tuple[str, str]

#: The tests a condition can name, each ``(protocol, argument) -> bool``.
TESTS: dict[str, Callable[[Protocol, str], bool]] = {
    "in_table": lambda protocol, _: protocol.in_table,
    "category": lambda protocol, category: protocol.category == category,
    "exposes": lambda protocol, code: protocol.exposure(code) is not None,
    "requires": lambda protocol, transport: transport in protocol.transport.requires,
    "listed": lambda protocol, transport: transport in protocol.transport_classes,
}


def _link_view(protocol: Protocol) -> tuple[object, ...]:
    """What a link to *protocol* shows: its name (the text) and its long name (the tooltip)."""
    return (protocol.name, protocol.full_name)


def _row_view(protocol: Protocol) -> tuple[object, ...]:
    """What a matrix row shows of *protocol*: the row header and its link, the classes the
    matrix script filters by, and each exposed cell with its note (render/matrix.py)."""
    exposures = tuple((e.code, e.note, e.references) for e in protocol.exposes)
    return (*_link_view(protocol), protocol.category, protocol.in_table, protocol.transport_classes, exposures)


#: The views a document can record of a protocol, by name: each the fields it shows.
VIEWS: dict[str, Callable[[Protocol], tuple[object, ...]]] = {"link": _link_view, "row": _row_view}


def view_digest(view: str, protocol: Protocol | None) -> str:
    """A stable digest of *protocol* seen through *view* (the same in every process and build)."""
    if protocol is None:
        return ""
    return hashlib.blake2b(repr(VIEWS[view](protocol)).encode(), digest_size=8).hexdigest()


def note_views(env: BuildEnvironment, view: str, protocols: Sequence[Protocol]) -> None:
    """Record that the current document shows *protocols* through *view* (no file dependency)."""
    views: dict[str, dict[tuple[str, str], str]] = get_domain(env).data.setdefault("views", {})
    shown = views.setdefault(env.docname, {})
    for protocol in protocols:
        shown[(view, protocol.id)] = view_digest(view, protocol)


def _changed_views(env: BuildEnvironment, skip: set[str]) -> list[str]:
    """The documents (outside *skip*) whose recorded views of protocols differ in the current catalog."""
    catalog = get_domain(env).catalog
    views: dict[str, dict[tuple[str, str], str]] = get_domain(env).data.get("views", {})
    current: dict[tuple[str, str], str] = {}
    result = []
    for docname, shown in views.items():
        if docname in skip:
            continue
        for key, digest in shown.items():
            if key not in current:
                current[key] = view_digest(key[0], catalog.protocol(key[1]))
            if current[key] != digest:
                result.append(docname)
                break
    return result


def note_absent(env: BuildEnvironment, kind: str, key: str) -> None:
    """Record that the current document names the *kind* entry *key*, which the catalog lacks."""
    absent: dict[str, set[tuple[str, str]]] = get_domain(env).data.setdefault("absent", {})
    absent.setdefault(env.docname, set()).add((kind, key))


def _appeared(env: BuildEnvironment, skip: set[str]) -> list[str]:
    """The documents (outside *skip*) naming an entry that was absent and that the catalog now has."""
    catalog = get_domain(env).catalog
    absent: dict[str, set[tuple[str, str]]] = get_domain(env).data.get("absent", {})
    return [
        docname
        for docname, names in absent.items()
        if docname not in skip and any(catalog.has(kind, key) for kind, key in names)
    ]


class Selection(NamedTuple):
    """The protocols one directive listed, and the conditions that chose them."""

    #: Conditions every listed protocol meets (all of them; none means every protocol).
    conditions: tuple[Condition, ...]
    #: Ids of the listed protocols, in catalog order.
    members: tuple[str, ...]


def select(catalog: Catalog, conditions: Sequence[Condition]) -> tuple[Protocol, ...]:
    """The protocols of *catalog* meeting every condition, in catalog order."""
    tests = [(TESTS[name], argument) for name, argument in conditions]
    return tuple(p for p in catalog.protocols if all(test(p, argument) for test, argument in tests))


def note_selection(
    env: BuildEnvironment, conditions: Sequence[Condition], protocols: Sequence[Protocol], view: str | None = None
) -> None:
    """Record that the current document lists *protocols*, chosen by *conditions*, and depend on
    their files; or, given a *view* (see :data:`VIEWS`), on what the document shows of them."""
    if view is None:
        note_sources(env, protocols)
    else:
        note_views(env, view, protocols)
    selection = Selection(tuple(conditions), tuple(p.id for p in protocols))
    selections: dict[str, list[Selection]] = get_domain(env).data.setdefault("selections", {})
    selections.setdefault(env.docname, []).append(selection)


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the documents whose lists would now hold other protocols, whose
    views of a protocol changed, or that name an entry the catalog did not have and now has."""
    catalog = get_domain(env).catalog
    selections: dict[str, list[Selection]] = get_domain(env).data.get("selections", {})
    answers: dict[tuple[Condition, ...], tuple[str, ...]] = {}
    result = []
    for docname, records in selections.items():
        if docname in removed or docname in changed:
            continue
        for record in records:
            if record.conditions not in answers:
                answers[record.conditions] = tuple(p.id for p in select(catalog, record.conditions))
            if answers[record.conditions] != record.members:
                result.append(docname)
                break
    result += _changed_views(env, {*removed, *changed, *result})
    result += _appeared(env, {*removed, *changed, *result})
    return sorted(result)


def note_linked_records(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: make the document depend on the file of every catalog entry it links to
    (and, when it cites a reference, on ``status.yaml``), and remember the references it cites
    (for reference coverage and the reference-status warning)."""
    domain = get_domain(app.env)
    catalog = domain.catalog
    # One pass over the page for both jobs: on large pages every walk of the tree counts.
    targets = {
        (ROLE_KIND[node["reftype"]], node["reftarget"])
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") == "tapssec" and node.get("reftype") in ROLE_KIND
    }
    cited = domain.citations[app.env.docname] = frozenset(key for kind, key in targets if kind == "reference")
    paths: set[str] = set()
    if cited and catalog.status is not None:
        # The links' tooltips, and the reference-status warning, show what became of the documents.
        paths.add(catalog.status.source.path)
    linked = []
    for kind, key in targets:
        # The catalog's lookup methods are named after the kinds (as in the domain's resolve_xref).
        record = getattr(catalog, kind)(key)
        if record is None:
            note_absent(app.env, kind, key)
            continue
        if kind == "protocol":
            # A link shows the protocol's name and long name alone: a view, not its whole file.
            linked.append(record)
        else:
            paths.add(record.source.path)
    note_views(app.env, "link", linked)
    for path in sorted(paths):
        app.env.note_dependency(path)
