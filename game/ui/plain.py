"""The plain accessible mode: the story as linear text, choices read from standard input.

For screen readers, for terminals where a full-screen UI does not work, and for scripts.
Every scene is autosaved, as in the full game.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from game.engine.launch import Launch
from game.engine.machine import PlayError
from game.engine.saves import SaveError
from game.engine.state import PlayState
from game.story.model import METERS
from game.ui.words import kind_name, meter_change

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

    def ask(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise Quit
        answer = line.strip()
        if answer.lower() in ("q", "quit"):
            raise Quit
        return answer


class PlainGame(PlainText):
    def __init__(self, launch: Launch, stdin: TextIO, stdout: TextIO):
        super().__init__(stdin, stdout)
        self.launch = launch
        self.story = launch.story
        self.engine = launch.engine

    def autosave(self, state: PlayState) -> None:
        try:
            self.launch.saves.autosave(state, self.story.title)
        except (SaveError, OSError) as error:
            self.say(f"(autosave failed: {error})")

    def run(self) -> int:
        self.say(self.story.title)
        if self.story.subtitle:
            self.say(self.story.subtitle)
        self.say("Type a number and press Enter. Type q to quit; your place is saved.")
        state = self.launch.state
        try:
            if state is not None:
                self.play_arc(state)
            else:
                state = PlayState()
            while True:
                arc_id = self.pick_arc(state)
                if arc_id is None:
                    continue
                self.engine.start_arc(state, arc_id)
                self.play_arc(state)
        except Quit:
            self.say("")
            self.say("Saved. Goodbye.")
            return 0

    def pick_arc(self, state: PlayState) -> str | None:
        self.say("")
        self.say("THE DOSSIER")
        arcs = self.story.arcs
        for number, arc in enumerate(arcs, 1):
            result = state.results.get(arc.id)
            status = (f"closed: {result.title} ({kind_name(result.kind)})" if result
                      else "not opened")
            self.say(f"{number}. {arc.accused}: {arc.title} [{status}]")
        latest = self.launch.saves.latest()
        if latest is not None:
            self.say("c. Continue from the last save")
        answer = self.ask("Open which file? ")
        if answer.lower() == "c" and latest is not None:
            try:
                loaded = self.launch.saves.read(latest.name)
            except SaveError as error:
                self.say(str(error))
                return None
            problem = self.engine.check(loaded)
            if problem:
                self.say(f"Cannot continue: {problem}.")
                if loaded.arc and self.story.has_arc(loaded.arc):
                    answer = self.ask("Type r to restart that arc from its beginning, "
                                      "or Enter to go back: ")
                    if answer.lower() == "r":
                        state.case, state.results = loaded.case, loaded.results
                        return loaded.arc
                return None
            for name in PlayState.__dataclass_fields__:
                setattr(state, name, getattr(loaded, name))
            if state.arc is not None and not self.engine.is_over(state):
                self.play_arc(state, resumed=True)
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(arcs):
            return arcs[int(answer) - 1].id
        self.say(f"Type a number from 1 to {len(arcs)}.")
        return None

    def show_scene(self, state: PlayState) -> None:
        scene = self.engine.scene_of(state)
        self.say("")
        if scene.title:
            self.say(f"== {scene.title} ==")
        for paragraph in self.engine.passage(state):
            if paragraph.speaker:
                self.para(f"{paragraph.speaker}: {paragraph.text}", "    ")
            else:
                self.para(paragraph.text)
            self.say("")
        meters = state.meters
        self.say("Loyalty {loyalty}, fear {fear}, suspicion {suspicion}.".format(**meters))

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
                if option.available:
                    self.say(f"{number}. {option.choice.text}")
                else:
                    self.say(f"{number}. [locked: {option.choice.locked}] {option.choice.text}")
            while True:
                answer = self.ask("> ")
                if answer.isdigit() and 1 <= int(answer) <= len(shown):
                    option = shown[int(answer) - 1]
                    if option.available:
                        break
                    self.say(f"That choice is locked: {option.choice.locked}")
                else:
                    self.say(f"Type a number from 1 to {len(shown)}, or q to quit.")
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

    def show_ending(self, state: PlayState) -> None:
        scene = self.engine.scene_of(state)
        arc = self.engine.arc_of(state)
        ending = scene.ending
        self.say(f"THE END: {ending.title} ({kind_name(ending.kind)})")
        novel = arc.historical_endings
        if ending.historical:
            self.say("This is how the novel ends it.")
        elif novel:
            self.say(f"In the novel: {novel[0].ending.title} ({kind_name(novel[0].ending.kind)}).")
        counts = state.tag_counts()
        self.say(f"You obeyed {counts['obey']} time(s) and betrayed {counts['betray']} time(s).")
        trail = state.meter_trail()
        for meter in METERS:
            self.say(f"{meter.capitalize()}: " + " ".join(str(m[meter]) for m in trail))
        for prompt in ending.prompts:
            self.para(f"- {prompt}")


def play_plain(launch: Launch, stdin: TextIO, stdout: TextIO) -> int:
    return PlainGame(launch, stdin, stdout).run()
