"""Saves as untrusted input, and saving when the disk says no."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time

import pytest

from game.engine.machine import Engine
from game.engine.saves import AUTOSAVE, FORMAT, STALE_SECONDS, SaveError, SaveStore
from game.engine.state import PlayState
from tests.conftest import REPO, SMALL_ARC, STORY_HEADER, write_story


@pytest.fixture
def played(small_story):
    engine = Engine(small_story)
    play = PlayState()
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    return play


def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_of_ours_are_removed_on_start(tmp_path):
    ours_old = tmp_path / ".autosave.json.k3_9abQz.tmp"
    ours_fresh = tmp_path / ".before_the_trial.json.Zx81_q0p.tmp"  # a save being written now
    foreign = [tmp_path / "notes.tmp", tmp_path / ".autosave.json.tmp",
               tmp_path / ".autosave.json.k3_9abQz.tmp.keep", tmp_path / "x.json"]
    for path in (ours_old, ours_fresh, *foreign):
        path.write_text("{")
    for path in (ours_old, *foreign):
        _age(path, STALE_SECONDS * 10)
    SaveStore(tmp_path)
    assert not ours_old.exists()
    assert ours_fresh.exists() and all(path.exists() for path in foreign)


WRITER = r"""
import sys
from game.engine.saves import SaveStore
from game.engine.state import PlayState, Step
store = SaveStore(sys.argv[1])
n = 0
def write():
    global n
    n += 1
    store.autosave(PlayState(arc="a", scene="one", values={"loyalty": n % 101},
                             history=[Step("one", 0, "x" * 400, "obey", "two", {}, {})
                                      for _ in range(400)]))
write()  # one whole save first: the kills below land on later writes
print("ready", flush=True)
while True:
    write()
"""


def test_saves_killed_mid_write_leave_nothing_behind_at_the_next_start(tmp_path):
    """Real `kill -9`s while writing; the temporary files they leave are gone once a game
    starts after they have gone stale."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    left = set()
    for attempt in range(150):  # stops at 3 kills mid-write; a busy machine needs more
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)],
                                   stdout=subprocess.PIPE, env=env)
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(0.01 + (attempt % 7) * 0.007)
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        left |= set(tmp_path.glob(".autosave.json.*.tmp"))
        if len(left) >= 3:
            break
    assert left, "no kill landed mid-write: nothing to clean up"
    for path in tmp_path.glob(".*.tmp"):
        _age(path, STALE_SECONDS + 5)
    store = SaveStore(tmp_path)
    assert list(tmp_path.glob(".*.tmp")) == []
    assert store.read(AUTOSAVE).arc == "a"


def _document(state: dict, version=1) -> bytes:
    return json.dumps({"format": FORMAT, "version": version, "slot": "s",
                       "saved_at": "2024-01-01T00:00:00+00:00", "state": state}).encode()


@pytest.mark.parametrize(("change", "message"), [
    ({"version": -1}, "unknown version number"),
    ({"version": 0}, "unknown version number"),
    ({"values.fear": True}, "state.values.fear: expected a whole number"),
    ({"values.fear": 5000}, "state.values.fear: 5000 is outside 0 to 100"),
    ({"values.fear": -5}, "state.values.fear: -5 is outside 0 to 100"),
    ({"values.names": 10**40}, "is outside 0 to 999"),
    ({"values.fear": "x"}, "state.values.fear: expected true or false or a whole number"),
    ({"values.fear": [1]}, "expected true or false or a whole number"),
    ({"values.fear": None}, "expected true or false or a whole number"),
    ({"values.fear": 1.5}, "expected true or false or a whole number"),
    ({"values.\x1b[2J": 1}, "is not a name"),
    ({"start_meters.fear": 101}, "state.start_meters.fear: 101 is outside 0 to 100"),
    ({"case.x y": True}, "state.case: 'x y' is not an id"),
    ({"scene": "../../etc"}, "state.scene: '../../etc' is not an id"),
])
def test_saves_no_game_could_write_are_refused_and_kept(tmp_path, played, change, message):
    state = played.to_dict()
    version = 1
    for where, value in change.items():
        if where == "version":
            version = value
        elif "." in where:
            part, key = where.split(".", 1)
            state[part][key] = value
        else:
            state[where] = value
    store = SaveStore(tmp_path)
    content = _document(state, version)
    store.path_of("slot1").write_bytes(content)
    store.path_of(AUTOSAVE).write_bytes(content)
    with pytest.raises(SaveError, match="damaged save|unknown version") as caught:
        store.read("slot1")
    assert message in str(caught.value) and "\x1b" not in str(caught.value)
    assert store.latest() is None
    assert [i.error is not None for i in store.slots()] == [True, True]
    with pytest.raises(SaveError, match="not overwritten"):
        store.write("slot1", played)
    store.autosave(played)
    assert store.path_of("slot1").read_bytes() == content
    assert [p.read_bytes() for p in tmp_path.glob("autosave.unreadable-*.json")] == [content]


def test_a_flag_saved_as_a_number_does_not_fit_the_story(small_story, played):
    engine = Engine(small_story)
    assert engine.check(played) is None
    played.values["signed"] = 7
    assert "the save's signed is not true or false" in engine.check(played)
    played.values["signed"], played.values["names"] = True, False
    assert "the save's names is not a number" in engine.check(played)


def test_a_slot_label_that_is_not_a_slot_name_is_not_shown(tmp_path, played):
    store = SaveStore(tmp_path)
    path = store.write("good", played)
    document = json.loads(path.read_text())
    document["slot"] = "[@click=app.quit]x[/]\x1b]0;pwned\x07"
    document["saved_at"] = 12345
    path.write_text(json.dumps(document))
    info = store.slots()[0]
    assert info.title == "good" and info.error is None and info.saved_at is None


# Saving on a full disk ---------------------------------------------------------------------


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_plain_mode_never_says_saved_when_the_save_failed(tmp_path):
    """A real failing write: the game runs with a file-size limit the first autosave fits
    under and the later ones (with more history) do not."""
    story = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC})
    saves = tmp_path / "saves"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TULAYEV_CACHE": "off"}
    first = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--story",
                            str(story), "--saves-dir", str(saves), "--arc", "a"],
                           input="q\n", capture_output=True, text=True, env=env, timeout=60)
    assert first.stdout.rstrip().endswith("Saved. Goodbye.")
    size = (saves / "autosave.json").stat().st_size
    result = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--story",
                             str(story), "--saves-dir", str(saves), "--arc", "a"],
                            input="1\nq\n", capture_output=True, text=True, env=env,
                            timeout=60, preexec_fn=_limit_file_size(size + 60))
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "(autosave failed:" in out and "File too large" in out
    assert "Saved. Goodbye." not in out
    last = out.rstrip().splitlines()[-1]
    assert last.startswith("Your place is NOT saved (the last autosave failed: ")
    assert "; your game as it was last saved at 20" in last
    assert last.endswith(f"is kept in {saves / 'autosave.json'}.")
    assert SaveStore(saves).read(AUTOSAVE).scene == "one"
