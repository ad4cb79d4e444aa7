"""The condition language: a small grammar of our own, parsed once at load, never `eval`.

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := operand (("<" | "<=" | ">" | ">=" | "==" | "!=") operand)?
    operand    := NUMBER | "true" | "false" | NAME | "visited" "(" SCENE ")" | "(" or ")"

NAME is a meter (`fear`), an arc flag or counter (`signed`), or a case file entry
(`case.erchov_named_rublev`). A condition compiles to a plain Python closure taking the
current values (a dict) and the set of visited scenes; the game, the validator and the
explorer all call the same closure.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_CONDITION_LENGTH = 500
MAX_CONDITION_DEPTH = 20

Test = Callable[[Mapping[str, int], "set[str] | frozenset[str]"], bool]

_COMPARATORS = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}
_TOKEN = re.compile(
    r"\s*(?:(?P<number>-?\d+)|(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()])"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(?P<bad>\S))"
)
_HINTS = {"&": "use 'and'", "|": "use 'or'", "!": "use 'not' (or '!=')", "=": "use '=='"}


class ConditionError(ValueError):
    """A condition that does not parse or names something unknown; `offset` is 0-based."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True, slots=True)
class Condition:
    source: str
    test: Test
    names: frozenset[str]
    visits: frozenset[str]
    tree: tuple = ()  # the parsed form (see `_Parser`), for saying in words what it needs

    def __call__(self, values: Mapping[str, int], visited) -> bool:
        return self.test(values, visited)


# Kinds of names a condition may use. "number" values compare; "flag" values are true/false.
NUMBER, FLAG = "number", "flag"


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    offset: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            break
        kind = match.lastgroup
        if kind is None:  # trailing spaces
            break
        text = match.group(kind)
        offset = match.start(kind)
        if kind == "bad":
            hint = _HINTS.get(text, "")
            raise ConditionError(offset, f"unexpected {text!r} in condition"
                                 + (f": {hint}" if hint else ""))
        tokens.append(_Token(kind, text, offset))
        position = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


