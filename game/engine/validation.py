"""The validator's dynamic checks: what only walking the state space can find."""

from __future__ import annotations

from game.engine.explorer import explore_arc
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
        if not report.complete:
            problems.append(Problem(arc.path, arc.line, 1,
                                    f"arc {arc.id!r}: the state space is larger than "
                                    f"{max_states:,} states; the checks below cover only that "
                                    "part (raise --max-states to go further)", "warning"))
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
                                        f"ending {ending.id!r} is never reached", "warning"))
        reachable_by_graph = set(report.reached_scenes)
        for scene, index in report.unavailable_choices:
            if scene.id in reachable_by_graph:
                choice = scene.choices[index]
                problems.append(Problem(choice.path, choice.line, 1,
                                        f"choice {index + 1} of {scene.id!r} is never "
                                        f"available (its condition {choice.condition.source!r} "
                                        "never holds here)", "warning"))
        for scene_id in report.unreachable_scenes:
            scene = arc.scenes[scene_id]
            if scene.is_ending:
                continue  # reported once above, as an ending never reached
            if not any(scene_id in other.targets for other in arc.scenes.values()
                       if other.id in reachable_by_graph) and scene_id != arc.start:
                continue  # already reported by the static graph check
            problems.append(Problem(scene.path, scene.line, 1,
                                    f"scene {scene_id!r} is never reached in play (the "
                                    "conditions leading to it never hold)", "warning"))
    return problems
