"""The user guide documents every directive, role, configuration value, warning subtype and CLI option.

The lists come from the code (what ``setup()`` registers, the config dataclass, the subtype
enum, the argument parser), so adding any of them without its documentation fails here.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from helpers import registered

from sphinx_tapssec.cli.main import parser
from sphinx_tapssec.model.problems import Subtype
from sphinx_tapssec.sphinxext.config import PREFIX, option_help

GUIDE = Path(__file__).parent.parent / "docs" / "guide"
TEXT = "\n".join(path.read_text(encoding="utf-8") for path in sorted(GUIDE.glob("*.rst")))


def _documented_directives() -> set[str]:
    return set(re.findall(r"^\.\. rst:directive:: \.\. ([\w:-]+)::", TEXT, re.MULTILINE))


def test_every_directive_is_documented() -> None:
    documented = _documented_directives()
    # Registered twice, documented once: ``secproto`` is ``tapssec:protocol``, ``x`` is ``tapssec:x``.
    spellings = {"tapssec:protocol": "secproto"}
    missing = [
        name
        for name in registered().directives
        if not {name, spellings.get(name, name), name.removeprefix("tapssec:")} & documented
    ]
    assert missing == []


def test_every_role_is_documented() -> None:
    documented = set(re.findall(r"^\.\. rst:role:: ([\w:-]+)", TEXT, re.MULTILINE))
    assert sorted(set(registered().roles) - documented) == []


def test_every_configuration_value_is_documented() -> None:
    documented = set(re.findall(r"^\.\. confval:: (\w+)", TEXT, re.MULTILINE))
    assert sorted({name for name, _, _ in option_help()} - documented) == []


def test_every_warning_subtype_is_documented() -> None:
    documented = set(re.findall(r"^\.\. _warning-(\w+):", TEXT, re.MULTILINE))
    assert sorted({subtype.value for subtype in Subtype} - documented) == []


def _commands() -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_cli_option_is_documented(command: str) -> None:
    cli = (GUIDE / "cli.rst").read_text(encoding="utf-8")
    match = re.search(rf"^\.\. program:: tapssec {command}\n(.*?)(?=^\.\. program::|\Z)", cli, re.MULTILINE | re.DOTALL)
    assert match, f"cli.rst has no section for tapssec {command}"
    documented = set(re.findall(r"^\.\. option:: (.+)$", match.group(1), re.MULTILINE))
    names = {part.split()[0].rstrip(",") for option in documented for part in option.split(", ")}
    for action in _commands()[command]._actions:
        wanted = action.option_strings[0] if action.option_strings else (action.metavar or action.dest)
        assert wanted in names, f"tapssec {command}: {wanted} is not documented"


def test_option_help_names_carry_the_prefix() -> None:
    assert all(name.startswith(PREFIX) for name, _, _ in option_help())
