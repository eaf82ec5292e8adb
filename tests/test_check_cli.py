"""``tapssec check`` and the pytest entry point: exit codes, file:line output, and this repository's docs."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import append, copy_root, strip_ansi

from sphinx_tapssec.cli.check_build import CheckError, parse_overrides, run_check
from sphinx_tapssec.cli.main import main
from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.consistency import check_consistency
from sphinx_tapssec.model.entities import Catalog, Dependency, Exposure, Protocol
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.query import check_claim

if TYPE_CHECKING:
    from collections.abc import Iterator

    # Imported for annotations only: pytest must load the plugin itself to rewrite its asserts.
    from sphinx_tapssec.testing import TapssecCheck

pytest_plugins = ["sphinx_tapssec.testing"]

REPO = Path(__file__).parent.parent


def plant(srcdir: Path) -> int:
    """Add a false claim to the index page; returns its line."""
    index = srcdir / "index.rst"
    lines = index.read_text(encoding="utf-8").splitlines()
    lines += ["", "Planted: :tapssec:claim:`Gamma is in the table <gamma: in_table>`."]
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


# --- the command ------------------------------------------------------------------------------------


def test_check_passes_on_a_consistent_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(copy_root("claims", tmp_path))]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "ok: no problems" in err


def test_check_fails_with_file_line_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = copy_root("claims", tmp_path)
    line = plant(srcdir)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "claims"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"claims/index.rst:{line}: false claim 'gamma: in_table': it does not hold for Gamma; "
        "the catalog has it for Alpha, Beta [tapssec.false_claim]"
    ]
    assert "1 problem in claims" in err


def test_check_reports_catalog_rules_and_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    srcdir = copy_root("claims", tmp_path)
    (srcdir / "index.rst").write_text("Empty\n=====\n", encoding="utf-8")
    beta = srcdir / "catalog" / "protocols" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("exposes: [IPK, ALG]", "exposes: []"), encoding="utf-8")
    assert main(["check", str(srcdir)]) == 1
    kinds = [line.rsplit("[", 1)[1] for line in capsys.readouterr().out.splitlines()]
    assert "tapssec.rule]" in kinds
    assert "tapssec.coverage]" in kinds
    assert main(["check", str(srcdir), "--no-coverage"]) == 1
    assert [line.rsplit("[", 1)[1] for line in capsys.readouterr().out.splitlines()] == ["tapssec.rule]"]


def test_dash_d_overrides_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    srcdir = copy_root("claims", tmp_path)
    other = tmp_path / "other-catalog"
    shutil.copytree(srcdir / "catalog", other)
    (other / "protocols" / "gamma.yaml").unlink()
    (other / "consistency.yaml").unlink()
    # The page describes gamma, which the other catalog lacks.
    assert main(["check", str(srcdir), "-D", "tapssec_catalog=../other-catalog", "-D", "tapssec_coverage="]) == 1
    out = capsys.readouterr().out
    assert "unknown protocol 'gamma'" in out
    assert "[tapssec.coverage]" not in out


def test_strict_fails_on_other_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    srcdir = copy_root("claims", tmp_path)
    (srcdir / "stray.rst").write_text("Stray\n=====\n", encoding="utf-8")
    assert main(["check", str(srcdir)]) == 0
    assert "isn't included in any toctree" in capsys.readouterr().err
    assert main(["check", str(srcdir), "--strict"]) == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["check", "{tmp}/nowhere"], "has no conf.py"),
        (["check", "{tmp}/claims", "-D", "novalue"], "-D expects name=value"),
        (["check", "{tmp}/claims", "-D", "tapssec_coverage=typo"], "unknown part"),
    ],
)
def test_check_exits_2_when_the_project_cannot_be_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    copy_root("claims", tmp_path)
    assert main([a.format(tmp=tmp_path) for a in arguments]) == 2
    assert message in capsys.readouterr().err


def test_check_exits_2_without_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    srcdir = copy_root("claims", tmp_path)
    (srcdir / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    assert main(["check", str(srcdir)]) == 2
    assert "does not load the sphinx_tapssec extension" in capsys.readouterr().err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    srcdir = copy_root("claims", tmp_path)
    plant(srcdir)
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_tapssec", "check", str(srcdir)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "[tapssec.false_claim]" in done.stdout


def test_overrides_are_parsed() -> None:
    assert parse_overrides(["a=b=c", "x="]) == {"a": "b=c", "x": ""}
    with pytest.raises(CheckError):
        parse_overrides(["=v"])


# --- what the check reads: log records, never Sphinx's text ------------------------------------------------


@pytest.mark.parametrize(
    "setting",
    [
        "show_warning_types = False",
        "keep_warnings = True",
        'suppress_warnings = ["tapssec.false_claim"]',
        "tapssec_strict = True",
    ],
)
def test_no_setting_of_the_project_hides_a_false_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str
) -> None:
    srcdir = copy_root("claims", tmp_path)
    line = plant(srcdir)
    conf = srcdir / "conf.py"
    append(conf, setting + "\n")
    assert main(["check", str(srcdir), "-q"]) == 1
    assert capsys.readouterr() == (
        f"{srcdir}/index.rst:{line}: false claim 'gamma: in_table': it does not hold for Gamma; "
        "the catalog has it for Alpha, Beta [tapssec.false_claim]\n",
        f"tapssec check: 1 problem in {srcdir}\n",
    )


@pytest.mark.parametrize("options", [["-D", "show_warning_types=0"], ["-b", "text"]])
def test_command_line_settings_do_not_hide_a_false_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    srcdir = copy_root("claims", tmp_path)
    line = plant(srcdir)
    assert main(["check", str(srcdir), *options]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"{srcdir}/index.rst:{line}: false claim 'gamma: in_table': it does not hold for Gamma; "
        "the catalog has it for Alpha, Beta [tapssec.false_claim]\n"
    )


def test_warnings_of_parallel_readers_are_kept_once_each(tmp_path: Path) -> None:
    """Sphinx reads in parallel only more than five documents; each warns once in a child process."""
    srcdir = copy_root("claims", tmp_path)
    names = [f"page{n}" for n in range(8)]
    for name in names:
        (srcdir / f"{name}.rst").write_text(f"{name}\n{'=' * len(name)}\n\n.. secproto:: no-{name}\n", "utf-8")
    with (srcdir / "index.rst").open("a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n" + "".join(f"   {name}\n" for name in names))
    result = run_check(srcdir, coverage=False, parallel=2)
    assert "reading sources... [ 33%] index .. page2" in strip_ansi(result.log)  # read in chunks, in parallel
    assert sorted(map(str, result.failures)) == [
        f"{srcdir / name}.rst:4: secproto: unknown protocol 'no-{name}' [tapssec.unknown_protocol]" for name in names
    ]


def test_colours_do_not_hide_a_false_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sphinx._cli.util.colour

    monkeypatch.setattr(sphinx._cli.util.colour, "_COLOURING_DISABLED", False)
    srcdir = copy_root("claims", tmp_path)
    line = plant(srcdir)
    result = run_check(srcdir, {"show_warning_types": False})
    assert "\x1b[" in result.log  # Sphinx did write in colour
    assert [(f.location, f.kind) for f in result.failures] == [(f"{srcdir}/index.rst:{line}", "tapssec.false_claim")]
    assert "\x1b" not in result.failures[0].message


def test_a_strict_project_reports_its_catalog_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Strict mode stops the project's build at its catalog's problems: the check reports them all."""
    srcdir = copy_root("claims", tmp_path)
    beta = srcdir / "catalog" / "protocols" / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text.replace("[IPK, ALG]", "[IPK, XYZ]").replace("id: beta", "id: beta\ncolour: red"), "utf-8")
    plant(srcdir)  # not reached: the build stops before reading documents
    assert main(["check", str(srcdir), "-D", "tapssec_strict=1"]) == 1
    out = capsys.readouterr().out
    assert [line.rsplit(" [", 1)[1] for line in out.splitlines()] == [
        "tapssec.unknown_field]",
        "tapssec.unknown_interface]",
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("tapssec_catalog = 5", "tapssec_catalog must be str or None, not 5"),
        ('tapssec_strict = "yes"', "tapssec_strict must be bool, not 'yes'"),
    ],
)
def test_a_refused_configuration_is_exit_2_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, message: str
) -> None:
    srcdir = copy_root("claims", tmp_path)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8") + setting + "\n"
    conf.write_text(text, encoding="utf-8")
    assert main(["check", str(srcdir)]) == 2
    assert capsys.readouterr().err == (
        f"tapssec check: {conf}:{text.count(chr(10))}: {message} [tapssec.config]\n"
        "tapssec: 1 configuration problem; the build stops\n"
    )


