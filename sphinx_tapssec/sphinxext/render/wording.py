"""Words that depend on what the catalog is: a survey of a document, or a catalog of one's own.

A catalog declares the document it surveys in ``survey.yaml``. Only then do the renderings
speak of "the survey", its summary table and its sections, and the section numbers they name
come from the catalog itself (the chapter its categories or transport classes are in).
Without that declaration the same facts are worded for any catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Protocol as TypingProtocol

from sphinx_tapssec.sphinxext.translations import _

if TYPE_CHECKING:
    from sphinx_tapssec.model.entities import Catalog


class _Sectioned(TypingProtocol):
    @property
    def section(self) -> str: ...


def surveyed(catalog: Catalog) -> bool:
    """Whether the catalog declares a surveyed document (``survey.yaml``)."""
    return catalog.survey is not None


def section_label(catalog: Catalog) -> str:
    """The label of a record's section number."""
    return _("Survey section") if surveyed(catalog) else _("Section")


def table_label(catalog: Catalog) -> str:
    """The label saying whether a protocol has a row in the table of interfaces."""
    return _("In the summary table") if surveyed(catalog) else _("In the interface matrix")


def not_in_table(catalog: Catalog) -> str:
    """The card's note for a protocol the table leaves out.

    Whole sentences, here and below: other languages inflect the table's name by its place in one.
    """
    return _("Not in the survey's summary table.") if surveyed(catalog) else _("Not in the interface matrix.")


def not_part_of_table(catalog: Catalog) -> str:
    """The description's note for a protocol the table leaves out."""
    return _("Not part of the survey's summary table.") if surveyed(catalog) else _("Not part of the interface matrix.")


def no_interfaces_listed(catalog: Catalog) -> str:
    """The description's note for a protocol of the table that exposes nothing."""
    if surveyed(catalog):
        return _("The survey's summary table lists no interfaces for this protocol.")
    return _("The interface matrix lists no interfaces for this protocol.")


def the_record(catalog: Catalog) -> str:
    """What the catalog's own content is, as a sentence names it beside later proposals."""
    return _("the survey") if surveyed(catalog) else _("the catalog")


def in_chapter(catalog: Catalog, records: Sequence[_Sectioned]) -> str:
    """`` in Section 4`` when the catalog is a survey whose *records* share a top-level section, else nothing."""
    chapters = {record.section.split(".")[0] for record in records}
    if not surveyed(catalog) or len(chapters) != 1:
        return ""
    return _(" in Section {number}").format(number=chapters.pop())
