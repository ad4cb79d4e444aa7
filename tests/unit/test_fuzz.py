"""Fuzz tests: seeded mutants of the shipped story through `tulayev validate` (in-process), and
damaged saves and session files through the code that reads them.

A mutant fails the test when validating it raises, exits other than 0 or 1, takes over
10 s of CPU time (not of the clock: a busy machine must not fail it), or prints a line that
is neither `path:line:col: message` nor the summary. A damaged
save or session file must be read or refused with one line (SaveError, SessionError), and
a save that is read and fits the story must play.

`make test` runs a few hundred mutants of each; `make fuzz` runs tens of thousands
(`TULAYEV_FUZZ=N` sets how many; `TULAYEV_FUZZ_SEED=S` the first seed). A failure names
the seed: `python -m tests.fuzzing SEED FOLDER` writes that mutant out.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import signal
import traceback
from pathlib import Path

import pytest

from game import cli
from game.classroom.session import SessionError, create_session, read_session
from game.engine.launch import prepare_launch
from game.engine.machine import Engine
from game.engine.saves import AUTOSAVE, SaveError, SaveStore
from game.engine.state import PlayState
from game.plain.game import play_plain
from game.story import load_story
from game.story.safetext import safe_stream
from tests.conftest import SCENES
from tests.fuzzing import Mutant, mutate_json

COUNT = int(os.environ.get("TULAYEV_FUZZ", "240"))
FIRST = int(os.environ.get("TULAYEV_FUZZ_SEED", "0"))
CHUNK = 30 if COUNT <= 1000 else 250
CHUNKS = [(start, min(start + CHUNK, FIRST + COUNT))
          for start in range(FIRST, FIRST + COUNT, CHUNK)]
JSON_COUNT = max(COUNT // 4, 60)
JSON_CHUNKS = [(start, min(start + CHUNK, JSON_COUNT)) for start in range(0, JSON_COUNT, CHUNK)]
HANG_SECONDS = 10
REPORT = os.environ.get("TULAYEV_FUZZ_REPORT")  # a file each chunk's result is added to


def report(what: str, start: int, stop: int, failures: list[str]) -> None:
    """Add a chunk's result to the REPORT file (a long run can be followed as it goes)."""
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as stream:
            stream.write(f"{what} {start}-{stop - 1}: {len(failures)} of {stop - start} "
                         "failed\n" + "".join(f"  {f}\n" for f in failures))
