"""Classroom sessions: teams, class votes, event logs, transcripts, replay, debrief, serving.

Nothing here imports the Textual UI; the screens in `game.ui.screens` call into it.

A session is a folder, `<saves dir>/classes/NAME/`:

    session.json      the teams, their arcs, the mode (written atomically)
    logs/*.jsonl      one event log per game: JSON Lines, appended and flushed line by line
    players/SEAT/     each game's own saves (a browser tab, a team's terminal)
"""

from game.classroom.session import Session, SessionError, Team

__all__ = ["Session", "SessionError", "Team"]
