"""Catalog mistakes a new user makes: one message per cause, naming the record, with a guess (no Sphinx)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from catalogs import BASE_FILES, line_of, load, load_protocol, problem_keys, protocol_of, protocol_text, write_catalog

if TYPE_CHECKING:
    from pathlib import Path


def test_a_copied_protocol_file_loses_to_the_file_named_after_the_id(tmp_path: Path) -> None:
    """``alpha-v2.yaml`` sorts before ``alpha.yaml``, yet the original keeps the id and the copy is blamed."""
    result = load(write_catalog(tmp_path, {"protocols/alpha-v2.yaml": protocol_text(name="Alpha Copy")}))
    assert problem_keys(result) == [("protocols/alpha-v2.yaml", 2, "duplicate_id")]
    assert result.problems[0].message == (
        f"duplicate protocol id 'alpha': {tmp_path / 'protocols' / 'alpha.yaml'}:2 defines it too and is kept "
        "(the file named after the id wins, else the first file in name order); this one is skipped"
    )
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.name == "Alpha"


def test_without_a_file_named_after_the_id_the_first_file_by_name_wins(tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = {
        "protocols/alpha.yaml": None,
        "protocols/b-copy.yaml": protocol_text(name="B"),
        "protocols/a-copy.yaml": protocol_text(name="A"),
    }
    result = load(write_catalog(tmp_path, files))
    assert problem_keys(result) == [("protocols/b-copy.yaml", 2, "duplicate_id")]
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.name == "A"


def test_a_misspelt_required_key_is_one_message_with_a_guess(tmp_path: Path) -> None:
    text = protocol_text(in_table=None, in_tabel="true")
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "in_tabel"), "unknown_field")]
    assert result.problems[0].message == (
        "protocol 'alpha': unknown field 'in_tabel' (did you mean 'in_table'?), and the required 'in_table' "
        "is missing; protocol 'alpha' is skipped"
    )
    assert result.catalog.protocols == ()


def test_a_misspelt_optional_key_is_dropped_and_the_record_kept(tmp_path: Path) -> None:
    text = protocol_text(references=None, refrences="[RFC0001]")
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "refrences"), "unknown_field")]
    message = "protocol 'alpha': unknown field 'refrences' (did you mean 'references'?); ignored"
    assert result.problems[0].message == message
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.references == ()


def test_an_unknown_interface_code_gets_a_guess(tmp_path: Path) -> None:
    text = protocol_text(exposes="\n  - IPK\n  - AL")
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "- AL"), "unknown_interface")]
    assert result.problems[0].message == "protocol 'alpha' exposes: unknown interface 'AL' (did you mean 'ALG'?)"


def test_a_skipped_interface_is_named_by_its_code_and_its_users_say_why(tmp_path: Path) -> None:
    interfaces = BASE_FILES["interfaces.yaml"].replace("    definition: Keys can be refreshed.\n", "")
    result = load(write_catalog(tmp_path, {"interfaces.yaml": interfaces}))
    ku_line = line_of(interfaces, "code: KU")
    assert problem_keys(result) == [
        ("interfaces.yaml", ku_line, "missing_field"),
        ("protocols/alpha.yaml", line_of(protocol_text(), "- code: KU"), "unknown_interface"),
    ]
    assert [i.code for i in result.catalog.interfaces] == ["IPK", "ALG"]
    assert [p.message for p in result.problems] == [
        "interface 'KU': missing required field 'definition'; interface 'KU' is skipped",
        f"protocol 'alpha' exposes: interface 'KU' was skipped because of {tmp_path / 'interfaces.yaml'}:{ku_line}",
    ]


def test_a_protocol_in_an_unknown_category_is_skipped_once_and_its_development_says_why(tmp_path: Path) -> None:
    text = protocol_text(category="streem")
    developments = (
        "developments:\n  - id: alpha-news\n    protocol: alpha\n    date: 2024-01\n    title: News\n"
        "    note: Something happened.\n    sources:\n      - label: A post\n"
    )
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text, "developments.yaml": developments}))
    category_line = line_of(text, "category:")
    assert [p.message for p in result.problems] == [
        "protocol 'alpha': unknown category 'streem' (did you mean 'stream'?); protocol 'alpha' is skipped",
        "development 'alpha-news': protocol 'alpha' was skipped because of "
        f"{tmp_path / 'protocols' / 'alpha.yaml'}:{category_line}; development 'alpha-news' is skipped",
    ]


def test_a_bad_indent_is_one_message_that_says_so(tmp_path: Path) -> None:
    """interfaces.yaml unreadable: one message, and no follow-on 'unknown interface' from the protocols."""
    interfaces = BASE_FILES["interfaces.yaml"].replace("    phase: post-connection", "   phase: post-connection")
    # Protocols, rules and developments that name interfaces: none of them may add a message.
    rules = "rules:\n  - id: r\n    description: Alpha re-keys.\n    for: id == alpha\n    require: exposes(KU)\n"
    developments = (
        "developments:\n  - id: alpha-news\n    protocol: alpha\n    date: 2024-01\n    title: News\n"
        "    note: Something.\n    sources:\n      - label: A post\n"
        "    proposals:\n      - interface: ALG\n        change: expose\n"
    )
    files: dict[str, str | bytes | None] = {
        "interfaces.yaml": interfaces,
        "rules.yaml": rules,
        "developments.yaml": developments,
    }
    result = load(write_catalog(tmp_path, files))
    line = line_of(interfaces, "   phase: post-connection")
    assert problem_keys(result) == [("interfaces.yaml", line, "yaml")]
    assert result.problems[0].message == (
        f"YAML syntax error (column 4): this line's indentation does not fit the block that starts on line "
        f"{line_of(interfaces, '- code: IPK')} (usual cause: a bad indent; the keys of one record must line up, "
        "under the first one)"
    )
    assert result.catalog.missing("interface", "KU") == (
        f"interface 'KU' was skipped because of {tmp_path / 'interfaces.yaml'}:{line}"
    )


_COLON_IN_VALUE = (
    "YAML syntax error (column 12): a colon here would start a new key, which is not allowed at this point "
    "(usual causes: a value holding ': ' that needs quotes, as in 'name: \"A: B\"', "
    "or a line indented deeper than the key above it)"
)
_TAB = (
    "YAML syntax error (column 1): a tab where YAML expects a key or a value "
    "(usual cause: a tab used for indentation; YAML indents with spaces only)"
)
_NO_SPACE = (
    "YAML syntax error: expected 'key: value' here, but found no colon followed by a space "
    "(usual cause: a missing space after the colon, as in 'name:Alpha')"
)
_UNCLOSED = "YAML syntax error: this quoted value is never closed (usual cause: a missing closing quote)"


@pytest.mark.parametrize(
    ("fields", "needle", "message"),
    [
        ({"name": "Alpha: the first"}, "name: Alpha: the", _COLON_IN_VALUE),
        ({"structure": "\n\tkind: integrated"}, "\tkind", _TAB),
        ({"summary": None, "summary:A stream protocol.\nnote": "x"}, "summary:A", _NO_SPACE),
        ({"summary": '"A stream protocol.'}, "summary:", _UNCLOSED),
    ],
)
def test_a_yaml_syntax_error_says_what_was_expected_and_the_usual_cause(
    tmp_path: Path, fields: dict[str, str | None], needle: str, message: str
) -> None:
    text = protocol_text(True, **fields)
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, needle), "yaml")]
    assert result.problems[0].message == message
    assert result.catalog.protocols == ()
    # The file is named after its protocol, so later references can say why it is missing.
    assert result.catalog.missing("protocol", "alpha").startswith("protocol 'alpha' was skipped because of ")


def test_an_item_of_a_nested_list_is_named_by_its_code(tmp_path: Path) -> None:
    text = protocol_text(exposes="\n  - IPK\n  - code: KU\n    nte: version 2 only")
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "nte:"), "unknown_field")]
    assert result.problems[0].message == (
        "protocol 'alpha'.exposes['KU']: unknown field 'nte' (did you mean 'note'?); ignored"
    )
