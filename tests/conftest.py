"""Fixtures of the test suite: Sphinx's testing fixtures, and where the test roots are."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS_DIR = Path(__file__).parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """``@pytest.mark.sphinx(testroot="basic")`` means ``tests/roots/test-basic``."""
    return TESTS_DIR / "roots"


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    """Each test copies its root into a directory of its own.

    Sphinx's default is one directory for the whole session, so two tests of one root would
    share an environment, and the second would see no read-time warnings. Together with a
    ``srcdir=`` in every ``pytest.mark.sphinx`` (which makes Sphinx copy the root) no test
    ever builds inside ``tests/roots``.
    """
    return tmp_path
