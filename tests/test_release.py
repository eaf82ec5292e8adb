"""A release that would work: the sdist and the wheel build, pass ``twine check``, and the wheel,
installed into a fresh virtual environment with no checkout in reach, does its job there.

The fresh environment installs the wheel's dependencies from the package index, as a user's
``pip install`` would.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import sphinx_tapssec

REPO = Path(__file__).parent.parent


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", outdir, REPO, cwd=outdir)
    return outdir


@pytest.mark.slow
def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    version = sphinx_tapssec.__version__
    wheel = dist / f"sphinx_tapssec-{version}-py3-none-any.whl"
    sdist = dist / f"sphinx_tapssec-{version}.tar.gz"
    assert sorted(dist.iterdir()) == [wheel, sdist]
    _run(sys.executable, "-m", "twine", "check", "--strict", wheel, sdist, cwd=dist)
    names = zipfile.ZipFile(wheel).namelist()
    assert "sphinx_tapssec/_catalog/protocols/quic.yaml" in names, "the survey catalog is bundled"
    assert "sphinx_tapssec/static/tapssec.css" in names and "sphinx_tapssec/py.typed" in names
    assert "sphinx_tapssec/locale/de/LC_MESSAGES/sphinx_tapssec.mo" in names, "German works with no extra step"
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    shipped = {"CHANGELOG.md", "ARCHITECTURE.md", "catalog/interfaces.yaml", "docs/conf.py", "tests/conftest.py"}
    assert shipped <= members
    assert not any({"_build", "__pycache__"} & set(name.split("/")) for name in members), "no build output"


@pytest.mark.slow
def test_the_wheel_works_in_a_fresh_environment(dist: Path, tmp_path: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    venv.create(tmp_path / "env", with_pip=True)
    python = tmp_path / "env" / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=tmp_path)
    # Run from an empty directory: nothing of the checkout is importable from there.
    work = tmp_path / "work"
    work.mkdir()
    where = _run(python, "-c", "import sphinx_tapssec; print(sphinx_tapssec.__file__)", cwd=work).stdout
    assert where.startswith(str(tmp_path / "env")), where
    tapssec = tmp_path / "env" / "bin" / "tapssec"
    assert _run(tapssec, "validate", cwd=work).stdout.startswith("ok: 12 protocols")
    table = _run(tapssec, "matrix", cwd=work).stdout
    assert "QUIC" in table and "WireGuard" in table
    project = work / "project"
    project.mkdir()
    (project / "conf.py").write_text('extensions = ["sphinx_tapssec"]\n', encoding="utf-8")
    (project / "index.rst").write_text("Survey\n======\n\n.. interface-matrix::\n", encoding="utf-8")
    build = _run(tmp_path / "env" / "bin" / "sphinx-build", "-W", "-q", "-b", "html", project, work / "out", cwd=work)
    assert build.stderr == ""
    html = (work / "out" / "index.html").read_text(encoding="utf-8")
    assert 'class="tapssec-matrix' in html and "WireGuard" in html
