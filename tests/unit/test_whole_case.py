"""The whole case without a screen: its order, progress, the board's web, and plain mode."""

from __future__ import annotations

import io

from game.engine.launch import prepare_launch
from game.engine.state import ArcResult, PlayState
from game.engine.wholecase import (
    POSSIBLE,
    SIGNED,
    UNSIGNED,
    case_order,
    namings,
    next_file,
    progress_words,
)
from game.plain.game import play_plain
from game.story import load_story
from tests.conftest import SCENES
from tests.ui.conftest import FIXTURE_STORY


def test_the_novels_order_leaves_out_the_warm_up_and_ends_with_the_epilogue():
    story = load_story(SCENES)
    assert case_order(story) == ("prologue", "erchov", "rublev", "makeyev", "kondratiev",
                                 "ryzhik", "epilogue")
    state = PlayState(mode="whole")
    assert next_file(story, state) == "prologue"
    state.results["prologue"] = ArcResult("x", "x", "free", True, 0, 0)
    state.results["erchov"] = ArcResult("x", "x", "shot", True, 0, 0)
    state.results["sample"] = ArcResult("x", "x", "free", True, 0, 0)
    assert next_file(story, state) == "rublev"
    assert progress_words(story, state) == "The whole case: 2 of 7 files closed"


def test_namings_are_signed_not_signed_or_possible():
    story = load_story(SCENES)
    state = PlayState(case={"erchov_named_rublev": True, "erchov_named_kondratiev": False})
    status = {n.entry.id: n.status for n in namings(story, state)}
    assert status["erchov_named_rublev"] == SIGNED
    assert status["erchov_named_kondratiev"] == UNSIGNED
    assert status["makeyev_named_rublev"] == POSSIBLE
    assert "erchov_told_the_truth" not in status  # names nobody


def test_plain_mode_plays_the_whole_case_and_sums_it_up(tmp_path):
    story = load_story(FIXTURE_STORY)
    launch = prepare_launch(story, saves_dir=str(tmp_path))
    out = io.StringIO()
    assert play_plain(launch, io.StringIO("w\n1\n1\n2\nq\n"), out) == 0
    text = " ".join(out.getvalue().split())
    assert "w. The whole case" in text
    assert "The whole case: 0 of 2 files closed. FILE: IVAN PETROVICH" in text
    assert "The whole case: 1 of 2 files closed. FILE: VERA SOROKINA" in text
    assert "THE WHOLE CASE: THE SUMMARY" in text
    assert ("Ivan Petrovich, The Ledger: here Home for supper (free); in the novel Taken away "
            "(imprisoned). You obeyed twice and never betrayed.") in text
    assert "In all, you obeyed twice and betrayed once." in text
    assert ("Ivan Petrovich named Vera Sorokina: The clerk's deposition names the typist as "
            "the one who kept the carbon. (read in the file The Carbon)") in text
    saved = launch.saves.read(launch.saves.latest().name)
    assert saved.mode == "whole" and set(saved.results) == {"clerk", "typist"}
