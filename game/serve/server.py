"""Browser play: textual-serve's server, with one game (and one log) per browser tab.

Each tab that connects starts its own `tulayev class play SESSION` process (through
textual-serve's web driver), which writes its own log in the session's folder and keeps its
saves in a folder of its own. The server binds to 127.0.0.1 unless a host is given, builds
the page's websocket address from the address the browser used (so it works behind any
name or IP), counts the games running and refuses more than `max_sessions` with a page that
says so. When the session has teams, the first page asks which team the player is in.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from game.classroom.session import Session, team_words
from game.engine.untrusted import parse_json
from game.templates import render as render_template

log = logging.getLogger("tulayev-serve")
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 40

# The environment of every browser game (set before the zygote forks them).
WEB_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}

REPO_ROOT = Path(__file__).resolve().parents[2]


class ForkServer:
    """The zygote process (`game.cli.zygote`) and the socket to ask it for games."""

    def __init__(self, python: str = sys.executable):
        self.python = python
        self.process: subprocess.Popen | None = None
        self.sock: socket.socket | None = None

    def start(self, timeout: float = 60) -> bool:
        """Start the zygote and wait until it has imported the game; False if it cannot."""
        if not hasattr(socket, "send_fds") or not hasattr(os, "fork"):
            return False
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)

        env = {**os.environ, **WEB_ENVIRONMENT}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT),
                                                         env.get("PYTHONPATH")) if p)
        try:
            self.process = subprocess.Popen(
                [self.python, "-m", "game.cli.zygote", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        except OSError:
            ours.close()
            return False
        finally:
            theirs.close()
        ours.settimeout(timeout)
        try:
            ready = ours.recv(16) == b"ready"
        except OSError:
            ready = False
        if not ready:
            ours.close()
            self.stop()
            return False
        ours.settimeout(None)
        self.sock = ours
        return True

    @property
    def alive(self) -> bool:
        return self.sock is not None and self.process is not None and \
            self.process.poll() is None

    def spawn(self, argv: list[str], env: dict[str, str]) -> tuple[int, int, int]:
        """A new game; returns our ends of its stdin, stdout and stderr pipes."""
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            socket.send_fds(self.sock, [json.dumps({"argv": argv, "env": env}).encode()],
                            [stdin_r, stdout_w, stderr_w])
        except OSError:
            for fd in (stdin_w, stdout_r, stderr_r):
                os.close(fd)
            raise
        finally:
            for fd in (stdin_r, stdout_w, stderr_w):
                os.close(fd)
        return stdin_w, stdout_r, stderr_r

    def stop(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class ForkedAppService(AppService):
    """textual-serve's AppService, with the game forked by the zygote instead of started
    from nothing by a shell."""

    def __init__(self, forks: ForkServer, argv: list[str], **kwargs):
        super().__init__("", **kwargs)
        self.forks = forks
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24):
        loop = asyncio.get_running_loop()
        stdin_w, stdout_r, stderr_r = self.forks.spawn(
            self.argv, {"COLUMNS": str(width), "ROWS": str(height)})
        stdout = asyncio.StreamReader(limit=2**16, loop=loop)
        stderr = asyncio.StreamReader(limit=2**16, loop=loop)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdout),
                                     os.fdopen(stdout_r, "rb", 0))
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stderr),
                                     os.fdopen(stderr_r, "rb", 0))
        transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin,
                                                            os.fdopen(stdin_w, "wb", 0))
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        self._stdin = writer
        self._process = SimpleNamespace(stdin=writer, stdout=stdout, stderr=stderr)
        return self._process


class ProcessAppService(AppService):
    """textual-serve's AppService, which also waits for its process to end (so no process
    is left unreaped when a tab closes)."""

    async def stop(self) -> None:
        await super().stop()
        process = self._process
        if process is not None and hasattr(process, "wait"):
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


def lan_address() -> str | None:
    """This machine's address on the local network (no packet is sent), or None."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach (127.0.0.1, ::1, localhost)."""
    import ipaddress

    name = host.strip("[]")
    if name.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def start_notes(host: str, port: int, session: Session,
                lan: Callable[[], str | None] = lambda: lan_address()) -> list[str]:
    """What `serve` says once it listens: where the class connects (only for an address
    others can reach), and the warning (only for a bind others can reach)."""
    if is_loopback(host):
        return ["Only this computer can connect. To let the class in, use --host 0.0.0.0 "
                "(or this machine's address on the classroom's network)."]
    notes = []
    shared = host
    if host in ("0.0.0.0", "::", ""):
        found = lan()
        shared = found if found and not is_loopback(found) else ""
    if shared:
        teams = (f"?team=NAME (teams: {', '.join(t.name for t in session.teams)})"
                 if session.teams else "")
        notes.append(f"Share this address with the class: {share_address(shared, port)}{teams}")
    else:
        notes.append("This computer has no network address others can reach yet: join the "
                     "classroom's network, then share http://ITS-ADDRESS:"
                     f"{port}/ with the class.")
    notes.append(f"WARNING: the game is open to anyone who can reach this computer on port "
                 f"{port}. Serve only on a network you trust (the classroom's), and stop the "
                 "server with Ctrl+C when the lesson ends.")
    return notes


