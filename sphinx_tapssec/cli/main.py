"""``tapssec`` / ``python -m sphinx_tapssec``: validate, export and print a catalog without Sphinx."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_tapssec.cli.init_catalog import starter_files
from sphinx_tapssec.cli.refresh_status import add_parser as add_refresh_status_parser
from sphinx_tapssec.model.catalog_location import bundled_catalog, catalog_directory_problem
from sphinx_tapssec.model.editions import UnknownEditionError, apply_edition, diff, edition_ids
from sphinx_tapssec.model.entities import Catalog
from sphinx_tapssec.model.export import text_matrix, to_csv, to_json
from sphinx_tapssec.model.loader import LoadResult, load_catalog
from sphinx_tapssec.model.plural import plural
from sphinx_tapssec.model.schema import schema_text

#: What ``tapssec --help`` says first (plain text: argparse prints it as written).
DESCRIPTION = "Validate, export and print a catalog without Sphinx, or check a whole Sphinx project."


class UsageError(Exception):
    """A command line the command cannot carry out (exit status 2)."""


def catalog_directory(directory: str | None) -> Path:
    """The catalog directory a command was given (default: the bundled one); a UsageError if it is none."""
    path = Path(directory) if directory else bundled_catalog()
    problem = catalog_directory_problem(path)
    if problem:
        raise UsageError(problem)
    return path


def _load(directory: str | None, edition: str | None = None) -> LoadResult:
    """The catalog of *directory*, as *edition* shows it."""
    result = load_catalog([catalog_directory(directory)])
    return dataclasses.replace(result, catalog=_edition(result.catalog, edition))


def _edition(catalog: Catalog, edition: str | None) -> Catalog:
    try:
        return apply_edition(catalog, edition)
    except UnknownEditionError:
        known = ", ".join(edition_ids(catalog)) or "none"
        raise UsageError(f"unknown edition {edition!r} (editions: {known})") from None


def _report(result: LoadResult) -> None:
    for problem in result.problems:
        print(problem, file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    result = _load(args.directory, args.edition)
    for problem in result.problems:
        print(problem)
    catalog = result.catalog
    if not result.problems:
        counts = [(catalog.protocols, "protocol"), (catalog.interfaces, "interface"), (catalog.references, "reference")]
        listed = ", ".join(plural(len(records), noun) for records, noun in counts)
        print(f"ok: {listed} in {plural(len(catalog.files), 'file')}")
    return 1 if result.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    result = _load(args.directory, args.edition)
    _report(result)
    sys.stdout.write(to_json(result.catalog) if args.format == "json" else to_csv(result.catalog))
    return 1 if result.problems else 0


def cmd_matrix(args: argparse.Namespace) -> int:
    result = _load(args.directory, args.edition)
    _report(result)
    catalog = result.catalog
    protocols = [p for p in catalog.protocols if p.in_table or args.all_protocols]
    sys.stdout.write(text_matrix(catalog, protocols, catalog.interfaces))
    if any(e.note or e.references for p in protocols for e in p.exposes):
        print("\n* qualified; see `tapssec export` or the rendered notes")
    return 1 if result.problems else 0


def cmd_diff(args: argparse.Namespace) -> int:
    result = _load(args.directory)
    _report(result)
    for edition in (args.before, args.after):
        _edition(result.catalog, edition)
    differences = diff(result.catalog, args.before, args.after)
    for difference in differences:
        print(difference)
    print(f"{plural(len(differences), 'difference')} from {args.before} to {args.after}", file=sys.stderr)
    return 1 if result.problems else 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.output is None:
        sys.stdout.write(schema_text())
        return 0
    _write(Path(args.output), schema_text())
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UsageError(f"{directory} exists and is not an empty directory; init writes a new catalog only")
    files = starter_files()
    for name, text in files.items():
        _write(directory / name, text)
    written = plural(len(files), "file")
    print(f"wrote a starter catalog of {written} to {directory}; check it with: tapssec validate {directory}")
    return 0


def _write(path: Path, text: str) -> None:
    """Write *text* to *path*, creating the directories above it; a failure is a usage error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def cmd_check(args: argparse.Namespace) -> int:
    # Sphinx is imported only for this command.
    from sphinx_tapssec.cli.check_build import CheckError, parse_overrides, run_check

    edition = [f"tapssec_edition={args.edition}"] if args.edition else []
    try:
        result = run_check(
            args.docs,
            parse_overrides([*args.define, *edition]),
            builder=args.builder,
            outdir=args.out,
            coverage=not args.no_coverage,
            bundled_coverage=args.bundled_coverage,
            strict=args.strict,
            parallel=args.jobs,
        )
    except CheckError as error:
        print(f"tapssec check: {_relative(str(error))}", file=sys.stderr)
        return 2
    for finding in result.findings:
        if finding in result.failures:
            print(_relative(str(finding)))
        elif not args.quiet:
            print(_relative(str(finding)), file=sys.stderr)
    problems = len(result.failures)
    if problems or not args.quiet:
        summary = plural(problems, "problem") if problems else "ok: no problems"
        print(f"tapssec check: {summary} in {args.docs}", file=sys.stderr)
    return 1 if problems else 0


