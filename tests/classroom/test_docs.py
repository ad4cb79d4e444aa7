"""docs/classroom.md and the README's command table name every classroom command and
option the command line has."""

from __future__ import annotations

import argparse

from game.cli import build_parser
from tests.conftest import REPO

GUIDE = (REPO / "docs" / "classroom.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for a in parser._actions for flag in a.option_strings
            if flag.startswith("--") and flag not in ("--help", "--story", "--saves-dir")}


def test_every_class_action_is_in_the_guide_and_the_readme():
    actions = subparsers(subparsers(build_parser())["class"])
    for name in actions:
        assert f"tulayev class {name}" in GUIDE or f"class {name}" in GUIDE, name
        assert name in README.split("## How it is built")[0], name


def test_the_new_options_are_documented():
    commands = subparsers(build_parser())
    actions = subparsers(commands["class"])
    wanted = {"play": {"--resume"}, "run": {"--resume", "--team", "--what-if", "--theme"},
              "pack": {"--output", "--no-pdf"}, "new": {"--students"}}
    for action, flags in wanted.items():
        assert flags <= options(actions[action]), action
        for flag in flags - {"--output"}:
            assert flag in GUIDE, (action, flag)
    assert "csv" in str(commands["debrief"].format_help())
    assert "--format csv" in GUIDE and "text\\|html\\|json\\|csv" in README
    assert "--story-text" in GUIDE and "--story-text" in README
