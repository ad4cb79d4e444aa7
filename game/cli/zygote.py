"""The fork server behind `tulayev serve`: imports the game once, then forks one game per tab.

Starting a Python process that imports Textual and the game costs about two seconds of CPU;
thirty tabs opening at once on a two-core classroom laptop would wait half a minute for it.
This process pays that once. The server sends it, over a Unix SEQPACKET socket, a request
(the `tulayev` arguments and a few environment variables) with three pipe ends attached
(SCM_RIGHTS); it forks, and the child makes those pipes its stdin, stdout and stderr and
runs `tulayev class play ...` exactly as a fresh process would.

Run as `python -m game.cli.zygote FD`, with the web driver's environment already set
(Textual reads it when imported). Linux and other POSIX systems only; the server falls back
to a process per tab where this cannot start.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from dataclasses import dataclass

from game.engine.untrusted import bounded, parse_json, shape

MAX_REQUEST = 64 * 1024
ALLOWED_ENV = ("COLUMNS", "ROWS")


def preload() -> None:
    """Import what every game imports, so that each fork starts warm."""
    import textual.drivers.web_driver  # noqa: F401

    import game.cli  # noqa: F401
    import game.cli.classroom  # noqa: F401
    import game.ui.app  # noqa: F401
    import game.ui.screens.dossier  # noqa: F401
    import game.ui.screens.scene  # noqa: F401
    import game.ui.screens.title  # noqa: F401


@shape(defaults_optional=True)
@dataclass(frozen=True, slots=True)
class Request:
    """What the server asks for: one game, its command line and its terminal size."""

    argv: list[str] = bounded(max_len=100)
    env: dict[str, str] = bounded(factory=dict, max_len=len(ALLOWED_ENV))


def read_request(message: bytes) -> Request:
    """The request in `message`, or ValueError (one line) for anything else."""
    return parse_json(message, label="request", error=ValueError).check(Request)


def serve(sock: socket.socket) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # children are reaped by the kernel
    sock.sendall(b"ready")
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(sock, MAX_REQUEST, 3)
        except InterruptedError:
            continue
        except OSError:
            return
        if not message:
            for fd in fds:
                os.close(fd)
            return      # the server has gone
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            continue
        try:
            request = read_request(message)
        except ValueError:
            for fd in fds:
                os.close(fd)
            continue
        argv = request.argv
        env = {k: v for k, v in request.env.items() if k in ALLOWED_ENV}
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            run_child(sock, fds, argv, env)
        for fd in fds:
            os.close(fd)


def run_child(sock: socket.socket, fds: list[int], argv: list[str], env: dict[str, str]) -> None:
    """In the forked child: take the pipes as stdin/stdout/stderr and play one game."""
    code = 1
    try:
        sock.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.update(env)
        from game.cli import main

        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:   # a child must never return into the fork loop
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    preload()
    serve(sock)


if __name__ == "__main__":
    main()
