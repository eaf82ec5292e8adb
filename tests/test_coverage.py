"""Coverage: each kind of gap, located at the catalog entry, switchable part by part, and in a report."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_root, root_catalog

from sphinx_tapssec.cli.check_build import CheckError, CheckResult, run_check
from sphinx_tapssec.model.coverage import find_gaps, report_text
from sphinx_tapssec.model.loader import load_catalog

ALL_PARTS = ["protocols", "interfaces", "references", "exposures"]

#: A page that describes Alpha and IPK only and cites nothing.
THIN = """\
Thin
====

.. secproto:: alpha
   :hide: description, transport, references, interfaces

.. interface:: IPK
   :no-list:
"""


def project(tmp_path: Path, index: str = THIN) -> Path:
    """The ``claims`` root with *index* as its page."""
    return copy_root("claims", tmp_path, index)


def gaps(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.location.split("/catalog/", 1)[-1], f.message) for f in result.findings]


def test_every_kind_of_gap_is_located_at_the_catalog_entry(tmp_path: Path) -> None:
    srcdir = project(tmp_path)
    # An interface nobody exposes.
    interfaces = srcdir / "catalog" / "interfaces.yaml"
    interfaces.write_text(
        interfaces.read_text(encoding="utf-8")
        + "  - code: KE\n    name: Key Expiration\n    phase: post-connection\n"
        + '    section: "3.2"\n    definition: Keys expire.\n',
        encoding="utf-8",
    )
    result = run_check(srcdir, outdir=tmp_path / "out")
    assert {f.kind for f in result.findings} == {"tapssec.coverage"}
    assert gaps(result) == [
        ("protocols/beta.yaml:1", "protocol 'beta' is described on no page (add '.. secproto:: beta')"),
        ("protocols/gamma.yaml:1", "protocol 'gamma' is described on no page (add '.. secproto:: gamma')"),
        ("interfaces.yaml:7", "interface 'ALG' is described on no page (add '.. interface:: ALG')"),
        ("interfaces.yaml:13", "interface 'KU' is described on no page (add '.. interface:: KU')"),
        ("interfaces.yaml:18", "interface 'KE' is described on no page (add '.. interface:: KE')"),
        ("references.yaml:2", "reference 'RFC0001' is cited on no page"),
        ("references.yaml:10", "reference 'PAPER' is cited on no page"),
        ("interfaces.yaml:18", "interface 'KE' is exposed by no protocol"),
    ]
    report = result.coverage_report.splitlines()
    counts = [line for line in report[1:] if line and not line.startswith(" ")]
    assert counts == ["protocols: 2 gaps", "interfaces: 3 gaps", "references: 2 gaps", "exposures: 1 gap"]
    assert f"  {result.findings[0].location}: {result.findings[0].message}" in report


def test_a_reference_cited_by_a_role_or_a_rendered_text_is_covered(tmp_path: Path) -> None:
    index = THIN + "\nSee :tapssec:ref:`PAPER`.\n\n.. secproto:: beta\n   :hide: references\n"
    result = run_check(
        project(tmp_path, index), outdir=tmp_path / "out", overrides={"tapssec_coverage": ["references"]}
    )
    # PAPER through the role; RFC0001 through Beta's byte-stream mapping, which the page renders.
    assert result.findings == ()


@pytest.mark.parametrize("part", ALL_PARTS)
def test_each_part_is_switched_on_alone(tmp_path: Path, part: str) -> None:
    result = run_check(project(tmp_path), outdir=tmp_path / "out", overrides={"tapssec_coverage": [part]})
    report = result.coverage_report.splitlines()
    assert report[0] == "sphinx-tapssec coverage report"
    assert [line.split(":")[0] for line in report if not line.startswith(" ")][1:] == ["", part]


def test_coverage_is_off_by_default_and_writes_no_report(tmp_path: Path) -> None:
    result = run_check(project(tmp_path), outdir=tmp_path / "out", coverage=False)
    assert result.findings == ()
    assert result.coverage_report == ""
    assert not (tmp_path / "out" / "dummy" / "tapssec-coverage.txt").exists()


def test_the_report_file_name_is_configurable(tmp_path: Path) -> None:
    overrides = {"tapssec_coverage_report": "reports/gaps.txt"}
    run_check(project(tmp_path), overrides, outdir=tmp_path / "out")
    assert (
        (tmp_path / "out" / "dummy" / "reports" / "gaps.txt").read_text(encoding="utf-8").startswith("sphinx-tapssec")
    )


def test_an_unknown_part_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match="unknown part"):
        run_check(project(tmp_path), {"tapssec_coverage": ["protocols", "typos"]}, outdir=tmp_path / "out")


def test_find_gaps_without_sphinx(tmp_path: Path) -> None:
    catalog = load_catalog([root_catalog("claims", tmp_path)]).catalog
    described = {("protocol", "alpha"), ("protocol", "beta"), ("protocol", "gamma"), ("interface", "IPK")}
    found = find_gaps(catalog, described, {"index": frozenset({"RFC0001"})}, ALL_PARTS)
    assert [(gap.part, gap.key) for gap in found] == [
        ("interfaces", "ALG"),
        ("interfaces", "KU"),
        ("references", "PAPER"),
    ]
    assert report_text(found, ["references"]).splitlines()[2:] == [
        "references: 1 gap",
        f"  {found[2].location}: reference 'PAPER' is cited on no page",
    ]
