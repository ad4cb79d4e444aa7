"""Help: every key binding, read from the screens' own BINDINGS so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.ui.screens.overlay import Overlay
from game.ui.widgets.keybar import KeyBar

ABOUT = (
    "Obey or Betray puts you inside the purge of Victor Serge's novel, one accused man at a "
    "time. Choices are tagged obey or betray from the Party's point of view, and you only "
    "learn which after you have chosen. Loyalty, fear and suspicion run from 0 to 100.\n"
    "Every scene is saved as you reach it: ctrl+q quits at any moment and Continue brings "
    "you back to the same place. The mouse works too: click a choice, a file or a button.\n"
    "Themes: a terminal program cannot change the size of its letters. The projector theme "
    "uses bold text, wide margins, more space and high contrast; to make the letters "
    "themselves bigger, enlarge your terminal's font (often ctrl and +). High contrast uses "
    "white and yellow on black. Colours are never the only sign of anything, and NO_COLOR is "
    "respected. For a screen reader, play with `tulayev play --plain`."
)
EXTRA_KEYS = {
    "Choices": [("↑ ↓", "Move between choices"), ("Enter", "Take the highlighted choice"),
                ("", "While “More below” shows, a number reads on to the end of the scene "
                 "and Enter a page: a choice is never taken over text not yet seen.")],
    "Lists": [("↑ ↓", "Move"), ("Enter", "Pick"), ("Tab", "Next control")],
}


def _keys(bindings, app) -> list[tuple[str, str]]:
    rows: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description or (binding.description[-1:].isdigit()
                                       and not binding.key_display):
            continue  # one of a numbered series, listed once as 1-9 (or a key not to list)
        keys = rows.setdefault(binding.tooltip or binding.description, [])
        key = app.get_key_display(binding)
        if key not in keys:
            keys.append(key)
    return [(" ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(Overlay):
    """Every key, screen by screen, and what the themes can and cannot do."""

    CSS_PATH = "help.tcss"

    def __init__(self, game_bindings: list | None = None) -> None:
        """`game_bindings`: the game app's own keys, given by the game (the help of every
        screen); without them, the help of the screen below and of the app that opened it."""
        super().__init__()
        self.game_bindings = game_bindings

    def compose(self) -> ComposeResult:
        if self.game_bindings is None:
            # Another of the game's apps (a class's hot-seat lesson): the keys of the screen
            # it was opened from, and the app's own.
            below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
            sections = [("This screen", _keys(type(below).BINDINGS, self.app))] if below \
                else []
            yield from self._page([*sections, ("Everywhere", _keys(type(self.app).BINDINGS,
                                                                   self.app)),
                                   ("Help", _keys(Overlay.BINDINGS, self.app))], about=False)
            return
        from game.ui.dialogs.confirm import ConfirmDialog
        from game.ui.screens.dossier import DossierScreen
        from game.ui.screens.ending import EndingScreen
        from game.ui.screens.scene import SceneScreen
        from game.ui.screens.title import MENU

        sections = [
            ("Everywhere", _keys(self.game_bindings, self.app)),
            ("Title", [(key, label) for _, key, label in MENU]),
            ("Dossier", [("1-9", "Open file number n"), ("Enter", "Open the highlighted file")]
             + _keys(DossierScreen.BINDINGS, self.app)),
            ("Scene", _keys(SceneScreen.BINDINGS, self.app) + EXTRA_KEYS["Choices"]),
            ("Ending", _keys(EndingScreen.BINDINGS, self.app)),
            ("History, saves, settings, help", _keys(Overlay.BINDINGS, self.app)
             + EXTRA_KEYS["Lists"]),
            ("Questions", _keys(ConfirmDialog.BINDINGS, self.app)),
        ]
        if type(self.app).BINDINGS is not self.game_bindings:
            # A variant of the game (a class session's seat) with keys of its own.
            sections.insert(1, ("This session", _keys(type(self.app).BINDINGS, self.app)))
        yield from self._page(sections)

    def _page(self, sections: list[tuple[str, list[tuple[str, str]]]],
              about: bool = True) -> ComposeResult:
        yield Static(Content("HELP"), classes="screen-title")
        with VerticalScroll(id="help-body"):
            for title, rows in sections:
                yield Static(Content(title.upper()), classes="section")
                width = max(len(key) for key, _ in rows) + 2
                yield Static(Content.assemble(*[
                    part for key, text in rows
                    for part in ((f"{key:<{width}}", "bold $text-accent"), text, "\n")][:-1]),
                    classes="keys")
            if about:
                yield Static(Content("ABOUT"), classes="section")
                yield Static(Content(ABOUT), id="about")
        yield KeyBar()
