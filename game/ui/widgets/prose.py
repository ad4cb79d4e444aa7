"""The scene's prose: a scrollable pane, speakers set apart, optionally revealed by letters."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from game.story.model import Paragraph

TICKS_PER_SECOND = 30


def kind_of(paragraph: Paragraph) -> str:
    """The style class of a paragraph: a scene's title, speech or narration."""
    return "scene-title" if paragraph.heading else "speech" if paragraph.speaker \
        else "narration"


class ProseParagraph(Static):
    """One paragraph; spoken ones carry the speaker's name above the words. A widget keeps
    its kind (its style class) for life: changing a class restyles the widget, which costs
    more than the rest of showing a paragraph."""

    def __init__(self, paragraph: Paragraph, **kwargs) -> None:
        self.kind = kind_of(paragraph)
        super().__init__(self.content_for(paragraph, len(paragraph.text)),
                         classes=self.kind, **kwargs)
        self.paragraph = paragraph

    def set_paragraph(self, paragraph: Paragraph) -> None:
        """Show another paragraph of the same kind in this widget (cheaper than a new
        widget)."""
        self.paragraph = paragraph
        self.reveal_to(len(paragraph.text))

    @staticmethod
    def content_for(paragraph: Paragraph, shown: int) -> Content:
        words = Content(paragraph.text[:shown])
        if paragraph.speaker:
            return Content.assemble((paragraph.speaker, "bold $text-accent"), "\n", words)
        return words

    def reveal_to(self, shown: int) -> None:
        self.update(self.content_for(self.paragraph, shown))


