"""Dataclasses built from untrusted JSON, checked against their own annotations."""

from __future__ import annotations

import pytest

from game.engine.state import PlayState, Step
from game.engine.untrusted import ShapeError, from_untrusted

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