PROBLEM = re.compile(r"^[^\n]+:\d+:\d+: [^\n]+$")
SUMMARY = re.compile(r"^(\d+ error\(s\), \d+ warning\(s\)"
                     r"|.+: \d+ arc\(s\), \d+ scene\(s\): \d+ error\(s\), \d+ warning\(s\))$")


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise Hang once the process has spent `seconds` of CPU time in here: the machine's
    load slows the clock's seconds, not these."""
    def expire(signum, frame):
        raise Hang(f"still running after {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


_PARSER = cli.build_parser()


def validate(folder: Path) -> tuple[int, str, str]:
    """`tulayev validate FOLDER` in this process, as `cli.main` runs it (its output through
    the same sanitising streams), without building the command line's parser again."""
    out, err = io.StringIO(), io.StringIO()
    args = _PARSER.parse_args(["validate", str(folder), "--max-states", "300"])
    with contextlib.redirect_stdout(safe_stream(out)), contextlib.redirect_stderr(
            safe_stream(err)):
        code = cli.cmd_validate(args)
    return code, out.getvalue(), err.getvalue()


def what_is_wrong(folder: Path) -> str | None:
    """None when validating the story in `folder` behaves; else what went wrong."""
    try:
        with time_limit(HANG_SECONDS):
            code, out, err = validate(folder)
    except Hang as hang:
        return str(hang)
    except BaseException:  # noqa: BLE001 - any escape at all is the failure looked for
        return traceback.format_exc(limit=-3)
    if code not in (0, 1):
        return f"exit status {code}"
    for line in out.splitlines():
        if not PROBLEM.match(line):
            return f"not a problem line: {line[:200]!r}"
    lines = err.splitlines()
    if len(lines) != 1 or not SUMMARY.match(lines[0]):
        return f"not one summary line on stderr: {err[:300]!r}"
    if code == 1 and not out.strip():
        return "exit 1 with no problem line"
    return None


@pytest.mark.parametrize(("start", "stop"), CHUNKS, ids=[f"{a}-{b - 1}" for a, b in CHUNKS])
def test_mutants_of_the_shipped_story_give_lines_not_tracebacks(tmp_path, start, stop):
    failures = []
    for seed in range(start, stop):
        mutant = Mutant.make(seed)
        folder = tmp_path / f"m{seed}"
        mutant.write(folder)
        problem = what_is_wrong(folder)
        if problem:
            failures.append(f"{mutant}\n{problem}")
    report("story", start, stop, failures)
    assert not failures, f"{len(failures)} of {stop - start} mutants failed:\n" + \
        "\n\n".join(failures[:5])


def test_the_fuzzer_makes_mutants_that_validate_and_mutants_that_do_not(tmp_path):
    """A fuzzer whose mutants all failed to parse would test little."""
    codes = []
    for seed in range(40):
        folder = tmp_path / f"m{seed}"
        Mutant.make(seed).write(folder)
        codes.append(validate(folder)[0])
    assert codes.count(0) >= 1 and codes.count(1) >= 10


# Saves and session files ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_story(SCENES)


@pytest.fixture(scope="module")
def base_save(shipped, tmp_path_factory):
    """A real save: one arc played to its ending, the next one opened and begun."""
    engine = Engine(shipped)
    play = PlayState()
    rng = random.Random(7)
    for arc in shipped.arcs[:2]:
        engine.start_arc(play, arc.id)
        for _ in range(40 if arc is shipped.arcs[0] else 2):
            if engine.is_over(play):
                break
            options = [v for v in engine.options(play) if v.available]
            engine.choose(play, rng.choice(options).choice.index)
    folder = tmp_path_factory.mktemp("saves")
    path = SaveStore(folder).autosave(play, shipped.title)
    return path.read_text(encoding="utf-8")


def _play_a_little(shipped, folder: Path) -> None:
    launch = prepare_launch(shipped, saves_dir=str(folder))
    out = io.StringIO()
    play_plain(launch, io.StringIO("c\n1\n2\n1\nh\n1\nq\n"), out)
    assert "Traceback" not in out.getvalue()


@pytest.mark.parametrize(("start", "stop"), JSON_CHUNKS,
                         ids=[f"{a}-{b - 1}" for a, b in JSON_CHUNKS])
def test_damaged_saves_are_refused_or_played(shipped, base_save, tmp_path, start, stop):
    import json

    document = json.loads(base_save)
    engine = Engine(shipped)
    failures = []
    for seed in range(start, stop):
        rng = random.Random(seed)
        data, steps = mutate_json(rng, document)
        folder = tmp_path / f"s{seed}"
        folder.mkdir()
        (folder / "autosave.json").write_bytes(data)
        try:
            with time_limit(HANG_SECONDS):
                store = SaveStore(folder)
                store.slots()
                try:
                    state = store.read(AUTOSAVE)
                except SaveError as error:
                    assert "\n" not in str(error) and "\x1b" not in str(error)
                    assert (folder / "autosave.json").read_bytes() == data  # kept
                    _play_a_little(shipped, folder)
                    continue
                problem = engine.check(state)
                assert problem is None or isinstance(problem, str)
                _play_a_little(shipped, folder)
        except BaseException:  # noqa: BLE001
            failures.append(f"seed {seed}: {', '.join(steps)}\n{traceback.format_exc(limit=-3)}")
    report("saves", start, stop, failures)
    assert not failures, f"{len(failures)} damaged saves failed:\n" + "\n\n".join(failures[:5])


@pytest.mark.parametrize(("start", "stop"), JSON_CHUNKS,
                         ids=[f"{a}-{b - 1}" for a, b in JSON_CHUNKS])
def test_damaged_session_files_are_refused_with_one_line(shipped, tmp_path, start, stop):
    import json

    from game.classroom.session import Team
    from game.cli.classroom import describe

    session = create_session(tmp_path / "base", "9B", (Team("Red", "prologue"),
                                                       Team("Blue", "erchov")))
    path = session.folder / "session.json"
    document = json.loads(path.read_text())
    failures = []
    for seed in range(start, stop):
        data, steps = mutate_json(random.Random(seed), document)
        path.write_bytes(data)
        try:
            with time_limit(HANG_SECONDS):
                try:
                    loaded = read_session(path)
                except SessionError as error:
                    assert "\n" not in str(error)
                    continue
                describe(loaded, shipped)
        except BaseException:  # noqa: BLE001
            failures.append(f"seed {seed}: {', '.join(steps)}\n{traceback.format_exc(limit=-3)}")
    report("sessions", start, stop, failures)
    assert not failures, f"{len(failures)} damaged session files failed:\n" + \
        "\n\n".join(failures[:5])


def test_a_mutant_that_spins_is_caught_as_a_hang():
    """The limit counts CPU time: a loop that never ends is stopped and named."""
    with pytest.raises(Hang, match="of CPU time"), time_limit(0.2):
        while True:
            pass
