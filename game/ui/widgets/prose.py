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


class ProseParagraph(Static):
    """One paragraph; spoken ones carry the speaker's name above the words."""

    def __init__(self, paragraph: Paragraph, **kwargs) -> None:
        classes = "speech" if paragraph.speaker else "narration"
        super().__init__(self.content_for(paragraph, len(paragraph.text)), classes=classes,
                         **kwargs)
        self.paragraph = paragraph

    @staticmethod
    def content_for(paragraph: Paragraph, shown: int) -> Content:
        words = Content(paragraph.text[:shown])
        if paragraph.speaker:
            return Content.assemble((paragraph.speaker, "bold $text-accent"), "\n", words)
        return words

    def reveal_to(self, shown: int) -> None:
        self.update(self.content_for(self.paragraph, shown))


class Prose(VerticalScroll, can_focus=False):
    """Holds a scene's preface widgets, title and paragraphs; reveals the text if asked."""

    class Revealed(Message):
        """All of the scene's text is now showing."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._paragraphs: list[ProseParagraph] = []
        self._timer: Timer | None = None
        self._cps = 0
        self._budget = 0.0
        self._current = 0
        self._shown = 0

    @property
    def revealing(self) -> bool:
        return self._timer is not None

    def show(self, title: str | None, paragraphs: Iterable[Paragraph],
             preface: Iterable[Widget] = (), cps: int | None = None) -> None:
        """Replace the text. With `cps`, reveal it at that many characters a second."""
        self._stop()
        self._paragraphs = [ProseParagraph(p) for p in paragraphs]
        widgets = list(preface)
        if title:
            widgets.append(Static(Content(title), classes="scene-title"))
        widgets.extend(self._paragraphs)
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(widgets)
            self.scroll_home(animate=False)
        if cps and self._paragraphs:
            self._cps, self._budget, self._current, self._shown = cps, 0.0, 0, 0
            for paragraph in self._paragraphs:
                paragraph.reveal_to(0)
                paragraph.display = False
            self._paragraphs[0].display = True
            self._timer = self.set_interval(1 / TICKS_PER_SECOND, self._tick)
        else:
            self.post_message(self.Revealed())

    def skip(self) -> None:
        """Show all the text at once."""
        if self._timer is None:
            return
        self._stop()
        for paragraph in self._paragraphs:
            paragraph.display = True
            paragraph.reveal_to(len(paragraph.paragraph.text))
        self.post_message(self.Revealed())

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
        else:
            self.scroll_end(animate=False)