def share_address(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::", ""):
        host = lan_address() or socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


class ClassroomServer(Server):
    """textual-serve's Server with a game command per tab, a limit, and our own pages."""

    def __init__(self, session: Session, *, saves_dir: Path, story_dir: str | None = None,
                 host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 max_sessions: int = DEFAULT_MAX_SESSIONS, title: str = "Obey or Betray",
                 python: str = sys.executable, on_output: Callable[[str, bytes], None] | None
                 = None, fork: bool = True):
        super().__init__(command="", host=host, port=port, title=title)
        self.session = session
        self.saves_dir = Path(saves_dir)
        self.story_dir = story_dir
        self.max_sessions = max_sessions
        self.python = python
        self.active = 0
        self.served = 0
        self.refused = 0
        self.on_output = on_output
        self.site_port: int | None = None
        self.fork = fork
        self.forks: ForkServer | None = None
        # The one game each team has open: its websocket, and an event set once it has
        # closed (and so closed its log), so that a second tab takes it up where it stands.
        self.team_games: dict[str, tuple[web.WebSocketResponse, asyncio.Event]] = {}

    # The game each tab runs -----------------------------------------------------------------

    def arguments_for(self, team: str | None) -> list[str]:
        """The `tulayev` arguments of one tab's game."""
        args = ["class", "play", str(self.session.folder), "--saves-dir", str(self.saves_dir)]
        if self.story_dir:
            args += ["--story", str(Path(self.story_dir).resolve())]
        if team:
            args += ["--team", team, "--resume"]   # a reload rejoins the team's game
        return args

    def command_for(self, team: str | None) -> str:
        """The same, as a shell command, for when there is no fork server."""
        parts = [self.python, "-m", "game", *self.arguments_for(team)]
        return " ".join(shlex.quote(p) for p in parts)

    def _service(self, team: str | None, websocket: web.WebSocketResponse) -> AppService:
        options = {"write_bytes": self._writer(websocket), "write_str": websocket.send_str,
                   "close": websocket.close, "download_manager": self.download_manager,
                   "debug": self.debug}
        if self.forks is not None and self.forks.alive:
            return ForkedAppService(self.forks, self.arguments_for(team), **options)
        return ProcessAppService(self.command_for(team), **options)

    def _team(self, request: web.Request) -> str | None:
        """The team named in the request (query or path), checked against the session."""
        raw = request.match_info.get("team") or request.query.get("team")
        if raw is None:
            return None
        for team in self.session.teams:
            if team.name.casefold() == raw.strip().casefold():
                return team.name
        raise web.HTTPNotFound(text=self._message(
            "No such team", f"There is no team called {raw}.", teams=True),
            content_type="text/html")

    @property
    def full(self) -> bool:
        return self.active >= self.max_sessions

    # The web application --------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/ws/{team}", self.handle_websocket, name="team_websocket"),
            web.get("/status", self.handle_status, name="status"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _message(self, title: str, heading: str, text: str = "", teams: bool = False) -> str:
        """A page with a heading, a line, and (with `teams`) a link per team to pick."""
        return render_template("serve_message.html", title=title, heading=heading, text=text,
                               teams=[t.name for t in self.session.teams] if teams else [])

    def _full_page(self) -> web.Response:
        self.refused += 1
        return web.Response(status=503, content_type="text/html", text=self._message(
            "The class is full", "The class is full.",
            f"{self._places()} on this server {'is' if self.max_sessions == 1 else 'are'} "
            "taken, so no new game can start now. Ask your teacher, or try again when "
            "someone has finished."),
            headers={"Retry-After": "30"})

    def _places(self) -> str:
        if self.max_sessions == 1:
            return "The only place"
        return f"All {self.max_sessions} places"

    async def handle_index(self, request: web.Request) -> web.Response:
        if self.full:
            return self._full_page()
        team = self._team(request)
        if self.session.teams and team is None:
            return web.Response(content_type="text/html", text=self._message(
                f"{self.title}: which team?", self.title, "Which team are you in?",
                teams=True))
        scheme = "wss" if request.secure else "ws"
        websocket = f"{scheme}://{request.host}/ws" + (f"/{quote(team, safe='')}" if team
                                                       else "")
        font_size = max(8, min(40, _to_int(request.query.get("fontsize", "16"), 16)))
        return web.Response(content_type="text/html", text=render_template(
            "serve_game.html", title=self.title, static="/static/", websocket=websocket,
            font_size=font_size, team=team_words(team) if team else ""))

    async def handle_status(self, request: web.Request) -> web.Response:
        return web.json_response({"active": self.active, "max_sessions": self.max_sessions,
                                  "served": self.served, "refused": self.refused,
                                  "session": self.session.name})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        team = self._team(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.full:
            self.refused += 1
            await websocket.send_bytes(
                f"\r\n  The class is full: {self._places().lower()} on this server "
                f"{'is' if self.max_sessions == 1 else 'are'} taken. Ask your teacher."
                "\r\n".encode())
            await websocket.close()
            return websocket
        self.active += 1
        self.served += 1
        width, height = terminal_size(request.query.get("width"), request.query.get("height"))
        service: AppService | None = None
        done = asyncio.Event()
        try:
            if team is not None:
                await self._take_over(team, websocket, done)
            service = self._service(team, websocket)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one tab's failure must not stop the class
            log.exception(error)
        finally:
            self.active -= 1
            try:
                if service is not None:
                    await service.stop()
            finally:
                done.set()
                if team is not None and self.team_games.get(team, (None,))[0] is websocket:
                    del self.team_games[team]
        return websocket

    async def _take_over(self, team: str, websocket: web.WebSocketResponse,
                         done: asyncio.Event) -> None:
        """Close the team's game in another tab (or a tab being reloaded), and wait until
        its log is closed, so that this tab's game takes it up where it stands."""
        previous = self.team_games.get(team)
        self.team_games[team] = (websocket, done)
        if previous is None:
            return
        old_socket, old_done = previous
        await old_socket.close()
        try:
            await asyncio.wait_for(old_done.wait(), 30)
        except TimeoutError:
            log.warning("team %s: the previous game did not close in time", team)
    async def _process_messages(self, websocket: web.WebSocketResponse,
                                app_service: AppService) -> None:
        """textual-serve's loop over a tab's messages, but a malformed message is ignored
        (not a traceback that ends the tab's game) and every resize is clamped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = parse_json(message.data, label="tab", error=ValueError).value
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(
                    *terminal_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    def _writer(self, websocket: web.WebSocketResponse):
        if self.on_output is None:
            return websocket.send_bytes
        ident = f"tab-{self.served}"

        async def write(data: bytes) -> None:
            self.on_output(ident, data)
            await websocket.send_bytes(data)

        return write

    # Running --------------------------------------------------------------------------------

    async def start(self) -> web.AppRunner:
        """Bind and start serving; `site_port` is the port bound (useful with port 0)."""
        if self.fork and self.forks is None:
            forks = ForkServer(self.python)
            if await asyncio.to_thread(forks.start):
                self.forks = forks
            else:
                log.warning("no fork server: each game starts its own Python process")
        runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        self.site_port = sockets[0].getsockname()[1] if sockets else self.port
        return runner

    def run(self, announce: Callable[[str], None] = print) -> int:
        async def main() -> None:
            runner = await self.start()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(sig, stop.set)
                except NotImplementedError:
                    pass
            announce(f"Serving {self.title!r} on http://{_url_host(self.host)}:"
                     f"{self.site_port}/ (session {self.session.name}, at most "
                     f"{self.max_sessions} games at once)")
            try:
                await stop.wait()
            finally:
                announce("Stopping: closing every game (their logs are kept)...")
                await runner.cleanup()
                self.close()

        asyncio.run(main())
        return 0


    def close(self) -> None:
        if self.forks is not None:
            self.forks.stop()
            self.forks = None


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


TERMINAL_WIDTHS = (20, 500)  # the sizes a tab's game is drawn at, whatever the browser says
TERMINAL_HEIGHTS = (5, 200)


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """A browser's terminal size (query text or JSON numbers, or anything at all), clamped to
    sizes the game can be drawn at; 80x24 for what is not a number."""
    return _clamped(width, 80, TERMINAL_WIDTHS), _clamped(height, 24, TERMINAL_HEIGHTS)


def _clamped(value: object, default: int, span: tuple[int, int]) -> int:
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit() and len(value) < 12:
        value = int(value)
    elif isinstance(value, float) and value == value and abs(value) < 1e9:
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return default
    return min(span[1], max(span[0], value))


def _to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default
