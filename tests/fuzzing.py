"""Seeded mutations of the shipped story, of saves and of session files, for the fuzz tests.

Every mutant is made from its seed alone (`Mutant.make(seed)`), so a failure names a seed
that rebuilds it exactly: `python -m tests.fuzzing SEED FOLDER` writes that mutant's story.
"""

from __future__ import annotations

import copy
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SCENES = Path(__file__).resolve().parents[1] / "scenes"
STORY_FILES = {path.name: path.read_bytes() for path in sorted(SCENES.glob("*.yaml"))}

ODD = ["\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\ufeff", "\x00", "\u0301" * 50,
       "\U0001f600", "\u2028", "\u2029", "\x85", "\x1b]0;title\x07", "\x1b[2J", "\x9b31m",
       "\t", "\r", "\x7f", "\ufffd", "ا" * 30, "[/]", "[@click=app.quit]x[/]", "<script>",
       "\\", '"', "'", "%", "{{", "}}", "&a", "*a", "!", "|", ">", "#", ": ", "- ", "? ",
       "@", "`"]
NUMBERS = ["9" * 5000, "-" + "9" * 4400, "1e999", "-0", "0x" + "f" * 40, "0o777777777777777",
           "1_000", ".inf", "-.inf", ".nan", "1:2:3:4:5", "0b" + "1" * 200, "+12", "1.5",
           "99999999999999999999", "007", "-1", "101", "1000", "=" + "9" * 5000, "'=40'",
           "\"=\u0664\u0660\"", "\"=" + "9" * 30 + "\""]
TAGS = ["!!float abc", "!!int abc", "!!bool maybe", "!!int", "!!float", "!!binary aGk=",
        "!!python/object/apply:os.system ['true']", "!!timestamp 2020-99-99", "!!set {a}",
        "!!omap [a: 1]", "!!str 5", "!custom x", "!!null x", "!!seq x", "!!map x",
        "!<tag:yaml.org,2002:int> x", "!!pairs [a: 1]", "!!merge x", "&anchor x", "*alias",
        "!!timestamp 2001-12-14t21:59:43.10-05:00", "!!float 1e400", "!!int 0x" + "f" * 50]
VALUES = ["[]", "{}", "null", "~", "", "[[[[[[[[]]]]]]]]", "{a: {b: {c: {}}}}", "true",
          "yes", "no", "on", "'text'", '"text"', "|", ">", "- x", "? x", "x: y: z",
          "[a, b", "{a: 1", "'unclosed", '"unclosed', "*undefined", "&a [*a]",
          "<<: {a: 1}"]
KEYS = ["text", "choices", "routes", "ending", "goto", "if", "effects", "tag", "locked",
        "title", "kind", "historical", "prompts", "on_enter", "notes", "arc", "scenes",
        "story", "id", "accused", "rank", "dossier", "start", "meters", "flags", "opening",
        "case", "by", "names", "arcs", "subtitle", "in_novel", "loyalty", "fear",
        "suspicion", "<<", "1", "true", "null", "2020-01-01", "[x]", "{x}"]


def deep_condition(rng: random.Random) -> str:
    depth = rng.choice([5, 19, 20, 21, 60, 240])
    kind = rng.randrange(4)
    if kind == 0:
        return "(" * depth + "fear < 50" + ")" * depth
    if kind == 1:
        return " and ".join(["fear < 50"] * depth)
    if kind == 2:
        return "not " * depth + "true"
    return "(" * depth + "fear < 50"  # unbalanced


@dataclass
class Mutant:
    seed: int
    files: dict[str, bytes]
    steps: list[str]

    @classmethod
    def make(cls, seed: int) -> Mutant:
        rng = random.Random(seed)
        files = dict(STORY_FILES)
        steps = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            name = rng.choice(sorted(files))
            operator = rng.choice(OPERATORS)
            files[name] = operator(rng, files[name])
            steps.append(f"{operator.__name__}({name})")
        return cls(seed, files, steps)

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            (folder / name).write_bytes(data)

    def __str__(self) -> str:
        return f"seed {self.seed}: {', '.join(self.steps)}"


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(rng: random.Random, lines: list[bytes], pattern: bytes | None = None) -> int:
    candidates = [i for i, line in enumerate(lines) if pattern is None or re.search(pattern, line)]
    return rng.choice(candidates) if candidates else rng.randrange(len(lines))


