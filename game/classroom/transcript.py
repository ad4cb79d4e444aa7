"""Readable transcripts of a log: Markdown, a printable HTML page, or JSON.

Everything shown comes from the log (which is untrusted): every piece of text is escaped
for the format it lands in.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from game.classroom.eventlog import Facilitator, Undone
from game.classroom.playlog import Beat, Branch, EndingInfo, Playthrough, Run
from game.classroom.votes import counts_words, override_words
from game.narration.words import kind_name, novel_words, tally
from game.story.model import METERS
from game.story.safetext import clean
from game.templates import render as render_template

FORMATS = ("md", "html", "json")
_texts: dict = {}       # the story's text by scene_entered line, while `render` runs


def story_text(beat: Beat) -> list[tuple[str, bool]]:
    """(text, is_heading) of the story's words shown at this beat, when asked for."""
    paragraphs = _texts.get(beat.line, ())
    return [(f"{p.speaker}: {p.text}" if p.speaker else p.text, p.heading)
            for p in paragraphs]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")



def shown_beats(branch):
    """(number, beat, title) for the beats a transcript shows: the branch's own ones (not
    those it shares with its parent), without the closing beat of an ending."""
    for number, beat in enumerate(branch.beats, 1):
        if number <= branch.inherited:
            continue
        is_last = number == len(branch.beats)
        if beat.taken is None and is_last and branch.ending is not None:
            continue
        yield number, beat, beat.title

def beat_heading(number: int, beat: Beat, title: str | None) -> str:
    """`Choice 3: The corridor`; `Choice 3` for a scene with no title; the title alone
    (or `Where the log stops`) for a scene where no choice was taken."""
    if beat.taken is not None:
        return f"Choice {number}: {title}" if title else f"Choice {number}"
    return title or "Where the log stops"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def deltas_text(deltas: dict[str, list[int]]) -> str:
    """The meters' changes (the story's own flags and counters are not for readers)."""
    names = [m for m in METERS if m in deltas]
    return ", ".join(f"{n} {deltas[n][0]}→{deltas[n][1]}" for n in names
                     if len(deltas[n]) == 2)


def shown_counts(beat: Beat, votes: list[int]) -> list[int]:
    """The counts of `votes` (per engine choice) in the order the options were shown."""
    return [votes[s.choice - 1] if s.choice - 1 < len(votes) else 0
            for s in (beat.choices or [])] or list(votes)


def override_summary(beat: Beat) -> str:
    """`the facilitator chose 2 against a 3-0 vote`, or '' when the class decided."""
    taken = beat.taken
    vote = taken.vote if taken else None
    if vote is None or vote.decided_by != "override":
        return ""
    number = beat.shown_number(taken.choice) or taken.choice
    leaders = [beat.shown_number(i) or i for i in vote.leaders]
    return override_words(number, shown_counts(beat, vote.votes), leaders)


def vote_summary(beat: Beat) -> str:
    """`class vote 5-3-0 (majority)`, `tie 4-4, the facilitator chose 2`, or ''."""
    taken = beat.taken
    override = override_summary(beat)
    if override:
        return override
    votes = taken.votes if taken else None
    if not votes:
        return ""
    tally = counts_words(shown_counts(beat, votes))
    vote = taken.vote
    if vote is not None and vote.decided_by == "facilitator":
        return f"class vote {tally}: a tie, settled by the facilitator"
    if vote is not None and vote.decided_by == "unanimous":
        return f"class vote {tally}: unanimous"
    return f"class vote {tally}: majority"


def stop_text(run: Run, branch: Branch) -> str:
    """Why a branch has no ending: the class went back from it, or the log stops."""
    later = [b for b in run.branches if b.parent == branch.number]
    if later:
        child = later[0]
        return (f"Here the class went back to choice {child.from_choice} to ask what if: "
                f"see branch {child.number}.")
    return "No choice was taken here: the log stops."


def afterwards_text(run: Run, branch: Branch) -> str:
    later = [b for b in run.branches if b.parent == branch.number]
    return "".join(f"Afterwards the class went back to choice {b.from_choice} to ask what "
                   f"if: see branch {b.number}. " for b in later).strip()


def shared_text(branch: Branch) -> str:
    if not branch.inherited:
        return "From the first choice."
    if branch.inherited == 1:
        return f"Choice 1 as in branch {branch.parent}."
    return f"Choices 1 to {branch.inherited} as in branch {branch.parent}."


def moments_after(run: Run, branch: Branch, decisions: int) -> list[Facilitator]:
    return [event for number, count, event in run.moments
            if number == branch.number and count == decisions]


