"""Profile one clean build of the synthetic extension project and print where the time goes.

``python -m benchmarks.profile 3000`` (or ``make profile``) generates the N = 3000 projects,
runs one clean HTML build of the extension project under cProfile in a child process, and
prints:

- the build's total profiled time, and the self time spent in the code of each package
  (sphinx_tapssec, docutils, sphinx, yaml, the rest) with its share: the extension's own cost
  is the first line;
- the functions of sphinx_tapssec with the most cumulative time (what to fix first).

cProfile slows Python code down unevenly, so the shares orient a fix; the harness
(``make bench``) measures its effect.
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks._builds import child_environment, default_python
from benchmarks.generate import generate

#: Packages whose self time is added up, in the order the table lists them; the rest is "other".
PACKAGES = ("sphinx_tapssec", "docutils", "sphinx", "yaml", "jinja2", "sphinx_design")


def package_of(filename: str) -> str:
    """The package a profiled function's file belongs to (``other`` for the standard library and built-ins)."""
    parts = Path(filename).parts
    for package in PACKAGES:
        if package in parts:
            return package
    return "other"


def profile_build(python: str, srcdir: Path, workdir: Path) -> pstats.Stats:
    """One clean ``-j 1`` HTML build of *srcdir* under cProfile; its statistics."""
    stats_file = workdir / "build.prof"
    command = [python, "-m", "cProfile", "-o", str(stats_file), "-m", "sphinx", "-b", "html", "-q", "-E"]
    command += ["-d", str(workdir / "doctrees"), str(srcdir), str(workdir / "html")]
    subprocess.run(command, check=True, env=child_environment())
    return pstats.Stats(str(stats_file))


def report(stats: pstats.Stats, top: int) -> str:
    """The per-package self times and the extension's heaviest functions, as plain-text tables."""
    entries = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tt, ct, callers)}
    self_time: dict[str, float] = defaultdict(float)
    ours: list[tuple[float, float, int, str]] = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in entries.items():
        package = package_of(filename)
        self_time[package] += tottime
        if package == "sphinx_tapssec":
            module = Path(filename).stem
            ours.append((cumtime, tottime, calls, f"{module}.{name}:{line}"))
    total = sum(self_time.values())
    lines = [f"profiled build: {total:.2f} s of self time", "", f"{'package':<16}{'self s':>9}{'share':>8}"]
    for package in (*PACKAGES, "other"):
        seconds = self_time.get(package, 0.0)
        lines.append(f"{package:<16}{seconds:>9.2f}{seconds / total:>8.1%}")
    lines += ["", f"sphinx_tapssec functions by cumulative time (top {top}):"]
    lines.append(f"{'cum s':>8}{'self s':>8}{'calls':>10}  function")
    for cumtime, tottime, calls, where in sorted(ours, reverse=True)[:top]:
        lines.append(f"{cumtime:>8.2f}{tottime:>8.2f}{calls:>10}  {where}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("protocols", type=int, help="number of protocols (N)")
    parser.add_argument("--python", default=default_python(), help="interpreter with Sphinx and sphinx_tapssec")
    parser.add_argument("--workdir", type=Path, help="where the projects go (default: a temporary directory)")
    parser.add_argument("--top", type=int, default=15, help="how many extension functions to list")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tapssec-profile-") as scratch:
        workdir = args.workdir or Path(scratch)
        root = workdir / f"n{args.protocols}"
        srcdir = generate(root, args.protocols, args.seed).ext_dir
        print(f"N={args.protocols}: profiling a clean build of {srcdir}", file=sys.stderr)
        stats = profile_build(args.python, srcdir, root / "profile")
        print(report(stats, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
