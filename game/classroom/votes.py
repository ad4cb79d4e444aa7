"""Class votes: counts per option, the majority, and ties that the facilitator settles.

Votes are kept per choice of the scene, in the engine's order (hidden and locked choices get
0), so `votes[i]` is the count for engine choice `i` and can be recorded with the choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.machine import ChoiceView

MAX_VOTES = 10_000


def counts_words(counts: list[int]) -> str:
    """`3–0–1`: the counts in the order the options were shown."""
    return "–".join(str(c) for c in counts)


def override_words(number: int, counts: list[int], leaders: list[int]) -> str:
    """What the facilitator did, for a transcript or a debrief: `the facilitator chose 2
    against a 3-0 vote`; `numbers` are shown numbers, `counts` in shown order."""
    if not any(counts):
        return f"the facilitator chose {number} without a vote"
    if number in leaders:
        return f"the facilitator chose {number}, as the {counts_words(counts)} vote had it"
    return f"the facilitator chose {number} against a {counts_words(counts)} vote"


class VoteError(ValueError):
    """Votes that cannot be counted; the message is one line for the facilitator."""


@dataclass(frozen=True, slots=True)
class Decision:
    index: int                 # the engine's index of the choice taken
    votes: tuple[int, ...]     # per engine choice
    leaders: tuple[int, ...]   # engine indices with the most votes
    decided_by: str            # "unanimous", "majority" or "facilitator"

    @property
    def total(self) -> int:
        return sum(self.votes)


class Tally:
    """Votes for the choices of one scene. `options` are the engine's views of its choices."""

    def __init__(self, options: list[ChoiceView]):
        self.options = options
        self.counts = [0] * len(options)

    @property
    def shown(self) -> list[ChoiceView]:
        return [o for o in self.options if o.shown]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def index_of(self, number: int) -> int:
        """The engine index of shown option `number` (1-based, as on screen)."""
        shown = self.shown
        if not 1 <= number <= len(shown):
            raise VoteError(f"there is no option {number} (options 1 to {len(shown)})")
        option = shown[number - 1]
        if not option.available:
            raise VoteError(f"option {number} is locked ({option.choice.locked}); "
                            "nobody can vote for it")
        return option.choice.index

    def add(self, number: int, amount: int = 1) -> None:
        """A raised hand (or `amount` of them) for shown option `number`; negative removes."""
        index = self.index_of(number)
        self.counts[index] = max(0, min(MAX_VOTES, self.counts[index] + amount))

    def set(self, number: int, count: int) -> None:
        if not 0 <= count <= MAX_VOTES:
            raise VoteError(f"a vote count must be 0 to {MAX_VOTES}, not {count}")
        index = self.index_of(number)
        self.counts[index] = count

    def set_all(self, counts: list[int]) -> None:
        """Counts for every shown option in screen order; locked ones must be 0."""
        shown = self.shown
        if len(counts) != len(shown):
            raise VoteError(f"give {len(shown)} count(s), one per option shown, "
                            f"not {len(counts)}")
        fresh = [0] * len(self.options)
        for number, (option, count) in enumerate(zip(shown, counts, strict=True), 1):
            if not 0 <= count <= MAX_VOTES:
                raise VoteError(f"a vote count must be 0 to {MAX_VOTES}, not {count}")
            if count and not option.available:
                raise VoteError(f"option {number} is locked; nobody can vote for it")
            fresh[option.choice.index] = count
        self.counts = fresh

    def parse(self, text: str) -> None:
        """`3 5 0` (a count per option shown) into the tally."""
        parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
        if not parts or not all(p.isdigit() for p in parts):
            raise VoteError("type one whole number per option, e.g. 3 5 0")
        self.set_all([int(p) for p in parts])

    @property
    def leaders(self) -> list[int]:
        open_ = [o.choice.index for o in self.options if o.available]
        if not open_:
            return []
        best = max(self.counts[i] for i in open_)
        return [i for i in open_ if self.counts[i] == best]

    @property
    def tied(self) -> bool:
        return len(self.leaders) > 1

    def decide(self, facilitator_pick: int | None = None) -> Decision:
        """The majority's choice; on a tie, the facilitator's pick (an engine index among the
        leaders) is required."""
        leaders = self.leaders
        if not leaders:
            raise VoteError("no option is open")
        if len(leaders) == 1:
            votes_for = self.counts[leaders[0]]
            kind = "unanimous" if votes_for and votes_for == self.total else "majority"
            return Decision(leaders[0], tuple(self.counts), tuple(leaders), kind)
        if facilitator_pick is None:
            raise VoteError("a tie: the facilitator decides")
        if facilitator_pick not in leaders:
            numbers = ", ".join(str(self.number_of(i)) for i in leaders)
            raise VoteError(f"the tie is between options {numbers}")
        return Decision(facilitator_pick, tuple(self.counts), tuple(leaders), "facilitator")

    def number_of(self, index: int) -> int:
        """The number shown on screen beside engine choice `index`."""
        for number, option in enumerate(self.shown, 1):
            if option.choice.index == index:
                return number
        raise VoteError(f"choice {index + 1} is not shown")
