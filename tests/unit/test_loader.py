"""Loading and validating story files: every problem on one line, at the right place."""

from __future__ import annotations

import pytest

from game.story import StoryError, load_story
from tests.conftest import SMALL_ARC, STORY_HEADER, write_story


def problems_of(tmp_path, files: dict) -> list[str]:
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, **files})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    return [str(p).replace(str(folder) + "/", "") for p in caught.value.problems]


def errors_of(tmp_path, files: dict) -> list[str]:
    return [p for p in problems_of(tmp_path, files) if ": warning: " not in p]


def test_small_story_loads(small_story):
    arc = small_story.arc("a")
    assert arc.start == "one"
    assert set(arc.scenes) == {"one", "two", "shot", "camp"}
    assert arc.scenes["one"].paragraphs[1].speaker == "CHIEF"
    assert arc.case_writes == {"case.named_b"}
    assert small_story.warnings == ()


def test_yaml_syntax_error_has_line_and_column(tmp_path):
    errors = errors_of(tmp_path, {"a.yaml": "arc: a\nscenes:\n  one: [unclosed\n"})
    assert len(errors) == 1
    assert errors[0].startswith("a.yaml:4:1: YAML syntax error")


def test_unknown_key_points_at_the_key_and_lists_allowed(tmp_path):
    text = SMALL_ARC.replace("    text: |\n      The room",
                             "    txet: x\n    text: |\n      The room")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert errors == [
        "a.yaml:11:5: unknown key 'txet' (allowed here: title, text, on_enter, notes, "
        "choices, routes, ending, when)"]


def test_duplicate_key_reports_both_lines(tmp_path):
    text = SMALL_ARC.replace("  title: Arc A\n", "  title: Arc A\n  title: Again\n")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert errors == ["a.yaml:4:3: duplicate key 'title' (first given on line 3)"]


def test_dangling_goto_suggests_a_scene(tmp_path):
    text = SMALL_ARC.replace("goto: camp", "goto: cmap")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert errors == ["a.yaml:32:15: goto 'cmap': no such scene in arc 'a' (did you mean 'camp'?)"]


def test_unknown_meter_in_effects(tmp_path):
    text = SMALL_ARC.replace("{suspicion: +30}", "{suspcion: +30}")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert len(errors) == 1
    assert errors[0].startswith("a.yaml:24:19: unknown name 'suspcion' (did you mean 'suspicion'?)")


def test_condition_error_column_points_inside_the_condition(tmp_path):
    text = SMALL_ARC.replace("if: fear < 50", "if: fear < 50 && signed")
    errors = errors_of(tmp_path, {"a.yaml": text})
    # the `if:` value starts at column 13; '&' is 10 characters into it
    assert errors == ["a.yaml:22:23: condition 'fear < 50 && signed': unexpected '&' in "
                      "condition: use 'and'"]


def test_wrong_type_is_reported_in_words(tmp_path):
    text = SMALL_ARC.replace("loyalty: 50,", "loyalty: high,")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert errors == ["a.yaml:7:21: arc.meters.loyalty: expected a whole number"]


def test_out_of_range_meter(tmp_path):
    text = SMALL_ARC.replace("fear: 40,", "fear: 400,")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert len(errors) == 1 and errors[0].startswith("a.yaml:7:31: arc.meters.fear: 400 is out")


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    text = (SMALL_ARC.replace("goto: camp", "goto: nowhere")
            .replace("{suspicion: +30}", "{nerve: +30}")
            .replace("kind: imprisoned", "kind: vanished"))
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert len(errors) == 3, errors


def test_flag_given_a_number_and_meter_given_a_bool(tmp_path):
    text = SMALL_ARC.replace("signed: true,", "signed: 3,").replace("loyalty: +10", "loyalty: true")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert len(errors) == 2
    assert any("'signed' is true/false" in e for e in errors)
    assert any("'loyalty' is a number" in e for e in errors)


def test_duplicate_scene_across_files(tmp_path):
    extra = "arc: a\nscenes:\n  camp:\n    text: Again.\n    ending: {title: X, kind: free}\n"
    errors = errors_of(tmp_path, {"a.yaml": SMALL_ARC, "b.yaml": extra})
    assert errors == ["b.yaml:3:3: scene 'camp' is defined twice in arc 'a' (also in a.yaml)"]


def test_scenes_may_be_spread_over_files(tmp_path):
    extra = "arc: a\nscenes:\n  later:\n    text: Again.\n    ending: {title: X, kind: free}\n"
    text = SMALL_ARC.replace("goto: camp", "goto: later")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": text,
                                          "more/b.yaml": extra})
    story = load_story(folder)
    assert "later" in story.arc("a").scenes
    assert any("'camp' cannot be reached" in str(w) for w in story.warnings)


def test_unreachable_scene_is_a_warning_with_location(tmp_path):
    text = SMALL_ARC + "  lost:\n    text: Nobody comes here.\n    ending: {title: L, kind: free}\n"
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": text})
    story = load_story(folder)
    assert [str(w).split("/")[-1] for w in story.warnings] == [
        "a.yaml:39:3: warning: scene 'lost' cannot be reached from the start of arc 'a'"]


