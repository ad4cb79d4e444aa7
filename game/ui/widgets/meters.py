"""The three meters as labelled bars with numbers; a change shows for a moment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from game.story.model import METERS

CHANGE_SECONDS = 4.0
LABEL_WIDTH = max(len(meter) for meter in METERS)
SHORT_LABELS = {"loyalty": "Loy.", "fear": "Fear", "suspicion": "Sus."}
CHANGE_WIDTH = 4
"""Room for a change beside the number, from `▲5` to `▼100`."""
FIXED = 1 + 1 + 3 + 1 + CHANGE_WIDTH
"""The cells of a meter that are not its label or its bar: spaces, number and change."""
MIN_BAR = 8


def changes(before: dict[str, int], after: dict[str, int]) -> dict[str, list[int]]:
    """Meters that moved between two points of the trail, as name -> [before, after].

    The trail counts everything a step did (the choice, the scenes passed through, the new
    scene's on-enter effects), where `Step.deltas` only holds the choice's own effects.
    """
    return {m: [before.get(m, 0), after.get(m, 0)] for m in METERS
            if before.get(m, 0) != after.get(m, 0)}


class MeterBar(Widget):
    """One meter: `Fear      ████░░░░  40`, or `Fear      █████░░░  55 ▲15` just after a
    change (the bar keeps its length)."""

    value: reactive[int] = reactive(0)
    before: reactive[int | None] = reactive(None)

    def __init__(self, meter: str, value: int = 0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.meter = meter
        self.set_reactive(MeterBar.value, value)
        self._clear_timer = None

    def show(self, value: int, before: int | None = None) -> None:
        """Set the value; with `before`, show the change until the timer clears it."""
        self.value = value
        self.before = before if before is not None and before != value else None
        if self._clear_timer is not None:
            self._clear_timer.stop()
            self._clear_timer = None
        if self.before is not None:
            self._clear_timer = self.set_timer(CHANGE_SECONDS, self.settle)

    def settle(self) -> None:
        """Stop showing the last change."""
        self.before = None

    def render(self) -> Content:
        """`Loyalty ████░░░░  65 ▲5`: the bar's length depends on the width alone, and the
        change has a place of its own beside the number, blank when nothing changed."""
        whole = self.content_size.width
        # The padding is drawn here (none on a narrow screen), so that a change's mark
        # covers the whole meter.
        pad = 0 if self.screen.has_class("-narrow") else 1
        width = whole - 2 * pad
        if isinstance(self.parent, MeterPanel):  # a third of the panel, the same for all three
            share = self.parent.content_size.width // len(METERS) - 2 * pad
            width = min(width, max(share, 0))
        label = self.meter.capitalize().ljust(LABEL_WIDTH)
        if width - LABEL_WIDTH - FIXED < MIN_BAR:
            label = SHORT_LABELS[self.meter]
        change = ""
        if self.before is not None:
            arrow = "▲" if self.value > self.before else "▼"
            change = f"{arrow}{abs(self.value - self.before)}"
        number = f"{self.value:>3}"
        bar = width - len(label) - FIXED
        if bar < 3:
            drawn = Content.assemble((label, "bold"), " ", (number, "bold"),
                                     (f" {change}" if change else "", "bold $text-warning"))
        else:
            filled = round(bar * self.value / 100)
            drawn = Content.assemble(
                (label, "bold"), " ",
                ("█" * filled, "$primary"), ("░" * (bar - filled), "$foreground-muted"), " ",
                (number, "bold"), " ", (change.ljust(CHANGE_WIDTH), "bold $text-warning"))
        drawn = Content.assemble(" " * pad, drawn,
                                 " " * max(whole - pad - drawn.cell_length, 0))
        # The change is marked in the drawing, not by a class: a class change restyles the
        # widget, which costs more than drawing it again.
        return drawn.stylize("on $warning 20%") if change else drawn


class MeterPanel(HorizontalGroup):
    """Loyalty, Fear and Suspicion side by side."""

    def __init__(self, meters: dict[str, int], **kwargs) -> None:
        super().__init__(**kwargs)
        self._start = dict(meters)

    def compose(self) -> ComposeResult:
        for meter in METERS:
            yield MeterBar(meter, self._start.get(meter, 0), id=f"meter-{meter}")

    def show(self, meters: dict[str, int], deltas: dict[str, list[int]] | None = None) -> None:
        """Show `meters`; meters named in `deltas` (name -> [before, after]) show the change."""
        deltas = deltas or {}
        for bar in self.query(MeterBar):
            before = deltas[bar.meter][0] if bar.meter in deltas else None
            bar.show(meters.get(bar.meter, 0), before)
