"""Time sphinx-tapssec against the plain reST floor and print the results as tables (``make bench``).

For each N (protocols; 13 interfaces): clean HTML builds of the floor and of the extension
project (median of several runs, peak RSS), their ratio, and the same with ``-j 2`` (with the
extension's garbage-collector pause on and off), checking that ``-j 2`` writes the same bytes
as ``-j 1``; the thin floor (the survey as written by hand) against the same pages with the
extension, clean and after editing one protocol; incremental builds after editing one protocol
file, the interfaces file and a file no page uses, with the documents each re-read, whether
that is exactly the set of documents showing the edited data, and whether the output then
equals a clean build; the size of the pickled environment over repeated incremental ``-j 2``
builds. Progress goes to stderr, the tables (reStructuredText) to stdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks._builds import (
    Measurement,
    Project,
    Sample,
    build,
    child_environment,
    clean_builds,
    default_python,
    differing_files,
)
from benchmarks._catalog import protocol_yaml
from benchmarks._report import Report, render
from benchmarks._thin import FileEdit, exposure_edits, thin_page_of
from benchmarks.generate import Generated, generate

SIZES = (12, 100, 1000, 3000)
QUICK_SIZES = (12,)
DEFAULT_WORKDIR = Path(__file__).parent / "_build"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Edit:
    """A sentence added to the text of one key of a catalog file, and taken out again.

    The key's first occurrence gets it: as the first line of a block scalar (``key: |``), or at
    the end of a one-line value, whichever the catalog export wrote.
    """

    label: str
    path: Path
    #: The documents that show the edited data: what an incremental build must re-read.
    expected: frozenset[str]
    #: The YAML key whose text changes (``description``).
    key: str
    sentence: str = "This sentence was added by the benchmark."
    #: The rewrite of the file while the edit is applied (it puts the file back).
    _applied: FileEdit | None = None

    def apply(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        match = re.search(rf"^[ -]*{re.escape(self.key)}: ?(.*)$", text, flags=re.MULTILINE)
        assert match is not None, (self.key, self.path)
        value, end = match.group(1), match.end()
        if value.startswith(("|", ">")):
            # A block scalar: a new first line, indented as the block's lines are.
            indent = re.match(r"\n( +)", text[end:])
            assert indent is not None, (self.key, self.path)
            edited = f"{text[:end]}\n{indent.group(1)}{self.sentence}{text[end:]}"
        else:
            assert value and value[0] not in "'\"", f"{self.key} in {self.path} is quoted: {value!r}"
            edited = f"{text[:end]} {self.sentence}{text[end:]}"
        self._applied = FileEdit(self.path, edited)
        self._applied.apply()

    def revert(self) -> None:
        assert self._applied is not None, f"{self.label}: reverted before it was applied"
        self._applied.revert()
        self._applied = None


def edits(generated: Generated) -> list[Edit]:
    """Edit one protocol (in the table, from the middle of the catalog), the interfaces, an unused file."""
    protocols = generated.catalog.protocols
    # One whose description spans lines, as most do: the edit of a one-line value is tested too (survey.yaml).
    protocol = next(p for p in protocols[len(protocols) // 2 :] + protocols if p.in_table and "\n" in p.description)
    layout, catalog_dir = generated.layout, generated.catalog_dir
    return [
        Edit(
            f"protocol {protocol.id}",
            catalog_dir / "protocols" / f"{protocol.id}.yaml",
            # The edit adds a sentence to the description, which no matrix shows.
            frozenset(layout.showing_prose(protocol)),
            "description",
        ),
        Edit("interfaces.yaml", catalog_dir / "interfaces.yaml", frozenset(layout.showing_interfaces()), "definition"),
        Edit("survey.yaml (unused)", catalog_dir / "survey.yaml", frozenset(), "abstract"),
    ]


@dataclass
class Incremental:
    edit: Edit
    build: Measurement
    #: Files that differ from a clean build of the same sources.
    differing: list[str]


def _incremental(python: str, generated: Generated, project: Project) -> list[Incremental]:
    """Apply each edit in turn to *project*'s sources, rebuild incrementally and compare with a clean build."""
    reference = Project(generated.ext_dir, generated.root / "out-reference")
    results = []
    applied = edits(generated)
    for edit in applied:
        edit.apply()
        measurement = build(python, project)
        log(f"  incremental after editing {edit.label}: {measurement.seconds:.2f} s, {len(measurement.reread)} re-read")
        reference.clean()
        build(python, reference, jobs=2)
        results.append(Incremental(edit, measurement, differing_files(project.html, reference.html)))
    for edit in applied:
        edit.revert()
    return results


