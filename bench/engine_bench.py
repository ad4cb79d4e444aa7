"""Engine benchmarks: load + validate against bare YAML parsing, random playthroughs, the
exhaustive walk against a bare BFS, and `tulayev validate` at 1,000 and 10,000 scenes.

    python -m bench.engine_bench [--quick] [--only load|play|walk|validate ...]

Every number is a ratio to a baseline measured in the same run, interleaved, median of
several rounds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.synthetic import write_large_story, write_level_arc, write_level_story
from game.engine.explorer import explore_arc, random_arc
from game.engine.storycache import load_story_cached
from game.engine.validation import all_problems
from game.story import load_story


def _time(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bare_yaml(files: list[Path]) -> None:
    for path in files:
        with open(path, "rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)


def bench_load(sizes: tuple[int, ...], rounds: int) -> list[dict]:
    """Interleaved rounds (bare, ours, for each size) so that noise hits all alike."""
    with tempfile.TemporaryDirectory() as tmp:
        stories = {}
        for size in sizes:
            folder = Path(tmp) / str(size)
            stories[size] = (folder, write_large_story(folder, size))
        times = {size: ([], [], []) for size in sizes}
        cache = Path(tmp) / "cache"
        previous = os.environ.get("TULAYEV_CACHE")
        os.environ["TULAYEV_CACHE"] = str(cache)
        try:
            for folder, _files in stories.values():
                load_story_cached(folder)  # fills the cache
            for _ in range(rounds):
                for size, (folder, files) in stories.items():
                    times[size][0].append(_time(lambda f=files: bare_yaml(f)))
                    times[size][1].append(_time(lambda d=folder: load_story(d)))
                    times[size][2].append(_time(lambda d=folder: load_story_cached(d)))
        finally:
            if previous is None:
                del os.environ["TULAYEV_CACHE"]
            else:
                os.environ["TULAYEV_CACHE"] = previous
    rows = []
    for size, (bare, ours, cached) in times.items():
        rows.append({"scenes": size, "files": len(stories[size][1]),
                     "bare_s": statistics.median(bare), "load_s": statistics.median(ours),
                     "ratio": statistics.median(ours) / statistics.median(bare),
                     "cached_s": statistics.median(cached),
                     "cached_ratio": statistics.median(cached) / statistics.median(bare)})
    return rows


def dict_walk(graph: dict, runs: int, seed: int) -> None:
    """The baseline: a bare Python walk of the same graph, with the same rules inlined."""
    rng = random.Random(seed)
    for _ in range(runs):
        loyalty, fear, suspicion, scene = 50, 20, 10, "l0_0"
        while scene in graph:
            options = graph[scene]
            n = 3 if fear > 60 else 2
            kind, target = options[int(rng.random() * n)]
            if kind == 0:
                loyalty, fear = min(100, loyalty + 5), min(100, fear + 3)
            elif kind == 1:
                suspicion, loyalty = min(100, suspicion + 10), max(0, loyalty - 5)
            else:
                fear = max(0, fear - 10)
            scene = target


def bench_playthroughs(runs: int, rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        write_level_arc(Path(tmp))
        arc = load_story(tmp).arc("levels")
    graph = {sid: [(c.index, c.goto) for c in s.choices] for sid, s in arc.scenes.items()
             if s.choices}
    ours, bare = [], []
    for index in range(rounds):
        ours.append(_time(lambda i=index: random_arc(arc, runs, seed=i)))
        bare.append(_time(lambda i=index: dict_walk(graph, runs, seed=i)))
    ours_rate = runs / statistics.median(ours)
    bare_rate = runs / statistics.median(bare)
    return {"runs": runs, "per_second": ours_rate, "dict_walk_per_second": bare_rate,
            "ratio_to_dict_walk": ours_rate / bare_rate}


def bare_bfs(graph: dict, max_states: int) -> int:
    """The baseline walk: a bare Python BFS of the level graph's states (scene and the three
    meters), the same rules inlined, up to `max_states` states."""
    start = ("l0_0", 50, 20, 10)
    seen = {start}
    queue = [start]
    for scene, loyalty, fear, suspicion in queue:
        if len(seen) > max_states:
            break
        options = graph.get(scene)
        if options is None:
            continue
        for kind, target in options[:3 if fear > 60 else 2]:
            if kind == 0:
                state = (target, min(100, loyalty + 5), min(100, fear + 3), suspicion)
            elif kind == 1:
                state = (target, max(0, loyalty - 5), fear, min(100, suspicion + 10))
            else:
                state = (target, loyalty, max(0, fear - 10), suspicion)
            if state not in seen:
                seen.add(state)
                queue.append(state)
    return len(seen)


def bench_walk(rounds: int, max_states: int = 200_000) -> dict:
    """States a second: the explorer's exhaustive walk against `bare_bfs`, on 100 x 100."""
    with tempfile.TemporaryDirectory() as tmp:
        write_level_story(Path(tmp), levels=100, width=100)
        arc = load_story(tmp).arc("levels")
    graph = {sid: [(c.index, c.goto) for c in s.choices] for sid, s in arc.scenes.items()
             if s.choices}
    ours, bare, counts = [], [], []
    for _ in range(rounds):
        ours.append(_time(lambda: counts.append(explore_arc(arc, max_states).states)))
        bare.append(_time(lambda: counts.append(bare_bfs(graph, max_states))))
    ours_rate = counts[0] / statistics.median(ours)
    bare_rate = counts[1] / statistics.median(bare)
    return {"states": counts[0], "per_second": ours_rate, "bare_per_second": bare_rate,
            "ratio": ours_rate / bare_rate}


