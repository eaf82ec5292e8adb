"""Fixtures of the test suite: Sphinx's testing fixtures, and where the test roots are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import ROOTS, fill_catalog

if TYPE_CHECKING:
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
