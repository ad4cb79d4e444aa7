"""The facilitator's console against real team games: two `tulayev class play --plain`
processes at their "terminals", driven through their stdin, while the console (under
Pilot) watches the session's folder and sends a message and a pause."""

from __future__ import annotations

import os
import subprocess
import threading
import time

from textual.widgets import Input

from game.classroom.session import load_session
from game.ui.screens.class_watch import AskDialog, WatchApp
from tests.conftest import REPO

from .conftest import FIXTURE_STORY
from .test_cli import TULAYEV, run


class TeamProcess:
    """`tulayev class play lab --team NAME --plain`, with its output collected."""

    def __init__(self, saves, team: str):
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [*TULAYEV, "class", "play", "lab", "--team", team, "--plain", "--story",
             str(FIXTURE_STORY), "--saves-dir", str(saves)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, env=env, cwd=REPO)
        self.output = ""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output += line

    def type(self, text: str) -> None:
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"never printed {text!r}:\n{self.output}"
            assert self.process.poll() is None, self.output
            time.sleep(0.05)

    def finish(self) -> int:
        self.process.stdin.close()
        code = self.process.wait(60)
        self.reader.join(10)
        return code


def rows(app) -> dict[str, list[str]]:
    table = app.table
    return {str(row[0]): [str(c) for c in row]
            for row in (table.get_row_at(i) for i in range(table.row_count))}


async def until(pilot, check, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, rows(pilot.app)
        await pilot.pause(0.2)


async def ask(pilot, key: str, text: str) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, AskDialog)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_the_console_watches_and_steers_real_team_games(tmp_path):
    saves = tmp_path / "saves"
    made = run("class", "new", "lab", "--mode", "parallel", "--team", "Red=clerk",
               "--team", "Blue=typist", "--story", str(FIXTURE_STORY), saves=saves)
    assert made.returncode == 0, made.stderr
    red, blue = TeamProcess(saves, "Red"), TeamProcess(saves, "Blue")
    try:
        red.wait_for("Two columns that should agree")
        blue.wait_for("Eleven machines")
        session = load_session("lab", saves)
        app = WatchApp(session, None, interval=0.2)
        async with app.run_test(size=(160, 30)) as pilot:
            await until(pilot, lambda: rows(app)["Blue"][9] == "playing"
                        and rows(app)["Red"][2] == "The ledger")
            red.type("1")
            await until(pilot, lambda: rows(app)["Red"][2] == "The corridor")
            assert rows(app)["Red"][6] == "1" and rows(app)["Red"][3:6] == ["65", "55", "10"]

            await ask(pilot, "m", "5 minutes left")
            for team in (red, blue):
                team.wait_for("*** From the facilitator: 5 minutes left ***", 15)

            await ask(pilot, "p", "Eyes on the front")
            for team in (red, blue):
                team.wait_for("*** Paused by the facilitator: Eyes on the front. ***", 15)
            red.type("2")                       # typed during the pause: it waits
            time.sleep(2)
            assert rows(app)["Red"][6] == "1" and "Taken away" not in red.output
            await pilot.press("p")
            red.wait_for("*** The facilitator has resumed play. ***", 15)
            red.wait_for("Taken away", 15)
            await until(pilot, lambda: rows(app)["Red"][9] == "finished")
            assert rows(app)["Blue"][9] == "playing"
        red.type("q")
        blue.type("q")
    finally:
        codes = (red.finish(), blue.finish())
    assert codes == (0, 0), red.output + blue.output