# --- the pytest entry point ----------------------------------------------------------------------------


def test_this_repository_docs_agree_with_the_catalog(tapssec_check: TapssecCheck) -> None:
    # The site renders the bundled survey and documents all of it: its coverage is asked for.
    checked = tapssec_check(REPO / "docs", bundled_coverage=True)
    checked.assert_ok()
    # The site's prose pins the catalog: no single change of a protocol's table row, interfaces,
    # transports or structure goes unnoticed by its claims or the catalog's rules and notes.
    claims = checked.result.claims
    assert len(claims) > 30
    catalog = load_catalog([bundled_catalog()]).catalog
    unnoticed = [what for what, changed in single_changes(catalog) if not noticed(changed, claims)]
    assert unnoticed == []


def noticed(catalog: Catalog, claims: tuple[tuple[str, int, str], ...]) -> bool:
    if check_consistency(catalog)[1]:
        return True
    return any(not check_claim(text, catalog).holds for _, _, text in claims)


def single_changes(catalog: Catalog) -> Iterator[tuple[str, Catalog]]:
    """The catalog with one fact of one protocol changed, for every such fact."""
    for protocol in catalog.protocols:
        for changed in protocol_changes(catalog, protocol):
            yield (
                f"{protocol.id}: {changed[0]}",
                dataclasses.replace(
                    catalog, protocols=tuple(changed[1] if p.id == protocol.id else p for p in catalog.protocols)
                ),
            )


