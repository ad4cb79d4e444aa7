"""The dossier: the accused as case files, their status, and the links the depositions make."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from game.engine.state import PlayState
from game.engine.wholecase import is_whole, next_file, progress_words
from game.narration.casefile import arc_status, case_links, links_of, short_name
from game.story.model import Story
from game.ui.widgets.case_card import CaseCard
from game.ui.widgets.keybar import KeyBar


class DossierScreen(Screen):
    """Every arc's file; `over` says whether the open arc has reached its ending."""

    CSS_PATH = ["../widgets/widgets.tcss", "dossier.tcss"]
    BINDINGS = [
        # Priority: the scrolling list of files would take the arrows to scroll itself;
        # moving to the next file scrolls it into view anyway.
        Binding("down,j", "app.focus_next", "Next file", show=False, priority=True),
        Binding("up,k", "app.focus_previous", "Previous file", show=False, priority=True),
        *[Binding(str(n), f"open({n})", f"Open file {n}", show=False,
                  group=Binding.Group("Open file")) for n in range(1, 10)],
        Binding("b", "app.case_board", "Case board"),
        Binding("n", "app.next_file", "Next file", show=False),
        Binding("l", "app.load", "Load"),
        Binding("s", "app.save", "Save"),
        Binding("escape", "app.title", "Title"),
    ]

    @dataclass
    class Opened(Message):
        """The player opened the file of arc `arc_id`."""

        arc_id: str

    def __init__(self, story: Story, state: PlayState, over: bool) -> None:
        super().__init__()
        self.story = story
        self.state = state
        self.over = over

    def compose(self) -> ComposeResult:
        story, state = self.story, self.state
        yield Static(Content(f"THE DOSSIER  ·  {story.title}"), classes="screen-title")
        with VerticalScroll(id="files", can_focus=False):
            if is_whole(state):
                yield Static(self._whole_case(), id="whole-case")
            yield Static(Content("Choose a file: ↑ ↓ and Enter, its number, or a click."),
                         classes="muted", id="dossier-hint")
            with Grid(id="cards"):
                for number, arc in enumerate(story.arcs, 1):
                    names, named_by = links_of(story, state, arc)
                    yield CaseCard(number, short_name(story, arc.id), arc,
                                   arc_status(state, arc, self.over, story), names, named_by,
                                   id=f"card-{arc.id}")
            yield Static(Content("THE CASE FILE"), classes="section")
            yield Static(self._links_content(), id="links")
        yield KeyBar()

    def _whole_case(self) -> Content:
        """Progress through the whole case, and what n opens next."""
        upcoming = next_file(self.story, self.state)
        then = (f"n opens the next file, {self.story.arc(upcoming).title}." if upcoming
                else "n shows the summary.")
        return Content.assemble((progress_words(self.story, self.state) + ".", "bold"),
                                "  ", then)

    def _links_content(self) -> Content:
        links = case_links(self.story, self.state)
        if not links:
            return Content("No depositions yet. What each of the accused signs will be "
                           "written here, and read when the next file is opened.")
        parts: list = []
        for link in links:
            if link.by and link.names:
                parts += [(f"{link.by} → {link.names}", "bold $text-error"), ": "]
            elif link.by:
                parts += [(link.by, "bold"), ": "]
            parts += [link.text, "\n"]
        return Content.assemble(*parts[:-1])

    def on_mount(self) -> None:
        cards = list(self.query(CaseCard))
        target = next((c for c in cards if c.arc_id == self.state.arc), None)
        if target is None:
            target = next((c for c in cards if c.has_class("-not-opened")), cards[0] if cards
                          else None)
        if target is not None:
            target.focus()

    def on_case_card_opened(self, message: CaseCard.Opened) -> None:
        message.stop()
        self.post_message(self.Opened(message.arc_id))

    def action_open(self, number: int) -> None:
        cards = list(self.query(CaseCard))
        if 1 <= number <= len(cards):
            self.post_message(self.Opened(cards[number - 1].arc_id))
        else:
            self.notify(f"There is no file {number}.", severity="warning")
