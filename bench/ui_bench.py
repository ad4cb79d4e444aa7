"""Start-up, memory and key-press latency of the Textual UI, against a bare Textual app.

    .venv/bin/python bench/ui_bench.py [--runs 7] [--presses 40] [--story DIR]

Start-up: each program runs in a pseudo-terminal (80x24) in its own process; the time is
from spawning it to its first screen appearing on the terminal (the title screen's menu, or
the bare app's one Static), then ctrl+q quits it. Runs alternate between the two programs and
the medians are compared. Peak memory is the child's ru_maxrss (from wait4).

"tulayev play" draws the title first and reads the story in a worker thread. The story is
read from the cache of compiled stories (game/engine/storycache.py), filled by a first run,
in its own temporary folder; the rows "first start after a story change" start with an
empty cache, as the first start after an edit does: a child process reads and checks the
YAML files and fills the cache (peak memory is the larger of the game's and the child's).

The row "UI only" times a run that loads the story before the UI, from a mark printed after
the story is loaded, against the bare app timed from a mark printed before it imports
Textual, to show what the UI itself costs. The game's modules are compiled to bytecode
first, as `pip install` does (Textual's were compiled when it was installed).

Key press to scene: in-process, headless; the time from posting the key to the first frame
the app hands its driver that shows the finished scene (compared with the last frame),
against a bare Textual app whose key press replaces the text of one Static, in alternating
rounds. Between presses the bench waits for the frames to stop, not with Pilot's `pause`
(which messages every widget, as a terminal never does). A scene longer than the screen
takes a digit first to read on to its end (the choice is never taken over unseen text);
that press is not timed, the one that chooses is.
The time to the last frame before the app is idle, and the CPU time, are shown too.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "ui" / "fixtures" / "story"
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_].*?\x1b\\|.)",
                  re.S)
MARK = "@@MARK@@"

BARE = f"""
print({MARK!r}, flush=True)
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Bare app ready")

