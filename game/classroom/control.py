"""What the facilitator's console tells every team: `control.json` in the session's folder.

The console (`tulayev class watch`) writes it atomically; each team's game (at a terminal, in
a browser, in plain text) reads it every second or so. It holds a message to all teams, a
shared countdown (its end, as a wall-clock time), and whether play is paused. The file is
read as untrusted input (game.engine.untrusted, against the Control dataclass): a file
that does not fit reads as "nothing to say".
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from game.engine.saves import atomic_write_text
from game.engine.untrusted import bounded, read_json_file, shape

CONTROL_FILE = "control.json"
FORMAT = "tulayev-control"
MAX_BYTES = 64 * 1024
MAX_MESSAGE = 300


@shape(ignore_unknown=True, defaults_optional=True)  # the file also holds format, version
@dataclass
class Control:
    message: str = ""
    message_id: int = 0             # raised with every new message, so each is shown once
    # time.time() when the shared countdown ends (a number, finite, after 1970)
    countdown_end: float | None = bounded(None, ge=1)
    paused: bool = False
    pause_message: str = ""
    debrief_id: int = 0             # raised each time the console opens the debrief for all

    def remaining(self, now: float | None = None) -> int | None:
        """Whole seconds left on the countdown (0 once it has run out), or None."""
        if self.countdown_end is None:
            return None
        return max(0, round(self.countdown_end - (time.time() if now is None else now)))


def clean(text: str) -> str:
    """One line of plain text, control characters out, at most MAX_MESSAGE characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(text.split())[:MAX_MESSAGE]


def read_control(folder: Path) -> Control:
    path = Path(folder) / CONTROL_FILE
    try:
        document = read_json_file(path, max_bytes=MAX_BYTES, noun="control file",
                                  error=ValueError)
        if not isinstance(document.value, dict) or document.value.get("format") != FORMAT:
            return Control()
        control = document.check(Control)
    except ValueError:
        return Control()
    control.message = clean(control.message)
    control.pause_message = clean(control.pause_message)
    return control


def write_control(folder: Path, control: Control) -> None:
    atomic_write_text(Path(folder) / CONTROL_FILE,
                      json.dumps({"format": FORMAT, "version": 1, **asdict(control)},
                                 ensure_ascii=False) + "\n")


DEBRIEF_NEWS = "The facilitator has opened the debrief for every team."


def clock_words(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class Follower:
    """Turns changes of the control file into things to say, once each."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        start = read_control(self.folder)
        self.message_id = start.message_id   # messages sent before this game began: not news
        self.debrief_id = start.debrief_id
        self.countdown_end: float | None = None
        self.minute: int | None = None
        self.paused = False

    def poll(self, now: float | None = None) -> tuple[Control, list[str]]:
        """The control file now, and the lines to tell the team (new message, countdown
        started, a minute gone, time up, paused, resumed)."""
        control = read_control(self.folder)
        news = []
        if control.message and control.message_id != self.message_id:
            news.append(f"From the facilitator: {control.message}")
        self.message_id = control.message_id
        left = control.remaining(now)
        if control.countdown_end != self.countdown_end:
            self.countdown_end = control.countdown_end
            self.minute = None if left is None else -(-left // 60)
            if left:
                news.append(f"Countdown: {clock_words(left)} left.")
        elif left is not None and self.minute is not None:
            minute = -(-left // 60)
            if minute < self.minute:
                self.minute = minute
                news.append("Time is up." if left == 0 else f"{minute} minute"
                            f"{'s' if minute != 1 else ''} left.")
        if control.debrief_id != self.debrief_id:
            self.debrief_id = control.debrief_id
            news.append(DEBRIEF_NEWS)
        if control.paused != self.paused:
            self.paused = control.paused
            news.append(f"Paused by the facilitator: {control.pause_message or 'wait'}."
                        if control.paused else "The facilitator has resumed play.")
        return control, news


class FollowingInput:
    """A plain game's stdin that, before each answer is read, tells the team what the
    facilitator's console says (and waits while play is paused)."""

    def __init__(self, stream: TextIO, out: TextIO, folder: Path, sleep=time.sleep,
                 interval: float = 1.0):
        self.stream = stream
        self.out = out
        self.follower = Follower(folder)
        self.sleep = sleep
        self.interval = interval

    def _tell(self, lines: list[str]) -> None:
        for line in lines:
            self.out.write(f"\n*** {line} ***\n")
        if lines:
            self.out.flush()

    def readline(self, *args) -> str:
        control, news = self.follower.poll()
        self._tell(news)
        while control.paused:
            self.sleep(self.interval)
            control, news = self.follower.poll()
            self._tell(news)
        try:
            fd = self.stream.fileno()
        except (AttributeError, OSError, ValueError):
            return self.stream.readline(*args)
        return self._read_line(fd)

    def _read_line(self, fd: int) -> str:
        """A line read straight from `fd` (no read-ahead buffer to hide it from select),
        telling the team what the console says every `interval` seconds while it waits."""
        import codecs
        import select

        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        text = ""
        while not text.endswith("\n"):
            ready, _, _ = select.select([fd], [], [], self.interval)
            if not ready or (self.follower.paused and not text):
                if ready:
                    self.sleep(self.interval)    # paused: what is typed waits
                _, news = self.follower.poll()
                self._tell(news)
                continue
            byte = os.read(fd, 1)
            if not byte:
                break
            text += decoder.decode(byte)
        return text + decoder.decode(b"", final=True)

    def __getattr__(self, name):
        return getattr(self.stream, name)