def flip_bytes(rng, data: bytes) -> bytes:
    if not data:  # an earlier step may have emptied the file
        return data
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(buffer))
        buffer[position] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def delete_lines(rng, data: bytes) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    del lines[start:start + rng.choice([1, 1, 2, 5, 20])]
    return b"\n".join(lines)


def duplicate_lines(rng, data: bytes) -> bytes:
    lines = _lines(data)
    start = rng.randrange(len(lines))
    chunk = lines[start:start + rng.choice([1, 1, 3, 10])]
    lines[start:start] = chunk * rng.choice([1, 1, 2, 50])
    return b"\n".join(lines)


def swap_lines(rng, data: bytes) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def rename_key(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines, rb"^\s*-?\s*[A-Za-z_.\"]+:")
    match = re.match(rb"^(\s*-?\s*)([^:]+):", lines[index])
    if match is None:
        return data
    key = match.group(2).decode("utf-8", "replace")
    kind = rng.randrange(4)
    if kind == 0:
        new = rng.choice(KEYS)
    elif kind == 1 and len(key) > 1:
        cut = rng.randrange(len(key))
        new = key[:cut] + key[cut + 1:]
    elif kind == 2:
        new = key + rng.choice(ODD)
    else:
        new = key.upper() if key.islower() else "x" * rng.choice([1, 64, 65, 2000])
    lines[index] = match.group(1) + new.encode("utf-8", "surrogatepass") + \
        lines[index][match.end(2):]
    return b"\n".join(lines)


def odd_unicode(rng, data: bytes) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(len(text) + 1)
        text = text[:position] + rng.choice(ODD) + text[position:]
    return text.encode("utf-8", "surrogateescape")


def huge_number(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines, rb"[-+=]?\d+")
    lines[index] = re.sub(rb"[-+=]?\d+", rng.choice(NUMBERS).encode(), lines[index], count=1)
    return b"\n".join(lines)


def deep_condition_op(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines, rb"^\s*-?\s*if:")
    match = re.match(rb"^(\s*-?\s*if:).*$", lines[index])
    if match is None:
        return data
    lines[index] = match.group(1) + b" " + json.dumps(deep_condition(rng)).encode()
    return b"\n".join(lines)


