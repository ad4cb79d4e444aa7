"""A hot-seat lesson in plain text: the projected screen is a terminal, the facilitator types.

At each choice the facilitator types the count of raised hands per option (`3 5 0`); the
majority's choice is taken and a tie is settled by the facilitator. Between votes the
facilitator can show or hide the notes (`n`) and meters (`m`), pause on a discussion prompt
(`p`, or `p your own question`), go back to an earlier choice for a what-if (`r`), or take
an option without a vote (`=2`).
"""

from __future__ import annotations

from typing import TextIO

from game.classroom.hotseat import ClassGame, TeamGame
from game.classroom.session import team_words
from game.classroom.votes import VoteError
from game.engine.machine import PlayError
from game.engine.state import Step
from game.narration.words import (
    ending_line,
    meter_change,
    meters_line,
    novel_sentence,
    tally,
)
from game.plain.game import WIDTH, PlainText, Quit
from game.story.model import METERS
from game.story.safetext import safe_stream

VOTE_HINT = "Type the votes: one count per option, for example 3 5 0."
HELP = (f"{VOTE_HINT} Or: n notes on/off, m meters on/off, p pause for discussion (p TEXT "
        "for your own question), u undo the last choice, r go back to an earlier choice for "
        "a what-if, =N take option N (the facilitator's choice), ? this help, q quit.")


