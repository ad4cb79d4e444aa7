"""The plain accessible mode: the story as linear text, choices read from standard input.

For screen readers, for terminals where a full-screen UI does not work, and for scripts.
Every scene is autosaved, as in the full game.
"""

from __future__ import annotations

import textwrap
from dataclasses import fields
from typing import TextIO

from game.engine.launch import Launch
from game.engine.machine import PlayError
from game.engine.saves import SaveError
from game.engine.state import PlayState
from game.engine.wholecase import WHOLE, is_whole, next_file, progress_words
from game.narration.casefile import case_links
from game.narration.summary import summary_lines
from game.narration.words import (
    ending_line,
    kind_name,
    meter_change,
    meters_line,
    novel_sentence,
    tally,
)
from game.story.model import METERS
from game.story.safetext import safe_stream

WIDTH = 78


class Quit(Exception):
    """The reader typed q, or standard input ended."""


class PlainText:
    """Line-by-line text out and answers in, shared by the plain front ends."""

    def __init__(self, stdin: TextIO, stdout: TextIO):
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        self.say(textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent))

    def show_passage(self, paragraphs) -> None:
        """Scene titles as `== title ==`, speech indented under its speaker's name."""
        for paragraph in paragraphs:
            if paragraph.heading:
                self.say(f"== {paragraph.text} ==")
            elif paragraph.speaker:
                self.para(f"{paragraph.speaker}: {paragraph.text}", "    ")
            else:
                self.para(paragraph.text)
            self.say("")

    def ask(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise Quit
        answer = line.strip()
        if not _is_terminal(self.stdin):
            self.say(answer)  # a script's answers are not echoed by a terminal: show them
        if answer.lower() in ("q", "quit"):
            raise Quit
        return answer

    def confirm(self, prompt: str) -> bool:
        """A yes-or-no question, asked again until the answer is one (q still quits)."""
        while True:
            answer = self.ask(prompt).lower()
            if answer in ("y", "yes", "n", "no"):
                return answer in ("y", "yes")
            self.say("Type y or n (or q to quit).")


class PlainGame(PlainText):
    def __init__(self, launch: Launch, stdin: TextIO, stdout: TextIO):
        super().__init__(stdin, stdout)
        self.launch = launch
        self.story = launch.story
        self.engine = launch.engine
        self.save_failure: str | None = None  # why the last autosave failed, if it did

    def autosave(self, state: PlayState) -> None:
        try:
            self.launch.saves.autosave(state, self.story.title)
        except (SaveError, OSError) as error:
            self.save_failure = str(error)
            self.say(f"(autosave failed: {error})")
        else:
            self.save_failure = None

    def farewell(self, interrupted: bool = False) -> str:
        """The last words: that the place is saved only when the last autosave was written;
        else why not, and what is kept instead (and where)."""
        if self.save_failure is None:
            return ("Interrupted. Your place is saved at the last scene you reached."
                    if interrupted else "Saved. Goodbye.")
        return (f"{'Interrupted. ' if interrupted else ''}Your place is NOT saved (the last "
                f"autosave failed: {self.save_failure}); {self.launch.saves.kept()}.")

    def run(self) -> int:
        self.say(self.story.title)
        if self.story.subtitle:
            self.say(self.story.subtitle)
        self.say("Type a number and press Enter; h shows what you have done in the open file. "
                 "Type q to quit; your place is saved.")
        state = self.launch.state
        try:
            if state is not None:
                self.play_arc(state)
            else:
                state = self.last_game()
            while True:
                if self.whole_case_goes_on(state):
                    continue
                arc_id = self.pick_arc(state)
                if arc_id is None:
                    continue
                self.engine.start_arc(state, arc_id)
                self.play_arc(state)
        except Quit:
            self.say("")
            self.say(self.farewell())
            return 0

    def last_game(self) -> PlayState:
        """The game of the latest save, so that the dossier and the case file are the ones
        the player left (and opening a file never silently starts a new game over them)."""
        latest = self.launch.saves.latest()
        if latest is None:
            return PlayState()
        try:
            loaded = self.launch.saves.read(latest.name)
        except SaveError as error:
            self.say(str(error))
            return PlayState()
        problem = self.engine.check(loaded)
        if problem:
            self.say(f"Your last game cannot go on where it stopped: {problem}.")
            state = PlayState(case=loaded.case, results=loaded.results)
            if loaded.arc and self.story.has_arc(loaded.arc):
                title = self.story.arc(loaded.arc).title
                answer = self.ask(f"Type r to restart the file {title} from its beginning, "
                                  "or Enter for the dossier: ")
                if answer.lower() == "r":
                    self.engine.start_arc(state, loaded.arc)
                    self.play_arc(state)
            return state
        closed = len(loaded.results)
        self.say(f"Your last game is loaded ({closed} file{'s' if closed != 1 else ''} "
                 "closed).")
        return loaded

    def whole_case_goes_on(self, state: PlayState) -> bool:
        """In the whole case with no file open: open the next file in the novel's order and
        play it (then the summary, once it was the last). False when there is none to open."""
        if not is_whole(state) or self.open_arc_id(state) is not None:
            return False
        upcoming = next_file(self.story, state)
        if upcoming is None or not self.engine.can_open(state, upcoming):
            return False
        self.say("")
        self.say(progress_words(self.story, state) + ".")
        self.engine.start_arc(state, upcoming)
        self.play_arc(state)
        if next_file(self.story, state) is None:
            self.say("")
            for line in summary_lines(self.story, state):
                if line:
                    self.para(line)
                else:
                    self.say("")
        return True

    def start_whole_case(self, state: PlayState) -> None:
        """A clean case file in the whole case's mode (asking first if a game is under way)."""
        if state.results or state.arc is not None:
            if not self.confirm("Start the whole case with a clean case file? Your last game's "
                            "autosave is replaced. (y/n) "):
                return
        fresh = PlayState(mode=WHOLE)
        for item in fields(PlayState):
            setattr(state, item.name, getattr(fresh, item.name))

    def open_arc_id(self, state: PlayState) -> str | None:
        """The arc whose file is open and not yet over, if any."""
        if state.arc is not None and not self.engine.is_over(state):
            return state.arc
        return None

    def pick_arc(self, state: PlayState) -> str | None:
        self.say("")
        self.say("THE DOSSIER")
        arcs = self.story.arcs
        current = self.open_arc_id(state)
        for number, arc in enumerate(arcs, 1):
            result = state.results.get(arc.id)
            status = (f"closed: {result.title} ({kind_name(result.kind)})" if result
                      else "under investigation" if arc.id == current
                      else "not opened" if self.engine.can_open(state, arc.id)
                      else self.story.unlock_words(arc))
            self.say(f"{number}. {arc.accused}: {arc.title} [{status}]")
        links = case_links(self.story, state)
        if links:
            self.say("The case file:")
            for link in links:
                who = (f"{link.by} names {link.names}" if link.by and link.names
                       else link.by or "")
                self.para(f"- {who + ': ' if who else ''}{link.text}", "  ")
        if is_whole(state):
            self.say(progress_words(self.story, state) + ".")
        self.say("w. The whole case: every file in the novel's order, from a clean case "
                     "file")
        if current is not None:
            self.say(f"c. Continue the open file, {self.story.arc(current).title}, where you "
                     "left it")
        answer = self.ask("Open which file? ")
        if answer.lower() == "w":
            self.start_whole_case(state)
            return None
        if answer.lower() == "c" and current is not None:
            self.play_arc(state, resumed=True)
            return None
        if not (answer.isdigit() and 1 <= int(answer) <= len(arcs)):
            more = ", c to continue" if current is not None else ""
            self.say(f"Type a number from 1 to {len(arcs)}{more}, or q to quit.")
            return None
        arc_id = arcs[int(answer) - 1].id
        if not self.engine.can_open(state, arc_id):
            arc = self.story.arc(arc_id)
            self.say(f"{arc.title}: {self.story.unlock_words(arc)}.")
            return None
        if arc_id == current:
            self.play_arc(state, resumed=True)
            return None
        if current is not None:
            title = self.story.arc(current).title
            if not self.confirm(f"The file {title} is still open. Close it unfinished and open "
                            f"{self.story.arc(arc_id).title}? (y/n) "):
                return None
        elif arc_id in state.results:
            if not self.confirm(f"{self.story.arc(arc_id).title} is closed. Open it again from its "
                            "beginning, writing its case file afresh? (y/n) "):
                return None
        return arc_id

    def show_scene(self, state: PlayState) -> None:
        self.say("")
        self.show_passage(self.engine.passage(state))
        self.say(meters_line(state.meters))

    def play_arc(self, state: PlayState, resumed: bool = False) -> None:
        arc = self.engine.arc_of(state)
        if not resumed:
            self.say("")
            self.say(f"FILE: {arc.accused.upper()}" + (f", {arc.rank}" if arc.rank else ""))
            self.para(arc.dossier)
            for line in state.dossier_lines:
                self.para(line)
        while True:
            self.autosave(state)
            self.show_scene(state)
            if self.engine.is_over(state):
                self.show_ending(state)
                return
            options = self.engine.options(state)
            shown = [o for o in options if o.shown]
            for number, option in enumerate(shown, 1):
                text = option.choice.text if option.available else \
                    f"[locked: {option.choice.locked}] {option.choice.text}" + (
                        f" ({option.needs})" if option.needs else "")
                self.say(textwrap.fill(text, WIDTH, initial_indent=f"{number}. ",
                                       subsequent_indent="   "))
            while True:
                answer = self.ask("> ")
                if answer.isdigit() and 1 <= int(answer) <= len(shown):
                    option = shown[int(answer) - 1]
                    if option.available:
                        break
                    self.say(f"That choice is locked: {option.choice.locked}"
                             + (f" ({option.needs})" if option.needs else ""))
                elif answer.lower() in ("h", "history"):
                    self.show_history(state)
                else:
                    self.say(f"Type a number from 1 to {len(shown)}, h for what you have done "
                             "in this file, or q to quit.")
            try:
                step = self.engine.choose(state, option.choice.index)
            except PlayError as error:
                self.say(str(error))
                continue
            if step.tag:
                self.say(f"[You chose to {step.tag}.]")
            for name, (before, after) in step.deltas.items():
                if name in METERS:
                    self.say(meter_change(name, before, after))

    def show_history(self, state: PlayState) -> None:
        """Every choice taken in the open file, with what it did to the meters."""
        arc = self.engine.arc_of(state)
        if not state.history:
            self.say("Nothing chosen yet in this file.")
            return
        self.say(f"In {arc.title}:")
        for number, step in enumerate(state.history, 1):
            scene = arc.scenes.get(step.scene)
            where = (scene.title if scene is not None and scene.title
                     else step.scene.replace("_", " "))
            words = [f"{number}. {where}: “{step.text}”"]
            if step.tag:
                words.append(f"You chose to {step.tag}.")
            words += [meter_change(name, before, after)
                      for name, (before, after) in step.deltas.items() if name in METERS]
            self.say(textwrap.fill(" ".join(words), WIDTH, subsequent_indent="   "))

    def show_ending(self, state: PlayState) -> None:
        scene = self.engine.scene_of(state)
        arc = self.engine.arc_of(state)
        ending = scene.ending
        self.say(ending_line(ending))
        self.say(novel_sentence(arc, ending))
        counts = state.tag_counts()
        self.say(tally("You", counts["obey"], counts["betray"]))
        trail = state.meter_trail()
        self.say("The meters, from the opening of the file to its end:")
        for meter in METERS:
            self.say(f"  {meter.capitalize()}: " + " → ".join(str(m[meter]) for m in trail))
        for prompt in ending.prompts:
            self.para(f"- {prompt}")


def _is_terminal(stream) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def play_plain(launch: Launch, stdin: TextIO, stdout: TextIO) -> int:
    stdout = safe_stream(stdout)
    game = PlainGame(launch, stdin, stdout)
    try:
        return game.run()
    except KeyboardInterrupt:
        stdout.write(f"\n{game.farewell(interrupted=True)}\n")
        return 130
