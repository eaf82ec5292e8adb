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
