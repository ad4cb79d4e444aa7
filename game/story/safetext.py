"""Text from outside the game's own code, made safe to show: one place, low in the layers.

Story files, team, session and slot names, saves and logs are untrusted. The validator
refuses control characters in story text (`first_control`); every front end also passes what
it shows through `clean` (the second line of defence), so that no escape sequence (a window
title, a clipboard write, a cleared screen) ever reaches a terminal or a page.
"""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL, but not the newline. A tab is refused in story text
# too (it shows differently on every terminal); `clean` turns it into a space.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Whole escape sequences (CSI, OSC, DCS and the like, 7-bit and 8-bit), so that their
# parameters are dropped with them rather than left on the screen as stray text.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC etc.
    r"|\x1b[ -/]*[0-~]?"  # any other ESC sequence
)
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")

_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 9: "tab", 13: "carriage return", 27: "ESC",
          127: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC"}


def clean(text: str) -> str:
    """`text` with escape sequences and control characters removed (newlines kept, tabs
    and other line breaks made plain)."""
    if not isinstance(text, str):
        text = str(text)
    if not CONTROL.search(text) and "\u2028" not in text and "\u2029" not in text:
        return text
    text = _LINE_BREAKS.sub("\n", text)
    text = _SEQUENCE.sub("", text)
    return CONTROL.sub(lambda m: " " if m.group() == "\t" else "", text)


def clean_line(text: str) -> str:
    """`clean`, on one line: line breaks become spaces (for titles, names and labels)."""
    return clean(text).replace("\n", " ")


def first_control(text: str) -> int | None:
    """The index of the first control character (other than newline) in `text`, or None."""
    match = CONTROL.search(text)
    return None if match is None else match.start()


def describe(char: str) -> str:
    """`U+001B (ESC)`: how a problem line names a control character."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def excerpt(text: str, limit: int = 40) -> str:
    """At most `limit` characters of `text`, cleaned, with an ellipsis when cut."""
    text = clean_line(str(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


class SafeStream:
    """A text stream that passes everything written through `clean`: wraps standard output
    and the plain modes' output, so that no escape sequence reaches the terminal."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(clean(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def safe_stream(stream):
    """`stream` wrapped in a SafeStream (once)."""
    return stream if isinstance(stream, SafeStream) else SafeStream(stream)
