"""Browser play in real headless Chromium: the title shows, a key press reaches the game,
a team's page opens its file, and a full server says so.

Chromium is Debian's `chromium` package, installed by `.ci/run`, driven by Playwright (a test
dependency) through `executable_path`: no browser is downloaded. Where Chromium is missing
these tests are skipped with the reason printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from playwright.async_api import expect

from bench.serve_bench import (
    ServeProcess,
    launch,
    open_tab,
    press,
    received,
    recording_context,
    sent_length,
    shown,
    wait_for_text,
)

from .conftest import FIXTURE_STORY

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def system_chromium() -> str:
    """Debian's Chromium (`.ci/run` installs it; the tests never install anything)."""
    if not os.access(CHROMIUM, os.X_OK):
        reason = (f"{CHROMIUM} is not installed: run `apt-get install -y chromium` (as .ci/run "
                  "does) to test browser play")
        print(f"\nSKIPPING the browser tests: {reason}")
        pytest.skip(reason)
    return CHROMIUM


# One Chromium for the module (launching it is a good part of a short test); each test has
# a fresh context of its own (cookies, storage, tabs), closed before its server stops.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chromium(system_chromium):
    async with launch(system_chromium) as browser:
        yield browser


def log_events(folder: Path) -> list[list[dict]]:
    return [[json.loads(x) for x in p.read_text().splitlines()]
            for p in sorted((folder / "logs").glob("*.jsonl"))]


async def test_the_page_shows_the_title_and_a_key_press_reaches_the_game(chromium, tmp_path):
    saves = tmp_path / "saves"
    with ServeProcess(saves, story=FIXTURE_STORY) as server:
        async with recording_context(chromium) as browser:
            page = await open_tab(browser, server.url)
            await wait_for_text(page, "OBEY OR BETRAY", 60)
            await wait_for_text(page, "New game", 10)
            assert await shown(page)            # the terminal is on screen, the intro gone
            await page.screenshot(path=tmp_path / "title.png")
            assert (tmp_path / "title.png").stat().st_size > 5000
            before = await sent_length(page)
            await press(page, "n")
            await wait_for_text(page, "THE DOSSIER", 30, after=before)
            await press(page, "1")
            await wait_for_text(page, "Two columns that should agree", 30, after=before)
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
        async with recording_context(chromium) as browser:
            picker = await open_tab(browser, server.url)
            await expect(picker.locator("body")).to_contain_text("Which team are you in?",
                                                                 timeout=30_000)
            await expect(picker.locator("body")).to_contain_text("Red")
            await expect(picker.locator("body")).to_contain_text("Blue")
            page = await open_tab(browser, server.url + "?team=Blue")
            await wait_for_text(page, "Eleven machines, eleven women", 60)
    (events,) = log_events(saves / "classes" / "9B")
    assert events[0]["team"] == "Blue"
    assert next(e for e in events if e["event"] == "arc_started")["arc"] == "typist"


async def test_extra_browsers_are_refused_with_a_clear_page(chromium, tmp_path):
    saves = tmp_path / "saves"
    with ServeProcess(saves, "--max-sessions", "1", story=FIXTURE_STORY) as server:
        async with recording_context(chromium) as browser:
            first = await open_tab(browser, server.url)
            await wait_for_text(first, "OBEY OR BETRAY", 60)
            second = await open_tab(browser, server.url)
            await expect(second.locator("body")).to_contain_text("The class is full.",
                                                                 timeout=30_000)
            await expect(second.locator("body")).to_contain_text(
                "The only place on this server is taken")
            await press(first, "n")
            await wait_for_text(first, "THE DOSSIER", 30)     # the first game plays on


async def test_a_reloaded_tab_or_a_second_tab_rejoins_the_teams_game(chromium, tmp_path):
    saves = tmp_path / "saves"
    made = subprocess.run(
        [sys.executable, "-m", "game", "class", "new", "lab", "--team", "Red=clerk",
         "--mode", "parallel", "--saves-dir", str(saves), "--story", str(FIXTURE_STORY)],
        capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    with ServeProcess(saves, "--session", "lab", story=FIXTURE_STORY) as server:
        async with recording_context(chromium) as browser:
            page = await open_tab(browser, server.url + "?team=Red")
            await wait_for_text(page, "Two columns that should agree", 60)
            try:                                    # the page focuses the terminal itself
                await page.wait_for_function(
                    "document.activeElement !== null && "
                    "document.activeElement.classList.contains('xterm-helper-textarea')",
                    timeout=10_000)
            except PlaywrightTimeoutError:
                pytest.fail("the terminal never had the focus")
            before = await sent_length(page)
            await press(page, "1", focus=False)         # no click, no focus() from the test
            await wait_for_text(page, "Two men in coats", 30, after=before)
            await page.reload(wait_until="commit")
            await wait_for_text(page, "Two men in coats", 60)   # where the team stands
            assert "Two columns that should agree" not in await received(page)
            second = await open_tab(browser, server.url + "?team=Red")
            await wait_for_text(second, "Two men in coats", 60)
            before = await sent_length(second)
            await press(second, "2")
            await wait_for_text(second, "The car has no handles", 30, after=before)
    logs = list((saves / "classes" / "lab" / "logs").glob("*.jsonl"))
    assert len(logs) == 1, logs
    (events,) = log_events(saves / "classes" / "lab")
    names = [e["event"] for e in events]
    assert names.count("log_started") == 1 and names.count("log_resumed") == 2
    assert [e["choice"] for e in events if e["event"] == "choice_taken"] == [1, 2]
