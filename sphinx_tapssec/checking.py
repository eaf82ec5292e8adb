"""Build a Sphinx project with every tapssec check on and collect what it reports.

Shared by ``tapssec check`` and :mod:`sphinx_tapssec.testing`. Sphinx is imported only
when a check runs, so the rest of the CLI stays Sphinx-free.
"""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_tapssec.config import COVERAGE_PARTS

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: ``LOCATION: WARNING: MESSAGE [type.subtype]``, as Sphinx writes a warning line.
_WARNING = re.compile(
    r"^(?:(?P<location>.*?): )?(?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[(?P<kind>[\w.]+)\])?$"
)


class CheckError(Exception):
    """The project cannot be checked at all (no conf.py, a broken configuration, no tapssec)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One warning of the build."""

    #: ``path:line`` (or ``path``, or empty) as Sphinx reports it.
    location: str
    message: str
    #: ``tapssec.false_claim`` and the like; empty for a warning without a type.
    kind: str = ""

    @property
    def is_tapssec(self) -> bool:
        """Whether one of our checks raised it (these fail a check)."""
        return self.kind.split(".")[0] == "tapssec"

    def __str__(self) -> str:
        suffix = f" [{self.kind}]" if self.kind else ""
        return f"{self.location}: {self.message}{suffix}" if self.location else f"{self.message}{suffix}"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check build reported."""

    findings: tuple[Finding, ...]
    #: Where the build wrote its output (and the coverage report).
    outdir: Path
    #: Whether every warning fails the check, not only tapssec's.
    strict: bool = False
    #: The text of the coverage report (empty when none was written).
    coverage_report: str = field(default="", repr=False)
    #: Sphinx's status output, for debugging a check.
    log: str = field(default="", repr=False)
    #: Every claim the project makes, as ``(docname, line, claim)``, in document order.
    claims: tuple[tuple[str, int, str], ...] = field(default=(), repr=False)

    @property
    def failures(self) -> tuple[Finding, ...]:
        """The findings that make the check fail."""
        return tuple(f for f in self.findings if self.strict or f.is_tapssec)

    @property
    def ok(self) -> bool:
        return not self.failures

    def report(self) -> str:
        """One ``file:line: message`` line per failure."""
        return "\n".join(map(str, self.failures))


def parse_warnings(text: str) -> tuple[Finding, ...]:
    """The findings in Sphinx's warning stream; continuation lines join the warning above."""
    findings: list[Finding] = []
    for line in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(line)
        if match:
            findings.append(Finding(match["location"] or "", match["message"], match["kind"] or ""))
        elif line.strip() and findings:
            last = findings[-1]
            findings[-1] = Finding(last.location, f"{last.message}\n{line}", last.kind)
    return tuple(findings)


def parse_overrides(definitions: list[str]) -> dict[str, str]:
    """``name=value`` strings (as ``sphinx-build -D`` takes them) as a mapping."""
    result: dict[str, str] = {}
    for definition in definitions:
        name, sep, value = definition.partition("=")
        if not sep or not name.strip():
            raise CheckError(f"-D expects name=value, not {definition!r}")
        result[name.strip()] = value
    return result


def run_check(
    srcdir: str | Path,
    overrides: Mapping[str, Any] | None = None,
    *,
    builder: str = "dummy",
    outdir: str | Path | None = None,
    coverage: bool = True,
    strict: bool = False,
    parallel: int = 1,
) -> CheckResult:
    """Build the project in *srcdir* from scratch with the checks on; never raises for a finding.

    *overrides* are configuration values (as ``-D``); unless they set ``tapssec_coverage``,
    every coverage part is on (none with ``coverage=False``).
    """
    confoverrides: dict[str, Any] = dict(overrides or {})
    confoverrides.setdefault("tapssec_coverage", list(COVERAGE_PARTS) if coverage else [])
    if isinstance(confoverrides["tapssec_coverage"], str):
        # ``-D tapssec_coverage=`` means no part, which Sphinx's own conversion would make [""].
        confoverrides["tapssec_coverage"] = [p for p in confoverrides["tapssec_coverage"].split(",") if p]
    srcdir = Path(srcdir).resolve()
    if not (srcdir / "conf.py").is_file():
        raise CheckError(f"{srcdir} has no conf.py")
    if outdir is not None:
        return _build(srcdir, Path(outdir).resolve(), confoverrides, builder, strict, parallel)
    with tempfile.TemporaryDirectory(prefix="tapssec-check-") as temporary:
        return _build(srcdir, Path(temporary), confoverrides, builder, strict, parallel)


def _build(
    srcdir: Path, outdir: Path, confoverrides: dict[str, Any], builder: str, strict: bool, parallel: int
) -> CheckResult:
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    status, warning = io.StringIO(), io.StringIO()
    # As sphinx-build does: roles, directives and nodes registered by this build are
    # forgotten afterwards, so several checks can run in one process (a test session).
    with patch_docutils(srcdir), docutils_namespace():
        return _run(srcdir, outdir, confoverrides, builder, strict, parallel, status, warning)


def _run(
    srcdir: Path,
    outdir: Path,
    confoverrides: dict[str, Any],
    builder: str,
    strict: bool,
    parallel: int,
    status: io.StringIO,
    warning: io.StringIO,
) -> CheckResult:
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError

    try:
        app = Sphinx(
            srcdir,
            srcdir,
            outdir / builder,
            outdir / ".doctrees",
            builder,
            confoverrides=confoverrides,
            status=status,
            warning=warning,
            freshenv=True,
            parallel=parallel,
        )
        if "sphinx_tapssec" not in app.extensions:
            raise CheckError(f"{srcdir / 'conf.py'} does not load the sphinx_tapssec extension")
        app.build(force_all=True)
    except SphinxError as error:
        raise CheckError(f"{type(error).__name__}: {error}") from error
    report_name = app.config.tapssec_coverage_report
    report = Path(app.outdir) / report_name if report_name else None
    report_text = report.read_text(encoding="utf-8") if report is not None and report.is_file() else ""
    claims = app.env.get_domain("tapssec").data.get("claims", {})
    made = tuple((docname, c.lineno, c.text) for docname in sorted(claims) for c in claims[docname])
    findings = parse_warnings(warning.getvalue())
    return CheckResult(findings, Path(app.outdir), strict, report_text, status.getvalue(), made)
