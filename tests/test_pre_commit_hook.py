"""The pre-commit hook a repository with its own catalog runs: its entry, as pre-commit calls it."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).parent.parent
HOOKS = REPO / ".pre-commit-hooks.yaml"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["tapssec-validate"]
    hook: dict[str, Any] = hooks[0]
    return hook


def _run_hook(repository: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry and arguments, run from *repository*'s root as pre-commit runs them
    (``pass_filenames: false``: no file names added), with the installed console script."""
    hook = _hook()
    command, *arguments = shlex.split(hook["entry"])
    script = Path(sys.executable).parent / command
    return subprocess.run(
        [str(script), *arguments, *hook["args"]], cwd=repository, capture_output=True, text=True, check=False
    )


def test_hook_declares_a_python_entry_point_of_the_package() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    # pre-commit searches the pattern in each changed path.
    assert re.search(hook["files"], "catalog/protocols/quic.yaml")
    assert not re.search(hook["files"], "docs/index.rst")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'{shlex.split(hook["entry"])[0]} = "sphinx_tapssec.cli.main:main"' in pyproject


def test_hook_passes_a_valid_catalog_and_fails_a_broken_one(tmp_path: Path) -> None:
    subprocess.run([str(Path(sys.executable).parent / "tapssec"), "init", "catalog"], cwd=tmp_path, check=True)
    passed = _run_hook(tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.startswith("ok: ")
    protocol = next((tmp_path / "catalog" / "protocols").glob("*.yaml"))
    protocol.write_text(protocol.read_text(encoding="utf-8").replace("category:", "categroy:"), encoding="utf-8")
    failed = _run_hook(tmp_path)
    assert failed.returncode == 1
    assert f"{protocol.relative_to(tmp_path)}:" in failed.stdout or f"{protocol}:" in failed.stdout, failed.stdout
