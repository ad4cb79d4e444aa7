"""The arc machines: transitions drives play; effects, routes, history and the case file."""

from __future__ import annotations

import pytest
from transitions import Machine

from game.engine.events import ChoiceTaken
from game.engine.flow import GameFlow, MachineError, TurnFlow
from game.engine.machine import Engine, PlayError
from game.engine.state import PlayState
from game.story import load_story
from tests.conftest import SMALL_ARC, STORY_HEADER, write_story

B_ARC = """\
arc:
  id: b
  title: B
  accused: Man B
  dossier: d
  start: s
  meters: {suspicion: 20}
  opening:
    - if: case.named_b
      effects: {suspicion: +25}
      dossier: Named by A.
scenes:
  s:
    text: Waiting.
    choices:
      - {text: Wait, goto: e}
  e:
    text: End.
    ending: {title: E, kind: free}
"""


@pytest.fixture
def engine(tmp_path):
    from game.story import load_story

    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC,
                                          "b.yaml": B_ARC})
    return Engine(load_story(folder))


def test_one_transitions_machine_per_arc_without_auto_transitions(engine):
    machine = engine.machine("a").machine
    assert engine.machine("a").machine is machine  # built once, at load
    assert isinstance(machine, Machine)
    assert set(machine.states) == {"one", "two", "shot", "camp"}
    assert "to_two" not in machine.events  # auto_transitions=False
    assert {"choose_0", "choose_1"} <= set(machine.events)  # routes: game.engine.step


def test_choice_applies_effects_routes_and_records_history(engine):
    play = PlayState()
    engine.start_arc(play, "a")
    assert play.scene == "one" and play.meters == {"loyalty": 50, "fear": 40, "suspicion": 10}
    step = engine.choose(play, 0, seconds=2.5)
    # signed -> route to `shot`; two's on_enter adds suspicion 5
    assert play.scene == "shot"
    assert step.tag == "obey"
    assert step.deltas == {"loyalty": [50, 60]}
    assert step.meters == {"loyalty": 60, "fear": 40, "suspicion": 15}
    assert step.via == ["two"]
    assert play.visited == ["one", "two", "shot"]
    assert play.history == [step]
    assert engine.is_over(play)
    result = play.results["a"]
    assert (result.ending, result.kind, result.historical, result.obeyed) == (
        "shot", "executed", True, 1)
    assert play.case == {"named_b": True}


def test_locked_choice_is_refused_and_nothing_changes(engine):
    play = PlayState()
    engine.start_arc(play, "a", overrides={"fear": 80})
    views = engine.options(play)
    assert [v.available for v in views] == [True, False]
    assert views[1].shown  # it has a `locked` reason, so it is shown dimmed
    with pytest.raises(PlayError, match="Too afraid"):
        engine.choose(play, 1)
    assert play.scene == "one" and play.history == [] and play.values["suspicion"] == 10


def test_meters_are_clamped(engine):
    play = PlayState()
    engine.start_arc(play, "a", overrides={"loyalty": 95, "suspicion": 90, "fear": 0})
    engine.choose(play, 1)
    assert play.values["suspicion"] == 100


def test_case_file_carries_into_the_next_arc(engine):
    play = PlayState()
    engine.start_arc(play, "b")
    assert play.values["suspicion"] == 20 and play.dossier_lines == []
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    engine.start_arc(play, "b")
    assert play.values["suspicion"] == 45
    assert play.dossier_lines == ["Named by A."]


def test_replaying_an_arc_rewrites_its_own_case_entries(engine):
    play = PlayState()
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    assert play.case["named_b"] is True
    engine.start_arc(play, "a")
    engine.choose(play, 1)
    assert play.case["named_b"] is False and play.scene == "camp"


def test_start_at_a_scene_and_bad_requests(engine):
    play = PlayState()
    engine.start_arc(play, "a", scene="camp")
    assert engine.is_over(play)
    with pytest.raises(PlayError, match="ended"):
        engine.choose(play, 0)
    engine.start_arc(play, "a")
    with pytest.raises(PlayError, match="no choice 5"):
        engine.choose(play, 4)


def test_state_round_trips_through_json(engine):
    import json

    play = PlayState()
    engine.start_arc(play, "a")
    engine.choose(play, 0)
    again = PlayState.from_dict(json.loads(json.dumps(play.to_dict())))
    assert again == play
    assert again.meter_trail()[0] == {"loyalty": 50, "fear": 40, "suspicion": 10}


