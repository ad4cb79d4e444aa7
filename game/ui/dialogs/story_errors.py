"""Live reload: the validator's lines over the game, until the files are fixed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class StoryErrorsDialog(ModalScreen[None]):
    """Closes by itself when the story loads again; ctrl+q still quits."""

    CSS_PATH = "story_errors.tcss"

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="story-errors"):
            yield Static(Content("The story no longer loads"), id="story-errors-title")
            yield Static(Content("Fix the file and save it: this closes by itself, and the "
                                 "game carries on where you were."), id="story-errors-hint")
            with VerticalScroll(id="story-errors-lines"):
                yield Static(Content("\n".join(self.problems)), id="story-errors-text")

    def show(self, problems: list[str]) -> None:
        self.problems = problems
        self.query_one("#story-errors-text", Static).update(Content("\n".join(problems)))
