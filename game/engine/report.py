"""Human-readable reports of the explorer's results."""

from __future__ import annotations

from game.engine.explorer import ArcReport
from game.story.model import METERS, Story
from game.story.problems import display_path


def explore_text(story: Story, reports: list[ArcReport]) -> str:
    lines: list[str] = [story.title, ""]
    for report in reports:
        arc = report.arc
        tags = report.tag_counts()
        choices = sum(len(s.choices) for s in arc.scenes.values())
        lines.append(f"{arc.id}: {arc.title} ({arc.accused})")
        lines.append(f"  {len(arc.scenes)} scenes, {arc.words:,} words, {choices} choices "
                     f"(obey {tags['obey']}, betray {tags['betray']})")
        if report.mode == "random":
            lines.append(f"  {report.runs:,} random runs, seed {report.seed}: "
                         f"{len(report.reached_scenes)}/{len(arc.scenes)} scenes reached"
                         + (f", {report.loops} runs stopped in a loop" if report.loops else ""))
        else:
            bound = "complete" if report.complete else "INCOMPLETE: the bound was hit"
            lines.append(f"  {report.states:,} states explored ({bound})")
        lines.append("  endings:")
        for ending in report.endings.values():
            mark = "historical " if ending.historical else ""
            if ending.reachable:
                spans = " ".join(f"{m} {ending.meter_ranges[m][0]}-{ending.meter_ranges[m][1]}"
                                 for m in METERS)
                share = (f" {ending.runs:,} runs ({ending.runs / report.runs:.1%})"
                         if report.mode == "random" else "")
                lines.append(f"    {ending.id} ({ending.kind}, {mark}reached{share}): {spans}")
            else:
                lines.append(f"    {ending.id} ({ending.kind}, {mark}NEVER REACHED)")
        unreached = report.unreachable_scenes
        label = "scenes not reached" if report.mode == "random" else "unreachable scenes"
        lines.append(f"  {label}: {'none' if not unreached else ''}")
        for scene_id in unreached:
            scene = arc.scenes[scene_id]
            lines.append(f"    {display_path(scene.path)}:{scene.line}: {scene_id}")
        missing = (report.untaken_choices if report.mode == "random"
                   else report.unavailable_choices)
        label = "choices never taken" if report.mode == "random" else "choices never available"
        lines.append(f"  {label}: {'none' if not missing else ''}")
        for scene, index in missing:
            choice = scene.choices[index]
            lines.append(f"    {display_path(choice.path)}:{choice.line}: {scene.id} "
                         f"#{index + 1} {choice.text!r}")
        unshown = report.unshown_variants
        if any(scene.probes for scene in arc.scenes.values()):
            lines.append(f"  text variants never shown: {'none' if not unshown else ''}")
            for scene, words in unshown:
                lines.append(f"    {display_path(scene.path)}:{scene.line}: {scene.id}: "
                             f"{words}")
        if report.stranded:
            lines.append("  STRANDED:")
            for s in report.stranded:
                lines.append(f"    {display_path(s.path)}:{s.line}: {s.scene}: {s.reason}")
        lines.append("")
    return "\n".join(lines)
