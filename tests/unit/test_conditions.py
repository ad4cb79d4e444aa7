"""The condition language: parsed by our own grammar, compiled to closures, never eval."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.story.conditions import FLAG, NUMBER, ConditionError, compile_condition

KINDS = {"loyalty": NUMBER, "fear": NUMBER, "suspicion": NUMBER, "signed": FLAG,
         "names": NUMBER, "case.named_b": FLAG}
SCENES = {"one", "two"}


def holds(source: str, visited=(), **values) -> bool:
    base = {"loyalty": 50, "fear": 40, "suspicion": 10, "signed": False, "names": 0,
            "case.named_b": False}
    base.update({k.replace("__", "."): v for k, v in values.items()})
    return compile_condition(source, KINDS, SCENES)(base, set(visited))


@pytest.mark.parametrize("source, expected", [
    ("fear < 50", True), ("fear <= 40", True), ("fear > 40", False), ("fear >= 41", False),
    ("fear == 40", True), ("fear != 40", False), ("50 > fear", True),
    ("signed", False), ("not signed", True), ("signed == false", True),
    ("fear < 50 and loyalty > 60", False), ("fear < 50 or loyalty > 60", True),
    ("not fear > 50 and not signed", True), ("true", True), ("false or true", True),
    ("(fear > 50 or loyalty == 50) and suspicion < 20", True),
    ("fear > 50 or loyalty == 50 and suspicion > 20", False),  # and binds tighter than or
    ("visited(one)", True), ("visited(two)", False), ("not visited(two) and names == 0", True),
    ("case.named_b", False), ("fear > -5", True),
])
def test_evaluation(source, expected):
    assert holds(source, visited={"one"}) is expected


@pytest.mark.parametrize("source, offset, fragment", [
    ("fear < 50 && signed", 10, "use 'and'"),
    ("fear = 50", 5, "use '=='"),
    ("nerve > 3", 0, "unknown name 'nerve'"),
    ("fearr > 3", 0, "did you mean 'fear'"),
    ("case.unknown", 0, "unknown case file entry"),
    ("fear", 0, "a number on its own"),
    ("signed > 3", 0, "compares numbers"),
    ("fear == signed", 5, "same kind"),
    ("(fear > 3", 9, "missing ')'"),
    ("fear >", 6, "ends too soon"),
    ("fear > 3 signed", 9, "expected 'and', 'or'"),
    ("visited(three)", 8, "no scene 'three'"),
    ("visited one", 8, "write visited(scene_id)"),
    ("", 0, "empty condition"),
    ("and fear > 3", 0, "needs something before it"),
    ("__import__('os')", 11, "unexpected"),
])
def test_errors_have_offsets(source, offset, fragment):
    with pytest.raises(ConditionError) as caught:
        compile_condition(source, KINDS, SCENES)
    assert fragment in caught.value.message
    assert caught.value.offset == offset


def test_nesting_and_length_are_bounded():
    with pytest.raises(ConditionError, match="nested"):
        compile_condition("(" * 30 + "fear > 1" + ")" * 30, KINDS)
    with pytest.raises(ConditionError, match="too long"):
        compile_condition(" or ".join(["fear > 1"] * 100), KINDS)


def test_names_and_visits_are_collected():
    condition = compile_condition("case.named_b and fear > 3 or visited(two)", KINDS, SCENES)
    assert condition.names == {"case.named_b", "fear"}
    assert condition.visits == {"two"}


comparisons = st.tuples(st.sampled_from(["loyalty", "fear", "suspicion"]),
                        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
                        st.integers(0, 100))


@given(st.lists(comparisons, min_size=1, max_size=5), st.lists(st.booleans(), min_size=4,
       max_size=4), st.integers(0, 100), st.integers(0, 100), st.integers(0, 100))
def test_matches_a_reference_evaluation(parts, joins, loyalty, fear, suspicion):
    """`and` binds tighter than `or`, as in Python; compare with a hand-built reference."""
    import operator

    ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
           "==": operator.eq, "!=": operator.ne}
    values = {"loyalty": loyalty, "fear": fear, "suspicion": suspicion, "signed": False,
              "names": 0, "case.named_b": False}
    words = ["and" if j else "or" for j in joins[:len(parts) - 1]]
    source = " ".join(f"{n} {o} {v}" + (f" {words[i]}" if i < len(words) else "")
                      for i, (n, o, v) in enumerate(parts))
    results = [ops[o](values[n], v) for n, o, v in parts]
    groups, current = [], results[0]
    for word, result in zip(words, results[1:], strict=False):
        if word == "and":
            current = current and result
        else:
            groups.append(current)
            current = result
    groups.append(current)
    assert compile_condition(source, KINDS)(values, set()) is any(groups)
