"""Statistics for authors: words per arc and per speaker, choices per scene, tag balance."""

from __future__ import annotations

from collections import Counter

from game.story.model import WORD, Story


def story_stats(story: Story) -> dict:
    arcs = []
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
        })
    return {"story": story.title, "arcs": arcs,
            "words": sum(a["words"] for a in arcs), "scenes": sum(a["scenes"] for a in arcs)}


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
            "",
        ]
    return "\n".join(lines)
