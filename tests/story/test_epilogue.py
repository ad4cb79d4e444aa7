"""The epilogue ("Case closed") meets its bar: size, endings, prompts, the case entries it
reads changing what the player reads, and the raised hand deciding something."""

from __future__ import annotations

import pytest

from game.engine.explorer import explore_arc, random_arc
from game.engine.machine import Engine
from game.engine.state import PlayState
from game.story import load_story
from tests.conftest import SCENES

ARC = "epilogue"

# Author's choice index per scene (0-based); scenes not listed take their first open choice.
OBEY = {"the_new_desk": 1, "the_letter": 2}
BETRAY = {"the_papers": 1, "the_dates": 1, "the_roof": 0, "the_agenda": 2, "the_meeting": 2,
          "the_abstention": 1, "the_characterisation": 1, "the_farm": 1, "the_trucks": 1,
          "the_road": 1, "seed_and_cloth": 1, "the_reading_room": 1, "the_letter": 0}
# The novel: he raised his hand; Kostia's letter was sent and buried.
HISTORICAL = {"the_new_desk": 1, "the_letter": 0}


@pytest.fixture(scope="module")
def story():
    return load_story(SCENES)


def play_through(story, picks: dict[str, int], case: dict[str, bool] | None = None):
    """Play the epilogue by `picks`. With `case`, the case file holds exactly `case` for
    every entry the epilogue reads (the rest false), as if every file had been played;
    without it, nothing else was played, so entries read as the novel has them."""
    engine = Engine(story)
    play = PlayState()
    if case is not None:
        for key in story.arc(ARC).case_reads:
            play.case[key[5:]] = case.get(key[5:], False)
    engine.start_arc(play, ARC)
    while not engine.is_over(play):
        scene = engine.scene_of(play)
        open_ = [v.choice.index for v in engine.options(play) if v.available]
        index = picks.get(scene.id, open_[0])
        assert index in open_, (scene.id, index)
        engine.choose(play, index)
    return play


def shown(story, play, scene_id: str) -> str:
    """The text of `scene_id` as the player read it on entering it."""
    scene = story.arc(ARC).scenes[scene_id]
    return " ".join(p.text for p in scene.text_for(tuple(play.readings[scene_id])))


def test_size_endings_notes_and_prompts(story):
    arc = story.arc(ARC)
    assert len(arc.scenes) >= 12
    assert arc.words >= 2_500
    assert len(arc.endings) >= 2
    assert [e.id for e in arc.historical_endings] == ["case_closed"]
    assert sum(1 for s in arc.scenes.values() if s.notes) >= 5
    for ending in arc.endings:
        assert len(ending.ending.prompts) == 3, ending.id
        assert any("meeting approves" in p for p in ending.ending.prompts), ending.id


def test_reads_the_case_file_and_writes_nothing(story):
    arc = story.arc(ARC)
    assert len(arc.case_reads) >= 8
    assert not arc.case_writes


def test_every_scene_and_ending_reachable(story):
    arc = story.arc(ARC)
    report = explore_arc(arc)
    assert report.complete
    assert report.unreachable_scenes == []
    assert report.stranded == []
    runs = random_arc(arc, 3000, seed=1)
    for ending in runs.endings.values():
        assert ending.runs >= 30, ending.id


def test_obeying_and_betraying_end_differently(story):
    assert play_through(story, OBEY).results[ARC].ending == "the_sacks"
    assert play_through(story, BETRAY).results[ARC].ending == "the_other_file"
    assert play_through(story, HISTORICAL).results[ARC].historical


def test_keeping_the_hand_down_costs_romachkin_his_freedom_when_the_letter_goes(story):
    raised = play_through(story, {**HISTORICAL, "the_meeting": 0})
    kept_down = play_through(story, {**HISTORICAL, "the_meeting": 2, "the_abstention": 1,
                                     "the_characterisation": 1})
    assert raised.results[ARC].ending == "case_closed"
    assert kept_down.results[ARC].ending == "the_other_file"
    assert "the_characterisation" in kept_down.visited
    assert "green lamp is on someone else's desk" in shown(story, kept_down,
                                                          "the_characterisation")


def test_suspicion_decides_whether_the_characterisation_travels(story):
    """Kept down, then a statement of self-criticism: the paper stays in Lukina's drawer,
    and Kostia's letter harms nobody but the truth."""
    sorry = play_through(story, {**HISTORICAL, "the_meeting": 2, "the_abstention": 1,
                                 "the_characterisation": 0})
    assert "the_envelope" not in sorry.visited
    assert sorry.results[ARC].ending == "case_closed"
    assert "Lukina's drawer" in shown(story, sorry, "case_closed")


def test_unplayed_files_follow_the_novel(story):
    novel = play_through(story, HISTORICAL)
    text = shown(story, novel, "the_papers")
    assert "Erchov, the former High Commissar" in text
    assert "confesses that he starved his own districts" in text
    assert "block capitals" not in shown(story, novel, "fleischman")
    assert "young man in a cap" in shown(story, novel, "fleischman")


def test_the_newspaper_follows_how_each_file_ended(story):
    unbroken = play_through(story, HISTORICAL, {"ryzhik_died_unbroken": True,
                                                "erchov_confessed": True})
    text = shown(story, unbroken, "the_papers")
    assert "whose name is withheld" in text
    assert "Erchov, the former High Commissar" in text
    assert unbroken.values["confessed"] == 2

    signed = play_through(story, HISTORICAL, {"ryzhik_signed": True,
                                              "erchov_refused_to_sign": True})
    text = shown(story, signed, "the_papers")
    assert "whose name is withheld" not in text
    assert "Ryzhik, an old Trotskyist" in text
    assert "examined separately" in text

    spoke = play_through(story, HISTORICAL, {"rublev_spoke_at_microphone": True})
    assert "provocation against the court" in shown(story, spoke, "the_papers")
    assert spoke.values["denied"] == 1


def test_what_kostia_did_in_the_prologue_changes_the_letter_and_its_reader(story):
    before = {"kostia_letter_posted": True, "false_witness_named": True,
              "kostia_seen_in_cap": True}
    earlier = play_through(story, HISTORICAL, before)
    plain = play_through(story, HISTORICAL, {"kostia_seen_in_cap": False})
    assert "no second man" in shown(story, earlier, "the_letter")
    assert "no second man" not in shown(story, plain, "the_letter")
    assert "block capitals" in shown(story, earlier, "fleischman")
    assert "block capitals" not in shown(story, plain, "fleischman")
    assert "young man in a cap" in shown(story, earlier, "fleischman")
    assert "behind the first one" in shown(story, earlier, "case_closed")
    assert "behind the first one" not in shown(story, plain, "case_closed")
