"""The site under each supported theme: a clean build, the matrix working and fitting, and axe-core.

For every theme the survey site is built with ``-D html_theme=<theme>`` and must give no
warning. In Chromium, the matrix page is measured and photographed at a desktop (1280x800) and
a phone (390x844) size, light and dark: on the desktop every matrix shows all its columns
without a sideways scroll, on the phone the page body never scrolls sideways and the protocol
names stay in view while a matrix scrolls in its box; on the phone the field names of the
protocol descriptions stay on one line. A forced-colors (Windows High Contrast)
screenshot checks that exposed cells keep standing out. axe-core then checks the
extension's own output (the matrix block with its controls, the cards, the protocol
descriptions) on the matrix page and a protocol page: no violations, except contrast
failures of colours the theme itself uses on the same page outside our output (its link
colour, say), which are the theme's to fix. Whole-page results, the themes' own problems
included, are printed and written to ``axe-<theme>.json`` beside the screenshots
(``$TAPSSEC_BROWSER_ARTIFACTS``, else a temporary directory).
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
from browser_site import (
    THEMES,
    artifacts_dir,
    built_site,
    run_axe,
    serve,
    site_warnings,
    violation_summary,
    visit,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Page

#: What axe checks as ours: the matrix with its controls, the cards, the protocol and interface blocks.
OURS = [".tapssec-matrix-block", ".tapssec-overview", "dl.tapssec"]
PAGES = ("survey/summary.html", "survey/protocols.html", "guide/directives.html")
#: Themes with a dark mode that follows the reader's preference.
DARK_THEMES = frozenset({"furo", "pydata_sphinx_theme", "sphinx_book_theme"})
#: (width, height, dark) of each screenshot.
VIEWS = ((1280, 800, False), (1280, 800, True), (390, 844, False))
#: The filter's label for datagram transports: the catalog's name for it.
DATAGRAM = "Unreliable Datagram Transports"
#: Per matrix of the page: its id, the columns its box hides behind a sideways scroll, and, once
#: scrolled all the way right, where its first body row's protocol name sits in the box.
MEASURE = """() => [...document.querySelectorAll('table.tapssec-matrix')].map(table => {
    const box = table.closest('.tapssec-matrix-scroll');
    box.scrollLeft = box.scrollWidth;
    const stub = table.querySelector('tbody th').getBoundingClientRect();
    const result = {
        id: table.id, hidden: box.scrollWidth - box.clientWidth,
        stubLeft: stub.left - box.getBoundingClientRect().left,
    };
    box.scrollLeft = 0;
    return result;
})"""

#: For each field name of an entry's facts: its text, and whether it wraps (it is taller than
#: the same name kept on one line).
FIELD_NAME_WRAPS = """() => [...document.querySelectorAll('dl.tapssec-facts > dt')].map(dt => {
    const height = dt.getBoundingClientRect().height;
    dt.style.whiteSpace = 'nowrap';
    const oneLine = dt.getBoundingClientRect().height;
    dt.style.whiteSpace = '';
    return [dt.textContent.trim(), height > oneLine + 1];
})"""


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return artifacts_dir(tmp_path_factory)


@contextlib.contextmanager
def themed_site(theme: str, tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[str]:
    """The survey site under *theme*, served; skips the test when the theme is not installed."""
    pytest.importorskip(theme, reason=f"the theme {theme} is not installed: pip install -e '.[browser]'")
    artifacts.mkdir(parents=True, exist_ok=True)
    with serve(built_site(tmp_path_factory, theme)) as site:
        yield site


@pytest.mark.parametrize("theme", THEMES)
def test_site_builds_without_warnings(theme: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    pytest.importorskip(theme, reason=f"the theme {theme} is not installed: pip install -e '.[browser]'")
    assert site_warnings(tmp_path_factory, theme) == []
    html = built_site(tmp_path_factory, theme)
    assert (html / "_static" / "tapssec-matrix.js").is_file()
    assert (html / "_static" / "tapssec.css").is_file()


def _theme_colours(page: Page, whole: dict[str, Any]) -> set[str]:
    """Foreground colours that fail axe's contrast check on this page outside our output."""
    nodes = [node for v in whole["violations"] if v["id"] == "color-contrast" for node in v["nodes"]]
    outside: list[bool] = page.evaluate(
        """([selectors, ours]) => selectors.map(sel => {
            const el = sel && document.querySelector(sel);
            return !!el && !el.closest(ours);
        })""",
        [[str(node["target"][-1]) if node["target"] else "" for node in nodes], ", ".join(OURS)],
    )
    return {
        check["data"]["fgColor"]
        for node, out in zip(nodes, outside, strict=True)
        if out
        for check in node["any"]
        if check.get("data")
    }