Bare().run()
"""

GAME_UI_ONLY = f"""
import sys
from game.cli import load_or_report
from game.engine.launch import prepare_launch
story = load_or_report(sys.argv[1])
launch = prepare_launch(story, saves_dir=sys.argv[2])
print({MARK!r}, flush=True)
from game.ui.app import run_app
run_app(launch)
"""


def run_in_pty(argv: list[str], ready: str, timeout: float = 60.0,
               env_extra: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(seconds to `ready` from spawn, seconds to `ready` from MARK, peak RSS in KiB)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL")}
    env["TERM"] = "xterm-256color"
    env.update(env_extra or {})
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               cwd=REPO, start_new_session=True, close_fds=True)
    os.close(slave)
    seen, marked, shown = "", None, None
    deadline = started + timeout
    try:
        while shown is None:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{argv[-1]!r}: no {ready!r} after {timeout} s:\n{seen[-800:]}")
            readable, _, _ = select.select([master], [], [], 0.05)
            if not readable:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                raise RuntimeError(f"exited before {ready!r}:\n{seen[-800:]}") from None
            now = time.perf_counter()
            seen += ANSI.sub("", chunk.decode("utf-8", "replace"))
            if marked is None and MARK in seen:
                marked = now
            if ready in seen:
                shown = now
        os.write(master, b"\x11")  # ctrl+q
        end = time.perf_counter() + 20
        while time.perf_counter() < end:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    pass
        else:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
    finally:
        os.close(master)
        process.returncode = 0  # reaped by wait4 above
    return shown - started, shown - (marked or started), usage.ru_maxrss


def startup(story: Path, runs: int) -> dict[str, list[tuple[float, float, int]]]:
    results: dict[str, list] = {"bare": [], "game": [], "game-ready": [], "game-cold": [],
                                "game-ui": []}
    python = sys.executable
    with tempfile.TemporaryDirectory() as saves, tempfile.TemporaryDirectory() as cache:
        warm = {"TULAYEV_CACHE": cache}

        def cold() -> dict[str, str]:
            return {"TULAYEV_CACHE": tempfile.mkdtemp(dir=cache)}  # empty: nothing cached
        play = [python, "-m", "game", "play", "--story", str(story), "--saves-dir", saves]
        programs = {
            "bare": ([python, "-c", BARE], "Bare app ready", None),
            "game": (play, "New game", warm),
            # The title shows while the story is read; "no saved game yet" appears once it
            # is read and checked: peak memory is taken from this run, story included.
            "game-ready": (play, "no saved game yet", warm),
            # The first start after the story changed: no compiled story to use.
            "game-cold": (play, "no saved game yet", cold),
            "game-ui": ([python, "-c", GAME_UI_ONLY, str(story), saves], "New game", None),
        }
        for argv, ready, env in programs.values():
            run_in_pty(argv, ready, env_extra=env() if callable(env) else env)  # warm up
        for run in range(runs):
            order = list(programs) if run % 2 == 0 else list(reversed(programs))
            for name in order:
                argv, ready, env = programs[name]
                results[name].append(run_in_pty(argv, ready,
                                                env_extra=env() if callable(env) else env))
    return results


def compile_bytecode() -> None:
    """Compile the game's modules as `pip install` does (Textual's were compiled when it was
    installed); without it, PYTHONDONTWRITEBYTECODE=1 makes every run compile them again."""
    import compileall

    compileall.compile_dir(REPO / "game", quiet=1)


class _FrameTimer:
    """Wraps an app's `_display` to note each frame's time and full text."""

    def __init__(self, app) -> None:
        self.app = app
        self.frames: list[tuple[float, str]] = []
        self._display = app._display
        app._display = self

    def __call__(self, screen, renderable) -> None:
        if renderable is not None:
            moment = time.perf_counter()
            self._display(screen, renderable)
            self.frames.append((moment, _screen_text(self.app)))
        else:
            self._display(screen, renderable)

    async def settle(self, quiet: float = 0.06, timeout: float = 5.0) -> None:
        """Wait until a frame has been drawn and none has followed for `quiet` seconds.

        Not Pilot's `pause`: that posts a message to every widget on the screen and waits
        for each, work a real terminal never does, which would make a screen of many
        widgets look slower than it is."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            await asyncio.sleep(0.01)
            if self.frames and time.perf_counter() - self.frames[-1][0] > quiet:
                return

    def shown_and_last(self, pressed: float) -> tuple[float, float]:
        """Milliseconds from `pressed` to the first frame that shows what the last one does,
        and to the last."""
        final = self.frames[-1][1]
        done = next(moment for moment, text in self.frames if text == final)
        return (done - pressed) * 1000, (self.frames[-1][0] - pressed) * 1000


