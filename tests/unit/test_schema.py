"""The JSON Schema is generated, checked in, current, and every shipped file passes it."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from game.story.schema import json_schema_text
from tests.conftest import REPO, SCENES

SCHEMA_FILE = REPO / "docs" / "scene.schema.json"
MODELINE = "# yaml-language-server: $schema=../docs/scene.schema.json"


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text() == json_schema_text(), (
        "docs/scene.schema.json is stale: regenerate it with `make schema` "
        "(or `tulayev schema > docs/scene.schema.json`)")


@pytest.mark.parametrize("path", sorted(SCENES.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_file_has_modeline_and_validates(path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    bad = {"scenes": {"x": {"text": "t", "txet": "typo", "ending": {"title": "t",
                                                                     "kind": "vanished"}}}}
    messages = [e.message for e in validator.iter_errors(bad)]
    assert messages
