"""Class votes: counts per option shown, the majority, ties settled by the facilitator."""

from __future__ import annotations

import pytest

from game.classroom.votes import Tally, VoteError
from game.engine.machine import Engine
from game.engine.state import PlayState


@pytest.fixture
def ledger(story):
    """The clerk's first scene: 1 open, 2 locked, 3 open, and a fourth hidden choice."""
    engine = Engine(story)
    state = PlayState()
    engine.start_arc(state, "clerk")
    return Tally(engine.options(state))


def test_counts_per_option_shown_land_on_the_engines_choices(ledger):
    assert len(ledger.shown) == 3 and len(ledger.options) == 4
    ledger.parse("5, 0 2")
    assert ledger.counts == [5, 0, 2, 0]
    decision = ledger.decide()
    assert (decision.index, decision.decided_by, decision.total) == (0, "majority", 7)
    assert decision.votes == (5, 0, 2, 0)


def test_raised_hands_one_key_at_a_time(ledger):
    for number in (3, 3, 1, 3):
        ledger.add(number)
    ledger.add(3, -1)
    assert ledger.counts == [1, 0, 2, 0]
    assert ledger.decide().index == 2
    ledger.add(1, -5)
    assert ledger.counts[0] == 0


def test_everyone_for_one_option_is_unanimous(ledger):
    ledger.set(3, 9)
    assert ledger.decide().decided_by == "unanimous"


def test_a_tie_goes_to_the_facilitator(ledger):
    ledger.parse("4 0 4")
    assert ledger.tied and ledger.leaders == [0, 2]
    with pytest.raises(VoteError, match="tie"):
        ledger.decide()
    with pytest.raises(VoteError, match="between options 1, 3"):
        ledger.decide(1)
    decision = ledger.decide(2)
    assert (decision.index, decision.decided_by, decision.leaders) == (2, "facilitator", (0, 2))


def test_no_votes_at_all_is_a_tie_of_the_open_options(ledger):
    assert ledger.leaders == [0, 2]


@pytest.mark.parametrize("text, message", [
    ("5 1", "give 3 count"),
    ("5 1 0 0", "give 3 count"),
    ("five", "one whole number per option"),
    ("-1 0 0", "one whole number per option"),
    ("", "one whole number per option"),
    ("0 3 0", "option 2 is locked"),
    ("0 0 99999", "0 to 10000"),
])
def test_bad_votes_are_refused_in_one_line(ledger, text, message):
    with pytest.raises(VoteError, match=message):
        ledger.parse(text)
    assert ledger.counts == [0, 0, 0, 0]


def test_no_option_five_and_no_vote_for_a_locked_one(ledger):
    with pytest.raises(VoteError, match="no option 5"):
        ledger.add(5)
    with pytest.raises(VoteError, match="locked"):
        ledger.add(2)
    assert ledger.number_of(2) == 3
    with pytest.raises(VoteError, match="not shown"):
        ledger.number_of(3)