def _pickle_sizes(python: str, generated: Generated, project: Project, cycles: int) -> list[int]:
    """The environment pickle after a clean ``-j 2`` build and after each of *cycles* incremental ones.

    Each cycle edits or un-edits one protocol, so after an even number of cycles the sources are
    those of the clean build again.
    """
    edit = edits(generated)[0]
    sizes = [project.pickle_bytes]
    for cycle in range(cycles):
        if cycle % 2 == 0:
            edit.apply()
        else:
            edit.revert()
        build(python, project, jobs=2)
        sizes.append(project.pickle_bytes)
    if cycles % 2:
        edit.revert()
    return sizes


#: sphinx-build options of the -j 2 extension build with the collector running (the pause off).
NO_PAUSE = ("-D", "tapssec_pause_gc_in_parallel_writes=0")
#: And with the pause on: it is an opt-in, so the -j 2 build asks for it (issue #15 turned it off by default).
PAUSE = ("-D", "tapssec_pause_gc_in_parallel_writes=1")


def _timed_edit(python: str, project: Project, edits: Sequence[Edit | FileEdit]) -> Measurement:
    """The incremental build of *project* after *edits*, which are reverted afterwards."""
    for edit in edits:
        edit.apply()
    try:
        return build(python, project)
    finally:
        for edit in edits:
            edit.revert()


def _thin_incremental(
    python: str, generated: Generated, thin: Project, ext_thin: Project, compact: Project
) -> tuple[tuple[Measurement, ...], tuple[Measurement, ...]]:
    """One protocol edited in the thin pair, two ways, each the same edit by hand and in its YAML file.

    Its description (by hand: its section; the extension: its file), then the interfaces it
    exposes (by hand: its section's field list and its row of the matrix page; the extension:
    its file). Returns ``(thin, extension)`` for the first, then for the second, and the same with
    the compact entries (the thin floor's builds are the same ones).
    """
    edit = edits(generated)[0]
    protocol = next(p for p in generated.catalog.protocols if edit.path.stem == p.id)
    first = " ".join(protocol.description.split("\n\n")[0].split())
    page = generated.thin_dir / f"{thin_page_of(generated.catalog, protocol.id)}.rst"
    text = page.read_text(encoding="utf-8")
    by_hand = FileEdit(page, text.replace(first, f"{first} {edit.sentence}", 1))
    description = [_timed_edit(python, project, [edit]) for project in (ext_thin, compact)]
    floor_description = _timed_edit(python, thin, [by_hand])
    log(
        f"  thin pair, a description edited: floor {floor_description.seconds:.2f} s, extension "
        f"{description[0].seconds:.2f} s, compact {description[1].seconds:.2f} s"
    )
    fewer = replace(protocol, exposes=protocol.exposes[1:])
    in_yaml = FileEdit(edit.path, protocol_yaml(fewer))
    exposure = [_timed_edit(python, project, [in_yaml]) for project in (ext_thin, compact)]
    floor_exposure = _timed_edit(python, thin, exposure_edits(generated.catalog, generated.thin_dir, protocol))
    log(
        f"  thin pair, an exposure removed: floor {floor_exposure.seconds:.2f} s, extension "
        f"{exposure[0].seconds:.2f} s, compact {exposure[1].seconds:.2f} s"
    )
    return (
        (floor_description, description[0], floor_exposure, exposure[0]),
        (floor_description, description[1], floor_exposure, exposure[1]),
    )


