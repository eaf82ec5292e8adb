"""What ``setup()`` imports: the registrations only, not the model or the renderers (issue #17).

Timing is measured in ``make bench``, not here; this test checks the cause of a slow start, the
modules imported, in a fresh interpreter that has imported Sphinx and its HTML builder first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_SETUP = """
import io, json, pathlib, sys
import sphinx.application, sphinx.builders.html
from docutils.parsers.rst import directives
root = pathlib.Path(sys.argv[1])
quiet = {"status": io.StringIO(), "warning": io.StringIO()}
app = sphinx.application.Sphinx(root, root, root / "_b", root / "_b/.d", "html", **quiet)
before = set(sys.modules)
app.setup_extension("sphinx_tapssec")
registered = "secproto" in directives._directives
print(json.dumps({"new": sorted(set(sys.modules) - before), "registered": registered}))
"""

#: Imported only when a build needs them: the record classes and the loader with the first catalog
#: load, a renderer by the first directive that uses it, the query language by the first query.
NOT_AT_SETUP = (
    "sphinx_tapssec.model.entities",
    "sphinx_tapssec.model.spec",
    "sphinx_tapssec.model.loader",
    "sphinx_tapssec.model.export",
    "sphinx_tapssec.model.consistency",
    "sphinx_tapssec.model.editions",
    "sphinx_tapssec.query",
    "sphinx_tapssec.sphinxext.render.matrix",
    "sphinx_tapssec.sphinxext.render.describe",
    "sphinx_tapssec.sphinxext.render.lists",
    "sphinx_tapssec.sphinxext.render.taps",
    "sphinx_tapssec.sphinxext.render.developments",
    "sphinx_tapssec.sphinxext.render.stack_layout",
    "yaml",
)


def test_setup_registers_directives_without_importing_the_model_or_renderers(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _SETUP, str(tmp_path)], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.splitlines()[-1])
    new = set(result["new"])
    assert result["registered"]
    # Not vacuous: setup() did import the extension's Sphinx layer.
    assert {"sphinx_tapssec.sphinxext.domain", "sphinx_tapssec.sphinxext.directives.objects"} <= new
    assert sorted(new & set(NOT_AT_SETUP)) == []
