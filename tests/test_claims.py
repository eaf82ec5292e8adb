"""Claims: a true and a false claim of each kind, judged alone and in a build, at the prose's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_root, root_catalog
from read_output import text_matrix_lines

from sphinx_tapssec.cli.check_build import CheckResult, run_check
from sphinx_tapssec.model.entities import Catalog
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.problems import Subtype
from sphinx_tapssec.query import QueryError, check_claim


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog([root_catalog("claims", tmp_path_factory.mktemp("claims"))]).catalog


@pytest.mark.parametrize(
    "claim",
    [
        "beta: exposes(ALG)",
        "alpha, beta: exposes(IPK)",
        "only alpha, beta: exposes(IPK)",
        "only gamma: not in_table",
        "count == 3: true",
        "count >= 2: exposes(IPK)",
        "count < 1: exposes(KU) and exposes(ALG)",
        "all: category(stream) or category(packet)",
        "none: category(stream) and transport(datagram)",
    ],
)
def test_true_claims_hold(catalog: Catalog, claim: str) -> None:
    assert check_claim(claim, catalog).holds


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ("beta: exposes(KU)", "it does not hold for Beta; the catalog has it for Alpha"),
        ("alpha, gamma: in_table", "it does not hold for Gamma; the catalog has it for Alpha, Beta"),
        ("only alpha: exposes(IPK)", "the catalog has it for Alpha, Beta (not named: Beta)"),
        ("only alpha, gamma: exposes(IPK)", "(not named: Beta; named but not matching: Gamma)"),
        ("count == 3: exposes(IPK)", "2 protocols match, not == 3: Alpha, Beta"),
        ("count > 0: exposes(KU) and exposes(ALG)", "0 protocols match, not > 0: no protocol"),
        ("count == 2: exposes(KU)", "1 protocol matches, not == 2: Alpha"),
        ("all: in_table", "it does not hold for Gamma"),
        ("none: exposes(ALG)", "it holds for Beta"),
    ],
)
def test_false_claims_say_what_the_catalog_holds(catalog: Catalog, claim: str, message: str) -> None:
    result = check_claim(claim, catalog)
    assert not result.holds
    assert message in result.message


@pytest.mark.parametrize(
    ("claim", "column", "subtype"),
    [
        ("exposes(IPK)", 1, Subtype.QUERY_SYNTAX),
        ("nobody: in_table", 1, Subtype.UNKNOWN_NAME),
        ("alpha beta: in_table", 7, Subtype.QUERY_SYNTAX),
        ("alpha: ", 8, Subtype.QUERY_SYNTAX),
        ("count == many: in_table", 10, Subtype.QUERY_SYNTAX),
        ("only alpha: exposes(XX)", 21, Subtype.UNKNOWN_NAME),
        ("", 1, Subtype.QUERY_SYNTAX),
    ],
)
def test_broken_claims_are_query_errors(catalog: Catalog, claim: str, column: int, subtype: Subtype) -> None:
    with pytest.raises(QueryError) as info:
        check_claim(claim, catalog)
    assert (info.value.column, info.value.subtype) == (column, subtype)


# --- in a build -----------------------------------------------------------------------------------


def check(srcdir: Path, builder: str = "text", *, coverage: bool = True) -> CheckResult:
    return run_check(srcdir, builder=builder, outdir=srcdir.parent / "out", coverage=coverage)


def findings(result: CheckResult) -> list[tuple[str, str]]:
    """``(file:line, subtype)`` of every finding, the location relative to the project."""
    return [(f.location.rsplit("/", 1)[-1], f.kind) for f in result.findings]


def test_the_root_has_only_true_claims(tmp_path: Path) -> None:
    result = check(copy_root("claims", tmp_path), builder="html")
    assert result.findings == ()


def test_claims_render_as_ordinary_text_and_roles_compute(tmp_path: Path) -> None:
    srcdir = copy_root("claims", tmp_path)
    check(srcdir)
    text = " ".join((srcdir.parent / "out" / "text" / "index.txt").read_text(encoding="utf-8").split())
    assert "Counted: 2 protocols expose IPK, namely *Alpha* and *Beta*;" in text
    assert "Beta exposes *IPK* and *ALG*;" in text
    assert "none match none." in text
    assert "Each: Beta exposes ALG." in text
    assert "Only: exactly two." in text
    assert "Beta alone maps its datagrams onto a byte stream." in text
    assert "beta: exposes" not in text  # the claim itself never shows


def test_filters_keep_matching_protocols(tmp_path: Path) -> None:
    srcdir = copy_root("claims", tmp_path)
    check(srcdir)
    text = (srcdir.parent / "out" / "text" / "index.txt").read_text(encoding="utf-8")
    names = [line.split()[0] for line in text_matrix_lines(text)[1:]]
    assert names == ["Beta"]


FALSE_CLAIMS = """\
False
=====

A paragraph that starts here,
goes on, and on its third line says
:tapssec:claim:`Beta exposes key updates <beta: exposes(KU)>`.

Exactly :tapssec:claim:`one <only alpha: exposes(IPK)>` exposes IPK.

.. claim:: count == 3: exposes(IPK)

   Three protocols expose IPK.

.. claim:: all: in_table

.. claim:: none: exposes(ALG)

Broken :tapssec:claim:`text <alpha beta: in_table>` and :tapssec:claim:`no title`.
"""


def test_false_claims_are_reported_at_their_lines(tmp_path: Path) -> None:
    result = check(copy_root("claims", tmp_path, FALSE_CLAIMS), coverage=False)
    assert findings(result) == [
        ("index.rst:18", "tapssec.query_syntax"),  # no title: found while reading
        ("index.rst:6", "tapssec.false_claim"),  # the third line of its paragraph
        ("index.rst:8", "tapssec.false_claim"),
        ("index.rst:10", "tapssec.false_claim"),
        ("index.rst:14", "tapssec.false_claim"),
        ("index.rst:16", "tapssec.false_claim"),
        ("index.rst:18", "tapssec.query_syntax"),
    ]
    messages = [f.message for f in result.findings]
    assert "false claim 'beta: exposes(KU)': it does not hold for Beta; the catalog has it for Alpha" in messages
    assert any("at column 7 of 'alpha beta: in_table'" in m for m in messages)


def test_a_changed_catalog_fails_an_unchanged_page(tmp_path: Path) -> None:
    srcdir = copy_root("claims", tmp_path)
    beta = srcdir / "catalog" / "protocols" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("exposes: [IPK, ALG]", "exposes: [IPK]"))
    result = check(srcdir)
    assert ("index.rst:20", "tapssec.false_claim") in findings(result)


def test_claims_are_judged_after_a_parallel_read(tmp_path: Path) -> None:
    # Sphinx reads in parallel only with more than five documents to read.
    srcdir = copy_root("claims", tmp_path, FALSE_CLAIMS)
    for number in range(8):
        page = f":orphan:\n\nPage {number}\n=======\n\n.. claim:: count == {number}: in_table\n"
        (srcdir / f"page{number}.rst").write_text(page, encoding="utf-8")
    result = run_check(srcdir, builder="html", outdir=tmp_path / "out", parallel=4, coverage=False)
    located = findings(result)
    # Two protocols are in the table: every page but page2 claims a wrong count.
    expected = [(f"page{n}.rst:6", "tapssec.false_claim") for n in range(8) if n != 2]
    assert [item for item in located if item[0].startswith("page")] == expected
    assert located.count(("index.rst:6", "tapssec.false_claim")) == 1
