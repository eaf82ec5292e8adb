"""The benchmark's ratios pair each extension build with the floor build made next to it."""

from __future__ import annotations

import pytest

from benchmarks._builds import Measurement, Sample
from benchmarks._report import Report


def _sample(*seconds: float) -> Sample:
    return Sample(tuple(Measurement(s, s, 100.0, 0.0, ()) for s in seconds))


def _report(floor: Sample, ext: Sample) -> Report:
    return Report(1000, 77, floor, ext, floor, ext, [], [], [])


def test_ratio_is_the_median_of_paired_runs_not_a_ratio_of_medians() -> None:
    # The machine's speed drifts between runs; two of three extension builds took 0.8x the
    # floor build made beside them, one (disturbed) took 1.2x.
    floor, ext = _sample(30, 40, 50), _sample(24, 48, 40)
    assert ext.seconds / floor.seconds == 1.0  # the medians, compared unpaired
    report = _report(floor, ext)
    assert report.ratio == pytest.approx(0.8)
    assert report.cpu_ratio == pytest.approx(0.8)


def test_parallel_saving_pairs_runs_too() -> None:
    serial, parallel = _sample(40, 50, 60), _sample(30, 60, 45)
    assert 1 - parallel.seconds / serial.seconds == pytest.approx(0.1)  # unpaired medians
    assert Report.saving(serial, parallel) == pytest.approx(0.25)


def test_issue_table_has_a_row_per_size_and_one_more_where_j2_was_measured() -> None:
    from benchmarks._report import issue_table

    report = _report(_sample(30), _sample(24))
    report.thin, report.ext_thin, report.needs = _sample(10, 12), _sample(15, 18), _sample(12, 12)
    report.thin_j2, report.ext_thin_j2 = _sample(8), _sample(10)
    lines = issue_table([report]).splitlines()
    assert lines[1].split() == ["N", "plain", "s", "extension", "s", "sphinx-needs", "s", "ext/plain", "ext/needs"]
    # Medians 11, 16.5 and 12; the ratios pair each run's builds (15/10 and 18/12: 1.5).
    assert lines[3].split() == ["1000", "11.00", "16.50", "12.00", "1.50", "1.38"]
    # No sphinx-needs build with -j 2: its cells say so.
    assert lines[4].split() == ["1000", "(-j", "2)", "8.00", "10.00", "-", "1.25", "-"]
