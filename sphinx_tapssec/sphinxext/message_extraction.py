"""Babel's extraction method for the package (``make locale``; see the guide's embedding page).

Besides the strings marked with ``_`` and ``N_``, it extracts the help sentence of each
declaration of the catalog format (``yaml_field``, ``edition_optional`` and ``@record`` in the record modules of
:mod:`sphinx_tapssec.model`, ``FileSpec`` in :mod:`~sphinx_tapssec.model.spec`) and of the query language
(:mod:`sphinx_tapssec.query`). The model imports no Sphinx, so these sentences carry no marker:
they are the English text of the JSON Schema, and the ``catalog-format`` and ``query-reference``
directives translate them where they render them. Babel's own Python extractor cannot take them,
because the declarations are calls it does not know as markers.
"""

from __future__ import annotations

import ast
import io
from typing import IO, TYPE_CHECKING, Any

from babel.messages.extract import extract_python

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping

#: The declaration classes and the position of their help sentence among the positional arguments.
DECLARATIONS = {"yaml_field": 1, "edition_optional": 1, "record": 1, "FileSpec": 4, "Attribute": 2, "Predicate": 2}


def declared_help(source: bytes) -> Iterator[tuple[int, str]]:
    """``(line, help)`` of each declaration call in *source* whose help is a string literal."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in DECLARATIONS):
            continue
        position = DECLARATIONS[node.func.id]
        keyword = next((k.value for k in node.keywords if k.arg == "help"), None)
        argument = node.args[position] if len(node.args) > position else keyword
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            yield argument.lineno, argument.value


def extract_messages(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extraction, plus the help of the declarations (an extraction method for Babel)."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for line, text in sorted(declared_help(source)):
        yield line, "", text, []
