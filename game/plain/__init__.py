"""Plain-text front ends: the game, a class session and replays, as numbered text on stdin
and stdout (screen readers, dumb terminals, scripts)."""
