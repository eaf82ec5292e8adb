"""``tapssec`` / ``python -m sphinx_tapssec``: validate, export and print a catalog without Sphinx."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_tapssec.export import text_matrix, to_csv, to_json
from sphinx_tapssec.model.loader import LoadResult, load_catalog
from sphinx_tapssec.model.schema import schema_text
from sphinx_tapssec.paths import bundled_catalog


def _load(directory: str | None) -> LoadResult:
    return load_catalog([Path(directory) if directory else bundled_catalog()])


def _report(result: LoadResult) -> None:
    for problem in result.problems:
        print(problem, file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    result = _load(args.directory)
    for problem in result.problems:
        print(problem)
    catalog = result.catalog
    if not result.problems:
        print(
            f"ok: {len(catalog.protocols)} protocols, {len(catalog.interfaces)} interfaces, "
            f"{len(catalog.references)} references in {len(catalog.files)} files"
        )
    return 1 if result.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    result = _load(args.directory)
    _report(result)
    sys.stdout.write(to_json(result.catalog) if args.format == "json" else to_csv(result.catalog))
    return 1 if result.problems else 0


def cmd_matrix(args: argparse.Namespace) -> int:
    result = _load(args.directory)
    _report(result)
    catalog = result.catalog
    protocols = [p for p in catalog.protocols if p.in_table or args.all_protocols]
    sys.stdout.write(text_matrix(catalog, protocols, catalog.interfaces))
    if any(e.note or e.references for p in protocols for e in p.exposes):
        print("\n* qualified; see `tapssec export` or the rendered notes")
    return 1 if result.problems else 0


def cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    # Sphinx is imported only for this command.
    from sphinx_tapssec.checking import CheckError, parse_overrides, run_check

    try:
        result = run_check(
            args.docs,
            parse_overrides(args.define),
            builder=args.builder,
            outdir=args.out,
            coverage=not args.no_coverage,
            strict=args.strict,
            parallel=args.jobs,
        )
    except CheckError as error:
        print(f"tapssec check: {error}", file=sys.stderr)
        return 2
    for finding in result.findings:
        print(_relative(str(finding)), file=sys.stdout if finding in result.failures else sys.stderr)
    problems = len(result.failures)
    summary = f"{problems} problem{'' if problems == 1 else 's'}" if problems else "ok: no problems"
    print(f"tapssec check: {summary} in {args.docs}", file=sys.stderr)
    return 1 if problems else 0


def _relative(line: str) -> str:
    """*line* with the current directory's path stripped, so locations read like compiler output."""
    prefix = str(Path.cwd()) + os.sep
    return line[len(prefix) :] if line.startswith(prefix) else line


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
    check.add_argument("-b", dest="builder", default="dummy", help="builder to run (default: dummy, writes nothing)")
    check.add_argument("-j", dest="jobs", type=int, default=1, help="read documents in N processes")
    check.add_argument("--out", help="output directory (default: a temporary one)")
    check.add_argument("--no-coverage", action="store_true", help="skip the coverage checks")
    check.add_argument("--strict", action="store_true", help="fail on every warning, not only tapssec's")
    check.set_defaults(run=cmd_check)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="tapssec", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    help_dir = "catalog directory (default: the bundled survey catalog)"
    validate = commands.add_parser("validate", help="check a catalog; one file:line: message per problem")
    validate.add_argument("directory", nargs="?", help=help_dir)
    validate.set_defaults(run=cmd_validate)
    export = commands.add_parser("export", help="print the catalog as JSON or the matrix as CSV")
    export.add_argument("directory", nargs="?", help=help_dir)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.set_defaults(run=cmd_export)
    matrix = commands.add_parser("matrix", help="print the protocol x interface table")
    matrix.add_argument("directory", nargs="?", help=help_dir)
    matrix.add_argument("--all-protocols", action="store_true", help="include protocols not in the survey's table")
    matrix.set_defaults(run=cmd_matrix)
    schema = commands.add_parser("schema", help="print the JSON Schema of catalog files")
    schema.set_defaults(run=cmd_schema)
    _check_parser(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader (``| head``) stopped early: exit quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
