"""The interactive matrix in a real browser: Debian's Chromium, headless, against the survey site on 127.0.0.1.

Every interaction of the matrix is driven here by mouse and by keyboard, on the site as it is
built from ``docs/`` with its default theme. The themes get their own module
(``test_themes.py``), which also runs the axe-core checks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from browser_site import built_site, require_browser, serve, visit, watch

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.loader import load_catalog

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

#: The survey's Table 1 on ``survey/summary.html`` (its ``:name:`` is ``table-1``).
TABLE = "table#table-1"
SUMMARY = "survey/summary.html"
CATALOG = load_catalog([bundled_catalog()]).catalog
TABLE_PROTOCOLS = [p for p in CATALOG.protocols if p.in_table]
#: The filters' labels are the catalog's names (the labels element's data-* attributes).
DATAGRAM = "Unreliable Datagram Transports"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    return built_site(tmp_path_factory, "alabaster")


@pytest.fixture(scope="module")
def site(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def block(page: Page) -> Locator:
    """The matrix block (controls, status, table, legend) of Table 1."""
    return page.locator(".tapssec-matrix-block").filter(has=page.locator(TABLE))


def shown_rows(page: Page, table: str = TABLE) -> list[str]:
    names: list[str] = page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden]) > th", "cells => cells.map(c => c.textContent.trim())"
    )
    return names


def shown_codes(page: Page, table: str = TABLE) -> list[str]:
    codes: list[str] = page.eval_on_selector_all(
        f"{table} thead th:not([hidden])", "cells => cells.slice(1).map(c => c.textContent.trim())"
    )
    return codes


def checkbox(page: Page, name: str) -> Locator:
    """The filter checkbox labelled *name* (interface chips are named by code, then full name)."""
    return block(page).get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)}\b"))


def tab_to(page: Page, test: str, limit: int = 400) -> None:
    """Press Tab until the focused element satisfies the JS predicate *test* (``el => bool``)."""
    for _ in range(limit):
        if page.evaluate(f"({test})(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached an element with {test}")


def focused(page: Page) -> dict[str, Any]:
    info: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.activeElement;
            const cell = el.closest('td, th');
            return {
                tag: el.tagName, text: el.textContent.trim(),
                row: cell ? cell.parentNode.cells[0].textContent.trim() : null,
                column: cell ? cell.cellIndex : null,
                describedby: el.getAttribute('aria-describedby'),
            };
        }"""
    )
    return info


def tooltip(page: Page) -> str | None:
    text: str | None = page.evaluate(
        "() => { const t = document.querySelector('.tapssec-tooltip:not([hidden])'); return t && t.textContent; }"
    )
    return text


def expected(*, transport: str | None = None, codes: tuple[str, ...] = (), category: str | None = None) -> list[str]:
    """The Table 1 rows that match a filter, computed from the catalog."""
    return [
        p.name
        for p in TABLE_PROTOCOLS
        if (transport is None or transport in p.transport_classes)
        and (category is None or p.category == category)
        and all(p.exposure(code) for code in codes)
    ]


def test_three_clicks_answer_which_udp_protocols_import_a_psk(browser: Browser, site: str) -> None:
    """ "Which protocols that run over UDP let me import a pre-shared key?" — three clicks."""
    answer = expected(transport="datagram", codes=("PSKI",))
    assert answer == ["DTLS", "ZRTP", "QUIC", "MinimaLT", "IPsec", "WireGuard", "OpenVPN"]
    with visit(browser, site + SUMMARY) as opened:
        page = opened.page
        assert len(shown_rows(page)) == len(TABLE_PROTOCOLS)
        block(page).locator("summary").click()
        checkbox(page, DATAGRAM).click()
        checkbox(page, "PSKI").click()
        assert shown_rows(page) == answer
        status = block(page).locator(".tapssec-status").text_content() or ""
        assert status.startswith(f"Showing {len(answer)} of {len(TABLE_PROTOCOLS)} protocols")
        assert "table-1=transport:datagram,iface:PSKI" in page.url
        assert page.url.endswith("#table-1")
        assert opened.errors == [] and opened.external == []


