"""Story format 2: conditional text, fairmath, the timeline, case entries declared by arcs
with the novel's defaults, unlocking files, and locked choices that say what they need."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.explorer import explore_arc, random_arc
from game.engine.machine import Engine, PlayError
from game.engine.state import PlayState
from game.story import StoryError, load_story
from game.story.compiled import from_data, to_data
from game.story.conditions import FLAG, NUMBER, compile_condition
from game.story.model import fairmath
from game.story.needs import needs_words
from game.story.text import TextError, parse_inline
from tests.conftest import REPO, write_story

FORMAT2 = REPO / "tests" / "fixtures" / "format2"


@pytest.fixture(scope="module")
def story():
    return load_story(FORMAT2)


def texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs if not p.heading]


# -- conditional text ------------------------------------------------------------------

def test_block_and_inline_variants_follow_the_state_on_entry(story):
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "a")
    shown = texts(engine.passage(play))
    assert shown == ["The lamp is on. You have signed 0 pages.", "Your hands are still.",
                     "The clock ticks."]
    engine.start_arc(play, "a", overrides={"fear": 70, "pages": 3})
    assert texts(engine.passage(play))[:2] == ["The lamp is on. You have signed 3 pages.",
                                               "Your hands shake."]


def test_the_variant_shown_is_the_one_read_on_entry_and_survives_a_save(story):
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "a")
    play.values["fear"] = 90  # a change after entry does not rewrite what was read
    assert "Your hands are still." in texts(engine.passage(play))
    again = PlayState.from_dict(json.loads(json.dumps(play.to_dict())))
    assert texts(engine.passage(again)) == texts(engine.passage(play))


def test_a_whole_paragraph_can_be_inline_and_vanish(story):
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "a", scene="desk_again")
    assert texts(engine.passage(play)) == []
    engine.start_arc(play, "a", scene="desk_again", overrides={"pages": 1})
    assert texts(engine.passage(play)) == ["One page lies signed."]


def test_inline_markup_parses_and_braces_escape():
    parts = parse_inline("a {if fear > 5: x | y} b {pages} {{c}}")
    assert [(p.kind, p.text) for p in parts] == [
        ("text", "a "), ("if", "fear > 5"), ("text", " b "), ("value", "pages"),
        ("text", " {c}")]
    assert (parts[1].then, parts[1].otherwise) == ("x", "y")
    for bad in ("a } b", "a { b", "{what is this}", "{if x}", "{if a: b | c | d}"):
        with pytest.raises(TextError):
            parse_inline(bad)


def assert_nowhere_is_reported_where_written(tmp_path, old: str, new: str) -> None:
    """Replace `old` with `new` (which reads `visited(nowhere)`) in the fixture's a.yaml:
    loading gives one problem, at the line and column where `nowhere` is written."""
    arc = (FORMAT2 / "a.yaml").read_text().replace(old, new)
    folder = write_story(tmp_path / "s", {"story.yaml": (FORMAT2 / "story.yaml").read_text(),
                                          "a.yaml": arc,
                                          "b.yaml": (FORMAT2 / "b.yaml").read_text()})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    lines = arc.splitlines()
    row = next(i for i, line in enumerate(lines, 1) if "visited(nowhere)" in line)
    col = lines[row - 1].index("nowhere") + 1
    assert [str(p).replace(str(folder) + "/", "") for p in caught.value.problems] == [
        f"a.yaml:{row}:{col}: condition 'visited(nowhere)': visited(nowhere): no scene "
        "'nowhere' in this arc"]


def test_a_bad_condition_in_text_is_reported_inside_the_string(tmp_path):
    assert_nowhere_is_reported_where_written(tmp_path, "{if visited(desk_again):",
                                             "{if visited(nowhere):")


def test_a_bad_condition_in_a_folded_block_is_reported_where_it_is(tmp_path):
    """A folded block (`>`) joins its lines: the place is found by folding them again."""
    assert_nowhere_is_reported_where_written(
        tmp_path, "      - |\n        The clock {if visited(desk_again):",
        "      - >\n        The clock on the wall\n        {if visited(nowhere):")


def test_a_flag_cannot_be_shown_as_a_value(tmp_path):
    arc = (FORMAT2 / "a.yaml").read_text().replace("{pages} pages", "{warned} pages")
    folder = write_story(tmp_path / "s", {"story.yaml": (FORMAT2 / "story.yaml").read_text(),
                                          "a.yaml": arc})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    assert "{warned}: 'warned' is a flag or case entry" in str(caught.value)


def test_explore_reports_a_variant_no_state_shows(story):
    report = explore_arc(story.arc("a"))
    unshown = [(scene.id, words) for scene, words in report.unshown_variants]
    assert unshown == [("desk", "the text under 'if: fear > 60'"),
                       ("desk", "{if visited(desk_again): ...} ('ticks again')")]


def test_stats_count_the_words_of_every_variant(story):
    desk = story.arc("a").scenes["desk"]
    assert desk.words == len(("The lamp is on. You have signed pages. Your hands shake. "
                              "Your hands are still. The clock ticks again ticks.").split())


# -- fairmath ----------------------------------------------------------------------------

def test_fairmath_moves_a_share_of_the_way():
    assert fairmath(50, 20) == 60
    assert fairmath(50, -20) == 40
    assert fairmath(90, 50) == 95


@given(st.integers(1, 99), st.lists(st.integers(1, 99).flatmap(
    lambda n: st.sampled_from([n, -n])), max_size=200))
def test_fairmath_never_pins_a_meter(start, steps):
    value = start
    for step in steps:
        value = fairmath(value, step)
        assert 0 < value < 100


def test_fairmath_effects_apply_through_the_engine(story):
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    assert play.values["fear"] == 75


def test_fairmath_is_for_meters_only(tmp_path):
    arc = (FORMAT2 / "a.yaml").read_text().replace("pages: +1, fear", 'pages: "%+10", fear')
    folder = write_story(tmp_path / "s", {"story.yaml": (FORMAT2 / "story.yaml").read_text(),
                                          "a.yaml": arc})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    assert "fairmath ('%+N', '%-N') moves a meter" in str(caught.value)


# -- the timeline --------------------------------------------------------------------------

def test_a_read_before_the_entry_is_known_is_refused(tmp_path):
    early = (FORMAT2 / "b.yaml").read_text().replace("when: late", "when: early")
    folder = write_story(tmp_path / "s", {"story.yaml": (FORMAT2 / "story.yaml").read_text(),
                                          "a.yaml": (FORMAT2 / "a.yaml").read_text(),
                                          "b.yaml": early})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    row = next(i for i, line in enumerate(early.splitlines(), 1) if "if: case.a_signed" in line)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (row, early.splitlines()[row - 1].index("case.") + 1)
    assert "reads case.a_signed at 'early', before it can be known ('late')" in problem.message


def test_a_scene_may_say_it_happens_later(tmp_path):
    early = (FORMAT2 / "b.yaml").read_text().replace("when: late", "when: early").replace(
        "  reading:\n", "  reading:\n    when: late\n")
    folder = write_story(tmp_path / "s", {"story.yaml": (FORMAT2 / "story.yaml").read_text(),
                                          "a.yaml": (FORMAT2 / "a.yaml").read_text(),
                                          "b.yaml": early})
    assert load_story(folder).arc("b").scenes["reading"].when == "late"


def test_a_moment_off_the_timeline_is_named(tmp_path):
    arc = (FORMAT2 / "b.yaml").read_text().replace("when: late", "when: latr")
    folder = write_story(tmp_path / "s", {"story.yaml": (FORMAT2 / "story.yaml").read_text(),
                                          "a.yaml": (FORMAT2 / "a.yaml").read_text(),
                                          "b.yaml": arc})
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    assert "'latr' is not on the timeline (early, late) (did you mean 'late'?)" in \
        str(caught.value)


def test_a_story_without_a_timeline_stays_valid(small_story):
    assert small_story.timeline == ()


# -- case entries, the novel's defaults, unlocking ----------------------------------------

def test_an_arc_declares_its_own_entries(story):
    entry = story.case["a_signed"]
    assert (entry.by, entry.known, entry.novel) == ("a", "late", True)


def test_an_entry_follows_the_novel_until_its_file_is_played(story):
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "b")
    assert texts(engine.passage(play)) == ["Anton's signature is on the last page."]
    engine.start_arc(play, "a")
    play.values["fear"] = 10
    engine.choose(play, 1)  # refuse: Anton's file closes without his signature
    assert play.case["a_signed"] is False
    engine.start_arc(play, "b")
    assert texts(engine.passage(play)) == ["The last page is blank."]


def test_a_file_opens_only_once_its_unlock_is_met(story):
    engine = Engine(story)
    play = PlayState()
    assert not engine.can_open(play, "b")
    assert story.unlock_words(story.arc("b")) == \
        "opens once these files are closed: Anton"
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    engine.choose(play, 1)
    assert engine.can_open(play, "b")


def test_plain_mode_refuses_a_locked_file(story, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(FORMAT2),
         "--saves-dir", str(tmp_path)], input="2\nq\n", capture_output=True, text=True,
        timeout=60, cwd=REPO)
    assert "The second file: opens once these files are closed: Anton." in result.stdout
    assert "[opens once these files are closed: Anton]" in result.stdout


# -- locked choices say what they need -------------------------------------------------------

KINDS = {"fear": NUMBER, "loyalty": NUMBER, "pages": NUMBER, "warned": FLAG,
         "case.a_signed": FLAG}
VALUES = {"fear": 50, "loyalty": 40, "pages": 2, "warned": True, "case.a_signed": False}


@pytest.mark.parametrize(("source", "words"), [
    ("fear < 30", "needs fear below 30 (now 50)"),
    ("fear <= 30", "needs fear 30 or less (now 50)"),
    ("fear > 60", "needs fear above 60 (now 50)"),
    ("fear >= 60", "needs fear 60 or more (now 50)"),
    ("fear == 60", "needs fear exactly 60 (now 50)"),
    ("fear != 50", "needs fear anything but 50 (now 50)"),
    ("30 > fear", "needs fear below 30 (now 50)"),
    ("fear < 30 and loyalty > 10", "needs fear below 30 (now 50)"),
    ("fear < 30 or pages >= 3",
     "needs either fear below 30 (now 50) or pages 3 or more (now 2)"),
    ("not warned", "needs not warned"),
    ("warned == false", "needs not warned"),
    ("case.a_signed", "needs the case file to hold: a signed"),
    ("not (fear > 10 and loyalty > 10)",
     "needs fear 10 or less (now 50) or loyalty 10 or less (now 40)"),
    ("visited(desk)", 'needs to have been through "The desk"'),
    ("not visited(desk) and fear < 10",
     "needs fear below 10 (now 50)"),
])
def test_needs_words_for_every_operator(source, words):
    condition = compile_condition(source, KINDS, {"desk"})
    assert needs_words(condition, VALUES, set(), {"desk": "The desk"}.get) == words


def test_the_engine_gives_a_locked_choice_its_needs(story):
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "a")
    refuse = engine.options(play)[1]
    assert not refuse.available
    assert refuse.needs == "needs fear below 40 (now 50)"  # only what fails is named
    with pytest.raises(PlayError):
        engine.choose(play, 1)


# -- previewing an opening, health numbers, the compiled cache -----------------------------

def test_play_case_runs_the_opening_on_the_given_entries(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--story",
                               str(FORMAT2), "--saves-dir", str(tmp_path), *args],
                              input="q\n", capture_output=True, text=True, timeout=60, cwd=REPO)
    assert "The last page is blank." in run("--arc", "b", "--set", "case.a_signed=false").stdout
    assert "Anton's signature" in run("--arc", "b", "--case", "a_signed").stdout
    bad = run("--arc", "b", "--case", "a_sined")
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        "tulayev play: --case a_sined: no case file entry 'a_sined' (did you mean "
        "'a_signed'?); entries are declared under story.case or an arc's case"]


def test_stats_give_story_health(tmp_path):
    result = subprocess.run([sys.executable, "-m", "game", "stats", str(FORMAT2), "--json",
                             "--runs", "500"], capture_output=True, text=True, timeout=60,
                            cwd=REPO)
    data = json.loads(result.stdout)
    health = data["arcs"][0]["health"]
    assert set(health["endings"]) == {"signed", "refused"}
    assert abs(sum(health["endings"].values()) - 1) < 0.01
    assert set(health["pinned"]) == {"loyalty", "fear", "suspicion"}
    assert 0 < health["locked_share"] < 1
    assert data["case"] == {"written_not_read": [], "read_not_written": []}


def test_random_play_counts_pinned_meters(story):
    report = random_arc(story.arc("a"), 200, seed=3)
    assert report.steps > 0 and report.pinned["fear"] == 0


def test_the_compiled_story_keeps_format_2(story):
    rebuilt = from_data(json.loads(json.dumps(to_data(story))))
    assert to_data(rebuilt) == to_data(story)
    engine, again = Engine(story), Engine(rebuilt)
    for overrides in ({}, {"fear": 80, "pages": 4}):
        one, two = PlayState(), PlayState()
        engine.start_arc(one, "a", overrides=overrides)
        again.start_arc(two, "a", overrides=overrides)
        assert engine.passage(one) == again.passage(two)
    assert rebuilt.arc("b").unlock == (("a",), 1)
    assert rebuilt.case["a_signed"].novel is True