async def bare_key_latency(story_dir: Path, presses: int, floor: bool = False) -> list[float]:
    """The baseline: a bare Textual app whose key press replaces the text of one Static with
    the next scene's text (the story's scenes in turn), timed as `key_latency` times the
    game.

    With `floor`, the least a scene screen can be in Textual, for comparison: a header, three
    one-line meters, the text in a scrolling pane, the choices and a key bar, each one
    Static; a key press replaces the text, the choices and a meter. No game, no engine."""
    from textual import events
    from textual.app import App
    from textual.containers import HorizontalGroup, VerticalScroll
    from textual.content import Content
    from textual.widgets import Static

    from game.story import load_story

    story = load_story(story_dir)
    scenes = [scene for arc_id in story.arc_ids for scene in story.arc(arc_id).scenes.values()]
    texts = [Content(str(scene.text)) for scene in scenes]
    choices = [Content("\n".join(f"{n}. {c.text}" for n, c in enumerate(scene.choices, 1)))
               for scene in scenes]

    class Bare(App):
        def compose(self):
            yield Static(texts[0])

        def on_key(self, event: events.Key) -> None:
            self.turn = getattr(self, "turn", 0) + 1
            self.query_one(Static).update(texts[self.turn % len(texts)])

    class Floor(App):
        CSS = """
        #meters Static { width: 1fr; }
        #text { height: 1fr; }
        #text Static { margin-bottom: 1; }
        #choices { height: auto; max-height: 45vh; border-top: solid $secondary; }
        """

        def compose(self):
            yield Static("A file  ·  a man")
            with HorizontalGroup(id="meters"):
                for name in ("Loyalty", "Fear", "Suspicion"):
                    yield Static(f"{name} ████░░░░  40", id=name.lower())
            with VerticalScroll(id="text"):
                yield Static(texts[0], id="prose")
            yield Static(choices[0], id="choices")
            yield Static(" 1-9 Choose  n Notes  h History  s Save  l Load  esc Dossier")

        def on_key(self, event: events.Key) -> None:
            self.turn = getattr(self, "turn", 0) + 1
            turn = self.turn % len(texts)
            self.query_one("#prose", Static).update(texts[turn])
            self.query_one("#choices", Static).update(choices[turn])
            self.query_one("#fear", Static).update(f"Fear {'█' * (turn % 8):░<8}  {turn}")

    app = Floor() if floor else Bare()
    times: list[float] = []
    timer = _FrameTimer(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        while len(times) < presses:
            timer.frames.clear()
            pressed = time.perf_counter()
            app.post_message(events.Key("1", "1"))
            await timer.settle()
            times.append(timer.shown_and_last(pressed)[0])
    return times


def _screen_text(app) -> str:
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      force_terminal=True)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def key_latency(story_dir: Path, presses: int) -> dict[str, list[float]]:
    """Times of `presses` key presses that each take a choice, in milliseconds:

    "shown": to the first frame the app hands its driver that shows the finished scene (the
    frame's full text equals the last frame's; drawing that text for the comparison happens
    after the frame's time is taken, and can only make later frames look slower); "last": to
    the last frame before the app is idle; "cpu": CPU time until idle, autosave included.
    """
    from textual import events

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp

    story = load_story(story_dir)
    times: dict[str, list[float]] = {"shown": [], "last": [], "cpu": []}
    with tempfile.TemporaryDirectory() as saves:
        app = TulayevApp(prepare_launch(story, saves_dir=saves))
        timer = _FrameTimer(app)
        frames = timer.frames
        arcs = list(story.arc_ids)
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_arc(arcs[0])
            await pilot.pause()
            turn = 0
            while len(times["shown"]) < presses:
                if app.flow.state != "arc":
                    turn += 1
                    app.open_arc(arcs[turn % len(arcs)])
                    await pilot.pause()
                    continue
                shown = [v for v in app.engine.options(app.state) if v.shown]
                number = next(i for i, v in enumerate(shown, 1) if v.available)
                before = len(app.state.history)
                prose = app.screen.query_one("#prose")
                if not getattr(prose, "seen_all", True):  # a digit first reads on; not timed
                    app.post_message(events.Key(str(number), str(number)))
                    await pilot.pause()
                    await pilot.pause()
                frames.clear()
                pressed = time.perf_counter()
                cpu_before = time.process_time()
                app.post_message(events.Key(str(number), str(number)))
                await timer.settle()
                cpu = (time.process_time() - cpu_before) * 1000
                if len(app.state.history) != before + 1 or not frames:
                    raise RuntimeError("the key press did not take the choice")
                shown_ms, last_ms = timer.shown_and_last(pressed)
                times["shown"].append(shown_ms)
                times["last"].append(last_ms)
                times["cpu"].append(cpu)
    return times


