"""Untrusted text on a Textual screen: shown as it is written, never read as markup, and never
carrying a control character to the terminal.

Story, team, session and slot text reaches the screen as `Content` (which Textual does not
parse), through `plain` and `title` here, or through `PlainNotifications` for toasts. As a
second line of defence, importing this module widens the control codes Textual and Rich
already strip from every piece of text they draw (BEL, backspace, CR...) to all C0 and C1
control characters but the newline and the tab, so that an escape sequence in any text
reaches the terminal, at worst, as harmless printable characters.
"""

from __future__ import annotations

import rich.control
import textual.content
from textual.content import Content

from game.story.safetext import clean, clean_line

_CONTROL_CODES = [code for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))
                  if code not in (0x09, 0x0A)]


def _widen(table: dict) -> None:
    table.update(dict.fromkeys(_CONTROL_CODES))


_widen(textual.content._CONTROL_STRIP_TRANSLATE)
_widen(rich.control._CONTROL_STRIP_TRANSLATE)


def plain(text: object) -> Content:
    """Text shown exactly as written (brackets included), escape sequences removed."""
    return Content(clean(str(text)))


def title(text: object) -> Content:
    """`plain`, on one line: for border titles and other one-line labels."""
    return Content(clean_line(str(text)))


class PlainNotifications:
    """Mixed into every App: a notification's message and title are plain text, never
    markup (they often quote a slot, team or story name, or an error about a file)."""

    def notify(self, message, *, title: str = "", severity="information", timeout=None,
               markup: bool = True):
        return super().notify(clean(str(message)), title=clean_line(str(title)),
                              severity=severity, timeout=timeout, markup=False)
