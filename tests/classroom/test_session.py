"""Sessions: names, teams, the random deal, session.json as untrusted input."""

from __future__ import annotations

import json

import pytest

from game.classroom.session import (
    SESSION_FILE,
    SessionError,
    SessionFileError,
    Team,
    assign_arcs,
    check_team_name,
    create_session,
    find_session,
    list_sessions,
    load_session,
    parse_team_spec,
    slug,
)

ARCS = ["prologue", "erchov", "makeyev", "sample"]


def test_a_new_session_is_a_folder_under_classes(saves_dir, make_session):
    session = make_session(mode="parallel", countdown=45, show_notes=True)
    assert session.folder == saves_dir / "classes" / "9B"
    assert (session.folder / SESSION_FILE).is_file()
    assert session.logs_dir.is_dir()
    loaded = load_session("9B", saves_dir)
    assert loaded.teams == (Team("Red", "clerk"), Team("Blue", "typist"))
    assert (loaded.mode, loaded.countdown, loaded.show_notes, loaded.show_meters) == \
        ("parallel", 45, True, True)
    assert load_session(session.folder, saves_dir).name == "9B"
    assert load_session(session.folder / SESSION_FILE, saves_dir).name == "9B"
    assert [s.name for s in list_sessions(saves_dir)] == ["9B"]


def test_an_existing_session_is_not_replaced_by_accident(make_session):
    make_session()
    with pytest.raises(SessionError, match="already exists"):
        make_session()
    assert make_session(teams=(("Green", "clerk"),), replace=True).teams == (
        Team("Green", "clerk"),)


@pytest.mark.parametrize("name", ["", "-x", "a b", "../up", "x" * 41, "naïve"])
def test_session_names_are_folder_safe(saves_dir, name):
    with pytest.raises(SessionError, match="not a session name"):
        create_session(saves_dir, name, (Team("Red", "clerk"),))


def test_team_specs():
    assert parse_team_spec("Red=erchov") == ("Red", "erchov")
    assert parse_team_spec("  The   Reds ") == ("The Reds", None)
    with pytest.raises(SessionError, match="NAME=ARC"):
        parse_team_spec("Red=")
    with pytest.raises(SessionError, match="empty"):
        check_team_name("   ")
    with pytest.raises(SessionError, match="control"):
        check_team_name("Red\x1b[31m")
    assert slug("Équipe Rouge!") == "equipe-rouge"
    assert slug("!!!") == "team"


def test_random_deal_is_seeded_and_spreads_the_arcs():
    specs = [(f"T{i}", None) for i in range(8)]
    first = assign_arcs(specs, ARCS, ARCS, seed=7)
    assert first == assign_arcs(specs, ARCS, ARCS, seed=7)
    counts = {arc: sum(t.arc == arc for t in first) for arc in ARCS}
    assert set(counts.values()) == {2}          # each arc twice before any arc thrice
    assert any(assign_arcs(specs, ARCS, ARCS, seed=s) != first for s in range(1, 5))


def test_hand_picked_arcs_count_in_the_deal():
    teams = assign_arcs([("A", "erchov"), ("B", None), ("C", None)], ["erchov", "makeyev"],
                        ARCS, seed=1)
    assert teams[0].arc == "erchov"
    assert sorted(t.arc for t in teams[1:]) == ["erchov", "makeyev"]


@pytest.mark.parametrize("specs, pool, message", [
    ([], ARCS, "at least one team"),
    ([("A", None), ("a", None)], ARCS, "two teams are called"),
    ([("A", "nobody")], ARCS, "no arc 'nobody'"),
    ([("A", None)], ["nobody"], "--arcs: no arc"),
])
def test_bad_deals(specs, pool, message):
    with pytest.raises(SessionError, match=message):
        assign_arcs(specs, pool, ARCS)


def test_a_missing_session_names_the_ones_there(saves_dir, make_session):
    with pytest.raises(SessionError, match="there are no sessions yet"):
        find_session("nope", saves_dir)
    make_session()
    with pytest.raises(SessionError, match=r"no session 'nope' .*\(sessions: 9B\)"):
        load_session("nope", saves_dir)


def test_unknown_team(make_session):
    session = make_session()
    assert session.team("red").name == "Red"
    with pytest.raises(SessionError, match=r"no team 'Green' \(teams: Red, Blue\)"):
        session.team("Green")


