"""Widgets of the game, grouped by the area of the screen they serve."""
