"""Saves: versioned JSON, atomic writes, and never overwriting what could not be read."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.engine.machine import Engine
from game.engine.saves import AUTOSAVE, FORMAT, VERSION, SaveError, SaveStore, default_saves_dir
from game.engine.state import PlayState


@pytest.fixture
def played(small_story):
    engine = Engine(small_story)
    play = PlayState()
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    return play


def test_round_trip_and_listing(tmp_path, played):
    store = SaveStore(tmp_path)
    path = store.write("before the trial", played, "Test story")
    document = json.loads(path.read_text())
    assert document["format"] == FORMAT and document["version"] == VERSION
    assert store.read("before the trial") == played
    store.autosave(played)
    names = {info.name for info in store.slots()}
    assert names == {"before_the_trial", AUTOSAVE}
    assert store.latest().arc == "a"


def test_bad_slot_names(tmp_path, played):
    store = SaveStore(tmp_path)
    for name in ("../escape", "", "a/b", "x" * 41):
        with pytest.raises(SaveError, match="not a slot name"):
            store.write(name, played)


@pytest.mark.parametrize("content, message", [
    (b"{not json", "corrupt save"),
    (b'{"hello": "world"}', "not a save of this game"),
    (json.dumps({"format": FORMAT, "version": VERSION + 1, "state": {}}).encode(),
     "newer version"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (json.dumps({"format": FORMAT, "version": VERSION, "state": {"arc": 3}}).encode(),
     "damaged save"),
])
def test_unreadable_saves_are_reported_and_never_overwritten(tmp_path, played, content, message):
    store = SaveStore(tmp_path)
    path = store.path_of("slot1")
    path.write_bytes(content)
    with pytest.raises(SaveError, match=message):
        store.read("slot1")
    with pytest.raises(SaveError, match="not overwritten"):
        store.write("slot1", played)
    assert path.read_bytes() == content
    listed = {i.name: i for i in store.slots()}
    assert listed["slot1"].error is not None


def test_corrupt_json_error_has_line_and_column(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{\n  "format": "tulayev-save",\n  oops\n}')
    with pytest.raises(SaveError, match=r"x.json:3:3: corrupt save"):
        SaveStore(tmp_path).read("x")


def test_autosave_moves_an_unreadable_file_aside(tmp_path, played):
    store = SaveStore(tmp_path)
    store.path_of(AUTOSAVE).write_text("garbage")
    store.autosave(played)
    kept = list(tmp_path.glob("autosave.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "garbage"
    assert store.read(AUTOSAVE) == played


def test_saves_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TULAYEV_SAVES", str(tmp_path / "elsewhere"))
    assert default_saves_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("TULAYEV_SAVES")
    assert default_saves_dir().name == "saves"


WRITER = r"""
import sys
from game.engine.saves import SaveStore
from game.engine.state import PlayState, Step
store = SaveStore(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    state = PlayState(arc="a", scene="one", values={"loyalty": n % 101},
                      history=[Step("one", 0, "x" * 200, "obey", "two", {}, {"fear": n % 101})
                               for _ in range(n % 300)])
    store.autosave(state)
"""


def test_killed_mid_save_leaves_a_whole_save(tmp_path):
    """A real `kill -9` at random moments, many times: the save is always readable."""
    rng = random.Random(1934)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    store = SaveStore(tmp_path)
    for _ in range(25):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)],
                                   stdout=subprocess.PIPE, env=env)
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.005, 0.06))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        if store.path_of(AUTOSAVE).exists():
            state = store.read(AUTOSAVE)
            assert state.arc == "a" and len(state.history) < 300
    assert store.path_of(AUTOSAVE).exists()


@pytest.mark.parametrize("content, where", [
    (b"[" * 100_000, "1:201: corrupt save: nested too deeply (more than 200 levels)"),
    (b'{"format": ' + b"9" * 5000 + b"}", "1:12: corrupt save: a number too long"),
    (b'{\n "format": NaN}', "2:12: corrupt save: NaN is not allowed"),
])
def test_pathological_json_is_one_located_line_not_a_traceback(tmp_path, content, where):
    store = SaveStore(tmp_path)
    path = store.path_of("deep")
    path.write_bytes(content)
    with pytest.raises(SaveError) as caught:
        store.read("deep")
    assert str(caught.value).startswith(f"{path}:{where}")


def test_a_wrong_value_deep_in_a_save_is_located_at_its_line(tmp_path, played):
    store = SaveStore(tmp_path)
    path = store.write("slot1", played)
    document = json.loads(path.read_text())
    document["state"]["history"][0]["votes"] = [1, "not-a-vote"]
    text = json.dumps(document, indent=1)
    path.write_text(text)
    with pytest.raises(SaveError) as caught:
        store.read("slot1")
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines, 1) if '"not-a-vote"' in line)
    column = lines[row - 1].index('"not-a-vote"') + 1
    assert str(caught.value) == (f"{path}:{row}:{column}: damaged save: "
                                 "state.history.0.votes.1: expected a whole number")


@pytest.mark.parametrize("field, size", [("visited", 100_001), ("dossier_lines", 1_001)])
def test_a_save_with_a_huge_list_is_refused_at_its_key(tmp_path, played, field, size):
    store = SaveStore(tmp_path)
    path = store.write("slot1", played)
    document = json.loads(path.read_text())
    document["state"][field] = ["a"] * size
    text = json.dumps(document, indent=1)
    path.write_text(text)
    with pytest.raises(SaveError) as caught:
        store.read("slot1")
    row = next(i for i, line in enumerate(text.splitlines(), 1) if f'"{field}"' in line)
    assert str(caught.value).startswith(f"{path}:{row}:3: damaged save: state.{field}: "
                                        f"more than {size - 1:,} items")


def test_slot_names_in_any_alphabet_but_nothing_else(tmp_path, played):
    store = SaveStore(tmp_path)
    for name in ("Макеев seed", "Ïle 2", "before the trial"):
        assert store.read(store.write(name, played).stem) == played
    for name in ("a\n", "_hidden", " lead", "x" * 41, "a.b"):
        with pytest.raises(SaveError, match="not a slot name"):
            store.write(name, played)
