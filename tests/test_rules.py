"""Consistency rules and notes: checked on every load, located in the catalog, and the survey's own notes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import build, copy_root, edit, html_page, root_catalog, warnings_of

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.consistency import rule_outcomes
from sphinx_tapssec.model.loader import LoadResult, load_catalog


def copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(source, target)
    return target


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def problems(result: LoadResult) -> list[tuple[str, int, str]]:
    return [(Path(p.path).name, p.line, p.subtype.value) for p in result.problems]


def test_the_small_catalog_is_consistent(tmp_path: Path) -> None:
    result = load_catalog([root_catalog("claims", tmp_path)])
    assert result.problems == ()
    outcomes = {o.rule.id: o for o in rule_outcomes(result.catalog)}
    assert outcomes["listed"].excused == (("gamma", "gamma-unlisted"),)
    assert outcomes["table-rows-expose"].failing == ()


def test_a_protocol_breaking_a_rule_is_reported_at_the_protocol(tmp_path: Path) -> None:
    catalog = root_catalog("claims", tmp_path)
    edit(catalog / "protocols" / "beta.yaml", "exposes: [IPK, ALG]", "exposes: []")
    result = load_catalog([catalog])
    assert problems(result) == [("beta.yaml", 1, "rule")]
    message = result.problems[0].message
    assert message.startswith("Beta breaks rule 'table-rows-expose' (")
    assert f"rules.yaml:{line_of(catalog / 'rules.yaml', 'id: table-rows-expose')})" in message


def test_a_broken_rule_expression_is_reported_at_its_key(tmp_path: Path) -> None:
    catalog = root_catalog("claims", tmp_path)
    edit(catalog / "rules.yaml", "for: in_table", "for: in_tabel")
    edit(catalog / "rules.yaml", "require: transport(byte-stream) or", "require: transport(byte-stream) or or")
    result = load_catalog([catalog])
    rules = catalog / "rules.yaml"
    assert sorted(problems(result)) == [
        ("rules.yaml", line_of(rules, "require: transport"), "query_syntax"),
        ("rules.yaml", line_of(rules, "for: in_tabel"), "unknown_name"),
    ]
    assert any("column 1: unknown name 'in_tabel' (did you mean 'in_table'?)" in p.message for p in result.problems)


def test_a_note_that_no_longer_matches_the_catalog_is_reported(tmp_path: Path) -> None:
    catalog = root_catalog("claims", tmp_path)
    # "Fix" gamma: it now satisfies the rule its note excuses, and breaks the note's check.
    edit(catalog / "protocols" / "gamma.yaml", "requires: []", "requires: [datagram]")
    edit(catalog / "protocols" / "gamma.yaml", "in_table: false", "in_table: true")
    result = load_catalog([catalog])
    notes = catalog / "consistency.yaml"
    assert sorted(problems(result)) == [
        ("consistency.yaml", line_of(notes, "id: gamma-unlisted"), "rule"),
        ("consistency.yaml", line_of(notes, "check:"), "rule"),
        ("gamma.yaml", 1, "rule"),  # and it breaks table-rows-expose now
    ]
    assert any(
        "excuses Gamma from rule 'listed', but the catalog now satisfies the rule" in p.message for p in result.problems
    )


def test_notes_naming_unknown_things_are_reported(tmp_path: Path) -> None:
    catalog = root_catalog("claims", tmp_path)
    notes = catalog / "consistency.yaml"
    edit(notes, "protocols: [gamma]", "protocols: [gamma, delta]")
    edit(notes, "[RFC0001]", "[RFC9999]")
    notes.write_text(
        notes.read_text(encoding="utf-8")
        + "  - id: other\n    title: T\n    kind: scope\n    sections: ['1']\n    rule: nope\n"
        + "    protocols: [alpha]\n    check: 'alpha: exposes(ZZ)'\n    note: N.\n"
        + "  - id: other\n    title: T\n    kind: scope\n    sections: ['1']\n    note: N.\n",
        encoding="utf-8",
    )
    result = load_catalog([catalog])
    assert sorted(s for _, _, s in problems(result)) == [
        "duplicate_id",
        "rule",
        "unknown_name",
        "unknown_protocol",
        "unknown_reference",
    ]


def _order_note(note_id: str, check: str | None, printed: str | None) -> str:
    lines = [f"  - id: {note_id}", "    title: T", "    kind: order", "    sections: ['1']"]
    lines += [f"    check: '{check}'"] if check else []
    lines += [f"    printed: {printed}"] if printed else []
    return "\n".join([*lines, "    note: N.\n"])


def test_order_notes_compare_a_printed_list_with_the_catalog(tmp_path: Path) -> None:
    catalog = root_catalog("claims", tmp_path)
    notes = catalog / "consistency.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8")
        + _order_note("good", "only alpha, beta: in_table", "[beta, alpha]")
        + _order_note("no-printed", "only alpha, beta: in_table", None)
        + _order_note("no-check", None, "[beta, alpha]")
        + _order_note("other-members", "only alpha, beta: in_table", "[beta, gamma]")
        + _order_note("same-order", "only alpha, beta: in_table", "[alpha, beta]"),
        encoding="utf-8",
    )
    result = load_catalog([catalog])
    text = notes.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = {note: line_of(notes, f"id: {note}") for note in ("no-printed", "no-check", "other-members", "same-order")}

    def printed_line(note: str) -> int:
        return next(n for n in range(first[note], len(lines) + 1) if lines[n - 1].strip().startswith("printed:"))

    assert sorted(problems(result)) == sorted(
        [
            ("consistency.yaml", first["no-printed"], "rule"),
            ("consistency.yaml", first["no-check"], "rule"),
            ("consistency.yaml", printed_line("other-members"), "rule"),
            ("consistency.yaml", printed_line("same-order"), "rule"),
        ]
    )
    messages = " ".join(p.message for p in result.problems)
    assert "'printed' names beta, gamma, but its check selects alpha, beta" in messages
    assert "the printed order is the catalog's order" in messages
    good = next(note for note in result.catalog.notes if note.id == "good")
    assert good.printed == ("beta", "alpha")


def test_an_order_note_shows_both_orders_from_data(tmp_path: Path) -> None:
    root = copy_root("claims", tmp_path)
    notes = root / "catalog" / "consistency.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8") + _order_note("swapped", "only alpha, beta: in_table", "[beta, alpha]"),
        encoding="utf-8",
    )
    app = build(root, freshenv=True)
    try:
        assert warnings_of(app) == []
        page = html_page(app)
    finally:
        app.cleanup()
    notes_by_id = {
        element.attrs["id"]: n
        for n in page.find_all("div", class_="tapssec-consistency-note")
        for element in n.iter()
        if element.attrs.get("id", "").startswith("tapssec-note-")
    }
    note = notes_by_id["tapssec-note-swapped"]
    facts = note.find("dl", class_="tapssec-note-facts")
    names = [dt.text().rstrip(":") for dt in facts.child_elements("dt")]
    bodies = [" ".join(dd.text().split()) for dd in facts.child_elements("dd")]
    fields = dict(zip(names, bodies, strict=True))
    assert fields["Order as printed"] == "Beta and Alpha"
    assert fields["Order of Section 3"] == "Alpha and Beta"
    # A note of another kind shows neither.
    assert "Order of Section 3" not in notes_by_id["tapssec-note-gamma-unlisted"].text()


def test_the_survey_order_notes_state_no_order_by_hand(survey: LoadResult) -> None:
    """Every order claim comes from data: a printed list, checked against the catalog's order, and
    no note's text says how the survey orders its other lists."""
    orders = [note for note in survey.catalog.notes if note.kind == "order"]
    assert {note.id: note.printed for note in orders} == {
        "pske-list-order": ("tls", "dtls", "tcpcrypt", "ipsec", "openvpn", "minimalt"),
        "ad-list-order": ("ipsec", "tcpcrypt"),
        "datagram-list-order": ("dtls", "zrtp", "srtp"),
        "own-transport-order": ("quic", "curvecp", "minimalt"),
    }
    names = [p.name for p in survey.catalog.protocols]
    for note in orders:
        words = f"{note.title} {' '.join(note.note.split())}"
        assert not [name for name in names if name in words.split()], note.id
        assert not {"before", "after", "first", "last"} & set(words.lower().split()), note.id
    for note in survey.catalog.notes:
        text = " ".join(note.note.split())
        assert "other lists" not in text and "keep the order" not in text, note.id


