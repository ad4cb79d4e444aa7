"""Engine benchmarks: load + validate against bare YAML parsing, and random playthroughs.

    python -m bench.engine_bench [--quick]

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

from bench.synthetic import write_large_story, write_level_arc
from game.engine.explorer import random_arc
from game.engine.storycache import load_story_cached
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller sizes")
    args = parser.parse_args(argv)
    rounds = 3 if args.quick else 5
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
    play = bench_playthroughs(5_000 if args.quick else 20_000, rounds)
    print("random playthroughs (20 levels x 10 scenes, 3 choices, stat-routed endings)")
    print(f"  explorer: {play['per_second']:,.0f}/s (target >= 10,000/s); bare dict walk in "
          f"the same run: {play['dict_walk_per_second']:,.0f}/s; ratio "
          f"{play['ratio_to_dict_walk']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
