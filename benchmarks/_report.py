"""The benchmark's tables, as reStructuredText simple tables (readable in a terminal, pasteable into the docs)."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks._builds import SPHINX_12599, Measurement, Sample, our_differences

#: What issue #17 asks of a clean build: 0.9x the equal-content floor at every N.
RATIO_TARGET, RATIO_TARGET_LARGE, LARGE_N = 0.9, 0.9, 1000
#: And against the thin floor (the survey written by hand): no slower, and an edited protocol
#: rebuilt in 0.6x the time of the same edit by hand (its page and the matrix page).
THIN_TARGET, THIN_EDIT_TARGET = 1.0, 0.6
#: And against sphinx-needs (the same pages as needs and a needtable): no slower.
NEEDS_TARGET = 1.0
#: And of ``-j 2``: at least 25% faster than ``-j 1`` from N = 1000.
PARALLEL_SAVING_TARGET = 0.25


@dataclass
class Report:
    """Everything measured for one N."""

    n: int
    documents: int
    floor: Sample
    ext: Sample
    floor_j2: Sample
    ext_j2: Sample
    #: Files where the ``-j 2`` output differs from the ``-j 1`` output.
    parallel_differing: list[str]
    #: ``(edited file, incremental build, documents expected to be re-read, files differing from a clean build)``.
    incremental: list[tuple[str, Measurement, frozenset[str], list[str]]]
    #: Environment pickle bytes after the clean ``-j 2`` build and each incremental one.
    pickle_sizes: list[int]
    #: The thin floor and its extension counterpart (:mod:`benchmarks._thin`), clean builds.
    thin: Sample | None = None
    ext_thin: Sample | None = None
    #: The extension's ``-j 2`` build with the garbage-collector pause off.
    ext_j2_no_pause: Sample | None = None
    #: ``(thin floor, extension)`` incremental builds after one protocol's description was edited,
    #: then the same after it stopped exposing an interface (its page and the matrix, by hand).
    thin_edit: tuple[Measurement, ...] = ()
    #: The thin pages written with sphinx-needs (:mod:`benchmarks._needs`), clean builds.
    needs: Sample | None = None
    #: The thin floor's pages with compact entries (``secproto`` with ``:compact:``), clean builds.
    ext_compact: Sample | None = None
    #: As :attr:`thin_edit`, with the compact entries instead of the full ones.
    compact_edit: tuple[Measurement, ...] = ()
    #: The thin floor, the extension's thin pages and the sphinx-needs pages built with ``-j 2``.
    thin_j2: Sample | None = None
    ext_thin_j2: Sample | None = None
    needs_j2: Sample | None = None

    @property
    def samples(self) -> list[Sample]:
        """Every clean-build sample measured."""
        optional = (
            self.thin,
            self.ext_thin,
            self.ext_j2_no_pause,
            self.needs,
            self.ext_compact,
            self.thin_j2,
            self.ext_thin_j2,
            self.needs_j2,
        )
        return [self.floor, self.ext, self.floor_j2, self.ext_j2, *(s for s in optional if s is not None)]

    @property
    def ratio(self) -> float:
        """ext/floor wall time: the median over the runs of each run's pair of builds.

        The runs alternate floor and extension builds, so each pair saw the same machine;
        a shared machine's speed drifts by more than the difference measured, and a ratio of
        two medians taken minutes apart would show the drift.
        """
        return _paired(self.ext, self.floor, "seconds")

    @property
    def cpu_ratio(self) -> float:
        """ext/floor CPU time, paired like :attr:`ratio`."""
        return _paired(self.ext, self.floor, "cpu")

    @property
    def ratio_ok(self) -> bool:
        return self.ratio <= (RATIO_TARGET_LARGE if self.n >= LARGE_N else RATIO_TARGET)

    @staticmethod
    def saving(serial: Sample, parallel: Sample) -> float:
        """How much less time ``-j 2`` took than ``-j 1``, paired run by run like :attr:`ratio`."""
        return 1 - _paired(parallel, serial, "seconds")

    @property
    def pickle_growth(self) -> int:
        """The most the pickle gained between two incremental builds of the same sources.

        The builds alternate between two versions of the sources, so build *i* and build *i - 2*
        saw the same files. The clean build (index 0) is left out: objects merged from parallel
        workers share fewer strings than objects read in one process, so its pickle is smaller.
        """
        sizes = self.pickle_sizes
        return max((sizes[i] - sizes[i - 2] for i in range(3, len(sizes))), default=0)

    @property
    def ok(self) -> bool:
        """Whether the correctness guarantees hold (timing targets are shown, not enforced)."""
        incremental_ok = all(
            set(m.reread) == expected and not our_differences(diff) for _, m, expected, diff in self.incremental
        )
        return incremental_ok and not our_differences(self.parallel_differing) and self.pickle_growth <= 0


def _paired(numerator: Sample, denominator: Sample, field: str) -> float:
    """The median of ``numerator.runs[i].field / denominator.runs[i].field``."""
    pairs = zip(numerator.runs, denominator.runs, strict=True)
    return float(statistics.median(getattr(a, field) / getattr(b, field) for a, b in pairs))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A reST simple table."""
    body = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in body) for i in range(len(headers))]
    rule = "  ".join("=" * w for w in widths)

    def line(row: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()

    return "\n".join([rule, line(body[0]), rule, *(line(row) for row in body[1:]), rule])


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def _same(differing: list[str]) -> str:
    if our_differences(differing):
        return "NO"
    return "yes (*)" if differing else "yes"


def _marginal(reports: Sequence[Report], value: str) -> list[str]:
    """Milliseconds per protocol between consecutive N (the slope; constant when growth is linear)."""
    result = ["-"]
    for before, after in itertools.pairwise(reports):
        delta = getattr(after, value).seconds - getattr(before, value).seconds
        result.append(f"{delta / (after.n - before.n) * 1000:.1f}")
    return result


def issue_table(reports: Sequence[Report]) -> str:
    """The table issue #17 opens with: the survey by hand (the thin floor), with the extension and
    with sphinx-needs, clean builds with ``-j 1`` and, where measured, ``-j 2``."""
    rows = []
    for r in reports:
        builds = [("", r.thin, r.ext_thin, r.needs), (" (-j 2)", r.thin_j2, r.ext_thin_j2, r.needs_j2)]
        for label, plain, ext, needs in builds:
            if plain is None or ext is None:
                continue
            row = [f"{r.n}{label}", f"{plain.seconds:.2f}", f"{ext.seconds:.2f}"]
            row += [f"{needs.seconds:.2f}" if needs else "-", f"{_paired(ext, plain, 'seconds'):.2f}"]
            row += [f"{_paired(ext, needs, 'seconds'):.2f}" if needs else "-"]
            rows.append(row)
    return table(["N", "plain s", "extension s", "sphinx-needs s", "ext/plain", "ext/needs"], rows)


def clean_table(reports: Sequence[Report]) -> str:
    floor_slope, ext_slope = _marginal(reports, "floor"), _marginal(reports, "ext")
    rows = [
        [
            str(r.n),
            str(r.documents),
            f"{r.floor.seconds:.2f}",
            f"{r.ext.seconds:.2f}",
            f"{r.ratio:.2f}",
            f"{r.cpu_ratio:.2f}",
            _yes(r.ratio_ok),
            floor_slope[i],
            ext_slope[i],
            f"{r.floor.peak_mb:.0f}",
            f"{r.ext.peak_mb:.0f}",
        ]
        for i, r in enumerate(reports)
    ]
    headers = ["N", "docs", "floor s", "ext s", "ext/floor", "CPU ratio", "target", "floor ms/N", "ext ms/N"]
    headers += ["floor MB", "ext MB"]
    return table(headers, rows)


def parallel_table(reports: Sequence[Report]) -> str:
    rows = []
    for r in reports:
        ext_saving = Report.saving(r.ext, r.ext_j2)
        target = ext_saving >= PARALLEL_SAVING_TARGET if r.n >= LARGE_N else True
        rows.append(
            [
                str(r.n),
                f"{r.floor.seconds:.2f}",
                f"{r.floor_j2.seconds:.2f}",
                f"{Report.saving(r.floor, r.floor_j2):.0%}",
                f"{r.ext.seconds:.2f}",
                f"{r.ext_j2.seconds:.2f}",
                f"{ext_saving:.0%}",
                _yes(target),
                _same(r.parallel_differing),
                f"{r.ext_j2.peak_mb:.0f}",
                *_no_pause(r),
                f"{max(m.foreign for s in r.samples for m in s.runs):.2f}",
            ]
        )
    headers = ["N", "floor -j1", "floor -j2", "saved", "ext -j1", "ext -j2", "saved", "target", "identical", "ext MB"]
    headers += ["no pause -j2", "saved", "MB", "other CPUs"]
    return table(headers, rows)


def _no_pause(r: Report) -> list[str]:
    """The extension's -j 2 build with the collector running: seconds, saving against -j 1, peak memory."""
    if r.ext_j2_no_pause is None:
        return ["-", "-", "-"]
    sample = r.ext_j2_no_pause
    return [f"{sample.seconds:.2f}", f"{Report.saving(r.ext, sample):.0%}", f"{sample.peak_mb:.0f}"]


def _edit_cells(edit: Sequence[Measurement]) -> list[str]:
    """By hand, with the extension, their ratio and the target, for one ``(thin, extension)`` edit."""
    ratio = edit[1].seconds / edit[0].seconds
    return [f"{edit[0].seconds:.2f}", f"{edit[1].seconds:.2f}", f"{ratio:.2f}", _yes(ratio <= THIN_EDIT_TARGET)]


def _thin_rows(reports: Sequence[Report], compact: bool) -> list[list[str]]:
    """The thin table's rows: the full entries' project, or the compact entries' one."""
    rows = []
    for r in reports:
        ext, edits = (r.ext_compact, r.compact_edit) if compact else (r.ext_thin, r.thin_edit)
        if r.thin is None or ext is None or len(edits) != 4:
            continue
        ratio = _paired(ext, r.thin, "seconds")
        rows.append(
            [
                str(r.n),
                f"{r.thin.seconds:.2f}",
                f"{ext.seconds:.2f}",
                f"{ratio:.2f}",
                f"{_paired(ext, r.thin, 'cpu'):.2f}",
                _yes(ratio <= THIN_TARGET),
                f"{r.thin.peak_mb:.0f}",
                f"{ext.peak_mb:.0f}",
                *_edit_cells(edits[:2]),
                *_edit_cells(edits[2:]),
            ]
        )
    return rows


def _thin_headers(ext: str) -> list[str]:
    clean = ["N", "thin s", f"{ext} s", f"{ext}/thin", "CPU ratio", "target", "thin MB", f"{ext} MB"]
    edits = [[f"{edit}: thin s", f"{ext} s", f"{ext}/thin", "target"] for edit in ("description", "exposure")]
    return clean + edits[0] + edits[1]


def thin_table(reports: Sequence[Report]) -> str:
    return table(_thin_headers("ext"), _thin_rows(reports, compact=False))


def compact_table(reports: Sequence[Report]) -> str:
    return table(_thin_headers("compact"), _thin_rows(reports, compact=True))


def needs_table(reports: Sequence[Report]) -> str:
    """The extension's thin projects (full and compact entries) against the same pages with sphinx-needs
    (clean builds, -j 1)."""
    rows = []
    for r in reports:
        if r.needs is None or r.ext_thin is None:
            continue
        row = [str(r.n), f"{r.needs.seconds:.2f}"]
        for ext in (r.ext_thin, r.ext_compact):
            if ext is None:
                row += ["-"] * 4
                continue
            ratio = _paired(ext, r.needs, "seconds")
            row += [
                f"{ext.seconds:.2f}",
                f"{ratio:.2f}",
                f"{_paired(ext, r.needs, 'cpu'):.2f}",
                _yes(ratio <= NEEDS_TARGET),
            ]
        row += [f"{r.needs.peak_mb:.0f}", f"{r.ext_thin.peak_mb:.0f}"]
        row += [f"{r.ext_compact.peak_mb:.0f}" if r.ext_compact is not None else "-"]
        rows.append(row)
    headers = ["N", "needs s", "ext s", "ext/needs", "CPU ratio", "target"]
    headers += ["compact s", "compact/needs", "CPU ratio", "target", "needs MB", "ext MB", "compact MB"]
    return table(headers, rows)


def incremental_table(reports: Sequence[Report]) -> str:
    rows = [
        [
            str(r.n),
            label,
            f"{m.seconds:.2f}",
            f"{len(m.reread)} of {r.documents}",
            str(len(expected)),
            _yes(set(m.reread) == expected),
            _same(diff),
        ]
        for r in reports
        for label, m, expected, diff in r.incremental
    ]
    return table(["N", "edited file", "ext s", "re-read", "expected", "exact", "= clean build"], rows)


def pickle_table(reports: Sequence[Report]) -> str:
    rows = [
        [str(r.n), " ".join(f"{size / 1024:.0f}" for size in r.pickle_sizes), f"{r.pickle_growth:+d}"] for r in reports
    ]
    return table(["N", "environment.pickle KiB: clean -j 2, then each incremental -j 2", "growth (bytes)"], rows)


def abbreviate(docnames: Iterable[str]) -> str:
    """Docnames, with runs of more than three in one folder shown as ``folder/* (count)``."""
    by_folder: dict[str, list[str]] = {}
    for name in sorted(docnames):
        by_folder.setdefault(name.rpartition("/")[0], []).append(name)
    parts = []
    for folder, names in by_folder.items():
        parts += [f"{folder}/* ({len(names)})"] if len(names) > 3 and folder else names
    return ", ".join(f"``{part}``" for part in parts) or "(none)"


def details(reports: Sequence[Report]) -> str:
    lines = []
    for r in reports:
        for label, m, expected, diff in r.incremental:
            lines.append(f"* N={r.n}, {label}: re-read {abbreviate(m.reread)}")
            if set(m.reread) != expected:
                lines.append(f"  (expected {abbreviate(expected)})")
            if our_differences(diff):
                lines.append(f"  (differs from a clean build: {abbreviate(our_differences(diff))})")
        if our_differences(r.parallel_differing):
            lines.append(f"* N={r.n}: -j 2 output differs from -j 1 in {abbreviate(r.parallel_differing)}")
    if any(SPHINX_12599 in diff for r in reports for *_, diff in r.incremental):
        lines += [
            "",
            "(*) Only the ``indexentries`` of ``searchindex.js`` differ: an HTML build that writes some",
            "pages keeps the index entries of those pages alone, in any project with index entries",
            "(sphinx-doc/sphinx#12599, open).",
        ]
    return "\n".join(lines)


def render(reports: Sequence[Report], environment: str) -> str:
    sections = [
        (
            "Issue #17's table: the survey written by hand (the thin floor: plain), with the extension's full"
            " entries and with sphinx-needs; clean HTML builds, median seconds",
            issue_table,
        ),
        ("Clean HTML build (median seconds, peak RSS MB; ms/N is the slope from the previous N)", clean_table),
        (
            "Thin floor (written by hand: 50 protocols a page, one list-table) against the same pages with the"
            " extension; clean builds, then one protocol edited: its description (by hand: its page), then the"
            " interfaces it exposes (by hand: its page and the matrix page)",
            thin_table,
        ),
        (
            "The same with compact entries (secproto with :compact:, which shows the facts the thin floor writes:"
            " category, exposed interfaces, transports, references, description)",
            compact_table,
        ),
        (
            "sphinx-needs (the thin pages as needs, one needtable) against the extension's thin pages, full and"
            " compact entries; clean builds",
            needs_table,
        ),
        ("Parallel build: -j 2 against -j 1 (clean builds; identical: the same bytes in every file)", parallel_table),
        (
            "Incremental build after one edit (extension, -j 1), against a clean build of the same sources",
            incremental_table,
        ),
        ("Environment pickle across repeated incremental -j 2 builds", pickle_table),
    ]
    out = [environment, ""]
    for heading, make in sections:
        out += [heading, "", make(reports), ""]
    out += ["Documents re-read", "", details(reports)]
    return "\n".join(out)
