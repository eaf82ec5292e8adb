"""Mistakes of place and setting that must be loud: an empty catalog directory, a missing one,
strict mode on a broken catalog, a configuration value of the wrong type (issue #13)."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from helpers import append, copy_root, html_page, stopped_build, strip_ansi, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_tapssec.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

NO_FILE = "holds no catalog file (such as interfaces.yaml or protocols/*.yaml)"


def sphinx_build(srcdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx -q`` on *srcdir*, as a user runs it (coloured where Sphinx decides to, e.g. CI=true)."""
    command = [sys.executable, "-m", "sphinx", "-q", *options, "-b", "html", str(srcdir), str(srcdir / "_build")]
    return subprocess.run(command, capture_output=True, text=True, check=False)


# --- the command line ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["validate", "{dir}"], ["export", "{dir}"], ["matrix", "{dir}"], ["diff", "a", "b", "{dir}"]],
)
def test_a_directory_without_catalog_files_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    assert main([part.format(dir=tmp_path) for part in command]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"tapssec {command[0]}: {tmp_path} {NO_FILE}\n")


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{dir}"],
        ["export", "{dir}"],
        ["matrix", "{dir}"],
        ["refresh-status", "x.xml", "--catalog", "{dir}"],
    ],
)
def test_a_missing_directory_is_the_same_error_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    nowhere = tmp_path / "nowhere"
    assert main([part.format(dir=nowhere) for part in command]) == 2
    assert capsys.readouterr().err == f"tapssec {command[0]}: catalog directory not found: {nowhere}\n"


def test_refresh_status_refuses_an_empty_directory_like_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refresh-status", "x.xml", "--catalog", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"tapssec refresh-status: {tmp_path} {NO_FILE}\n"


# --- the build -------------------------------------------------------------------------------------------


def test_a_project_directory_as_catalog_warns_at_conf_py(tmp_path: Path) -> None:
    srcdir = tmp_path / "own"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_tapssec"]\n\ntapssec_catalog = "."\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("Own\n===\n\n.. interface-matrix::\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        assert warnings_of(app) == [
            f"{srcdir / 'conf.py'}:3: WARNING: tapssec_catalog: {srcdir} {NO_FILE}; "
            "is it the catalog's directory? [tapssec.empty_catalog]"
        ]
        page = html_page(app)
        block = page.find("div", class_="tapssec-matrix-block")
        assert block.find("p").text() == "The catalog is empty: it holds no protocol and no interface."
    finally:
        app.cleanup()


def test_an_empty_extra_catalog_warns_at_its_option(tmp_path: Path) -> None:
    srcdir = copy_root("basic", tmp_path)
    (srcdir / "empty").mkdir()
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides={"tapssec_extra_catalogs": ["empty"]})
    try:
        app.build()
        # Set by -D (here: confoverrides), so there is no line of conf.py to point at.
        assert warnings_of(app) == [
            f"WARNING: {srcdir / 'conf.py'}: tapssec_extra_catalogs: {srcdir / 'empty'} {NO_FILE}; "
            "is it the catalog's directory? [tapssec.empty_catalog]"
        ]
    finally:
        app.cleanup()


def test_strict_mode_ends_the_build_with_one_line_per_problem(tmp_path: Path) -> None:
    srcdir = copy_root("basic", tmp_path)
    beta = srcdir / "catalog" / "protocols" / "beta.yaml"
    text = beta.read_text(encoding="utf-8").replace("exposes: [IPK, ALG]", "exposes: [IPK, XYZ]")
    beta.write_text(text, encoding="utf-8")
    conf = srcdir / "conf.py"
    append(conf, "tapssec_strict = True\n")
    done = sphinx_build(srcdir)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "XYZ" in row)
    assert done.returncode == 1
    assert done.stdout == ""
    assert strip_ansi(done.stderr).splitlines() == [
        f"{beta}:{line}: ERROR: protocol 'beta' exposes: unknown interface 'XYZ' [tapssec.unknown_interface]",
        "tapssec: 1 catalog problem; tapssec_strict is on, so the build stops",
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('tapssec_strict = "yes"', "tapssec_strict must be bool, not 'yes'"),
        (
            'tapssec_coverage = ["protocol"]',
            "tapssec_coverage: unknown part(s) protocol (parts: protocols, interfaces, references, exposures)",
        ),
    ],
)
def test_a_bad_config_value_ends_the_build_cleanly(tmp_path: Path, setting: str, message: str) -> None:
    srcdir = copy_root("basic", tmp_path)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8") + setting + "\n"
    conf.write_text(text, encoding="utf-8")
    done = sphinx_build(srcdir)
    assert done.returncode == 1
    assert strip_ansi(done.stderr).splitlines() == [
        f"{conf}:{text.count(chr(10))}: ERROR: {message} [tapssec.config]",
        "tapssec: 1 configuration problem; the build stops",
    ]
    assert "Traceback" not in done.stderr
    assert "report" not in done.stderr


def test_a_bad_value_given_with_dash_d_has_no_line(tmp_path: Path) -> None:
    srcdir = copy_root("basic", tmp_path)
    done = sphinx_build(srcdir, "-D", "tapssec_coverage=protocol")
    assert done.returncode == 1
    assert strip_ansi(done.stderr).splitlines()[0].startswith("ERROR: tapssec_coverage: unknown part(s) protocol")


def test_the_bundled_catalog_is_found_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: 12 protocols")


def test_strict_mode_names_a_whole_file_problem_by_its_path(tmp_path: Path) -> None:
    srcdir = copy_root("basic", tmp_path)
    phases = srcdir / "catalog" / "phases.yaml"
    phases.write_text("", encoding="utf-8")
    stopped = stopped_build(srcdir=srcdir, confoverrides={"tapssec_strict": True})
    # Without a line, the path leads the message (Sphinx would take a bare location for a document).
    assert stopped.problems[0] == f"{phases}: file is empty [tapssec.yaml]"
