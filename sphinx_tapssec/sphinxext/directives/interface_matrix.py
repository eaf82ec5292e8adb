"""``.. interface-matrix::`` — the protocol x interface table."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.directives.base import TABLE_OPTIONS, CatalogDirective, adopt, edition_catalog, id_list
from sphinx_tapssec.sphinxext.directives.developments import matrix_proposed
from sphinx_tapssec.sphinxext.directives.taps_mapping import matrix_taps
from sphinx_tapssec.sphinxext.domain import normalize
from sphinx_tapssec.sphinxext.lifecycle.incremental import note_selection
from sphinx_tapssec.sphinxext.translations import _

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.model.entities import Catalog, Interface, Protocol
    from sphinx_tapssec.sphinxext.lifecycle.incremental import Condition


class InterfaceMatrix(CatalogDirective):
    """Renders which protocols expose which interfaces, from the catalog."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "protocols": id_list,
        "interfaces": id_list,
        "phase": directives.unchanged_required,
        "category": directives.unchanged_required,
        "all-protocols": directives.flag,
        **TABLE_OPTIONS,
        "no-legend": directives.flag,
        "no-notes": directives.flag,
        "filter": directives.unchanged_required,
        "edition": directives.unchanged_required,
        "taps": directives.flag,
        "proposed": directives.flag,
    }

    @functools.cached_property
    def catalog(self) -> Catalog:
        """The catalog of this build, or as the ``:edition:`` option shows it."""
        return edition_catalog(self, self.options.get("edition"))

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render.matrix import MatrixSpec, build_matrix

        protocols, interfaces = self.chosen_protocols(), self.chosen_interfaces()
        if "protocols" in self.options:
            self.depend_on([*protocols, *interfaces])
        elif "filter" in self.options:
            # Every protocol that matches is shown, so a new protocol file changes this table.
            self.depend_on_all([*protocols, *interfaces])
        else:
            # The rows are the protocols meeting these conditions: editing another protocol
            # re-reads this document only if it joins or leaves them (see dependencies.py).
            self.depend_on(interfaces)
            # Only what the rows show of each protocol counts, not the rest of its file, unless
            # another edition's catalog is shown (the views are taken of the build's catalog).
            view = None if "edition" in self.options else "row"
            note_selection(self.env, self.row_conditions(), protocols, view)
        spec = MatrixSpec(
            protocols=tuple(protocols),
            interfaces=tuple(interfaces),
            caption=self.options.get("caption"),
            legend="no-legend" not in self.options,
            notes="no-notes" not in self.options,
            id_prefix=f"tapssec-matrix-{self.env.new_serialno('tapssec-matrix')}",
            taps=matrix_taps(self),
            proposed=matrix_proposed(self),
        )
        result = build_matrix(self.catalog, spec)
        container = result[0]
        assert isinstance(container, nodes.container)
        container["classes"] += self.options.get("class", [])
        if not self.catalog.protocols and not self.catalog.interfaces:
            # Said in the page, not only in the build's warnings (see catalog_loading.py).
            container.insert(0, nodes.paragraph(text=_("The catalog is empty: it holds no protocol and no interface.")))
        table = next(container.findall(nodes.table))
        self.add_name(table)
        adopt(self, container)
        return result

    def chosen_protocols(self) -> list[Protocol]:
        catalog = self.catalog
        chosen = self.named("protocols", "protocol", catalog.protocol)
        if chosen is None:
            chosen = [p for p in catalog.protocols if p.in_table or "all-protocols" in self.options]
        if (categories := self.option_ids("category", "category")) is not None:
            chosen = [p for p in chosen if p.category in categories]
        return self.filtered(chosen)

    def row_conditions(self) -> list[Condition]:
        """What :meth:`chosen_protocols` asks of a protocol when neither ``:protocols:`` nor ``:filter:`` is given."""
        conditions = [] if "all-protocols" in self.options else [("in_table", "")]
        if "category" in self.options:
            conditions.append(("category", normalize("category", self.options["category"])))
        return conditions

    def chosen_interfaces(self) -> list[Interface]:
        chosen = self.named("interfaces", "interface", self.catalog.interface)
        if chosen is None:
            chosen = list(self.catalog.interfaces)
        if (phases := self.option_ids("phase", "phase")) is not None:
            chosen = [i for i in chosen if i.phase in phases]
        return chosen
