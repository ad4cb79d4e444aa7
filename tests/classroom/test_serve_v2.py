"""The classroom server's words: the loading page, and what `serve` says when it starts."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from game.serve.server import ClassroomServer


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


def test_only_a_reachable_address_is_shared_and_only_a_network_bind_warns(make_session):
    from game.serve.server import start_notes

    session = make_session("lab", teams=(("Red", "clerk"),), mode="parallel")
    for loopback in ("127.0.0.1", "127.0.1.1", "::1", "localhost"):
        notes = " ".join(start_notes(loopback, 8000, session, lan=lambda: "192.168.1.20"))
        assert "Share this" not in notes and "WARNING" not in notes, loopback
        assert "Only this computer can connect." in notes
    notes = start_notes("0.0.0.0", 8000, session, lan=lambda: "192.168.1.20")
    assert notes[0] == ("Share this address with the class: http://192.168.1.20:8000/"
                        "?team=NAME (teams: Red)")
    assert notes[1].startswith("WARNING: the game is open to anyone")
    offline = " ".join(start_notes("0.0.0.0", 8000, session, lan=lambda: None))
    assert "Share this" not in offline and "WARNING" in offline
    assert "no network address others can reach" in offline
    only_loopback = " ".join(start_notes("::", 8000, session, lan=lambda: "127.0.0.1"))
    assert "Share this" not in only_loopback and "WARNING" in only_loopback
    given = start_notes("10.0.0.5", 8001, session)
    assert given[0].startswith("Share this address with the class: http://10.0.0.5:8001/")
    assert given[1].startswith("WARNING")
