"""Safe, bounded YAML reading that keeps the node tree for error locations.

Files are untrusted: only the safe loader is used (the C one where present), the file size,
nesting depth and number of constructed values (alias expansion) are capped, and only plain
data types are accepted. The composed node tree is kept so that any later problem, found by
schema validation or by the story checks, can be pointed at an exact line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.story.locate import MAX_FILE_BYTES
from game.story.problems import Problem

try:
    _SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader

MAX_DEPTH = 40
MAX_VALUES = 500_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_scalar_constructor = yaml.constructor.SafeConstructor()


class _Stop(Exception):
    def __init__(self, mark, message: str):
        self.mark = mark
        self.message = message


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A parsed file: the plain data and the node tree it came from."""

    path: Path
    data: Any
    root: Node | None

    index: dict = field(default_factory=dict, repr=False, compare=False)
    source: str = field(default="", repr=False, compare=False)

    def position_in(self, loc: tuple, offset: int) -> tuple[int, int] | None:
        """(line, column), 1-based, of character `offset` inside the string at `loc`, for
        plain and quoted one-line strings and for literal blocks (`|`); None otherwise."""
        node = self.node_at(loc)
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            return None
        mark, style, value = node.start_mark, node.style, node.value
        if style in (None, "", '"', "'") and "\n" not in value:
            if mark.line != node.end_mark.line:
                return None
            return mark.line + 1, mark.column + 1 + offset + (1 if style in ('"', "'") else 0)
        if style != "|" or not self.source:
            return None
        lines = self.source.splitlines()
        first = mark.line + 1
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first >= len(lines):
            return None
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        before = value[:offset]
        row = before.count("\n")
        column = offset - (before.rfind("\n") + 1)
        return mark.line + 2 + row, indent + column + 1

    def _child(self, node: Node, step) -> tuple[Node, Node] | None:
        """(key node, value node) for a mapping key, or (item, item) for a list index."""
        if isinstance(node, MappingNode):
            table = self.index.get(id(node))
            if table is None:
                table = {k.value: (k, v) for k, v in reversed(node.value)
                         if isinstance(k, ScalarNode)}
                self.index[id(node)] = table
            return table.get(str(step))
        if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            item = node.value[step]
            return item, item
        return None

    def mark_of(self, loc: tuple, key: bool = False):
        """The YAML mark of the value at `loc` (keys and indices); as deep as the data goes.

        With `key=True`, a location whose last step is a mapping key points at the key itself.
        Steps the file does not have (such as pydantic's union member names) are skipped.
        """
        node = self.root
        if node is None:
            return None
        for index, step in enumerate(loc):
            pair = self._child(node, step)
            if pair is not None:
                node = pair[0] if (key and index == len(loc) - 1) else pair[1]
        return node.start_mark

    def node_at(self, loc: tuple) -> Node | None:
        node = self.root
        for step in loc:
            pair = self._child(node, step) if node is not None else None
            if pair is None:
                return None
            node = pair[1]
        return node


def read_yaml(path: Path) -> tuple[YamlFile | None, list[Problem]]:
    """Read one story file. Returns the file (or None) and the problems found."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem.at(path, None, f"file is too large ({size:,} bytes; the limit "
                                     f"is {MAX_FILE_BYTES:,}): split it into several files")]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem.at(path, None, f"cannot read file: {error.strerror or error}")]
    return parse_yaml(path, raw)


def parse_yaml(path: Path, raw: bytes) -> tuple[YamlFile | None, list[Problem]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(str(path), line, col,
                              "not UTF-8 text (is this a binary file?): save it as UTF-8")]
    if not text.strip():
        return YamlFile(path, None, None), [
            Problem.at(path, None, "file is empty: add a story, an arc or scenes, or delete it",
                       "warning")]
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        if "nesting depth" in message:
            message = f"nesting is too deep (more than {MAX_DEPTH} levels)"
        tab = _tab_indent(text, mark)
        if tab is not None:
            return None, [Problem(str(path), tab[0], tab[1], "a tab is used for indentation: "
                                  "YAML allows only spaces; indent with spaces (set your "
                                  "editor to insert spaces for the Tab key)")]
        return None, [Problem.at(path, mark, f"YAML syntax error: {message}")]
    except yaml.YAMLError as error:
        return None, [Problem.at(path, None, f"YAML error: {error}")]
    except RecursionError:
        return None, [Problem.at(path, None, f"nesting is too deep (more than {MAX_DEPTH} levels)")]
    if root is None:
        return YamlFile(path, None, None), [
            Problem.at(path, None, "file holds no data: add a story, an arc or scenes",
                       "warning")]
    problems: list[Problem] = []
    builder = _Builder(path, problems)
    try:
        data = builder.build(root, 0)
    except _Stop as stop:
        problems.append(Problem.at(path, stop.mark, stop.message))
        return None, problems
    return YamlFile(path, data, root, source=text), problems


def _tab_indent(text: str, mark) -> tuple[int, int] | None:
    """(line, column), 1-based, of a tab in the indentation of the line a syntax error
    points at, or of one of the few lines before it; None when there is none."""
    if mark is None:
        return None
    lines = text.splitlines()
    for row in range(min(mark.line, len(lines) - 1), max(-1, mark.line - 4), -1):
        line = lines[row]
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return row + 1, indent.index("\t") + 1
    return None


class _Builder:
    """Turns a node tree into plain dicts, lists and scalars, checking as it goes."""

    __slots__ = ("path", "problems", "count")

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        self.count = 0

    def build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Stop(node.start_mark, f"too many values (over {MAX_VALUES:,}); "
                        "aliases may be expanding without bound")
        if depth > MAX_DEPTH:
            raise _Stop(node.start_mark, f"nesting is too deep (more than {MAX_DEPTH} levels)")
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag == _STR:
                return node.value
            if tag == _INT:
                return _scalar_constructor.construct_yaml_int(node)
            if tag == _BOOL:
                return _scalar_constructor.construct_yaml_bool(node)
            if tag == _NULL:
                return None
            if tag == _FLOAT:
                return _scalar_constructor.construct_yaml_float(node)
            if tag == _TIMESTAMP:
                return node.value
            raise _Stop(node.start_mark, f"unsupported YAML tag {tag!r}: only plain text, "
                        "numbers, true/false, lists and mappings are allowed")
        if isinstance(node, SequenceNode):
            if tag != _SEQ:
                raise _Stop(node.start_mark, f"unsupported YAML tag {tag!r} on a list")
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            if tag != _MAP:
                raise _Stop(node.start_mark, f"unsupported YAML tag {tag!r} on a mapping")
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Stop(key_node.start_mark, "merge keys ('<<') are not supported: "
                                "write the keys out")
                if not isinstance(key_node, ScalarNode):
                    raise _Stop(key_node.start_mark, "a key must be plain text, not a list "
                                "or a mapping")
                key = key_node.value
                if key_node.tag != _STR and key_node.tag not in (_INT, _TIMESTAMP):
                    raise _Stop(key_node.start_mark, f"key {key!r} is read as "
                                f"{key_node.tag.rsplit(':', 1)[-1]}, not text: put it in quotes")
                if key in result:
                    self.problems.append(Problem.at(
                        self.path, key_node.start_mark,
                        f"duplicate key {key!r} (first given on line {first_line[key]})"))
                    continue
                first_line[key] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, depth + 1)
            return result
        raise _Stop(node.start_mark, "unsupported YAML node")  # pragma: no cover
