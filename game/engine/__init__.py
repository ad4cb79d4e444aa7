"""The engine: play state, the arc machines, saves and the explorer. No UI imports."""
