"""The `tulayev` command end to end, as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, SCENES, SMALL_ARC, STORY_HEADER, write_story

TULAYEV = [sys.executable, "-m", "game"]


def run(*args, cwd=None, stdin=None, env=None):
    return subprocess.run([*TULAYEV, *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
                          timeout=120)


def test_validate_shipped_story_is_clean():
    result = run("validate", str(SCENES), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_validate_lists_every_problem_and_exits_1(tmp_path):
    bad = SMALL_ARC.replace("goto: camp", "goto: nowhere").replace("{suspicion: +30}",
                                                                  "{nerve: +30}")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": bad})
    result = run("validate", str(folder))
    assert result.returncode == 1
    lines = [ln for ln in result.stdout.strip().splitlines() if ": warning: " not in ln]
    assert len(lines) == 2, lines
    for line in lines:
        path, row, col, message = line.split(":", 3)
        assert path.endswith(".yaml") and row.isdigit() and col.isdigit() and message
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unreadable_file_is_one_error_without_follow_ons(tmp_path):
    """What a file that cannot be read declares is unknown, so the checks across files
    (which would only say `no arc ...`, `no such scene`) wait until it reads again."""
    bad = SMALL_ARC.replace("goto: camp", "goto: nowhere")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": bad,
                                          "junk.yaml": b"\x00\x01\xff binary"})
    result = run("validate", str(folder))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "junk.yaml:1:3: not UTF-8 text" in lines[0], lines
    assert "Traceback" not in result.stdout + result.stderr


def test_strict_turns_warnings_into_failure(tmp_path):
    text = SMALL_ARC + "  lost:\n    text: x\n    ending: {title: L, kind: free}\n"
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": text})
    assert run("validate", str(folder)).returncode == 0
    strict = run("validate", str(folder), "--strict")
    assert strict.returncode == 1 and "cannot be reached" in strict.stdout


def test_validate_finds_strandings_by_walking(tmp_path):
    text = SMALL_ARC.replace("      - text: Sign it.\n", "      - text: Sign it.\n"
                             "        if: fear > 90\n").replace("fear < 50", "fear < 30")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": text})
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert "scene 'one' can strand the player (every choice is closed) when" in result.stdout


def test_explore_json_shape(small_story_dir):
    result = run("explore", str(small_story_dir), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    arc = data["arcs"][0]
    assert {"id", "title", "scenes", "words", "choices", "endings", "unreachable_scenes",
            "tags"} <= set(arc)
    assert {"id", "title", "historical", "reachable"} <= set(arc["endings"][0])
    assert arc["tags"] == {"obey": 1, "betray": 1}


def test_explore_random_is_seeded(small_story_dir):
    first = run("explore", str(small_story_dir), "--random", "300", "--seed", "5", "--json")
    again = run("explore", str(small_story_dir), "--random", "300", "--seed", "5", "--json")
    assert first.stdout == again.stdout and json.loads(first.stdout)["mode"] == "random"
    text = run("explore", str(small_story_dir), "--random", "300")
    assert "300 random runs, seed 0" in text.stdout


def test_schema_command_prints_json_schema():
    data = json.loads(run("schema").stdout)
    assert data["title"] == "Obey or Betray story file"


def test_plain_play_driven_by_a_script(small_story_dir, tmp_path):
    saves = tmp_path / "saves"
    result = run("play", "--plain", "--story", str(small_story_dir), "--saves-dir",
                 str(saves), stdin="1\n1\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "CHIEF: Sign." in out
    assert "[You chose to obey.]" in out and "Loyalty rises from 50 to 60." in out
    assert "THE END: Shot (executed)" in out
    assert (saves / "autosave.json").exists()


def test_play_with_arc_scene_and_settings(small_story_dir, tmp_path):
    result = run("play", "--plain", "--story", str(small_story_dir), "--saves-dir",
                 str(tmp_path), "--arc", "a", "--set", "fear=90", stdin="2\nq\n")
    assert "2. [locked: Too afraid.] Refuse." in result.stdout
    assert "That choice is locked: Too afraid." in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--arc", "zz"], "no arc 'zz'"),
    (["--arc", "a", "--scene", "nope"], "no scene 'nope' in arc 'a'"),
    (["--arc", "a", "--set", "nerve=3"], "not a meter, flag or counter"),
    (["--arc", "a", "--set", "fear=300"], "must be between 0 and 100"),
    (["--arc", "a", "--set", "signed=4"], "takes true or false"),
    (["--scene", "one"], "--scene needs --arc"),
])
def test_play_bad_arguments_one_line(small_story_dir, tmp_path, args, message):
    result = run("play", "--plain", "--story", str(small_story_dir), "--saves-dir",
                 str(tmp_path), *args)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_play_with_a_broken_story_prints_validator_lines(tmp_path):
    folder = write_story(tmp_path / "s", {"a.yaml": "arc: [\n"})
    result = run("play", "--story", str(folder))
    assert result.returncode == 1
    assert "a.yaml:2:1: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_wheel_ships_the_story_and_finds_it_from_elsewhere(tmp_path):
    """`pip install .` must carry the scenes and the HTML templates as package data."""
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path / "dist"), str(REPO)],
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("tulayev-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    shipped = {Path(n).name for n in names if n.startswith("game/scenes/")}
    assert {p.name for p in SCENES.glob("*.yaml")} <= shipped
    result = subprocess.run([sys.executable, "-m", "game", "validate", "--max-states", "100"],
                            capture_output=True,
                            text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(tmp_path / "site")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(tmp_path / "site") in result.stderr
    # The HTML templates too, found by the installed copy (not this checkout).
    templates = {Path(n).name for n in names if n.startswith("game/templates/")}
    assert {p.name for p in (REPO / "game" / "templates").glob("*.html")} <= templates
    result = subprocess.run(
        [sys.executable, "-c", "import game.templates as t; print(t.__file__); print(t.render("
         "'serve_message.html', title='T', heading='<b>', text='', teams=['Red']))"],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith(str(tmp_path / "site"))
    assert "<h1>&lt;b&gt;</h1>" in result.stdout and 'href="/?team=Red"' in result.stdout


def test_continue_a_save_whose_scene_is_gone_offers_the_arc_start(small_story_dir, tmp_path):
    saves = tmp_path / "saves"
    first = run("play", "--plain", "--story", str(small_story_dir), "--saves-dir", str(saves),
                "--arc", "a", stdin="q\n")
    assert first.returncode == 0 and (saves / "autosave.json").exists()
    arc_file = small_story_dir / "a.yaml"
    arc_file.write_text(arc_file.read_text().replace("start: one", "start: one_b")
                        .replace("  one:\n", "  one_b:\n"))
    before = (saves / "autosave.json").read_bytes()
    result = run("play", "--plain", "--story", str(small_story_dir), "--saves-dir", str(saves),
                 stdin="r\n1\n")
    assert ("cannot go on where it stopped: the scene 'one' is no longer in arc 'Arc A'"
            in result.stdout)
    assert "restart the file Arc A" in result.stdout
    assert "THE END: Shot (executed)" in result.stdout
    assert before != (saves / "autosave.json").read_bytes()


def test_the_quick_play_parser_reads_play_exactly_as_the_full_one(capsys):
    from game.cli import build_parser

    full, quick = build_parser(), build_parser(only_play=True)
    for argv in (["play"], ["play", "--arc", "a", "--set", "fear=3", "--set", "x=true"],
                 ["play", "--plain", "--saves-dir", "s", "--story", "d", "--scene", "b"]):
        assert vars(full.parse_args(argv)) == vars(quick.parse_args(argv))
    helps = []
    for parser in (full, quick):
        with pytest.raises(SystemExit):
            parser.parse_args(["play", "--help"])
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1] and "--saves-dir" in helps[0]


FIXTURE = REPO / "tests" / "ui" / "fixtures" / "story"


def test_plain_mode_goes_on_with_the_last_game_and_asks_before_closing_a_file(tmp_path):
    saves = tmp_path / "saves"
    base = ("play", "--plain", "--story", str(FIXTURE), "--saves-dir", str(saves))
    started = run(*base, "--arc", "clerk", stdin="3\nq\n")
    assert started.returncode == 0, started.stderr
    in_progress = json.loads((saves / "autosave.json").read_text())["state"]
    assert in_progress["arc"] == "clerk" and len(in_progress["history"]) == 1

    kept = run(*base, stdin="2\nn\nq\n")
    assert "Your last game is loaded" in kept.stdout
    assert "[under investigation]" in kept.stdout and "c. Continue" in kept.stdout
    assert "The file The Ledger is still open. Close it unfinished and open" in kept.stdout
    assert json.loads((saves / "autosave.json").read_text())["state"] == in_progress

    resumed = run(*base, stdin="c\nq\n")
    assert "Open which file? c\n" in resumed.stdout  # a script's answers are shown
    assert json.loads((saves / "autosave.json").read_text())["state"]["history"] == \
        in_progress["history"]

    switched = run(*base, stdin="2\ny\nq\n")
    assert "FILE: " in switched.stdout
    assert json.loads((saves / "autosave.json").read_text())["state"]["arc"] == "typist"


def test_the_warm_up_file_says_it_is_not_in_the_novel(tmp_path):
    result = run("play", "--plain", "--arc", "sample", "--saves-dir", str(tmp_path),
                 stdin="1\n1\n1\n1\n1\n1\nq\n")
    assert "THE END: " in result.stdout, result.stdout[-2000:]
    assert "Not in the novel: this file was written for the game." in result.stdout
    assert "how the novel ends it" not in result.stdout


def test_ctrl_c_in_plain_mode_says_the_place_is_kept(tmp_path):
    import signal
    import time

    process = subprocess.Popen([*TULAYEV, "play", "--plain", "--arc", "prologue",
                                "--saves-dir", str(tmp_path)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 60
    while not (tmp_path / "autosave.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Your place is saved at the last scene you reached." in out
    assert "Traceback" not in err


def test_plain_mode_shows_the_case_file_and_asks_before_reopening_a_closed_file(tmp_path):
    saves = tmp_path / "saves"
    base = ("play", "--plain", "--story", str(FIXTURE), "--saves-dir", str(saves))
    closed = run(*base, "--arc", "clerk", stdin="1\n1\nq\n")   # sign, name the typist
    assert "THE END" in closed.stdout, closed.stdout[-1500:]
    again = run(*base, stdin="1\nn\nq\n")
    assert "The case file:" in again.stdout and "names" in again.stdout
    assert "is closed. Open it again from its beginning" in again.stdout
    stray = run(*base, stdin="1\n1\nn\nq\n")  # a number where y or n was asked
    assert stray.stdout.count("Type y or n (or q to quit).") == 1
    assert stray.stdout.count("is closed. Open it again from its beginning") == 2
    state = json.loads((saves / "autosave.json").read_text())["state"]
    assert "clerk" in state["results"] and state["case"]


def test_plain_mode_h_shows_the_choices_taken_in_the_open_file(tmp_path):
    result = run("play", "--plain", "--story", str(FIXTURE), "--arc", "clerk",
                 "--saves-dir", str(tmp_path), stdin="3\nh\nx\nq\n")
    assert "In The Ledger:\n1. The ledger: “Say nothing and wait.”" in result.stdout
    assert "h for what you have done in this file" in result.stdout
