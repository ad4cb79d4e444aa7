"""Below the smallest usable size, a notice instead of a broken (or crashing) layout.

Text wrapped at a width of zero makes Rich raise (`range() arg 3 must not be zero`), and a
split pane or a phone's browser can get a terminal that small. Under `MIN_WIDTH` x
`MIN_HEIGHT` the app takes the class `-too-small` (styled in app.tcss): a `SizeNotice`,
mounted into each screen when it is needed, covers it, and the widgets under it are laid out
at least `MIN_WIDTH` wide.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

MIN_WIDTH = 40
MIN_HEIGHT = 12



class SizeNotice(Widget):
    """`Make the window larger (at least 40x12).`, as much of it as fits."""

    def render(self) -> Content:
        width, height = self.app.size
        return Content(f"Make the window larger: at least {MIN_WIDTH}x{MIN_HEIGHT} "
                       f"(it is {width}x{height}).")


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


class SizeGuard:
    """Mixed into an App: call `guard_size()` from `on_mount` (before the first screen)."""

    def guard_size(self: App) -> None:
        self.screen_change_signal.subscribe(self, lambda _screen: self._check_size())
        self._check_size()

    def _check_size(self: App, size: Size | None = None) -> None:
        small = too_small(size or self.size)
        self.set_class(small, "-too-small")
        if not small:
            return
        for screen in self.screen_stack:
            if not screen.query_children(SizeNotice):
                screen.mount(SizeNotice())
        for notice in self.query(SizeNotice):
            notice.refresh()

    def on_resize(self: App, event: events.Resize) -> None:
        self._check_size(event.size)  # runs before App's own handler: self.size is the old one

    async def on_event(self: App, event: events.Event) -> None:
        """While the notice is up, keys do nothing but quit: the player cannot see the game."""
        if (isinstance(event, events.Key) and self.has_class("-too-small")
                and event.key not in ("ctrl+q", "ctrl+c")):
            return
        await super().on_event(event)
