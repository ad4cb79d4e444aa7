"""A one-line bar of the keys that work here; a click on a key presses it.

Textual's Footer rebuilds a widget per key whenever focus moves, which costs more than the
rest of a scene change; this bar is one widget whose text is redrawn instead.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget


class KeyBar(Widget):
    """The screen's shown bindings, as `key Description` pairs."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # start, end, key to press

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def render(self) -> Content:
        """The keys in order; when they do not all fit, as many as fit, then `…` and the
        help key last (help lists every key)."""
        items: list[tuple[str, str, bool, str | None]] = []
        seen_actions: set[str] = set()
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            clickable = not (binding.key_display and "-" in binding.key_display)  # "1-9"
            items.append((self.app.get_key_display(binding), binding.description, enabled,
                          binding.key if clickable else None))
        width = self.size.width
        if sum(len(key) + len(text) + 3 for key, text, _, _ in items) > width:
            last = [item for item in items if item[1] == "Help"][-1:]
            room = width - sum(len(key) + len(text) + 3 for key, text, _, _ in last) - 2
            kept = []
            for item in items:
                size = len(item[0]) + len(item[1]) + 3
                if item in last or size > room:
                    if item not in last:
                        break
                    continue
                kept.append(item)
                room -= size
            items = [*kept, ("…", "", False, None), *last]
        parts: list = []
        self._spans = []
        position = 0
        for key, description, enabled, press in items:
            if key == "…":
                parts.append((" …", "$text-muted"))
                position += 2
                continue
            style = "bold $text-accent" if enabled else "$text-disabled"
            text = f" {key} {description} "
            parts += [(f" {key}", style), (f" {description} ", "" if enabled else
                                           "$text-disabled")]
            if press is not None:
                self._spans.append((position, position + len(text), press))
            position += len(text)
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
