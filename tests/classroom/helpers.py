"""Helpers for the classroom tests: votes taken through a ClassGame."""

from __future__ import annotations

from game.classroom.hotseat import ClassGame


def vote(game: ClassGame, counts: list[int], pick: int | None = None, **options):
    """The class votes `counts` (one per option shown); `pick` (a shown number) on a tie."""
    tally = game.tally()
    tally.set_all(counts)
    decision = tally.decide(tally.index_of(pick) if pick is not None else None)
    return game.take(decision, **options)


class Clock:
    """A clock the test moves by hand: every choice takes a known time."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def play_lesson(session, story):
    """A whole hot-seat lesson on the fixture story, turn by turn (one choice each):

    Red (clerk): ledger 5-0-2 -> 1 (obey); corridor 2-7 -> 2 (betray) -> Taken away.
    Blue (typist): 3-3, a tie the facilitator settles for 2 (betray) -> Clean hands.
    Green (clerk): ledger 1-0-6 -> 3; corridor 6-1 -> 1 (obey) -> Home for supper; then a
    what-if back to choice 2: 0-8 -> 2 -> Taken away.
    Red's first scene is paused for discussion, the notes turned on and the meters off.
    """
    clock = Clock()
    game = ClassGame(session, story, clock=clock)
    game.begin_turn()
    assert game.current.team.name == "Red"
    game.toggle_notes()
    game.pause("Who is the ledger for?")
    clock.advance(90)
    game.resume()
    clock.advance(30)
    vote(game, [5, 0, 2], countdown=60)
    game.toggle_meters()
    assert game.next_turn().team.name == "Blue"
    clock.advance(20)
    vote(game, [3, 3], pick=2)
    assert game.is_over()
    assert game.next_turn().team.name == "Green"
    clock.advance(75)
    vote(game, [1, 0, 6], countdown=60, timed_out=True)
    assert game.next_turn().team.name == "Red"
    clock.advance(10)
    vote(game, [2, 7])
    assert game.is_over()
    assert game.next_turn().team.name == "Green"   # Blue is done: skipped
    clock.advance(12)
    vote(game, [6, 1])
    assert game.is_over() and game.finished
    game.rewind(1)
    assert not game.is_over() and not game.finished
    clock.advance(5)
    vote(game, [0, 8])
    assert game.finished and game.next_turn() is None
    game.close()
    return game
