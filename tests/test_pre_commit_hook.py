"""The pre-commit hook a repository with its own catalog runs: its entry, as pre-commit calls it,
and the two configurations the guide shows (``docs/snippets/pre-commit/``)."""

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
#: The ``.pre-commit-config.yaml`` examples of the guide's embedding page.
EXAMPLES = REPO / "docs" / "snippets" / "pre-commit"


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["tapssec-validate"]
    hook: dict[str, Any] = hooks[0]
    return hook


def _example(name: str) -> dict[str, Any]:
    """The one repository of the guide's example *name* (``local`` or ``mirror``)."""
    config = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    [repository] = config["repos"]
    assert isinstance(repository, dict)
    return repository


def _run_hook(repository: Path, hook: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    """The hook's entry and arguments, run from *repository*'s root as pre-commit runs them
    (``pass_filenames: false``: no file names added), with the installed console script."""
    hook = hook or _hook()
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


def test_the_guides_local_hook_is_the_shipped_one_and_works(tmp_path: Path) -> None:
    # repo: local with language: system runs the entry found on the PATH, from the repository's root.
    repository = _example("local")
    assert repository["repo"] == "local"
    [hook] = repository["hooks"]
    shipped = _hook()
    for key in ("id", "entry", "files", "pass_filenames"):
        assert hook[key] == shipped[key], key
    assert hook["language"] == "system"
    assert hook["args"] == ["docs/catalog"]
    subprocess.run([str(Path(sys.executable).parent / "tapssec"), "init", "docs/catalog"], cwd=tmp_path, check=True)
    passed = _run_hook(tmp_path, hook)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (tmp_path / "docs" / "catalog" / "phases.yaml").write_text("phases: [\n", encoding="utf-8")
    failed = _run_hook(tmp_path, hook)
    assert failed.returncode == 1
    assert "phases.yaml:" in failed.stdout, failed.stdout


def test_the_guides_mirror_hook_names_the_shipped_hook() -> None:
    repository = _example("mirror")
    assert set(repository) == {"repo", "rev", "hooks"}
    assert [hook["id"] for hook in repository["hooks"]] == [_hook()["id"]]
    # No public repository exists: the example must not pretend to be one.
    assert "example.org" not in repository["repo"]
    assert "://" not in repository["repo"]
