"""The classroom server without a browser: its pages, its limit, a game per connection."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bench.serve_bench import plain
from game.serve.server import ClassroomServer, share_address

from .conftest import FIXTURE_STORY


@pytest.fixture
def team_session(make_session):
    return make_session("web", teams=(("Red", "clerk"), ("Blue Team", "typist")),
                        mode="parallel")


async def client_for(server: ClassroomServer) -> TestClient:
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return client


async def test_a_session_with_teams_asks_which_team(team_session, saves_dir):
    server = ClassroomServer(team_session, saves_dir=saves_dir, title="Obey <or> Betray")
    client = await client_for(server)
    try:
        page = await (await client.get("/")).text()
        assert "Which team are you in?" in page
        assert '<a class="team" href="/?team=Blue%20Team">Blue Team</a>' in page
        assert "Obey &lt;or&gt; Betray" in page
        game = await client.get("/?team=blue%20team")
        text = await game.text()
        assert game.status == 200 and 'data-session-websocket-url="ws://' in text
        assert "/ws/Blue%20Team" in text and "Team Blue Team" in text
        assert "fonts.googleapis" not in text
        missing = await client.get("/?team=Green")
        assert missing.status == 404 and "There is no team called Green." in await missing.text()
        assert (await client.get("/ws/Green")).status == 404
    finally:
        await client.close()


async def test_more_games_than_allowed_are_refused_with_a_page(team_session, saves_dir):
    server = ClassroomServer(team_session, saves_dir=saves_dir, max_sessions=2, fork=False)
    client = await client_for(server)
    try:
        server.active = 2
        full = await client.get("/?team=Red")
        assert full.status == 503 and full.headers["Retry-After"] == "30"
        assert "All 2 places on this server are taken" in await full.text()
        socket = await client.ws_connect("/ws/Red")
        message = await socket.receive()
        assert b"The class is full" in message.data
        assert (await socket.receive()).type in (aiohttp.WSMsgType.CLOSE,
                                                 aiohttp.WSMsgType.CLOSED)
        status = await (await client.get("/status")).json()
        assert status == {"active": 2, "max_sessions": 2, "served": 0, "refused": 2,
                          "session": "web"}
    finally:
        await client.close()


def test_commands_are_quoted_for_the_shell(team_session, saves_dir):
    server = ClassroomServer(team_session, saves_dir=saves_dir, story_dir=str(FIXTURE_STORY))
    assert server.arguments_for("Blue Team")[-3:] == ["--team", "Blue Team", "--resume"]
    assert "--team 'Blue Team'" in server.command_for("Blue Team")
    assert share_address("0.0.0.0", 8000).startswith("http://")
    assert share_address("::1", 8000) == "http://[::1]:8000/"


async def read_until(socket, text: str, timeout: float = 60) -> str:
    seen = ""

    async def read():
        nonlocal seen
        async for message in socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", "replace")
                if text in plain(seen):
                    return
        raise AssertionError(f"closed before {text!r}: {plain(seen)[-300:]}")

    await asyncio.wait_for(read(), timeout)
    return plain(seen)


@pytest.mark.parametrize("fork", [True, False], ids=["fork-server", "process-per-game"])
async def test_each_connection_is_its_own_logged_game(make_session, saves_dir, fork):
    session = make_session("web", teams=(), mode="parallel")
    server = ClassroomServer(session, saves_dir=saves_dir, story_dir=str(FIXTURE_STORY),
                             host="127.0.0.1", port=0, fork=fork)
    runner = await server.start()
    try:
        assert (server.forks is not None) == fork
        url = f"ws://127.0.0.1:{server.site_port}/ws?width=100&height=30"
        async with aiohttp.ClientSession() as http:
            first = await http.ws_connect(url, max_msg_size=0)
            second = await http.ws_connect(url, max_msg_size=0)
            for socket in (first, second):
                await socket.send_json(["resize", {"width": 100, "height": 30}])
                await read_until(socket, "OBEY OR BETRAY")
            assert server.active == 2
            await first.send_json(["stdin", "n"])
            await read_until(first, "THE DOSSIER")
            await first.send_json(["stdin", "1"])
            await read_until(first, "Two columns that should agree")
            await first.close()
            await second.close()
        for _ in range(100):
            if server.active == 0:
                break
            await asyncio.sleep(0.1)
        assert server.active == 0
    finally:
        await runner.cleanup()
        server.close()
    logs = session.log_paths()
    assert len(logs) == 2
    events = [[json.loads(x) for x in p.read_text().splitlines()] for p in logs]
    started = [e for log in events for e in log if e["event"] == "arc_started"]
    assert len(started) == 1 and started[0]["arc"] == "clerk"
    for _ in range(100):    # the games close their logs as they exit
        events = [[json.loads(x) for x in p.read_text().splitlines()] for p in logs]
        if all(log[-1]["event"] == "log_closed" for log in events):
            break
        await asyncio.sleep(0.1)
    assert all(log[-1]["event"] == "log_closed" for log in events)
    seats = {log[0]["seat"] for log in events}
    assert len(seats) == 2
    played = next(log[0]["seat"] for log in events if len(log) > 3)
    players = session.folder / "players"    # each game saves (when it does) in its own place
    assert not players.exists() or {p.name for p in players.iterdir()} <= {played}