def moment_text(event: Facilitator | Undone) -> str:
    if isinstance(event, Undone):
        return (f"Choice {event.choice} (“{event.text}”) was undone: taken back, and chosen "
                "again." if event.text else f"Choice {event.choice} was undone.")
    if event.action == "pause":
        return f"Paused for discussion: “{event.prompt or ''}”"
    if event.action == "resume":
        return f"Play resumed after {duration(event.seconds) or 'a pause'}."
    what = "Facilitator notes" if event.action == "notes" else "Meters"
    return f"{what} {'shown' if event.on else 'hidden'}."


def ending_lines(ending: EndingInfo) -> list[str]:
    return [f"Ending: {ending.title} ({kind_name(ending.kind)}).",
            novel_words(ending.historical, [(n.title, n.kind) for n in ending.novel],
                        ending.in_novel, sentence=True)]


def header_facts(play: Playthrough) -> list[tuple[str, str]]:
    head = play.header
    facts = []
    if head.session:
        mode = {"hotseat": "hot seat", "parallel": "parallel"}.get(head.mode or "",
                                                                    head.mode or "")
        facts.append(("Session", f"{head.session}" + (f" ({mode})" if mode else "")))
    facts.append(("Team", play.team))
    if head.at:
        facts.append(("Started", head.at.replace("T", " ").replace("+00:00", " UTC")))
    if head.story:
        facts.append(("Story", head.story))
    facts.append(("Log", str(play.path)))
    return facts


def warnings(play: Playthrough) -> list[str]:
    notes = []
    if play.truncated:
        notes.append("The log's last line was cut short: the game stopped while writing it.")
    elif not play.closed:
        notes.append("The log was not closed: the game may still be running, or it stopped "
                     "unexpectedly.")
    if any(run.resumed for run in play.runs):
        notes.append("Part of this log continues a saved game; what came before the save is "
                     "not in it.")
    return notes


# Markdown ------------------------------------------------------------------------------------


def md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def to_markdown(play: Playthrough) -> str:
    out: list[str] = [f"# Transcript: {md(play.team)}", ""]
    for label, value in header_facts(play):
        out.append(f"- **{label}:** {md(value)}")
    for note in warnings(play):
        out += ["", f"> {md(note)}"]
    if not play.runs:
        out += ["", "Nothing was played."]
    for run in play.runs:
        out += ["", f"## {md(run.title)}" + (f": {md(run.accused)}" if run.accused else "")]
        for line in run.dossier_lines:
            out += ["", f"> {md(line)}"]
        if run.start_meters:
            out += ["", f"Starting meters: {_meters(run.start_meters)}."]
        for branch in run.branches:
            out += _md_branch(run, branch)
    return clean("\n".join(out) + "\n")


def _meters(meters: dict[str, int]) -> str:
    return ", ".join(f"{m} {meters[m]}" for m in METERS if m in meters)


def _md_branch(run: Run, branch: Branch) -> list[str]:
    out: list[str] = []
    if branch.is_what_if:
        shared = shared_text(branch)
        out += ["", f"### What if? Branch {branch.number}: back to choice {branch.from_choice}",
                "", f"Rewound from branch {branch.parent}. {shared}"]
    for moment in moments_after(run, branch, branch.inherited):
        out += ["", f"*{md(moment_text(moment))}*"]
    for number, beat, title in shown_beats(branch):
        out += ["", f"#### {md(beat_heading(number, beat, title))}", ""]
        for text, heading in story_text(beat):
            if not (heading and text == title):
                out += [f"> {'**' + md(text) + '**' if heading else md(text)}", ">"]
        if story_text(beat):
            out[-1] = ""
        out += _md_choices(beat)
        if beat.taken is None:
            out += ["", f"*{md(stop_text(run, branch))}*"]
            continue
        out += ["", _md_taken(beat)]
        for moment in moments_after(run, branch, number):
            out += ["", f"*{md(moment_text(moment))}*"]
    if branch.ending is not None:
        out += _md_ending(run, branch)
    return out


def _md_choices(beat: Beat) -> list[str]:
    if beat.choices is None:
        return ["*(The choices shown here are not in the log: the game was loaded from a "
                "save.)*"]
    lines = []
    votes = beat.taken.votes if beat.taken else None
    for position, shown in enumerate(beat.choices, 1):
        text = md(shown.text)
        extra = []
        if votes and shown.choice - 1 < len(votes):
            count = votes[shown.choice - 1]
            extra.append(f"{count} vote{'s' if count != 1 else ''}")
        if beat.taken and beat.taken.choice == shown.choice:
            text = f"**{text}**"
            extra.append("taken")
        if not shown.available:
            text = f"~~{text}~~"
            extra.append(f"locked: {md(shown.locked or '')}")
        lines.append(f"{position}. {text}" + (f" ({'; '.join(extra)})" if extra else ""))
    if beat.hidden:
        lines.append(f"\n*({beat.hidden} more choice{'s' if beat.hidden > 1 else ''} hidden "
                     "from the players.)*")
    return lines


