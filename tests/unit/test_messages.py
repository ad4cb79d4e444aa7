"""Error messages a teacher understands: one problem, one line, in the story's own words."""

from __future__ import annotations

import pytest

from game.engine.validation import dynamic_problems
from game.story import StoryError, load_story
from tests.conftest import SMALL_ARC, STORY_HEADER, write_story


def problems_of(tmp_path, files: dict) -> list[str]:
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, **files})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    return [str(p).replace(str(folder) + "/", "") for p in caught.value.problems]


def test_a_tab_in_the_indentation_says_so(tmp_path):
    text = SMALL_ARC.replace("  title: Arc A\n", "\ttitle: Arc A\n")
    assert problems_of(tmp_path, {"a.yaml": text}) == [
        "a.yaml:3:1: a tab is used for indentation: YAML allows only spaces; indent with "
        "spaces (set your editor to insert spaces for the Tab key)"]


def test_a_tab_inside_a_text_block_says_so_at_its_line(tmp_path):
    text = SMALL_ARC.replace("      CHIEF: Sign.\n", "\t  CHIEF: Sign.\n")
    problems = problems_of(tmp_path, {"a.yaml": text})
    assert len(problems) == 1 and problems[0].startswith("a.yaml:14:1: a tab is used")


def test_a_syntax_error_in_one_file_is_one_error(tmp_path):
    """Before: the arc's absence was reported again in story.yaml (`no arc 'a'`)."""
    text = SMALL_ARC.replace("  title: Arc A\n", '  title: "Arc A\n')
    problems = problems_of(tmp_path, {"a.yaml": text})
    assert len(problems) == 1 and problems[0].startswith("a.yaml:"), problems
    assert "YAML syntax error" in problems[0]


def test_a_broken_arc_section_is_not_also_missing_elsewhere(tmp_path):
    text = SMALL_ARC.replace("loyalty: 50,", "loyalty: high,")
    header = STORY_HEADER.replace("  title: Test story\n", "  title: Test story\n"
                                  "  arcs: [a]\n")
    problems = problems_of(tmp_path, {"a.yaml": text, "story.yaml": header,
                                      "more.yaml": "arc: a\nscenes:\n  extra:\n"
                                      "    text: x\n    ending: {title: X, kind: executed}\n"})
    assert problems == ["a.yaml:7:21: arc.meters.loyalty: expected a whole number"]


def test_a_scene_without_a_way_out_is_named_and_its_consequences_wait(tmp_path):
    """Before: the arc's 'no ending reachable' came first, then 'cannot be reached' for the
    scenes after it, and the cause last, without the scene's name."""
    text = SMALL_ARC.replace("    routes:\n      - if: signed\n        goto: shot\n"
                             "      - goto: camp\n", "")
    assert problems_of(tmp_path, {"a.yaml": text}) == [
        "a.yaml:26:3: scene 'two' needs exactly one of 'choices', 'routes' or 'ending' (it "
        "has none: choices let the player pick, routes let the story pick, an ending closes "
        "the file)"]


def test_values_are_spelled_as_the_story_spells_them(tmp_path):
    text = SMALL_ARC.replace("tag: obey", "tag: false")
    problems = problems_of(tmp_path, {"a.yaml": text})
    assert problems == ["a.yaml:17:14: scenes.one.choices.0.tag: false: input should be "
                        "'obey' or 'betray'"]


def test_a_stranding_spells_flags_true_and_false(tmp_path):
    text = SMALL_ARC.replace("      - goto: camp\n", "      - if: fear > 90\n"
                             "        goto: camp\n")
    story = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                    "a.yaml": text}))
    strandings = [p for p in dynamic_problems(story, 10_000) if p.is_error]
    assert strandings and "signed=false" in strandings[0].message
    assert "False" not in strandings[0].message


def test_an_unreachable_ending_is_reported_once(tmp_path):
    text = SMALL_ARC + "  lost:\n    text: Lost.\n    ending: {title: Lost, kind: executed}\n"
    story = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                    "a.yaml": text}))
    about = [str(p) for p in (*story.warnings, *dynamic_problems(story, 10_000))
             if "'lost'" in p.message]
    assert len(about) == 1 and "cannot be reached from the start" in about[0], about


def test_an_ending_routes_never_reach_is_reported_once(tmp_path):
    text = SMALL_ARC.replace("      - if: signed\n        goto: shot\n",
                             "      - if: signed and not signed\n        goto: shot\n")
    story = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                    "a.yaml": text}))
    about = [str(p) for p in dynamic_problems(story, 10_000) if "'shot'" in p.message]
    assert about and len(about) == 1 and "ending 'shot' is never reached" in about[0], about


def test_an_unknown_case_entry_says_where_to_declare_it(tmp_path):
    text = SMALL_ARC.replace('"case.named_b": true', '"case.kept_quiet": true')
    problems = problems_of(tmp_path, {"a.yaml": text})
    assert problems == [
        "a.yaml:18:47: unknown case file entry 'case.kept_quiet': declare it under "
        "story.case in story.yaml (or under arc.case in the file of the arc that writes "
        "it), as in `case: {kept_quiet: {text: \"What the case file records.\"}}`"]


@pytest.mark.parametrize(("written", "hint"), [
    ("named_bb", " (did you mean 'case.named_b'?)"),
    ("b_named_a", ""),  # another man's entry is not a typo of this one
    ("signed_b", ""),
])
def test_a_case_entry_is_suggested_only_when_really_close(tmp_path, written, hint):
    text = SMALL_ARC.replace('"case.named_b": true', f'"case.{written}": true')
    problems = problems_of(tmp_path, {"a.yaml": text})
    assert len(problems) == 1
    assert f"unknown case file entry 'case.{written}'{hint}: declare" in problems[0]


def test_a_stranding_is_not_also_warned_as_a_possible_one(tmp_path):
    from game.engine.validation import all_problems

    text = SMALL_ARC.replace("      - goto: camp\n", "      - if: fear > 90\n"
                             "        goto: camp\n")
    story = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                    "a.yaml": text}))
    assert any("scene 'two': the last route has an 'if'" in p.message for p in story.warnings)
    about = [p.message for p in all_problems(story, 10_000) if "'two'" in p.message]
    assert len(about) == 1 and "can strand the player" in about[0], about
