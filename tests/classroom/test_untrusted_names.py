"""A session file edited by hand: its names reach the terminal as text, never as escapes."""

from __future__ import annotations

import json

from game import cli


def test_class_show_and_list_print_no_escape_codes(make_session, saves_dir, capsys):
    session = make_session("web", teams=(("Red", "clerk"),))
    path = session.folder / "session.json"
    data = json.loads(path.read_text())
    data["teams"][0]["name"] = "Red\x1b]0;PWNED\x07\x1b[2J [redacted]\x9b31m"
    data["created_at"] = "\x1b]52;c;aGk=\x07today"
    path.write_text(json.dumps(data))
    assert cli.main(["class", "show", "web", "--saves-dir", str(saves_dir)]) == 0
    assert cli.main(["class", "list", "--saves-dir", str(saves_dir)]) == 0
    out, err = capsys.readouterr()
    assert "Red [redacted]: clerk" in out and "today" in out
    assert not any(char in out + err for char in "\x1b\x07\x9b")
