"""Setting up a class session on screen: the teams, their arcs (by hand or dealt at random),
the mode, the countdown. The same rules as `tulayev class new`."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from game.classroom.session import (
    Session,
    SessionError,
    Team,
    assign_arcs,
    check_session_name,
    create_session,
    parse_team_spec,
)
from game.story.model import Story
from game.ui.base import AppBase

TEAMS_HINT = "One team (or player) a line. Add = and an arc id to choose its arc: Red = erchov"


@dataclass
class SetupResult:
    session: Session
    start: bool


class ClassSetupScreen(Screen[SetupResult | None]):
    CSS_PATH = "class_setup.tcss"
    BINDINGS = [
        Binding("ctrl+r", "deal", "Deal again"),
        Binding("ctrl+s", "create(False)", "Create"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, story: Story, saves_dir: Path, name: str | None = None) -> None:
        super().__init__()
        self.story = story
        self.saves_dir = Path(saves_dir)
        self.name_value = name or ""
        self.seed = random.randrange(1 << 30)
        self.teams: tuple[Team, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(Content("A NEW CLASS SESSION"), classes="screen-title")
        with VerticalScroll(id="setup-body"):
            with Horizontal(classes="row"):
                yield Label("Session name", classes="field")
                yield Input(self.name_value, placeholder="e.g. 9B-tuesday", id="name")
            with Horizontal(classes="row"):
                yield Label("Mode", classes="field")
                with RadioSet(id="mode"):
                    yield RadioButton("Hot seat: one projected screen", value=True,
                                      id="hotseat")
                    yield RadioButton("Parallel: a terminal or browser per team",
                                      id="parallel")
            with Horizontal(classes="row", id="turns-row"):
                yield Label("Turns", classes="field")
                with RadioSet(id="turns"):
                    yield RadioButton("A team plays its whole file", value=True, id="arc")
                    yield RadioButton("One choice each, in turn", id="choice")
            with Horizontal(classes="row"):
                yield Label("Countdown", classes="field")
                yield Input(placeholder="seconds to discuss each choice (blank: none)",
                            id="countdown", type="integer")
            with Horizontal(classes="row"):
                yield Label("Facilitator", classes="field")
                yield Checkbox("Notes on from the start", id="notes")
                yield Checkbox("Hide the meters", id="hide-meters")
            yield Static(Content("Teams"), classes="section")
            yield Static(Content(TEAMS_HINT), classes="muted")
            yield TextArea("Team 1\nTeam 2\nTeam 3", id="teams")
            yield Static(Content("Arcs to deal at random"), classes="section")
            yield SelectionList[str](*[(Content(f"{a.title}: {a.accused} ({a.id})"), a.id, True)
                                       for a in self.story.arcs], id="arcs")
            yield Static(Content("The deal"), classes="section")
            yield Static(id="preview")
            yield Static(id="setup-error")
            with Horizontal(id="buttons"):
                yield Button("Create the session", id="create", variant="primary")
                yield Button("Create and start the lesson", id="start")
                yield Button("Deal again", id="deal")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.refresh_deal()

    # The deal --------------------------------------------------------------------------------

    def specs(self) -> list[tuple[str, str | None]]:
        specs = []
        for line in self.query_one("#teams", TextArea).text.splitlines():
            if line.strip():
                name, _, arc = line.partition("=")
                specs.append(parse_team_spec(f"{name.strip()}={arc.strip()}" if arc.strip()
                                             else name))
        return specs

    def refresh_deal(self) -> None:
        preview = self.query_one("#preview", Static)
        error = self.query_one("#setup-error", Static)
        try:
            pool = list(self.query_one("#arcs", SelectionList).selected)
            self.teams = assign_arcs(self.specs(), pool, list(self.story.arc_ids), self.seed)
        except SessionError as problem:
            self.teams = ()
            preview.update("")
            error.update(Content(str(problem)))
            return
        error.update("")
        lines = []
        for team in self.teams:
            arc = self.story.arc(team.arc)
            lines.append(Content.assemble((f"{team.name}: ", "bold"),
                                          f"{arc.accused} ({arc.title})"))
        preview.update(Content("\n").join(lines))

    def on_text_area_changed(self) -> None:
        self.refresh_deal()

    def on_selection_list_selected_changed(self) -> None:
        self.refresh_deal()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "mode":
            hotseat = event.pressed.id == "hotseat"
            self.query_one("#turns-row").display = hotseat
            self.query_one("#start", Button).display = hotseat

    def action_deal(self) -> None:
        self.seed = random.randrange(1 << 30)
        self.refresh_deal()

    # Creating ----------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "deal":
            self.action_deal()
        elif event.button.id == "cancel":
            self.action_cancel()
        else:
            self.action_create(event.button.id == "start")

    def action_create(self, start: bool) -> None:
        error = self.query_one("#setup-error", Static)
        try:
            name = check_session_name(self.query_one("#name", Input).value.strip())
            if not self.teams:
                self.refresh_deal()
                if not self.teams:
                    return
            countdown_text = self.query_one("#countdown", Input).value.strip()
            countdown = int(countdown_text) if countdown_text else None
            mode = self.query_one("#mode", RadioSet).pressed_button.id
            turns = self.query_one("#turns", RadioSet).pressed_button.id
            session = create_session(
                self.saves_dir, name, self.teams, mode=mode, turns=turns, countdown=countdown,
                show_notes=self.query_one("#notes", Checkbox).value,
                show_meters=not self.query_one("#hide-meters", Checkbox).value,
                story=self.story.title)
        except (SessionError, ValueError) as problem:
            error.update(Content(str(problem)))
            self.app.bell()
            return
        self.dismiss(SetupResult(session, start and session.mode == "hotseat"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ClassSetupApp(AppBase[SetupResult | None]):
    CSS_PATH = ["../app.tcss", "../widgets/widgets.tcss"]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, story: Story, saves_dir: Path, name: str | None = None) -> None:
        super().__init__()
        self.story = story
        self.saves_dir = saves_dir
        self.name_value = name
        self.title = f"{story.title}: a new class session"

    def on_mount(self) -> None:
        self.push_screen(ClassSetupScreen(self.story, self.saves_dir, self.name_value),
                         self.exit)


def run_setup_app(story: Story, saves_dir: Path, name: str | None = None) -> int:
    result = ClassSetupApp(story, saves_dir, name).run()
    if result is None:
        return 0
    session = result.session
    print(f"session {session.name}: {session.folder}")
    if not result.start:
        command = (f"tulayev class run {session.name}" if session.mode == "hotseat" else
                   f"tulayev class play {session.name} --team NAME")
        print(f"next: {command}")
        return 0
    from game.classroom.hotseat import ClassGame
    from game.ui.screens.class_play import run_class_app

    return run_class_app(ClassGame(session, story))
