"""The validator's dynamic checks: what only walking the state space can find.

A walk that ends within its bound proves what it says: an ending, a scene or a choice it
never reached cannot be reached. A walk cut short (by `--max-states`, or by an arc reading
more case entries than can all be walked) proves only what it found, so seeded random play
backs it up, and whatever neither reached is reported as *not found*, never as impossible.
"""

from __future__ import annotations

from game.engine.explorer import back_up_with_random_play, explore_arc
from game.story.model import Story
from game.story.problems import Problem, spelled


def linked_scenes(arc) -> set[str]:
    """The scenes some path of gotos leads to from the arc's start (conditions ignored)."""
    seen, todo = {arc.start}, [arc.start]
    while todo:
        for target in arc.scenes[todo.pop()].targets:
            if target in arc.scenes and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def all_problems(story: Story, max_states: int, progress=None) -> list[Problem]:
    """The loader's warnings and the state walk's problems, sorted, each problem once: a
    scene that does strand the player is not also warned that it might."""
    dynamic = dynamic_problems(story, max_states, progress)
    stranding = {p.message.split("'")[1] for p in dynamic if " can strand the player " in p.message}
    static = [p for p in story.warnings
              if not (p.message.startswith("scene '") and "the last route has an 'if'"
                      in p.message and p.message.split("'")[1] in stranding)]
    return sorted(static + dynamic)


def dynamic_problems(story: Story, max_states: int, progress=None) -> list[Problem]:
    problems: list[Problem] = []
    for arc in story.arcs:
        if progress is not None:
            print(f"exploring {arc.id} ...", file=progress, flush=True)
        report = explore_arc(arc, max_states)
        proven = report.complete
        if not proven:
            back_up_with_random_play(report)
            problems.append(Problem(
                arc.path, arc.line, 1,
                f"arc {arc.id!r}: the walk stopped after {report.states:,} states (raise "
                f"--max-states to go further), and {report.random_runs:,} random runs backed "
                "it up; what neither found is reported below as not found, not as "
                "impossible", "warning"))
        never = "is never reached" if proven else "was not found by the walk or random play"
        for stranding in report.stranded:
            shown = ", ".join(f"{k}={spelled(v)}" for k, v in sorted(stranding.values.items()))
            problems.append(Problem(stranding.path, stranding.line, 1,
                                    f"scene {stranding.scene!r} can strand the player "
                                    f"({stranding.reason}) when {shown}"))
        linked = linked_scenes(arc)
        for ending in report.endings.values():
            # An ending no scene leads to is reported once, by the loader's graph check.
            if not ending.reachable and ending.id in linked:
                scene = arc.scenes[ending.id]
                problems.append(Problem(scene.path, scene.line, 1,
                                        f"ending {ending.id!r} {never}", "warning"))
        reached = set(report.reached_scenes)
        for scene, index in report.unavailable_choices:
            choice = scene.choices[index]
            if scene.id in reached and choice.condition is not None:
                how = ("is never available" if proven
                       else "was never found available by the walk or random play")
                problems.append(Problem(choice.path, choice.line, 1,
                                        f"choice {index + 1} of {scene.id!r} {how} (its "
                                        f"condition {choice.condition.source!r} never held)",
                                        "warning"))
        for scene_id in report.unreachable_scenes:
            scene = arc.scenes[scene_id]
            if scene_id not in linked:
                continue  # the static graph check reports it (once)
            if arc.scenes[scene_id].ending is not None:
                continue  # reported as an ending above
            what = ("is never reached in play (the conditions leading to it never hold)"
                    if proven else "was not reached by the walk or random play")
            problems.append(Problem(scene.path, scene.line, 1,
                                    f"scene {scene_id!r} {what}", "warning"))
        for scene, words in report.unshown_variants:
            shown = "never shows" if proven else "was never seen shown"
            problems.append(Problem(scene.path, scene.line, 1,
                                    f"scene {scene.id!r}: {words} {shown}", "warning"))
    return problems

