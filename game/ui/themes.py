"""The game's themes. Textual cannot change the font size: "projector" means bold text, wide
margins, more space between lines and high contrast (the app adds the `-projector` class)."""

from __future__ import annotations

from textual.theme import Theme

THEMES = (
    Theme(name="tulayev", dark=True, primary="#b3362c", secondary="#8a7f6a",
          accent="#d9a441", warning="#e0a030", error="#e05545", success="#7fa870",
          foreground="#e6dfcf", background="#16130f", surface="#201c17", panel="#2c2620"),
    Theme(name="paper", dark=False, primary="#8e1f17", secondary="#5b5245",
          accent="#7a5200", warning="#8a5a00", error="#a31d12", success="#2f6b24",
          foreground="#1e1a14", background="#f3eee2", surface="#e9e2d2", panel="#ddd4bf"),
    Theme(name="high-contrast", dark=True, primary="#ffff00", secondary="#ffffff",
          accent="#00ffff", warning="#ffff00", error="#ff6060", success="#00ff00",
          foreground="#ffffff", background="#000000", surface="#000000", panel="#1a1a1a",
          luminosity_spread=0.0, text_alpha=1.0),
    Theme(name="projector", dark=False, primary="#000080", secondary="#000000",
          accent="#7a0000", warning="#7a3d00", error="#a00000", success="#004d00",
          foreground="#000000", background="#ffffff", surface="#ffffff", panel="#e8e8e8",
          luminosity_spread=0.0, text_alpha=1.0),
)
THEME_LABELS = {
    "tulayev": "Night (default): dark paper, red ink",
    "paper": "Paper: dark ink on light paper",
    "high-contrast": "High contrast: white and yellow on black",
    "projector": "Projector: black on white, bold, wide margins, more space",
}
