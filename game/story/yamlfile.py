"""Safe, bounded YAML reading that keeps the node tree for error locations.

Files are untrusted: only the safe loader is used (the C one where present), the file size,
nesting depth and number of constructed values (alias expansion) are capped, and only plain
data types are accepted. The composed node tree is kept so that any later problem, found by
schema validation or by the story checks, can be pointed at an exact line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.story import safetext
from game.story.locate import MAX_FILE_BYTES, outside
from game.story.problems import Problem

try:
    _SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader

MAX_DEPTH = 40
MAX_VALUES = 500_000
MAX_NUMBER_CHARS = 30  # a number written longer than this is refused before it is read
MAX_NUMBER = 10**15  # larger numbers are refused: no meter, counter or value comes near

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
        plain and quoted one-line strings and for literal (`|`) and folded (`>`) blocks;
        None otherwise."""
        node = self.node_at(loc)
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            return None
        mark, style, value = node.start_mark, node.style, node.value
        if style in (None, "", '"', "'") and "\n" not in value:
            if mark.line != node.end_mark.line:
                return None
            return mark.line + 1, mark.column + 1 + offset + (1 if style in ('"', "'") else 0)
        if style not in ("|", ">") or not self.source:
            return None
        lines = self.source.splitlines()
        first = mark.line + 1
        while first < len(lines) and not lines[first].strip():
            first += 1
        if first >= len(lines):
            return None
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        if style == ">":
            return _folded_position(lines, mark.line + 1, node.end_mark.line, indent, value,
                                    offset)
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


def _folded_position(lines: list[str], start: int, end: int, indent: int, value: str,
                     offset: int) -> tuple[int, int] | None:
    """Where character `offset` of a folded block's `value` was written. The block's lines
    (0-based `start` up to `end`) are folded again as YAML folds them, noting where each
    character came from; if that does not give `value` back (a form this does not follow),
    None."""
    folded: list[str] = []
    places: list[tuple[int, int]] = []
    empty, last_more = 0, False
    for number in range(start, min(end + 1, len(lines))):
        line = lines[number]
        if not line.strip():
            empty += 1
            continue
        if len(line) - len(line.lstrip(" ")) < indent:
            break
        text = line[indent:]
        more = text.startswith((" ", "\t"))
        if folded:
            breaks = empty + 1 if (more or last_more) else empty or " "
            joint = breaks if isinstance(breaks, str) else "\n" * breaks
            folded.append(joint)
            places.extend([(number + 1, indent + 1)] * len(joint))
        folded.append(text)
        places.extend((number + 1, indent + 1 + column) for column in range(len(text)))
        empty, last_more = 0, more
    if "".join(folded) != value.rstrip("\n") or not 0 <= offset < len(places):
        return None
    return places[offset]


def read_yaml(path: Path, root: Path | None = None) -> tuple[YamlFile | None, list[Problem]]:
    """Read one story file. Returns the file (or None) and the problems found. With `root`,
    a file that resolves outside that folder (through a link) is refused, not read."""
    if root is not None and outside(root, path):
        return None, [Problem.at(path, None, "this file links to a file outside the story "
                                 "folder, which is not read: copy the file into the folder")]
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
    except yaml.reader.ReaderError as error:
        return None, [_reader_problem(path, text, error)]
    except yaml.YAMLError as error:
        message = " ".join(str(error).split())
        return None, [Problem.at(path, None, f"YAML error: {safetext.excerpt(message, 200)}")]
    except RecursionError:
        return None, [Problem.at(path, None, f"nesting is too deep (more than {MAX_DEPTH} levels)")]
    if root is None:
        return YamlFile(path, None, None), [
            Problem.at(path, None, "file holds no data: add a story, an arc or scenes",
                       "warning")]
    if "*" in text:  # aliases: refuse a bomb before spending time expanding it
        bomb = _expanding_without_bound(root)
        if bomb is not None:
            return None, [Problem.at(path, bomb.start_mark, f"too many values (over "
                                     f"{MAX_VALUES:,}); aliases may be expanding without bound")]
    problems: list[Problem] = []
    builder = _Builder(path, problems, text)
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