class PlainClass(PlainText):
    def __init__(self, game: ClassGame, stdin: TextIO, stdout: TextIO):
        super().__init__(stdin, stdout)
        self.game = game

    def run(self) -> int:
        game = self.game
        session = game.session
        self.say(f"CLASS SESSION {session.name}: hot seat, {len(game.games)} team(s), "
                 f"{'one choice' if session.turns == 'choice' else 'a whole file'} per turn")
        for team_game in game.games:
            arc = game.story.arc(team_game.team.arc)
            self.say(f"  {team_game.team.name}: {arc.accused} ({arc.title})")
        self.say(HELP)
        try:
            game.begin_turn()
            announced: TeamGame | None = None
            while True:
                current = game.current
                if current is not announced:
                    self.announce(current)
                    announced = current
                if game.is_over():
                    self.show_ending(current)
                    answer = self.ask("Enter for the next team, u to undo the last choice, r to "
                                      "go back for a what-if: ")
                    if answer.lower().startswith("r") and self.rewind():
                        announced = None
                        continue
                    if answer.lower() == "u" and self.undo():
                        announced = None
                        continue
                    if game.next_turn() is None:
                        break
                    continue
                self.show_scene(current)
                step = self.vote()
                if step is None:
                    announced = None    # a rewind: show the scene again
                    continue
                self.aftermath(step)
                if game.is_over():
                    continue    # the ending is shown before the screen changes hands
                before = game.current
                game.next_turn()
                if game.current is before:
                    announced = before
        except Quit:
            self.say("")
            self.say("Stopped. The logs so far are kept.")
            return 0
        finally:
            game.close()
        self.say("")
        self.say(f"Every team has reached an ending. The debrief: tulayev debrief {session.name}")
        return 0

    def announce(self, team_game: TeamGame) -> None:
        arc = self.game.arc(team_game)
        self.say("")
        self.say("=" * WIDTH)
        name = team_game.team.name.upper()
        self.say(f"{name if name.startswith('TEAM') else 'TEAM ' + name}: {arc.title}")
        if not team_game.state.history:
            self.say(f"FILE: {arc.accused.upper()}" + (f", {arc.rank}" if arc.rank else ""))
            self.para(arc.dossier)
            for line in team_game.state.dossier_lines:
                self.para(line)

    def show_scene(self, team_game: TeamGame) -> None:
        game = self.game
        scene = game.scene(team_game)
        self.say("")
        self.show_passage(game.engine.passage(team_game.state))
        if game.show_notes and scene.notes:
            self.para(f"FACILITATOR NOTES: {scene.notes}", "  | ")
            self.say("")
        if game.show_meters:
            self.say(meters_line(team_game.state.meters))
        if scene.is_ending:
            return
        for number, option in enumerate([o for o in game.options(team_game) if o.shown], 1):
            if option.available:
                self.say(f"{number}. {option.choice.text}")
            else:
                self.say(f"{number}. [locked: {option.choice.locked}] {option.choice.text}")
        countdown = game.session.countdown
        if countdown:
            self.say(f"Discuss: {countdown} seconds, then the vote.")

    def vote(self) -> Step | None:
        """Read votes (or a facilitator command) until a choice is taken; None on a rewind."""
        game = self.game
        countdown = game.session.countdown
        while True:
            answer = self.ask("votes> ")
            command = answer.lower()
            if command in ("?", "h", "help"):
                self.say(HELP)
            elif command == "n":
                self.say(f"Facilitator notes {'on' if game.toggle_notes() else 'off'}.")
                self.show_scene(game.current)
            elif command == "m":
                self.say(f"Meters {'shown' if game.toggle_meters() else 'hidden'}.")
                self.show_scene(game.current)
            elif command == "p" or command.startswith("p "):
                self.pause(answer[1:].strip())
                self.show_scene(game.current)
            elif command == "r":
                if self.rewind():
                    return None
            elif command == "u":
                if self.undo():
                    return None
            elif command.startswith("="):
                try:
                    index = game.tally().index_of(int(command[1:]))
                except (ValueError, VoteError) as error:
                    self.say(str(error) if isinstance(error, VoteError)
                             else "Write =N, with N an option's number.")
                    continue
                step = game.take(index=index)
                self.say(f"Option {command[1:]} is taken: the facilitator's choice, without a "
                         "vote.")
                return step
            else:
                tally = game.tally()
                try:
                    tally.parse(answer)
                    if tally.tied:
                        decision = tally.decide(self.settle(tally))
                    else:
                        decision = tally.decide()
                except VoteError as error:
                    self.say(VOTE_HINT if not answer.strip() else
                             f"{str(error).capitalize()}. {VOTE_HINT}")
                    continue
                timed_out = bool(countdown) and game.seconds_on_scene() > countdown
                number = tally.number_of(decision.index)
                self.say(f"Option {number} is taken: {decision.votes[decision.index]} of "
                         f"{decision.total} vote(s)"
                         + (", settled by the facilitator." if decision.decided_by ==
                            "facilitator" else "."))
                return game.take(decision, countdown=countdown, timed_out=timed_out)

    def settle(self, tally) -> int:
        numbers = [tally.number_of(i) for i in tally.leaders]
        listed = ", ".join(str(n) for n in numbers)
        while True:
            answer = self.ask(f"A tie between options {listed}: the facilitator decides. "
                              "Which? ")
            if answer.isdigit() and int(answer) in numbers:
                return tally.index_of(int(answer))
            self.say(f"Type one of {listed}.")

    def pause(self, prompt: str) -> None:
        shown = self.game.pause(prompt)
        self.say("")
        self.say("-" * WIDTH)
        self.say("PAUSED FOR DISCUSSION")
        self.say("")
        self.para(shown, "    ")
        self.say("-" * WIDTH)
        try:
            self.ask("Enter to go on: ")
        finally:
            self.game.resume()

    def undo(self) -> bool:
        game = self.game
        history = game.current.state.history
        if not history:
            self.say("No choice has been taken yet in this file.")
            return False
        text = history[-1].text
        game.undo()
        self.say(f"Undone, to be chosen again: “{text}”")
        return True

    def rewind(self) -> bool:
        game = self.game
        history = game.current.state.history
        if not history:
            self.say("No choice has been taken yet in this file.")
            return False
        self.say("Go back to just before which choice? (the what-if is kept as a branch)")
        for number, step in enumerate(history, 1):
            self.say(f"  {number}. {step.text}")
        answer = self.ask("back to choice (Enter to cancel): ")
        if not answer:
            return False
        if not answer.isdigit() or not 1 <= int(answer) <= len(history):
            self.say(f"Type a number from 1 to {len(history)}.")
            return False
        try:
            game.rewind(int(answer) - 1)
        except PlayError as error:
            self.say(str(error))
            return False
        self.say(f"Back to choice {answer}: what if?")
        return True

    def aftermath(self, step: Step) -> None:
        if step.tag:
            who = "They" if step.votes else "The facilitator"
            self.say(f"[{who} chose to {step.tag}.]")
        if self.game.show_meters:
            for name in METERS:
                if name in step.deltas:
                    self.say(meter_change(name, *step.deltas[name]))

    def show_ending(self, team_game: TeamGame) -> None:
        game = self.game
        scene = game.scene(team_game)
        arc = game.arc(team_game)
        self.show_scene(team_game)
        ending = scene.ending
        self.say(ending_line(ending, f"for {team_words(team_game.team.name, False)}"))
        self.say(novel_sentence(arc, ending))
        counts = team_game.state.tag_counts()
        self.say(tally("They", counts["obey"], counts["betray"]))
        for prompt in ending.prompts:
            self.para(f"- {prompt}")


def run_plain_class(game: ClassGame, stdin: TextIO, stdout: TextIO) -> int:
    return PlainClass(game, stdin, safe_stream(stdout)).run()
