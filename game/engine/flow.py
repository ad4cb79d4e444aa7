"""The flow around the arcs is a machine too: title -> dossier -> arc -> ending -> dossier.
So is a class's turn: a vote on the scene, the handover to the next team, the ending.

Front ends ask them where the game may go next; they refuse moves that make no sense (an
ending without an arc, a handover with no vote) instead of letting the screens drift out of
step.
"""

from __future__ import annotations

from transitions import Machine, MachineError

FLOW_STATES = ["title", "dossier", "arc", "ending"]
FLOW_TRANSITIONS = [
    {"trigger": "open_dossier", "source": ["title", "ending", "arc"], "dest": "dossier"},
    {"trigger": "open_arc", "source": ["title", "dossier", "ending", "arc"], "dest": "arc"},
    {"trigger": "reach_ending", "source": "arc", "dest": "ending"},
    {"trigger": "to_title", "source": ["dossier", "arc", "ending"], "dest": "title"},
]


class GameFlow:
    """Holds `state`, one of FLOW_STATES; the triggers above are methods on it."""

    state: str

    def __init__(self, initial: str = "title"):
        self.machine = Machine(model=self, states=FLOW_STATES, transitions=FLOW_TRANSITIONS,
                               initial=initial, auto_transitions=False)

    def can(self, trigger: str) -> bool:
        return bool(self.machine.get_triggers(self.state)) and trigger in \
            self.machine.get_triggers(self.state)


TURN_STATES = ["vote", "handover", "ending"]
TURN_TRANSITIONS = [
    {"trigger": "show_scene", "source": TURN_STATES, "dest": "vote"},
    {"trigger": "hand_over", "source": "vote", "dest": "handover"},
    {"trigger": "show_ending", "source": TURN_STATES, "dest": "ending"},
]


class TurnFlow:
    """A class screen's turn: `vote` (the team votes on the scene shown), `handover` (the
    vote is taken and the next team is called up) or `ending` (the team's file is over)."""

    state: str

    def __init__(self):
        self.machine = Machine(model=self, states=TURN_STATES, transitions=TURN_TRANSITIONS,
                               initial="vote", auto_transitions=False)


__all__ = ["GameFlow", "MachineError", "FLOW_STATES", "TurnFlow", "TURN_STATES"]
