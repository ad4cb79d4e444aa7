"""Start-up: the title screen shows at once while the story is read in the background."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import threading
import time

from game.cli import OpenError, open_story
from game.ui.app import TulayevApp
from game.ui.screens.dossier import DossierScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import REPO
from tests.ui.conftest import FIXTURE_STORY
from tests.ui.helpers import flat, screen_text


async def test_title_first_then_the_story(saves_dir):
    gate = threading.Event()

    def opener():
        gate.wait(10)
        return open_story(str(FIXTURE_STORY), saves_dir=str(saves_dir))

    app = TulayevApp(None, opener=opener, saves_dir=str(saves_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and not app.opened
        await pilot.press("n")  # before the files are open: taken once they are
        gate.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, DossierScreen):
                break
        assert app.opened and isinstance(app.screen, DossierScreen)
        assert "Ivan Petrovich" in flat(screen_text(app))


async def test_a_story_that_does_not_open_ends_with_its_problems(saves_dir, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.yaml").write_text("arc: [\n")
    app = TulayevApp(None, opener=lambda: open_story(str(broken), saves_dir=str(saves_dir)),
                     saves_dir=str(saves_dir))
    async with app.run_test() as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.startup_problems:
                break
    assert app.return_code == 1
    assert any("a.yaml:2:1: YAML syntax error" in line for line in app.startup_problems)


def test_open_story_raises_every_line(tmp_path):
    (tmp_path / "a.yaml").write_text("arc: [\n")
    try:
        open_story(str(tmp_path))
    except OpenError as error:
        assert error.lines[-1] == "1 error(s): the story was not loaded"
    else:
        raise AssertionError("a broken story opened")


def test_broken_story_in_a_real_terminal_prints_validator_lines(tmp_path):
    """In a pseudo-terminal (title-first path), the lines appear after the UI closes."""
    (tmp_path / "a.yaml").write_text("arc: [\n")
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--story", str(tmp_path), "--saves-dir",
         str(tmp_path / "saves")], stdin=child, stdout=child, stderr=child, close_fds=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color",
             "COLUMNS": "80", "LINES": "24"})
    os.close(child)
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(main)
    assert process.wait(10) == 1
    assert b"a.yaml:2:1: YAML syntax error" in output
    assert b"Traceback" not in output


PLAY_A_FILE = """
import asyncio, sys
from game.cli import open_story
from game.ui.app import TulayevApp
from game.ui.screens.ending import EndingScreen

async def play():
    app = TulayevApp(None, opener=lambda: open_story(sys.argv[1], saves_dir=sys.argv[2]),
                     saves_dir=sys.argv[2])
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "n111":
            for _ in range(100):
                await pilot.pause(0.02)
                if app.opened:
                    break
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen), app.screen

asyncio.run(play())
print(sorted(m for m in ("jinja2", "game.templates") if m in sys.modules))
"""


def test_playing_a_file_to_its_end_never_imports_jinja(tmp_path):
    """Jinja makes the HTML pages only: the game's start-up and play do without it."""
    result = subprocess.run([sys.executable, "-c", PLAY_A_FILE, str(FIXTURE_STORY),
                             str(tmp_path / "saves")], capture_output=True, text=True,
                            cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_tulayev_play_plain_never_imports_jinja(tmp_path):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "game", "play", "--plain", "--story",
         str(FIXTURE_STORY), "--saves-dir", str(tmp_path / "saves"), "--arc", "clerk"],
        input="1\n1\nq\n", capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "THE END" in result.stdout
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "game.cli" in imported
    assert not [m for m in imported if m.startswith(("jinja2", "game.templates"))]