def _write(saves_dir, text: str | bytes):
    folder = saves_dir / "classes" / "bad"
    folder.mkdir(parents=True)
    path = folder / SESSION_FILE
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_corrupt_session_file_gives_its_line_and_column(saves_dir):
    path = _write(saves_dir, '{\n "format": "tulayev-class",\n "version": 1,\n oops\n}\n')
    with pytest.raises(SessionFileError) as caught:
        load_session("bad", saves_dir)
    assert str(caught.value).startswith(f"{path}:4:2: not valid JSON")


def test_a_wrong_field_is_located(saves_dir):
    document = {"format": "tulayev-class", "version": 1, "name": "bad", "mode": "hotseat",
                "teams": [{"name": "Red", "arc": "clerk"}, {"name": "Blue", "arc": 5}]}
    path = _write(saves_dir, json.dumps(document, indent=1))
    with pytest.raises(SessionFileError) as caught:
        load_session("bad", saves_dir)
    lines = path.read_text().splitlines()
    row = next(i for i, line in enumerate(lines, 1) if '"arc": 5' in line)
    column = lines[row - 1].index('"arc"') + 1
    assert str(caught.value) == f"{path}:{row}:{column}: teams.1.arc: expected text"


def test_a_wrong_type_deep_in_a_session_file_is_at_its_real_line(saves_dir):
    """Keys that appear earlier in the file (another team's "students") do not mislead."""
    document = {"format": "tulayev-class", "version": 1, "name": "bad", "mode": "hotseat",
                "teams": [{"name": "Red", "arc": "clerk", "students": ["Ana", "Ben"]},
                          {"name": "Blue", "arc": "erchov", "students": ["Cy", 7]}]}
    path = _write(saves_dir, json.dumps(document, indent=1))
    with pytest.raises(SessionFileError) as caught:
        load_session("bad", saves_dir)
    lines = path.read_text().splitlines()
    row = next(i for i, line in enumerate(lines, 1) if line.strip() == "7")
    assert str(caught.value) == f"{path}:{row}:5: teams.1.students.1: expected text"


@pytest.mark.parametrize("team, where, message", [
    ({"name": "Red", "arc": "clerk", "students": ["Ana\u001b[2J"]}, ("students", 0),
     "has control characters"),
    ({"name": "Red", "arc": "clerk", "students": ["Ana", "  "]}, ("students", 1),
     "cannot be empty"),
    ({"name": "Red", "arc": "clerk", "students": ["x"] * 13}, ("students",),
     "more than 12 items"),
    ({"name": "", "arc": "clerk"}, ("name",), "empty"),
    ({"name": "Red", "arc": "clerk", "colour": "red"}, ("colour",), "unknown key"),
])
def test_bad_teams_are_located(saves_dir, team, where, message):
    text = ('{"format": "tulayev-class", "version": 1, "name": "bad", "mode": "hotseat",\n'
            ' "teams": [\n  ' + json.dumps(team).replace("\\\\", "\\") + '\n ]\n}\n')
    path = _write(saves_dir, text)
    with pytest.raises(SessionFileError) as caught:
        load_session("bad", saves_dir)
    error = str(caught.value)
    assert error.startswith(f"{path}:3:") and message in error, error
    assert f"teams.0.{'.'.join(map(str, where))}" in error and "\x1b" not in error


@pytest.mark.parametrize("text, message", [
    (b"\xff\xfe", "not UTF-8"),
    ("[]", "not a class session file"),
    ('{"format": "tulayev-class", "version": 99}', "newer version"),
    ('{"format": "tulayev-class", "version": 1, "name": "x", "mode": "solo", "teams": []}',
     r":1:56: mode: expected one of hotseat, parallel \(not 'solo'\)"),
    ("[" * 100_000, "nested too deeply"),
])
def test_other_bad_session_files(saves_dir, text, message):
    _write(saves_dir, text)
    with pytest.raises(SessionFileError, match=message):
        load_session("bad", saves_dir)


def test_unreadable_sessions_are_left_out_of_the_list(saves_dir, make_session):
    make_session()
    _write(saves_dir, "nonsense")
    assert [s.name for s in list_sessions(saves_dir)] == ["9B"]


def test_each_seat_is_new(make_session):
    session = make_session()
    seats = {session.new_seat("Red").id for _ in range(50)}
    assert len(seats) == 50
    seat = session.new_seat("Équipe Rouge")
    assert "-equipe-rouge-" in seat.id
    assert seat.log_path.parent == session.logs_dir
    assert seat.saves_dir.parent == session.folder / "players"
