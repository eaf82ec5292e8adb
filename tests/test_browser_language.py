"""The matrix script speaks the page's language: a German host's filters and status are German."""

from __future__ import annotations

from typing import TYPE_CHECKING

from browser_site import serve, visit
from helpers import build_once, copy_example

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser


def test_german_matrix_controls(tmp_path: Path, browser: Browser) -> None:
    built = build_once(copy_example("host", tmp_path), confoverrides={"language": "de"})
    assert built.warnings == []
    with serve(built.outdir) as url, visit(browser, url + "index.html") as opened:
        page = opened.page
        controls = page.locator(".tapssec-controls")
        assert (controls.locator("summary").text_content() or "").strip() == "Diese Tabelle filtern"
        controls.locator("summary").click()
        legends = [text.strip() for text in controls.locator("legend").all_text_contents()]
        assert legends[:2] == ["Phase (Spalten)", "Kategorie"]
        status = page.locator(".tapssec-status").text_content() or ""
        assert status.startswith("Alle ") and status.endswith(" Schnittstellen.")
        controls.get_by_role("checkbox", name="PSKI").first.click()
        status = page.locator(".tapssec-status").text_content() or ""
        assert " angezeigt (bietet PSKI), " in status, status
        assert (controls.locator(".tapssec-clear").text_content() or "").startswith("Filter zurücksetzen")
        assert opened.errors == [] and opened.external == []
