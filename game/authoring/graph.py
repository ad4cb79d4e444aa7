"""The story map: an arc's scenes as nodes and its choices as edges, in Mermaid or DOT.

Endings are drawn in their own shape and the novel's ending is marked; scenes no play can
reach (by the explorer's walk) are highlighted. `render_case` draws the case web instead: which
file writes each case entry, which files read it, and whom it names.
"""

from __future__ import annotations

import shutil
import subprocess

from game.engine.explorer import DEFAULT_MAX_STATES, explore_arc
from game.story.model import Arc, CaseEntry, Story

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


def _svg_of(source: str) -> str:
    """Graphviz's SVG of DOT `source`; a GraphError (one line) when `dot` is missing or fails."""
    binary = shutil.which("dot")
    if binary is None:
        raise GraphError("SVG needs Graphviz's `dot`, which is not installed here "
                         "(Debian: apt install graphviz); use --format dot or mermaid instead")
    result = subprocess.run([binary, "-Tsvg"], input=source, capture_output=True,
                            text=True, timeout=120)
    if result.returncode != 0:
        raise GraphError(f"Graphviz failed: {result.stderr.strip().splitlines()[-1:]}")
    return result.stdout


def svg(arc: Arc, lost: set[str] | None = None) -> str:
    return _svg_of(dot(arc, lost))


def render(arc: Arc, fmt: str, max_states: int = DEFAULT_MAX_STATES) -> str:
    lost = unreached(arc, max_states)
    return {"mermaid": mermaid, "dot": dot, "svg": svg}[fmt](arc, lost)


# The case web (`tulayev graph --case`) --------------------------------------------------------

def _readers(story: Story, entry_id: str) -> list[str]:
    return [a.id for a in story.arcs if f"case.{entry_id}" in a.case_reads]


def _writers(story: Story, entry: CaseEntry) -> list[str]:
    """The files that write `entry`: its `by`, and any file declaring it in case_writes."""
    found = [a.id for a in story.arcs if f"case.{entry.id}" in a.case_writes]
    if entry.by and story.has_arc(entry.by) and entry.by not in found:
        found.insert(0, entry.by)
    return found


def _file_label(arc: Arc) -> str:
    return f"{arc.title}\\n{arc.accused}"


def _entry_label(entry: CaseEntry) -> str:
    parts = [entry.id]
    if entry.known:
        parts.append(f"known from {entry.known}")
    if entry.novel is not None:
        parts.append(f"novel: {'true' if entry.novel else 'false'}")
    return "\\n".join(parts)


def case_mermaid(story: Story) -> str:
    """Files as boxes, entries as rounded notes: file -->|writes| entry -.->|read by| file,
    and entry ==>|names| the man named."""
    def esc(text: str) -> str:
        return text.replace('"', "#quot;").replace("\\n", "<br/>")

    lines = ["flowchart LR", f"  %% The case web: {esc(story.title)}"]
    for arc in story.arcs:
        lines.append(f'  file_{arc.id}["{esc(_file_label(arc))}"]')
    for entry in story.case.values():
        lines.append(f'  entry_{entry.id}(["{esc(_entry_label(entry))}"])')
    for entry in story.case.values():
        for writer in _writers(story, entry):
            lines.append(f"  file_{writer} -->|writes| entry_{entry.id}")
        for reader in _readers(story, entry.id):
            lines.append(f"  entry_{entry.id} -.->|read by| file_{reader}")
        if entry.names and story.has_arc(entry.names):
            lines.append(f"  entry_{entry.id} ==>|names| file_{entry.names}")
    lines += ["  classDef file fill:#f4e3b0,stroke:#8a6d00",
              "  classDef entry fill:#eee,stroke:#333"]
    if story.arcs:
        lines.append(f"  class {','.join('file_' + a.id for a in story.arcs)} file")
    if story.case:
        lines.append(f"  class {','.join('entry_' + e for e in story.case)} entry")
    return "\n".join(lines) + "\n"


def case_dot(story: Story) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace(
            "\\\\n", "\\n") + '"'

    lines = ["digraph case {", f"  label={q('The case web: ' + story.title)};",
             '  rankdir=LR; node [fontname="Helvetica"]; edge [fontname="Helvetica", '
             "fontsize=10];"]
    for arc in story.arcs:
        lines.append(f"  file_{arc.id} [label={q(_file_label(arc))}, "
                     'shape=box, style=filled, fillcolor="#f4e3b0"];')
    for entry in story.case.values():
        lines.append(f"  entry_{entry.id} [label={q(_entry_label(entry))}, shape=note];")
    for entry in story.case.values():
        for writer in _writers(story, entry):
            lines.append(f'  file_{writer} -> entry_{entry.id} [label="writes"];')
        for reader in _readers(story, entry.id):
            lines.append(f'  entry_{entry.id} -> file_{reader} [label="read by", '
                         "style=dashed];")
        if entry.names and story.has_arc(entry.names):
            lines.append(f'  entry_{entry.id} -> file_{entry.names} [label="names", '
                         'color="#a83232", penwidth=2];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_case(story: Story, fmt: str) -> str:
    """The author's view of the case web in `fmt` (mermaid, dot or svg)."""
    if fmt == "svg":
        return _svg_of(case_dot(story))
    return {"mermaid": case_mermaid, "dot": case_dot}[fmt](story)
