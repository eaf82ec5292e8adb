"""The package's layers, as ARCHITECTURE.md states them: what may import what."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "sphinx_tapssec"

#: Each layer, and the imports it must never make (at any depth: inside functions too).
FORBIDDEN = {
    "model": ("sphinx", "docutils", "sphinx_tapssec.sphinxext", "sphinx_tapssec.cli"),
    "query": ("sphinx", "docutils", "sphinx_tapssec.sphinxext", "sphinx_tapssec.cli"),
    "sphinxext": ("sphinx_tapssec.cli",),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module *path* imports, with its line (relative imports made absolute)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.append((node.lineno, f"{base}.{node.module}" if node.module else base))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


def violations(layer: str) -> list[str]:
    result = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for lineno, module in imported_modules(path):
            if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                result.append(f"{path.relative_to(PACKAGE.parent)}:{lineno}: imports {module}")
    return result


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert violations(layer) == []


def test_the_check_sees_a_forbidden_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scan above finds an import inside a function, the kind a lazy import would be."""
    fake = tmp_path / "sphinx_tapssec"
    (fake / "model").mkdir(parents=True)
    (fake / "model" / "bad.py").write_text("def f():\n    from sphinx.util import logging\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert violations("model") == ["sphinx_tapssec/model/bad.py:2: imports sphinx.util"]


def test_the_command_line_and_the_model_run_without_sphinx() -> None:
    """Importing the CLI and loading the survey catalog leaves Sphinx and docutils unimported."""
    code = (
        "import sys\n"
        "from sphinx_tapssec.cli import main\n"
        "from sphinx_tapssec.model.catalog_location import bundled_catalog\n"
        "from sphinx_tapssec.model.loader import load_catalog\n"
        "import sphinx_tapssec.query\n"
        "assert load_catalog([bundled_catalog()]).catalog.protocols\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
