"""Broken catalogs and bad configuration in a real build: located warnings, strict mode, hostile text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from catalogs import line_of
from helpers import SMALL_ROWS, copy_root, html_page, rebuild, stopped_build, subtypes_of, warnings_of
from read_output import parse_html, read_matrix
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from pathlib import Path

_WARNING = re.compile(r"^(?P<location>.+?): WARNING: (?P<message>.*) \[tapssec\.(?P<subtype>[a-z_]+)\]$")


def _planted(srcdir: Path) -> set[tuple[str, str]]:
    """``(location, subtype)`` of each problem planted in ``test-bad-catalog``."""
    catalog = srcdir / "catalog"

    def at(name: str, needle: str) -> str:
        return f"{catalog / name}:{line_of((catalog / name).read_text(encoding='utf-8'), needle)}"

    return {
        (at("references.yaml", "kind: book"), "invalid_value"),
        (at("protocols/broken.yaml", "colour: red"), "unknown_field"),
        (at("protocols/broken.yaml", "- XYZ"), "unknown_interface"),
        (at("protocols/syntax.yaml", "name: Syntax: Error"), "yaml"),
        (at("protocols/unquoted.yaml", "section: 2.6"), "invalid_value"),
        (at("protocols/twin.yaml", "id: alpha"), "duplicate_id"),
    }


def _located(warnings: list[str]) -> set[tuple[str, str]]:
    result = set()
    for line in warnings:
        match = _WARNING.match(line)
        assert match, line
        result.add((match["location"], match["subtype"]))
    return result


@pytest.mark.sphinx("html", testroot="bad-catalog", srcdir="bad-catalog")
def test_each_planted_problem_warns_at_its_file_and_line(app: SphinxTestApp) -> None:
    app.build()
    assert len(warnings_of(app)) == 6
    assert _located(warnings_of(app)) == _planted(app.srcdir)
    broken = next(line for line in warnings_of(app) if "XYZ" in line)
    assert broken.endswith("protocol 'broken' exposes: unknown interface 'XYZ' [tapssec.unknown_interface]")
    assert re.search(r"protocols/broken\.yaml:\d+: WARNING: ", broken)


@pytest.mark.sphinx("html", testroot="bad-catalog", srcdir="bad-catalog")
def test_the_rest_of_the_catalog_renders(app: SphinxTestApp) -> None:
    app.build()
    page = html_page(app)
    matrix = read_matrix(page.find("table", id="matrix"))
    assert matrix.rows == {**SMALL_ROWS, "Broken": frozenset({"IPK", "ALG"})}
    broken = page.find("dt", id="tapssec-protocol-broken").parent
    assert broken is not None
    exposed = [li.text().split(" ")[0] for li in broken.find("ul", class_="tapssec-interfaces").find_all("li")]
    assert exposed == ["IPK", "ALG"]
    alpha = page.find("dt", id="tapssec-protocol-alpha")
    assert "Alpha Stream Security" in alpha.text()  # the first alpha, not its twin
    terms = [dt.text() for dt in page.find("dl", class_="tapssec-references").find_all("dt")]
    assert terms == ["[RFC0001]", "[PAPER]"]


def test_catalog_problems_are_reported_again_by_an_incremental_build(tmp_path: Path) -> None:
    srcdir = copy_root("bad-catalog", tmp_path)
    assert _located(rebuild(srcdir).warnings) == _planted(srcdir)
    # Nothing is read again, yet a -W build must keep failing while the catalog is broken.
    again = rebuild(srcdir)
    assert again.read == set()
    assert _located(again.warnings) == _planted(srcdir)


def test_strict_mode_stops_the_build(tmp_path: Path) -> None:
    srcdir = copy_root("bad-catalog", tmp_path)
    stopped = stopped_build(srcdir=srcdir, confoverrides={"tapssec_strict": True})
    located = {(line.split(": ", 1)[0], line.rsplit("[tapssec.", 1)[1][:-1]) for line in stopped.problems}
    assert located == _planted(srcdir)
    count = len(stopped.problems)
    assert str(stopped) == f"tapssec: {count} catalog problems; tapssec_strict is on, so the build stops"


def test_strict_mode_accepts_a_good_catalog(tmp_path: Path) -> None:
    app = SphinxTestApp("html", srcdir=copy_root("basic", tmp_path), confoverrides={"tapssec_strict": True})
    try:
        app.build()
        assert warnings_of(app) == []
    finally:
        app.cleanup()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('tapssec_strict = "yes"', "tapssec_strict must be bool, not 'yes'"),
        ("tapssec_catalog = 5", "tapssec_catalog must be str or None, not 5"),
        ('tapssec_extra_catalogs = "extra"', "tapssec_extra_catalogs must be list or tuple, not 'extra'"),
        ('tapssec_extra_catalogs = [""]', "tapssec_extra_catalogs must be a list of non-empty strings, not ['']"),
    ],
)
def test_bad_config_value_fails_clearly(tmp_path: Path, setting: str, message: str) -> None:
    srcdir = copy_root("basic", tmp_path)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8") + setting + "\n"
    conf.write_text(text, encoding="utf-8")
    line = text.count("\n")
    stopped = stopped_build(srcdir=srcdir)
    assert stopped.problems == (f"{conf}:{line}: {message} [tapssec.config]",)
    assert str(stopped) == "tapssec: 1 configuration problem; the build stops"


def test_missing_catalog_directory_warns(tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_tapssec"]\ntapssec_catalog = "nowhere"\n', "utf-8")
    (srcdir / "index.rst").write_text("Empty\n=====\n\n.. interface-matrix::\n\n.. protocol-list::\n", "utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        lines = warnings_of(app)
        assert subtypes_of(lines) == ["catalog"]
        # The warning names the directory itself, as its location or leading its message;
        # Sphinx must not take the bare path for a document name (``nowhere.rst``).
        path = re.escape(str(srcdir / "nowhere"))
        assert re.match(rf"({path}(:\d+)?: WARNING: |WARNING: {path}: )catalog directory not found", lines[0])
        assert (app.outdir / "index.html").is_file()
    finally:
        app.cleanup()


# --- hostile text ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="hostile", srcdir="hostile")
def test_unsafe_url_renders_as_text_and_warns(app: SphinxTestApp) -> None:
    app.build()
    references = app.srcdir / "catalog" / "references.yaml"
    text = references.read_text(encoding="utf-8")
    lines = warnings_of(app)
    assert subtypes_of(lines) == ["unsafe_url"]
    # The reference record, or better the line of its url.
    assert any(
        lines[0].startswith(f"{references}:{line_of(text, needle)}: WARNING: ")
        for needle in ("id: EVIL", 'url: "javascript:')
    )
    page = html_page(app)
    hrefs = [a.attrs.get("href", "") for a in page.find_all("a")]
    assert not [href for href in hrefs if href.strip().lower().startswith("javascript:")]
    evil = page.find("dt", id="tapssec-reference-evil")
    assert evil.parent is not None
    assert "<javascript:alert(7)>" in evil.parent.text()


def test_unsafe_url_is_reported_again_by_an_incremental_build(tmp_path: Path) -> None:
    """Like the catalog problems, an unsafe URL must keep a ``-W`` build failing until it is fixed."""
    srcdir = copy_root("hostile", tmp_path)
    assert subtypes_of(rebuild(srcdir).warnings) == ["unsafe_url"]
    again = rebuild(srcdir)
    assert again.read == set()
    assert subtypes_of(again.warnings) == ["unsafe_url"]


@pytest.mark.sphinx("html", testroot="hostile", srcdir="hostile")
def test_hostile_strings_are_escaped(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    page = parse_html(html)
    # No markup from the catalog became an element or an attribute.
    for element in page.iter():
        assert element.tag not in ("iframe", "svg", "img"), element
        assert (element.tag, element.text()) not in (("b", "markup"), ("em", "link")), element
        assert not [name for name in element.attrs if name.startswith("on")], element
        if element.tag == "script":
            assert "alert(" not in element.text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # ... and every hostile string is shown as the text it is.
    text = page.text()
    for shown in (
        "<script>alert(1)</script>",
        "onerror=alert(2)>",
        "<b>markup</b>",
        "<iframe src=javascript:alert(5)>",
    ):
        assert shown in text
    assert "<svg onload=alert(6)>" in text
    matrix = read_matrix(page.find("table", id="matrix"))
    assert matrix.rows["<script>alert(1)</script>"] == frozenset({"IPK"})


@pytest.mark.sphinx("latex", testroot="hostile", srcdir="hostile")
def test_unsafe_url_is_not_a_link_in_latex(app: SphinxTestApp) -> None:
    app.build()
    assert subtypes_of(warnings_of(app)) == ["unsafe_url"]
    (tex_file,) = app.outdir.glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    assert r"\url{javascript" not in tex
    assert r"\href{javascript" not in tex
    assert "alert(7)" in tex
