"""The README's promise: the survey site builds on a machine with nothing but Python.

The build runs in a child process whose PATH holds only this interpreter, so no Graphviz,
browser, TeX or any other program can be found; it must finish with no warning at all
(``-W``). The same build, with every program in reach, is checked in test_docs_site.py:
the two agreeing is the proof that nothing outside Python is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


def _bare_path(directory: Path) -> str:
    """A PATH directory that holds a link to this interpreter and nothing else."""
    directory.mkdir()
    (directory / "python").symlink_to(sys.executable)
    return str(directory)


@pytest.mark.slow
def test_site_builds_with_only_python_on_path(tmp_path: Path) -> None:
    path = _bare_path(tmp_path / "bin")
    assert shutil.which("dot", path=path) is None and shutil.which("chromium", path=path) is None
    env = {**os.environ, "PATH": path}
    for builder in ("html", "latex", "text"):
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", builder, "docs", tmp_path / builder],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", result.stderr
    transport = (tmp_path / "html" / "survey" / "transport.html").read_text(encoding="utf-8")
    assert transport.count('<svg xmlns="http://www.w3.org/2000/svg" class="tapssec-stack-svg"') == 1
    assert "graphviz" not in transport
    assert r"\begin{picture}" in next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
