"""A chart of the three meters over a playthrough, drawn with block characters."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from game.story.model import METERS

BLOCKS = " ▁▂▃▄▅▆▇█"
ROWS = 2
GUTTER = 11
METER_STYLES = {"loyalty": "$success", "fear": "$warning", "suspicion": "$error"}


def sample(values: list[int], width: int) -> list[int]:
    """`values` stretched or squeezed to `width` columns (0-100 scale kept)."""
    if not values or width <= 0:
        return []
    if len(values) >= width:
        return [values[round(i * (len(values) - 1) / max(1, width - 1))] for i in range(width)]
    per = width // len(values)
    return [v for v in values for _ in range(per)]


def column_rows(values: list[int], rows: int = ROWS) -> list[str]:
    """The rows (top first) of a column chart of `values`, each 0-100."""
    lines = []
    for row in range(rows):
        floor = (rows - 1 - row) * 8
        line = []
        for value in values:
            level = round(value / 100 * rows * 8) - floor
            line.append(BLOCKS[max(0, min(8, level))])
        lines.append("".join(line))
    return lines


class MeterChart(Widget):
    """Each meter: its name, start and end values, and a column per step of the trail."""

    def __init__(self, trail: list[dict[str, int]], rows: int = ROWS, **kwargs) -> None:
        super().__init__(**kwargs)
        self.trail = trail
        self.rows = rows

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(METERS) * (self.rows + 1)

    def render(self) -> Content:
        width = max(0, self.content_size.width - GUTTER)
        parts: list = []
        for meter in METERS:
            values = [point.get(meter, 0) for point in self.trail]
            first, last = (values[0], values[-1]) if values else (0, 0)
            parts.append((f"{meter.capitalize():<10} ", "bold"))
            parts.append(f"{first} → {last}")
            parts.append("\n")
            columns = sample(values, min(width, 4 * len(values)))
            for row, line in enumerate(column_rows(columns, self.rows)):
                scale = "100" if row == 0 else "  0" if row == self.rows - 1 else "   "
                parts.append((f"{'':>{GUTTER - 4}}{scale} ", "$text-muted"))
                parts.append((line, METER_STYLES[meter]))
                parts.append("\n")
        return Content.assemble(*parts[:-1])