def ours_only(scoped: dict[str, Any], theme_colours: set[str]) -> list[str]:
    """The violations in our output, less contrast failures in colours the theme fails with elsewhere."""
    problems = []
    for violation in scoped["violations"]:
        nodes = violation["nodes"]
        if violation["id"] == "color-contrast":
            nodes = [
                node
                for node in nodes
                if not all(check["data"]["fgColor"] in theme_colours for check in node["any"] if check.get("data"))
            ]
        problems += [f"{violation['id']}: {' '.join(map(str, node['target']))}" for node in nodes]
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_matrix_page_under_theme(
    theme: str, browser: Browser, tmp_path_factory: pytest.TempPathFactory, artifacts: Path
) -> None:
    with themed_site(theme, tmp_path_factory, artifacts) as site:
        for width, height, dark in VIEWS:
            with visit(browser, site + "survey/summary.html", width=width, height=height, dark=dark) as opened:
                page = opened.page
                boxes = page.evaluate(MEASURE)
                assert len(boxes) >= 3
                if width >= 1280:
                    hidden = {box["id"]: box["hidden"] for box in boxes if box["hidden"] > 0}
                    assert hidden == {}, f"{theme} at {width}px: columns hidden behind a sideways scroll (px)"
                else:
                    # Protocol names in view while the box scrolls sideways (it sticks to the left edge).
                    assert all(0 <= box["stubLeft"] <= 2 for box in boxes), f"{theme}: {boxes}"
                block = page.locator(".tapssec-matrix-block").filter(has=page.locator("#table-1"))
                block.locator("summary").click()
                block.get_by_role("checkbox", name=re.compile(rf"^{DATAGRAM}\b")).check()
                block.get_by_role("checkbox", name=re.compile(r"^PSKI\b")).check()
                rows = page.locator("#table-1 tbody tr:not([hidden])").count()
                assert rows == 7, "the protocols that run over UDP and import a pre-shared key"
                block.scroll_into_view_if_needed()
                mode = "dark" if dark else "light"
                page.screenshot(path=artifacts / f"matrix-{theme}-{width}x{height}-{mode}.png")
                body = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                assert body[0] <= body[1], f"{theme} at {width}px: the page body overflows sideways ({body})"
                assert opened.errors == [] and opened.external == []
        # A field list gives its names a third of a phone's width; an entry's names go above their values.
        with visit(browser, site + "survey/protocols.html", width=390, height=844) as opened:
            names = opened.page.evaluate(FIELD_NAME_WRAPS)
            assert len(names) >= 12 * 3, "three facts for each of the survey's protocols"
            assert [name for name, wraps in names if wraps] == [], f"{theme}: field names wrapped at 390px"
            opened.page.locator("dl.tapssec-facts").first.scroll_into_view_if_needed()
            opened.page.screenshot(path=artifacts / f"facts-{theme}-390x844.png")


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_forced_colors_keep_exposed_cells_apart(
    theme: str, browser: Browser, tmp_path_factory: pytest.TempPathFactory, artifacts: Path
) -> None:
    """Windows High Contrast replaces the page's colours: exposed cells and the hovered row must still show."""
    with (
        themed_site(theme, tmp_path_factory, artifacts) as site,
        visit(browser, site + "survey/summary.html") as opened,
    ):
        page = opened.page
        page.emulate_media(forced_colors="active")
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        table = page.locator("table#table-1")
        table.locator("tbody tr", has_text="tcpcrypt").locator("td").nth(1).hover()
        table.scroll_into_view_if_needed()
        page.screenshot(path=artifacts / f"matrix-{theme}-forced-colors.png")
        colours = page.evaluate(
            """() => {
                const rows = [...document.querySelectorAll('#table-1 tbody tr')];
                const row = rows.find(r => r.textContent.includes('tcpcrypt'));
                const style = cell => getComputedStyle(cell);
                const exposed = row.querySelector('td.tapssec-exposed');
                const blank = row.querySelector('td:not(.tapssec-exposed)');
                return {
                    exposed: style(exposed).backgroundColor, blank: style(blank).backgroundColor,
                    hovered: style(blank).outlineStyle,
                };
            }"""
        )
        assert colours["exposed"] != colours["blank"], colours
        assert colours["hovered"] != "none", "the hovered row is marked without a background"
        assert opened.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES)
def test_axe_under_theme(
    theme: str,
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    artifacts: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    report: dict[str, Any] = {}
    failures: dict[str, list[str]] = {}
    modes = (False, True) if theme in DARK_THEMES else (False,)
    with themed_site(theme, tmp_path_factory, artifacts) as site:
        for name in PAGES:
            for dark in modes:
                key = f"{name} ({'dark' if dark else 'light'})"
                with visit(browser, site + name, dark=dark) as opened:
                    page = opened.page
                    assert page.locator(OURS[0] if "summary" in name else OURS[1]).count() > 0
                    scoped = run_axe(page, OURS)
                    # The whole page: reported in light mode, and consulted for the theme's own colours.
                    needs_whole = not dark or any(v["id"] == "color-contrast" for v in scoped["violations"])
                    whole = run_axe(page) if needs_whole else {"violations": []}
                    problems = ours_only(scoped, _theme_colours(page, whole))
                report[key] = {"ours": violation_summary(scoped), "page": violation_summary(whole) if not dark else []}
                if problems:
                    failures[key] = problems
    (artifacts / f"axe-{theme}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    with capsys.disabled():
        for key, result in report.items():
            rules = ", ".join(line.split(":")[0] for line in result["page"]) or "none"
            whole_page = f"; whole page: {rules}" if "light" in key else ""
            print(f"\naxe [{theme}] {key}: ours {len(result['ours'])} violation(s){whole_page}", end="")
    assert failures == {}
