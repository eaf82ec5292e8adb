"""The phase-timing benchmark (``make phases``) runs and reports every build's phases (a smoke run at N = 12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmarks import phases

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_phases_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert phases.main(["12", "--workdir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if line[:1].isalpha() and not line.startswith(("N=", "build"))]
    assert [row[:-9] for row in rows] == [["floor"], ["floor"], ["ext"], ["ext"], ["ext,", "collector", "paused"]]
    for row in rows:
        jobs, total, read, write, resolve = int(row[-9]), *map(float, row[-8:-4])
        assert jobs in (1, 2)
        # Each phase took some time, and no more than the whole build.
        assert 0 < read < total and 0 < write < total and 0 < resolve <= write