def test_no_reachable_ending_is_an_error(tmp_path):
    text = """\
    arc: {id: a, title: A, accused: A, dossier: d, start: one}
    scenes:
      one:
        text: Round and round.
        choices:
          - {text: Again, goto: one}
    """
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert errors == ["a.yaml:1:55: arc 'a' has no ending reachable from its start"]


def test_route_loop_is_an_error(tmp_path):
    text = """\
    arc: {id: a, title: A, accused: A, dossier: d, start: one}
    scenes:
      one:
        routes: [{goto: two}]
      two:
        routes: [{if: fear > 10, goto: one}, {goto: end}]
      end:
        text: End.
        ending: {title: E, kind: free}
    """
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert any("routes loop back to 'one'" in e for e in errors), errors


@pytest.mark.parametrize("content, expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "a.yaml:1:1: not UTF-8 text"),
    ("arc: caf\u00e9\n".encode("latin-1"), "a.yaml:1:9: not UTF-8 text"),
    (b"arc: !!python/object/apply:os.system ['echo hacked']\n",
     "a.yaml:1:6: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    (b"--- {arc: a}\n--- {arc: b}\n", "a.yaml:2:1: YAML syntax error: but found another document"),
    (b"[" * 5000 + b"]" * 5000, "nesting is too deep"),
    (b"arc: a\nscenes:\n  x: &a {b: *a}\n", "a.yaml:3:"),
    (b"- just\n- a list\n", "a.yaml:1:1: the top level must be a mapping"),
    (b"arc: a\n<<: {x: 1}\n", "a.yaml:2:1: merge keys ('<<') are not supported"),
    (b"arc: a\nscenes:\n  yes: {text: x, ending: {title: t, kind: free}}\n",
     "a.yaml:3:3: key 'yes' is read as bool"),
])
def test_hostile_and_broken_files_give_one_clear_line(tmp_path, content, expected):
    problems = problems_of(tmp_path, {"a.yaml": content})
    assert any(expected in p for p in problems), problems


def test_alias_bomb_is_bounded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("arc: a")
    errors = errors_of(tmp_path, {"a.yaml": "\n".join(lines) + "\n"})
    assert any("too many values" in e for e in errors), errors


def test_deep_block_nesting_is_bounded(tmp_path):
    text = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n"
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert any("nesting is too deep" in e for e in errors), errors


def test_huge_file_is_refused_without_reading_it(tmp_path):
    errors = errors_of(tmp_path, {"a.yaml": b"# " + b"x" * (3 * 1024 * 1024) + b"\n"})
    assert len(errors) == 1 and "file is too large" in errors[0]


def test_empty_file_is_only_a_warning(tmp_path):
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC,
                                          "empty.yaml": ""})
    story = load_story(folder)
    assert any("file is empty" in str(w) for w in story.warnings)


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(StoryError, match="story folder not found"):
        load_story(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoryError, match="no .yaml files"):
        load_story(tmp_path / "empty")


def test_scene_needs_exactly_one_way_out(tmp_path):
    text = SMALL_ARC.replace("    ending: {title: Camp, kind: imprisoned}\n",
                             "    ending: {title: Camp, kind: imprisoned}\n"
                             "    choices: [{text: Back, goto: one}]\n")
    errors = errors_of(tmp_path, {"a.yaml": text})
    assert errors == ["a.yaml:36:3: scene 'camp' needs exactly one of 'choices', 'routes' "
                      "or 'ending' (it has choices and ending)"]


def test_story_arcs_order_and_unknown_arc(tmp_path):
    header = STORY_HEADER.replace("  title: Test story\n", "  title: T\n  arcs: [a, zz]\n")
    folder = write_story(tmp_path / "s", {"story.yaml": header, "a.yaml": SMALL_ARC})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    assert [p.message for p in caught.value.problems] == ["no arc 'zz'"]


def test_opening_reads_case_file(tmp_path):
    b_arc = """\
    arc:
      id: b
      title: B
      accused: Man B
      dossier: d
      start: s
      opening:
        - if: case.named_b
          effects: {suspicion: +20}
          dossier: Named by A.
    scenes:
      s:
        text: End.
        ending: {title: E, kind: free}
    """
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC,
                                          "b.yaml": b_arc})
    story = load_story(folder)
    assert story.arc("b").case_reads == {"case.named_b"}


def test_an_arc_not_in_the_novel_cannot_have_the_novels_ending(tmp_path):
    arc = SMALL_ARC.replace("  dossier: A man.\n", "  dossier: A man.\n  in_novel: false\n")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": arc})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    (problem,) = caught.value.problems
    assert "is not in the novel (in_novel: false)" in problem.message
    assert problem.line == SMALL_ARC.splitlines().index(
        "    ending: {title: Shot, kind: executed, historical: true, prompts: [Why?]}") + 2
    fine = write_story(tmp_path / "t", {"story.yaml": STORY_HEADER,
                                        "a.yaml": arc.replace(" historical: true,", "")})
    assert not load_story(fine).arc("a").in_novel
