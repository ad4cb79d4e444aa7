"""The hot seat's plain mode: its hints, its endings, undo and the facilitator's choice."""

from __future__ import annotations

import io

from game.classroom.hotseat import ClassGame
from game.plain.classroom import run_plain_class


def run_plain(session, story, typed: list[str]) -> str:
    out = io.StringIO()
    game = ClassGame(session, story)
    run_plain_class(game, io.StringIO("\n".join(typed) + "\n"), out)
    return out.getvalue()


def test_enter_with_no_counts_says_plainly_what_to_type(make_session, story):
    session = make_session(teams=(("Red", "clerk"),))
    out = run_plain(session, story, ["", "q"])
    assert "Type the votes: one count per option, for example 3 5 0." in out
    assert "(e.)" not in out and "(Type the votes" not in out


def test_the_ending_asks_for_no_discussion_before_a_vote(make_session, story):
    session = make_session(teams=(("Red", "clerk"),), countdown=20)
    out = run_plain(session, story, ["5 0 2", "2 7", "q"])
    before_end, _, after = out.partition("THE END for team Red")
    assert after, out
    ending_screen = before_end.rsplit("Taken away", 1)[0].rsplit("votes>", 1)[-1]
    assert "Discuss: 20 seconds" not in ending_screen + after


def test_plain_undo_and_the_facilitators_choice(make_session, story):
    session = make_session(teams=(("Red", "clerk"),))
    out = run_plain(session, story, ["0 0 4", "u", "=1", "q"])
    assert "Undone, to be chosen again: “Say nothing and wait.”" in out
    assert "Option 1 is taken: the facilitator's choice, without a vote." in out
    assert "[The facilitator chose to obey.]" in out
    text = session.log_paths()[0].read_text()
    assert '"event":"undone"' in text and '"decided_by":"override"' in text
