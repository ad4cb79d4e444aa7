"""Settings: text reveal speed, theme, whether the meters show during play, and the
historical notes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Checkbox, RadioButton, RadioSet, Static

from game.engine.settings import REVEAL_SPEEDS, THEMES, Settings
from game.ui.screens.overlay import Overlay
from game.ui.themes import THEME_LABELS
from game.ui.widgets.keybar import KeyBar

REVEAL_LABELS = {
    "off": "Off: the whole scene at once",
    "slow": "Slow (30 letters a second)",
    "medium": "Medium (60 letters a second)",
    "fast": "Fast (120 letters a second)",
}


class _Wrapping:
    """A toggle whose label wraps onto more lines when the screen is narrow (Textual's
    toggles are one line high, and cut the label short)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.render().get_height(self.styles, width)


class Option(_Wrapping, RadioButton):
    """A radio button whose mark says, not only its colour, whether it is the one chosen
    (with NO_COLOR, or in the high-contrast theme, colour alone is not enough)."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual's name)
        return "●" if self.value else "○"


class Tick(_Wrapping, Checkbox):
    """A checkbox whose mark is a tick when on and blank when off, not a colour change."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual's name)
        return "✓" if self.value else " "


class SettingsScreen(Overlay):
    """Every change is applied and saved at once (the app does both)."""

    CSS_PATH = "settings.tcss"

    @dataclass
    class Changed(Message):
        settings: Settings

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        settings = self.settings
        yield Static(Content("SETTINGS"), classes="screen-title")
        with VerticalScroll(id="settings-body", can_focus=False):
            yield Static(Content("Tab moves between groups; ↑ ↓ and Enter or Space pick. "
                                 "Changes are saved at once."), classes="muted")
            yield Static(Content("Text reveal"), classes="section")
            with RadioSet(id="reveal"):
                for name in REVEAL_SPEEDS:
                    yield Option(REVEAL_LABELS[name], value=name == settings.reveal,
                                 name=name)
            yield Static(Content("While it reveals, Space, Enter or a click shows it all."),
                         classes="muted")
            yield Static(Content("Theme"), classes="section")
            with RadioSet(id="theme"):
                for name in THEMES:
                    yield Option(THEME_LABELS[name], value=name == settings.theme,
                                 name=name)
            yield Static(Content("A terminal program cannot change its font size. For a "
                                 "projector, also enlarge the terminal's font (often ctrl and "
                                 "+)."), classes="muted")
            yield Static(Content("Meters"), classes="section")
            yield Tick("Show loyalty, fear and suspicion during play (otherwise only at "
                       "the end)", settings.meters_during_play, id="meters-during-play")
            yield Static(Content("Locked choices"), classes="section")
            yield Tick("Say what a locked choice needs, e.g. \"needs fear below 30 (now "
                       "50)\" (a facilitator may prefer mystery)", settings.lock_needs,
                       id="lock-needs")
            yield Static(Content("Historical notes"), classes="section")
            yield Tick("Show the history behind each scene under its text (n in a scene)",
                       settings.show_notes, id="show-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        for radio_set in self.query(RadioSet):
            # The keyboard's place starts on the chosen option, so that Enter or Space
            # there keeps it rather than picking the first one (RadioSet starts at the top).
            radio_set._selected = radio_set.pressed_index
        self.query_one("#reveal", RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        field = "reveal" if event.radio_set.id == "reveal" else "theme"
        self._change(**{field: event.pressed.name})

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        field = {"lock-needs": "lock_needs", "show-notes": "show_notes"}.get(
            event.checkbox.id, "meters_during_play")
        self._change(**{field: event.value})

    def _change(self, **changes) -> None:
        self.settings = replace(self.settings, **changes)
        self.post_message(self.Changed(self.settings))
