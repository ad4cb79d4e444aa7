"""Save and load: named slots with arc, scene and time; overwriting asks first.

Unreadable saves are listed with their error and cannot be picked. The screen dismisses
with the chosen slot name; the app does the reading and writing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.saves import AUTOSAVE, SaveError, SaveStore, SlotInfo
from game.ui.screens.overlay import Overlay
from game.ui.widgets.keybar import KeyBar

Row = tuple[SlotInfo, str, str]  # the slot, where it is in the story, when it was saved


class SavesScreen(Overlay):
    """`mode` is "save" or "load"; `rows` come newest first, as SaveStore.slots() gives them."""

    CSS_PATH = "saves.tcss"

    def __init__(self, mode: str, rows: list[Row], store: SaveStore) -> None:
        super().__init__()
        self.mode = mode
        self.rows = rows
        self.store = store

    def compose(self) -> ComposeResult:
        saving = self.mode == "save"
        yield Static(Content("SAVE THE GAME" if saving else "LOAD A SAVED GAME"),
                     classes="screen-title")
        with Vertical(id="saves-body"):
            if saving:
                yield Static(Content("Type a name for a new slot and press Enter, or pick a "
                                     "slot below to write over it."), classes="muted")
                yield Input(placeholder="slot name (letters, digits, spaces, - or _)",
                            max_length=40, id="slot-name")
                yield Static(id="slot-error")
            if self.rows:
                yield OptionList(*[self._option(row) for row in self.rows], id="slots")
            else:
                yield Static(Content("No saves yet."), id="no-slots")
        yield KeyBar()

    def _option(self, row: Row) -> Option:
        info, place, when = row
        if info.error:
            error = info.error.replace(str(info.path), info.path.name)
            prompt = Content.assemble((info.title, "bold"), "  ", ("cannot be loaded", "bold"),
                                      "\n   ", error)
            return Option(prompt, id=f"slot-{info.name}", disabled=True)
        prompt = Content.assemble((info.title, "bold"), "  ", (when, "$text-muted"), "\n   ",
                                  place)
        locked = self.mode == "save" and info.name == AUTOSAVE
        if locked:
            prompt = Content.assemble(prompt, ("  (written at every scene)", "italic"))
        return Option(prompt, id=f"slot-{info.name}", disabled=locked)

    def on_mount(self) -> None:
        if self.mode == "save":
            self.query_one(Input).focus()
        elif self.rows:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        info = self.rows[event.option_index][0]
        if self.mode == "load":
            self.dismiss(info.name)
        else:
            self._save_as(info.name)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        try:
            self.store.path_of(name)
        except SaveError as error:
            self.query_one("#slot-error", Static).update(Content(str(error)))
            return
        if name == AUTOSAVE:
            self.query_one("#slot-error", Static).update(
                Content("'autosave' is written at every scene; choose another name."))
            return
        self._save_as(name)

    def _save_as(self, name: str) -> None:
        path = self.store.path_of(name)
        existing = next((info for info, _, _ in self.rows if info.path == path), None)
        if existing is None:
            self.dismiss(name)
            return
        from game.ui.dialogs.confirm import ConfirmDialog

        def overwrite(yes: bool | None) -> None:
            if yes:
                self.dismiss(name)

        self.app.push_screen(ConfirmDialog(
            f"Write over the save {existing.title!r}?",
            "What it holds now will be lost.", yes="Write over it", no="Cancel"), overwrite)
