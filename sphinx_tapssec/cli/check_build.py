"""Build a Sphinx project with every tapssec check on and collect what it reports.

Shared by ``tapssec check`` and :mod:`sphinx_tapssec.testing`. The CLI imports this module
only when a check runs, so its other commands stay Sphinx-free.
"""

from __future__ import annotations

import copy
import io
import logging
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx.util.logging import (
    NAMESPACE,
    OnceFilter,
    SafeEncodingWriter,
    WarningLogRecordTranslator,
    WarningStreamHandler,
)

from sphinx_tapssec.sphinxext.build_stop import STRICT_STOP, BuildStopped
from sphinx_tapssec.sphinxext.config import COVERAGE_PARTS


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


class _Recorder(WarningStreamHandler):
    """Keeps each warning of a build as a :class:`Finding`, read from the log record's own fields.

    The record's ``type`` and ``subtype`` decide what fails a check, never the text Sphinx
    prints, which ``show_warning_types``, colours or ``-q`` change. Being a
    :class:`~sphinx.util.logging.WarningStreamHandler`, it is set aside and put back with
    Sphinx's own while warnings are held back (``pending_warnings``), so it sees each once;
    warnings of parallel readers reach it when the main process replays them.
    """

    def __init__(self) -> None:
        super().__init__(SafeEncodingWriter(io.StringIO()))  # never written to: emit() keeps records instead
        #: The application whose documents the locations name (set by :class:`_CheckingSphinx`).
        self.app: Sphinx | None = None
        self.findings: list[Finding] = []
        self.setLevel(logging.WARNING)
        self.addFilter(OnceFilter())

    def emit(self, record: logging.LogRecord) -> None:
        kind = ".".join(part for part in (getattr(record, "type", None), getattr(record, "subtype", None)) if part)
        message = logging.LogRecord.getMessage(record)
        # Sphinx's own handler may have run first and appended " [type.subtype]" to the record.
        message = message.removesuffix(f" [{kind}]") if kind else message
        self.findings.append(Finding(self._location(record), message, kind))

    def _location(self, record: logging.LogRecord) -> str:
        """``path:line`` as Sphinx would print it, translated on a copy so the record stays as it is."""
        translated = copy.copy(record)
        WarningLogRecordTranslator(self.app).filter(translated)  # type: ignore[arg-type]  # set before any record
        return str(getattr(translated, "location", None) or "")


class _CheckingSphinx(Sphinx):
    """A Sphinx application whose warnings *recorder* keeps from the very start.

    Sphinx sets up its logging handlers at the start of ``__init__``, which also reads the
    catalog (``builder-inited``); the first extension set-up comes between the two, so that is
    where the recorder joins them.
    """

    def __init__(self, recorder: _Recorder, *args: Any, **kwargs: Any) -> None:
        self.recorder = recorder
        recorder.app = self
        super().__init__(*args, **kwargs)

    def setup_extension(self, extname: str) -> None:
        sphinx_logger = logging.getLogger(NAMESPACE)
        if self.recorder not in sphinx_logger.handlers:
            sphinx_logger.addHandler(self.recorder)
        super().setup_extension(extname)


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
    bundled_coverage: bool = False,
    strict: bool = False,
    parallel: int = 1,
) -> CheckResult:
    """Build the project in *srcdir* from scratch with the checks on; never raises for a finding.

    *overrides* are configuration values (as ``-D``); unless they set ``tapssec_coverage``,
    every coverage part is on (none with ``coverage=False``). Records of the bundled survey
    catalog are covered only with *bundled_coverage* (or ``tapssec_coverage_bundled``).
    """
    confoverrides: dict[str, Any] = dict(overrides or {})
    confoverrides.setdefault("tapssec_coverage", list(COVERAGE_PARTS) if coverage else [])
    if isinstance(confoverrides["tapssec_coverage"], str):
        # ``-D tapssec_coverage=`` means no part, which Sphinx's own conversion would make [""].
        confoverrides["tapssec_coverage"] = [p for p in confoverrides["tapssec_coverage"].split(",") if p]
    if bundled_coverage:
        confoverrides["tapssec_coverage_bundled"] = True
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
    recorder, status = _Recorder(), io.StringIO()
    try:
        app = _app(recorder, srcdir, outdir, confoverrides, builder, parallel, status)
    except BuildStopped as stopped:
        if stopped.what != STRICT_STOP:
            raise CheckError("\n".join([*stopped.problems, str(stopped)])) from None
        # The project's strict mode stopped at its catalog's problems, which were recorded.
        return CheckResult(tuple(recorder.findings), outdir, strict, "", status.getvalue())
    finally:
        logging.getLogger(NAMESPACE).removeHandler(recorder)
    report_name = app.config.tapssec_coverage_report
    report = Path(app.outdir) / report_name if report_name else None
    report_text = report.read_text(encoding="utf-8") if report is not None and report.is_file() else ""
    claims = app.env.get_domain("tapssec").data.get("claims", {})
    made = tuple((docname, c.lineno, c.text) for docname in sorted(claims) for c in claims[docname])
    return CheckResult(tuple(recorder.findings), Path(app.outdir), strict, report_text, status.getvalue(), made)


def _app(
    recorder: _Recorder,
    srcdir: Path,
    outdir: Path,
    confoverrides: dict[str, Any],
    builder: str,
    parallel: int,
    status: io.StringIO,
) -> Sphinx:
    """The application of the check, once it has built the project."""
    # As sphinx-build does: roles, directives and nodes registered by this build are
    # forgotten afterwards, so several checks can run in one process (a test session).
    with patch_docutils(srcdir), docutils_namespace():
        try:
            app = _CheckingSphinx(
                recorder,
                srcdir,
                srcdir,
                outdir / builder,
                outdir / ".doctrees",
                builder,
                confoverrides=confoverrides,
                status=status,
                warning=io.StringIO(),
                freshenv=True,
                parallel=parallel,
            )
            if "sphinx_tapssec" not in app.extensions:
                raise CheckError(f"{srcdir / 'conf.py'} does not load the sphinx_tapssec extension")
            app.build(force_all=True)
        except SphinxError as error:
            raise CheckError(f"{type(error).__name__}: {error}") from error
    return app
