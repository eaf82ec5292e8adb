"""Helpers for the browser tests: build the survey site per theme, serve it on 127.0.0.1, drive Chromium.

The browser is Debian's ``/usr/bin/chromium`` driven by Python playwright (a test tool's own
browser download does not work on our machines). axe-core comes from the
``axe-playwright-python`` wheel, which bundles ``axe.min.js``; it is read from disk and
injected into the page, so nothing is fetched at test time.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
#: Chromium as the PATH finds it (Debian's is /usr/bin/chromium), so a PATH without it (a fresh
#: machine, or ../shared/tools/bare-path.sh) skips the browser tests; TAPSSEC_CHROMIUM overrides.
CHROMIUM = Path(os.environ.get("TAPSSEC_CHROMIUM") or shutil.which("chromium") or "chromium (not on PATH)")
#: As root, in a sandbox with no network: no sandboxing, no GPU, none of Chromium's own traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The themes the site must look right under (html_theme values).
THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme", "sphinx_book_theme")
INSTALL_HINT = (
    "install with `apt-get install chromium` (Debian) and `pip install -e '.[test,browser]'`; .ci/run does both"
)
#: Set (by .ci/run) to fail instead of skip when the browser is missing.
REQUIRE_ENV = "TAPSSEC_REQUIRE_BROWSER"
#: Where screenshots and axe reports go; a temporary directory unless set.
ARTIFACTS_ENV = "TAPSSEC_BROWSER_ARTIFACTS"


def require_browser() -> None:
    """Skip the calling test, with a message saying how to get what is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium ({CHROMIUM})")
    for module in ("playwright", "axe_playwright_python"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"the Python package {module}")
    if missing:
        message = f"browser tests need {' and '.join(missing)}: {INSTALL_HINT}"
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(message)
        pytest.skip(message)


def axe_script() -> Path:
    """``axe.min.js`` as bundled by axe-playwright-python."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory for screenshots and reports (``$TAPSSEC_BROWSER_ARTIFACTS`` or a temporary one)."""
    chosen = os.environ.get(ARTIFACTS_ENV)
    if chosen:
        path = Path(chosen)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.getbasetemp() / "browser-artifacts"


# --- building -------------------------------------------------------------------------------


def build_docs(outdir: Path, theme: str, buildername: str = "html") -> list[str]:
    """Build ``docs/`` with *theme* into *outdir*; return the warning lines (the caller asserts none)."""
    from helpers import warnings_of
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        buildername,
        srcdir=DOCS,
        builddir=outdir,
        confoverrides={"html_theme": theme},
        freshenv=True,
    )
    try:
        with warnings.catch_warnings():
            # sphinx-book-theme still reads SphinxTransform.app, which Sphinx 9 deprecates; theirs to fix.
            warnings.filterwarnings("ignore", message=r"'sphinx_book_theme\.", category=Warning)
            app.build()
        return warnings_of(app)
    finally:
        app.cleanup()


def built_site(tmp_path_factory: pytest.TempPathFactory, theme: str) -> Path:
    """The HTML site under *theme*, built once per test session and shared by the test modules."""
    base = tmp_path_factory.getbasetemp() / f"site-{theme}"
    html = base / "html"
    done = base / "warnings.txt"
    if not done.exists():
        shutil.rmtree(base, ignore_errors=True)
        lines = build_docs(base, theme)
        done.write_text("\n".join(lines), encoding="utf-8")
    return html


def site_warnings(tmp_path_factory: pytest.TempPathFactory, theme: str) -> list[str]:
    """The warnings of :func:`built_site`'s build of *theme*."""
    built_site(tmp_path_factory, theme)
    text = (tmp_path_factory.getbasetemp() / f"site-{theme}" / "warnings.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line]


# --- serving --------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no request log, and an empty favicon (browsers ask for one unprompted)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 at a free port; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- the browser ----------------------------------------------------------------------------


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A page and what went wrong while it was open."""

    page: Page
    #: Uncaught exceptions and console errors.
    errors: list[str] = field(default_factory=list)
    #: Requests for anything that is not on 127.0.0.1.
    external: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


def watch(page: Page) -> Visit:
    """Record *page*'s errors and every request it makes that would leave the machine."""
    result = Visit(page)

    def request(request: Request) -> None:
        if not _is_local(request.url):
            result.external.append(request.url)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            result.errors.append(f"console: {message.text} ({message.location.get('url')})")

    # Listening, not routing: intercepting every request through playwright costs a second a page,
    # and this machine has no route out anyway, so a request that leaves fails; it only has to be seen.
    page.on("request", request)
    page.on("pageerror", lambda error: result.errors.append(f"pageerror: {error}"))
    page.on("console", console)
    return result


@contextlib.contextmanager
def visit(browser: Browser, url: str, *, width: int = 1280, height: int = 900, dark: bool = False) -> Iterator[Visit]:
    """Open *url* in a fresh browser context, watched by :func:`watch`."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light")
    try:
        result = watch(context.new_page())
        result.page.goto(url, wait_until="load")
        yield result
    finally:
        context.close()


def run_axe(page: Page, include: list[str] | None = None, exclude: list[str] | None = None) -> dict[str, Any]:
    """axe-core's results for the page, or for the elements matching *include*, less those matching *exclude*."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    context: dict[str, Any] = {}
    if include:
        context["include"] = [[selector] for selector in include]
    if exclude:
        context["exclude"] = [[selector] for selector in exclude]
    # No preload: axe would fetch the stylesheets again, resolving their @imports against the page.
    options = {"resultTypes": ["violations"], "preload": False}
    results: dict[str, Any] = page.evaluate(
        "([c, o]) => axe.run(c.include || c.exclude ? c : document, o)", [context, options]
    )
    return results


def violation_summary(results: dict[str, Any]) -> list[str]:
    """``rule (impact): N nodes, e.g. <selector>`` per violation."""
    lines = []
    for violation in results["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {len(targets)} node(s), e.g. {targets[0]}")
    return lines
