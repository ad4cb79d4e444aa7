"""The debrief on screen: the teams side by side, where they split, how the class chose.

The same `Debrief` as `tulayev debrief`; `e` writes the HTML page (with its SVG charts) into
the session's folder for the projector's browser or for printing.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.classroom.debrief import (
    Debrief,
    RunSummary,
    ending_words,
    novel_phrase,
    percent,
    render,
    what_if_words,
)
from game.engine.saves import atomic_write_text
from game.narration.words import kind_name
from game.ui import safe
from game.ui.base import AppBase
from game.ui.widgets.chart import MeterChart

EXPORT_NAME = "debrief.html"
CHART_ROWS = 5      # rows per meter: readable from the back of a projected room


class DebriefScreen(Screen):
    CSS_PATH = ["../widgets/widgets.tcss", "debrief.tcss"]
    BINDINGS = [
        Binding("e", "export", "Export HTML"),
        Binding("escape,q", "back", "Back"),
        Binding("down,j", "scroll(1)", show=False),
        Binding("up,k", "scroll(-1)", show=False),
    ]

    def __init__(self, debrief: Debrief, folder: Path | None = None) -> None:
        super().__init__()
        self.debrief = debrief
        self.folder = folder

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        yield Static(Content(debrief.title.upper()), classes="screen-title")
        with VerticalScroll(id="debrief-body"):
            for problem in debrief.problems:
                yield Static(Content(problem), classes="problem")
            if debrief.arc_tallies:
                yield Static(Content("THE ENDINGS"), classes="section")
                for tally in debrief.arc_tallies:
                    parts: list = [(f"{tally.title}: {tally.games} games", "bold"),
                                   f" (obeyed {tally.obeyed}, betrayed {tally.betrayed})"]
                    for ending in tally.endings:
                        share = len(ending.games) / tally.games
                        parts += ["\n", (f"  {len(ending.games):>3} ", "bold"),
                                  ("█" * round(20 * share), "$primary"),
                                  ("░" * (20 - round(20 * share)), "$foreground-muted"),
                                  f" {ending.title} ({kind_name(ending.kind)})",
                                  ("  the novel's" if ending.historical else "",
                                   "bold $text-success")]
                    if tally.open_games:
                        parts += ["\n", f"  {len(tally.open_games):>3} not finished"]
                    yield Static(Content.assemble(*parts), classes="poll")
            yield Static(Content("THE TEAMS SIDE BY SIDE"), classes="section")
            if not debrief.runs:
                yield Static(Content("No games have been logged yet."), classes="muted")
            columns = max(1, min(3, len(debrief.runs) + len(debrief.waiting)))
            grid = Grid(id="teams")
            grid.styles.grid_size_columns = columns
            with grid:
                for summary in debrief.runs:
                    with Vertical(classes="team-card") as card:
                        card.border_title = safe.title(summary.label)
                        yield Static(self._card(summary))
                        if summary.trail:
                            yield MeterChart(summary.trail, rows=CHART_ROWS)
                for team in debrief.waiting:
                    with Vertical(classes="team-card") as card:
                        card.border_title = safe.title(team.name)
                        yield Static(Content(f"{debrief.arc_title(team.arc)}: not played yet"),
                                     classes="muted")
            if debrief.splits:
                yield Static(Content("WHERE THE TEAMS SPLIT"), classes="section")
                for poll in debrief.splits:
                    parts = [(f"{poll.arc_title}: {poll.title}", "bold")]
                    for option in poll.options:
                        if option.runs:
                            parts += ["\n", (f"  {option.number}. ", "bold"), option.text,
                                      ("\n     " + ", ".join(option.runs), "$text-accent")]
                    yield Static(Content.assemble(*parts), classes="poll")
            if debrief.shared:
                yield Static(Content("HOW THE CLASS CHOSE"), classes="section")
                for poll in debrief.shared:
                    parts = [(f"{poll.arc_title}: {poll.title}", "bold"),
                             f"  ({poll.games} games"
                             + (f", {poll.votes} votes" if poll.votes else "") + ")"]
                    for option in poll.options:
                        share = len(option.runs) / poll.games if poll.games else 0
                        parts += ["\n", (f"  {option.number}. ", "bold"),
                                  (f"{percent(len(option.runs), poll.games):>4} ", "bold"),
                                  ("█" * round(20 * share), "$primary"),
                                  ("░" * (20 - round(20 * share)), "$foreground-muted"),
                                  f" {option.text}"]
                        if poll.votes:
                            parts.append((f"  (votes {option.votes}, "
                                          f"{percent(option.votes, poll.votes)})",
                                          "$text-muted"))
                    yield Static(Content.assemble(*parts), classes="poll")
            if debrief.close_votes:
                yield Static(Content("THE CLOSEST VOTES"), classes="section")
                lines = []
                for poll in debrief.close_votes:
                    team = next((r for o in poll.options for r in o.runs), "")
                    counts = "–".join(str(o.votes) for o in poll.options)
                    lines.append(f"{team}, {poll.arc_title}: {poll.title}: {counts}")
                yield Static(Content("\n".join(lines)), classes="poll")
            if debrief.prompts:
                yield Static(Content("TO DISCUSS"), classes="section")
                for arc_title, prompts in debrief.prompts.items():
                    yield Static(Content.assemble((arc_title, "bold"), "\n",
                                                  "\n".join(f"• {p}" for p in prompts)),
                                 classes="poll")
        yield Footer()

    @staticmethod
    def _card(summary: RunSummary) -> Content:
        same = summary.matches_novel
        parts: list = [(summary.arc_title, "bold"),
                       f": {summary.accused}" if summary.accused else "", "\n",
                       ("Ending: ", "bold"), ending_words(summary), "\n",
                       ("The novel: ", "bold"),
                       (novel_phrase(summary), "$text-success" if same else
                        "$text-warning" if same is False else ""), "\n",
                       ("Obeyed ", "bold"), str(summary.obeyed), (", betrayed ", "bold"),
                       str(summary.betrayed), f", in {summary.decisions} choice(s)"]
        if summary.votes_cast:
            parts.append(f", {summary.votes_cast} votes")
        for what_if in summary.what_ifs:
            parts += ["\n", ("What if: ", "bold"), what_if_words(what_if)]
        for override in summary.overrides:
            parts += ["\n", ("Override: ", "bold"), override]
        return Content.assemble(*parts)

    def action_export(self) -> None:
        if self.folder is None:
            self.notify("No session folder to write to.", severity="warning")
            return
        path = self.folder / EXPORT_NAME
        try:
            atomic_write_text(path, render(self.debrief, "html"))
        except OSError as error:
            self.notify(f"{path}: not written ({error.strerror or error})", severity="error")
            return
        self.notify(f"Wrote {path}", title="Debrief exported", timeout=10)

    def action_back(self) -> None:
        if isinstance(self.app, DebriefApp):
            self.app.exit(0)
        else:
            self.app.pop_screen()

    def action_scroll(self, direction: int) -> None:
        body = self.query_one("#debrief-body")
        body.scroll_relative(y=direction * 3, animate=False)


class DebriefApp(AppBase[int]):
    CSS_PATH = ["../app.tcss", "../widgets/widgets.tcss"]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, debrief: Debrief, folder: Path | None = None) -> None:
        super().__init__()
        self.debrief = debrief
        self.folder = folder

    def on_mount(self) -> None:
        self.push_screen(DebriefScreen(self.debrief, self.folder))


def run_debrief_app(debrief: Debrief, folder: Path | None = None) -> int:
    app = DebriefApp(debrief, folder)
    app.run()
    return app.return_code or 0
