"""A condition said in plain words: what a locked choice needs, and where things stand now.

    needs fear below 30 (now 50)
    needs loyalty 60 or more (now 45), and not to have kept the carbon
    needs either fear below 40 (now 55) or to have been through "The corrections"

One function, `needs_words`, used by every front end (the scene screen, plain mode, the
vote dialog). It reads the condition's parsed tree (`Condition.tree`), so it speaks for
every operator, for and/or/not, flags, counters, `case.ID` and `visited()`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from game.story.conditions import FLAG, Condition, compile_tree

_SAID = {"<": "below {n}", "<=": "{n} or less", ">": "above {n}", ">=": "{n} or more",
         "==": "exactly {n}", "!=": "anything but {n}"}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def plain_name(name: str) -> str:
    """`kept_carbon` -> `kept carbon`; `case.erchov_named_rublev` -> `erchov named rublev`."""
    return name.removeprefix("case.").replace("_", " ")


def needs_words(condition: Condition, values: Mapping, visited,
                scene_title: Callable[[str], str] | None = None) -> str:
    """`needs ...` for a condition that does not hold now. For `and`, only the parts that
    fail are named (they are what the player must change)."""
    return "needs " + _words(condition.tree, values, visited, scene_title or str, True)


def _holds(tree: tuple, values: Mapping, visited) -> bool:
    return bool(compile_tree(tree)(values, visited))


def _words(tree: tuple, values, visited, title, positive: bool) -> str:
    head = tree[0]
    if head == "and" and positive:
        failing = [part for part in tree[1] if not _holds(part, values, visited)] or tree[1]
        return ", and ".join(_words(p, values, visited, title, True) for p in failing)
    if head == "or" and positive:
        return "either " + " or ".join(_words(p, values, visited, title, True)
                                       for p in tree[1])
    if head in ("and", "or") and not positive:
        # not (a and b) = not a or not b; not (a or b) = not a and not b
        joiner = " or " if head == "and" else ", and "
        return joiner.join(_words(p, values, visited, title, False) for p in tree[1])
    if head == "not":
        return _words(tree[1], values, visited, title, not positive)
    if head == "bool":
        return "nothing" if tree[1] == positive else "something that can never be"
    if head == "visited":
        where = f'"{title(tree[1])}"'
        return f"to have been through {where}" if positive else f"not to have been through {where}"
    if head == "name":
        return _flag_words(tree[1], positive)
    if head == "compare":
        return _compare_words(tree, values, positive)
    return "something else"


def _flag_words(name: str, positive: bool) -> str:
    if name.startswith("case."):
        entry = plain_name(name)
        return (f"the case file to hold: {entry}" if positive
                else f"the case file not to hold: {entry}")
    return plain_name(name) if positive else f"not {plain_name(name)}"


def _compare_words(tree: tuple, values, positive: bool) -> str:
    _, op, left, right = tree
    if left[0] != "name" and right[0] == "name":
        left, right, op = right, left, _FLIPPED[op]
    if not positive:
        op = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}[op]
    if left[0] != "name":
        return f"{_side(left)} {op} {_side(right)}"
    name = left[1]
    if left[2] == FLAG:
        wanted = right[1] if right[0] == "bool" else None
        if wanted is None:
            return f"{plain_name(name)} {'the same as' if op == '==' else 'unlike'} " \
                f"{_side(right)}"
        return _flag_words(name, wanted == (op == "=="))
    if right[0] == "number":
        said = _SAID[op].format(n=right[1])
    else:
        said = _SAID[op].format(n=plain_name(right[1]) if right[0] == "name" else _side(right))
    now = values.get(name)
    current = f" (now {now})" if isinstance(now, int) and not isinstance(now, bool) else ""
    return f"{plain_name(name)} {said}{current}"


def _side(tree: tuple) -> str:
    if tree[0] in ("number", "bool"):
        return str(tree[1]).lower()
    if tree[0] == "name":
        return plain_name(tree[1])
    return "(...)"
