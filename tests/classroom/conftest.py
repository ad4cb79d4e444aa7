"""Fixtures for the classroom tests: a small fixed story and a fresh saves folder each."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom.session import Team, create_session
from game.story import load_story

FIXTURE_STORY = Path(__file__).parent / "fixtures" / "story"


@pytest.fixture(scope="session")
def story():
    return load_story(FIXTURE_STORY)


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


@pytest.fixture
def make_session(saves_dir):
    def make(name: str = "9B", teams=(("Red", "clerk"), ("Blue", "typist")), **options):
        return create_session(saves_dir, name, tuple(Team(n, a) for n, a in teams), **options)

    return make


LESSON_TEAMS = (("Red", "clerk"), ("Blue", "typist"), ("Green", "clerk"))


@pytest.fixture
def lesson(make_session, story):
    """A finished hot-seat lesson (see `helpers.play_lesson`): (session, game)."""
    from .helpers import play_lesson

    session = make_session(teams=LESSON_TEAMS, turns="choice", countdown=60)
    return session, play_lesson(session, story)


@pytest.fixture
def team_log(lesson):
    """The log of a team of the lesson, by name."""
    session, _ = lesson

    def find(team: str) -> Path:
        return next(p for p in session.log_paths() if f"-{team.lower()}-" in p.name)

    return find