def test_rules_and_notes_files_follow_the_format(tmp_path: Path) -> None:
    catalog = root_catalog("claims", tmp_path)
    edit(catalog / "consistency.yaml", "kind: lists", "kind: gossip")
    edit(catalog / "rules.yaml", "  - id: listed\n", "  - id: listed\n    severity: high\n")
    result = load_catalog([catalog])
    assert ("consistency.yaml", 4, "invalid_value") in problems(result)
    assert ("rules.yaml", 3, "unknown_field") in problems(result)


# --- the survey's own notes ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def survey() -> LoadResult:
    return load_catalog([bundled_catalog()])


def test_the_survey_catalog_satisfies_its_rules(survey: LoadResult) -> None:
    assert survey.problems == ()
    assert all(outcome.failing == () and outcome.error is None for outcome in rule_outcomes(survey.catalog))


def test_the_survey_inconsistencies_are_recorded(survey: LoadResult) -> None:
    notes = {note.id: note for note in survey.catalog.notes}
    expected = {
        "srtp-zrtp-regrouped": ("category", ("zrtp", "srtp")),
        "openvpn-over-one-transport": ("transport", ("openvpn",)),
        "gquic-in-no-transport-list": ("lists", ("gquic",)),
        "described-but-not-in-table": ("table", ("srtp", "gquic")),
        "described-but-in-no-interface-list": ("lists", ("srtp", "gquic")),
        "introduction-omits-zrtp-openvpn": ("introduction", ("zrtp", "openvpn")),
        "pske-list-order": ("order", ("minimalt",)),
        "ad-list-order": ("order", ("ipsec", "tcpcrypt")),
        "datagram-list-order": ("order", ("zrtp", "srtp")),
        "own-transport-order": ("order", ("curvecp", "minimalt")),
        "zrtp-without-heading": ("headings", ("zrtp",)),
        "ah-named-as-record-protocol": ("scope", ("ipsec",)),
    }
    assert {key: (note.kind, note.protocols) for key, note in notes.items()} == expected
    excused = {(p, n) for outcome in rule_outcomes(survey.catalog) for p, n in outcome.excused}
    assert excused == {
        ("srtp", "srtp-zrtp-regrouped"),
        ("zrtp", "srtp-zrtp-regrouped"),
        ("gquic", "gquic-in-no-transport-list"),
        ("srtp", "described-but-not-in-table"),
        ("gquic", "described-but-not-in-table"),
        ("srtp", "described-but-in-no-interface-list"),
        ("gquic", "described-but-in-no-interface-list"),
    }


