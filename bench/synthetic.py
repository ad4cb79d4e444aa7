"""Synthetic stories for the benchmarks."""

from __future__ import annotations

from pathlib import Path

WORDS = ("snow corridor file stamp window tea lamp stair coat ledger telephone carbon "
         "queue ration winter paper").split()

HEADER = "story:\n  title: Synthetic\n"


def _prose(seed: int, words: int = 60) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words))


def write_large_story(folder: Path, scenes: int, per_file: int = 100,
                      per_arc: int = 1000) -> list[Path]:
    """`scenes` scenes in arcs of `per_arc`, spread over files of `per_file` scenes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(HEADER)
    files = [folder / "story.yaml"]
    for arc_index in range(max(1, scenes // per_arc)):
        count = min(per_arc, scenes)
        for file_index in range(0, count, per_file):
            lines = []
            if file_index == 0:
                lines += [f"arc:\n  id: arc{arc_index}\n  title: Arc {arc_index}\n"
                          f"  accused: Man {arc_index}\n  dossier: d\n  start: s0\n"
                          "  flags: {signed: false, names: 0}\n"]
            else:
                lines += [f"arc: arc{arc_index}\n"]
            lines.append("scenes:\n")
            for i in range(file_index, min(file_index + per_file, count)):
                if i == count - 1:
                    lines.append(f"  s{i}:\n    text: |\n      {_prose(i)}\n"
                                 "    ending:\n      title: End\n      kind: executed\n")
                    continue
                a, b = i + 1, min(count - 1, i + 2)
                lines.append(
                    f"  s{i}:\n    title: Scene {i}\n    text: |\n      {_prose(i)}\n\n"
                    f"      CHIEF: {_prose(i + 1, 12)}\n"
                    "    on_enter: {suspicion: +1}\n    choices:\n"
                    f"      - text: Obey the order, number {i}.\n        tag: obey\n"
                    f"        effects: {{loyalty: +5, fear: +3}}\n        goto: s{a}\n"
                    f"      - text: Tell the truth, number {i}.\n        tag: betray\n"
                    "        if: fear < 70\n        locked: Too afraid.\n"
                    f"        effects: {{suspicion: +10, loyalty: -5, signed: true}}\n"
                    f"        goto: s{b}\n"
                    f"      - text: Stay silent.\n        if: fear > 60 and not signed\n"
                    f"        effects: {{fear: -10, names: +1}}\n        goto: s{a}\n")
            path = folder / f"arc{arc_index}_{file_index // per_file:03d}.yaml"
            path.write_text("".join(lines))
            files.append(path)
    return files


def write_level_arc(folder: Path, levels: int = 20, width: int = 10) -> Path:
    """The playthrough benchmark's arc: `levels` x `width` scenes, three choices each
    (obey: loyalty+5 fear+3; betray: suspicion+10 loyalty-5; a third only while fear > 60:
    fear-10), and endings routed by the meters."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(HEADER)
    lines = ["arc:\n  id: levels\n  title: Levels\n  accused: A\n  dossier: d\n"
             "  start: l0_0\n  meters: {loyalty: 50, fear: 20, suspicion: 10}\n", "scenes:\n"]
    for level in range(levels):
        for column in range(width):
            def nxt(k: int, level: int = level, column: int = column) -> str:
                if level == levels - 1:
                    return "verdict"
                return f"l{level + 1}_{(column + k) % width}"

            lines.append(
                f"  l{level}_{column}:\n    text: Level {level}, door {column}.\n"
                "    choices:\n"
                f"      - {{text: Obey, tag: obey, effects: {{loyalty: +5, fear: +3}}, "
                f"goto: {nxt(0)}}}\n"
                f"      - {{text: Betray, tag: betray, effects: {{suspicion: +10, "
                f"loyalty: -5}}, goto: {nxt(1)}}}\n"
                f"      - {{text: Breathe, if: fear > 60, effects: {{fear: -10}}, "
                f"goto: {nxt(2)}}}\n")
    lines.append(
        "  verdict:\n    routes:\n"
        "      - {if: suspicion >= 80, goto: shot}\n"
        "      - {if: loyalty >= 70, goto: spared}\n"
        "      - {goto: camp}\n"
        "  shot: {text: Shot., ending: {title: Shot, kind: executed}}\n"
        "  spared: {text: Spared., ending: {title: Spared, kind: spared}}\n"
        "  camp: {text: Camp., ending: {title: Camp, kind: imprisoned}}\n")
    path = folder / "levels.yaml"
    path.write_text("".join(lines))
    return path


def write_level_story(folder: Path, levels: int = 100, width: int = 100,
                      levels_per_file: int = 10) -> list[Path]:
    """`write_level_arc`'s graph, split into files of `levels_per_file` levels (one file
    would pass the size limit at 100 x 100)."""
    one = write_level_arc(folder / "_whole", levels, width)
    text = one.read_text()
    one.unlink()
    (folder / "_whole" / "story.yaml").unlink()
    (folder / "_whole").rmdir()
    head, scenes = text.split("scenes:\n", 1)
    blocks = scenes.split("\n  l")
    chunks: list[list[str]] = [[]]
    for index, block in enumerate(blocks):
        piece = block if index == 0 else "  l" + block
        chunks[-1].append(piece)
        if index and (index + 1) % (width * levels_per_file) == 0:
            chunks.append([])
    (folder / "story.yaml").write_text(HEADER)
    files = [folder / "story.yaml"]
    for number, chunk in enumerate(c for c in chunks if c):
        path = folder / f"levels_{number:03d}.yaml"
        intro = head if number == 0 else "arc: levels\n"
        path.write_text(intro + "scenes:\n" + "\n".join(chunk).rstrip("\n") + "\n")
        files.append(path)
    return files
