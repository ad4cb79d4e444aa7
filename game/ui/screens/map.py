"""The author's map of the open arc: every scene, its choices and where they lead.

Scenes are listed breadth-first from the start. Marks: ● where the player is, ✓ visited,
◆ a routing scene, ■ an ending (★ the novel's), ✗ no choice leads there from the start.
Enter opens a scene's choices; j jumps to the scene (or the choice's target) under the cursor
with the current meters, as `play --scene` does.
"""

from __future__ import annotations

from collections import deque

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, Tree

from game.engine.state import PlayState
from game.story.model import Arc, Scene
from game.ui.screens.overlay import Overlay


def scene_order(arc: Arc) -> tuple[list[str], set[str]]:
    """Scene ids breadth-first from the start, then the ones no goto reaches."""
    seen, queue, order = {arc.start}, deque([arc.start]), []
    while queue:
        scene_id = queue.popleft()
        order.append(scene_id)
        for target in arc.scenes[scene_id].targets:
            if target in arc.scenes and target not in seen:
                seen.add(target)
                queue.append(target)
    lost = [s for s in arc.scenes if s not in seen]
    return order + lost, set(lost)


class MapScreen(Overlay):
    CSS_PATH = "map.tcss"
    BINDINGS = [Binding("j", "jump", "Jump there")]

    class Jump(Message):
        """The author asked to jump to `scene`."""

        def __init__(self, scene: str) -> None:
            super().__init__()
            self.scene = scene

    def __init__(self, arc: Arc, state: PlayState) -> None:
        super().__init__()
        self.arc = arc
        self.state = state

    def compose(self) -> ComposeResult:
        arc = self.arc
        yield Static(Content(f"MAP  ·  {arc.title}  ·  {len(arc.scenes)} scenes  ·  "
                             "Enter opens, j jumps there"), classes="screen-title")
        tree: Tree[str] = Tree(Text(f"{arc.title} ({arc.accused})"), id="map-tree")
        tree.root.expand()
        order, lost = scene_order(arc)
        for scene_id in order:
            scene = arc.scenes[scene_id]
            node = tree.root.add(self._label(scene, scene_id in lost), data=scene_id,
                                 expand=scene_id == self.state.scene)
            for choice in scene.choices:
                parts = [f"{choice.index + 1}. {choice.text}"]
                if choice.tag:
                    parts.append(f"[{choice.tag}]")
                if choice.condition is not None:
                    parts.append(f"if {choice.condition.source}")
                node.add_leaf(Text(" ".join(parts) + f"  → {choice.goto}"), data=choice.goto)
            for route in scene.routes:
                when = f"if {route.condition.source}" if route.condition else "otherwise"
                node.add_leaf(Text(f"{when}  → {route.goto}"), data=route.goto)
        yield tree

    def _label(self, scene: Scene, lost: bool) -> Text:
        marks = []
        if scene.id == self.state.scene:
            marks.append("●")
        elif scene.id in self.state.visited:
            marks.append("✓")
        if lost:
            marks.append("✗")
        if scene.ending is not None:
            marks.append("■★" if scene.ending.historical else "■")
        elif scene.routes:
            marks.append("◆")
        title = f" · {scene.title}" if scene.title else ""
        kind = f" · {scene.ending.kind}" if scene.ending is not None else ""
        return Text(f"{' '.join(marks) + ' ' if marks else ''}{scene.id}{title}{kind}")

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        tree.focus()
        for node in tree.root.children:
            if node.data == self.state.scene:
                tree.move_cursor(node)
                break

    def action_jump(self) -> None:
        node = self.query_one(Tree).cursor_node
        if node is not None and node.data in self.arc.scenes:
            self.post_message(self.Jump(node.data))
            self.dismiss(None)