def protocol_changes(catalog: Catalog, protocol: Protocol) -> Iterator[tuple[str, Protocol]]:
    needs = protocol.transport
    for interface in catalog.interfaces:
        kept = tuple(e for e in protocol.exposes if e.code != interface.code)
        added = (*kept, Exposure(interface.code, None, (), protocol.source))
        yield (
            f"exposes {interface.code}",
            dataclasses.replace(protocol, exposes=kept if protocol.exposure(interface.code) else added),
        )
    for transport in ("byte-stream", "datagram"):
        requires = (
            tuple(t for t in needs.requires if t != transport)
            if transport in needs.requires
            else (*needs.requires, transport)
        )
        yield (
            f"requires {transport}",
            dataclasses.replace(protocol, transport=dataclasses.replace(needs, requires=requires)),
        )
    other = Dependency("own-transport", None, (), protocol.source)
    mapping = None if needs.byte_stream_mapping else other
    specific = None if needs.specific else other
    yield "mapping", dataclasses.replace(protocol, transport=dataclasses.replace(needs, byte_stream_mapping=mapping))
    yield "specific", dataclasses.replace(protocol, transport=dataclasses.replace(needs, specific=specific))
    for kind in ("integrated", "separate", "record-only", "handshake-only"):
        if kind == protocol.structure.kind:
            continue
        yield (
            f"structure {kind}",
            dataclasses.replace(protocol, structure=dataclasses.replace(protocol.structure, kind=kind)),
        )
    yield "in_table", dataclasses.replace(protocol, in_table=not protocol.in_table)
    category = "packet" if protocol.category != "packet" else "transport-layer"
    yield "category", dataclasses.replace(protocol, category=category)