def has_needs(python: str) -> bool:
    """Whether *python* can build the sphinx-needs project (``pip install sphinx-needs``)."""
    return subprocess.run([python, "-c", "import sphinx_needs"], capture_output=True).returncode == 0


def _clean_samples(python: str, generated: Generated, args: argparse.Namespace) -> dict[str, list[Measurement]]:
    """Clean builds of every project, alternating within each run so that each run's pairs saw the same machine."""
    root = generated.root
    builds = {
        "floor": (Project(generated.floor_dir, root / "out-floor"), 1, ()),
        "ext": (Project(generated.ext_dir, root / "out-ext"), 1, ()),
        "thin": (Project(generated.thin_dir, root / "out-thin"), 1, ()),
        "ext_thin": (Project(generated.ext_thin_dir, root / "out-ext-thin"), 1, ()),
        "ext_compact": (Project(generated.ext_compact_dir, root / "out-ext-compact"), 1, ()),
        "floor2": (Project(generated.floor_dir, root / "out-floor-j2"), 2, ()),
        "ext2": (Project(generated.ext_dir, root / "out-ext-j2"), 2, PAUSE),
        "ext2_no_pause": (Project(generated.ext_dir, root / "out-ext-j2-no-pause"), 2, NO_PAUSE),
    }
    builds["thin2"] = (Project(generated.thin_dir, root / "out-thin-j2"), 2, ())
    builds["ext_thin2"] = (Project(generated.ext_thin_dir, root / "out-ext-thin-j2"), 2, ())
    if args.needs:
        builds["needs"] = (Project(generated.needs_dir, root / "out-needs"), 1, ())
        builds["needs2"] = (Project(generated.needs_dir, root / "out-needs-j2"), 2, ())
    samples: dict[str, list[Measurement]] = {name: [] for name in builds}
    for run in range(args.runs):
        for name, (project, jobs, options) in builds.items():
            samples[name] += clean_builds(python, project, 1, jobs, options).runs
            log(f"  run {run + 1}/{args.runs} {name}: {samples[name][-1].seconds:.2f} s")
    return samples


def bench_size(python: str, n: int, args: argparse.Namespace) -> Report:
    generated = generate(args.workdir / f"n{n}", n, args.seed)
    root = generated.root
    ext, ext2 = Project(generated.ext_dir, root / "out-ext"), Project(generated.ext_dir, root / "out-ext-j2")
    log(f"N={n}: {len(generated.layout.docnames())} documents in {root}")
    samples = _clean_samples(python, generated, args)
    thin_edit, compact_edit = _thin_incremental(
        python,
        generated,
        Project(generated.thin_dir, root / "out-thin"),
        Project(generated.ext_thin_dir, root / "out-ext-thin"),
        Project(generated.ext_compact_dir, root / "out-ext-compact"),
    )
    parallel_diff = differing_files(ext.html, ext2.html)
    sizes = _pickle_sizes(python, generated, ext2, args.cycles)
    log(f"  environment pickle over incremental -j 2 builds: {sizes}")
    incremental = _incremental(python, generated, ext)
    return Report(
        n=n,
        documents=len(generated.layout.docnames()),
        floor=Sample(tuple(samples["floor"])),
        ext=Sample(tuple(samples["ext"])),
        floor_j2=Sample(tuple(samples["floor2"])),
        ext_j2=Sample(tuple(samples["ext2"])),
        parallel_differing=parallel_diff,
        incremental=[(i.edit.label, i.build, i.edit.expected, i.differing) for i in incremental],
        pickle_sizes=sizes,
        thin=Sample(tuple(samples["thin"])),
        ext_thin=Sample(tuple(samples["ext_thin"])),
        ext_j2_no_pause=Sample(tuple(samples["ext2_no_pause"])),
        thin_edit=thin_edit,
        ext_compact=Sample(tuple(samples["ext_compact"])),
        compact_edit=compact_edit,
        needs=Sample(tuple(samples["needs"])) if args.needs else None,
        thin_j2=Sample(tuple(samples["thin2"])),
        ext_thin_j2=Sample(tuple(samples["ext_thin2"])),
        needs_j2=Sample(tuple(samples["needs2"])) if args.needs else None,
    )


