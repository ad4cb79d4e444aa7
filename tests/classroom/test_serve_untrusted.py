"""What a browser sends the classroom server is untrusted: sizes and messages."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from game.serve.server import TERMINAL_HEIGHTS, TERMINAL_WIDTHS, ClassroomServer, terminal_size

from .conftest import FIXTURE_STORY
from .test_serve import read_until


@pytest.mark.parametrize(("width", "height", "expected"), [
    ("-5", "-5", (TERMINAL_WIDTHS[0], TERMINAL_HEIGHTS[0])),
    ("0", "1", (TERMINAL_WIDTHS[0], TERMINAL_HEIGHTS[0])),
    ("99999", "99999", (TERMINAL_WIDTHS[1], TERMINAL_HEIGHTS[1])),
    ("9" * 5000, "abc", (80, 24)),
    (None, "", (80, 24)),
    (100.7, 30, (100, 30)),
    (float("nan"), float("inf"), (80, 24)),
    (True, [30], (80, 24)),
    (" 120 ", "+50", (120, 50)),
])
def test_terminal_sizes_are_clamped(width, height, expected):
    assert terminal_size(width, height) == expected


async def test_negative_sizes_and_malformed_messages_do_not_end_the_game(
        make_session, saves_dir, caplog):
    session = make_session("web", teams=(), mode="parallel")
    server = ClassroomServer(session, saves_dir=saves_dir, story_dir=str(FIXTURE_STORY),
                             host="127.0.0.1", port=0, fork=False)
    runner = await server.start()
    caplog.set_level(logging.WARNING, logger="tulayev-serve")
    try:
        url = f"ws://127.0.0.1:{server.site_port}/ws?width=-5&height=-5"
        async with aiohttp.ClientSession() as http:
            socket = await http.ws_connect(url, max_msg_size=0)
            for junk in ("not json", "[]", "{}", '["resize"]', '["resize", {}]',
                         '["resize", {"width": "x", "height": -1}]', '["stdin", 5]',
                         '["ping", {"x": 1}]', "[" * 10_000, '["resize", {"width": NaN}]',
                         '["ping", ' + "9" * 5000 + "]", '["stdin", "\\ud800"]'):
                await socket.send_str(junk)
            await socket.send_json(["resize", {"width": -5, "height": -5}])
            # clamped to the smallest terminal: the game is alive and asks for more room
            await read_until(socket, "Make the window")
            await socket.send_json(["resize", {"width": 100, "height": 30}])
            await read_until(socket, "OBEY OR BETRAY")
            await socket.send_json(["stdin", "n"])
            await read_until(socket, "THE DOSSIER")
            await socket.close()
        for _ in range(100):
            if server.active == 0:
                break
            await asyncio.sleep(0.1)
    finally:
        await runner.cleanup()
        server.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
