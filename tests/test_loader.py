"""The loader on single files: YAML it refuses, shapes it refuses, fields it checks (no Sphinx)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from catalogs import BASE_FILES, line_of, load, problem_keys, protocol_text, write_catalog

from sphinx_tapssec.model.entities import Author
from sphinx_tapssec.model.located_yaml import MAX_DEPTH, YamlError, parse
from sphinx_tapssec.model.problems import Subtype

if TYPE_CHECKING:
    from pathlib import Path


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
    alpha = catalog.protocol("alpha")
    assert alpha is not None
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
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "name: Alpha Again"), "invalid_value")]
    assert "'name' is given twice" in result.problems[0].message
    alpha = result.catalog.protocol("alpha")
    assert alpha is not None
    assert alpha.name == "Alpha"


def test_duplicate_key_inside_a_nested_record(tmp_path: Path) -> None:
    text = protocol_text(structure="\n  kind: integrated\n  kind: separate")
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "kind: separate"), "invalid_value")]
    alpha = result.catalog.protocol("alpha")
    assert alpha is not None
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


def test_standard_but_unwanted_tags_are_refused(tmp_path: Path) -> None:
    text = protocol_text(exposes=" !!set {IPK: null}")
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "!!set"), "yaml")]


def test_recursive_alias_is_refused() -> None:
    try:
        parse("a: &a [*a]\n")
    except YamlError as error:
        assert f"deeper than {MAX_DEPTH}" in error.message
        assert error.line == 1
    else:
        raise AssertionError("a recursive alias must be refused")


def test_unknown_field_is_reported_and_the_record_kept(tmp_path: Path) -> None:
    text = protocol_text(colour="blue")
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "colour"), "unknown_field")]
    assert "unknown field 'colour'" in result.problems[0].message
    assert "summary" in result.problems[0].message  # the message lists the known fields
    assert result.catalog.protocol("alpha") is not None


def test_unknown_field_in_a_nested_record(tmp_path: Path) -> None:
    text = protocol_text(transport="\n  requires: [byte-stream]\n  reqires: [datagram]")
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, "reqires"), "unknown_field")]


def test_missing_required_field_skips_the_record(tmp_path: Path) -> None:
    text = protocol_text(category=None)
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", 2, "missing_field")]
    assert "missing required field 'category'" in result.problems[0].message
    assert result.catalog.protocols == ()


@pytest.mark.parametrize(
    ("fields", "needle", "words"),
    [
        ({"section": "3.1"}, "section: 3.1", ("quote numbers", "float 3.1")),  # unquoted: a number
        ({"in_table": '"yes"'}, "in_table", ("must be true or false, not str 'yes'",)),  # quoted: a string
        ({"structure": "\n  kind: mixed"}, "kind: mixed", ("'mixed' is not one of integrated",)),  # nested
        ({"id": "Alpha_1"}, "id: Alpha_1", ("does not match",)),
    ],
    ids=["unquoted-section", "quoted-boolean", "nested-choice", "id-pattern"],
)
def test_a_bad_required_value_is_reported_at_its_line(
    tmp_path: Path, fields: dict[str, str], needle: str, words: tuple[str, ...]
) -> None:
    text = protocol_text(True, **fields)
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", line_of(text, needle), "invalid_value")]
    assert all(word in result.problems[0].message for word in words)
    assert result.catalog.protocols == ()  # the field is required: the record is skipped


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
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text}))
    assert problem_keys(result) == [("protocols/alpha.yaml", 0, Subtype.YAML.value)]
    assert "larger than" in result.problems[0].message
