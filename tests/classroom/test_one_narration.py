"""One narration: the plain class, the plain replay and the transcript say the same things
about the same game, because they all call `game.narration` (the warm-up file, which the
novel does not have, once drifted: two of them never said so)."""

from __future__ import annotations

import os
import subprocess
import sys

from game.narration.words import meters_line
from tests.conftest import REPO


def run(saves, *args, stdin: str | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "game", *args, "--saves-dir", str(saves)]
                            if args[0] == "class" else [sys.executable, "-m", "game", *args],
                            capture_output=True, text=True, input=stdin, env=env, timeout=120,
                            cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_plain_class_replay_and_transcript_agree_on_the_warm_up(tmp_path):
    saves = tmp_path / "saves"
    run(saves, "class", "new", "W", "--team", "A=sample")
    lesson = run(saves, "class", "run", "W", "--plain", stdin="3 0\n3 0\n3 0\n\n\n")
    (log,) = (saves / "classes" / "W" / "logs").glob("*.jsonl")
    replay = run(saves, "replay", str(log), "--plain")
    transcript = run(saves, "transcript", str(log))
    said = "Not in the novel: this file was written for the game."
    for text in (lesson, replay, transcript):
        assert said in text
        assert "This is how the novel ends it" not in text
    assert "THE END for team A: Clean hands (free)" in lesson
    assert "THE END: Clean hands (free)" in replay
    assert meters_line({"loyalty": 65, "fear": 35, "suspicion": 5}) in lesson
    assert meters_line({"loyalty": 65, "fear": 35, "suspicion": 5}) in replay
