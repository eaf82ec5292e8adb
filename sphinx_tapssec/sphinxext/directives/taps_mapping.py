"""``.. taps-mapping::`` — how the Transport Services API (RFC 9622) realizes each interface."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_tapssec.sphinxext.config import get_config
from sphinx_tapssec.sphinxext.directives.base import TABLE_OPTIONS, CatalogDirective, id_list
from sphinx_tapssec.sphinxext.translations import _
from sphinx_tapssec.sphinxext.warnings import Subtype

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from sphinx_tapssec.model.entities import Interface, TapsApi


def no_api_message(name: str) -> str:
    """The warning for a directive that needs :file:`taps-api.yaml` in a catalog without it."""
    return f"{name}: the catalog has no taps-api.yaml, so there is no Transport Services API mapping to show"


class TapsMappingTable(CatalogDirective):
    """The table of the survey's interfaces and their counterparts in the Transport Services API."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "coverage": id_list,
        "interfaces": id_list,
        "notes": directives.flag,
        **TABLE_OPTIONS,
        "no-caption": directives.flag,
        "no-checked": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        from sphinx_tapssec.sphinxext.render.taps import checked_note, mapping_table

        api = self.catalog.taps
        if api is None:
            self.warn(no_api_message(self.name), Subtype.CATALOG)
            return []
        interfaces = self.chosen_interfaces()
        self.depend_on([api, *interfaces])
        levels = self.coverage_levels()
        rows = [(i, m) for i in interfaces if (m := api.mapping(i.key)) is not None and m.coverage in levels]
        if not rows:
            text = _("No interface of the catalog matches.")
            return [nodes.paragraph(text, text, classes=["tapssec-taps-empty"])]
        table = mapping_table(api, rows, self.caption(api), notes="notes" in self.options)
        self.add_name(table)
        result: list[nodes.Node] = [table]
        if "no-checked" not in self.options:
            result.append(checked_note(api, get_config(self.env).url_schemes))
        return self.contained(result, ["tapssec-taps-block", *self.options.get("class", [])])

    def caption(self, api: TapsApi) -> str | None:
        from sphinx_tapssec.sphinxext.render.wording import surveyed

        if "no-caption" in self.options:
            return None
        if "caption" in self.options:
            return str(self.options["caption"])
        if surveyed(self.catalog):
            return _("The survey's interfaces in {document}").format(document=api.document)
        return _("The interfaces in {document}").format(document=api.document)

    def coverage_levels(self) -> list[str]:
        """The levels of ``:coverage:`` (all of them without it); unknown ones are reported and ignored."""
        from sphinx_tapssec.model.spec import COVERAGE_LEVELS

        wanted = [level.lower() for level in self.options.get("coverage", COVERAGE_LEVELS)]
        for level in wanted:
            if level not in COVERAGE_LEVELS:
                self.warn(
                    f"{self.name}: unknown coverage {level!r} in :coverage: (levels: {', '.join(COVERAGE_LEVELS)})",
                    Subtype.OPTION,
                )
        return [level for level in wanted if level in COVERAGE_LEVELS]

    def chosen_interfaces(self) -> list[Interface]:
        """The interfaces of ``:interfaces:`` in its order, or all of them in catalog order."""
        chosen = self.named("interfaces", "interface", self.catalog.interface)
        return list(self.catalog.interfaces) if chosen is None else chosen


def matrix_taps(directive: CatalogDirective) -> TapsApi | None:
    """The mapping an ``interface-matrix`` with ``:taps:`` marks its cells with (``None`` without the option)."""
    if "taps" not in directive.options:
        return None
    api = directive.catalog.taps
    if api is None:
        directive.warn(no_api_message(directive.name), Subtype.CATALOG)
        return None
    directive.depend_on(api)
    return api