def test_the_fixture_finds_a_planted_inconsistency(tapssec_check: TapssecCheck, tmp_path: Path) -> None:
    srcdir = copy_root("claims", tmp_path)
    line = plant(srcdir)
    checked = tapssec_check(srcdir)
    checked.assert_fails(f"index.rst:{line}: false claim 'gamma: in_table'")
    with pytest.raises(pytest.fail.Exception, match=rf"1 tapssec problem\(s\):\n.*index.rst:{line}: false claim"):
        checked.assert_ok()


def test_the_plain_functions(tmp_path: Path) -> None:
    from sphinx_tapssec.testing import assert_consistent, check_docs

    srcdir = copy_root("claims", tmp_path)
    assert assert_consistent(srcdir, outdir=tmp_path / "out").ok
    plant(srcdir)
    assert not check_docs(srcdir, outdir=tmp_path / "out2").ok
    with pytest.raises(pytest.fail.Exception, match="false claim"):
        assert_consistent(srcdir, outdir=tmp_path / "out3")


USER_TESTS = """\
import shutil
from pathlib import Path

pytest_plugins = ["sphinx_tapssec.testing"]


def test_docs(tapssec_check):
    tapssec_check("docs").assert_ok()


def test_a_copy_stays_clean(tapssec_check, tmp_path):
    copy = shutil.copytree(Path(__file__).parent.parent / "docs", tmp_path / "docs")
    before = sorted(copy.rglob("*"))
    tapssec_check(copy).assert_ok()
    assert sorted(copy.rglob("*")) == before


def test_nowhere(tapssec_check):
    tapssec_check("nowhere").assert_ok()
"""


def test_the_fixture_as_a_user_meets_it(tmp_path: Path) -> None:
    """Run from the project's tests/ folder: "docs" is the rootdir's, builds go outside the sources."""
    user = tmp_path / "user"
    copy_root("claims", user).rename(user / "docs")
    (user / "pyproject.toml").write_text("[tool.pytest.ini_options]\n", encoding="utf-8")
    (user / "tests").mkdir()
    (user / "tests" / "test_docs.py").write_text(USER_TESTS, encoding="utf-8")
    before = sorted((user / "docs").rglob("*"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "test_docs.py"],
        cwd=user / "tests",
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("1 failed, 2 passed"), done.stdout
    failure = lines[lines.index(next(line for line in lines if "_ test_nowhere _" in line)) + 1 : -3]
    assert failure == [f"tapssec check: {user / 'nowhere'} has no conf.py"]
    assert sorted((user / "docs").rglob("*")) == before


def test_a_project_embedding_the_bundled_survey_answers_for_its_own_claims(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # so that the printed paths stay absolute
    srcdir = tmp_path / "host"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_tapssec"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Host\n====\n\n.. interface-matrix::\n   :filter: exposes(SAV)\n\n.. secproto:: wireguard\n", encoding="utf-8"
    )
    assert main(["check", str(srcdir)]) == 0
    assert capsys.readouterr() == ("", f"tapssec check: ok: no problems in {srcdir}\n")
    # Asked for, the survey's coverage is reported, at the package's own catalog files.
    assert main(["check", str(srcdir), "--bundled-coverage", "-q"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert all(line.startswith(str(bundled_catalog().resolve())) for line in out)
    assert f"{bundled_catalog().resolve() / 'protocols' / 'tls.yaml'}:2: protocol 'tls' is described on no page " in (
        "\n".join(out)
    )


def test_a_project_on_the_starter_catalog_builds_and_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = tmp_path / "own"
    assert main(["init", str(srcdir / "catalog")]) == 0
    (srcdir / "conf.py").write_text('extensions = ["sphinx_tapssec"]\ntapssec_catalog = "catalog"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Own\n===\n\n.. interface-matrix::\n\n.. secproto:: example\n\n.. interface:: KEY\n\n.. interface:: RK\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check", str(srcdir), "--strict", "-b", "html"]) == 0
    assert capsys.readouterr() == ("", f"tapssec check: ok: no problems in {srcdir}\n")
