"""Live reload: the validator's lines over the game, until the files are fixed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def _title(errors: int, warnings: int, loads: bool) -> str:
    from game.engine.watch import counts

    what = "The story no longer loads" if not loads else "The story can strand the player" \
        if errors else "The story has problems"
    return f"{what}: {counts(errors, warnings)}"


class StoryErrorsDialog(ModalScreen[None]):
    """Every error and warning the whole validation found (strandings too), with their
    counts. Closes by itself when the story checks clean again; ctrl+q still quits."""

    CSS_PATH = "story_errors.tcss"

    def __init__(self, problems: list[str], errors: int | None = None, warnings: int = 0,
                 loads: bool = False) -> None:
        super().__init__()
        self.problems = problems
        self.errors = len(problems) if errors is None else errors
        self.warnings = warnings
        self.loads = loads

    def compose(self) -> ComposeResult:
        with Vertical(id="story-errors"):
            yield Static(Content(_title(self.errors, self.warnings, self.loads)),
                         id="story-errors-title")
            yield Static(Content("Fix the file and save it: this closes by itself, and the "
                                 "game carries on where you were, with the story as it was "
                                 "until then."), id="story-errors-hint")
            with VerticalScroll(id="story-errors-lines"):
                yield Static(Content("\n".join(self.problems)), id="story-errors-text")

    def show(self, problems: list[str], errors: int | None = None, warnings: int = 0,
             loads: bool = False) -> None:
        self.problems = problems
        self.errors = len(problems) if errors is None else errors
        self.warnings, self.loads = warnings, loads
        self.query_one("#story-errors-title", Static).update(
            Content(_title(self.errors, self.warnings, loads)))
        self.query_one("#story-errors-text", Static).update(Content("\n".join(problems)))
