"""`tulayev new`: files that validate at once, with comments that teach the format."""

from __future__ import annotations

import re
from pathlib import Path

from game.story.model import Story

IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class ScaffoldError(Exception):
    pass


ARC_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A new arc: one accused man. Every *.yaml file under the story folder is read, so this file
# is already part of the story. Check it with `tulayev validate`, try it with
# `tulayev play --arc {arc_id}`, and see its map with `tulayev graph {arc_id}`.
arc:
  id: {arc_id}
  title: "{title}"            # shown on the dossier screen
  accused: "{accused}"        # the man's name
  rank: "His post"            # optional
  dossier: >
    One short paragraph for his case file: who he is, what he has done for the Party.
  start: summons              # the first scene
  meters: {{loyalty: 70, fear: 20, suspicion: 15}}   # 0-100 each
  flags:
    signed: false             # true/false: a flag; a whole number would be a counter

scenes:
  summons:
    title: "The summons"
    text: |
      Write the scene here. Blank lines separate paragraphs.

      INVESTIGATOR: Lines that start with a name in capitals and a colon are speech.
    notes: >
      Facilitator notes: the history behind the scene, for teachers. Players never see them
      unless the facilitator turns them on.
    choices:
      - text: "Sign what they put in front of you."
        tag: obey                       # from the Party's point of view: signing the lie obeys
        effects: {{loyalty: +5, fear: -5, signed: true}}
        goto: the_verdict
      - text: "Tell them the plain truth."
        tag: betray                     # telling the truth betrays the line
        if: fear < 60                   # the condition; without `locked` the choice is hidden
        locked: "Your voice will not come."   # shown dimmed, with this reason, when closed
        effects: {{suspicion: +20}}
        goto: the_verdict

  the_verdict:
    text: |
      A routing scene: the player reads this, then the first route whose condition holds
      is taken. The last route has no `if`, so there is always a way on.
    routes:
      - if: signed
        goto: confessed
      - goto: refused

  confessed:
    text: |
      The ending's closing text.
    ending:
      title: "Confessed"
      kind: executed          # or died_in_custody, suicide, imprisoned, exiled, spared, ...
      historical: true        # mark the novel's outcome
      prompts:
        - "A question for the class to discuss."
        - "A second question."
        - "A third question."

  refused:
    text: |
      The other ending's closing text.
    ending:
      title: "Refused"
      kind: executed
      prompts:
        - "A question for the class to discuss."
        - "A second question."
        - "A third question."
"""

SCENE_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A new scene in arc '{arc_id}'. To reach it, add `goto: {scene_id}` to a choice in another
# scene of the arc (until then `tulayev validate` warns that it cannot be reached).
arc: {arc_id}

scenes:
  {scene_id}:
    title: "{title}"
    text: |
      Write the scene here. Blank lines separate paragraphs.

      SPEAKER: Lines that start with a name in capitals and a colon are speech.
    on_enter: {{suspicion: +5}}     # applied each time the scene is entered: the sword is blind
    choices:
      - text: "Obey."
        tag: obey
        effects: {{loyalty: +5}}
        goto: {back}
      - text: "Betray."
        tag: betray
        if: fear < 70
        locked: "Fear closes your throat."
        effects: {{suspicion: +10, loyalty: -5}}
        goto: {back}
"""


SCHEMA_NAME = "scene.schema.json"


def _schema_path(folder: Path) -> str:
    """The schema for the modeline, written into the story folder itself (and brought up to
    date) so that the modeline, relative to the new file, holds wherever the folder is
    copied or moved. Editors resolve a relative `$schema` from the file that names it."""
    from game.story.locate import default_story_dir
    from game.story.schema import json_schema_text

    shipped = folder.resolve().parent / "docs" / SCHEMA_NAME
    if folder.resolve() == default_story_dir().resolve() and shipped.is_file():
        return f"../docs/{SCHEMA_NAME}"  # the shipped story's files all name this one
    schema = folder / SCHEMA_NAME
    text = json_schema_text()
    try:
        current = schema.read_text(encoding="utf-8")
    except OSError:
        current = None
    if current != text:
        from game.engine.saves import atomic_write_text

        atomic_write_text(schema, text)
    return SCHEMA_NAME


def _check_id(kind: str, value: str) -> None:
    if not IDENTIFIER.match(value):
        raise ScaffoldError(f"{value!r} is not a valid {kind} id: use lower-case letters, "
                            "digits and underscores, starting with a letter")


def new_arc(folder: Path, arc_id: str, story: Story | None) -> Path:
    _check_id("arc", arc_id)
    if story is not None and story.has_arc(arc_id):
        raise ScaffoldError(f"arc {arc_id!r} already exists (in {story.arc(arc_id).path})")
    path = folder / f"{arc_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; not overwritten")
    name = arc_id.replace("_", " ").title()
    path.write_text(ARC_TEMPLATE.format(schema=_schema_path(folder), arc_id=arc_id,
                                        title=f"The Case of {name}", accused=name),
                    encoding="utf-8")
    return path


def new_scene(folder: Path, arc_id: str, scene_id: str, story: Story | None) -> Path:
    """Write the scene's file. `story` is None when the story does not load only because
    gotos already point at this scene: the arc's start is then read from its file."""
    _check_id("scene", scene_id)
    if story is not None:
        if not story.has_arc(arc_id):
            raise ScaffoldError(f"no arc {arc_id!r} (arcs: {', '.join(story.arc_ids)})")
        arc = story.arc(arc_id)
        if scene_id in arc.scenes:
            scene = arc.scenes[scene_id]
            raise ScaffoldError(f"scene {scene_id!r} already exists "
                                f"({scene.path}:{scene.line})")
        start = arc.start
    else:
        start = declared_start(folder, arc_id)
    path = folder / f"{arc_id}_{scene_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; not overwritten")
    path.write_text(SCENE_TEMPLATE.format(schema=_schema_path(folder), arc_id=arc_id,
                                          scene_id=scene_id, back=start,
                                          title=scene_id.replace("_", " ").capitalize()),
                    encoding="utf-8")
    return path


def declared_start(folder: Path, arc_id: str) -> str:
    """The start scene of arc `arc_id`, read from the file that declares it."""
    from game.story.locate import story_files
    from game.story.yamlfile import read_yaml

    for file_path in story_files(folder):
        file, _ = read_yaml(file_path)
        arc = file.data.get("arc") if file is not None and isinstance(file.data, dict) \
            else None
        if isinstance(arc, dict) and arc.get("id") == arc_id:
            start = arc.get("start")
            if isinstance(start, str):
                return start
            raise ScaffoldError(f"arc {arc_id!r} has no 'start' scene ({file_path})")
    raise ScaffoldError(f"no arc {arc_id!r} is declared in {folder}")
