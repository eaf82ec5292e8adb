"""The message catalogs: the template holds every string the code marks, the German translation
is complete, its compiled ``.mo`` matches its ``.po``, and the matrix script asks for no string
the catalog lacks."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinx_tapssec.model.spec import FILES, RECORDS
from sphinx_tapssec.query import ATTRIBUTES, PREDICATES
from sphinx_tapssec.sphinxext.translations import LOCALE_DIR, MESSAGE_CATALOG, SCRIPT_MESSAGES

PACKAGE = Path(LOCALE_DIR).parent
TEMPLATE = LOCALE_DIR / f"{MESSAGE_CATALOG}.pot"
GERMAN = LOCALE_DIR / "de" / "LC_MESSAGES"
with (PACKAGE.parent / "pyproject.toml").open("rb") as pyproject:
    #: The extraction method pyproject.toml's ``[tool.babel]`` names, which ``make locale`` uses.
    EXTRACTION_METHOD: str = tomllib.load(pyproject)["tool"]["babel"]["extractors"]["tapssec"]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _marked_in_code() -> set[str]:
    """What ``make locale`` extracts (the method pyproject.toml's ``[tool.babel]`` names)."""
    extracted = extract_from_dir(PACKAGE, method_map=[("**.py", EXTRACTION_METHOD)], keywords={"_": None, "N_": None})
    return {message for _, _, message, _, _ in extracted if isinstance(message, str)}


def test_template_holds_every_marked_string() -> None:
    with TEMPLATE.open("rb") as template:
        ids = {message.id for message in read_po(template) if message.id}
    assert ids == _marked_in_code(), "run `make locale` to extract the strings again"


def test_german_translation_is_complete() -> None:
    with (GERMAN / f"{MESSAGE_CATALOG}.po").open("rb") as po:
        catalog = read_po(po, locale="de")
    messages = [message for message in catalog if message.id]
    assert {message.id for message in messages} == _marked_in_code()
    for message in messages:
        assert message.string, message.id
        assert not message.fuzzy, message.id
        assert _placeholders(str(message.string)) == _placeholders(str(message.id)), message.id


def test_the_format_and_query_declarations_are_extracted() -> None:
    # The catalog-format and query-reference directives translate these; the model marks none of them.
    declared = {record.help for record in RECORDS.values()} | {file.help for file in FILES}
    declared |= {field.help for record in RECORDS.values() for field in record.fields}
    declared |= {attribute.help for attribute in ATTRIBUTES.values()}
    declared |= {predicate.help for predicate in PREDICATES.values()}
    assert declared - _marked_in_code() == set()


def test_compiled_catalog_matches_its_source() -> None:
    with (GERMAN / f"{MESSAGE_CATALOG}.po").open("rb") as po:
        source = {message.id: message.string for message in read_po(po, locale="de") if message.id}
    with (GERMAN / f"{MESSAGE_CATALOG}.mo").open("rb") as mo:
        compiled = {message.id: message.string for message in read_mo(mo) if message.id}
    assert compiled == source, "run `make locale` to compile the .mo again"


def test_matrix_script_asks_only_for_catalog_strings() -> None:
    script = (PACKAGE / "static" / "tapssec-matrix.js").read_text(encoding="utf-8")
    # Every say(labels, "...") and group legend; concatenated literals are joined first.
    joined = re.sub(r'"\s*\+\s*"', "", script)
    asked = set(re.findall(r'say\((?:[^,()]|\([^()]*\))+,\s*"((?:[^"\\]|\\.)*)"', joined))
    asked |= set(re.findall(r'legend: "([^"]*)"', joined))
    asked |= {"exposed", "not exposed"}  # chosen by a condition: say(this.labels, exposed ? ... : ...)
    assert asked == set(SCRIPT_MESSAGES)
