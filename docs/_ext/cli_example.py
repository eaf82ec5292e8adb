"""``.. cli-example:: validate``: the guide's examples of ``tapssec`` output, produced when the site is built.

Typed examples drift from the command (the CLI page once said "in 21 files" where the command
printed 25). This directive runs the command in-process on the bundled catalog and shows
what it printed, so the page always agrees with the code.
"""

from __future__ import annotations

import contextlib
import io
import shlex
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_tapssec.cli.main import main
from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.spec import catalog_files


class CliExample(SphinxDirective):
    """A console block: ``$ tapssec ARGS``, its output, and with ``:status:`` its exit status."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, object]] = {"status": directives.flag}

    def run(self) -> list[nodes.Node]:
        arguments = shlex.split(self.arguments[0])
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            status = main(arguments)
        for _, path in catalog_files(bundled_catalog()):
            self.env.note_dependency(str(path))
        text = f"$ tapssec {self.arguments[0]}\n{output.getvalue().rstrip()}"
        if "status" in self.options:
            text += f"\n$ echo $?\n{status}"
        return [literal_block(self, text, "console")]


def literal_block(directive: SphinxDirective, text: str, language: str) -> nodes.literal_block:
    """*text* as a code block in *language*, located at *directive*."""
    block = nodes.literal_block(text, text, language=language)
    directive.set_source_info(block)
    return block


def setup(app: object) -> dict[str, bool]:
    """The guide's built examples: this module's, and the embedding page's."""
    from embedding_example import EmbeddingExample

    app.add_directive("cli-example", CliExample)  # type: ignore[attr-defined]
    app.add_directive("embedding-example", EmbeddingExample)  # type: ignore[attr-defined]
    return {"parallel_read_safe": True, "parallel_write_safe": True}
