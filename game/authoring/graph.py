"""The story map: an arc's scenes as nodes and its choices as edges, in Mermaid or DOT.

Endings are drawn in their own shape and the novel's ending is marked; scenes no play can
reach (by the explorer's walk) are highlighted.
"""

from __future__ import annotations

import shutil
import subprocess

from game.engine.explorer import DEFAULT_MAX_STATES, explore_arc
from game.story.model import Arc

FORMATS = ("mermaid", "dot", "svg")


class GraphError(Exception):
    pass


def _edges(arc: Arc):
    """(source, target, label, kind) for every choice and route."""
    for scene in arc.scenes.values():
        for choice in scene.choices:
            parts = [f"{choice.index + 1}. {_short(choice.text)}"]
            if choice.tag:
                parts.append(f"[{choice.tag}]")
            if choice.condition is not None:
                parts.append(f"if {choice.condition.source}")
            yield scene.id, choice.goto, " ".join(parts), choice.tag or "plain"
        for route in scene.routes:
            label = f"if {route.condition.source}" if route.condition else "otherwise"
            yield scene.id, route.goto, label, "route"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def unreached(arc: Arc, max_states: int = DEFAULT_MAX_STATES) -> set[str]:
    return set(explore_arc(arc, max_states).unreachable_scenes)


def _label(arc: Arc, scene_id: str) -> str:
    scene = arc.scenes[scene_id]
    if scene.ending is not None:
        mark = " ★ the novel" if scene.ending.historical else ""
        return f"{scene_id}\\n{scene.ending.title} ({scene.ending.kind}){mark}"
    if scene.title:
        return f"{scene_id}\\n{scene.title}"
    return scene_id


def mermaid(arc: Arc, lost: set[str] | None = None) -> str:
    lost = unreached(arc) if lost is None else lost

    def esc(text: str) -> str:
        return text.replace('"', "#quot;").replace("\\n", "<br/>")

    lines = ["flowchart TD", f"  %% {arc.title}: {arc.accused}"]
    for scene_id, scene in arc.scenes.items():
        label = esc(_label(arc, scene_id))
        if scene.ending is not None:
            lines.append(f'  {scene_id}(["{label}"])')
        elif scene.routes:
            lines.append(f'  {scene_id}{{"{label}"}}')
        else:
            lines.append(f'  {scene_id}["{label}"]')
    for source, target, label, _kind in _edges(arc):
        lines.append(f'  {source} -->|"{esc(label)}"| {target}')
    lines += ["  classDef ending fill:#eee,stroke:#333",
              "  classDef historical fill:#f4e3b0,stroke:#8a6d00,stroke-width:3px",
              "  classDef unreachable fill:#f8d0d0,stroke:#b00,stroke-dasharray:4"]
    endings = [s.id for s in arc.endings if not s.ending.historical]
    if endings:
        lines.append(f"  class {','.join(endings)} ending")
    historical = [s.id for s in arc.historical_endings]
    if historical:
        lines.append(f"  class {','.join(historical)} historical")
    if lost:
        lines.append(f"  class {','.join(sorted(lost))} unreachable")
    return "\n".join(lines) + "\n"


def dot(arc: Arc, lost: set[str] | None = None) -> str:
    lost = unreached(arc) if lost is None else lost

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\n", "\\n") + '"'

    colours = {"obey": "#1f5fa8", "betray": "#a83232", "route": "#777777", "plain": "#333333"}
    lines = [f"digraph {q(arc.id)} {{", f"  label={q(arc.title + ': ' + arc.accused)};",
             '  rankdir=TB; node [shape=box, fontname="Helvetica"]; '
             'edge [fontname="Helvetica", fontsize=10];']
    for scene_id, scene in arc.scenes.items():
        attrs = [f"label={q(_label(arc, scene_id))}"]
        if scene.ending is not None:
            attrs.append("shape=doubleoctagon")
            if scene.ending.historical:
                attrs += ["style=filled", 'fillcolor="#f4e3b0"', "penwidth=3"]
        elif scene.routes:
            attrs.append("shape=diamond")
        if scene_id in lost:
            attrs += ["style=\"filled,dashed\"", 'fillcolor="#f8d0d0"', 'color="#bb0000"']
        lines.append(f"  {scene_id} [{', '.join(attrs)}];")
    for source, target, label, kind in _edges(arc):
        style = ", style=dashed" if kind == "route" else ""
        lines.append(f"  {source} -> {target} [label={q(label)}, "
                     f"color=\"{colours[kind]}\"{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(arc: Arc, lost: set[str] | None = None) -> str:
    binary = shutil.which("dot")
    if binary is None:
        raise GraphError("SVG needs Graphviz's `dot`, which is not installed here "
                         "(Debian: apt install graphviz); use --format dot or mermaid instead")
    result = subprocess.run([binary, "-Tsvg"], input=dot(arc, lost), capture_output=True,
                            text=True, timeout=120)
    if result.returncode != 0:
        raise GraphError(f"Graphviz failed: {result.stderr.strip().splitlines()[-1:]}")
    return result.stdout


def render(arc: Arc, fmt: str, max_states: int = DEFAULT_MAX_STATES) -> str:
    lost = unreached(arc, max_states)
    return {"mermaid": mermaid, "dot": dot, "svg": svg}[fmt](arc, lost)
