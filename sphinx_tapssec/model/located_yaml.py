"""Read YAML safely into plain values that remember their line numbers.

PyYAML's safe constructor forgets where values came from and silently keeps the last
of two duplicate keys; composing the node graph ourselves keeps both facts.
"""

from __future__ import annotations

from typing import Any

import yaml

from sphinx_tapssec.model.yaml_errors import explain

#: Nodes one file may expand to; an alias bomb hits this long before memory runs out.
MAX_NODES = 200_000
#: Nesting depth of mappings and sequences.
MAX_DEPTH = 64

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YamlError(Exception):
    """A file that cannot be read as catalog YAML; ``line`` is 1-based (0: unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _ConversionError(YamlError):
    """A refusal of our own (limits, tags, keys): worded and placed the same whatever parser ran."""


class LocatedMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]
    #: Keys given twice in the file, with the line of the repeat.
    duplicates: list[tuple[str, int]]


class LocatedList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


class _Converter:
    """Turns a composed node graph into Located values, counting nodes to stop alias bombs."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self._loader = loader
        self._count = 0

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        self._count += 1
        line = node.start_mark.line + 1
        if self._count > MAX_NODES:
            raise _ConversionError(f"the document expands to more than {MAX_NODES} nodes (alias bomb?)", line)
        if depth > MAX_DEPTH:
            raise _ConversionError(f"nesting deeper than {MAX_DEPTH} levels", line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth, line)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, depth, line)
        return self._scalar(node, line)

    def _mapping(self, node: yaml.MappingNode, depth: int, line: int) -> LocatedMap:
        if node.tag != _MAP_TAG:
            raise _ConversionError(f"unsupported tag {node.tag!r}", line)
        result = LocatedMap()
        result.line, result.key_lines, result.duplicates = line, {}, []
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise _ConversionError(f"mapping keys must be strings, not {key!r}", key_line)
            if key in result:
                result.duplicates.append((key, key_line))
                continue
            result[key] = self.convert(value_node, depth + 1)
            result.key_lines[key] = key_line
        return result

    def _sequence(self, node: yaml.SequenceNode, depth: int, line: int) -> LocatedList:
        if node.tag != _SEQ_TAG:
            raise _ConversionError(f"unsupported tag {node.tag!r}", line)
        result = LocatedList(self.convert(item, depth + 1) for item in node.value)
        result.line = line
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result

    def _scalar(self, node: yaml.Node, line: int) -> Any:
        try:
            # The safe constructor refuses language-specific tags such as !!python/object.
            return self._loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            raise _ConversionError(f"unsupported value: {error.problem}", line) from None


#: libyaml's parser, when PyYAML was built with it: it composes a catalog file about ten times
#: faster than the pure-Python one, which matters for catalogs of thousands of protocol files.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def parse(text: str) -> Any:
    """Parse one YAML document into Located values; raise :class:`YamlError` on any problem."""
    if _FAST_LOADER is not None:
        try:
            return _parse_with(_FAST_LOADER, text)
        except _ConversionError:
            # Not worth a second, slower pass: an alias bomb would cost its full time twice.
            raise
        except YamlError:
            # Parsed again below: the pure-Python parser words errors (and places them) the same
            # with or without libyaml, so messages do not depend on how PyYAML was built.
            pass
    return _parse_with(yaml.SafeLoader, text)


def _parse_with(loader_class: type[yaml.SafeLoader], text: str) -> Any:
    try:
        # The reader checks the whole text for forbidden characters as soon as it is created.
        loader = loader_class(text)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise YamlError(f"YAML syntax error: unacceptable character #x{error.character:04x}", line) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _Converter(loader).convert(node)
    except yaml.MarkedYAMLError as error:
        line, message = explain(error)
        raise YamlError(message, line) from None
    except yaml.YAMLError as error:
        raise YamlError(f"YAML error: {error}") from None
    finally:
        loader.dispose()