class _Parser:
    """Parses a condition into a tree of tuples; `compile_tree` turns the tree into a closure.

    Trees: ("number", n), ("bool", b), ("name", NAME, kind), ("visited", SCENE),
    ("compare", op, left, right), ("and", (parts...)), ("or", (parts...)), ("not", inner).
    """

    def __init__(self, source: str, kinds: Mapping[str, str], scenes):
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.kinds = kinds
        self.scenes = scenes
        self.names: set[str] = set()
        self.visits: set[str] = set()
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def is_word(self, word: str) -> bool:
        return self.token.kind == "name" and self.token.text == word

    def parse(self) -> tuple[tuple, str]:
        if self.token.kind == "end":
            raise ConditionError(0, "empty condition")
        tree, kind = self.parse_or()
        if self.token.kind != "end":
            raise ConditionError(self.token.offset,
                                 f"unexpected {self.token.text!r}: expected 'and', 'or' "
                                 "or the end of the condition")
        return tree, kind

    def boolean(self, parsed: tuple[tuple, str], offset: int) -> tuple:
        tree, kind = parsed
        if kind == NUMBER:
            raise ConditionError(offset, "a number on its own is not true or false: "
                                 "compare it, as in 'fear > 50'")
        return tree

    def parse_joined(self, word: str, parse_part) -> tuple[tuple, str]:
        offset = self.token.offset
        left = parse_part()
        if not self.is_word(word):
            return left
        parts = [self.boolean(left, offset)]
        while self.is_word(word):
            self.advance()
            offset = self.token.offset
            parts.append(self.boolean(parse_part(), offset))
        return (word, tuple(parts)), FLAG

    def parse_or(self) -> tuple[tuple, str]:
        return self.parse_joined("or", self.parse_and)

    def parse_and(self) -> tuple[tuple, str]:
        return self.parse_joined("and", self.parse_not)

    def parse_not(self) -> tuple[tuple, str]:
        if self.is_word("not"):
            self.advance()
            offset = self.token.offset
            return ("not", self.boolean(self.parse_not(), offset)), FLAG
        return self.parse_comparison()

    def parse_comparison(self) -> tuple[tuple, str]:
        left_offset = self.token.offset
        left, left_kind = self.parse_operand()
        if self.token.kind != "op":
            return left, left_kind
        op_token = self.advance()
        right_offset = self.token.offset
        right, right_kind = self.parse_operand()
        if op_token.text not in ("==", "!="):
            for kind, offset in ((left_kind, left_offset), (right_kind, right_offset)):
                if kind != NUMBER:
                    raise ConditionError(offset, f"'{op_token.text}' compares numbers; "
                                         "this side is true/false")
        elif left_kind != right_kind:
            raise ConditionError(op_token.offset, "'==' and '!=' need both sides of the same "
                                 "kind (two numbers, or two true/false values)")
        return ("compare", op_token.text, left, right), FLAG

    def parse_operand(self) -> tuple[tuple, str]:
        token = self.token
        if token.kind == "number":
            self.advance()
            return ("number", int(token.text)), NUMBER
        if token.kind == "paren" and token.text == "(":
            self.depth += 1
            if self.depth > MAX_CONDITION_DEPTH:
                raise ConditionError(token.offset, "too many nested parentheses")
            self.advance()
            tree, kind = self.parse_or()
            if not (self.token.kind == "paren" and self.token.text == ")"):
                raise ConditionError(self.token.offset, "missing ')'")
            self.advance()
            self.depth -= 1
            return tree, kind
        if token.kind == "name":
            self.advance()
            word = token.text
            if word in ("true", "false"):
                return ("bool", word == "true"), FLAG
            if word in ("and", "or", "not"):
                raise ConditionError(token.offset, f"'{word}' needs something before it")
            if word == "visited":
                return self.parse_visited(token)
            kind = self.kinds.get(word)
            if kind is None:
                raise ConditionError(token.offset, _unknown_name_message(word, self.kinds))
            self.names.add(word)
            return ("name", word, kind), kind
        if token.kind == "end":
            raise ConditionError(token.offset, "the condition ends too soon")
        raise ConditionError(token.offset, f"unexpected {token.text!r}")

    def parse_visited(self, token: _Token) -> tuple[tuple, str]:
        if not (self.token.kind == "paren" and self.token.text == "("):
            raise ConditionError(self.token.offset, "write visited(scene_id)")
        self.advance()
        scene_token = self.token
        if scene_token.kind != "name" or "." in scene_token.text:
            raise ConditionError(scene_token.offset, "visited() takes one scene id")
        self.advance()
        if not (self.token.kind == "paren" and self.token.text == ")"):
            raise ConditionError(self.token.offset, "missing ')' after the scene id")
        self.advance()
        scene = scene_token.text
        if self.scenes is not None and scene not in self.scenes:
            raise ConditionError(scene_token.offset, f"visited({scene}): no scene {scene!r} "
                                 "in this arc")
        self.visits.add(scene)
        return ("visited", scene), FLAG


_NAME_VS_CONSTANT = {
    "<": lambda key, c: lambda v, s: v[key] < c,
    "<=": lambda key, c: lambda v, s: v[key] <= c,
    ">": lambda key, c: lambda v, s: v[key] > c,
    ">=": lambda key, c: lambda v, s: v[key] >= c,
    "==": lambda key, c: lambda v, s: v[key] == c,
    "!=": lambda key, c: lambda v, s: v[key] != c,
}
_CONSTANT_VS_NAME = {
    "<": lambda c, key: lambda v, s: c < v[key],
    "<=": lambda c, key: lambda v, s: c <= v[key],
    ">": lambda c, key: lambda v, s: c > v[key],
    ">=": lambda c, key: lambda v, s: c >= v[key],
    "==": lambda c, key: lambda v, s: c == v[key],
    "!=": lambda c, key: lambda v, s: c != v[key],
}