def test_keyboard_only(browser: Browser, site: str) -> None:
    """The same question, then a walk through the cells, with the keyboard alone."""
    with visit(browser, site + SUMMARY) as opened:
        page = opened.page
        tab_to(page, "el => el.tagName === 'SUMMARY' && el.closest('.tapssec-matrix-block').querySelector('#table-1')")
        page.keyboard.press("Enter")
        tab_to(page, "el => el.type === 'checkbox' && el.value === 'datagram'")
        page.keyboard.press("Space")
        tab_to(page, "el => el.type === 'checkbox' && el.value === 'PSKI'")
        page.keyboard.press("Space")
        answer = expected(transport="datagram", codes=("PSKI",))
        assert shown_rows(page) == answer

        # Into the table: the scroll box first, then the links of the caption and the header row.
        tab_to(page, "el => el.classList.contains('tapssec-matrix-scroll') && !!el.querySelector('#table-1')")
        tab_to(page, "el => el.tagName === 'A' && el.textContent.trim() === 'IPK'", limit=5)
        assert tooltip(page) == "IPK \u2014 Identities and Private Keys (Pre-Connection Interfaces)"
        assert focused(page)["describedby"]
        highlighted = page.eval_on_selector_all(f"{TABLE} .tapssec-hl-col", "cells => cells.length")
        assert highlighted == 1 + len(TABLE_PROTOCOLS)  # the column, hidden rows included

        # A plain data table, not a grid: the arrow keys are the screen reader's (or scroll the box),
        # no cell takes focus, and Tab goes from link to link.
        assert page.locator(f"{TABLE}[role], {TABLE} [role=grid], {TABLE} [role=gridcell]").count() == 0
        assert page.locator(f"{TABLE} td[tabindex], {TABLE} th[tabindex]").count() == 0
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowRight")
        assert focused(page)["text"] == "IPK"
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "ALG"
        assert (tooltip(page) or "").startswith("ALG \u2014 Supported Algorithms")

        # Escape hides the name without moving the focus; the next link shows its own.
        page.keyboard.press("Escape")
        assert tooltip(page) is None and focused(page)["text"] == "ALG"
        tab_to(page, f"el => el.tagName === 'A' && el.textContent.trim() === {answer[1]!r}", limit=40)
        ids = {p.name: p.id for p in TABLE_PROTOCOLS}
        full = {p.name: p.full_name for p in TABLE_PROTOCOLS}[answer[1]]
        assert tooltip(page) == f"{answer[1]} \u2014 {full}"
        assert page.eval_on_selector(f"{TABLE} tr.tapssec-hl-row > th", "th => th.textContent.trim()") == answer[1]

        # A row's name leads to the protocol's description.
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"protocols\.html#tapssec-protocol-{ids[answer[1]]}$"))
        assert opened.errors == [] and opened.external == []


def test_the_url_shares_the_filter(browser: Browser, site: str) -> None:
    with visit(browser, site + SUMMARY + "?table-1=transport:datagram,iface:PSKI#table-1") as opened:
        page = opened.page
        assert block(page).locator("details").get_attribute("open") is not None
        assert checkbox(page, DATAGRAM).is_checked() and checkbox(page, "PSKI").is_checked()
        assert shown_rows(page) == expected(transport="datagram", codes=("PSKI",))
        share = block(page).get_by_role("link", name="Link to this view")
        assert (share.get_attribute("href") or "").endswith("?table-1=transport:datagram,iface:PSKI#table-1")

        block(page).get_by_role("button", name="Clear filters").click()
        assert len(shown_rows(page)) == len(TABLE_PROTOCOLS)
        assert "table-1=" not in page.url
        assert opened.errors == []


def test_filters_by_phase_category_and_interfaces(browser: Browser, site: str) -> None:
    post = [i.code for i in CATALOG.interfaces if i.phase == "post-connection"]
    with visit(browser, site + SUMMARY) as opened:
        page = opened.page
        block(page).locator("summary").click()
        checkbox(page, "Post-Connection Interfaces").check()
        assert shown_codes(page) == post
        assert len(shown_rows(page)) == len(TABLE_PROTOCOLS)
        # A chosen interface keeps its column even outside the chosen phases.
        checkbox(page, "PSKI").check()
        assert set(shown_codes(page)) == {*post, "PSKI"}
        checkbox(page, "PSKI").uncheck()
        checkbox(page, "Post-Connection Interfaces").uncheck()

        checkbox(page, "Packet Security Protocols").check()
        assert shown_rows(page) == expected(category="packet")
        checkbox(page, "ME").check()
        checkbox(page, "KE").check()
        assert shown_rows(page) == expected(category="packet", codes=("ME", "KE")) == ["IPsec"]
        checkbox(page, "CM").check()
        assert shown_rows(page) == []
        assert (block(page).locator(".tapssec-status").text_content() or "").startswith("No protocol matches")
        assert "table-1=category:packet,iface:CM,iface:KE,iface:ME" in page.url  # column order
        assert opened.errors == []


