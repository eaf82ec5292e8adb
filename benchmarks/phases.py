"""Where a clean build spends its time, serial and parallel: ``python -m benchmarks.phases 1000``.

For the floor and the extension projects of N protocols (see :mod:`benchmarks.generate`), one
clean HTML build each with ``-j 1`` and ``-j 2``, and one more of the extension with ``-j 2``
and ``tapssec_pause_gc_in_parallel_writes = True`` (opt-in). For each: the whole build, its read and
write phases, and in the main process the time spent resolving pages, the number and time of
full garbage collections, and the peak memory of the main process and of its largest worker.

It explains the harness's ``-j 2`` numbers (``make bench``): in a parallel write Sphinx's main
process resolves every page while one writer translates them, so that process's resolve time
bounds the write phase. One run per build: compare rows of one run, not runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks._builds import child_environment, default_python
from benchmarks.generate import generate

PROBE = Path(__file__).with_name("_phase_probe.py")
COLUMNS = ("total", "read", "write", "resolve", "full_collections", "gc", "main_mb", "workers_mb")
HEADINGS = ("total s", "read s", "write s", "main resolve s", "main full GCs", "GC s", "main MB", "worker MB")


@dataclass(frozen=True)
class Variant:
    label: str
    project: str
    jobs: int
    overrides: tuple[str, ...] = ()


VARIANTS = (
    Variant("floor", "floor", 1),
    Variant("floor", "floor", 2),
    Variant("ext", "ext", 1),
    Variant("ext", "ext", 2),
    Variant("ext, collector paused", "ext", 2, ("-D", "tapssec_pause_gc_in_parallel_writes=1")),
)


def measure(python: str, srcdir: Path, outdir: Path, variant: Variant) -> dict[str, float]:
    """One clean build of *srcdir* under the probe; what it printed."""
    shutil.rmtree(outdir, ignore_errors=True)
    command = [python, str(PROBE), "-b", "html", "-q", "-W", "--keep-going", "-j", str(variant.jobs)]
    command += [*variant.overrides, "-d", str(outdir / "doctrees"), str(srcdir), str(outdir / "html")]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=child_environment())
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    if result["status"] != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-4000:]}")
    return result


def table(rows: list[tuple[Variant, dict[str, float]]]) -> str:
    """The measurements as a reStructuredText simple table."""
    header = ("build", "-j", *HEADINGS)
    cells: list[tuple[str, ...]] = [header]
    for variant, result in rows:
        values = [
            f"{result[c]:.0f}" if c in ("full_collections", "main_mb", "workers_mb") else f"{result[c]:.2f}"
            for c in COLUMNS
        ]
        cells.append((variant.label, str(variant.jobs), *values))
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    rule = "  ".join("=" * width for width in widths)
    lines = [rule]
    for index, row in enumerate(cells):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append(rule)
    return "\n".join([*lines, rule])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("protocols", type=int, help="number of protocols (N)")
    parser.add_argument("--python", default=default_python(), help="interpreter with Sphinx and sphinx_tapssec")
    parser.add_argument("--workdir", type=Path, help="where the projects go (default: a temporary directory)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tapssec-phases-") as scratch:
        root = (args.workdir or Path(scratch)) / f"n{args.protocols}"
        generated = generate(root, args.protocols, args.seed)
        sources = {"floor": generated.floor_dir, "ext": generated.ext_dir}
        rows = []
        for variant in VARIANTS:
            print(f"N={args.protocols}: {variant.label} -j {variant.jobs}", file=sys.stderr)
            rows.append((variant, measure(args.python, sources[variant.project], root / "phases", variant)))
        print(f"N={args.protocols}, one clean HTML build each\n")
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
