"""The flow around the arcs is a machine too: title -> dossier -> arc -> ending -> dossier.

Front ends ask it where the player may go next; it refuses moves that make no sense (an
ending without an arc, say) instead of letting the screens drift out of step.
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


__all__ = ["GameFlow", "MachineError", "FLOW_STATES"]