def _taken_facts(beat: Beat) -> list[str]:
    taken = beat.taken
    facts = []
    if taken.tag:
        who = "the facilitator" if override_summary(beat) else "they"
        facts.append(f"{who} chose to {taken.tag}")
    if taken.seconds is not None:
        facts.append(f"after {duration(taken.seconds)}")
    summary = vote_summary(beat)
    if summary:
        facts.append(summary)
    changes = deltas_text(taken.deltas)
    if changes:
        facts.append(changes)
    return facts


def _md_taken(beat: Beat) -> str:
    number = beat.shown_number(beat.taken.choice) or beat.taken.choice
    facts = _taken_facts(beat)
    return (f"**Taken:** {number}. “{md(beat.taken.text)}”"
            + (f" — {md('; '.join(facts))}." if facts else "."))


def _md_ending(run: Run, branch: Branch) -> list[str]:
    ending = branch.ending
    out = ["", f"#### The end{' of this what-if' if branch.is_what_if else ''}", ""]
    if branch.beats and story_text(branch.beats[-1]):
        for text, heading in story_text(branch.beats[-1]):
            out += [f"> {'**' + md(text) + '**' if heading else md(text)}", ">"]
        out[-1] = ""
    out += [md(line) for line in ending_lines(ending)]
    counts = branch.tag_counts()
    out += ["", tally("They", counts["obey"], counts["betray"])]
    trail = branch.meter_trail(run.start_meters)
    if trail and trail[0]:
        out += ["", "| meter | " + " | ".join(["start"] + [str(i) for i in
                                                           range(1, len(trail))]) + " |",
                "|---" * (len(trail) + 1) + "|"]
        for meter in METERS:
            out.append(f"| {meter} | " + " | ".join(str(p.get(meter, "")) for p in trail)
                       + " |")
    if ending.prompts:
        out += ["", "Discussion:", ""] + [f"- {md(p)}" for p in ending.prompts]
    after = afterwards_text(run, branch)
    if after:
        out += ["", f"*{md(after)}*"]
    return out


# HTML ----------------------------------------------------------------------------------------
# The page is `game/templates/transcript.html`; here the log becomes the plain values it shows.


def to_html(play: Playthrough) -> str:
    return clean(render_template(
        "transcript.html", team=play.team, facts=header_facts(play), notes=warnings(play),
        runs=[{"title": run.title, "accused": run.accused, "dossier": run.dossier_lines,
               "meters": _meters(run.start_meters) if run.start_meters else "",
               "branches": [_html_branch(run, branch) for branch in run.branches]}
              for run in play.runs]))


def _html_branch(run: Run, branch: Branch) -> dict[str, Any]:
    beats = []
    for number, beat, title in shown_beats(branch):
        beats.append({
            "heading": beat_heading(number, beat, title),
            "story": [(t, h) for t, h in story_text(beat) if not (h and t == title)],
            "choices": _html_choices(beat), "hidden": beat.hidden,
            "stop": stop_text(run, branch) if beat.taken is None else "",
            "taken": _html_taken(beat) if beat.taken is not None else None,
            "moments": [moment_text(m) for m in moments_after(run, branch, number)]
            if beat.taken is not None else []})
    return {"what_if": branch.is_what_if, "number": branch.number,
            "from_choice": branch.from_choice, "parent": branch.parent,
            "shared": shared_text(branch) if branch.is_what_if else "",
            "moments": [moment_text(m) for m in moments_after(run, branch, branch.inherited)],
            "beats": beats,
            "ending": _html_ending(run, branch) if branch.ending is not None else None}


def _html_choices(beat: Beat) -> list[dict[str, Any]] | None:
    """The options as shown (None when the log does not have them: loaded from a save)."""
    if beat.choices is None:
        return None
    votes = beat.taken.votes if beat.taken else None
    items = []
    for shown in beat.choices:
        taken = bool(beat.taken and beat.taken.choice == shown.choice)
        items.append({
            "text": shown.text, "taken": taken, "available": shown.available,
            "locked": shown.locked or "",
            "classes": " ".join(c for c, on in (("taken", taken),
                                                 ("locked", not shown.available)) if on),
            "votes": votes[shown.choice - 1]
            if votes and shown.choice - 1 < len(votes) else None})
    return items


