"""Cross-record checks: unique ids, ids that must exist, several catalog directories (no Sphinx)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from catalogs import (
    BASE_FILES,
    line_of,
    load,
    load_protocol,
    problem_keys,
    problem_kinds,
    protocol_of,
    protocol_text,
    write_catalog,
)

from sphinx_tapssec.model.problems import Subtype

if TYPE_CHECKING:
    from pathlib import Path


def test_duplicate_protocol_id_across_files_keeps_the_first(tmp_path: Path) -> None:
    second = protocol_text(name="Alpha Two")
    result = load(write_catalog(tmp_path, {"protocols/zz-alpha-two.yaml": second}))
    assert problem_keys(result) == [("protocols/zz-alpha-two.yaml", 2, "duplicate_id")]
    problem = result.problems[0]
    assert problem.message == (
        f"duplicate protocol id 'alpha': {tmp_path / 'protocols' / 'alpha.yaml'}:2 defines it too and is kept "
        "(the file named after the id wins, else the first file in name order); this one is skipped"
    )
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.name == "Alpha"
    assert len(result.catalog.protocols) == 1


def test_duplicate_id_keeps_the_first_file_even_with_a_smaller_section(tmp_path: Path) -> None:
    """The first file read wins; the section number, which only orders the table, must not decide."""
    main = write_catalog(tmp_path / "main")
    extra = tmp_path / "extra"
    (extra / "protocols").mkdir(parents=True)
    (extra / "protocols" / "alpha.yaml").write_text(protocol_text(name="Impostor", section='"0.1"'), "utf-8")
    result = load(main, extra)
    assert [(p.path, p.line, p.subtype) for p in result.problems] == [
        (str(extra / "protocols" / "alpha.yaml"), 2, Subtype.DUPLICATE_ID)
    ]
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.name == "Alpha"


def test_duplicate_id_in_one_list_file(tmp_path: Path) -> None:
    text = (
        BASE_FILES["phases.yaml"] + "  - id: pre-connection\n    name: Again\n    section: '9'\n    description: D.\n"
    )
    result = load(write_catalog(tmp_path, {"phases.yaml": text}))
    assert problem_keys(result) == [("phases.yaml", line_of(text, "id: pre-connection", occurrence=2), "duplicate_id")]
    phase = result.catalog.phase("pre-connection")
    assert phase is not None
    assert phase.name == "Pre-Connection"


def test_unknown_category_drops_the_protocol(tmp_path: Path) -> None:
    text = protocol_text(category="streams")
    result = load_protocol(tmp_path, text)
    assert problem_kinds(result) == [("protocols/alpha.yaml", "unknown_category")]
    assert "unknown category 'streams'" in result.problems[0].message
    assert result.catalog.protocols == ()


def test_unknown_group_is_dropped(tmp_path: Path) -> None:
    text = protocol_text(transport="\n  requires: [byte-stream]\n  group: nothing")
    result = load_protocol(tmp_path, text)
    assert problem_kinds(result) == [("protocols/alpha.yaml", "unknown_category")]
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.transport.group is None
    assert alpha.section4_group == "stream"


def test_unknown_phase_drops_the_interface(tmp_path: Path) -> None:
    text = BASE_FILES["interfaces.yaml"].replace("phase: post-connection", "phase: afterwards")
    result = load(write_catalog(tmp_path, {"interfaces.yaml": text}))
    keys = problem_keys(result)
    assert [(k[0], k[2]) for k in keys] == [
        ("interfaces.yaml", "unknown_phase"),
        ("protocols/alpha.yaml", "unknown_interface"),  # alpha exposes KU, which is gone
    ]
    assert keys[0][1] in (line_of(text, "phase: afterwards"), line_of(text, "code: KU"))
    assert [i.code for i in result.catalog.interfaces] == ["IPK", "ALG"]
    # No protocol may go on exposing the interface that was dropped.
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.interface_codes == ("IPK",)


def test_unknown_phase_names_the_line_of_the_phase(tmp_path: Path) -> None:
    text = BASE_FILES["interfaces.yaml"].replace("phase: post-connection", "phase: afterwards")
    result = load(write_catalog(tmp_path, {"interfaces.yaml": text}))
    assert problem_keys(result)[0] == ("interfaces.yaml", line_of(text, "phase: afterwards"), "unknown_phase")


def test_unknown_reference_of_an_exposure_and_a_dependency(tmp_path: Path) -> None:
    text = protocol_text(
        transport="\n  requires: [byte-stream]\n  specific:\n    kind: transport-feature\n    references: [RFC7777]",
        exposes="\n  - IPK\n  - code: KU\n    references: [RFC8888]",
    )
    result = load_protocol(tmp_path, text)
    assert sorted(problem_keys(result)) == [
        ("protocols/alpha.yaml", line_of(text, "references: [RFC7777]"), "unknown_reference"),
        ("protocols/alpha.yaml", line_of(text, "references: [RFC8888]"), "unknown_reference"),
    ]
    alpha = protocol_of(result.catalog, "alpha")
    assert alpha.transport.specific is not None
    assert alpha.transport.specific.references == ()


def test_unknown_citation_inside_text(tmp_path: Path) -> None:
    description = "|\n  Alpha protects streams [RFC0001].\n\n  It was inspired by [NOPE-1] and others."
    text = protocol_text(description=description)
    result = load_protocol(tmp_path, text)
    keys = problem_keys(result)
    assert [(k[0], k[2]) for k in keys] == [("protocols/alpha.yaml", "unknown_reference")]
    assert "unknown reference 'NOPE-1'" in result.problems[0].message
    # The citation's own line, or at least the line of the field that holds it.
    assert keys[0][1] in (line_of(text, "[NOPE-1]"), line_of(text, "description:"))


def test_unknown_citation_in_every_kind_of_text(tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = {
        "categories.yaml": BASE_FILES["categories.yaml"].replace("a byte stream.", "a byte stream [C1]."),
        "interfaces.yaml": BASE_FILES["interfaces.yaml"].replace("picks the algorithms.", "picks them [I1]."),
        "omitted.yaml": "omitted:\n  - id: old\n    name: Old\n    reason: out-of-scope\n    note: See [O1].\n",
        "protocols/alpha.yaml": protocol_text(
            structure="\n  kind: integrated\n  handshake: Like [H1].",
            exposes="\n  - code: IPK\n    note: only with [E1]",
        ),
    }
    result = load(write_catalog(tmp_path, files))
    unknown = sorted(p.message.rsplit("'", 2)[1] for p in result.problems)
    assert unknown == ["C1", "E1", "H1", "I1", "O1"]
    assert {p.subtype for p in result.problems} == {Subtype.UNKNOWN_REFERENCE}


def test_missing_catalog_directory(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = load(missing)
    assert [(p.path, p.line, p.subtype) for p in result.problems] == [(str(missing), 0, Subtype.CATALOG)]
    assert "not found" in result.problems[0].message
    assert result.catalog.protocols == ()


def test_missing_extra_directory_keeps_the_main_catalog(tmp_path: Path) -> None:
    main = write_catalog(tmp_path / "main")
    result = load(main, tmp_path / "nowhere")
    assert [(p.path, p.subtype) for p in result.problems] == [(str(tmp_path / "nowhere"), Subtype.CATALOG)]
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


def test_extra_directories_add_protocols_and_references(tmp_path: Path) -> None:
    main = write_catalog(tmp_path / "main")
    extra = tmp_path / "extra"
    (extra / "protocols").mkdir(parents=True)
    (extra / "references.yaml").write_text(
        "references:\n  - id: EXTRA\n    kind: web\n    title: Extra\n    url: https://example.org/\n", "utf-8"
    )
    delta = protocol_text(
        id="delta", name="Delta", section='"0.5"', category="packet", references="[EXTRA, RFC0001]", exposes=" [ALG]"
    )
    (extra / "protocols" / "delta.yaml").write_text(delta, "utf-8")
    result = load(main, extra)
    assert result.problems == ()
    catalog = result.catalog
    # Protocols are ordered by survey section, whichever directory they come from.
    assert [p.id for p in catalog.protocols] == ["delta", "alpha"]
    assert [r.id for r in catalog.references] == ["RFC0001", "PAPER", "EXTRA"]
    assert [p.name for p, _ in catalog.exposers("ALG")] == ["Delta"]
    assert str(extra / "protocols" / "delta.yaml") in catalog.files


def test_every_problem_has_a_path_in_the_catalog_and_a_positive_line(tmp_path: Path) -> None:
    # Problems of five kinds in one file: category, interface, duplicate, reference, field.
    text = protocol_text(
        category="streams", exposes="\n  - XYZ\n  - IPK\n  - IPK", references="[RFC9999]", colour="red"
    )
    files: dict[str, str | bytes | None] = {
        "protocols/alpha.yaml": text,
        "protocols/beta.yaml": protocol_text(id="beta", section="2.1", name="Beta"),
    }
    result = load(write_catalog(tmp_path, files))
    assert len(result.problems) >= 3
    for problem in result.problems:
        assert problem.path.startswith(str(tmp_path)), problem
        assert problem.line >= 1, problem
        assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
        assert str(problem).endswith(f" [tapssec.{problem.subtype.value}]")
