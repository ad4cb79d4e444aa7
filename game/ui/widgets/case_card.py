"""One accused man's case file on the dossier: name, rank, a line of dossier, status, links."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from game.narration.casefile import Status, dossier_line
from game.story.model import Arc
from game.ui import safe


class CaseCard(Static, can_focus=True):
    """A focusable case file; Enter or a click opens it."""

    BINDINGS = [Binding("enter", "open", "Open the file")]

    @dataclass
    class Opened(Message):
        """The player opened the file of arc `arc_id`."""

        arc_id: str

    def __init__(self, number: int, name: str, arc: Arc, status: Status,
                 names: list[str], named_by: list[str], **kwargs) -> None:
        super().__init__(self._content(arc, names, named_by), classes=f"-{status.kind}",
                         **kwargs)
        self.arc_id = arc.id
        self.border_title = safe.title(f"{number}. {name}" if number <= 9 else name)
        self.border_subtitle = safe.title(status.label)

    @staticmethod
    def _content(arc: Arc, names: list[str], named_by: list[str]) -> Content:
        parts: list = []
        if arc.rank:
            parts += [(arc.rank, "bold"), "\n"]
        parts += [(dossier_line(arc), "italic")]
        if not arc.in_novel:
            parts += ["\n", ("Not in the novel: a file written for the game.", "$text-muted")]
        if names:
            parts += ["\n", ("Deposition names: ", "bold"), ", ".join(names)]
        if named_by:
            parts += ["\n", ("Named by: ", "bold $text-error"), ", ".join(named_by)]
        return Content.assemble(*parts)

    def action_open(self) -> None:
        self.post_message(self.Opened(self.arc_id))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()
