"""What lies beyond the draft (the edition diff, reference status, the TAPS API mapping, later
developments and proposed cells), and the stack diagram, render on every builder Sphinx ships,
without a warning, nitpicky included."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build, warnings_of

PAGE = """\
Page
====

.. secproto:: dtls

.. interface:: PSKI

.. taps-mapping::
   :notes:

.. interface-matrix::
   :taps:
   :proposed:

.. developments::
   :protocols: quic

.. edition-diff:: draft-12 rfc8922

.. reference-list::

.. stack-diagram::
   :protocols: quic, wireguard
"""

#: Builder -> the file holding the page (a glob, relative to the output directory).
OUTPUTS = {
    "html": "index.html",
    "dirhtml": "index.html",
    "singlehtml": "index.html",
    "epub": "index.xhtml",
    "latex": "*.tex",
    "texinfo": "*.texi",
    "text": "index.txt",
    "man": "*.1",
    "xml": "index.xml",
    "pseudoxml": "index.pseudoxml",
}

#: Words each part puts on the page, in any format.
EXPECTED = {
    "the mapping": "preSharedKey",
    "the mapping's coverage": "partial",
    "the later developments": "RFC 9369",
    "the developments block of secproto": "Since the survey",
    "the proposed cell": "proposed",
    "the edition diff": "SSKE",
    "a reference's status": "obsoleted by",
    "the stack diagram (a picture, or its text form)": "provides its own transport",
}


@pytest.mark.parametrize("buildername", sorted(OUTPUTS))
def test_every_part_renders(tmp_path: Path, buildername: str) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_tapssec"]\nproject = "Every builder"\nversion = "1"\nepub_copyright = "none"\n',
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(PAGE, encoding="utf-8")
    # Nitpicky, as a host built with -n -W: entries no page describes stay quiet plain text.
    app = build(tmp_path, buildername, freshenv=True, confoverrides={"nitpicky": True})
    try:
        assert warnings_of(app) == []
        output = next(app.outdir.glob(OUTPUTS[buildername])).read_text(encoding="utf-8")
    finally:
        app.cleanup()
    # Writers wrap lines, capitalize labels and escape hyphens in man pages: compare the words.
    words = " ".join(output.replace("\\-", "-").split()).lower()
    missing = [part for part, needle in EXPECTED.items() if needle.lower() not in words]
    assert missing == []