def _expanding_without_bound(root: Node) -> Node | None:
    """The innermost node whose aliases expand to more than MAX_VALUES values, or None.

    Counted once per distinct node (aliases share nodes), so an alias bomb is found in the
    time it takes to read, not in the time it would take to expand; nesting deeper than
    MAX_DEPTH (and alias loops) is left for the builder to report."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node, depth: int) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if depth > MAX_DEPTH or id(node) in active:
            return 1
        active.add(id(node))
        children = node.value if isinstance(node, SequenceNode) else \
            [value for _, value in node.value] if isinstance(node, MappingNode) else []
        total = 1 + sum(size(child, depth + 1) for child in children)
        active.discard(id(node))
        sizes[id(node)] = total
        return total

    if size(root, 0) <= MAX_VALUES:
        return None
    node = root
    while True:
        children = node.value if isinstance(node, SequenceNode) else \
            [value for _, value in node.value] if isinstance(node, MappingNode) else []
        over = next((c for c in children if sizes.get(id(c), 0) > MAX_VALUES), None)
        if over is None:
            return node
        node = over


def _reader_problem(path: Path, text: str, error) -> Problem:
    """One located line for a character YAML refuses to read (a control character).

    PyYAML's own message is two lines, with a position counted in characters by one loader
    and in bytes by the other; the character itself is found in the text instead."""
    char = chr(error.character) if isinstance(error.character, int) else str(error.character)
    index = text.find(char) if char else -1
    if index < 0:
        index = min(max(int(error.position or 0), 0), len(text))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(str(path), line, col, f"control character {safetext.describe(char)} is not "
                   "allowed in a story file: delete it (story files are plain text)")


# How a double-quoted YAML string writes a control character: escapes, and literal tabs.
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\t", re.S)
_ESCAPED = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", "N": "\x85"}
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _escaped_char(match: re.Match) -> str:
    code = match.group(1)
    if code is None:
        return match.group()
    if len(code) > 1:
        return chr(min(int(code[1:], 16), 0x10FFFF))
    return _ESCAPED.get(code, "")


class _Builder:
    """Turns a node tree into plain dicts, lists and scalars, checking as it goes."""

    __slots__ = ("path", "problems", "count", "text", "lines")

    def __init__(self, path: Path, problems: list[Problem], text: str = ""):
        self.path = path
        self.problems = problems
        self.count = 0
        self.text = text
        self.lines: list[str] | None = None

    def check_text(self, node: ScalarNode) -> None:
        """Refuse a control character (other than newline) in text, at its line and column."""
        index = safetext.first_control(node.value)
        if index is None:
            return
        char = node.value[index]
        line, col = self.control_source(node) or (node.start_mark.line, node.start_mark.column)
        self.problems.append(Problem(
            str(self.path), line + 1, col + 1,
            f"control character {safetext.describe(char)} in text: remove it (text may hold "
            "printable characters and line breaks only" + (", and spaces, not tabs)"
                                                          if char == "\t" else ")")))

    def control_source(self, node: ScalarNode) -> tuple[int, int] | None:
        """Where in the file the scalar's first control character is written (0-based)."""
        if self.lines is None:
            self.lines = _BREAKS.split(self.text)
        first, last = node.start_mark, node.end_mark
        for number in range(first.line, min(last.line, len(self.lines) - 1) + 1):
            line = self.lines[number]
            start = first.column if number == first.line else 0
            end = last.column if number == last.line else len(line)
            for match in _ESCAPE.finditer(line, start, end):
                if node.style == '"' or match.group(1) is None:
                    if safetext.first_control(_escaped_char(match)) is not None:
                        return number, match.start()
        return None

    def number(self, node: ScalarNode, construct) -> Any:
        """An int or float scalar, or a located stop when it cannot be read or is too big."""
        kind = "whole number" if node.tag == _INT else "number"
        written = node.value.replace("_", "")
        if len(written) > MAX_NUMBER_CHARS and node.tag == _INT:
            raise _Stop(node.start_mark, f"a number {len(written):,} characters long is too "
                        f"large (the largest is {MAX_NUMBER:,})")
        try:
            value = construct(node)
        except (ValueError, TypeError, LookupError, ArithmeticError):
            raise _Stop(node.start_mark, f"{safetext.excerpt(node.value)!r} is not a {kind}: "
                        "fix it, or remove the '!!' tag before it") from None
        if node.tag == _INT and abs(value) > MAX_NUMBER:
            raise _Stop(node.start_mark, f"{safetext.excerpt(node.value)!r} is too large "
                        f"(the largest is {MAX_NUMBER:,})")
        return value

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
                self.check_text(node)
                return node.value
            if tag == _INT:
                return self.number(node, _scalar_constructor.construct_yaml_int)
            if tag == _BOOL:
                if node.value.lower() not in _scalar_constructor.bool_values:
                    raise _Stop(node.start_mark, f"{safetext.excerpt(node.value)!r} is not "
                                "true or false: fix it, or remove the '!!bool' tag before it")
                return _scalar_constructor.construct_yaml_bool(node)
            if tag == _NULL:
                return None
            if tag == _FLOAT:
                return self.number(node, _scalar_constructor.construct_yaml_float)
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
                self.check_text(key_node)
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
