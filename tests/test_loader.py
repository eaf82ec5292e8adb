"""The loader on single files: YAML it refuses, shapes it refuses, fields it checks (no Sphinx)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from catalogs import BASE_FILES, line_of, load, load_protocol, problem_keys, protocol_of, protocol_text, write_catalog

from sphinx_tapssec.model.entities import Author
from sphinx_tapssec.model.located_yaml import MAX_DEPTH, YamlError, parse
from sphinx_tapssec.model.problems import Subtype

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx_tapssec.model.entities import Protocol


#: One bad field of protocol alpha -> (the field, its bad value, text on the problem's line, the subtype).
BAD_FIELDS = {
    "unknown-category": ("category", "streams", "category: streams", "unknown_category"),
    "unknown-transport": (
        "transport",
        "\n  requires: [byte-stream, carrier-pigeon]",
        "carrier-pigeon",
        "unknown_transport",
    ),
    "unknown-reference": ("references", "[RFC0001, RFC9999]", "RFC9999", "unknown_reference"),
    "unwanted-yaml-tag": ("exposes", " !!set {IPK: null}", "!!set", "yaml"),
    "unknown-field": ("colour", "blue", "colour", "unknown_field"),
    "unknown-nested-field": (
        "transport",
        "\n  requires: [byte-stream]\n  reqires: [datagram]",
        "reqires",
        "unknown_field",
    ),
    "missing-field": ("category", None, "id: alpha", "missing_field"),
    "unquoted-section": ("section", "3.1", "section: 3.1", "invalid_value"),
    "quoted-boolean": ("in_table", '"yes"', "in_table", "invalid_value"),
    "bad-nested-choice": ("structure", "\n  kind: mixed", "kind: mixed", "invalid_value"),
    "id-pattern": ("id", "Alpha_1", "id: Alpha_1", "invalid_value"),
    "unknown-interface": ("exposes", "\n  - IPK\n  - XYZ\n  - ALG", "- XYZ", "unknown_interface"),
    "interface-code-pattern": ("exposes", "\n  - IPK\n  - ipk-2", "- ipk-2", "invalid_value"),
    "exposed-twice": ("exposes", "\n  - IPK\n  - ALG\n  - code: IPK\n    note: again", "- code: IPK", "duplicate_id"),
}
#: Words the message must hold, for the cases that name some (the unknown field lists the known ones).
WORDS = {
    "unknown-field": ("unknown field 'colour'", "summary"),
    "missing-field": ("missing required field 'category'",),
    "unquoted-section": ("quote numbers", "float 3.1"),
    "quoted-boolean": ("true or false",),
    "id-pattern": ("does not match",),
    "unknown-transport": ("unknown transport 'carrier-pigeon'",),
    "unknown-reference": ("unknown reference 'RFC9999'",),
    "unknown-interface": ("unknown interface 'XYZ'",),
    "exposed-twice": ("'IPK' twice",),
}
#: Whether the record is kept, for the cases where it matters (a record without a required field is not).
KEPT = {"unknown-field": True, "missing-field": False, "unquoted-section": False, "bad-nested-choice": False}
#: What is left of a list once its bad item is dropped: (what to read from alpha, its value).
LEFT: dict[str, tuple[Callable[[Protocol], object], object]] = {
    "unknown-transport": (lambda alpha: alpha.transport.requires, ("byte-stream",)),
    "unknown-reference": (lambda alpha: alpha.references, ("RFC0001",)),
    "unknown-interface": (lambda alpha: alpha.interface_codes, ("IPK", "ALG")),
    "interface-code-pattern": (lambda alpha: alpha.interface_codes, ("IPK",)),
    # Of an interface given twice, the first entry stays.
    "exposed-twice": (lambda alpha: [(e.code, e.note) for e in alpha.exposes], [("IPK", None), ("ALG", None)]),
}


@pytest.mark.parametrize("case", BAD_FIELDS)
def test_one_bad_field_is_one_problem_at_its_line(tmp_path: Path, case: str) -> None:
    field, value, needle, subtype = BAD_FIELDS[case]
    text = protocol_text(True, **{field: value})
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, needle), subtype)]
    assert all(word in result.problems[0].message for word in WORDS.get(case, ())), result.problems[0].message
    if case in KEPT:
        assert (result.catalog.protocols != ()) is KEPT[case]
    if case in LEFT:
        read, left = LEFT[case]
        assert read(protocol_of(result.catalog, "alpha")) == left


def test_base_catalog_loads_without_problems(tmp_path: Path) -> None:
    result = load(write_catalog(tmp_path))
    assert result.problems == ()
    assert [p.id for p in result.catalog.protocols] == ["alpha"]
    assert [i.code for i in result.catalog.interfaces] == ["IPK", "ALG", "KU"]
    assert result.catalog.files == tuple(
        str(tmp_path / name)
        for name in (
            "categories.yaml",
            "phases.yaml",
            "transports.yaml",
            "interfaces.yaml",
            "references.yaml",
            "protocols/alpha.yaml",
        )
    )


def test_records_remember_their_file_and_first_line(tmp_path: Path) -> None:
    catalog = load(write_catalog(tmp_path)).catalog
    alpha = protocol_of(catalog, "alpha")
    # Line 1 is the schema comment; the record's first key is on line 2.
    assert (alpha.source.path, alpha.source.line) == (str(tmp_path / "protocols" / "alpha.yaml"), 2)
    ku = alpha.exposure("KU")
    assert ku is not None
    assert ku.source.line == line_of(protocol_text(), "- code: KU")
    alg = catalog.interface("ALG")
    assert alg is not None
    assert (alg.source.path, alg.source.line) == (
        str(tmp_path / "interfaces.yaml"),
        line_of(BASE_FILES["interfaces.yaml"], "code: ALG"),
    )


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + protocol_text().encode("utf-8")
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": data}))
    assert result.problems == ()
    assert result.catalog.protocol("alpha") is not None


def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    text = protocol_text(full_name="Alpha S\u00e9curit\u00e9")
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text.encode("latin-1")}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "full_name"), "yaml")]
    assert "UTF-8" in result.problems[0].message


def test_empty_file_and_comment_only_file(tmp_path: Path) -> None:
    result = load(write_catalog(tmp_path, {"protocols/empty.yaml": "", "protocols/comment.yaml": "# nothing\n"}))
    assert sorted(problem_keys(result)) == [
        ("protocols/comment.yaml", 0, "yaml"),
        ("protocols/empty.yaml", 0, "yaml"),
    ]
    assert all("empty" in p.message for p in result.problems)
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


def test_list_where_a_mapping_is_expected(tmp_path: Path) -> None:
    listed = "- id: x\n- id: y\n"
    result = load(write_catalog(tmp_path, {"protocols/listed.yaml": listed, "phases.yaml": listed}))
    own = [key for key in problem_keys(result) if key[0] in ("protocols/listed.yaml", "phases.yaml")]
    assert sorted(own) == [("phases.yaml", 1, "invalid_value"), ("protocols/listed.yaml", 1, "invalid_value")]
    messages = {p.path.rsplit("/", 1)[1]: p.message for p in result.problems}
    assert "must be a mapping, not a list" in messages["listed.yaml"]
    assert "expected a mapping with the key 'phases'" in messages["phases.yaml"]
    assert result.catalog.phases == ()


def test_top_level_key_holding_a_mapping_instead_of_a_list(tmp_path: Path) -> None:
    text = "# comment\nphases:\n  id: pre-connection\n"
    result = load(write_catalog(tmp_path, {"phases.yaml": text}))
    phase_problems = [k for k in problem_keys(result) if k[0] == "phases.yaml"]
    assert phase_problems == [("phases.yaml", 2, "invalid_value")]
    assert "must be a list of records" in result.problems[0].message


def test_list_item_that_is_not_a_mapping(tmp_path: Path) -> None:
    text = BASE_FILES["phases.yaml"] + "  - just a string\n"
    result = load(write_catalog(tmp_path, {"phases.yaml": text}))
    assert problem_keys(result) == [("phases.yaml", line_of(text, "just a string"), "invalid_value")]
    assert "phases[2] must be a mapping" in result.problems[0].message
    assert [p.id for p in result.catalog.phases] == ["pre-connection", "post-connection"]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = BASE_FILES["phases.yaml"] + "fases: []\n"
    result = load(write_catalog(tmp_path, {"phases.yaml": text}))
    assert problem_keys(result) == [("phases.yaml", line_of(text, "fases"), "unknown_field")]


def test_duplicate_key_reports_the_repeat_and_keeps_the_first(tmp_path: Path) -> None:
    text = protocol_text(colour="x").replace("colour: x", "name: Alpha Again")
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "name: Alpha Again"), "invalid_value")]
    assert "'name' is given twice" in result.problems[0].message
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.name == "Alpha"


def test_duplicate_key_inside_a_nested_record(tmp_path: Path) -> None:
    text = protocol_text(structure="\n  kind: integrated\n  kind: separate")
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "kind: separate"), "invalid_value")]
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.structure.kind == "integrated"


def test_duplicate_top_level_key_of_a_list_file_is_reported(tmp_path: Path) -> None:
    # A second ``phases:`` key silently replacing (or being dropped in favour of) the first
    # would lose records without a word; it must be reported at the repeat.
    second = "phases:\n  - id: extra\n    name: Extra\n    section: '9'\n    description: More.\n"
    text = BASE_FILES["phases.yaml"] + second
    result = load(write_catalog(tmp_path, {"phases.yaml": text}))
    assert problem_keys(result) == [("phases.yaml", line_of(text, "phases:", occurrence=2), "invalid_value")]


def test_python_tags_are_refused(tmp_path: Path) -> None:
    scalar = protocol_text(name='!!python/object/apply:os.getcwd ""')
    mapping = protocol_text(id="beta", structure=" !!python/object:collections.OrderedDict {kind: integrated}")
    result = load(
        write_catalog(tmp_path, {"protocols/alpha.yaml": scalar, "protocols/beta.yaml": mapping}),
    )
    assert sorted(problem_keys(result)) == [
        ("protocols/alpha.yaml", line_of(scalar, "!!python"), "yaml"),
        ("protocols/beta.yaml", line_of(mapping, "!!python"), "yaml"),
    ]
    assert all("unsupported" in p.message for p in result.problems)
    assert result.catalog.protocols == ()


def test_recursive_alias_is_refused() -> None:
    try:
        parse("a: &a [*a]\n")
    except YamlError as error:
        assert f"deeper than {MAX_DEPTH}" in error.message
        assert error.line == 1
    else:
        raise AssertionError("a recursive alias must be refused")


def test_wrong_type_of_an_optional_field_drops_only_the_field(tmp_path: Path) -> None:
    text = BASE_FILES["references.yaml"].replace("    rfc: 1\n", '    rfc: "one"\n')
    result = load(write_catalog(tmp_path, {"references.yaml": text}))
    assert problem_keys(result) == [("references.yaml", line_of(text, "rfc:"), "invalid_value")]
    reference = result.catalog.reference("RFC0001")
    assert reference is not None
    assert reference.rfc is None


def test_bad_choice(tmp_path: Path) -> None:
    text = BASE_FILES["references.yaml"].replace("kind: paper", "kind: book")
    result = load(write_catalog(tmp_path, {"references.yaml": text}))
    # The skipped reference then makes alpha's citation of it (on its KU exposure) unknown.
    assert problem_keys(result) == [
        ("references.yaml", line_of(text, "kind: book"), "invalid_value"),
        ("protocols/alpha.yaml", line_of(protocol_text(), "references: [PAPER]"), "unknown_reference"),
    ]
    assert "'book' is not one of rfc, internet-draft, paper, web" in result.problems[0].message
    assert result.catalog.reference("PAPER") is None


def test_dates_stay_text(tmp_path: Path) -> None:
    survey = (
        "survey:\n  id: draft-x-00\n  title: T\n  date: 2020-04-23\n  status: Internet-Draft\n"
        "  authors:\n    - name: A. Author\n  abstract: About.\n"
    )
    result = load(write_catalog(tmp_path, {"survey.yaml": survey}))
    assert result.problems == ()
    assert result.catalog.survey is not None
    assert result.catalog.survey.date == "2020-04-23"
    assert result.catalog.survey.authors == (Author("A. Author", None),)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    text = protocol_text() + "# " + "x" * (4 * 1024 * 1024) + "\n"
    result = load_protocol(tmp_path, text)
    assert problem_keys(result) == [("protocols/alpha.yaml", 0, Subtype.YAML.value)]
    assert "larger than" in result.problems[0].message
