"""The classroom server's words: the loading page, and what `serve` says when it starts."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from game.classroom.serve import ClassroomServer


async def client_for(server: ClassroomServer) -> TestClient:
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return client


async def test_a_team_called_team_1_is_not_team_team_1(make_session, saves_dir):
    session = make_session("lab", teams=(("Team 1", "clerk"), ("Red", "typist")),
                           mode="parallel")
    client = await client_for(ClassroomServer(session, saves_dir=saves_dir))
    try:
        page = await (await client.get("/?team=Team%201")).text()
        assert "<p>Team 1</p>" in page and "Team Team" not in page
        assert "<p>Team Red</p>" in await (await client.get("/?team=Red")).text()
    finally:
        await client.close()
