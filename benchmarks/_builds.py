"""Run Sphinx builds in child processes and measure them: wall time, peak memory, re-read documents."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: Runs one command and reports its wall time, and the CPU time and peak RSS of it and its
#: children (the ``-j`` workers), measured in a fresh process so that earlier builds do not count.
_DRIVER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
                  "rc": done.returncode, "log": done.stderr[-4000:]}))
"""


class BuildFailedError(RuntimeError):
    """A benchmark build exited non-zero or warned (builds run with ``-W``)."""


@dataclass(frozen=True, slots=True)
class Measurement:
    seconds: float
    #: User and system CPU seconds of the build and its workers (steadier than wall time on a busy machine).
    cpu: float
    peak_mb: float
    #: CPUs that other processes kept busy during the build, on average (from /proc/stat; 0 elsewhere).
    foreign: float
    #: The docnames the build read, in order (from the project's ``env-before-read-docs`` recorder).
    reread: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sample:
    """Several runs of one build: the median time and the largest peak memory."""

    runs: tuple[Measurement, ...]

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)


@dataclass(frozen=True, slots=True)
class Project:
    """A Sphinx project and where its HTML output and doctrees go."""

    srcdir: Path
    outdir: Path

    @property
    def doctrees(self) -> Path:
        return self.outdir / ".doctrees"

    @property
    def html(self) -> Path:
        return self.outdir / "html"

    @property
    def pickle_bytes(self) -> int:
        return (self.doctrees / "environment.pickle").stat().st_size

    def clean(self) -> None:
        shutil.rmtree(self.outdir, ignore_errors=True)


#: Where the build processes keep the bytecode of what they import (a directory of the benchmark's own).
PYCACHE = Path(__file__).parent / "_build" / "pycache"


def child_environment(**extra: str) -> dict[str, str]:
    """The environment of a measured process: Python's bytecode cache on, as a user's is.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on some CI machines), every build would compile
    the extension's modules from source, about 60 ms that no user with an installed package
    pays, while Sphinx's installed modules come with their bytecode: the small-N ratios would
    show the machine, not the extension. The cache goes to :data:`PYCACHE`, outside the sources.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(PYCACHE), **extra}


def build(python: str, project: Project, jobs: int = 1, options: tuple[str, ...] = ()) -> Measurement:
    """One HTML build (incremental unless the output was cleaned first); *options* go to sphinx-build."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt", encoding="utf-8") as record:
        command = [python, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-j", str(jobs)]
        command += [*options, "-d", str(project.doctrees), str(project.srcdir), str(project.html)]
        env = child_environment(TAPSSEC_BENCH_REREAD=record.name)
        busy_before = _busy_seconds()
        done = subprocess.run([python, "-c", _DRIVER, *command], capture_output=True, text=True, env=env, check=True)
        result = json.loads(done.stdout)
        foreign = max(0.0, (_busy_seconds() - busy_before - result["cpu"]) / result["seconds"])
        if result["rc"] != 0:
            raise BuildFailedError(f"{' '.join(command)} failed:\n{result['log']}")
        reread = tuple(line for line in Path(record.name).read_text(encoding="utf-8").splitlines() if line)
    return Measurement(result["seconds"], result["cpu"], result["peak_kb"] / 1024, foreign, reread)


def _busy_seconds() -> float:
    """CPU seconds all processes have used since boot (Linux), so that competing work shows; 0 elsewhere."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    # user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
    ticks = [int(value) for value in fields]
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def clean_builds(python: str, project: Project, runs: int, jobs: int = 1, options: tuple[str, ...] = ()) -> Sample:
    """*runs* clean builds; the output of the last one stays."""
    measurements = []
    for _ in range(runs):
        project.clean()
        measurements.append(build(python, project, jobs, options))
    return Sample(tuple(measurements))


#: How :func:`differing_files` names a difference that Sphinx itself makes: an HTML build that
#: writes only some pages keeps the index entries of those pages alone in ``searchindex.js``
#: (https://github.com/sphinx-doc/sphinx/issues/12599, open); any project with index entries,
#: such as those of object descriptions, shows it.
SPHINX_12599 = "searchindex.js (indexentries only: sphinx-doc/sphinx#12599)"


def _search_index(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return data


def _only_index_entries_differ(left: Path, right: Path) -> bool:
    ours, theirs = _search_index(left), _search_index(right)
    ours.pop("indexentries", None)
    theirs.pop("indexentries", None)
    return ours == theirs


def differing_files(left: Path, right: Path) -> list[str]:
    """Files (relative paths) whose bytes differ between two output trees, or exist in one only."""
    result: list[str] = []
    left_files = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    result += [str(p) for p in sorted(left_files ^ right_files)]
    for path in sorted(left_files & right_files):
        if filecmp.cmp(left / path, right / path, shallow=False):
            continue
        if str(path) == "searchindex.js" and _only_index_entries_differ(left / path, right / path):
            result.append(SPHINX_12599)
        else:
            result.append(str(path))
    return result


def our_differences(differing: list[str]) -> list[str]:
    """*differing* without the difference Sphinx makes on its own (:data:`SPHINX_12599`)."""
    return [name for name in differing if name != SPHINX_12599]


def default_python() -> str:
    return sys.executable
