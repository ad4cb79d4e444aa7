"""The layers, guarded: data flows one way, story -> engine -> narration -> classroom and
authoring -> front ends (ui, plain, serve) -> the command line. No package imports one
above it (imports inside functions count too), and no module imports itself round a loop."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"

LAYER = {"story": 0, "engine": 1, "narration": 2, "classroom": 3, "authoring": 3,
         "ui": 4, "plain": 4, "serve": 4, "cli": 5, "__main__": 6, "scenes": 0,
         "templates": 0}


def module_name(path: Path) -> str:
    parts = path.relative_to(GAME.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every module of the game, with the game modules it imports (anywhere in it)."""
    found: dict[str, set[str]] = {}
    for path in GAME.rglob("*.py"):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.startswith("game")}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                    + ([base] if base else []))
                if base.startswith("game"):
                    targets |= {f"{base}.{a.name}" for a in node.names} | {base}
        found[name] = targets
    known = set(found)
    return {name: {t if t in known else t.rsplit(".", 1)[0] for t in targets} & known - {name}
            for name, targets in found.items()}


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_package_imports_one_above_it():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in imports().items() for target in targets
        if package_of(module) in LAYER and package_of(target) in LAYER
        and package_of(module) != package_of(target)
        and LAYER[package_of(module)] <= LAYER[package_of(target)])
    assert wrong == []


def test_every_package_has_a_layer():
    packages = {package_of(m) for m in imports()} - {"__init__"}
    assert packages <= set(LAYER), f"give these a layer: {packages - set(LAYER)}"


def test_no_module_imports_itself_round_a_loop():
    graph = imports()
    state: dict[str, int] = {}
    loops: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                loops.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert loops == []
