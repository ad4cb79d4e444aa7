"""The case board: the web of the case, each man a box and each signed naming an arrow.

Drawn with box-drawing characters in a scrolling column, so that it reads at 80x24 and on
the projector: for each man, a box with his name and where his file stands, and under it an
arrow for every entry in which he names another man (signed: a solid arrow; not yet written:
a faint dotted one, a possibility; written and not signed: a faint crossed one).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.state import PlayState
from game.engine.wholecase import POSSIBLE, SIGNED, Naming, men, namings
from game.narration.casefile import arc_status, short_name
from game.story.model import Story
from game.ui.screens.overlay import Overlay
from game.ui.widgets.keybar import KeyBar

ARROWS = {SIGNED: "━━━▶", POSSIBLE: "┄┄┄▷", "not signed": "╌╌╌╳"}
SAYS = {SIGNED: "signed", POSSIBLE: "not yet written", "not signed": "not signed"}


class CaseBoardScreen(Overlay):
    """The web of the case in this game; `over`: the open file has reached its ending."""

    CSS_PATH = "case_board.tcss"
    BINDINGS = [
        Binding("down,j", "scroll(1)", "Scroll", show=False),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(self, story: Story, state: PlayState, over: bool) -> None:
        super().__init__()
        self.story = story
        self.state = state
        self.over = over

    def compose(self) -> ComposeResult:
        yield Static(Content(f"THE CASE BOARD  ·  {self.story.title}"), classes="screen-title")
        with VerticalScroll(id="board", can_focus=False):
            yield Static(self._legend(), id="board-legend")
            found = namings(self.story, self.state)
            for man in men(self.story):
                yield Static(self._node(man, found), classes="node", id=f"node-{man}")
                his = [naming for naming in found if naming.entry.by == man]
                for number, naming in enumerate(his, 1):
                    status = f"-{naming.status.replace(' ', '-')}"
                    last = number == len(his)
                    yield Static(self._arrow(naming, last), classes=f"arrow {status}")
                    # The entry's words; its left border carries the line on to the next.
                    yield Static(Content(naming.entry.text),
                                 classes=f"arrow-text {status}" + ("" if last else " -more"))
        yield KeyBar()

    def _legend(self) -> Content:
        return Content.assemble(
            (ARROWS[SIGNED], "bold $text-error"), " signed   ",
            (ARROWS[POSSIBLE], "$text-muted"), " not yet written   ",
            (ARROWS["not signed"], "$text-muted"), " written, not signed")

    def _node(self, man: str, found: list[Naming]) -> Content:
        name = short_name(self.story, man)
        parts: list = [(name, "bold")]
        if self.story.has_arc(man):
            arc = self.story.arc(man)
            status = arc_status(self.state, arc, self.over, self.story)
            parts += ["\n", (arc.title, "italic"), "  ·  ", status.label]
        named_by = sorted({short_name(self.story, n.entry.by) for n in found
                           if n.entry.names == man and n.written})
        if named_by:
            parts += ["\n", ("named by ", "$text-muted"), ", ".join(named_by)]
        return Content.assemble(*parts)

    def _arrow(self, naming: Naming, last: bool) -> Content:
        """One naming: a branch of the line from the signer's box (├, or └ for his last)
        to the man named, with the entry's id and where it stands."""
        entry = naming.entry
        style = "bold $text-error" if naming.written else ""
        return Content.assemble(
            ("└" if last else "├", style), (ARROWS[naming.status], style), " ",
            (short_name(self.story, entry.names), "bold"), "  ",
            (f"{entry.id} ({SAYS[naming.status]})", "italic"))

    def action_scroll(self, direction: int) -> None:
        self.query_one("#board", VerticalScroll).scroll_relative(y=direction * 3,
                                                                 animate=False)
