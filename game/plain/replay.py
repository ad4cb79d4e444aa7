"""A replay as plain text: the frames of `game.classroom.replay`, printed in order."""

from __future__ import annotations

import time
from typing import TextIO

from game.classroom.replay import Frame, taken_words, votes_for
from game.narration.words import (
    ending_line,
    meter_change,
    meters_line,
    novel_sentence,
)
from game.plain.game import PlainText
from game.story.model import METERS
from game.story.safetext import safe_stream


class PlainReplay(PlainText):
    def __init__(self, frames: list[Frame], out: TextIO, delay: float = 0.0,
                 sleep=time.sleep):
        super().__init__(stdin=None, stdout=out)
        self.frames = frames
        self.out = out
        self.delay = delay
        self.sleep = sleep

    def run(self) -> int:
        for frame in self.frames:
            getattr(self, f"show_{frame.kind}")(frame)
            self.out.flush()
            if self.delay:
                self.sleep(self.delay)
        self.say("")
        self.say("End of the replay.")
        return 0

    def show_arc(self, frame: Frame) -> None:
        arc = frame.arc
        self.say("")
        self.say(f"FILE: {arc.accused.upper()}" + (f", {arc.rank}" if arc.rank else "")
                 + (f"  [{frame.team}]" if frame.team else ""))
        self.para(arc.dossier)
        for line in frame.dossier_lines:
            self.para(line)

    def show_scene(self, frame: Frame) -> None:
        self.say("")
        self.show_passage(frame.paragraphs)
        self.say(meters_line(frame.meters))
        if frame.is_ending:
            self.show_ending(frame)
            return
        shown = [o for o in frame.options if o.shown]
        for number, option in enumerate(shown, 1):
            votes = votes_for(frame, option)
            count = f"  [{votes} vote{'s' if votes != 1 else ''}]" if votes is not None else ""
            if option.available:
                self.say(f"{number}. {option.choice.text}{count}")
            else:
                self.say(f"{number}. [locked: {option.choice.locked}] {option.choice.text}")
        if frame.taken is None:
            self.say("(The log stops here.)")
            return
        self.say(taken_words(frame))
        step = frame.step
        if step.tag:
            who = ("The facilitator" if frame.vote is not None
                   and frame.vote.decided_by == "override" else "They")
            self.say(f"[{who} chose to {step.tag}.]")
        for name in METERS:
            if name in step.deltas:
                self.say(meter_change(name, *step.deltas[name]))

    def show_ending(self, frame: Frame) -> None:
        ending = frame.scene.ending
        self.say(ending_line(ending))
        self.say(novel_sentence(frame.arc, ending))
        for prompt in ending.prompts:
            self.para(f"- {prompt}")

    def show_undo(self, frame: Frame) -> None:
        self.say("")
        self.say(f"<< {frame.note}")

    def show_rewind(self, frame: Frame) -> None:
        self.say("")
        self.say(f"<< {frame.note}")

    def show_pause(self, frame: Frame) -> None:
        self.say("")
        self.say("-- PAUSED FOR DISCUSSION --")
        self.para(frame.note, "   ")

    def show_resume(self, frame: Frame) -> None:
        self.say(f"-- {frame.note} --")


def play_plain(frames: list[Frame], out: TextIO, delay: float = 0.0) -> int:
    return PlainReplay(frames, safe_stream(out), delay).run()
