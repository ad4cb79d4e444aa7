"""Untrusted story files: whatever the YAML holds, one `path:line:col: message` line, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game import cli
from game.story import StoryError, load_story
from game.story.safetext import clean, excerpt
from game.story.yamlfile import parse_yaml
from tests.conftest import REPO, SMALL_ARC, STORY_HEADER, write_story


def broken(tmp_path, old: str, new: str) -> tuple:
    assert old in SMALL_ARC
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                          "a.yaml": SMALL_ARC.replace(old, new, 1)})
    return folder


def only_error(folder) -> str:
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    errors = [str(p).replace(str(folder) + "/", "") for p in caught.value.problems
              if p.is_error]
    assert len(errors) == 1, errors
    return errors[0]


BAD_SCALARS = [
    ("fear: 40", "fear: !!float abc", "a.yaml:7:31: 'abc' is not a number"),
    ("fear: 40", "fear: !!int abc", "a.yaml:7:31: 'abc' is not a whole number"),
    ("fear: 40", "fear: !!int", "a.yaml:7:31: '' is not a whole number"),
    ("signed: false", "signed: !!bool maybe", "a.yaml:8:19: 'maybe' is not true or false"),
    ("fear: 40", "fear: " + "9" * 5000, "a.yaml:7:31: a number 5,000 characters long is too "
     "large"),
    ("fear: 40", "fear: 0x" + "f" * 20, "a.yaml:7:31: '0xffffffffffffffffffff' is too large"),
    ("fear: 40", "fear: 1:2:3:4:5:6:7:8:9:10:11", "a.yaml:7:31: '1:2:3:4:5:6:7:8:9:10:11' is "
     "too large"),
]


@pytest.mark.parametrize(("old", "new", "expected"), BAD_SCALARS)
def test_bad_scalars_give_one_located_line(tmp_path, old, new, expected):
    assert only_error(broken(tmp_path, old, new)).startswith(expected)


@pytest.mark.parametrize("command", ["validate", "explore", "stats"])
def test_bad_tag_in_every_command_is_one_line_and_exit_1(tmp_path, capsys, command):
    folder = broken(tmp_path, "fear: 40", "fear: !!float abc")
    assert cli.main([command, str(folder)]) == 1
    out, err = capsys.readouterr()
    lines = [ln for ln in (out + err).splitlines()
             if ":" in ln and not ln[0].isdigit() and ": warning: " not in ln]
    assert lines == [f"{folder}/a.yaml:7:31: 'abc' is not a number: fix it, or remove the "
                     "'!!' tag before it"]
    assert "Traceback" not in out + err


def test_bad_tag_in_plain_play_is_one_line_and_exit_1(tmp_path):
    folder = broken(tmp_path, "fear: 40", "fear: " + "9" * 5000)
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(folder),
         "--saves-dir", str(tmp_path / "saves")], capture_output=True, text=True,
        input="", timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [ln for ln in result.stderr.splitlines() if ": warning: " not in ln] == [
        f"{folder}/a.yaml:7:31: a number 5,000 characters long is too large (the largest "
        "is 1,000,000,000,000,000)", "1 error(s): the story was not loaded"]


def test_literal_control_character_is_one_line_at_its_place(tmp_path):
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC.replace(
        "The room is cold.", "The room is \x1b]0;owned\x07cold.").encode()})
    assert only_error(folder) == (
        "a.yaml:12:19: control character U+001B (ESC) is not allowed in a story file: delete "
        "it (story files are plain text)")


def test_literal_control_character_after_wide_text_keeps_its_column(tmp_path):
    _, problems = parse_yaml(tmp_path / "f.yaml", "x: 1\nt: \"ééé \x9b\"\n".encode())
    assert [str(p).rsplit("/", 1)[-1] for p in problems] == [
        "f.yaml:2:9: control character U+009B (CSI) is not allowed in a story file: delete "
        "it (story files are plain text)"]


@pytest.mark.parametrize(("text", "where", "what"), [
    ('"The room \\e]52;c;aGk=\\e\\\\ is cold."', "11:21", "U+001B (ESC)"),
    ('"The room \\x9b2J is cold."', "11:21", "U+009B (CSI)"),
    ('"The room \\u0007"', "11:21", "U+0007 (BEL)"),
    ('"The room\tis cold."', "11:20", "U+0009 (tab)"),
    ('|\n      The room\tis cold.', "12:15", "U+0009 (tab)"),
])
def test_escaped_control_character_in_text_is_refused_where_written(tmp_path, text, where,
                                                                    what):
    folder = broken(tmp_path, "|\n      The room is cold.\n\n      CHIEF: Sign.", text)
    error = only_error(folder)
    assert error.startswith(f"a.yaml:{where}: control character {what} in text: remove it")


def test_control_character_in_a_key_is_refused(tmp_path):
    folder = broken(tmp_path, "  title: Arc A\n", '  title: Arc A\n  "ti\\etle": x\n')
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    lines = str(caught.value).replace(f"{folder}/", "").splitlines()
    assert "a.yaml:4:6: control character U+001B (ESC) in text: remove it (text may hold " \
           "printable characters and line breaks only)" in lines
    assert "\x1b" not in str(caught.value)


def test_a_link_out_of_the_story_folder_is_refused_not_read(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:x:0:0:root:/root:/bin/bash: 1\n")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC})
    (folder / "z.yaml").symlink_to(secret)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.yaml").write_text("bin:x:1:1: 1\n")
    (folder / "linked").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    text = str(caught.value)
    assert "root:x" not in text and "bin:x" not in text
    assert f"{folder}/z.yaml:1:1: this file links to a file outside the story folder" in text


def test_a_link_inside_the_story_folder_is_read(tmp_path):
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "real/a.yml": SMALL_ARC})
    (folder / "a.yaml").symlink_to(folder / "real" / "a.yml")
    with pytest.raises(StoryError) as caught:  # the same arc twice: so both files were read
        load_story(folder)
    assert "arc 'a' is declared twice" in str(caught.value)


def test_an_unknown_key_is_echoed_only_as_a_short_excerpt(tmp_path):
    long_key = "k" * 1000
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC
                                          + f"{long_key}: 1\n"})
    line = only_error(folder)
    assert line.startswith("a.yaml:39:1: unknown key 'kkkkkkkk") and len(line) < 200
    folder2 = broken(tmp_path / "2", "  title: Arc A\n", f"  title: Arc A\n  {long_key}: x\n")
    assert len(only_error(folder2)) < 300


def test_problem_lines_are_one_line_whatever_they_hold(tmp_path):
    from game.story.problems import Problem

    problem = Problem(str(tmp_path / "a\x1b[2J\nb.yaml"), 1, 1, "x\n\x1b]0;t\x07" + "y" * 900)
    line = str(problem)
    assert "\n" not in line and "\x1b" not in line and len(line) < 500


def test_clean_and_excerpt():
    assert clean("a\x1b]52;c;aGk=\x1b\\b\x1b[2Jc\x9b31md\x07e\tf\r\ng") == "abcde f\ng"
    assert clean("plain [/] text\n") == "plain [/] text\n"
    assert excerpt("x" * 100, 10) == "x" * 9 + "…"
    assert excerpt("a\nb\x1b[2J") == "a b"


def test_a_set_effect_with_thousands_of_digits_is_clamped_not_a_traceback(tmp_path):
    folder = broken(tmp_path, "{suspicion: +30}", '{suspicion: "=' + "9" * 5000 + '"}')
    story = load_story(folder)
    refuse = story.arc("a").scenes["one"].choices[1]
    assert refuse.effects.ops == (("suspicion", 1, 100, 0, 0),)


def test_an_alias_bomb_is_refused_without_expanding_it(tmp_path):
    """Twenty levels of ten aliases each (10^20 values): refused at once, where the
    expansion passes the limit (it used to take seconds to count up to it)."""
    import time

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 20)]
    started = time.process_time()
    _, problems = parse_yaml(tmp_path / "f.yaml", ("\n".join(lines) + "\n").encode())
    assert time.process_time() - started < 0.5
    assert [str(p).rsplit("/", 1)[-1] for p in problems] == [
        "f.yaml:6:5: too many values (over 500,000); aliases may be expanding without bound"]
