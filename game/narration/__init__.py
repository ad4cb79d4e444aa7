"""The words of the game, made from state and events: one narration for the TUI, the plain
modes, transcripts, replay and debrief, so they can never drift apart."""
