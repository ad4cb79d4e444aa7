"""The debrief screen: the teams side by side, the splits, the export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from game.classroom.debrief import debrief_session
from game.classroom.hotseat import ClassGame
from game.classroom.session import Team, create_session
from game.story import load_story
from game.ui.screens.debrief import DebriefApp
from game.ui.widgets.chart import MeterChart

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


def played(tmp_path):
    story = load_story(STORY)
    session = create_session(tmp_path / "saves", "9B", (Team("Red", "clerk"),
                                                       Team("Green", "clerk"),
                                                       Team("Blue", "typist")))
    game = ClassGame(session, story)
    for team_game, picks in zip(game.games, ([0, 1], [2, 0], []), strict=True):
        game.turn = game.games.index(team_game)
        game.begin_turn()
        for index in picks:
            tally = game.tally()
            tally.counts[index] = 3
            game.take(tally.decide())
    game.close()
    return session, story


async def test_the_debrief_screen(tmp_path):
    session, story = played(tmp_path)
    app = DebriefApp(debrief_session(session, story), session.folder)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        text = flat(screen_text(app))
        assert "DEBRIEF: 9B" in text and "THE TEAMS SIDE BY SIDE" in text
        cards = {card.border_title: " ".join(str(card.query_one(Static).render()).split())
                 for card in app.screen.query(".team-card")}
        assert list(cards) == ["Red", "Green", "Blue"]
        assert "Ending: Taken away (imprisoned)" in cards["Red"]
        assert "The novel: the same: this is how the novel ends it" in cards["Red"]
        assert "Ending: Home for supper (free)" in cards["Green"]
        assert "The novel: Taken away (imprisoned)" in cards["Green"]
        assert cards["Blue"] == "The Carbon: not played yet"   # opened, no choice taken
        assert len(app.screen.query(MeterChart)) == 2
        await pilot.press("end")
        body = app.screen.query_one("#debrief-body")
        body.scroll_end(animate=False)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "WHERE THE TEAMS SPLIT" in text or "HOW THE CLASS CHOSE" in text
        await pilot.press("e")
        await pilot.pause()
        assert (session.folder / "debrief.html").exists()
        await pilot.press("q")
    assert app.return_code == 0