class Prose(VerticalScroll, can_focus=False):
    """Holds a scene's preface widgets and paragraphs (scene titles among them, as headings);
    reveals the text if asked.

    Paragraph widgets are kept and reused from scene to scene, in a pool for each kind:
    updating a few widgets (and moving them into the scene's order) is much cheaper than
    mounting new ones, or restyling old ones, on every key press.
    """

    class Revealed(Message):
        """All of the scene's text is now showing."""

    class Seen(Message):
        """Whether every line of the scene has been on screen (sent when that is known, and
        again when it changes)."""

        def __init__(self, all_seen: bool, first: bool) -> None:
            super().__init__()
            self.all_seen = all_seen
            self.first = first
            """The first word on this scene, once it is laid out."""

    def __init__(self, reserve: dict[str, int] | None = None, **kwargs) -> None:
        """`reserve` paragraph widgets of each kind (kind -> count) are made up front
        (hidden): a scene that needs more widgets than the pools hold mounts them, and that
        takes a second frame."""
        super().__init__(**kwargs)
        self._paragraphs: list[ProseParagraph] = []
        samples = {"scene-title": Paragraph("", heading=True),
                   "speech": Paragraph("", speaker="-"), "narration": Paragraph("")}
        self._pool: list[ProseParagraph] = [
            ProseParagraph(samples[kind]) for kind, count in (reserve or {}).items()
            for _ in range(count)]
        for widget in self._pool:
            widget.display = False
        self._preface: list[Widget] = []
        self._note = Static(classes="aftermath")
        self._coda = Static(classes="notes")
        self._coda.border_title = "HISTORICAL NOTE"
        self._coda.display = False
        self.seen_all = False
        """Every line of this scene has been on screen (scrolled to the end once)."""
        self._told: bool | None = None
        self._timer: Timer | None = None
        self._cps = 0
        self._budget = 0.0
        self._current = 0
        self._shown = 0

    def compose(self):
        yield self._note
        yield from self._pool
        yield self._coda

    @property
    def revealing(self) -> bool:
        return self._timer is not None

    def show(self, paragraphs: Iterable[Paragraph], preface: Iterable[Widget] = (),
             cps: int | None = None, note: Content | None = None,
             coda: Content | None = None) -> None:
        """Replace the text. With `cps`, reveal it at that many characters a second.

        `preface` widgets go first; `note` is a short text above the title (what the last
        choice did, say), and `coda` one below the text (the scene's historical note); both
        are kept in widgets that are reused, so they cost no new widget.
        """
        self._stop()
        self.seen_all, self._told = False, None
        paragraphs = list(paragraphs)
        with self.app.batch_update():
            for widget in self._preface:
                widget.remove()
            self._preface = list(preface)
            if self._preface:
                self.mount_all(self._preface, before=self._note)
            self._note.update(note or "")
            self._note.display = note is not None
            self.set_coda(coda)
            self._paragraphs = self._place(paragraphs)
            self.scroll_to(y=0, animate=False, immediate=True)
        if cps and self._paragraphs:
            self._cps, self._budget, self._current, self._shown = cps, 0.0, 0, 0
            for paragraph in self._paragraphs:
                paragraph.reveal_to(0)
                paragraph.display = False
            self._paragraphs[0].display = True
            self._timer = self.set_interval(1 / TICKS_PER_SECOND, self._tick)
        else:
            self.post_message(self.Revealed())
        self.call_after_refresh(self.check_seen)

    def _place(self, paragraphs: list[Paragraph]) -> list[ProseParagraph]:
        """Widgets showing `paragraphs`, in order, taken from the pools (new ones mounted
        where a pool runs short), the rest hidden."""
        free: dict[str, list[ProseParagraph]] = {}
        for widget in reversed(self._pool):
            free.setdefault(widget.kind, []).append(widget)
        placed: list[ProseParagraph] = []
        fresh: list[ProseParagraph] = []
        for paragraph in paragraphs:
            spare = free.get(kind_of(paragraph))
            if spare:
                widget = spare.pop()
                widget.set_paragraph(paragraph)
                widget.display = True
            else:
                widget = ProseParagraph(paragraph)
                fresh.append(widget)
            placed.append(widget)
        for spare in free.values():
            for widget in spare:
                widget.display = False
        if fresh:
            self.mount_all(fresh, before=self._coda)
            self._pool.extend(fresh)
        previous: Widget = self._note
        for widget in placed:
            if widget not in fresh:
                nodes = self._nodes
                if nodes.index(widget) != nodes.index(previous) + 1:
                    self.move_child(widget, after=previous)
            previous = widget
        return placed

    @property
    def checked(self) -> bool:
        """The scene on show has been laid out and `seen_all` looked at since."""
        return self._told is not None

    def set_coda(self, coda: Content | None) -> None:
        """Show another text below the scene's (or none), leaving the rest as it is."""
        self._coda.update(coda or "")
        self._coda.display = coda is not None

    def check_seen(self) -> None:
        """Note whether the end of the text is on screen (once it is, the scene is read)."""
        if self.revealing:
            return
        if not self.seen_all and round(self.scroll_y) >= self.max_scroll_y:
            self.seen_all = True
        if self._told != self.seen_all:
            first = self._told is None
            self._told = self.seen_all
            self.post_message(self.Seen(self.seen_all, first))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self.seen_all and self._told is not None:
            self.check_seen()

    def on_resize(self) -> None:
        if self._told is not None:
            self.call_after_refresh(self.check_seen)

    def read_on(self, to_end: bool = False) -> None:
        """Scroll towards the unseen text: a page, or `to_end`."""
        if to_end:
            self.scroll_end(animate=False, immediate=True)
        else:
            self.scroll_page_down(animate=False)
        self.call_after_refresh(self.check_seen)

    def skip(self) -> None:
        """Show all the text at once."""
        if self._timer is None:
            return
        self._stop()
        for paragraph in self._paragraphs:
            paragraph.display = True
            paragraph.reveal_to(len(paragraph.paragraph.text))
        self.post_message(self.Revealed())
        self.call_after_refresh(self.check_seen)

    def on_click(self) -> None:
        self.skip()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        self._budget += self._cps / TICKS_PER_SECOND
        while self._budget >= 1 and self._current < len(self._paragraphs):
            paragraph = self._paragraphs[self._current]
            length = len(paragraph.paragraph.text)
            step = min(int(self._budget), length - self._shown)
            self._shown += step
            self._budget -= step
            paragraph.reveal_to(self._shown)
            if self._shown >= length:
                self._current += 1
                self._shown = 0
                if self._current < len(self._paragraphs):
                    self._paragraphs[self._current].display = True
        if self._current >= len(self._paragraphs):
            self._stop()
            self.post_message(self.Revealed())
            self.call_after_refresh(self.check_seen)
        else:
            self.scroll_end(animate=False)
