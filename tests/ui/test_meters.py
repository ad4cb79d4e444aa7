"""Meters keep their bars' length when they change; the change shows beside the number."""

from __future__ import annotations

import re

import pytest

from game.ui.widgets.meters import MeterBar
from tests.ui.helpers import screen_text

BAR = re.compile(r"[█░]+")


def meter_line(app) -> str:
    return screen_text(app).split("\n")[1]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (130, 40)])
async def test_bars_keep_their_length_and_the_change_is_beside_them(make_app, size,
                                                                   monkeypatch):
    monkeypatch.setattr("game.ui.widgets.meters.CHANGE_SECONDS", 3600.0)
    app = make_app(arc="clerk")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        before = meter_line(app)
        lengths = {len(bar) for bar in BAR.findall(before)}
        assert len(BAR.findall(before)) == 3 and len(lengths) == 1
        assert min(lengths) >= 8
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one("#meter-fear", MeterBar).before == 40
        after = meter_line(app)
        assert [len(bar) for bar in BAR.findall(after)] == [min(lengths)] * 3
        assert "55 ▲15" in after and "65 ▲5" in after and "15 ▲5" in after
        assert len(after.rstrip()) <= size[0]


async def test_a_narrow_screen_shows_numbers_and_changes(make_app, monkeypatch):
    monkeypatch.setattr("game.ui.widgets.meters.CHANGE_SECONDS", 3600.0)
    app = make_app(arc="clerk")
    async with app.run_test(size=(44, 30)) as pilot:
        await pilot.pause()
        await pilot.press("1")  # the scene fits at 44x30: the choice is taken
        await pilot.pause()
        line = meter_line(app)
        assert "Loy.  65 ▲5" in line and "Fear  55 ▲15" in line and "Sus.  15 ▲5" in line
