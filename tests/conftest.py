"""Shared helpers: tiny stories written to temporary folders."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCENES = REPO / "scenes"

# Compiled stories go to a folder of this test run's own (and so do those of every
# `tulayev` process the tests start), never to the user's cache.
_CACHE = tempfile.mkdtemp(prefix="tulayev-test-cache-")
os.environ["TULAYEV_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

STORY_HEADER = """\
story:
  title: Test story
  case:
    named_b:
      text: A names B.
      by: a
      names: b
"""

SMALL_ARC = """\
arc:
  id: a
  title: Arc A
  accused: Man A
  dossier: A man.
  start: one
  meters: {loyalty: 50, fear: 40, suspicion: 10}
  flags: {signed: false, names: 0}
scenes:
  one:
    text: |
      The room is cold.

      CHIEF: Sign.
    choices:
      - text: Sign it.
        tag: obey
        effects: {loyalty: +10, signed: true, "case.named_b": true}
        goto: two
      - text: Refuse.
        tag: betray
        if: fear < 50
        locked: Too afraid.
        effects: {suspicion: +30}
        goto: two
  two:
    on_enter: {suspicion: +5}
    text: Later.
    routes:
      - if: signed
        goto: shot
      - goto: camp
  shot:
    text: Shot.
    ending: {title: Shot, kind: executed, historical: true, prompts: [Why?]}
  camp:
    text: Camp.
    ending: {title: Camp, kind: imprisoned}
"""


def write_story(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def small_story_dir(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC})


@pytest.fixture
def small_story(small_story_dir):
    from game.story import load_story

    return load_story(small_story_dir)