def _relative(text: str) -> str:
    """*text* with the current directory's path stripped from each line, so locations read like compiler output."""
    prefix = str(Path.cwd()) + os.sep
    return "\n".join(line.removeprefix(prefix) for line in text.split("\n"))


def _check_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="build a Sphinx project with every check on; exit 1 on any false claim, broken query, "
        "coverage gap or rule violation",
    )
    check.add_argument("docs", metavar="DOCS_DIR", help="the directory holding conf.py")
    check.add_argument(
        "-D",
        dest="define",
        action="append",
        default=[],
        metavar="name=value",
        help="override a configuration value, as sphinx-build -D (paths are relative to DOCS_DIR)",
    )
    check.add_argument("--edition", help="edition of the survey to check against (sets tapssec_edition)")
    check.add_argument("-b", dest="builder", default="dummy", help="builder to run (default: dummy, writes nothing)")
    check.add_argument("-j", dest="jobs", type=int, default=1, help="read documents in N processes")
    check.add_argument("--out", help="output directory (default: a temporary one)")
    check.add_argument("--no-coverage", action="store_true", help="skip the coverage checks")
    check.add_argument(
        "--bundled-coverage",
        action="store_true",
        help="also report coverage gaps in the bundled survey catalog, when the project renders it",
    )
    check.add_argument(
        "-q", dest="quiet", action="store_true", help="print only the problems: no other warning, no 'ok' line"
    )
    check.add_argument("--strict", action="store_true", help="fail on every warning, not only tapssec's")
    check.set_defaults(run=cmd_check)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="tapssec", description=DESCRIPTION)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    help_dir = "catalog directory (default: the bundled survey catalog)"
    help_edition = "edition of the survey, e.g. rfc8922 (default: the catalog as written)"
    validate = commands.add_parser("validate", help="check a catalog; one file:line: message per problem")
    validate.add_argument("directory", nargs="?", help=help_dir)
    validate.add_argument("--edition", help=help_edition)
    validate.set_defaults(run=cmd_validate)
    export = commands.add_parser("export", help="print the catalog as JSON or the matrix as CSV")
    export.add_argument("directory", nargs="?", help=help_dir)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--edition", help=help_edition)
    export.set_defaults(run=cmd_export)
    matrix = commands.add_parser("matrix", help="print the protocol x interface table")
    matrix.add_argument("directory", nargs="?", help=help_dir)
    matrix.add_argument("--all-protocols", action="store_true", help="include protocols not in the survey's table")
    matrix.add_argument("--edition", help=help_edition)
    matrix.set_defaults(run=cmd_matrix)
    changes = commands.add_parser("diff", help="print what changed between two editions, one change per line")
    changes.add_argument("before", metavar="EDITION_A", help="the earlier edition, e.g. draft-12")
    changes.add_argument("after", metavar="EDITION_B", help="the later edition, e.g. rfc8922")
    changes.add_argument("directory", nargs="?", help=help_dir)
    changes.set_defaults(run=cmd_diff)
    schema = commands.add_parser("schema", help="print the JSON Schema of catalog files")
    schema.add_argument("-o", "--output", metavar="PATH", help="write it to PATH, creating its directories")
    schema.set_defaults(run=cmd_schema)
    init = commands.add_parser("init", help="write a small, valid, commented starter catalog into a new directory")
    init.add_argument("directory", metavar="DIR", help="where to write it (must not exist, or be empty)")
    init.set_defaults(run=cmd_init)
    _check_parser(commands)
    add_refresh_status_parser(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"tapssec {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (``| head``) stopped early: exit quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