#: Prints the CPU milliseconds of ``import sphinx_tapssec`` and its ``setup()`` on a minimal app, once
#: Sphinx and its HTML builder are imported (their cost is every project's, not the extension's).
_FIXED_COST = """
import io, pathlib, tempfile, time
import sphinx.application, sphinx.builders.html
with tempfile.TemporaryDirectory() as name:
    root = pathlib.Path(name)
    (root / "conf.py").write_text("", encoding="utf-8")
    quiet = {"status": io.StringIO(), "warning": io.StringIO()}
    app = sphinx.application.Sphinx(root, root, root / "_b", root / "_b/.d", "html", **quiet)
    start = time.process_time()
    app.setup_extension("sphinx_tapssec")
    print((time.process_time() - start) * 1000)
"""


def fixed_cost_ms(python: str, runs: int = 5) -> float:
    """The median CPU time of importing the extension and running its ``setup()``, each in a fresh process.

    A first run, not counted, writes the bytecode cache the others read (see :func:`child_environment`).
    """
    env = child_environment()
    times = [
        float(subprocess.run([python, "-c", _FIXED_COST], capture_output=True, text=True, check=True, env=env).stdout)
        for _ in range(runs + 1)
    ]
    return statistics.median(times[1:])


def _sphinx_version(python: str) -> str:
    code = "import sphinx, docutils; print(sphinx.__version__, docutils.__version__)"
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(" ", "").split(",") if part)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, help=f"comma-separated N (default {','.join(map(str, SIZES))})")
    parser.add_argument("--runs", type=int, help="clean builds per project and N; the median counts (default 3)")
    parser.add_argument("--cycles", type=int, help="incremental -j 2 builds for the pickle check (default 4)")
    parser.add_argument("--quick", action="store_true", help="smoke run: N=12 (unless --sizes), one run, 3 cycles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--python", default=default_python(), help="interpreter with Sphinx and sphinx_tapssec")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    args.runs = args.runs or (1 if args.quick else 3)
    args.cycles = args.cycles if args.cycles is not None else (3 if args.quick else 4)
    args.workdir = args.workdir.resolve()
    if os.sep in args.python:
        # Absolute, not resolved: a virtual environment's python is a symlink that must stay one.
        args.python = str(Path(args.python).absolute())
    sphinx, docutils = _sphinx_version(args.python).split()
    args.needs = has_needs(args.python)
    if not args.needs:
        log("sphinx-needs is not installed in the build interpreter: its comparison is left out")
    fixed = fixed_cost_ms(args.python)
    log(f"import and setup() of sphinx_tapssec: {fixed:.0f} ms of CPU (median of 5)")
    reports = [bench_size(args.python, n, args) for n in args.sizes]
    python = subprocess.run(
        [args.python, "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True
    ).stdout.strip()
    foreign = [m.foreign for r in reports for s in r.samples for m in s.runs]
    environment = (
        f"Python {python}, Sphinx {sphinx}, docutils {docutils}, {os.cpu_count()} CPUs ({platform.machine()}), "
        f"{args.runs} run(s) per build, seed {args.seed}; other processes kept {max(foreign):.2f} CPUs busy "
        "during the clean builds (the most, averaged over one build); import and setup() of sphinx_tapssec: "
        f"{fixed:.0f} ms of CPU (median of 5 fresh processes)"
    )
    if max(foreign) > 0.25:
        environment += (
            "\nOther processes competed for the CPUs: wall times (and -j 2 savings above all) are pessimistic;"
            " the CPU ratio is the steadier comparison."
        )
    print(render(reports, environment=environment))
    return 0 if all(report.ok for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
