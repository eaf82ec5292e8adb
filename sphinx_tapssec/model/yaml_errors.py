"""PyYAML's syntax errors, reworded for people: what was expected, where, and the usual cause."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

#: ``(words of PyYAML's problem, what to say, whether to point at the line where the construct began)``;
#: ``{start}`` is that line.
_EXPLANATIONS: tuple[tuple[str, str, bool], ...] = (
    (
        "could not find expected ':'",
        "expected 'key: value' here, but found no colon followed by a space "
        "(usual cause: a missing space after the colon, as in 'name:Alpha')",
        True,
    ),
    (
        "mapping values are not allowed here",
        "a colon here would start a new key, which is not allowed at this point "
        "(usual causes: a value holding ': ' that needs quotes, as in 'name: \"A: B\"', "
        "or a line indented deeper than the key above it)",
        False,
    ),
    (
        "expected <block end>",
        "this line's indentation does not fit the block that starts on line {start} "
        "(usual cause: a bad indent; the keys of one record must line up, under the first one)",
        False,
    ),
    (
        "character '\\t'",
        "a tab where YAML expects a key or a value (usual cause: a tab used for indentation; "
        "YAML indents with spaces only)",
        False,
    ),
    (
        "found unexpected end of stream",
        "this quoted value is never closed (usual cause: a missing closing quote)",
        True,
    ),
    ("expected ',' or ']'", "the [list] that starts on line {start} is not closed with ']' before this point", False),
    ("expected ',' or '}'", "the mapping in braces from line {start} is not closed with '}}' before this point", False),
    ("but found another document", "a second YAML document ('---') starts here; a catalog file holds one", False),
)


def explain(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The 1-based line to report *error* at, and a sentence saying what is wrong there."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 0
    start = error.context_mark.line + 1 if error.context_mark else line
    problem = error.problem or error.context or "unreadable"
    where = f" (column {mark.column + 1})" if mark else ""
    for words, explanation, at_start in _EXPLANATIONS:
        if words in problem:
            if at_start:
                return start, f"YAML syntax error: {explanation}"
            return line, f"YAML syntax error{where}: {explanation.format(start=start)}"
    return line, f"YAML syntax error{where}: {problem}"
