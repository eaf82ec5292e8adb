"""What lies beyond the draft (the edition diff, reference status, the TAPS API mapping, later
developments and proposed cells), and the stack diagram, render on every builder Sphinx ships,
without a warning, nitpicky included.

Each part must show its facts together: a subject and its values in one table row, list item or
paragraph of the output (:func:`records` cuts each format into those), not just somewhere on the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from helpers import build_once, write_project
from read_output import parse_html

if TYPE_CHECKING:
    from pathlib import Path

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

#: Each part's fact, as a pattern that must match one record of the output (see :func:`records`):
#: the subject and its values in one table row, list item or paragraph, in this order.
FACTS = {
    "the mapping": r"\bpski\b.*pre-shared key import.*\bpresharedkey\b.*\bfull\b",
    "the mapping's coverage": r"\bext\b\W+extensions\W+alpn \(security parameter, .{0,3}6\.3\.4\)\W+partial\b",
    "the later developments": r"2023-05 \W*quic\W+quic version 2 \(rfc 9369\)",
    "the developments block of secproto": r"2022-03 \W*connection identifiers for dtls 1\.2 \(rfc 9146\)",
    "the proposed cell": r"proposed, not applied:? the ke cell would be marked",
    "the edition diff": r"\binterface\W+pske\W+code\W+pske\W+sske\b",
    "a reference's status": r"rfc 8446, doi 10\.17487/rfc8446, august 2018\b.*\bobsoleted by rfc 9846\b",
    "the stack diagram (a picture, or its text form)": (
        r"\bquic\W+runs over\W+unreliable datagram transports\W+provides its own transport functionality"
    ),
}
#: LaTeX draws the diagram as a picture: its boxes, in one record, stand for the sentence.
LATEX_FACTS = {
    **FACTS,
    "the stack diagram (a picture, or its text form)": (
        r"picture.*\bquic\b.*\bwireguard\b.*\bunreliable datagram transports\b.*\bits own transport\b"
    ),
}

#: Elements of the HTML outputs whose text is one record (``desc``: the SVG diagram's sentences).
_HTML_RECORDS = frozenset({"tr", "li", "p", "dd", "desc"})
#: Nodes of the XML and pseudo-XML outputs (the doctree) whose text is one record.
_NODE_RECORDS = frozenset({"row", "list_item", "paragraph", "definition"})
#: Where records end in the plain outputs: blank lines, table rows, list items.
_BREAKS = {
    "text": r"\n\s*\n|\n\s*[+|][-=+|]+[+|]\s*(?=\n)",
    "man": r"\n(?=\.(?:sp|TP|IP|PP|SH|SS|INDENT|UNINDENT|TE|TS)\b)|\n_\n",
    "texinfo": r"\n\s*\n|\n(?=@item|@headitem|@end )",
    "latex": r"\n\s*\n|\\\\\s*\n",
}
#: Markup to drop before comparing, per output: what carries no words (LaTeX targets and labels,
#: man font escapes, Texinfo command names), then emphasis, quotes and braces.
_MARKUP = {
    "latex": (
        r"\\(?:begin|end)\{varwidth\}(?:\[t\]\{\\sphinxcolwidth\{\d+\}\{\d+\}\})?%?"
        r"|\\(?:DUrole|sphinxhref|label|index)\{[^{}]*\}|\\hyperref\[[^\]]*\]|\\[a-zA-Z]+\*?"
    ),
    # Sphinx 8.2's man writer marks links with groff's ``\X'tty: link URL'`` escapes.
    "man": r"\\f[BIRP]|\\\(bu|\\X'tty: link[^']*'|\\%|^\.[A-Za-z]+.*$|^T\{$|^T\}|\tT\{",
    "texinfo": r"@[a-z]+(?=\{)|@(?:item|headitem|tab)\b",
}
_SPELLING = [("\\sphinxhyphen{}", "-"), ("\\-", "-"), ("\n\n@tab\n\n", " @tab "), ("@item\n\n", "@item ")]


def _normal(text: str, buildername: str) -> str:
    text = re.sub(_MARKUP.get(buildername, "$^"), " ", text, flags=re.MULTILINE)
    return " ".join(re.sub(r"[{}*\"“”`']", "", text).split()).lower()


def records(output: str, buildername: str) -> list[str]:
    """The output cut into records (table rows, list items, paragraphs), markup dropped, lower case."""
    if buildername == "xml":
        root = ElementTree.fromstring(output)
        return [_normal("".join(el.itertext()), buildername) for el in root.iter() if el.tag in _NODE_RECORDS]
    if buildername == "pseudoxml":
        return _pseudoxml_records(output)
    if buildername in _BREAKS:
        for old, new in _SPELLING:
            output = output.replace(old, new)
        return [_normal(part, buildername) for part in re.split(_BREAKS[buildername], output)]
    return [_normal(el.text(), buildername) for el in parse_html(output).iter() if el.tag in _HTML_RECORDS]


def _pseudoxml_records(output: str) -> list[str]:
    """One record per node of a record kind: the text lines indented below its ``<tag`` line."""
    lines = output.splitlines()
    found = []
    for number, line in enumerate(lines):
        tag = line.strip()[1:].split(" ", 1)[0].rstrip(">")
        if not line.strip().startswith("<") or tag not in _NODE_RECORDS:
            continue
        indent = len(line) - len(line.lstrip())
        body = []
        for inner in lines[number + 1 :]:
            if inner.strip() and len(inner) - len(inner.lstrip()) <= indent:
                break
            if not inner.strip().startswith("<"):
                body.append(inner.strip())
        # Text nodes stand on lines of their own: no space before the punctuation that follows one.
        found.append(_normal(re.sub(r" (?=[,.;:)])", "", " ".join(body)), "pseudoxml"))
    return found


@pytest.mark.parametrize("buildername", sorted(OUTPUTS))
def test_every_part_renders(tmp_path: Path, buildername: str) -> None:
    conf = 'extensions = ["sphinx_tapssec"]\nproject = "Every builder"\nversion = "1"\nepub_copyright = "none"\n'
    # Nitpicky, as a host built with -n -W: entries no page describes stay quiet plain text.
    built = build_once(
        write_project(tmp_path, PAGE, conf), buildername, freshenv=True, confoverrides={"nitpicky": True}
    )
    assert built.warnings == []
    found = records(built.output(OUTPUTS[buildername]), buildername)
    facts = LATEX_FACTS if buildername == "latex" else FACTS
    missing = [part for part, fact in facts.items() if not any(re.search(fact, record) for record in found)]
    assert missing == []
