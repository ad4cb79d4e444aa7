"""The one flow rule: pure functions for opening an arc, entering a scene, following
routes and listing the choices open. The game's engine, the explorer (exhaustive and random
play) and the validator's state walk all call these, so they cannot disagree.

They work on plain values: `values` (a dict of meters, flags, counters and `case.ID`) and
`visited` (anything with `in` and `add`). They never touch a PlayState or a machine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from game.story.conditions import compile_tree
from game.story.model import Arc, Choice, Effect, Scene

MAX_ROUTE_HOPS = 1_000


class Stranded(Exception):
    """The flow cannot go on: no route holds, or routes loop without end."""

    def __init__(self, scene: Scene, reason: str):
        super().__init__(reason)
        self.scene = scene
        self.reason = reason


def opening(arc: Arc, case: Mapping[str, bool]) -> tuple[dict, list[str]]:
    """The values an arc starts with on this case file (its opening applied), and the
    dossier lines the opening adds."""
    values = arc.initial_values(case)
    lines = []
    for item in arc.opening:
        if item.condition is None or item.condition(values, ()):
            item.effects.apply(values)
            if item.dossier:
                lines.append(item.dossier)
    return values, lines


def enter(scene: Scene, values: dict, visited,
          reading: Callable[[Scene, tuple], None] | None = None) -> None:
    """Entering a scene: its on-enter effects, the visit, and (for text that varies) the
    reading of what it depends on, passed to `reading`."""
    scene.on_enter.apply(values)
    visited.add(scene.id)
    if scene.probes and reading is not None:
        reading(scene, scene.reading(values, visited))


def route_from(scene: Scene, values: Mapping, visited) -> str | None:
    """The first route of a routing scene whose condition holds (None: none holds)."""
    for route in scene.routes:
        if route.condition is None or route.condition(values, visited):
            return route.goto
    return None


def arrive(arc: Arc, scene_id: str, values: dict, visited,
           reading: Callable[[Scene, tuple], None] | None = None) -> tuple[str, list[str]]:
    """Enter `scene_id` and follow its routes until a scene with choices or an ending.
    Returns (where the player stops, the routing scenes passed). Raises Stranded."""
    passed: list[str] = []
    scene = arc.scenes[scene_id]
    enter(scene, values, visited, reading)
    while scene.routes:
        passed.append(scene.id)
        if len(passed) > MAX_ROUTE_HOPS:
            raise Stranded(scene, "routes loop without end")
        target = route_from(scene, values, visited)
        if target is None:
            raise Stranded(scene, "no route holds")
        scene = arc.scenes[target]
        enter(scene, values, visited, reading)
    return scene.id, passed


def is_open(choice: Choice, values: Mapping, visited) -> bool:
    """Whether a choice may be taken now."""
    return choice.condition is None or choice.condition(values, visited)


def take(choice: Choice, values: dict) -> dict[str, list[int]]:
    """Apply a choice's effects; returns {name: [before, after]} for the numbers changed."""
    names = list(dict.fromkeys(op[0] for op in choice.effects.ops))
    before = {name: values[name] for name in names if not isinstance(values[name], bool)}
    choice.effects.apply(values)
    return {n: [b, values[n]] for n, b in before.items() if values[n] != b}


# The same rule, compiled for walks over packed states. The explorer keeps a state's values
# as one tuple in a fixed order of names (`slots`: name -> place in the tuple), so that it
# can hash and store millions of them. A choice's condition is compiled from its parsed tree
# by the one condition compiler, reading the tuple at `slots[name]`, and its effects are the
# same `Effect.apply`, run on a list at those places. `is_open` and `take` above stay the
# definition; tests/unit/test_flow_agreement.py checks that both forms agree.

Packed = tuple
Options = Callable[[Packed, object], list[tuple[int, Packed]]]


def packed_effect(effect: Effect, slots: Mapping[str, int]) -> Callable[[Packed], Packed]:
    """`effect` applied to packed values: returns the values after it (a new tuple)."""
    apply = Effect(tuple((slots[op[0]],) + tuple(op[1:]) for op in effect.ops)).apply

    def change(packed: Packed) -> Packed:
        after = list(packed)
        apply(after)
        return tuple(after)
    return change


def packed_options(choices: Sequence[Choice], slots: Mapping[str, int]) -> Options:
    """The open choices on packed values and visits, each as (its place in `choices`, the
    values after taking it): `is_open` and `take` for a scene, compiled once."""
    compiled = tuple(
        (position,
         None if choice.condition is None else compile_tree(choice.condition.tree, slots),
         packed_effect(choice.effects, slots) if choice.effects else None)
        for position, choice in enumerate(choices))

    def options(packed: Packed, visited) -> list[tuple[int, Packed]]:
        found = []
        for position, test, change in compiled:
            if test is None or test(packed, visited):
                found.append((position, packed if change is None else change(packed)))
        return found
    return options

