"""Small inline SVG charts for the debrief page: no scripts, no fonts to fetch, and lines
told apart by dash as well as colour, so they survive a black-and-white printer. Made by
hand (no template): every piece of text in them is escaped with `markupsafe.escape`."""

from __future__ import annotations

import itertools

from markupsafe import Markup, escape

from game.story.model import METERS

METER_STYLE = {
    "loyalty": ("#2f5d8a", ""),
    "fear": ("#c26a00", "6 4"),
    "suspicion": ("#8a1c1c", "2 3"),
}
SHARE_COLOURS = ("#2f5d8a", "#c26a00", "#4f7a3a", "#8a1c1c", "#6b4f8a", "#3a7a78",
                 "#8a6d1c", "#555555", "#b04d7a")
_ids = itertools.count(1)


def reset_ids() -> None:
    """Number the charts of a new page from 1, so the same debrief gives the same page."""
    global _ids
    _ids = itertools.count(1)


def _e(text) -> str:
    return str(escape(text))


def _svg(width: int, height: int, label: str, body: str) -> Markup:
    """The chart, as markup a template puts in as it is (its text is escaped here)."""
    ident = f"chart-{next(_ids)}"
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-labelledby="{ident}" '
            f'font-family="Helvetica, Arial, sans-serif" font-size="11">'
            f'<title id="{ident}">{_e(label)}</title>{body}</svg>')


def meter_chart(trail: list[dict[str, int]], label: str, width: int = 340,
                height: int = 170) -> Markup:
    """The three meters over a playthrough: x is the choice number, y 0-100."""
    left, right, top, bottom = 30, 10, 10, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(1, len(trail) - 1)
    parts = []
    for value in (0, 50, 100):
        y = top + plot_h * (1 - value / 100)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     f'stroke="#ccc" stroke-width="1"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" '
                     f'fill="#555">{value}</text>')
    for index in range(len(trail)):
        if len(trail) <= 12 or index % max(1, len(trail) // 10) == 0 or index == steps:
            x = left + plot_w * index / steps
            parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 13}" text-anchor="middle" '
                         f'fill="#555">{"start" if index == 0 else index}</text>')
    for meter in METERS:
        colour, dash = METER_STYLE[meter]
        points = " ".join(
            f"{left + plot_w * i / steps:.1f},{top + plot_h * (1 - _clamp(p.get(meter)) / 100):.1f}"
            for i, p in enumerate(trail))
        if len(trail) == 1:
            points += f" {left + plot_w:.1f},{points.split(',')[1]}"
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="2.2"{dash_attr} stroke-linejoin="round">'
                     f"<title>{_e(meter)}: "
                     f"{_e(' → '.join(str(p.get(meter, '')) for p in trail))}</title>"
                     "</polyline>")
    legend_y = height - 10
    for number, meter in enumerate(METERS):
        colour, dash = METER_STYLE[meter]
        x = left + number * 100
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{x}" y1="{legend_y - 4}" x2="{x + 22}" y2="{legend_y - 4}" '
                     f'stroke="{colour}" stroke-width="2.2"{dash_attr}/>'
                     f'<text x="{x + 27}" y="{legend_y}" fill="#222">{meter}</text>')
    return _svg(width, height, label, "".join(parts))


def _clamp(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        return 0
    return max(0, min(100, value))


def tag_bar(obeyed: int, betrayed: int, label: str, width: int = 340) -> Markup:
    """One bar: obey on the left, betray on the right, with the counts written in."""
    height = 26
    total = obeyed + betrayed
    parts = []
    if total == 0:
        parts.append(f'<rect x="0" y="3" width="{width}" height="20" fill="#eee"/>'
                     f'<text x="{width / 2}" y="17" text-anchor="middle" fill="#555">'
                     "no tagged choices</text>")
    else:
        split = width * obeyed / total
        parts.append(f'<rect x="0" y="3" width="{split:.1f}" height="20" fill="#2f5d8a"/>'
                     f'<rect x="{split:.1f}" y="3" width="{width - split:.1f}" height="20" '
                     'fill="#8a1c1c" fill-opacity="0.85"/>')
        if obeyed:
            parts.append(f'<text x="6" y="17" fill="#fff">obey {obeyed}</text>')
        if betrayed:
            parts.append(f'<text x="{width - 6}" y="17" text-anchor="end" fill="#fff">'
                         f"betray {betrayed}</text>")
    return _svg(width, height, label, "".join(parts))


def share_bar(counts: list[int], label: str, width: int = 420) -> Markup:
    """A stacked bar of how many chose each option (option numbers written in)."""
    height = 26
    total = sum(counts)
    parts = []
    x = 0.0
    for number, count in enumerate(counts, 1):
        if not count:
            continue
        part = width * count / total
        colour = SHARE_COLOURS[(number - 1) % len(SHARE_COLOURS)]
        parts.append(f'<rect x="{x:.1f}" y="3" width="{part:.1f}" height="20" '
                     f'fill="{colour}" stroke="#fff" stroke-width="1"/>')
        if part > 26:
            parts.append(f'<text x="{x + part / 2:.1f}" y="17" text-anchor="middle" '
                         f'fill="#fff">{number}: {round(100 * count / total)}%</text>')
        x += part
    if not total:
        parts.append(f'<rect x="0" y="3" width="{width}" height="20" fill="#eee"/>')
    return _svg(width, height, label, "".join(parts))
