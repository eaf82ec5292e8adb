"""``.. embedding-example::``: the embedding page's example, built when the site is built
(registered by :mod:`cli_example`, the extension of the guide's built examples).

It builds the three small projects of ``docs/snippets/embedding`` with ``sphinx-build -n -W``, each in a process
of its own (a nested build would switch this build's translations to German): a survey site
(``home``), a German host that embeds the matrix and maps intersphinx to the survey site's
``objects.inv`` (``host``), and a project without the extension (``plain``). The directive
shows parts of the HTML they wrote.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from cli_example import literal_block
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from docutils import nodes

#: The example projects, shared with tests/test_embedding.py.
EXAMPLES = Path(__file__).resolve().parents[1] / "snippets" / "embedding"
SITE = "https://tapssec.example.org/"


def _build(srcdir: Path, *options: str) -> Path:
    outdir = srcdir / "_build"
    command = [sys.executable, "-m", "sphinx", "-q", "-n", "-W", "-b", "html", *options, str(srcdir), str(outdir)]
    subprocess.run(command, check=True, capture_output=True)
    return outdir


def _parts(html: str, patterns: list[str]) -> list[str]:
    """The first match of each pattern in *html*, white space squeezed."""
    found = []
    for pattern in patterns:
        match = re.search(pattern, html, re.DOTALL)
        found.append(" ".join(match.group(0).split()) if match else f"(not found: {pattern})")
    return found


class EmbeddingExample(SphinxDirective):
    """Parts of the HTML of the German host and of the project without the extension."""

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Element]:
        with tempfile.TemporaryDirectory() as work:
            projects = {name: Path(work) / name for name in ("home", "host", "plain")}
            for name, path in projects.items():
                shutil.copytree(EXAMPLES / name, path)
            inventory = _build(projects["home"]) / "objects.inv"
            for name in ("host", "plain"):
                with (projects[name] / "conf.py").open("a", encoding="utf-8") as conf:
                    conf.write(f"intersphinx_mapping = {{'tapssec': ({SITE!r}, {str(inventory)!r})}}\n")
            host = (_build(projects["host"], "-Dlanguage=de") / "index.html").read_text(encoding="utf-8")
            plain = (_build(projects["plain"]) / "index.html").read_text(encoding="utf-8")
        for root in projects:
            for path in (EXAMPLES / root).rglob("*"):
                self.env.note_dependency(str(path))
        shown = _parts(
            host,
            [
                r'<tr class="tapssec-protocol-quic[^"]*">\s*<th[^>]*>.*?</th>',
                r'<p class="tapssec-legend"><strong>.*?</strong>[^<]*',
                r"<p>The role:.*?</a>",
            ],
        )
        shown += _parts(plain, [r"<p>Links: .*?</a>"])
        return [literal_block(self, "\n\n".join(shown), "html")]
