"""A logged game replayed on screen, one frame at a time (`tulayev replay LOG`).

The frames come from `game.classroom.replay.build_frames`, which has already played the log
through the engine and checked it; this screen pages through them: → or Space for the next,
← for the one before, `a` to play by itself.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from game.classroom.replay import Frame, taken_words, votes_for
from game.narration.words import kind_name, novel_endings, novel_words
from game.story.model import METERS
from game.ui import safe
from game.ui.base import AppBase
from game.ui.widgets.meters import MeterPanel
from game.ui.widgets.prose import Prose

DEFAULT_DELAY = 3.0


class ReplayScreen(Screen):
    CSS_PATH = ["../widgets/widgets.tcss", "replay.tcss"]
    BINDINGS = [
        Binding("right,space,l", "step(1)", "Next"),
        Binding("left,h", "step(-1)", "Back"),
        Binding("home", "go(0)", "First", show=False),
        Binding("end", "go(-1)", "Last", show=False),
        Binding("a", "autoplay", "Play by itself"),
        Binding("q,escape", "app.quit", "Quit"),
    ]

    def __init__(self, frames: list[Frame], delay: float | None = None) -> None:
        super().__init__()
        self.frames = frames
        self.index = 0
        self.delay = delay or DEFAULT_DELAY
        self.timer: Timer | None = None
        self.autoplay_at_start = delay is not None

    def compose(self) -> ComposeResult:
        yield Static(id="replay-title", classes="screen-title")
        yield MeterPanel({}, id="meters")
        yield Prose(id="prose")
        yield Static(id="replay-board")
        yield Footer()

    def on_mount(self) -> None:
        self.show_frame()
        if self.autoplay_at_start:
            self.action_autoplay()

    def show_frame(self) -> None:
        frame = self.frames[self.index]
        arc = frame.arc
        self.query_one("#replay-title", Static).update(Content(
            f"REPLAY  ·  {frame.team}  ·  {arc.title}  ·  {self.index + 1} of "
            f"{len(self.frames)}" + ("  ·  playing" if self.timer else "")))
        deltas = frame.step.deltas if frame.step else None
        self.query_one(MeterPanel).show(frame.meters)
        board = self.query_one("#replay-board", Static)
        prose = self.query_one(Prose)
        if frame.kind == "arc":
            card = Static(Content.assemble(*([(arc.rank, "bold"), "\n"] if arc.rank else []),
                                           arc.dossier.strip(),
                                           *[part for line in frame.dossier_lines
                                             for part in ("\n", ("▸ ", "$text-error"),
                                                          (line, "bold"))]),
                          classes="file-card")
            card.border_title = safe.title(f"FILE: {arc.accused.upper()}")
            prose.show((), [card], None)
            board.update(Content("→ to open the file"))
        elif frame.kind == "scene":
            prose.show(frame.paragraphs, [], None)
            board.update(self._board(frame, deltas))
        else:
            label = {"rewind": "REWIND", "undo": "UNDONE", "pause": "PAUSED FOR DISCUSSION",
                     "resume": "BACK TO THE GAME"}[frame.kind]
            note: list[Widget] = [Static(Content.assemble((label, "bold $text-accent"), "\n\n",
                                                          frame.note), classes="replay-note")]
            prose.show((), note, None)
            board.update(Content(""))

    @staticmethod
    def _board(frame: Frame, deltas) -> Content:
        if frame.is_ending:
            ending = frame.scene.ending
            parts: list = [("THE END: ", "bold"), (ending.title, "bold $primary"),
                           f" ({kind_name(ending.kind)})\n",
                           novel_words(ending.historical, novel_endings(frame.arc),
                                       frame.arc.in_novel, sentence=True)]
            return Content.assemble(*parts)
        parts = []
        taken = frame.taken.choice - 1 if frame.taken else None
        for number, option in enumerate([o for o in frame.options if o.shown], 1):
            votes = votes_for(frame, option)
            count = (f"  [{votes} vote{'s' if votes != 1 else ''}]"
                     if votes is not None else "")
            if option.choice.index == taken:
                parts += [("▶ ", "bold $text-accent"), (f"{number}. {option.choice.text}",
                                                        "bold $text-accent"), count, "\n"]
            elif option.available:
                parts += [f"  {number}. {option.choice.text}", (count, "$text-muted"), "\n"]
            else:
                parts += [(f"  {number}. {option.choice.text}: locked, "
                           f"{option.choice.locked}", "italic $text-disabled"), "\n"]
        if frame.taken is None:
            parts.append(("The log stops here.", "italic"))
            return Content.assemble(*parts)
        parts.append((taken_words(frame), "bold"))
        if frame.step.tag:
            who = ("The facilitator" if frame.vote is not None
                   and frame.vote.decided_by == "override" else "They")
            parts.append(f"  {who} chose to {frame.step.tag}.")
        changes = [f"{m.capitalize()} {deltas[m][0]} → {deltas[m][1]}" for m in METERS
                   if deltas and m in deltas]
        if changes:
            parts += ["\n", "   ".join(changes)]
        return Content.assemble(*parts)

    def action_step(self, direction: int) -> None:
        target = self.index + direction
        if 0 <= target < len(self.frames):
            self.index = target
            self.show_frame()
        elif self.timer is not None:
            self.action_autoplay()

    def action_go(self, index: int) -> None:
        self.index = index % len(self.frames)
        self.show_frame()

    def action_autoplay(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        else:
            self.timer = self.set_interval(self.delay, lambda: self.action_step(1))
        self.show_frame()


class ReplayApp(AppBase[int]):
    CSS_PATH = ["../app.tcss", "../widgets/widgets.tcss"]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, frames: list[Frame], title: str, delay: float | None = None) -> None:
        super().__init__()
        self.frames = frames
        self.title = title
        self.delay = delay

    def on_mount(self) -> None:
        self.push_screen(ReplayScreen(self.frames, self.delay))


def run_replay_app(frames: list[Frame], title: str, delay: float | None = None) -> int:
    app = ReplayApp(frames, title, delay)
    app.run()
    return app.return_code or 0
