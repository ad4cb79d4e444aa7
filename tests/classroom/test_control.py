"""The facilitator's control file, read as untrusted input: what fits is read, what does not
is "nothing to say", never an exception in a team's game."""

from __future__ import annotations

import json

import pytest

from game.classroom.control import CONTROL_FILE, Control, Follower, read_control, write_control


def test_what_the_console_writes_is_read_back(tmp_path):
    write_control(tmp_path, Control("Five minutes", 3, 2_000_000_000.0, True, "Wait", 2))
    control = read_control(tmp_path)
    assert control == Control("Five minutes", 3, 2_000_000_000.0, True, "Wait", 2)


def test_messages_are_one_line_of_plain_text(tmp_path):
    (tmp_path / CONTROL_FILE).write_text(json.dumps({
        "format": "tulayev-control", "message": "Stop\x1b[2J now\nplease" + "!" * 500,
        "future_key": {"a": 1}}))
    control = read_control(tmp_path)
    assert control.message.startswith("Stop [2J now please!") and "\x1b" not in control.message
    assert len(control.message) == 300


@pytest.mark.parametrize("text", [
    '{"format": "tulayev-control", "countdown_end": 1e999}',     # infinity: no countdown
    '{"format": "tulayev-control", "countdown_end": NaN}',
    '{"format": "tulayev-control", "countdown_end": -5}',
    '{"format": "tulayev-control", "message_id": ' + "9" * 5000 + "}",
    '{"format": "tulayev-control", "paused": "yes"}',
    '{"format": "tulayev-control", "message": ' + "[" * 10_000 + "]" * 10_000 + "}",
    '{"format": "tulayev-control", "message": "x"',
    '{"format": "other", "message": "x"}',
    "[]",
    " " * (70 * 1024),
])
def test_a_damaged_or_hostile_file_says_nothing(tmp_path, text):
    (tmp_path / CONTROL_FILE).write_text(text)
    assert read_control(tmp_path) == Control()
    control, news = Follower(tmp_path).poll()
    assert control == Control() and news == []