def compile_tree(tree: tuple, slots: Mapping[str, object] | None = None) -> Test:
    """The closure for a parsed tree: what the game, validator and explorer all call.

    The values it reads are a dict by name; with `slots` (name -> key), they are read at
    `values[slots[name]]` instead, e.g. from a tuple of values in a fixed order (the
    explorer's packed states)."""
    head = tree[0]
    if head == "number" or head == "bool":
        value = tree[1]
        return lambda v, s: value
    if head == "name":
        word = tree[1] if slots is None else slots[tree[1]]
        if tree[2] == FLAG:
            return lambda v, s: bool(v[word])
        return lambda v, s: v[word]
    if head == "visited":
        scene = tree[1]
        return lambda v, s: scene in s
    if head == "not":
        inner = compile_tree(tree[1], slots)
        return lambda v, s: not inner(v, s)
    if head in ("and", "or"):
        parts = tuple(compile_tree(part, slots) for part in tree[1])
        if len(parts) == 2:
            a, b = parts
            if head == "and":
                return lambda v, s: a(v, s) and b(v, s)
            return lambda v, s: a(v, s) or b(v, s)
        if head == "and":
            return lambda v, s: all(p(v, s) for p in parts)
        return lambda v, s: any(p(v, s) for p in parts)
    _, op, left, right = tree
    compare = _COMPARATORS[op]
    constant = ("number", "bool")
    # A number compared with a constant (most conditions: `fear > 60`): one closure.
    if right[0] == "number" and left[0] == "name" and left[2] == NUMBER:
        key = left[1] if slots is None else slots[left[1]]
        return _NAME_VS_CONSTANT[op](key, right[1])
    if left[0] == "number" and right[0] == "name" and right[2] == NUMBER:
        key = right[1] if slots is None else slots[right[1]]
        return _CONSTANT_VS_NAME[op](left[1], key)
    if right[0] in constant and left[0] not in constant:
        left_get, right_const = compile_tree(left, slots), right[1]
        return lambda v, s: compare(left_get(v, s), right_const)
    if left[0] in constant and right[0] not in constant:
        left_const, right_get = left[1], compile_tree(right, slots)
        return lambda v, s: compare(left_const, right_get(v, s))
    left_get, right_get = compile_tree(left, slots), compile_tree(right, slots)
    return lambda v, s: compare(left_get(v, s), right_get(v, s))


CASE_MATCH_CUTOFF = 0.85  # case entries of other arcs look alike; suggest only near-twins


def _unknown_name_message(word: str, kinds: Mapping[str, str]) -> str:
    import difflib

    if word.startswith("case."):
        entries = [name[5:] for name in kinds if name.startswith("case.")]
        close = difflib.get_close_matches(word[5:], entries, n=1, cutoff=CASE_MATCH_CUTOFF)
        hint = f" (did you mean 'case.{close[0]}'?)" if close else ""
        return (f"unknown case file entry {word!r}{hint}: declare it under story.case "
                "in story.yaml (or under arc.case in the file of the arc that writes it), "
                f"as in `case: {{{word[5:]}: {{text: \"What the case file records.\"}}}}`")
    close = difflib.get_close_matches(word, list(kinds), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown name {word!r}{hint}: meters are loyalty, fear and suspicion; " \
        "declare flags and counters under arc.flags"


def compile_condition(source: str, kinds: Mapping[str, str], scenes=None) -> Condition:
    """Parse and compile a condition. `kinds` maps every usable name to NUMBER or FLAG;
    `scenes` (optional) is the set of scene ids that `visited()` may name."""
    if len(source) > MAX_CONDITION_LENGTH:
        raise ConditionError(0, f"condition is too long (over {MAX_CONDITION_LENGTH} characters)")
    parser = _Parser(source, kinds, scenes)
    tree, kind = parser.parse()
    if kind == NUMBER:
        raise ConditionError(0, "a number on its own is not true or false: compare it, "
                             "as in 'fear > 50'")
    return Condition(source, compile_tree(tree), frozenset(parser.names),
                     frozenset(parser.visits), tree)
