"""Settings: the screen, what each setting does, the file, and a corrupt file."""

from __future__ import annotations

import json

from textual.widgets import Checkbox, RadioSet

from game.engine.settings import (
    SETTINGS_FILE,
    Settings,
    load_settings,
    parse_settings,
    save_settings,
)
from game.ui.screens.settings import SettingsScreen
from game.ui.widgets.meters import MeterPanel

from .helpers import flat, screen_text


def test_settings_round_trip(tmp_path):
    chosen = Settings(reveal="fast", theme="projector", meters_during_play=False)
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == (chosen, None)


def test_missing_settings_are_the_defaults(tmp_path):
    assert load_settings(tmp_path) == (Settings(), None)


def test_a_corrupt_settings_file_is_moved_aside_with_a_notice(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text("{ theme: ", encoding="utf-8")
    settings, notice = load_settings(tmp_path)
    assert settings == Settings()
    assert "could not be read" in notice and "moved to" in notice
    assert not (tmp_path / SETTINGS_FILE).exists()
    kept = list(tmp_path.glob(f"{SETTINGS_FILE}.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{ theme: "


def test_unknown_values_are_refused_with_a_located_reason():
    for text, words in [('{"theme": "purple"}', "settings.conf:1:2: theme: expected one of "
                         "tulayev, paper, high-contrast, projector (not 'purple')"),
                        ('{"format": "tulayev-settings",\n "reveal": 3}',
                         "settings.conf:2:2: reveal: expected text"),
                        ('{"meters_during_play": "yes"}', "settings.conf:1:2: "
                         "meters_during_play: expected true or false"),
                        ("[]", "settings.conf:1:1: expected an object")]:
        try:
            parse_settings(text)
        except ValueError as error:
            assert str(error) == words
        else:
            raise AssertionError(f"{text} was accepted")


def test_a_hostile_settings_file_gives_one_clean_line(tmp_path):
    """Nesting, huge numbers, NaN, escape sequences and oversized files: each is one line
    naming the file, where, and what; nothing reaches the screen raw."""
    hostile = ['{"theme": ' + "[" * 5000 + "]" * 5000 + "}",
               '{"show_notes": ' + "9" * 5000 + "}",
               '{"reveal": NaN}',
               '{"theme": "\u001b[2Jpaper' + "x" * 300 + '"}',
               '{"\u001b]0;owned\u0007": 1, "theme": 7}',
               " " * 70_000]
    for text in hostile:
        path = tmp_path / SETTINGS_FILE
        path.write_text(text, encoding="utf-8")
        settings, notice = load_settings(tmp_path)
        assert settings == Settings()
        assert notice.startswith(f"{path}:") or notice.startswith(f"{path}: too large"), notice
        assert "\n" not in notice and "\x1b" not in notice and "\x07" not in notice
        assert len(notice) < 400, notice
        assert "moved to" in notice


def test_the_settings_file_is_not_taken_for_a_save(tmp_path):
    from game.engine.saves import SaveStore

    save_settings(tmp_path, Settings())
    assert SaveStore(tmp_path).slots() == []


async def test_changing_settings_applies_and_saves_them(make_app, saves_dir):
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        theme = app.screen.query_one("#theme", RadioSet)
        theme.query("RadioButton")[2].value = True
        await pilot.pause()
        assert app.theme == "high-contrast"
        assert app.has_class("-high-contrast")
        theme.query("RadioButton")[3].value = True
        await pilot.pause()
        assert app.theme == "projector" and app.has_class("-projector")
        app.screen.query_one("#meters-during-play", Checkbox).value = False
        reveal = app.screen.query_one("#reveal", RadioSet)
        reveal.query("RadioButton")[3].value = True
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one(MeterPanel).display
    saved = json.loads((saves_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert (saved["theme"], saved["reveal"], saved["meters_during_play"]) == \
        ("projector", "fast", False)
    again = make_app()
    assert again.settings == Settings("fast", "projector", False)


async def test_settings_keys_work(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.focused.id == "reveal"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.settings.reveal == "slow"
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert app.settings.theme == "paper"


async def test_a_corrupt_settings_file_is_reported_in_the_game(make_app, saves_dir):
    (saves_dir / SETTINGS_FILE).write_text("not json", encoding="utf-8")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.settings == Settings()
        notices = [str(n.message) for n in app._notifications]
        assert any("could not be read" in n for n in notices)


async def test_help_lists_every_key_and_is_honest_about_type_size(make_app):
    app = make_app()
    async with app.run_test(size=(100, 80)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = flat(screen_text(app))
        for words in ("^q Quit", "1-9 Choose", "h History", "s Save", "l Load",
                      "esc Dossier", "d Back to the dossier", "Read on (show all text)",
                      "n Notes", "a number reads on to the end of the scene",
                      "y Yes", "Open file number n", "cannot change the size of its letters",
                      "NO_COLOR"):
            assert words in text, words


async def test_a_saved_theme_is_in_force_from_the_first_frame(make_app, saves_dir):
    """Each theme, saved, paints the title in its own colours when the game starts (dark
    themes are applied before the first parse of the styles, light ones the usual way)."""
    from game.ui.themes import THEMES

    for theme in THEMES:
        save_settings(saves_dir, Settings(theme=theme.name))
        app = make_app()
        async with app.run_test() as pilot:
            await pilot.pause()
            assert app.theme == theme.name and app.has_class(f"-theme-{theme.name}")
            assert app.has_class("-dark-mode") == theme.dark
            assert app.screen.styles.background.hex.lower() == theme.background.lower()
            assert app.has_class("-projector") == (theme.name == "projector")


async def test_the_chosen_option_is_where_the_keys_start_and_is_marked_by_more_than_colour(
        make_app, saves_dir):
    save_settings(saves_dir, Settings(theme="projector", reveal="fast"))
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # on the reveal group, at "fast": keeps it
        await pilot.press("tab", "enter")  # on the theme group, at "projector": keeps it
        await pilot.pause()
        assert (app.settings.reveal, app.settings.theme) == ("fast", "projector")
        marks = [str(b.render())[:3] for b in app.screen.query("#theme RadioButton")]
        assert marks == ["▐○▌", "▐○▌", "▐○▌", "▐●▌"]
        assert str(app.screen.query_one("#meters-during-play", Checkbox).render()).startswith("▐✓▌")


async def test_long_settings_labels_wrap_instead_of_being_cut(make_app):
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        text = flat(screen_text(app).replace("▊", " ").replace("▎", " "))
        assert "(otherwise only at the end)" in text and "…" not in text


async def test_a_theme_changed_during_a_scene_lays_the_choices_out_afresh(saves_dir):
    """The projector's wide margins wrap the choices; back in another theme they must not
    keep the projector's extra lines."""
    from dataclasses import replace

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp
    from game.ui.widgets.choices import ChoiceList
    from tests.conftest import SCENES

    app = TulayevApp(prepare_launch(load_story(SCENES), arc="erchov", saves_dir=str(saves_dir)),
                     settings=Settings(theme="projector"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        wrapped = choices.virtual_size.height
        app.on_settings_screen_changed(SettingsScreen.Changed(replace(app.settings,
                                                                      theme="tulayev")))
        await pilot.pause()
        await pilot.pause()
        assert choices.virtual_size.height < wrapped


async def test_tab_in_settings_only_visits_the_settings(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        visited = []
        for _ in range(6):
            visited.append(app.focused.id)
            await pilot.press("tab")
        assert visited == ["reveal", "theme", "meters-during-play", "lock-needs",
                           "show-notes", "reveal"]


async def test_opening_settings_does_not_restyle_the_scene(make_app):
    """Every screen's styles apply everywhere once loaded: the settings' own ids must not
    match the scene's widgets (a checkbox called `meters` gave the meters a margin)."""
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.screen.query_one(MeterPanel).region
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(MeterPanel).region == before