@pytest.mark.parametrize(
    ("file", "old", "new", "note_or_rule"),
    [
        # Each "fix" makes the catalog disagree with the survey, and a note or a rule says so.
        ("protocols/zrtp.yaml", "  group: application-payload\n", "", "srtp-zrtp-regrouped"),
        (
            "protocols/openvpn.yaml",
            "requires: [datagram]",
            "requires: [datagram, byte-stream]",
            "openvpn-over-one-transport",
        ),
        ("protocols/gquic.yaml", "requires: []", "requires: [datagram]", "gquic-in-no-transport-list"),
        ("protocols/srtp.yaml", "in_table: false", "in_table: true", "described-but-not-in-table"),
        ("protocols/minimalt.yaml", "  - PSKE\n", "", "pske-list-order"),
        ("protocols/zrtp.yaml", 'section: "3.2.1"', 'section: "3.2.2"', "zrtp-without-heading"),
        ("protocols/tls.yaml", "requires: [byte-stream]", "requires: []", "listed-under-a-transport"),
    ],
)
def test_a_planted_fact_fails_with_the_right_file_and_line(
    tmp_path: Path, file: str, old: str, new: str, note_or_rule: str
) -> None:
    catalog = copy(bundled_catalog(), tmp_path)
    edit(catalog / file, old, new)
    result = load_catalog([catalog])
    assert result.problems, "the planted fact went unnoticed"
    assert any(note_or_rule in problem.message for problem in result.problems)
    for problem in result.problems:
        assert problem.subtype.value == "rule"
        path = Path(problem.path)
        assert path.name in ("consistency.yaml", Path(file).name)
        if path.name == "consistency.yaml":
            assert problem.line >= line_of(path, f"id: {note_or_rule}")
        else:
            assert problem.line == 2  # the protocol's first key, after the schema comment
