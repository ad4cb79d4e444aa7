"""The Textual app: owns the play state and the flow, switches screens, saves.

Screens get what they show as arguments and attributes (attributes down) and post messages
when the player acts (messages up); only the app calls the engine and the save store.
Screen modules are imported when first needed, so start-up pays for the title screen only.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from game.engine.flow import GameFlow
from game.engine.saves import SaveError, SaveStore
from game.engine.settings import Settings, SettingsError, load_settings, save_settings
from game.engine.state import PlayState
from game.ui.base import AppBase
from game.ui.size_guard import SizeGuard

OPENING_TITLE = "Obey or Betray: The Case of Comrade Tulayev"

if TYPE_CHECKING:
    from game.engine.launch import Launch
    from game.engine.watch import StoryWatcher
    from game.ui.dialogs.story_errors import StoryErrorsDialog
    from game.ui.screens.dossier import DossierScreen
    from game.ui.screens.scene import SceneScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.title import TitleScreen

FLOW_TRIGGERS = {"title": "to_title", "dossier": "open_dossier", "arc": "open_arc",
                 "ending": "reach_ending"}


class TulayevApp(SizeGuard, AppBase[int]):
    """Obey or Betray. `launch.state`, when set, opens straight into that arc."""

    CSS_PATH = ["app.tcss", "screens/title.tcss"]
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal"), (130, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1,question_mark", "help", "Help", key_display="?"),
        Binding("o", "settings", "Settings", show=False),
        Binding("g", "map", "Map (author mode)", show=False),
    ]

    def __init__(self, launch: Launch | None, settings: Settings | None = None,
                 watcher: StoryWatcher | None = None, author: bool = False,
                 opener: Callable[[], Launch] | None = None,
                 saves_dir: str | None = None) -> None:
        """`launch` is the loaded story; or, with `launch=None`, `opener` loads it in a
        thread while the title screen is already up (so start-up shows the title at once)."""
        super().__init__()
        self.watcher = watcher
        self.author = author or watcher is not None
        self._errors: StoryErrorsDialog | None = None
        self._checking = False  # a story check runs in a worker thread
        self._first_check = False  # the check running is the one at start
        self._recheck = False
        self.opener = opener
        self.startup_problems: list[str] = []
        self._after_open: str | None = None
        self.state = PlayState()
        self.saves = launch.saves if launch is not None else SaveStore(saves_dir)
        self.title = OPENING_TITLE
        if launch is not None:
            self._use(launch)
        self.settings_notice: str | None = None
        if settings is None:
            settings, self.settings_notice = load_settings(self.saves.folder)
        self.settings = settings
        self.flow = GameFlow("title")
        self._pending_save: PlayState | None = None
        self._pending_lock = threading.Lock()  # held only to hand the pending save over
        self._write_lock = threading.Lock()  # held while a save is written
        self.save_failure: str | None = None  # why the last autosave failed, if it did
        self._apply_settings()

    def _use(self, launch: Launch) -> None:
        self.launch = launch
        self.story = launch.story
        self.engine = launch.engine
        self.saves = launch.saves
        self.title = self.story.title
        self.state = launch.state or self.state

    @property
    def opened(self) -> bool:
        return getattr(self, "launch", None) is not None

    def _open_in_background(self) -> None:
        """Worker thread: read and check the story while the title screen is up."""
        try:
            launch = self.opener()
        except Exception as error:  # the opener reports story problems as lines
            lines = getattr(error, "lines", None) or [str(error)]
            self.call_from_thread(self._failed_to_open, lines)
            return
        self.call_from_thread(self._finish_opening, launch)

    def _failed_to_open(self, lines: list[str]) -> None:
        self.startup_problems = lines
        self.exit(1, return_code=1)

    def _finish_opening(self, launch: Launch) -> None:
        self._use(launch)
        if self.watcher is not None and not self._checking:
            self._start_check(first=True)
        if len(self.screen_stack) <= 2:
            self._set_base(self._title_screen())
        if self._after_open is not None:
            action, self._after_open = self._after_open, None
            self._run_title_action(action)

    # The screens ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.guard_size()
        if self.settings_notice:
            self.notify(self.settings_notice, title="Settings", severity="warning", timeout=12)
        if self.watcher is not None:
            self.set_interval(0.5, self.check_story)
            self.notify("Author mode: saved story files reload at once; g shows the map.",
                        title="Watching the story", timeout=6)
            if self.opened:
                self._start_check(first=True)
        if self.opened:
            self.push_screen(self._screen_for_state() if self.launch.state
                             else self._title_screen())
            return
        from game.ui.screens.title import TitleScreen

        self.push_screen(TitleScreen(OPENING_TITLE, None, None, opening=True))
        # Start reading once the title is on the terminal: the reading holds the
        # interpreter for a moment, and the first frame should not wait for it.
        self.call_after_refresh(self.run_worker, self._open_in_background, thread=True,
                                exit_on_error=False)

    # Author mode ----------------------------------------------------------------------------

    def check_story(self) -> None:
        """Live reload: when a story file is saved, check the whole story in a worker thread
        (the state walk can take seconds); `_story_checked` takes the result."""
        if self.watcher is None or not self.opened or not self.watcher.poll():
            return
        if self._checking:
            self._recheck = True  # a later save: check again once this check is done
            return
        self._start_check()

    def _start_check(self, first: bool = False) -> None:
        """A daemon thread, not a Textual worker: ctrl+q must not wait for a long state
        walk to end (the executor's threads are joined at exit). The `first` check, at
        start, is the whole validation of the story as it was opened (opening it checks
        less: not the state walk)."""
        import threading

        self._checking = True
        self._first_check = first
        threading.Thread(target=self._check_in_background, name="story-check",
                         daemon=True).start()

    def _check_in_background(self) -> None:
        """Worker thread: load and validate; nothing shared is touched here."""
        try:
            check = self.watcher.check()
        except Exception as error:  # a bug in a check must not take the game down
            from game.engine.watch import Check
            from game.story.problems import Problem

            check = Check(None, [Problem(str(self.watcher.root), 1, 1,
                                         f"the check failed: {error}")])
        try:
            self.call_from_thread(self._story_checked, check)
        except RuntimeError:  # the app has closed meanwhile: nobody to tell
            return

    def _story_checked(self, check) -> None:
        """UI thread: reload the checked story and stay where the player is; while it has
        errors (a stranding is one), show them over the game with the counts."""
        self._checking = False
        first, self._first_check = self._first_check, False
        if self._recheck:
            self._recheck = False
            self._start_check()
            return
        if first and check.story is not None and not check.errors:
            self._tell_checked("Checked", "Story checked", check.warnings,
                               [str(p) for p in sorted(check.problems)], None)
            return
        result = self.watcher.apply(check, self.state)
        if not result.ok:
            if self._errors is not None and self._errors in self.screen_stack:
                self._errors.show(result.problems, result.errors, result.warnings,
                                  loads=check.story is not None)
            else:
                from game.ui.dialogs.story_errors import StoryErrorsDialog

                self._errors = StoryErrorsDialog(result.problems, result.errors,
                                                 result.warnings, loads=check.story is not None)
                self.push_screen(self._errors)
            return
        if self._errors is not None and self._errors in self.screen_stack:
            self._errors.dismiss(None)
        self._errors = None
        self.story = self.launch.story = result.story
        self.engine = self.launch.engine = result.engine
        self._tell_checked("Reloaded", "Story reloaded", result.warnings, result.problems,
                           result.note)
        if self.flow.state in ("arc", "ending") and self.state.arc is not None:
            self.call_later(self.show_state)
        elif self.flow.state == "dossier":
            self.call_later(self.go_dossier)

    def _tell_checked(self, done: str, title: str, warnings: int, problems: list[str],
                      note: str | None) -> None:
        """`Reloaded (0 errors, 2 warnings): note.` and the first warnings."""
        from game.engine.watch import counts

        message = f"{done} ({counts(0, warnings)})"
        if note:
            message += f": {note}"
        if warnings:
            shown = problems[:3]
            more = warnings - len(shown)
            message += ".\n" + "\n".join(shown) + (f"\n... and {more} more (tulayev validate)"
                                                   if more > 0 else "")
        else:
            message += "."
        self.notify(message, title=title, markup=False,
                    timeout=8 if note or warnings else 3)

    def action_map(self) -> None:
        from game.ui.screens.map import MapScreen

        if not self.author or self.state.arc is None or isinstance(self.screen, MapScreen):
            return
        self.push_screen(MapScreen(self.engine.arc_of(self.state), self.state))

    def on_map_screen_jump(self, message) -> None:
        """Author mode: jump to a scene with the meters as they are (like --scene --set)."""
        arc = self.engine.arc_of(self.state)
        keep = {k: v for k, v in self.state.values.items() if not k.startswith("case.")}
        self.engine.start_arc(self.state, arc.id, scene=message.scene, overrides=keep)
        self.call_later(self.show_state)

    def _title_screen(self) -> TitleScreen:
        from game.ui.screens.title import TitleScreen

        latest = self.saves.latest()
        label = None
        if latest is not None:
            label = (f"{self._place_name(latest.arc, latest.scene)}, "
                     f"{self.local_time(latest.saved_at)}")
        return TitleScreen(self.story.title, self.story.subtitle, label)

    def _screen_for_state(self) -> Screen:
        """The screen that shows `self.state`: the dossier, a scene or an ending."""
        state = self.state
        if state.arc is None:
            self._enter("dossier")
            return self._dossier_screen()
        if self.engine.is_over(state):
            self._enter("ending")
            self._autosave()
            from game.ui.screens.ending import EndingScreen

            return EndingScreen(self.story, self.engine.arc_of(state),
                                self.engine.scene_of(state), state)
        self._enter("arc")
        from game.ui.screens.scene import SceneScreen

        screen = SceneScreen(self.engine.arc_of(state), self.settings)
        screen.show(self.engine.scene_of(state), self.engine.options(state), state)
        self._autosave()
        return screen

    def _dossier_screen(self) -> DossierScreen:
        from game.ui.screens.dossier import DossierScreen

        over = self.state.arc is not None and self.engine.is_over(self.state)
        return DossierScreen(self.story, self.state, over)

    def _enter(self, where: str) -> None:
        """Move the flow to `where` (title, dossier, arc, ending), by way of an arc if needed."""
        if self.flow.state == where:
            return
        if where == "ending" and self.flow.state != "arc":
            self.flow.open_arc()
        getattr(self.flow, FLOW_TRIGGERS[where])()

    def _set_base(self, screen: Screen) -> None:
        """Close every overlay and put `screen` in place of the game screen under them.

        The stack is Textual's blank default screen, the game screen, then overlays.
        """
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    def show_state(self) -> None:
        self._set_base(self._screen_for_state())

    def go_title(self) -> None:
        self._enter("title")
        self._set_base(self._title_screen())

    def go_dossier(self) -> None:
        self._enter("dossier")
        self._set_base(self._dossier_screen())

    def open_arc(self, arc_id: str) -> None:
        self.engine.start_arc(self.state, arc_id)
        self.show_state()

    # Saving ---------------------------------------------------------------------------------

    def _autosave(self) -> None:
        """Autosave once the screen has been drawn, in a thread: writing and syncing the file
        takes longer than drawing a scene, and the game answers keys meanwhile. A quit
        before then still saves (`flush_autosave`)."""
        snapshot = PlayState.from_dict(self.state.to_dict())
        with self._pending_lock:
            self._pending_save = snapshot
        self.call_after_refresh(self._autosave_in_background)

    def _autosave_in_background(self) -> None:
        self.run_worker(self._write_autosave_in_thread, thread=True, group="autosave",
                        exit_on_error=False)

    def _write_autosave_in_thread(self) -> None:
        failure = self._write_pending_save()
        if failure is not None:
            try:
                self.call_from_thread(self._tell_autosave_failed, failure)
            except RuntimeError:  # the app has stopped: run_app prints save_failure
                pass

    def flush_autosave(self) -> None:
        """Write the pending autosave now, after any write under way (quit, crash)."""
        failure = self._write_pending_save()
        if failure is not None:
            self._tell_autosave_failed(failure)

    def _write_pending_save(self) -> str | None:
        """Write the latest pending autosave, if any; the reason it failed, if it did. Writes
        take turns, and each takes the newest state: an older one never lands last."""
        with self._write_lock:
            with self._pending_lock:
                pending, self._pending_save = self._pending_save, None
            if pending is None:
                return None
            try:
                self.saves.autosave(pending, self.story.title)
            except (SaveError, OSError) as error:
                self.save_failure = str(error)
                return self.save_failure
            self.save_failure = None
            return None

    def on_unmount(self) -> None:
        """The app is closing: an autosave still being written is finished first, and one
        still waiting is written."""
        self._write_pending_save()

    def _tell_autosave_failed(self, failure: str) -> None:
        self.notify(f"Autosave failed: {failure}. This place is not saved; "
                    f"{self.saves.kept()}.", severity="error", timeout=10)

    def _place_name(self, arc_id: str | None, scene_id: str | None) -> str:
        if not arc_id:
            return "the dossier"
        if not self.story.has_arc(arc_id):
            return f"{arc_id} (no longer in the story)"
        arc = self.story.arc(arc_id)
        scene = arc.scenes.get(scene_id) if scene_id else None
        if scene is None:
            return f"{arc.title} (scene {scene_id} is gone)"
        return f"{arc.title}: {scene.title or scene.id.replace('_', ' ')}"

    @staticmethod
    def local_time(saved_at: str | None) -> str:
        """An ISO time from a save as `2024-03-01 14:05` in local time."""
        if not saved_at:
            return "time unknown"
        from datetime import datetime

        try:
            moment = datetime.fromisoformat(saved_at)
        except ValueError:
            return saved_at
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")

    def load_slot(self, slot: str) -> None:
        """Load a save, asking first when it would replace a file being played."""
        state = self.state
        if state.arc is None or not state.history or self.engine.is_over(state):
            self._load_slot(slot)
            return
        from game.ui.dialogs.confirm import ConfirmDialog

        arc = self.engine.arc_of(state)
        steps = len(state.history)
        self.push_screen(ConfirmDialog(
            f"Load {slot!r} in place of the open file?",
            f"{arc.title} ({steps} choice{'s' if steps != 1 else ''} in) is replaced, and "
            "so is its autosave; named saves keep their games.",
            yes="Load", no="Cancel"), lambda yes: self._load_slot(slot) if yes else None)

    def _load_slot(self, slot: str) -> None:
        """Load a save; a save whose place is gone offers the start of its arc."""
        try:
            loaded = self.saves.read(slot)
        except SaveError as error:
            self.notify(str(error), title="Cannot load", severity="error", timeout=12)
            return
        problem = self.engine.check(loaded)
        if problem is None:
            self.state = loaded
            self.show_state()
            return
        if loaded.arc is None or not self.story.has_arc(loaded.arc):
            self.notify(f"This save cannot be loaded: {problem}.", title="Cannot load",
                        severity="error", timeout=12)
            return
        from game.ui.dialogs.confirm import ConfirmDialog

        arc = self.story.arc(loaded.arc)

        def restart(yes: bool | None) -> None:
            if yes:
                self.engine.start_arc(loaded, arc.id)
                self.state = loaded
                self.show_state()

        self.push_screen(ConfirmDialog(
            f"This save cannot be continued: {problem}.",
            f"Open {arc.title!r} from its start, keeping the case file?",
            yes=f"Start {arc.title}", no="Cancel"), restart)

    def save_slot(self, slot: str) -> None:
        try:
            self.saves.write(slot, self.state, self.story.title)
        except (SaveError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=12)
            return
        self.notify(f"Saved as {slot!r}.", title="Saved")

    # What the screens ask for (messages up) --------------------------------------------------

    def on_title_screen_chosen(self, message: TitleScreen.Chosen) -> None:
        if not self.opened and message.action not in ("quit", "help", "settings"):
            self._after_open = message.action  # taken as soon as the files are open
            return
        self._run_title_action(message.action, from_screen=message.title)

    def _run_title_action(self, name: str, from_screen: Screen | None = None) -> None:
        """Run a title menu entry, once the current messages are handled. A key pressed
        just after another entry (Enter after `c`) must not act on what replaced the title:
        an entry chosen on `from_screen` runs only while that screen is still in front."""
        action = {"new": self.action_new_game, "whole": self.action_whole_case,
                  "continue": self.action_continue,
                  "load": self.action_load, "settings": self.action_settings,
                  "help": self.action_help, "quit": self.action_quit}[name]

        def run():
            if from_screen is None or self.screen is from_screen:
                return action()

        self.call_later(run)

    def on_dossier_screen_opened(self, message: DossierScreen.Opened) -> None:
        arc_id = message.arc_id
        current = self.state.arc
        if current == arc_id and not self.engine.is_over(self.state):
            self.show_state()
            return
        from game.ui.dialogs.confirm import ConfirmDialog

        if not self.engine.can_open(self.state, arc_id):
            arc = self.story.arc(arc_id)
            self.notify(f"{arc.title}: {self.story.unlock_words(arc)}.", markup=False,
                        severity="warning")
            return
        if current is None or self.engine.is_over(self.state):
            closed = self.state.results.get(arc_id)
            if closed is None:
                self.open_arc(arc_id)
                return
            title = self.story.arc(arc_id).title
            self.push_screen(ConfirmDialog(
                f"Open {title!r} again, from its beginning?",
                f"It is closed ({closed.title}). Played again, what it wrote in the case file "
                "is written afresh, and its ending is the one you reach next (named saves "
                "keep this game).", yes="Open it again", no="Cancel"),
                lambda yes: self.open_arc(arc_id) if yes else None)
            return

        def leave(yes: bool | None) -> None:
            if yes:
                self.open_arc(arc_id)

        open_arc = self.engine.arc_of(self.state)
        self.push_screen(ConfirmDialog(
            f"{open_arc.title} is still under investigation.",
            f"Open {self.story.arc(arc_id).title!r} instead? What you did in "
            f"{open_arc.title!r} since the last ending will be lost (named saves keep it).",
            yes="Open the other file", no="Stay"), leave)

    def on_scene_screen_chosen(self, message: SceneScreen.Chosen) -> None:
        from game.ui.screens.scene import SceneScreen

        screen = message.control
        if not isinstance(screen, SceneScreen) or screen not in self.screen_stack:
            return
        # Keys pressed in a burst (a paste, a held key) can name a choice of the scene that
        # was on screen a moment ago: take only a choice of the scene the player is in.
        if not any(view.choice is message.choice and view.available
                   for view in self.engine.options(self.state)):
            return
        self.take_choice(screen, message.index, message.seconds)

    def take_choice(self, screen: SceneScreen, index: int, seconds: float | None,
                    votes: list[int] | None = None) -> None:
        """Take choice `index` on `screen` (with the class's `votes`, if it voted)."""
        from game.engine.machine import PlayError

        try:
            step = self.engine.choose(self.state, index, seconds=seconds, votes=votes)
        except PlayError as error:
            self.notify(str(error), severity="warning")
            return
        if self.engine.is_over(self.state):
            self.show_state()
            return
        screen.show(self.engine.scene_of(self.state), self.engine.options(self.state),
                    self.state, step)
        self._autosave()

    def on_settings_screen_changed(self, message: SettingsScreen.Changed) -> None:
        self._use_settings(message.settings)

    def change_settings(self, **changes) -> None:
        """Change some settings from a key (the Settings screen posts `Changed` instead)."""
        from dataclasses import replace

        self._use_settings(replace(self.settings, **changes))

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._apply_settings()
        try:
            save_settings(self.saves.folder, self.settings)
        except SettingsError as error:
            self.notify(str(error), severity="error", timeout=10)
        for screen in self.screen_stack:
            if hasattr(screen, "apply_settings"):
                screen.apply_settings(self.settings)

    def _apply_settings(self) -> None:
        theme = self.settings.theme
        if not self.is_running and self.get_theme(theme).dark == self.current_theme.dark:
            # Before the app runs, a dark theme replacing Textual's dark default needs only
            # its name and class: the stylesheet is then parsed once, with its colours.
            # Setting `theme` would parse every style a second time, just after start-up.
            self.set_reactive(TulayevApp.theme, theme)
            self.stylesheet.set_variables(self.get_css_variables())
            self.update_classes({name: False for name in self.classes
                                 if name.startswith("-theme-")} | {f"-theme-{theme}": True},
                                update=False)
        else:
            self.theme = theme
        self.set_class(self.settings.theme == "projector", "-projector")
        self.set_class(self.settings.theme == "high-contrast", "-high-contrast")

    # Actions (key bindings) ------------------------------------------------------------------

    def action_new_game(self, whole: bool = False) -> None:
        """A clean case file: the dossier (free order), or with `whole` the whole case's
        first file."""
        def start(yes: bool | None) -> None:
            if not yes:
                return
            if whole:
                from game.engine.wholecase import WHOLE

                self.state = PlayState(mode=WHOLE)
                self.action_next_file()
            else:
                self.state = PlayState()
                self.go_dossier()

        if self.saves.latest() is None:
            start(True)
            return
        from game.ui.dialogs.confirm import ConfirmDialog

        self.push_screen(ConfirmDialog(
            "Start a new game with a clean case file?",
            "The autosave is replaced when you open a file; named saves are kept.",
            yes="New game", no="Cancel"), start)

    def action_whole_case(self) -> None:
        self.action_new_game(whole=True)

    def action_next_file(self) -> None:
        """The whole case goes on: the open file if one is open, else the next file in the
        novel's order, else (every file closed) the summary. In free order: the dossier."""
        from game.engine.wholecase import is_whole, next_file

        state = self.state
        if not self.opened or not is_whole(state):
            self.go_dossier()
            return
        if state.arc is not None and not self.engine.is_over(state):
            self.show_state()
            return
        upcoming = next_file(self.story, state)
        if upcoming is None:
            from game.ui.screens.whole_case import WholeCaseScreen

            self._set_base(WholeCaseScreen(self.story, state))
            return
        if not self.engine.can_open(state, upcoming):
            arc = self.story.arc(upcoming)
            self.notify(f"{arc.title}: {self.story.unlock_words(arc)}.", markup=False,
                        severity="warning")
            self.go_dossier()
            return
        self.open_arc(upcoming)

    def action_case_board(self) -> None:
        from game.ui.screens.case_board import CaseBoardScreen

        if not self.opened or isinstance(self.screen, CaseBoardScreen):
            return
        over = self.state.arc is not None and self.engine.is_over(self.state)
        self.push_screen(CaseBoardScreen(self.story, self.state, over))

    def action_continue(self) -> None:
        latest = self.saves.latest()
        if latest is None:
            self.notify("There is no saved game yet.", severity="warning")
            return
        self._load_slot(latest.name)

    def action_dossier(self) -> None:
        self.go_dossier()

    def action_title(self) -> None:
        self.go_title()

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(game_bindings=TulayevApp.BINDINGS))

    def action_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings))

    def action_history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        if self.state.arc is None or isinstance(self.screen, HistoryScreen):
            return
        over = self.engine.is_over(self.state)
        self.push_screen(HistoryScreen(self.story, self.state,
                                       self.settings.meters_during_play or over))

    def action_save(self) -> None:
        if self.state.arc is None:
            self.notify("Nothing to save yet: open a file first.", severity="warning")
            return
        self._push_saves("save", self.save_slot)

    def action_load(self) -> None:
        self._push_saves("load", self.load_slot)

    def _push_saves(self, mode: str, then) -> None:
        from game.ui.screens.saves import SavesScreen

        if isinstance(self.screen, SavesScreen):
            return

        def done(slot: str | None) -> None:
            if slot:
                then(slot)

        rows = [(info, self._place_name(info.arc, info.scene), self.local_time(info.saved_at))
                for info in self.saves.slots()]
        self.push_screen(SavesScreen(mode, rows, self.saves), done)

    async def action_quit(self) -> None:
        if self.opened:
            self.flush_autosave()
        self.exit(0)

    def save_work(self) -> str | None:
        """The crash handler's first stage: the game as it stands, autosaved."""
        if not self.opened or self.state.arc is None:
            return None
        with self._pending_lock:
            self._pending_save = PlayState.from_dict(self.state.to_dict())
        self.flush_autosave()
        return str(self.saves.folder)


def run_app(launch: Launch | None, watch_dir=None, author: bool = False,
            opener: Callable[[], Launch] | None = None, saves_dir: str | None = None) -> int:
    """Play the game in the terminal; returns the exit status. With `watch_dir`, story files
    saved there are reloaded live (author mode). With `opener` instead of `launch`, the
    title screen shows while the story loads; problems found are printed after it closes."""
    watcher = None
    if watch_dir is not None:
        from game.engine.watch import StoryWatcher

        watcher = StoryWatcher(watch_dir)
    app = TulayevApp(launch, watcher=watcher, author=author, opener=opener,
                     saves_dir=saves_dir)
    app.run()
    for line in app.startup_problems:
        print(line, file=sys.stderr)
    if app.save_failure:
        print(f"Your place is NOT saved (the last autosave failed: {app.save_failure}); "
              f"{app.saves.kept()}.", file=sys.stderr)
    return app.return_code or 0
