"""Event logs: appended and flushed line by line; read back as untrusted input."""

from __future__ import annotations

import json

import pytest

from game.classroom import eventlog
from game.classroom.eventlog import EventLog, LogError, read_log
from game.engine.machine import Engine
from game.engine.state import PlayState

HEADER = json.dumps({"event": "log_started", "format": "tulayev-log", "version": 1})
START = json.dumps({"event": "arc_started", "arc": "clerk", "scene": "the_ledger",
                    "meters": {"loyalty": 60, "fear": 40, "suspicion": 10},
                    "title": "The Ledger"})


def write(tmp_path, *lines: str, end: str = "\n", raw: bytes | None = None):
    path = tmp_path / "game.jsonl"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text("\n".join(lines) + end, encoding="utf-8")
    return path


def test_each_event_is_on_disk_as_soon_as_it_happens(tmp_path, story):
    engine = Engine(story)
    log = EventLog(tmp_path / "logs" / "a.jsonl", {"team": "Red"})
    engine.subscribe(log)
    state = PlayState()
    engine.start_arc(state, "clerk")
    lines = (tmp_path / "logs" / "a.jsonl").read_text().splitlines()   # still open
    assert [json.loads(x)["event"] for x in lines] == ["log_started", "arc_started",
                                                       "scene_entered"]
    engine.choose(state, 0, seconds=3.5, votes=[2, 0, 1, 0])
    assert json.loads((tmp_path / "logs" / "a.jsonl").read_text().splitlines()[3])[
        "votes"] == [2, 0, 1, 0]
    log.close()
    log.close()
    assert log.closed
    data = read_log(tmp_path / "logs" / "a.jsonl")
    assert data.header.team == "Red" and data.closed and not data.truncated
    assert [x.event.event for x in data.lines][-1] == "log_closed"


def test_a_log_is_appended_to_never_truncated(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("kept\n")
    EventLog(path).close()
    assert path.read_text().startswith("kept\n")


def test_an_unwritable_log_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(LogError, match="cannot write the log"):
        EventLog(blocker / "a.jsonl")


def test_a_log_cut_short_in_its_last_line_is_read_up_to_there(tmp_path):
    path = write(tmp_path, HEADER, START, '{"event": "scene_ent', end="")
    data = read_log(path)
    assert data.truncated and not data.closed
    assert [x.event.event for x in data.lines] == ["arc_started"]


@pytest.mark.parametrize("lines, where, message", [
    ([HEADER, "{oops"], "2:2", "not JSON"),
    ([HEADER, "[1, 2]"], "2:1", "must be a JSON object, not list"),
    ([HEADER, '{"event": "dance"}'], "2:2", "unknown event 'dance'"),
    ([HEADER, '{"event": "arc_started", "arc": "clerk", "title": 7}'], "2:42",
     "arc_started: title: expected text"),
    ([HEADER, '{"event": "choice_taken", "source": "x", "choice": 0, "text": "t"}'], "2:42",
     "choice_taken: choice"),
    ([HEADER, '{"event": "vote", "votes": "many", "choice": 1}'], "2:19", "vote: votes"),
    ([HEADER, '{"event": "rewound", "to_choice": NaN}'], "2:35", "NaN is not allowed"),
    # the key itself, not the first "votes" in the line (a value, at column 33)
    ([HEADER, '{"event": "vote", "decided_by": "votes", "votes": "many", "choice": 1}'],
     "2:42", "vote: votes: expected a list"),
    ([HEADER, '{"event": "scene_entered", "choices": [{"choice": 1, "text": "a", "available": '
              'true}, {"choice": 2, "text": "b", "available": "yes"}]}'], "2:114",
     "scene_entered: choices.1.available: expected true or false"),
    ([HEADER, '{"event": "vote", "votes": [1], "choice": 1, "decided_by": "coin"}'], "2:46",
     "vote: decided_by: expected one of majority, facilitator, unanimous, override "
     "(not 'coin')"),
    ([HEADER, '{"event": "choice_taken", "source": "x", "choice": 1, "text": "t", '
              '"seconds": -1}'], "2:68", "choice_taken: seconds: -1 is less than 0"),
    ([HEADER, '{"event": "x"}', "{}"], "2:2", "unknown event"),
    ([HEADER, "", START], "2:1", "empty line"),
    ([HEADER, HEADER], "2:1", "a second log_started"),
    ([START], "1:2", "not a tulayev-log event log"),
    (['{"event": "log_started", "format": "other", "version": 1}'], "1:26",
     "not a tulayev-log"),
    (['{"event": "log_started", "format": "tulayev-log", "version": 2}'], "1:51",
     "newer version of the game"),
    ([HEADER, "[" * 50_000 + "]" * 50_000], "2:201", "nested too deeply"),
])
def test_bad_lines_give_path_line_and_column(tmp_path, lines, where, message):
    path = write(tmp_path, *lines)
    with pytest.raises(LogError) as caught:
        read_log(path)
    text = str(caught.value)
    assert text.startswith(f"{path}:{where}: "), text
    assert message in text
    assert "\n" not in text


def test_other_bad_files(tmp_path, monkeypatch):
    with pytest.raises(LogError, match="no such log"):
        read_log(tmp_path / "missing.jsonl")
    with pytest.raises(LogError, match="not a file"):
        read_log(tmp_path)
    assert "the log is empty" in str(pytest.raises(LogError, read_log,
                                                   write(tmp_path, raw=b"\n  \n")).value)
    bad = write(tmp_path, raw=HEADER.encode() + b"\n\xff\xfe\n")
    assert str(pytest.raises(LogError, read_log, bad).value).endswith(":2:1: not UTF-8 text")
    monkeypatch.setattr(eventlog, "MAX_LINE_BYTES", 100)
    long = write(tmp_path, HEADER, json.dumps({"event": "log_closed", "x": "y" * 200}))
    assert "line too long" in str(pytest.raises(LogError, read_log, long).value)
    monkeypatch.setattr(eventlog, "MAX_EVENTS", 3)
    many = write(tmp_path, HEADER, *['{"event": "log_closed"}'] * 5)
    assert ":4:1: too many lines" in str(pytest.raises(LogError, read_log, many).value)
    monkeypatch.setattr(eventlog, "MAX_LOG_BYTES", 10)
    assert "too large to be a log" in str(pytest.raises(LogError, read_log, many).value)


def test_a_last_line_cut_inside_a_character_is_a_truncated_log(tmp_path):
    """A game killed mid-write can leave half of a UTF-8 character at the end."""
    half = json.dumps({"event": "log_closed", "note": "Макеев"}, ensure_ascii=False).encode()
    path = write(tmp_path, raw=(HEADER + "\n" + START + "\n").encode() + half[:-5])
    data = read_log(path)
    assert data.truncated and [x.event.event for x in data.lines] == ["arc_started"]


def test_unknown_keys_are_ignored_but_known_ones_checked(tmp_path):
    extra = json.dumps({"event": "log_closed", "future": {"anything": [1, 2]}})
    assert read_log(write(tmp_path, HEADER, extra)).closed