async def key_latencies(story: Path, presses: int, rounds: int = 4):
    """The game's and the bare app's key latencies, in alternating rounds (a machine's load
    changes from minute to minute)."""
    keys: dict[str, list[float]] = {"shown": [], "last": [], "cpu": []}
    bare: list[float] = []
    floor: list[float] = []
    for _ in range(rounds):
        for name, values in (await key_latency(story, presses // rounds)).items():
            keys[name] += values
        bare += await bare_key_latency(story, presses // rounds)
        floor += await bare_key_latency(story, presses // rounds, floor=True)
    return keys, bare, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each (7)")
    parser.add_argument("--presses", type=int, default=40, help="key presses timed (40)")
    parser.add_argument("--story", type=Path, default=None,
                        help="story folder (default: scenes/, or the UI test fixture if "
                        "scenes/ does not load)")
    args = parser.parse_args()
    story = args.story or REPO / "scenes"
    if args.story is None:
        check = subprocess.run([sys.executable, "-m", "game", "validate", str(story)],
                               capture_output=True, cwd=REPO)
        if check.returncode != 0:
            print(f"{story} does not load; timing the fixture story instead")
            story = FIXTURE
    print(f"story: {story.relative_to(REPO) if story.is_relative_to(REPO) else story}")
    compile_bytecode()
    print(f"start-up: {args.runs} runs of each program in an 80x24 pseudo-terminal ...",
          flush=True)
    results = startup(story, args.runs)
    bare_time = statistics.median(r[0] for r in results["bare"])
    bare_mark = statistics.median(r[1] for r in results["bare"])
    bare_rss = statistics.median(r[2] for r in results["bare"])
    game_time = statistics.median(r[0] for r in results["game"])
    ready_time = statistics.median(r[0] for r in results["game-ready"])
    game_rss = statistics.median(r[2] for r in results["game-ready"])
    cold_rss = statistics.median(r[2] for r in results["game-cold"])
    cold_time = statistics.median(r[0] for r in results["game-cold"])
    ui_mark = statistics.median(r[1] for r in results["game-ui"])
    print(f"key presses: {args.presses}, in-process, headless ...", flush=True)
    keys, bare_keys, floor_keys = asyncio.run(key_latencies(story, args.presses))
    bare_ms = statistics.median(bare_keys)
    floor_ms = statistics.median(floor_keys)
    median_ms = statistics.median(keys["shown"])
    p90_ms = sorted(keys["shown"])[int(0.9 * (len(keys["shown"]) - 1))]

    rows = [
        ("measure", "bare app", "tulayev", "ratio", "target", "verdict"),
        ("start to first screen (s)", f"{bare_time:.3f}", f"{game_time:.3f}",
         f"{game_time / bare_time:.3f}x", "<= 1.3x", _verdict(game_time / bare_time <= 1.3)),
        ("  to the story read and checked (s)", f"{bare_time:.3f}", f"{ready_time:.3f}",
         f"{ready_time / bare_time:.3f}x", "(info)", ""),
        ("  UI only, story loaded (s)", f"{bare_mark:.3f}", f"{ui_mark:.3f}",
         f"{ui_mark / bare_mark:.3f}x", "(info)", ""),
        ("  ... first start after a story change (s)", f"{bare_time:.3f}", f"{cold_time:.3f}",
         f"{cold_time / bare_time:.3f}x", "(info)", ""),
        ("peak memory, story read (MiB)", f"{bare_rss / 1024:.1f}", f"{game_rss / 1024:.1f}",
         f"{game_rss / bare_rss:.3f}x", "<= 1.5x", _verdict(game_rss / bare_rss <= 1.5)),
        ("  ... first start after a story change (MiB)", f"{bare_rss / 1024:.1f}",
         f"{cold_rss / 1024:.1f}", f"{cold_rss / bare_rss:.3f}x", "(info)", ""),
        ("key to next scene (ms)", f"{bare_ms:.1f}", f"{median_ms:.1f}",
         f"{median_ms / bare_ms:.3f}x", "<= 1.3x", _verdict(median_ms / bare_ms <= 1.3)),
        ("  p90 (ms)", "", f"{p90_ms:.1f}", "", "(info)", ""),
        ("  the least scene screen, no game (ms)", f"{bare_ms:.1f}", f"{floor_ms:.1f}",
         f"{floor_ms / bare_ms:.3f}x", "(info)", ""),
        ("  to the last frame (ms)", "", f"{statistics.median(keys['last']):.1f}", "",
         "(info)", ""),
        ("  CPU until idle (ms, with the check)", "",
         f"{statistics.median(keys['cpu']):.1f}", "", "(info)", ""),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print()
    for number, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    print(f"\n(medians; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    return 0


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
