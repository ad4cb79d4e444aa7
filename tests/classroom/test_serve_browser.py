"""Browser play in real headless Chromium: the title shows, a key press reaches the game,
a team's page opens its file, and a full server says so.

Chromium is Debian's `chromium` package. When it is missing, the setup installs it (as root,
with apt-get); where it cannot, these tests are skipped with the reason printed.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bench.serve_bench import Chromium, ServeProcess, find_chromium

from .conftest import FIXTURE_STORY


def _install_chromium() -> str | None:
    """Why Chromium cannot be had, or None once it is installed."""
    if find_chromium():
        return None
    if os.environ.get("TULAYEV_NO_BROWSER_INSTALL"):
        return "Chromium is not installed and TULAYEV_NO_BROWSER_INSTALL is set"
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return ("Chromium is not installed, and this setup cannot install it (it needs root "
                "and apt-get): run `apt-get install -y chromium` to test browser play")
    lock_path = Path(tempfile.gettempdir()) / "tulayev-chromium-install.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)       # one test worker installs, the others wait
        if find_chromium():
            return None
        try:
            result = subprocess.run(["apt-get", "install", "-y", "chromium"],
                                    capture_output=True, text=True, timeout=900,
                                    env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"installing Chromium failed: {error}"
    if not find_chromium():
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"`apt-get install -y chromium` did not install it: {tail[0]}"
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    reason = _install_chromium()
    if reason is not None:
        print(f"\nSKIPPING the browser tests: {reason}")
        pytest.skip(reason)
    return find_chromium()


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