def test_pointer_highlights_and_names(browser: Browser, site: str) -> None:
    with visit(browser, site + SUMMARY) as opened:
        page = opened.page
        table = page.locator(TABLE)
        table.locator("thead th", has_text="PSKI").hover()
        assert tooltip(page) == "PSKI \u2014 Pre-Shared Key Import (Pre-Connection Interfaces)"
        column = page.eval_on_selector_all(f"{TABLE} .tapssec-hl-col", "cells => cells.length")
        assert column == 1 + len(TABLE_PROTOCOLS)
        # Our tooltip replaces the native one, which would show the same name a second time.
        assert table.locator("thead a[title]").count() == 0

        table.locator("tbody th", has_text="DTLS").hover()
        assert tooltip(page) == "DTLS \u2014 Datagram Transport Layer Security"
        table.locator("tbody tr", has_text="tcpcrypt").locator("td").nth(0).hover()
        assert tooltip(page) == "tcpcrypt \u00b7 IPK \u2014 Identities and Private Keys: not exposed"

        page.mouse.move(0, 0)
        page.wait_for_function("() => !document.querySelector('.tapssec-tooltip:not([hidden])')")
        assert page.locator(f"{TABLE} .tapssec-hl-cell").count() == 0

        # An interface's code leads to its description.
        table.locator("thead a", has_text="PSKI").click()
        page.wait_for_url(re.compile(r"interfaces\.html#tapssec-interface-pski$"))
        assert page.locator("#tapssec-interface-pski").count() == 1
        assert opened.errors == []


def test_the_tooltip_can_be_hovered_and_dismissed(browser: Browser, site: str) -> None:
    """WCAG 1.4.13: the pointer can move onto the tooltip, which stays until it leaves or Escape is pressed."""
    with visit(browser, site + SUMMARY) as opened:
        page = opened.page
        cell = page.locator(TABLE).locator("tbody tr", has_text="QUIC").locator("td").nth(5)
        cell.hover()
        expected_text = "QUIC \u00b7 PSKI \u2014 Pre-Shared Key Import: exposed"
        assert tooltip(page) == expected_text
        # From the cell onto the tooltip, in steps, and a while longer than the script's delay.
        start, box = cell.bounding_box(), page.locator(".tapssec-tooltip:not([hidden])").bounding_box()
        assert start is not None and box is not None
        x = start["x"] + start["width"] / 2
        page.mouse.move(x, start["y"] + start["height"] / 2)
        page.mouse.move(x, box["y"] + box["height"] / 2, steps=5)
        page.wait_for_timeout(800)
        assert tooltip(page) == expected_text, "the tooltip stays while the pointer is on it"
        assert page.locator(f"{TABLE} .tapssec-hl-cell").count() == 1

        page.keyboard.press("Escape")
        assert tooltip(page) is None, "Escape dismisses it"
        # It stays dismissed where the pointer is (over the cell beneath it, now) and on its own cell.
        page.wait_for_timeout(200)
        assert tooltip(page) is None
        cell.hover()
        assert tooltip(page) is None
        page.locator(TABLE).locator("tbody tr", has_text="QUIC").locator("td").nth(0).hover()
        assert tooltip(page) == "QUIC \u00b7 IPK \u2014 Identities and Private Keys: exposed"
        page.mouse.move(0, 0)
        page.wait_for_function("() => !document.querySelector('.tapssec-tooltip:not([hidden])')")
        assert opened.errors == []


def test_every_landmark_and_control_has_a_unique_name(browser: Browser, site: str) -> None:
    """A page with several matrices: their regions, summaries, buttons, links and checkboxes differ by name."""
    for name in (SUMMARY, "guide/directives.html"):
        with visit(browser, site + name) as opened:
            page = opened.page
            assert page.locator("table.tapssec-matrix").count() >= 3
            names: dict[str, list[str]] = page.evaluate(
                """() => {
                    const name = el => (el.getAttribute('aria-label') || el.textContent).replace(/\\s+/g, ' ').trim();
                    const of = sel => [...document.querySelectorAll(sel)].map(name);
                    return {
                        regions: of('.tapssec-matrix-scroll[role=region]'),
                        summaries: of('.tapssec-controls > summary'),
                        buttons: of('.tapssec-clear'),
                        links: of('.tapssec-share'),
                        checkboxes: [...document.querySelectorAll('.tapssec-choice')].map(name),
                    };
                }"""
            )
            for kind, found in names.items():
                assert len(found) == len(set(found)), f"{name}: {kind} share a name: {found}"
            assert len(names["regions"]) == page.locator("table.tapssec-matrix").count()
            assert opened.errors == []


