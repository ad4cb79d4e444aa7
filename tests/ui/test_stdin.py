"""`tulayev play` with standard input that is not a terminal plays in plain mode, saying so
in one line, instead of starting the full-screen game on a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "story"
ESC = "\x1b"


def play(tmp_path, stdin, text=None):
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--story", str(FIXTURE), "--saves-dir",
         str(tmp_path)], stdin=stdin, input=text, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color"})


def test_dev_null_plays_plain_and_ends(tmp_path):
    with open(os.devnull) as null:
        result = play(tmp_path, null)
    assert result.returncode == 0
    assert result.stderr.strip().splitlines() == [
        "tulayev play: standard input is not a terminal, so this is plain mode (--plain); "
        "run it in a terminal for the full-screen game"]
    assert "THE DOSSIER" in result.stdout and ESC not in result.stdout


def test_a_pipe_is_played_as_plain_input(tmp_path):
    result = play(tmp_path, None, "1\n1\n")
    assert result.returncode == 0 and ESC not in result.stdout
    assert "[You chose to obey.]" in result.stdout
    assert "== The corridor ==" in result.stdout


def test_watch_needs_a_terminal(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--watch", "--story", str(FIXTURE)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "tulayev play: --watch and --author need a terminal on standard input"]


def test_serve_without_textual_serve_says_what_to_install(monkeypatch, capsys):
    """`make play` leaves textual-serve out; `tulayev serve` then says so in one line."""
    import importlib.util

    from game.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "textual_serve" else real(name, *args))
    assert main(["serve"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        "tulayev serve: textual-serve is not installed (run `make install`, or "
        "`.venv/bin/python -m pip install textual-serve`)"]
