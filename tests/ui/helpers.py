"""Helpers for the UI tests."""

from __future__ import annotations

import io

from rich.console import Console


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (the same render export_screenshot uses)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def flat(text: str) -> str:
    """Text with the line breaks and runs of spaces folded, to find wrapped phrases."""
    return " ".join(text.replace("│", " ").replace("▌", " ").split())