def _html_taken(beat: Beat) -> dict[str, Any]:
    taken = beat.taken
    facts = [f for f in _taken_facts(beat)
             if not f.startswith(("they chose to ", "the facilitator chose to "))]
    return {"number": beat.shown_number(taken.choice) or taken.choice, "text": taken.text,
            "tag": taken.tag if taken.tag in ("obey", "betray") else "",
            "facts": "; ".join(facts)}


def _html_ending(run: Run, branch: Branch) -> dict[str, Any]:
    counts = branch.tag_counts()
    trail = branch.meter_trail(run.start_meters)
    return {"what_if": branch.is_what_if,
            "story": story_text(branch.beats[-1]) if branch.beats else [],
            "lines": ending_lines(branch.ending),
            "tally": tally("They", counts["obey"], counts["betray"]),
            "trail": trail if trail and trail[0] else [], "meters": METERS,
            "prompts": branch.ending.prompts, "after": afterwards_text(run, branch)}


# JSON ----------------------------------------------------------------------------------------


def to_data(play: Playthrough) -> dict[str, Any]:
    return {
        "format": "tulayev-transcript", "version": 1, "log": str(play.path),
        "team": play.team, "header": {k: v for k, v in asdict(play.header).items() if k != "t"},
        "truncated": play.truncated, "closed": play.closed,
        "runs": [_run_data(run) for run in play.runs],
    }


def _run_data(run: Run) -> dict[str, Any]:
    return {
        "arc": run.arc, "title": run.title, "accused": run.accused, "resumed": run.resumed,
        "start_meters": run.start_meters, "dossier_lines": run.dossier_lines,
        "opening": asdict(run.opening) if run.opening else None,
        "branches": [_branch_data(run, b) for b in run.branches],
        "facilitator": [{"branch": n, "after_choice": c, **asdict(event)}
                        for n, c, event in run.moments],
    }


def _branch_data(run: Run, branch: Branch) -> dict[str, Any]:
    counts = branch.tag_counts()
    ending = branch.ending
    return {
        "number": branch.number, "parent": branch.parent, "from_choice": branch.from_choice,
        "inherited": branch.inherited, "obeyed": counts["obey"], "betrayed": counts["betray"],
        "meter_trail": branch.meter_trail(run.start_meters),
        "beats": [_beat_data(b) for b in branch.beats],
        "ending": None if ending is None else {
            "ending": ending.ending, "title": ending.title, "kind": ending.kind,
            "historical": ending.historical, "prompts": ending.prompts,
            "novel": [asdict(n) for n in ending.novel], "meters": ending.meters},
    }


def _beat_data(beat: Beat) -> dict[str, Any]:
    taken = beat.taken
    return {
        "scene": beat.scene, "title": beat.title, "meters": beat.meters,
        **({"text": [t for t, _ in story_text(beat)]} if _texts else {}),
        "choices": None if beat.choices is None else [asdict(c) for c in beat.choices],
        "hidden": beat.hidden,
        "taken": None if taken is None else {
            "choice": taken.choice, "shown_as": beat.shown_number(taken.choice),
            "text": taken.text, "tag": taken.tag, "deltas": taken.deltas,
            "meters": taken.meters, "goto": taken.goto, "via": taken.via,
            "seconds": taken.seconds,
            "votes": taken.votes,
            "vote": None if taken.vote is None else {
                key: getattr(taken.vote, key) for key in ("votes", "choice", "leaders",
                                                          "decided_by", "countdown",
                                                          "timed_out")}},
    }


def to_json(play: Playthrough) -> str:
    return clean(json.dumps(to_data(play), indent=1, ensure_ascii=False)) + "\n"


def render(play: Playthrough, fmt: str, texts: dict | None = None) -> str:
    """The transcript in `fmt`; with `texts` (see `replay.scene_texts`), with the story's
    text of every scene as the players read it."""
    global _texts
    _texts = texts or {}
    try:
        if fmt == "md":
            return to_markdown(play)
        if fmt == "html":
            return to_html(play)
        if fmt == "json":
            return to_json(play)
    finally:
        _texts = {}
    raise ValueError(f"unknown transcript format {fmt!r}")


def write_beside(log_path: Path) -> Path | None:
    """Write the Markdown transcript of a finished log beside it (`NAME.md`, atomically);
    None when the log cannot be read (the log itself is what matters)."""
    from game.classroom.eventlog import LogError
    from game.classroom.playlog import load_playthrough
    from game.engine.saves import atomic_write_text

    try:
        text = to_markdown(load_playthrough(log_path))
        target = log_path.with_suffix(".md")
        atomic_write_text(target, text)
    except (LogError, OSError):
        return None
    return target