_MEMORY = """
import os, resource, sys, tempfile
os.environ["TULAYEV_CACHE"] = tempfile.mkdtemp()
from game.engine.storycache import load_story_cached
from game.engine.explorer import explore_arc
load_story_cached(sys.argv[1], apart=True)  # fills the cache in a child process
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
arc = load_story_cached(sys.argv[1]).arc("levels")
explore_arc(arc)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_validate(rounds: int) -> dict:
    """`tulayev validate`'s work (load, schema, graph, state walk) at 1,000 and 10,000
    scenes against a bare `yaml.load(CSafeLoader)` of the same files; and the peak memory of
    `tulayev explore` on the 10,000 scenes (the story from the cache of compiled stories, as
    `explore` reads it), in a process of its own."""
    import subprocess

    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for levels in (10, 100):
            folder = Path(tmp) / f"levels{levels}"
            files = write_level_story(folder, levels=levels, width=100)
            ours, bare = [], []
            for _ in range(rounds):
                bare.append(_time(lambda f=files: bare_yaml(f)))
                ours.append(_time(lambda f=folder: all_problems(load_story(f), 200_000)))
            rows[levels * 100] = (statistics.median(ours), statistics.median(bare))
        peak = subprocess.run([sys.executable, "-c", _MEMORY, str(Path(tmp) / "levels100")],
                              capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parents[1])
    small, large = rows[1_000], rows[10_000]
    return {"small_ratio": small[0] / small[1], "large_ratio": large[0] / large[1],
            "growth": large[0] / small[0], "bare_growth": large[1] / small[1],
            "explore_peak_mib": int(peak.stdout.strip()) / 1024}


ROWS = ("load", "play", "walk", "validate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller sizes")
    parser.add_argument("--only", action="append", choices=ROWS, metavar="ROW",
                        help=f"run only this row (one of {', '.join(ROWS)}; may be repeated)")
    args = parser.parse_args(argv)
    rows = args.only or ROWS
    rounds = 3 if args.quick else 5
    if "load" in rows:
        print(f"load + validate (median of {rounds} rounds)")
        small, large = bench_load((1_000, 10_000), rounds)
        for row in (small, large):
            print(f"  {row['scenes']:>6,} scenes in {row['files']:>3} files: bare CSafeLoader "
                  f"{row['bare_s']:.3f}s, load_story {row['load_s']:.3f}s, "
                  f"ratio {row['ratio']:.2f}x (target <= 1.5x)")
            print(f"  {'':>6}  from the cache of compiled stories (the game's start): "
                  f"{row['cached_s']:.3f}s, ratio {row['cached_ratio']:.2f}x")
        print(f"  10,000 / 1,000 scenes: load_story {large['load_s'] / small['load_s']:.2f}x "
              f"(target <= 11x); bare CSafeLoader {large['bare_s'] / small['bare_s']:.2f}x")
    if "play" in rows:
        play = bench_playthroughs(5_000 if args.quick else 20_000, rounds)
        print("random playthroughs (20 levels x 10 scenes, 3 choices, stat-routed endings)")
        print(f"  explorer: {play['per_second']:,.0f}/s (target >= 10,000/s); bare dict walk "
              f"in the same run: {play['dict_walk_per_second']:,.0f}/s; ratio "
              f"{play['ratio_to_dict_walk']:.2f}")
    if "walk" in rows:
        walk = bench_walk(rounds)
        print(f"exhaustive walk (100 levels x 100 scenes, bound 200,000 states; median of "
              f"{rounds} rounds; load average {os.getloadavg()[0]:.2f})")
        print(f"  explorer: {walk['per_second']:,.0f} states/s ({walk['states']:,} states); "
              f"bare BFS in the same run: {walk['bare_per_second']:,.0f}/s; ratio "
              f"{walk['ratio']:.2f} (target >= 0.5)")
    if "validate" not in rows:
        return 0
    check = bench_validate(max(1, rounds // 2))
    print("tulayev validate (load, schema, graph, state walk) vs bare CSafeLoader")
    print(f"  1,000 scenes {check['small_ratio']:.2f}x, 10,000 scenes "
          f"{check['large_ratio']:.2f}x (target <= 3x); 10,000 / 1,000: "
          f"{check['growth']:.1f}x (bare YAML {check['bare_growth']:.1f}x)")
    print(f"  peak memory exploring 10,000 scenes: {check['explore_peak_mib']:.0f} MiB "
          "(target <= 150 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
