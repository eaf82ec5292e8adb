"""The ``tapssec_*`` configuration values, declared once with their defaults and checks."""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_tapssec.model import coverage
from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.urls import DEFAULT_SCHEMES
from sphinx_tapssec.sphinxext import build_stop as stop
from sphinx_tapssec.sphinxext.warnings import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

PREFIX = "tapssec_"
#: The coverage checks ``tapssec_coverage`` can switch on.
COVERAGE_PARTS = tuple(coverage.PARTS)


@dataclass(frozen=True)
class TapssecConfig:
    """Every option of the extension; field metadata holds its help text and rebuild flag."""

    catalog: str | None = field(
        default=None,
        metadata={
            "help": "Catalog directory, relative to conf.py or absolute; None uses the bundled survey.",
            "types": (str, type(None)),
        },
    )
    extra_catalogs: list[str] = field(
        default_factory=list,
        metadata={
            "help": "More catalog directories whose records are added to tapssec_catalog's.",
            "types": (list, tuple),
        },
    )
    edition: str | None = field(
        default=None,
        metadata={
            "help": "Edition of the survey to render, by id (e.g. draft-12 or rfc8922); None renders the edition "
            "the catalog is written as.",
            "types": (str, type(None)),
        },
    )
    strict: bool = field(
        default=False,
        metadata={"help": "Stop the build on the first catalog problem instead of warning.", "types": (bool,)},
    )
    url_schemes: list[str] = field(
        default_factory=lambda: list(DEFAULT_SCHEMES),
        metadata={
            "help": "URL schemes a catalog link may use; others render as plain text with a warning.",
            "types": (list, tuple),
        },
    )
    obsolete_citations: bool = field(
        default=False,
        metadata={
            "help": "Warn (tapssec.obsolete_citation) wherever a page cites a reference that the catalog's "
            "status.yaml records as obsoleted.",
            "types": (bool,),
        },
    )

    developments: bool = field(
        default=True,
        metadata={
            "help": "Show the later developments of catalog/developments.yaml after each protocol's survey "
            "content, in their own labelled block (False hides the block on every protocol page).",
            "types": (bool,),
        },
    )
    home_inventory: str | None = field(
        default=None,
        metadata={
            "help": "Name of the intersphinx_mapping entry whose site is the catalog's home: an entry no local "
            "page describes links there. None tries every inventory.",
            "types": (str, type(None)),
            # Links are made when pages are written: a change rewrites the pages, not the doctrees.
            "rebuild": "html",
        },
    )
    pause_gc_in_parallel_writes: bool = field(
        default=False,
        metadata={
            "help": "Opt in to pausing Python's cyclic garbage collector while Sphinx writes pages in parallel "
            "(-j N), where its full collections cost more than the writers save; it is switched back on "
            "however the build ends.",
            "types": (bool,),
            # How the build runs, not what it outputs: changing it rebuilds nothing.
            "rebuild": "",
        },
    )
    coverage: list[str] = field(
        default_factory=list,
        metadata={
            "help": "Coverage checks to run: any of protocols, interfaces, references, exposures "
            "(``tapssec check`` turns all on).",
            "types": (list, tuple),
        },
    )
    coverage_bundled: bool = field(
        default=False,
        metadata={
            "help": "Whether the coverage checks also report records of the bundled survey catalog, when the "
            "project renders it (tapssec_catalog = None); off, a project answers only for its own catalogs.",
            "types": (bool,),
        },
    )
    coverage_report: str = field(
        default="tapssec-coverage.txt",
        metadata={
            "help": "File in the output directory listing the coverage gaps, when a coverage check runs; "
            "empty for none.",
            "types": (str,),
        },
    )

    def catalog_dirs(self, confdir: Path) -> list[Path]:
        """The catalog directories to load, in order, resolved against *confdir*."""
        main = confdir / self.catalog if self.catalog is not None else bundled_catalog()
        return [main.resolve(), *((confdir / extra).resolve() for extra in self.extra_catalogs)]


def _fields() -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(TapssecConfig)


def _default(option: dataclasses.Field[Any]) -> Any:
    return option.default_factory() if callable(option.default_factory) else option.default


def register(app: Sphinx) -> None:
    """Add every option to Sphinx; those that change doctrees rebuild ``env``."""
    for option in _fields():
        rebuild = option.metadata.get("rebuild", "env")
        app.add_config_value(PREFIX + option.name, _default(option), rebuild, types=option.metadata["types"])


def check(app: Sphinx, config: Config) -> None:
    """``config-inited``: refuse values the extension cannot use, before any reading starts.

    Each refused value is one error at its line in ``conf.py``; then the build stops
    without a traceback (see :mod:`sphinx_tapssec.sphinxext.build_stop`).
    """
    problems = [
        stop.error(message, config_location(app, config, name), Subtype.CONFIG) for name, message in _refusals(config)
    ]
    if problems:
        stop.stop(problems, "configuration problem", "the build stops")


def _refusals(config: Config) -> list[tuple[str, str]]:
    """``(option name, message)`` for each value the extension cannot use."""
    refused: list[tuple[str, str]] = []
    for option in _fields():
        name = PREFIX + option.name
        value = getattr(config, name)
        if not isinstance(value, option.metadata["types"]):
            refused.append((name, f"{name} must be {_type_names(option)}, not {value!r}"))
        elif option.name in _LISTS and not all(isinstance(item, str) and item for item in value):
            refused.append((name, f"{name} must be a list of non-empty strings, not {value!r}"))
        elif option.name == "coverage" and (unknown := sorted(set(value) - set(COVERAGE_PARTS))):
            refused.append((name, f"{name}: unknown part(s) {', '.join(unknown)} (parts: {', '.join(COVERAGE_PARTS)})"))
    return refused


#: The options whose value is a list of strings.
_LISTS = ("extra_catalogs", "url_schemes", "coverage")


def config_location(app: Sphinx, config: Config, name: str) -> str | None:
    """``conf.py:LINE`` where *name* is last assigned, for a located message; None when ``-D`` set it."""
    if name in config.overrides or app.confdir is None:
        return None
    path = Path(app.confdir) / "conf.py"
    try:
        tree = ast.parse(path.read_bytes(), str(path))
    except (OSError, SyntaxError, ValueError):
        return None
    lines = [
        node.lineno
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id == name
    ]
    return f"{path}:{lines[-1]}" if lines else None


def _type_names(option: dataclasses.Field[Any]) -> str:
    return " or ".join("None" if t is type(None) else t.__name__ for t in option.metadata["types"])


def get_config(env: BuildEnvironment) -> TapssecConfig:
    """The extension's options as one typed object."""
    return TapssecConfig(**{option.name: getattr(env.config, PREFIX + option.name) for option in _fields()})


def option_help() -> list[tuple[str, str, str]]:
    """``(name, default, help)`` of every option, for the docs."""
    return [(PREFIX + option.name, repr(_default(option)), option.metadata["help"]) for option in _fields()]