def long_line(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    lines[index] = lines[index] + b"x" * rng.choice([1000, 20_000, 100_000, 1_000_000])
    return b"\n".join(lines)


def invalid_utf8(rng, data: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    junk = rng.choice([b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82", b"\x80",
                       b"\xf8\x88\x80\x80\x80"])
    return data[:position] + junk + data[position:]


def bom(rng, data: bytes) -> bytes:
    marks = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]
    if rng.random() < 0.5:
        return rng.choice(marks) + data
    position = rng.randrange(len(data) + 1)
    return data[:position] + b"\xef\xbb\xbf" + data[position:]


def line_endings(rng, data: bytes) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:
        return data.replace(b"\n", b"\r\n")
    if kind == 1:
        return data.replace(b"\n", b"\r")
    lines = _lines(data)
    index = rng.randrange(len(lines))
    lines[index] += rng.choice([b"\r", b"\r\r", b"\x0b", b"\x0c"])
    return b"\n".join(lines)


def explicit_tag(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines, rb":\s+\S")
    match = re.match(rb"^(.*?:\s+)(\S.*)$", lines[index])
    if match is None:
        return data
    lines[index] = match.group(1) + rng.choice(TAGS).encode() + (
        b" " + match.group(2) if rng.random() < 0.3 else b"")
    return b"\n".join(lines)


def replace_value(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines, rb":\s+\S")
    match = re.match(rb"^(.*?:\s+)(\S.*)$", lines[index])
    if match is None:
        return data
    lines[index] = match.group(1) + rng.choice(VALUES).encode()
    return b"\n".join(lines)


def indentation(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    change = rng.choice([b" ", b"  ", b"\t", b"    " * 30])
    if rng.random() < 0.5 and lines[index].startswith(b" "):
        lines[index] = lines[index][rng.randint(1, 4):]
    else:
        lines[index] = change + lines[index]
    return b"\n".join(lines)


def truncate(rng, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def escaped_control(rng, data: bytes) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines, rb'"[^"]*"')
    escape = rng.choice([b"\\e]0;x\\a", b"\\x1b[2J", b"\\u009b", b"\\0", b"\\t", b"\\r",
                         b"\\N", b"\\L", b"\\P", b"\\_", b"\\U0010ffff", b"\\ud800",
                         b"\\x", b"\\q"])
    lines[index] = lines[index].replace(b'"', b'"' + escape, 1)
    return b"\n".join(lines)


def alias_bomb(rng, data: bytes) -> bytes:
    width = rng.choice([2, 3, 9])
    bomb = [b"bomb0: &a0 [x, x]"]
    for level in range(1, rng.choice([3, 5, 8, 8, 8, 8, 25])):  # the last over the cap
        refs = b", ".join([b"*a%d" % (level - 1)] * width)
        bomb.append(b"bomb%d: &a%d [%s]" % (level, level, refs))
    return data + b"\n" + b"\n".join(bomb) + b"\n"


def garbage(rng, data: bytes) -> bytes:
    position = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(32, 127) for _ in range(rng.randint(1, 40)))
    return data[:position] + junk + data[position:]


def empty(rng, data: bytes) -> bytes:
    return rng.choice([b"", b"\n", b"---\n", b"---\n---\n", b"# only a comment\n", b"...\n",
                       b"%YAML 1.1\n---\nx: 1\n", b"%TAG ! tag:x,2000:\n---\n!a b\n"])


OPERATORS = [flip_bytes, delete_lines, duplicate_lines, swap_lines, rename_key, odd_unicode,
             huge_number, deep_condition_op, long_line, invalid_utf8, bom, line_endings,
             explicit_tag, replace_value, indentation, truncate, escaped_control, alias_bomb,
             garbage, empty]


# JSON files: saves and sessions ----------------------------------------------------------

JSON_ODD = [None, True, False, 0, -1, 1.5, float("nan"), 10**30, -(10**30), 2**63, "", "x",
            "\x1b]0;x\x07", "[/]", "../../etc", "a" * 5000, [], {}, [[[[]]]], {"a": {"b": {}}},
            [1, 2], ["x"], {"x": 1}, "autosave", "obey", "betray", 101, 100, 999, 1000,
            "2024-01-01T00:00:00+00:00"]


def mutate_json(rng: random.Random, document) -> tuple[bytes, list[str]]:
    """A damaged copy of a JSON document: values replaced, keys dropped or added, or the
    text itself damaged. Returns the bytes and what was done."""
    steps = []
    data = json.loads(json.dumps(document))
    for _ in range(rng.choice([1, 1, 2, 3])):
        paths = list(_json_paths(data))
        path = rng.choice(paths) if paths else ()
        kind = rng.randrange(5)
        parent, key = _parent(data, path)
        if kind == 0 and parent is not None:
            parent[key] = copy.deepcopy(rng.choice(JSON_ODD))
            steps.append(f"set {'.'.join(map(str, path))}")
        elif kind == 1 and isinstance(parent, dict):
            del parent[key]
            steps.append(f"drop {'.'.join(map(str, path))}")
        elif kind == 2 and isinstance(parent, dict):
            parent[rng.choice(["extra", "\x1b", "values", "0", ""])] = \
                copy.deepcopy(rng.choice(JSON_ODD))
            steps.append(f"add in {'.'.join(map(str, path[:-1]))}")
        elif kind == 3 and isinstance(parent, list):
            parent.append(copy.deepcopy(rng.choice(JSON_ODD)))
            steps.append(f"append to {'.'.join(map(str, path[:-1]))}")
        else:
            steps.append("text")
            text = json.dumps(data, indent=1).encode()
            operator = rng.choice([flip_bytes, truncate, invalid_utf8, garbage, bom,
                                   duplicate_lines, delete_lines])
            return operator(rng, text), steps + [operator.__name__]
    return json.dumps(data, indent=1, ensure_ascii=rng.random() < 0.5).encode(), steps


def _json_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix + (key,)
            yield from _json_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield prefix + (index,)
            yield from _json_paths(value, prefix + (index,))


def _parent(data, path):
    if not path:
        return None, None
    node = data
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


if __name__ == "__main__":  # python -m tests.fuzzing SEED FOLDER
    mutant = Mutant.make(int(sys.argv[1]))
    mutant.write(Path(sys.argv[2]))
    print(mutant)
