"""Fixtures of the test suite: Sphinx's testing fixtures, and where the test roots are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_site import chromium, require_browser
from helpers import ROOTS, Built, build_once, copy_root, fill_catalog, rebuild

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser
    from sphinx.testing.fixtures import _app_params

pytest_plugins = ("sphinx.testing.fixtures",)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """``@pytest.mark.sphinx(testroot="basic")`` means ``tests/roots/test-basic``."""
    return ROOTS


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """Each test copies its root into a directory of its own.

    Sphinx's default is one directory for the whole session, so two tests of one root would
    share an environment, and the second would see no read-time warnings. Together with a
    ``srcdir=`` in every ``pytest.mark.sphinx`` (which makes Sphinx copy the root) no test
    ever builds inside ``tests/roots``.
    """
    return tmp_path


@pytest.fixture
def app_params(app_params: _app_params) -> _app_params:
    """Sphinx's parameters, once the copied root has the shared catalog it names (see helpers.fill_catalog)."""
    fill_catalog(app_params.kwargs["srcdir"])
    return app_params


@pytest.fixture
def incremental_project(tmp_path: Path) -> Path:
    """A copy of ``test-incremental``, built once (every document and catalog file read, no warning).

    The environment is kept, so the next :func:`helpers.rebuild` is incremental.
    """
    srcdir = copy_root("incremental", tmp_path)
    read, warnings, status = rebuild(srcdir)
    assert read == {"index", "proto", "matrix", "xref", "plain"}
    assert warnings == []
    assert "tapssec: 9 of 9 catalog files read" in status
    return srcdir


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium driven by playwright, once per test module; skips (with how to install it) when missing."""
    require_browser()
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def root_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The root the test module names in ``ROOT`` (``ROOT = "basic"``), built once with HTML for all its tests."""
    name: str = request.module.ROOT
    return build_once(copy_root(name, tmp_path_factory.mktemp(name)), freshenv=True)
