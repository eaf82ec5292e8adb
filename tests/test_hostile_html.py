"""Hostile strings in every rendered catalog field stay inert text in HTML, text and LaTeX output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from catalogs import BASE_FILES
from helpers import build, subtypes_of, warnings_of, write_project
from read_output import parse_html

if TYPE_CHECKING:
    from pathlib import Path

#: One-line hostile strings; every rendered text field of the catalog carries all of them.
HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "' onmouseover='alert(3)",
    '<a href="javascript:alert(4)">x</a>',
    "<svg/onload=alert(5)>",
    "\u202egnp.exe",
    "`click <javascript:alert(6)>`_",
    "|subst| :raw-html:`<b>x</b>`",
    "**bold** _em_ [x ](javascript:alert(7))",
    "&lt;script&gt; {{7*7}}",
)
ONE_LINE = " ".join(HOSTILE)
#: A text field also tries reST directives that include files or emit raw HTML.
PARAGRAPHS = ONE_LINE + "\n\n.. raw:: html\n\n   <script>alert(8)</script>\n\n.. include:: /etc/passwd"
BAD_URLS = ("javascript:alert(9)", "data:text/html,<script>alert(10)</script>", "vbscript:msgbox(11)", " javascript:x")

_INDEX = """\
Hostile
=======

.. secproto:: alpha

.. interface:: IPK

.. interface-matrix::

.. transport-deps::

.. protocol-list::

.. omitted-protocols::

.. reference-list::
"""


def _protocol() -> dict[str, Any]:
    return {
        "id": "alpha",
        "name": ONE_LINE,
        "full_name": ONE_LINE,
        "section": "1.1",
        "category": "stream",
        "in_table": True,
        "summary": ONE_LINE,
        "description": PARAGRAPHS,
        "structure": {"kind": "separate", "handshake": PARAGRAPHS, "record": ONE_LINE},
        "transport": {"requires": ["byte-stream"], "note": ONE_LINE, "specific": {"note": ONE_LINE}},
        "exposes": ["ALG", {"code": "IPK", "note": PARAGRAPHS}],
        "references": ["RFC0001", "EVIL0", "EVIL1", "EVIL2", "EVIL3"],
    }


def _catalog_files() -> dict[str, str | bytes | None]:
    evil = [
        {"id": f"EVIL{n}", "kind": "web", "title": ONE_LINE, "authors": [ONE_LINE], "date": ONE_LINE, "url": url}
        for n, url in enumerate(BAD_URLS)
    ]
    references = yaml.safe_load(BASE_FILES["references.yaml"])["references"] + evil
    omitted = [{"id": "old", "name": ONE_LINE, "reason": "out-of-scope", "note": PARAGRAPHS}]
    interfaces = yaml.safe_load(BASE_FILES["interfaces.yaml"])
    for interface in interfaces["interfaces"]:
        interface["definition"] = PARAGRAPHS
    return {
        "protocols/alpha.yaml": yaml.safe_dump(_protocol(), allow_unicode=True),
        "references.yaml": yaml.safe_dump({"references": references}, allow_unicode=True),
        "omitted.yaml": yaml.safe_dump({"omitted": omitted}, allow_unicode=True),
        "interfaces.yaml": yaml.safe_dump(interfaces, allow_unicode=True),
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "hostile", _INDEX, catalog=_catalog_files())


def _only_unsafe_urls(lines: list[str]) -> None:
    assert subtypes_of(lines) == ["unsafe_url"] * len(BAD_URLS), lines


def test_hostile_strings_are_inert_in_html(project: Path) -> None:
    app = build(project)
    try:
        _only_unsafe_urls(warnings_of(app))
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    page = parse_html(html)
    for element in page.iter():
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        assert element.tag not in ("img", "svg", "iframe", "b"), element
        if element.tag == "script":
            assert "alert" not in element.text(), element
        for name in ("href", "src"):
            if name in element.attrs:
                assert urlsplit(element.attrs[name].strip()).scheme in ("", "http", "https"), element
    for marker in ("<script>alert", "<img src=x", "<svg/onload", "<b>x</b>", 'href="javascript'):
        assert marker not in html
    text = page.text()
    for hostile in (*HOSTILE, ".. raw:: html", ".. include:: /etc/passwd"):
        assert hostile in text, hostile
    # The name shows in the protocol's term, the list and the matrix: never fewer than three times.
    assert text.count(HOSTILE[0]) >= 3


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_other_builders_build_hostile_text(project: Path, buildername: str) -> None:
    app = build(project, buildername)
    try:
        _only_unsafe_urls(warnings_of(app))
        output = "".join(path.read_text(encoding="utf-8") for path in app.outdir.glob("*.t[ex][xt]"))
    finally:
        app.cleanup()
    assert "alert(1)" in output
    assert "/etc/passwd" in output
    assert "root:" not in output  # nothing was included
