"""The classroom's screens, version 2: charts for a projector, the class screen's keys."""

from __future__ import annotations

from pathlib import Path

from game.classroom.debrief import debrief_session
from game.classroom.hotseat import ClassGame
from game.classroom.session import Team, create_session
from game.story import load_story
from game.ui.screens.debrief import DebriefApp
from game.ui.widgets.chart import MeterChart

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


def finished(tmp_path, teams=(("Red", "clerk"),), **options):
    story = load_story(STORY)
    session = create_session(tmp_path / "saves", "9B",
                             tuple(Team(n, a) for n, a in teams), **options)
    game = ClassGame(session, story)
    game.begin_turn()
    for index in (0, 1):
        tally = game.tally()
        tally.counts[index] = 3
        game.take(tally.decide())
    game.close()
    return session, story


async def test_the_debriefs_meter_charts_are_tall_enough_for_a_projector(tmp_path):
    session, story = finished(tmp_path)
    app = DebriefApp(debrief_session(session, story), session.folder)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(MeterChart)
        assert chart.size.height >= 3 * 5     # five rows a meter, not two
