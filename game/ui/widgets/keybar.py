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
        parts: list = []
        self._spans = []
        seen_actions: set[str] = set()
        position = 0
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            key = self.app.get_key_display(binding)
            style = "bold $text-accent" if enabled else "$text-disabled"
            text = f" {key} {binding.description} "
            parts += [(f" {key}", style), (f" {binding.description} ",
                                           "" if enabled else "$text-disabled")]
            if not (binding.key_display and "-" in binding.key_display):  # "1-9": no one key
                self._spans.append((position, position + len(text), binding.key))
            position += len(text)
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
