"""A hot-seat lesson on one projected screen: the teams' files in turn, the class's votes,
and the facilitator's keys (notes, meters, pause, what-if, debrief).

Every choice is the class's: the facilitator presses a digit for each raised hand (or `v`
to type the counts) and Enter to close the vote; the majority's choice is taken and a tie
is the facilitator's to settle. A countdown, when the session has one, runs as each scene
opens. The logic lives in `game.classroom.hotseat.ClassGame`; this screen only shows it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static

from game.classroom.hotseat import ClassGame, TeamGame
from game.classroom.session import team_words
from game.classroom.votes import Decision, Tally, VoteError, override_words
from game.engine.flow import TurnFlow
from game.engine.machine import PlayError
from game.engine.state import Step
from game.narration.words import kind_name, novel_endings, novel_words, tally
from game.story.model import METERS
from game.ui import safe
from game.ui.base import AppBase
from game.ui.screens.debrief import CHART_ROWS
from game.ui.size_guard import SizeGuard
from game.ui.widgets.chart import MeterChart
from game.ui.widgets.meters import MeterPanel
from game.ui.widgets.prose import Prose

TAG_WORDS = {"obey": "They chose to obey.", "betray": "They chose to betray."}



class VoteBoard(Static):
    """The options with the hands counted so far, and the countdown."""

    def show(self, tally: Tally, remaining: int | None, closed: str = "") -> None:
        parts: list = []
        total = tally.total
        width = max((tally.counts[o.choice.index] for o in tally.shown), default=0)
        for number, option in enumerate(tally.shown, 1):
            count = tally.counts[option.choice.index]
            if option.available:
                bar = "█" * count if width <= 30 else "█" * round(30 * count / width)
                parts += [(f"{number}. ", "bold"), option.choice.text, "\n   ",
                          (bar, "$primary"), (f" {count}", "bold")]
            else:
                parts += [(f"{number}. ", "$text-disabled"),
                          (option.choice.text, "italic $text-disabled"), "\n   ",
                          (f"locked: {option.choice.locked}", "italic $text-disabled")]
            parts.append("\n")
        status = f"{total} hand{'s' if total != 1 else ''} counted"
        if remaining is not None:
            status += (f"  ·  discuss: {remaining // 60}:{remaining % 60:02d}" if remaining > 0
                       else "  ·  time to vote")
        parts.append((status, "bold $text-accent"))
        if closed:
            parts += ["\n", (closed, "$text-warning")]
        self.update(Content.assemble(*parts))


class ClassScreen(Screen):
    """The current team's scene, its vote, and what the facilitator may do."""

    CSS_PATH = ["../widgets/widgets.tcss", "class_play.tcss"]
    # The key bar must fit 120 columns (a projector's usual width): short words, and the
    # rarer keys only in help (?).
    BINDINGS = [
        Binding("1", "hand(1)", "Hand", key_display="1-9",
                tooltip="One raised hand for that option"),
        *[Binding(str(n), f"hand({n})", show=False) for n in range(2, 10)],
        Binding("backspace", "undo_hand", "Take back a hand", show=False),
        Binding("v", "type_votes", "Votes", tooltip="Type the count for each option"),
        Binding("enter", "close_vote", "Close vote", key_display="⏎"),
        Binding("f", "facilitator_pick", "Choose", tooltip="Choose for the class"),
        Binding("t", "restart_countdown", "Restart the countdown", show=False),
        Binding("n", "toggle_notes", "Notes"),
        Binding("m", "toggle_meters", "Meters"),
        Binding("p", "pause", "Pause"),
        Binding("P", "pause_with_prompt", "Pause on a question you type", show=False),
        Binding("u", "undo", "Undo the last choice", show=False),
        Binding("r", "rewind", "What if?"),
        Binding("d", "debrief", "Debrief"),
        Binding("pageup", "scroll_prose(-1)", show=False),
        Binding("pagedown", "scroll_prose(1)", show=False),
    ]

    def __init__(self, game: ClassGame) -> None:
        super().__init__()
        self.game = game
        self.turn = TurnFlow()         # vote, handover (the next team's turn), ending
        self.tally: Tally | None = None
        self.hands: list[int] = []
        self.remaining: int | None = None
        self.timer: Timer | None = None
        self.last: tuple[TeamGame, Step] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="class-header"):
            yield Static(id="class-title", classes="screen-title")
            yield Static(id="class-turns")
        yield MeterPanel({}, id="meters")
        yield Prose(id="prose")
        with Vertical(id="board-box"):
            yield VoteBoard(id="board")
        yield Footer()

    def on_mount(self) -> None:
        self.game.begin_turn()
        self.render_turn()

    # What is shown ---------------------------------------------------------------------------

    def render_turn(self, preface: list[Widget] | None = None, keep_vote: bool = False) -> None:
        """Show the current team's scene (or ending); `keep_vote` keeps the hands counted
        and the countdown running, to show the same scene again."""
        game = self.game
        team_game = game.current
        arc = game.arc()
        what_if = (f"  ·  WHAT IF? (branch {team_game.branches}, from choice "
                   f"{team_game.what_if_from})" if team_game.branches > 1 else "")
        self.query_one("#class-title", Static).update(Content(
            f"CLASS {game.session.name}  ·  {team_words(team_game.team.name).upper()}  ·  "
            f"{arc.title}  ·  {arc.accused}{what_if}"))
        self.query_one("#class-turns", Static).update(self._turns())
        meters = self.query_one(MeterPanel)
        meters.display = game.show_meters
        meters.show(team_game.state.meters)
        if game.is_over():
            self.turn.show_ending()
            self._stop_countdown()
            self._show_ending(team_game)
            return
        self.turn.show_scene()
        scene = game.scene()
        widgets = list(preface or [])
        if not team_game.state.history:
            widgets.insert(0, self._file_card(team_game))
        if game.show_notes and scene.notes:
            notes = Static(Content(scene.notes.strip()), classes="notes")
            notes.border_title = "FACILITATOR NOTES"
            widgets.append(notes)
        self.query_one(Prose).show(game.engine.passage(team_game.state), widgets,
                                   None)
        if not keep_vote or self.tally is None:
            self.tally = game.tally()
            self.hands = []
            self._start_countdown()
        self._show_board()

    def _turns(self) -> Content:
        parts: list = []
        for number, team_game in enumerate(self.game.games):
            if number:
                parts.append("  ")
            name = team_game.team.name
            if team_game is self.game.current:
                parts.append((f"▸ {name}", "bold $text-accent"))
            elif self.game.is_over(team_game):
                parts.append((f"✓ {name}", "$text-muted"))
            else:
                parts.append(name)
        return Content.assemble(*parts)

    def _file_card(self, team_game: TeamGame) -> Static:
        arc = self.game.arc(team_game)
        parts: list = []
        if arc.rank:
            parts += [(arc.rank, "bold"), "\n"]
        parts.append(arc.dossier.strip())
        for line in team_game.state.dossier_lines:
            parts += ["\n", ("▸ ", "$text-error"), (line, "bold")]
        card = Static(Content.assemble(*parts), classes="file-card")
        card.border_title = safe.title(f"FILE: {arc.accused.upper()}")
        return card

    def _aftermath(self, team: str, step: Step, override: str = "") -> Static:
        parts: list = [(f"{team_words(team)}: ", "bold"), f"“{step.text}”"]
        if override:
            parts += ["\n", (override[0].upper() + override[1:] + ".", "bold $text-warning")]
            if step.tag in TAG_WORDS:
                parts += ["\n", (f"The facilitator chose to {step.tag}.", "bold")]
        elif step.tag in TAG_WORDS:
            parts += ["\n", (TAG_WORDS[step.tag], "bold")]
        if self.game.show_meters:
            changes = [f"{n.capitalize()} {step.deltas[n][0]} → {step.deltas[n][1]}"
                       for n in METERS if n in step.deltas]
            if changes:
                parts += ["\n", "   ".join(changes)]
        return Static(Content.assemble(*parts), classes="aftermath")

    def _show_board(self, closed: str = "") -> None:
        board = self.query_one(VoteBoard)
        if self.turn.state == "vote" and self.tally is not None:
            board.show(self.tally, self.remaining, closed)
        elif self.turn.state == "handover":
            board.update(Content.assemble(
                (f"Next: {team_words(self.game.current.team.name, False)}. ",
                 "bold $text-accent"),
                "Enter to hand them the screen."))
        else:
            following = self._next_team_name()
            board.update(Content.assemble(
                ("Enter: ", "bold $text-accent"),
                f"{team_words(following, False)}'s turn" if following else "the debrief",
                ("   r: what if? back to an earlier choice", "$text-muted")))

    def _next_team_name(self) -> str | None:
        game = self.game
        count = len(game.games)
        for step in range(1, count + 1):
            candidate = game.games[(game.turn + step) % count]
            if not game.is_over(candidate):
                return candidate.team.name
        return None

    def _show_ending(self, team_game: TeamGame) -> None:
        game = self.game
        scene, arc = game.scene(team_game), game.arc(team_game)
        ending = scene.ending
        counts = team_game.state.tag_counts()
        card = Static(Content.assemble(
            (f"THE END for {team_words(team_game.team.name, False)}: ", "bold"),
            (ending.title, "bold $primary"), f" ({kind_name(ending.kind)})\n",
            novel_words(ending.historical, novel_endings(arc), arc.in_novel, sentence=True),
            "\n",
            tally("They", counts["obey"], counts["betray"])),
            classes="ending-card")
        widgets: list[Widget] = [card]
        if game.show_meters:
            widgets.append(MeterChart(team_game.state.meter_trail(), rows=CHART_ROWS,
                                      classes="ending-chart"))
        if ending.prompts:
            widgets.append(Static(Content("\n".join(f"• {p}" for p in ending.prompts)),
                                  classes="prompts"))
        self.query_one(Prose).show(game.engine.passage(team_game.state), widgets,
                                   None)
        self._show_board()

    # The countdown ---------------------------------------------------------------------------

    def _start_countdown(self) -> None:
        self._stop_countdown()
        seconds = self.game.session.countdown
        self.remaining = seconds
        if seconds:
            self.timer = self.set_interval(1, self._tick)

    def _stop_countdown(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def _tick(self) -> None:
        if self.remaining is None or self.game.paused_at is not None:
            return
        self.remaining -= 1
        if self.remaining <= 0:
            self.remaining = 0
            self._stop_countdown()
            self.app.bell()
        self._show_board()

    # The vote ----------------------------------------------------------------------------------

    def action_hand(self, number: int) -> None:
        if self.turn.state != "vote" or self.tally is None:
            return
        try:
            self.tally.add(number)
        except VoteError as error:
            self.app.bell()
            self.notify(str(error).capitalize(), severity="warning", timeout=4)
            return
        self.hands.append(number)
        self._show_board()

    def action_undo_hand(self) -> None:
        if self.turn.state == "vote" and self.hands:
            self.tally.add(self.hands.pop(), -1)
            self._show_board()

    def action_type_votes(self) -> None:
        if self.turn.state != "vote":
            return
        from game.ui.dialogs.vote import VoteDialog

        def counted(counts: list[int] | None) -> None:
            if counts is None:
                return
            try:
                self.tally.set_all(counts)
            except VoteError as error:
                self.notify(str(error).capitalize(), severity="warning", timeout=6)
                return
            self.hands = []
            self._show_board()

        self.app.push_screen(VoteDialog(self.tally), counted)

    def action_close_vote(self) -> None:
        if self.turn.state == "handover":
            self.render_turn()
            return
        if self.turn.state == "ending":
            self._after_ending()
            return
        tally = self.tally
        if tally.total == 0:
            self.notify("No hands counted yet: a digit for each raised hand, v to type the "
                        "counts, or f to choose for the class.", severity="warning", timeout=6)
            return
        if tally.tied:
            from game.ui.dialogs.vote import PickDialog

            numbers = ", ".join(str(tally.number_of(i)) for i in tally.leaders)

            def settled(index: int | None) -> None:
                if index is not None:
                    self._take(tally.decide(index))

            self.app.push_screen(PickDialog(tally, f"A tie between options {numbers}: the "
                                            "facilitator decides.", tally.leaders), settled)
            return
        self._take(tally.decide())

    def action_facilitator_pick(self) -> None:
        if self.turn.state != "vote":
            return
        from game.ui.dialogs.vote import PickDialog

        def picked(index: int | None) -> None:
            if index is not None:
                self._take(None, index)

        self.app.push_screen(PickDialog(self.tally, "Choose for the class (the hands "
                                        "counted are kept, and the choice is logged as "
                                        "yours):"), picked)

    def _take(self, decision: Decision | None, index: int | None = None) -> None:
        game = self.game
        countdown = game.session.countdown
        timed_out = bool(countdown) and self.remaining == 0
        team_game = game.current
        tally = self.tally
        override = ""
        if decision is None and tally is not None:
            numbers = [tally.number_of(i) for i in tally.leaders] if tally.total else []
            override = override_words(tally.number_of(index),
                                      [tally.counts[o.choice.index] for o in tally.shown],
                                      numbers)
        try:
            step = game.take(decision, index, countdown=countdown, timed_out=timed_out,
                             tally=tally)
        except PlayError as error:
            self.notify(str(error), severity="warning")
            return
        self._stop_countdown()
        self.last = (team_game, step)
        aftermath = self._aftermath(team_game.team.name, step, override)
        if game.is_over():
            self.render_turn()
            return
        game.next_turn()
        if game.current is team_game:
            self.render_turn([aftermath])
            return
        self.turn.hand_over()
        self.query_one("#class-turns", Static).update(self._turns())
        self.query_one(MeterPanel).show(team_game.state.meters, step.deltas)
        self.query_one(Prose).show((), [aftermath], None)
        self._show_board()

    def _after_ending(self) -> None:
        if self.game.next_turn() is None:
            self.action_debrief()
            return
        self.render_turn()

    # The facilitator ---------------------------------------------------------------------------

    def action_toggle_notes(self) -> None:
        on = self.game.toggle_notes()
        self.notify(f"Facilitator notes {'on' if on else 'off'}.", timeout=2)
        if self.turn.state == "vote":
            self.render_turn(keep_vote=True)

    def action_toggle_meters(self) -> None:
        on = self.game.toggle_meters()
        self.query_one(MeterPanel).display = on
        self.notify(f"Meters {'shown' if on else 'hidden'}.", timeout=2)

    def action_pause(self, prompt: str | None = None) -> None:
        from game.ui.screens.pause import PauseScreen

        shown = self.game.pause(prompt)
        self.app.push_screen(PauseScreen(shown), lambda _: self._resume())

    def _resume(self) -> None:
        self.game.resume()
        self._show_board()

    def action_pause_with_prompt(self) -> None:
        from game.ui.dialogs.prompt import PromptDialog

        def typed(text: str | None) -> None:
            if text is not None:
                self.action_pause(text)

        self.app.push_screen(PromptDialog(), typed)

    def action_undo(self) -> None:
        team_game = self.game.current
        if self.turn.state == "handover" and self.last is not None:
            team_game = self.last[0]
        if not team_game.state.history:
            self.notify("No choice has been taken yet in this file.", severity="warning")
            return
        text = team_game.state.history[-1].text
        self.game.undo(team_game)
        self.notify(f"Undone, to be chosen again: “{text}”", timeout=4)
        self.render_turn()

    def action_rewind(self) -> None:
        team_game = self.game.current
        if not team_game.state.history:
            self.notify("No choice has been taken yet in this file.", severity="warning")
            return
        from game.ui.dialogs.rewind import RewindDialog

        def back(kept: int | None) -> None:
            if kept is None:
                return
            self.game.rewind(kept, team_game)
            self.notify(f"{team_words(team_game.team.name)}: back to choice {kept + 1}. "
                        "What if?",
                        timeout=4)
            self.render_turn()

        self.app.push_screen(RewindDialog(team_game.state.history,
                                          team_words(team_game.team.name, False)), back)

    def action_debrief(self) -> None:
        from game.classroom.debrief import debrief_session
        from game.classroom.session import SessionError, read_session
        from game.ui.screens.debrief import DebriefScreen

        session = self.game.session
        try:
            session = read_session(session.path)    # released from the console, perhaps
        except SessionError:
            pass
        self.app.push_screen(DebriefScreen(debrief_session(session, self.game.story,
                                                           for_players=True),
                                           self.game.session.folder))

    def action_scroll_prose(self, direction: int) -> None:
        prose = self.query_one(Prose)
        if direction < 0:
            prose.scroll_page_up()
        else:
            prose.scroll_page_down()


class ClassApp(SizeGuard, AppBase[int]):
    """The hot-seat lesson as an app of its own (`tulayev class run NAME`)."""

    CSS_PATH = ["../app.tcss", "../widgets/widgets.tcss"]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("o", "settings", "Settings", show=False),
    ]

    def __init__(self, game: ClassGame, theme: str | None = None) -> None:
        super().__init__()
        from game.engine.settings import load_settings

        self.game = game
        self.title = game.story.title
        self.settings_folder = game.session.folder.parent.parent
        self.settings = load_settings(self.settings_folder)[0]
        self._use_theme(theme or self.settings.theme)

    def _use_theme(self, theme: str) -> None:
        self.theme = theme
        self.set_class(theme == "projector", "-projector")
        self.set_class(theme == "high-contrast", "-high-contrast")

    def on_mount(self) -> None:
        self.guard_size()
        self.push_screen(ClassScreen(self.game))

    def action_help(self) -> None:
        """The help of the screen below (the class screen's keys) and of this app."""
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings))

    def on_settings_screen_changed(self, message) -> None:
        from game.engine.settings import SettingsError, save_settings

        self.settings = message.settings
        self._use_theme(self.settings.theme)
        try:
            save_settings(self.settings_folder, self.settings)
        except SettingsError as error:
            self.notify(str(error), severity="error", timeout=10)

    async def action_quit(self) -> None:
        from game.ui.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.game.close()
                self.exit(0)

        self.push_screen(ConfirmDialog(
            "Stop the lesson?", "Every log so far is kept; `tulayev class run "
            f"{self.game.session.name} --resume` takes it up again.", yes="Stop",
            no="Go on"), answer)


def run_class_app(game: ClassGame, theme: str | None = None) -> int:
    app = ClassApp(game, theme)
    try:
        app.run()
    finally:
        game.close()
    return app.return_code or 0
