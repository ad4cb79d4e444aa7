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


# The class screen ------------------------------------------------------------------------------

from textual.widgets._footer import FooterKey  # noqa: E402

from game.ui.dialogs.confirm import ConfirmDialog  # noqa: E402
from game.ui.screens.class_play import ClassApp, ClassScreen  # noqa: E402
from game.ui.screens.debrief import DebriefScreen  # noqa: E402
from game.ui.screens.help import HelpScreen  # noqa: E402
from game.ui.screens.settings import SettingsScreen  # noqa: E402

from .helpers import flat, screen_text  # noqa: E402


def lesson(tmp_path, teams=(("Red", "clerk"),), **options):
    story = load_story(STORY)
    session = create_session(tmp_path / "saves", "9B",
                             tuple(Team(n, a) for n, a in teams), **options)
    return ClassGame(session, story)


def visible_keys(app, width: int) -> set[str]:
    """The keys of the key bar drawn whole within `width` columns."""
    return {key.key for key in app.screen.query(FooterKey)
            if key.region.width and key.region.right <= width}


async def test_the_class_screens_key_bar_fits_120_columns(tmp_path):
    app = ClassApp(lesson(tmp_path), theme="projector")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = visible_keys(app, 120)
        assert {"d", "ctrl+q", "r", "p", "f", "v", "question_mark"} <= keys, keys


async def test_settings_help_and_a_quit_that_asks_first(tmp_path):
    game = lesson(tmp_path)
    app = ClassApp(game)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Undo the last choice" in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.post_message(SettingsScreen.Changed(
            __import__("dataclasses").replace(app.settings, theme="projector")))
        await pilot.pause()
        assert app.theme == "projector" and app.has_class("-projector")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ClassScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0 and all(g.log is None or g.log.closed for g in game.games)


async def test_undo_a_what_if_label_and_a_debrief_that_keeps_the_novel_back(tmp_path):
    app = ClassApp(lesson(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "3", "enter")              # say nothing and wait
        await pilot.pause()
        assert "The corridor" in flat(screen_text(app))
        await pilot.press("u")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "The ledger" in text and "WHAT IF?" not in text
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = flat(screen_text(app))
        assert "not shown until the team has finished its file" in text
        assert "Taken away" not in text
        await pilot.press("escape")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")                         # back to choice 1
        await pilot.pause()
        assert "WHAT IF? (branch 2, from choice 1)" in flat(screen_text(app))


async def test_a_teams_own_key_bar_shows_meters_and_debrief(tmp_path):
    from .test_classroom_seat import seat_app

    app, log, _ = seat_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = flat(screen_text(app))
        assert "m Meters" in text and "D Debrief" in text and "v Vote" in text, text
    log.close()


async def test_choosing_for_the_class_keeps_the_hands_and_says_so(tmp_path):
    game = lesson(tmp_path)
    app = ClassApp(game)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "1", "1", "f")
        await pilot.pause()
        await pilot.press("3")                             # the facilitator takes 3
        await pilot.pause()
        text = flat(screen_text(app))
        assert "The facilitator chose 3 against a 3–0–0 vote." in text
        assert "They chose" not in text
    assert game.current.state.history[0].votes[:3] == [3, 0, 0]


async def test_a_team_undoes_its_last_choice_at_its_own_screen(tmp_path):
    import json

    from game.ui.screens.scene import SceneScreen

    from .test_classroom_seat import seat_app

    app, log, _ = seat_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause(0.3)
        assert len(app.state.history) == 1
        await pilot.press("u")
        await pilot.pause()
        assert app.state.history == [] and isinstance(app.screen, SceneScreen)
        assert "The ledger" in flat(screen_text(app))
    log.close()
    events = [json.loads(x)["event"] for x in log.path.read_text().splitlines()]
    assert "undone" in events and "rewound" not in events


async def test_a_teams_debrief_keeps_its_novel_ending_back_until_released(tmp_path):
    from .test_classroom_seat import seat_app

    app, log, session = seat_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause(0.3)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        text = flat(screen_text(app))
        assert "not shown until the team has finished its file" in text
        assert "Taken away" not in text
        await pilot.press("escape")
        await pilot.pause()
        session.released = True
        session.save()
        await pilot.press("D")
        await pilot.pause()
        assert "The novel: Taken away (imprisoned)" in flat(screen_text(app))
    log.close()
