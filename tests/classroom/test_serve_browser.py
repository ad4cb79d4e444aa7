"""Browser play in real headless Chromium: the title shows, a key press reaches the game,
a team's page opens its file, and a full server says so.

Chromium is Debian's `chromium` package, installed by `.ci/run`; where it is missing these
tests are skipped with the reason printed.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.serve_bench import Chromium, ServeProcess

from .conftest import FIXTURE_STORY

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium (`.ci/run` installs it; the tests never install anything)."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = (f"{CHROMIUM} is not installed: run `apt-get install -y chromium` (as .ci/run "
                  "does) to test browser play")
        print(f"\nSKIPPING the browser tests: {reason}")
        pytest.skip(reason)
    return CHROMIUM


def log_events(folder: Path) -> list[list[dict]]:
    return [[json.loads(x) for x in p.read_text().splitlines()]
            for p in sorted((folder / "logs").glob("*.jsonl"))]


async def test_the_page_shows_the_title_and_a_key_press_reaches_the_game(chromium, tmp_path):
    saves = tmp_path / "saves"
    with ServeProcess(saves, story=FIXTURE_STORY) as server:
        async with Chromium(chromium) as browser:
            page = await browser.new_page(server.url)
            await page.wait_for("OBEY OR BETRAY", 60)
            await page.wait_for("New game", 10)
            assert await page.shown()           # the terminal is on screen, the intro gone
            await page.screenshot(tmp_path / "title.png")
            assert (tmp_path / "title.png").stat().st_size > 5000
            before = await page.length()
            await page.press("n")
            await page.wait_for("THE DOSSIER", 30, after=before)
            await page.press("1")
            await page.wait_for("Two columns that should agree", 30, after=before)
    (folder,) = (saves / "classes").iterdir()
    (events,) = log_events(folder)
    assert events[0]["event"] == "log_started" and events[0]["team"] is None
    started = next(e for e in events if e["event"] == "arc_started")
    assert started["arc"] == "clerk"


async def test_a_team_page_opens_its_file_and_logs_the_team(chromium, tmp_path):
    saves = tmp_path / "saves"
    made = subprocess.run(
        [sys.executable, "-m", "game", "class", "new", "9B", "--team", "Red=clerk",
         "--team", "Blue=typist", "--mode", "parallel", "--saves-dir", str(saves),
         "--story", str(FIXTURE_STORY)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    with ServeProcess(saves, "--session", "9B", story=FIXTURE_STORY) as server:
        async with Chromium(chromium) as browser:
            picker = await browser.new_page(server.url)
            deadline = time.monotonic() + 30
            while "Which team are you in?" not in await picker.body_text():
                assert time.monotonic() < deadline
                await asyncio.sleep(0.1)
            assert "Red" in await picker.body_text() and "Blue" in await picker.body_text()
            page = await browser.new_page(server.url + "?team=Blue")
            await page.wait_for("Eleven machines, eleven women", 60)
    (events,) = log_events(saves / "classes" / "9B")
    assert events[0]["team"] == "Blue"
    assert next(e for e in events if e["event"] == "arc_started")["arc"] == "typist"


async def test_extra_browsers_are_refused_with_a_clear_page(chromium, tmp_path):
    saves = tmp_path / "saves"
    with ServeProcess(saves, "--max-sessions", "1", story=FIXTURE_STORY) as server:
        async with Chromium(chromium) as browser:
            first = await browser.new_page(server.url)
            await first.wait_for("OBEY OR BETRAY", 60)
            second = await browser.new_page(server.url)
            deadline = time.monotonic() + 30
            while "The class is full." not in await second.body_text():
                assert time.monotonic() < deadline, await second.body_text()
                await asyncio.sleep(0.1)
            assert "The only place on this server is taken" in await second.body_text()
            await first.press("n")
            await first.wait_for("THE DOSSIER", 30)     # the first game plays on


async def test_a_reloaded_tab_or_a_second_tab_rejoins_the_teams_game(chromium, tmp_path):
    saves = tmp_path / "saves"
    made = subprocess.run(
        [sys.executable, "-m", "game", "class", "new", "lab", "--team", "Red=clerk",
         "--mode", "parallel", "--saves-dir", str(saves), "--story", str(FIXTURE_STORY)],
        capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    with ServeProcess(saves, "--session", "lab", story=FIXTURE_STORY) as server:
        async with Chromium(chromium) as browser:
            page = await browser.new_page(server.url + "?team=Red")
            await page.wait_for("Two columns that should agree", 60)
            focused = ("document.activeElement !== null && document.activeElement"
                       ".classList.contains('xterm-helper-textarea')")
            deadline = time.monotonic() + 10
            while not await page.evaluate(focused):   # the page focuses the terminal itself
                assert time.monotonic() < deadline, "the terminal never had the focus"
                await asyncio.sleep(0.1)
            before = await page.length()
            await page.press("1", focus=False)          # no click, no focus() from the test
            await page.wait_for("Two men in coats", 30, after=before)
            await page.send("Page.reload")
            await page.wait_for("Two men in coats", 60)         # where the team stands
            assert "Two columns that should agree" not in await page.received()
            second = await browser.new_page(server.url + "?team=Red")
            await second.wait_for("Two men in coats", 60)
            before = await second.length()
            await second.press("2")
            await second.wait_for("The car has no handles", 30, after=before)
    logs = list((saves / "classes" / "lab" / "logs").glob("*.jsonl"))
    assert len(logs) == 1, logs
    (events,) = log_events(saves / "classes" / "lab")
    names = [e["event"] for e in events]
    assert names.count("log_started") == 1 and names.count("log_resumed") == 2
    assert [e["choice"] for e in events if e["event"] == "choice_taken"] == [1, 2]
