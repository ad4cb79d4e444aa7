"""A whole hot-seat lesson on the class screen, through Pilot: hands counted by key, typed
votes, a tie, the facilitator's pick, notes, a pause, a what-if; then the debrief screen,
and the logs' transcripts and debrief checked for content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.classroom.debrief import debrief_session, render
from game.classroom.hotseat import DEFAULT_PROMPTS, ClassGame
from game.classroom.playlog import load_playthrough
from game.classroom.session import Team, create_session
from game.classroom.transcript import render as transcript
from game.story import load_story
from game.ui.dialogs.rewind import RewindDialog
from game.ui.dialogs.vote import PickDialog, VoteDialog
from game.ui.screens.class_play import ClassApp, ClassScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.pause import PauseScreen

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


@pytest.fixture(scope="module")
def class_story():
    return load_story(STORY)


@pytest.fixture
def game(tmp_path, class_story):
    session = create_session(tmp_path / "saves", "9B",
                             (Team("Red", "clerk"), Team("Blue", "typist")),
                             turns="choice", countdown=30)
    game = ClassGame(session, class_story)
    yield game
    game.close()


def shown(app) -> str:
    return flat(screen_text(app))


def words(app) -> str:
    """The screen's words, its box-drawing frames left out."""
    return " ".join(w for w in shown(app).split() if not set(w) <= set("╔═╗║╚╝"))


async def press(pilot, *keys):
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_a_whole_lesson_on_one_screen(game):
    app = ClassApp(game, theme="tulayev")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClassScreen)
        text = shown(app)
        assert "CLASS 9B · TEAM RED · The Ledger" in text and "▸ Red" in text
        assert "The ledger" in text and "FILE: IVAN PETROVICH" in text
        # the countdown starts at 0:30; on a busy machine a second may pass before this read
        assert re.search(r"0 hands counted · discuss: 0:(30|29)", text)
        assert "locked: Your hand will not lift the pencil." in text
        assert "A choice nobody may see" not in text

        await press(pilot, "1", "1", "1", "1", "1", "3", "3", "3")
        assert "8 hands counted" in shown(app)
        await press(pilot, "2")                       # locked: nobody can vote for it
        assert "8 hands counted" in shown(app)
        await press(pilot, "backspace")
        assert screen.tally.counts == [5, 0, 2, 0]

        await press(pilot, "n")
        assert "FACILITATOR NOTES" in shown(app) and "routinely inflated" in shown(app)
        assert screen.tally.counts == [5, 0, 2, 0]    # the notes keep the hands counted

        await press(pilot, "p")
        assert isinstance(app.screen, PauseScreen)
        assert words(app) == DEFAULT_PROMPTS[0]       # only the prompt
        await press(pilot, "enter")
        assert app.screen is screen

        await press(pilot, "enter")                   # close the vote: 5 to 2 for option 1
        text = shown(app)
        assert "Team Red: “Add it again, and get the figure he wants.” They chose to obey." \
            in text
        assert "Next: team Blue. Enter to hand them the screen." in text
        await press(pilot, "enter")
        assert "TEAM BLUE · The Carbon" in shown(app) and "▸ Blue" in shown(app)

        await press(pilot, "v")
        assert isinstance(app.screen, VoteDialog)
        await press(pilot, "3", "enter", "3", "enter")
        assert isinstance(app.screen, ClassScreen) and screen.tally.counts == [3, 3]
        await press(pilot, "enter")                   # a tie: the facilitator decides
        assert isinstance(app.screen, PickDialog)
        assert "A tie between options 1, 2" in shown(app)
        await press(pilot, "2")
        text = shown(app)
        assert "THE END for team Blue: Clean hands (free)" in text
        assert "This is how the novel ends it." in text
        assert "They never obeyed, and betrayed once." in text
        assert "• Is the typist responsible for what she types?" in text
        assert "Enter: team Red's turn" in text

        await press(pilot, "enter")
        assert "TEAM RED" in shown(app) and "The corridor" in shown(app)
        await press(pilot, "f")                       # the facilitator chooses, no hands
        assert isinstance(app.screen, PickDialog)
        await press(pilot, "2")
        assert "THE END for team Red: Taken away (imprisoned)" in shown(app)

        await press(pilot, "r")                       # what if?
        assert isinstance(app.screen, RewindDialog)
        await press(pilot, "enter")                   # back to choice 1
        assert "The ledger" in shown(app) and "0 hands counted" in shown(app)
        await press(pilot, "3", "3", "3", "enter")
        text = shown(app)
        assert "The corridor" in text and "Team Red: “Say nothing and wait.”" in text
        await press(pilot, "1", "1", "1", "1", "enter")
        assert "THE END for team Red: Home for supper (free)" in shown(app)
        assert "Enter: the debrief" in shown(app)

        await press(pilot, "enter")
        assert isinstance(app.screen, DebriefScreen)
        text = shown(app)
        assert "DEBRIEF: 9B" in text and "THE TEAMS SIDE BY SIDE" in text
        assert "Ending: Taken away (imprisoned)" in text
        assert "What if: back to choice 1: Home for supper (free)" in text
        assert "Ending: Clean hands (free)" in text
        await press(pilot, "e")
        assert (game.session.folder / "debrief.html").read_text().startswith("<!DOCTYPE")
        await press(pilot, "escape")
        assert app.screen is screen

    red = next(p for p in game.session.log_paths() if "-red-" in p.name)
    md = transcript(load_playthrough(red), "md")
    assert "class vote 5–0–2: majority" in md
    assert "*Paused for discussion: “What would you do now, and why?”*" in md
    assert "*Facilitator notes shown.*" in md
    assert "**Taken:** 2. “Say you do not know.” — the facilitator chose to betray" in md
    assert "the facilitator chose 2 without a vote" in md
    assert "### What if? Branch 2: back to choice 1" in md
    assert "class vote 0–0–3: unanimous" in md
    page = render(debrief_session(game.session, game.story), "html")
    assert page.count('<div class="card">') == 2 and "<svg" in page
    blue = next(p for p in game.session.log_paths() if "-blue-" in p.name)
    assert "class vote 3–3: a tie, settled by the facilitator" in transcript(
        load_playthrough(blue), "md")


async def test_meters_can_be_hidden_and_votes_need_hands(game):
    app = ClassApp(game, theme="projector")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Loyalty" in shown(app)
        await press(pilot, "m")
        assert "Loyalty" not in shown(app)
        await press(pilot, "enter")                  # no hands yet: nothing is taken
        assert app.screen.tally.total == 0 and not game.current.state.history
        await press(pilot, "P")
        await pilot.press(*"Whose figures are these?")
        await press(pilot, "enter")
        assert words(app) == "Whose figures are these?"
        await press(pilot, "escape")
        await press(pilot, "r")                      # nothing to go back to yet
        assert isinstance(app.screen, ClassScreen)