def test_check_reports_a_scene_that_is_gone(engine):
    play = PlayState()
    engine.start_arc(play, "a")
    assert engine.check(play) is None
    play.scene = "deleted_scene"
    assert "no longer in arc" in engine.check(play)
    play.arc = "zz"
    assert "arc 'zz' is no longer" in engine.check(play)


def test_flow_machine_refuses_nonsense():
    flow = GameFlow()
    with pytest.raises(MachineError):
        flow.reach_ending()
    flow.open_dossier()
    flow.open_arc()
    flow.reach_ending()
    assert flow.state == "ending"
    flow.open_dossier()
    assert flow.state == "dossier"


def test_a_class_turn_is_a_machine_too():
    """The class screen's turn (vote, handover, ending) refuses a handover without a vote."""
    turn = TurnFlow()
    assert turn.state == "vote"
    turn.hand_over()
    with pytest.raises(MachineError):
        turn.hand_over()
    turn.show_scene()
    turn.show_ending()
    with pytest.raises(MachineError):
        turn.hand_over()
    assert turn.state == "ending"


def test_events_describe_play(engine):
    events = []
    engine.subscribe(events.append)
    play = PlayState()
    engine.start_arc(play, "a", overrides={"fear": 80})
    engine.choose(play, 0, seconds=1.5, votes=[3, 1])
    kinds = [e.name for e in events]
    assert kinds == ["arc_started", "scene_entered", "choice_taken", "scene_entered",
                     "ending_reached"]
    assert isinstance(events[2], ChoiceTaken)
    shown = events[1].choices
    assert shown[1] == {"choice": 2, "text": "Refuse.", "available": False,
                        "locked": "Too afraid."}
    taken = events[2]
    assert taken.votes == [3, 1] and taken.tag == "obey" and taken.seconds == 1.5
    assert taken.deltas == {"loyalty": [50, 60]}
    ending = events[4].to_json()  # the one JSON form a log writes
    assert ending["event"] == "ending_reached" and ending["in_novel"] is True
    assert set(ending) >= {"arc", "scene", "meters", "ending", "title", "kind", "prompts",
                           "novel"}


def test_rewind_replays_history_and_records_a_branch(engine):
    events = []
    play = PlayState()
    engine.start_arc(play, "a", overrides={"fear": 10})
    engine.choose(play, 1)
    assert play.scene == "camp" and "a" in play.results
    engine.subscribe(events.append)
    engine.rewind(play, 0)
    assert play.scene == "one" and play.history == [] and "a" not in play.results
    assert play.values["fear"] == 10  # the --set values of the opening are kept
    assert [e.name for e in events] == ["rewound", "scene_entered"]
    engine.choose(play, 0)
    assert play.scene == "shot"


def test_passage_includes_the_text_of_routing_scenes_passed(engine):
    play = PlayState()
    engine.start_arc(play, "a")
    assert [p.text for p in engine.passage(play)] == ["The room is cold.", "Sign."]
    engine.choose(play, 0)
    assert [p.text for p in engine.passage(play)] == ["Later.", "Shot."]


def test_the_passage_heads_each_scene_shown_with_its_title(tmp_path):
    """A routing scene's text is read on the way: under its own title, not the next one's."""
    arc = """\
arc:
  id: a
  title: A
  accused: A
  dossier: d
  start: one
scenes:
  one:
    title: The first room
    text: First.
    choices:
      - {text: Walk on, goto: corridor}
  corridor:
    title: The corridor
    text: On the way.
    routes:
      - goto: last
  last:
    title: The last room
    text: |
      Last.

      CHIEF: Sit.
    ending: {title: End, kind: free}
"""
    story = load_story(write_story(tmp_path / "s", {"story.yaml": "story: {title: T}\n",
                                                    "a.yaml": arc}))
    engine = Engine(story)
    play = PlayState()
    engine.start_arc(play, "a")
    assert [(p.heading, p.text) for p in engine.passage(play)] == [
        (True, "The first room"), (False, "First.")]
    engine.choose(play, 0)
    assert [(p.heading, p.speaker, p.text) for p in engine.passage(play)] == [
        (True, None, "The corridor"), (False, None, "On the way."),
        (True, None, "The last room"), (False, None, "Last."), (False, "CHIEF", "Sit.")]