def test_each_matrix_of_a_page_filters_on_its_own(browser: Browser, site: str) -> None:
    with visit(browser, site + SUMMARY) as opened:
        page = opened.page
        tables = page.locator("table.tapssec-matrix")
        count = tables.count()
        assert count >= 3
        assert page.locator(".tapssec-controls").count() == count
        second = page.locator(".tapssec-matrix-block").nth(1)
        second.locator("summary").click()
        # The pre-connection matrix has one phase only, so it offers no phase choice.
        assert second.locator(".tapssec-group-phase").count() == 0
        second.get_by_role("checkbox", name=re.compile(r"^AD\b")).check()
        assert len(shown_rows(page)) == len(TABLE_PROTOCOLS)
        second_id = tables.nth(1).get_attribute("id") or "tapssec-matrix-2"
        assert f"{second_id}=iface:AD" in page.url
        assert opened.errors == []


def test_header_sticks_and_a_wide_matrix_scrolls_in_its_box(browser: Browser, site: str) -> None:
    with visit(browser, site + SUMMARY, width=375, height=340) as opened:
        page = opened.page
        sizes = page.evaluate(
            """() => {
                const box = document.querySelector('#table-1').closest('.tapssec-matrix-scroll');
                box.scrollLeft = box.scrollWidth;
                box.scrollTop = 120;
                const boxRect = box.getBoundingClientRect();
                const stub = document.querySelector('#table-1 tbody tr:last-child th').getBoundingClientRect();
                const head = document.querySelector('#table-1 thead th:last-child').getBoundingClientRect();
                const root = document.documentElement;
                return {
                    page: [root.scrollWidth, root.clientWidth],
                    box: [box.scrollWidth, box.clientWidth, box.scrollHeight, box.clientHeight, box.scrollLeft],
                    stubLeft: stub.left - boxRect.left, headTop: head.top - boxRect.top,
                };
            }"""
        )
        assert sizes["page"][0] <= sizes["page"][1], "the page itself must not scroll sideways"
        assert sizes["box"][0] > sizes["box"][1] and sizes["box"][4] > 0, "the matrix scrolls in its own box"
        assert sizes["box"][2] > sizes["box"][3], "a long matrix scrolls in its box too"
        assert 0 <= sizes["stubLeft"] <= 2, "protocol names stay at the left edge"
        assert 0 <= sizes["headTop"] <= 2, "the header row stays at the top"
        assert opened.errors == []


def test_without_javascript_the_table_is_complete(browser: Browser, site_dir: Path, site: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(site + SUMMARY)
        assert page.locator(".tapssec-controls").count() == 0
        assert len(shown_rows(page)) == len(TABLE_PROTOCOLS)
        assert shown_codes(page) == [i.code for i in CATALOG.interfaces]
        assert page.locator(f"{TABLE} caption").count() == 1
        scopes = page.eval_on_selector_all(f"{TABLE} th", "cells => cells.map(c => c.getAttribute('scope'))")
        assert scopes == ["col"] * (1 + len(CATALOG.interfaces)) + ["row"] * len(TABLE_PROTOCOLS)
        overflow = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1]
    finally:
        context.close()
    assert (site_dir / "_static" / "tapssec-matrix.js").is_file()


def test_print_shows_the_table_without_controls(browser: Browser, site: str) -> None:
    with visit(browser, site + SUMMARY + "?table-1=category:packet") as opened:
        page = opened.page
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => {
                const box = document.querySelector('#table-1').closest('.tapssec-matrix-scroll');
                return {
                    controls: getComputedStyle(document.querySelector('.tapssec-controls')).display,
                    overflow: getComputedStyle(box).overflowX,
                    head: getComputedStyle(document.querySelector('#table-1 thead th')).position,
                    status: document.querySelector('.tapssec-status').textContent,
                };
            }"""
        )
        assert styles["controls"] == "none"
        assert styles["overflow"] == "visible"
        assert styles["head"] == "static"
        assert "category packet security protocols" in styles["status"], "the printout says what the filter left out"
        assert shown_rows(page) == expected(category="packet")


def test_no_errors_and_nothing_from_outside_on_any_page(browser: Browser, site_dir: Path, site: str) -> None:
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if "_static" not in p.parts)
    assert SUMMARY in pages
    context = browser.new_context()
    try:
        opened = watch(context.new_page())
        problems = {}
        for name in pages:
            opened.page.goto(site + name, wait_until="load")
            if opened.errors or opened.external:
                problems[name] = opened.errors + opened.external
                opened.errors.clear()
                opened.external.clear()
    finally:
        context.close()
    assert problems == {}
