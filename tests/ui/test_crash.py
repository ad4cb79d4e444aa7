"""An unexpected error: the player's game is saved first, a crash report written second, and a
short panel shown last, never Textual's traceback with locals (game/ui/base.py)."""

from __future__ import annotations

import json

import pytest

from game.ui.screens.scene import SceneScreen


class Broken(RuntimeError):
    pass


async def test_a_crash_saves_the_game_then_reports_then_says_so(make_app, saves_dir,
                                                                  tmp_path, monkeypatch):
    crashes = tmp_path / "crashes"
    monkeypatch.setenv("TULAYEV_CRASH_DIR", str(crashes))
    app = make_app(arc="clerk")

    def broken_help() -> None:
        raise Broken("a bug nobody expected")

    monkeypatch.setattr(app, "action_help", broken_help)
    with pytest.raises(Broken):
        async with app.run_test() as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SceneScreen)
            app.state.values["fear"] = 77  # a change the autosave has not seen yet
            await pilot.press("question_mark")
            await pilot.pause()
    assert app.return_code == 1
    (report,) = crashes.glob("crash-*.txt")
    text = report.read_text()
    assert "Broken: a bug nobody expected" in text and "TulayevApp" in text
    saved = [json.loads(p.read_text()) for p in saves_dir.glob("*.json")]
    assert any(s["state"]["values"]["fear"] == 77 for s in saved if "state" in s) or \
        any(s.get("values", {}).get("fear") == 77 for s in saved)
    assert app.crash_panel.startswith("The game stopped on an error it did not expect.")
    assert f"Your game is saved ({saves_dir})" in app.crash_panel
    assert str(report) in app.crash_panel


async def test_the_handler_itself_never_raises(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("TULAYEV_CRASH_DIR", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder")
    app = make_app(arc="clerk")

    def broken_save() -> str:
        raise OSError("disk gone")

    def broken_help() -> None:
        raise Broken("again")

    monkeypatch.setattr(app, "save_work", broken_save)
    monkeypatch.setattr(app, "action_help", broken_help)
    with pytest.raises(Broken):
        async with app.run_test() as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
    assert "could not be saved just now" in app.crash_panel
    assert "No crash report could be written." in app.crash_panel
