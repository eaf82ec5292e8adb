"""A pytest entry point: turn a project's claims, queries, coverage and rules into a test.

Load it in a ``conftest.py`` (or a test module)::

    pytest_plugins = ["sphinx_tapssec.testing"]

    def test_docs_agree_with_the_catalog(tapssec_check):
        tapssec_check("docs").assert_ok()

or call :func:`assert_consistent` from any test. Both build the project from scratch
with every check on, as ``tapssec check`` does. The fixture resolves a relative path
against pytest's rootdir, so the test passes from whichever directory pytest is started;
the plain functions take a path as :func:`open` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sphinx_tapssec.cli.check_build import CheckError, CheckResult, Finding, run_check

__all__ = [
    "CheckError",
    "CheckResult",
    "CheckedProject",
    "Finding",
    "TapssecCheck",
    "assert_consistent",
    "check_docs",
    "tapssec_check",
]


def check_docs(srcdir: str | Path, overrides: Mapping[str, Any] | None = None, **options: Any) -> CheckResult:
    """Build *srcdir* with every check on; *options* are those of :func:`~.checking.run_check`.

    A project that cannot be checked (no ``conf.py``, a refused configuration) fails the
    test with the reason, without a traceback into this module.
    """
    try:
        return run_check(srcdir, overrides, **options)
    except CheckError as error:
        reason = f"tapssec check: {error}"
    # Outside the except block, so that pytest shows the reason alone, not the chained error.
    pytest.fail(reason, pytrace=False)


def assert_consistent(srcdir: str | Path, overrides: Mapping[str, Any] | None = None, **options: Any) -> CheckResult:
    """Like :func:`check_docs`, but fail the test with one ``file:line: message`` line per problem."""
    result = check_docs(srcdir, overrides, **options)
    if not result.ok:
        pytest.fail(f"{len(result.failures)} tapssec problem(s) in {srcdir}:\n{result.report()}", pytrace=False)
    return result


@dataclass(frozen=True)
class TapssecCheck:
    """What the ``tapssec_check`` fixture returns: call it with a docs directory."""

    #: Relative docs directories are resolved against this directory (pytest's rootdir).
    rootdir: Path
    #: Builds go below this directory, which is outside any project the test copies.
    outdir: Path

    def __call__(
        self, srcdir: str | Path, overrides: Mapping[str, Any] | None = None, **options: Any
    ) -> CheckedProject:
        srcdir = self.rootdir / srcdir  # an absolute srcdir stays as it is
        options.setdefault("outdir", self.outdir / f"{len(list(self.outdir.iterdir()))}-{srcdir.name}")
        return CheckedProject(check_docs(srcdir, overrides, **options))


@dataclass(frozen=True)
class CheckedProject:
    """A check's result with a pytest-friendly assertion."""

    result: CheckResult

    @property
    def failures(self) -> tuple[Finding, ...]:
        return self.result.failures

    def assert_ok(self) -> None:
        """Fail the test, listing every problem, unless the check passed."""
        if not self.result.ok:
            pytest.fail(f"{len(self.failures)} tapssec problem(s):\n{self.result.report()}", pytrace=False)

    def assert_fails(self, *expected: str) -> None:
        """Pass only if the check failed and each of *expected* is part of some ``file:line: message`` line."""
        lines = [str(f) for f in self.failures]
        assert lines, "expected the check to fail, but it passed"
        missing = [text for text in expected if not any(text in line for line in lines)]
        assert not missing, f"not reported: {missing}\nreported:\n" + "\n".join(lines)


@pytest.fixture
def tapssec_check(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> TapssecCheck:
    """A function that checks a Sphinx project: paths relative to the rootdir, output in a temporary directory."""
    return TapssecCheck(request.config.rootpath, tmp_path_factory.mktemp("tapssec-check"))
