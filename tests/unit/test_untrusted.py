"""game.engine.untrusted: the one reader of untrusted JSON. Dataclasses built from it,
checked against their own annotations; the parser's guards; the one key->position mapper."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Literal

import pytest

from game.engine.state import PlayState, Step
from game.engine.untrusted import (
    ShapeError,
    bounded,
    from_untrusted,
    locate,
    parse_json,
    shape,
)

STEP = {"scene": "a", "choice": 0, "text": "t", "tag": None, "goto": "b",
        "deltas": {"fear": [10, 20]}, "meters": {"fear": 20}}
EMPTY = PlayState().to_dict()


def state(**keys):
    return {**EMPTY, **keys}


def test_a_valid_state_is_built_with_nested_dataclasses():
    built = from_untrusted(PlayState, state(arc="x", scene="a", history=[STEP],
                                            values={"fear": 5, "signed": True}))
    assert isinstance(built.history[0], Step) and built.history[0].via == []
    assert built.values == {"fear": 5, "signed": True} and built.results == {}


@pytest.mark.parametrize("data, where, message", [
    (state(arc=3), "arc", "expected text or null"),
    (state(values={"fear": "high"}), "values.fear", "expected true or false or a whole number"),
    (state(values=[]), "values", "expected an object"),
    (state(history=[dict(STEP, choice=True)]), "history.0.choice", "expected a whole number"),
    (state(history=[dict(STEP, meters={"fear": 1.5})]), "history.0.meters.fear",
     "expected a whole number"),
    (state(history=[{k: v for k, v in STEP.items() if k != "goto"}]), "history.0.goto",
     "missing"),
    (state(history=[dict(STEP, extra=1)]), "history.0.extra", "unknown key"),
    (state(history=[dict(STEP, via=["x"] * 1_001)]), "history.0.via", "more than 1,000 items"),
    (state(history=[dict(STEP, votes=["a"])]), "history.0.votes.0", "expected a whole number"),
    (state(history=[STEP] * 10_001), "history", "more than 10,000 items"),
    (state(results={"a": 1}), "results.a", "expected an object"),
    (state(wrong=1), "wrong", "unknown key"),
    ({k: v for k, v in EMPTY.items() if k != "results"}, "results", "missing"),
    ({}, "arc", "missing"),
])
def test_the_first_problem_is_named_with_where_it_is(data, where, message):
    with pytest.raises(ShapeError) as caught:
        from_untrusted(PlayState, data)
    assert (caught.value.where, caught.value.message) == (where, message)


def test_seconds_take_whole_or_fractional_numbers_but_not_true():
    assert from_untrusted(Step, dict(STEP, seconds=3)).seconds == 3
    assert from_untrusted(Step, dict(STEP, seconds=2.5)).seconds == 2.5
    with pytest.raises(ShapeError, match="seconds"):
        from_untrusted(Step, dict(STEP, seconds=True))


def test_only_fields_marked_optional_may_be_absent():
    """Older saves lack `opening` and a step's `seconds`, `votes` and `via`: they load with
    the defaults. Any other key missing means the save is damaged."""
    built = from_untrusted(PlayState, {k: v for k, v in EMPTY.items() if k != "opening"})
    assert built.opening == {}
    step = from_untrusted(Step, {k: v for k, v in STEP.items()})
    assert (step.seconds, step.votes, step.via) == (None, None, [])


# The module's own parts: the mapper, the parser's guards, bounds, and the class rules. -----

class Refused(Exception):
    pass


TEXT = """{
 "a": "the \\"b\\" key is not here",
 "b": {"c": [10, {"d": 1}, 30]},
 "e": [],
 "b": {"c": [1, 2], "z": {"y": true}}
}"""


@pytest.mark.parametrize("steps, where", [
    ((), (1, 1)),
    (("a",), (2, 2)),
    (("b",), (5, 2)),            # the last of duplicated keys, as the parser keeps
    (("b", "c", 1), (5, 17)),
    (("b", "z", "y"), (5, 27)),
    (("b", "z", "x"), (5, 21)),  # a missing key: where the object that lacks it is named
    (("e", 0), (4, 2)),          # a missing item: the same, for the list
    (("nowhere", 3), (1, 1)),
])
def test_the_mapper_finds_keys_and_items_where_they_are_written(steps, where):
    assert locate(TEXT, steps) == where


def test_the_mapper_counts_characters_not_bytes():
    text = '{"имя": "Макеев", "n": "x"}'
    assert locate(text, ("n",)) == (1, text.index('"n"') + 1)


@pytest.mark.parametrize("data, line", [
    ('{"a": 1,\n "b": [1, 2,]}', "f:2:13: not valid JSON: Expecting value"),
    ('{"a":\n  Infinity}', "f:2:3: not valid JSON: Infinity is not allowed"),
    ('{"a": "NaN", "b": -Infinity}', "f:1:19: not valid JSON: -Infinity is not allowed"),
    ('{"a": "[[[[", "b": ' + "[" * 5000 + "]" * 5000 + "}",
     "f:1:219: not valid JSON: nested too deeply (more than 200 levels)"),
    ('{"a": 1, "b": ' + "7" * 5000 + "}",
     "f:1:15: not valid JSON: a number too long (more than 4,300 digits)"),
    ("é\n".encode() + b'{"a": "\xc3"}', "f:2:8: not UTF-8 text"),
])
def test_parse_errors_are_one_located_line(data, line):
    with pytest.raises(Refused) as caught:
        parse_json(data, label="f", error=Refused)
    assert str(caught.value) == line


def test_a_line_of_a_log_counts_from_its_own_line():
    with pytest.raises(Refused, match=r"^log:7:6: not JSON"):
        parse_json('{"a" 1}', label="log", error=Refused, invalid="not JSON", first_line=7)
    document = parse_json('{"a": {"b": 1}}', label="log", error=Refused, first_line=7)
    assert document.at(("a", "b")) == "log:7:8"


@shape(ignore_unknown=True, defaults_optional=True)
@dataclass
class Item:
    name: str = bounded(min_len=1, max_len=5)
    size: int = bounded(1, ge=1, le=10)
    kind: Literal["a", "b"] = "a"
    ratio: float | None = None
    tags: list[str] | None = bounded(None, max_len=2)


@dataclass
class Box:
    items: list[Item] = bounded(max_len=3)


@pytest.mark.parametrize("data, where, message", [
    ({"items": [{"name": "x"}] * 4}, "items", "more than 3 items"),
    ({"items": [{"name": ""}]}, "items.0.name", "empty"),
    ({"items": [{"name": "toolong"}]}, "items.0.name", "more than 5 characters"),
    ({"items": [{"name": "x", "size": 0}]}, "items.0.size", "0 is less than 1"),
    ({"items": [{"name": "x", "size": 11}]}, "items.0.size", "11 is more than 10"),
    ({"items": [{"name": "x", "kind": "c"}]}, "items.0.kind", "expected one of a, b (not 'c')"),
    ({"items": [{"name": "x", "ratio": float("inf")}]}, "items.0.ratio",
     "expected a number or null"),
    ({"items": [{"name": "x", "tags": ["a", "b", "c"]}]}, "items.0.tags", "more than 2 items"),
    ({"items": [{"size": 2}]}, "items.0.name", "missing"),
    ({"items": [], "more": 1}, "more", "unknown key"),
    ({"items": [{"name": "x", "\x1b[2Jkey": 1}], "\x1b]0;t": 2}, "\x1b]0;t", "unknown key"),
])
def test_bounds_and_class_rules(data, where, message):
    with pytest.raises(ShapeError) as caught:
        from_untrusted(Box, data)
    assert caught.value.message == message
    assert ".".join(map(str, caught.value.path)) == where


def test_any_value_is_bounded_in_depth():
    @dataclass
    class Loose:
        value: object

    assert from_untrusted(Loose, {"value": [[{"a": [1]}]]}).value == [[{"a": [1]}]]
    deep: list = []
    for _ in range(300):
        deep = [deep]
    with pytest.raises(ShapeError, match="value: nested too deeply"):
        from_untrusted(Loose, {"value": deep})


def test_a_lenient_class_ignores_unknown_keys_and_fills_defaults():
    assert from_untrusted(Box, {"items": [{"name": "x", "future": [1]}]}) == \
        Box([Item("x", 1, "a", None, None)])


def test_a_located_check_names_the_field_and_its_place():
    text = json.dumps({"items": [{"name": "x"}, {"name": "y", "size": "big"}]}, indent=1)
    with pytest.raises(Refused) as caught:
        parse_json(text, label="box.json", error=Refused).check(Box, prefix="box: ")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if '"big"' in line)
    assert str(caught.value) == f"box.json:{row}:4: box: items.1.size: expected a whole number"


def test_no_reader_of_untrusted_json_loads_pydantic():
    """Saves, settings, sessions, logs, the control file and the fork server's requests are
    all read without pydantic (it stays for the scene files' schema)."""
    code = ("import sys; import game.engine.saves, game.engine.settings, "
            "game.classroom.session, game.classroom.eventlog, game.classroom.control, "
            "game.classroom.playlog, game.cli.zygote; "
            "print(sorted(m for m in ('pydantic', 'pydantic_core', 'yaml') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
