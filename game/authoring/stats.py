"""Statistics for authors: words per arc and per speaker, choices per scene, tag balance,
and the story's health from seeded random play with a random case file: each ending's
share of runs, how often a meter sits pinned at 0 or 100, how many shown choices are locked,
and case file entries that are written but never read by another file (or read, never
written).

The authoring guide's rule of thumb, checked here: no meter pinned on more than
`PINNED_LIMIT` of steps, and no ending reached by fewer than `RARE_ENDING` of runs.
"""

from __future__ import annotations

from collections import Counter

from game.engine.explorer import random_arc
from game.story.model import METERS, WORD, Story

DEFAULT_RUNS = 2_000
PINNED_LIMIT = 0.15
RARE_ENDING = 0.01


def arc_health(arc, runs: int = DEFAULT_RUNS, seed: int = 0) -> dict:
    """Ending shares, pinned meters and locked choices from seeded random play."""
    report = random_arc(arc, runs, seed)
    steps = max(report.steps, 1)
    pinned = {meter: round(report.pinned[meter] / steps, 4) for meter in METERS}
    return {
        "runs": runs, "seed": seed, "steps": report.steps,
        "endings": {e.id: round(e.runs / runs, 4) for e in report.endings.values()},
        "pinned": pinned,
        "pinned_worst": max(pinned.values()),
        "locked_share": round(report.locked_choices / max(report.shown_choices, 1), 4),
    }


def case_traffic(story: Story) -> dict:
    """Per case entry: which files write it and which read it; and the entries written
    but never read by another file, or read but never written."""
    writers: dict[str, set[str]] = {e: set() for e in story.case}
    readers: dict[str, set[str]] = {e: set() for e in story.case}
    for arc in story.arcs:
        for key in arc.case_writes:
            writers.setdefault(key[5:], set()).add(arc.id)
        for key in arc.case_reads:
            readers.setdefault(key[5:], set()).add(arc.id)
    unread = sorted(e for e, by in writers.items() if by and not (readers[e] - by))
    unwritten = sorted(e for e, by in readers.items() if by and not writers[e])
    return {"writers": {e: sorted(a) for e, a in writers.items()},
            "readers": {e: sorted(a) for e, a in readers.items()},
            "written_not_read": unread, "read_not_written": unwritten}


def story_stats(story: Story, runs: int = DEFAULT_RUNS, seed: int = 0,
                health: bool = True) -> dict:
    arcs = []
    traffic = case_traffic(story)
    for arc in story.arcs:
        speakers: Counter[str] = Counter()
        for scene in arc.scenes.values():
            for paragraph in scene.paragraphs:
                speakers[paragraph.speaker or "(narration)"] += len(WORD.findall(paragraph.text))
        playable = [s for s in arc.scenes.values() if s.choices]
        per_scene = [len(s.choices) for s in playable]
        tags = Counter(c.tag or "untagged" for s in playable for c in s.choices)
        gated = sum(1 for s in playable for c in s.choices if c.condition is not None)
        arcs.append({
            "id": arc.id, "title": arc.title, "scenes": len(arc.scenes),
            "endings": len(arc.endings), "words": arc.words,
            "words_per_speaker": dict(speakers.most_common()),
            "choices": sum(per_scene),
            "choices_per_scene": {
                "min": min(per_scene, default=0), "max": max(per_scene, default=0),
                "mean": round(sum(per_scene) / len(per_scene), 2) if per_scene else 0},
            "conditional_choices": gated,
            "tags": {"obey": tags["obey"], "betray": tags["betray"],
                     "untagged": tags["untagged"]},
            "case": {
                "writes": sorted(k[5:] for k in arc.case_writes),
                "reads": sorted(k[5:] for k in arc.case_reads),
                "written_not_read": [e for e in traffic["written_not_read"]
                                     if arc.id in traffic["writers"][e]],
                "read_not_written": [e for e in traffic["read_not_written"]
                                     if arc.id in traffic["readers"][e]],
            },
            **({"health": arc_health(arc, runs, seed)} if health else {}),
        })
    return {"story": story.title, "arcs": arcs,
            "words": sum(a["words"] for a in arcs), "scenes": sum(a["scenes"] for a in arcs),
            "case": {"written_not_read": traffic["written_not_read"],
                     "read_not_written": traffic["read_not_written"]}}


def _share(value: float) -> str:
    return f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


def stats_text(data: dict) -> str:
    lines = [f"{data['story']}: {data['scenes']} scenes, {data['words']:,} words", ""]
    for arc in data["arcs"]:
        tags = arc["tags"]
        total = tags["obey"] + tags["betray"]
        balance = f"{tags['obey'] / total:.0%} obey" if total else "no tagged choices"
        per = arc["choices_per_scene"]
        lines += [
            f"{arc['id']}: {arc['title']}",
            f"  {arc['scenes']} scenes ({arc['endings']} endings), {arc['words']:,} words",
            f"  {arc['choices']} choices, {per['min']}-{per['max']} per scene "
            f"(mean {per['mean']}), {arc['conditional_choices']} with conditions",
            f"  tags: obey {tags['obey']}, betray {tags['betray']}, untagged "
            f"{tags['untagged']} ({balance})",
            "  words per speaker: " + ", ".join(f"{name} {count:,}" for name, count
                                                in arc["words_per_speaker"].items()),
        ]
        lines += _health_lines(arc)
        lines.append("")
    case = data.get("case", {})
    if case.get("written_not_read"):
        lines.append("case entries written but never read by another file: "
                     + ", ".join(case["written_not_read"]))
    if case.get("read_not_written"):
        lines.append("case entries read but never written: "
                     + ", ".join(case["read_not_written"]))
    return "\n".join(lines) + ("\n" if lines[-1] else "")


def _health_lines(arc: dict) -> list[str]:
    health = arc.get("health")
    if health is None:
        return []
    flag = "  <- over the rule of thumb"
    lines = [f"  health ({health['runs']:,} random runs, seed {health['seed']}, random case "
             "file):"]
    for ending, share in health["endings"].items():
        lines.append(f"    ending {ending}: {_share(share)} of runs"
                     + (flag if share < RARE_ENDING else ""))
    pinned = ", ".join(f"{m} {_share(v)}" for m, v in health["pinned"].items())
    lines.append(f"    steps with a meter pinned at 0 or 100: {pinned}"
                 + (flag if health["pinned_worst"] > PINNED_LIMIT else ""))
    lines.append(f"    shown choices that were locked: {_share(health['locked_share'])}")
    if arc["case"]["written_not_read"]:
        lines.append("    writes, never read by another file: "
                     + ", ".join(arc["case"]["written_not_read"]))
    return lines
