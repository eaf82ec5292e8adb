"""Every example of the user guide (``docs/snippets/``) builds, on its own, without a warning.

The guide includes these files both as source and as rendered output, so a snippet that
stopped working would show a broken example to readers; this catches it first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build, warnings_of

SNIPPETS = Path(__file__).parent.parent / "docs" / "snippets"
NAMES = sorted(path.stem for path in SNIPPETS.glob("*.rst"))


def test_there_are_snippets() -> None:
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_snippet_builds_alone(name: str, tmp_path: Path) -> None:
    # As the guide tells a project to write it (sphinx_design for the protocol-overview cards).
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_tapssec", "sphinx_design"]\n', encoding="utf-8")
    body = (SNIPPETS / f"{name}.rst").read_text(encoding="utf-8")
    (tmp_path / "index.rst").write_text(f"Snippet\n=======\n\n{body}", encoding="utf-8")
    app = build(tmp_path)
    try:
        assert warnings_of(app) == []
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
        # Something from the catalog was rendered, not only the title.
        assert "tapssec" in html.split("<h1>", 1)[1]
    finally:
        app.cleanup()
