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


def changes(before: dict[str, int], after: dict[str, int]) -> dict[str, list[int]]:
    """Meters that moved between two points of the trail, as name -> [before, after].

    The trail counts everything a step did (the choice, the scenes passed through, the new
    scene's on-enter effects), where `Step.deltas` only holds the choice's own effects.
    """
    return {m: [before.get(m, 0), after.get(m, 0)] for m in METERS
            if before.get(m, 0) != after.get(m, 0)}


class MeterBar(Widget):
    """One meter: `Fear ████░░░░ 40`, or `Fear ███░ 40 → 55` just after a change."""

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
            self.add_class("-changed")
            self._clear_timer = self.set_timer(CHANGE_SECONDS, self.settle)
        else:
            self.remove_class("-changed")

    def settle(self) -> None:
        """Stop showing the last change."""
        self.before = None
        self.remove_class("-changed")

    def render(self) -> Content:
        width = self.content_size.width
        # Labels and numbers padded alike, so that the three bars are the same length.
        label = self.meter.capitalize().rjust(LABEL_WIDTH)
        if self.before is not None:
            arrow = "▲" if self.value > self.before else "▼"
            number = f"{self.before} → {self.value} {arrow}"
        else:
            number = f"{self.value:>3}"
        if width < len(label) + len(number) + 6:
            label = self.meter.capitalize()[:3]
        bar = width - len(label) - len(number) - 2
        if bar < 3:
            return Content.assemble((label, "bold"), " ", (number, "bold"))
        filled = round(bar * self.value / 100)
        return Content.assemble(
            (label, "bold"), " ",
            ("█" * filled, "$primary"), ("░" * (bar - filled), "$foreground-muted"), " ",
            (number, "bold $warning" if self.before is not None else "bold"))


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
