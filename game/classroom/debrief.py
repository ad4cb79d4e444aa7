"""The debrief of a session: the teams side by side, where they split, how the class chose.

Built from the session's logs alone (the story, when given, only fills in the novel's ending
for a file nobody finished). A log that cannot be read is left out and named in the debrief;
the rest still counts. Rendered as text for the terminal, JSON for tools, or one
self-contained HTML page with inline SVG charts for the projector or handouts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom import charts
from game.classroom.caseweb import TeamWeb, case_web, web_lines
from game.classroom.eventlog import LogError
from game.classroom.playlog import Branch, EndingInfo, Playthrough, Run, load_playthrough
from game.classroom.session import Session, Team
from game.classroom.transcript import (
    duration,
    override_summary,
    shown_counts,
)
from game.narration.words import kind_name, novel_words
from game.story.model import METERS, Story
from game.story.safetext import clean
from game.templates import render as render_template

FORMATS = ("text", "html", "json", "csv")


@dataclass
class WhatIf:
    from_choice: int
    ending: EndingInfo | None


@dataclass
class RunSummary:
    label: str                      # the card's heading: the team, and the game if several
    team: str
    log: Path
    arc: str
    arc_title: str
    accused: str
    ending: EndingInfo | None
    novel: list[tuple[str, str]]    # the novel's ending(s): (title, kind)
    obeyed: int
    betrayed: int
    trail: list[dict[str, int]]
    decisions: int
    seconds: float
    votes_cast: int
    what_ifs: list[WhatIf]
    resumed: bool
    left_at: int | None = None      # the first path was left at this choice, for a what-if
    overrides: list[str] = field(default_factory=list)  # choices the facilitator made
    novel_hidden: bool = False      # the novel's ending is not to be shown yet (see below)
    students: tuple[str, ...] = ()  # the team's students, when the session names them
    run: Run | None = None          # the playthrough itself, for the CSV export

    @property
    def matches_novel(self) -> bool | None:
        if self.ending is None or not self.ending.in_novel or self.novel_hidden:
            return None  # not finished, or a file the novel does not have
        return self.ending.historical


@dataclass
class Option:
    choice: int                     # the engine's number for it in the scene
    number: int                     # the number the players saw
    text: str
    available: bool = True
    tag: str | None = None          # known once someone took it
    runs: list[str] = field(default_factory=list)
    votes: int = 0


@dataclass
class Poll:
    """One scene's choice, across every game that reached it (main branches only)."""

    arc: str
    arc_title: str
    scene: str
    title: str
    options: list[Option]
    order: int = 0

    @property
    def games(self) -> int:
        return sum(len(o.runs) for o in self.options)

    @property
    def votes(self) -> int:
        return sum(o.votes for o in self.options)

    @property
    def split(self) -> bool:
        return sum(1 for o in self.options if o.runs) > 1

    @property
    def margin(self) -> int:
        """Votes between the first and second option (a small margin: a close vote)."""
        ranked = sorted((o.votes for o in self.options), reverse=True) + [0]
        return ranked[0] - ranked[1]


@dataclass
class EndingCount:
    title: str
    kind: str
    historical: bool
    games: list[str] = field(default_factory=list)


@dataclass
class ArcTally:
    """How the games of one arc ended (first paths only), for a class of many games."""

    arc: str
    title: str
    endings: list[EndingCount]
    open_games: list[str]
    obeyed: int
    betrayed: int

    @property
    def games(self) -> int:
        return sum(len(e.games) for e in self.endings) + len(self.open_games)


@dataclass
class Debrief:
    title: str
    session: Session | None
    runs: list[RunSummary]
    polls: list[Poll]
    waiting: list[Team]             # teams of the session with no game in the logs
    problems: list[str]             # logs left out, one line each
    prompts: dict[str, list[str]]   # arc title -> discussion prompts of the endings reached
    arc_titles: dict[str, str] = field(default_factory=dict)   # arc id -> its title
    web: list[TeamWeb] = field(default_factory=list)  # the case web, per team (with a story)

    def arc_title(self, arc: str) -> str:
        return self.arc_titles.get(arc, arc)

    @property
    def arc_tallies(self) -> list[ArcTally]:
        """Per arc played in two games or more: how many reached each ending."""
        by_arc: dict[str, ArcTally] = {}
        for run in self.runs:
            tally = by_arc.setdefault(run.arc, ArcTally(run.arc, run.arc_title, [], [], 0, 0))
            tally.obeyed += run.obeyed
            tally.betrayed += run.betrayed
            if run.ending is None:
                tally.open_games.append(run.label)
                continue
            found = next((e for e in tally.endings if e.title == run.ending.title), None)
            if found is None:
                found = EndingCount(run.ending.title, run.ending.kind,
                                    run.ending.historical and not run.novel_hidden)
                tally.endings.append(found)
            found.games.append(run.label)
        for tally in by_arc.values():
            tally.endings.sort(key=lambda e: (-len(e.games), e.title))
        return [t for t in by_arc.values() if t.games >= 2]

    @property
    def splits(self) -> list[Poll]:
        return [p for p in self.polls if p.games >= 2 and p.split]

    @property
    def shared(self) -> list[Poll]:
        """Choices taken in several games: the share who chose each option."""
        return [p for p in self.polls if p.games >= 2]

    @property
    def close_votes(self) -> list[Poll]:
        voted = [p for p in self.polls if p.votes and p.games == 1]
        return sorted((p for p in voted if p.margin <= 1),
                      key=lambda p: (p.margin, p.order))[:8]


HIDDEN_NOVEL = "not shown until the team has finished its file"


def build_debrief(session: Session | None, logs: list[Path], story: Story | None = None,
                  title: str | None = None, *, for_players: bool = False,
                  viewer: str | None = None) -> Debrief:
    """The debrief of `logs`. `for_players` is a debrief shown to the class while it plays:
    the novel's ending is hidden for a file its team has not finished (and, for a `viewer`
    team, for its own file everywhere) until the facilitator releases it."""
    problems = []
    plays: list[Playthrough] = []
    empty = 0
    for path in logs:
        try:
            play = load_playthrough(path)
        except LogError as error:
            problems.append(f"{error} (left out of the debrief)")
            continue
        if not any(b.decisions or b.ending for run in play.runs for b in run.branches):
            empty += 1      # a stray tab, a file opened and left: nothing to discuss
            continue
        plays.append(play)
    if empty:
        problems.append(f"{empty} game(s) with no choice taken are left out.")
    if session is not None and session.excluded:
        problems.append(f"{len(session.excluded)} game(s) left out by the facilitator "
                        f"(tulayev class exclude {session.name} --include LOG to take one "
                        "back).")
    team_order = {t.name.casefold(): i for i, t in enumerate(session.teams)} if session else {}
    plays.sort(key=lambda p: (team_order.get((p.header.team or "").casefold(), len(team_order)),
                              p.header.at, str(p.path)))
    players = 0
    summaries: list[RunSummary] = []
    polls: dict[tuple[str, str], Poll] = {}
    prompts: dict[str, list[str]] = {}
    for play in plays:
        if play.header.team:
            team = play.header.team
        else:
            players += 1
            team = f"Player {players}"
        students = ()
        if session is not None and play.header.team:
            students = next((t.students for t in session.teams
                             if t.name.casefold() == play.header.team.casefold()), ())
        for run in play.runs:
            summary = _summarise(team, play, run, story)
            summary.students = students
            summary.run = run
            summaries.append(summary)
            _count(polls, summary, run, story)
            for branch in run.branches:
                if branch.ending is not None and branch.ending.prompts:
                    known = prompts.setdefault(run.title, [])
                    known += [p for p in branch.ending.prompts if p not in known]
    seen: dict[str, int] = {}
    for summary in summaries:
        seen[summary.team] = seen.get(summary.team, 0) + 1
    numbering: dict[str, int] = {}
    for summary in summaries:
        if seen[summary.team] > 1:
            numbering[summary.team] = numbering.get(summary.team, 0) + 1
            summary.label = f"{summary.team} (game {numbering[summary.team]})"
    if for_players and not (session is not None and session.released):
        _hide_novel(summaries, prompts, viewer)
    played = {s.team.casefold() for s in summaries}
    waiting = [t for t in session.teams if t.name.casefold() not in played] if session else []
    heading = title or (f"Debrief: {session.name}" if session else "Debrief")
    arc_titles = {arc.id: arc.title for arc in story.arcs} if story is not None else {}
    for summary in summaries:
        arc_titles.setdefault(summary.arc, summary.arc_title)
    return Debrief(heading, session, summaries, sorted(polls.values(), key=lambda p: p.order),
                   waiting, problems, prompts, arc_titles, case_web(story, summaries))


def _hide_novel(summaries: list[RunSummary], prompts: dict[str, list[str]],
                viewer: str | None) -> None:
    """Hide the novel's ending where it would tell a team still playing how its file ends."""
    open_arcs = {s.arc for s in summaries if viewer is not None and s.ending is None
                 and s.team.casefold() == viewer.casefold()}
    for summary in summaries:
        if summary.ending is None or summary.arc in open_arcs:
            summary.novel_hidden = True
            prompts.pop(summary.arc_title, None)


def _summarise(team: str, play: Playthrough, run: Run, story: Story | None) -> RunSummary:
    main = run.main
    novel: list[tuple[str, str]] = []
    endings = [b.ending for b in run.branches if b.ending is not None]
    if endings and endings[0].novel:
        novel = [(n.title, n.kind) for n in endings[0].novel]
    elif story is not None and story.has_arc(run.arc):
        novel = [(s.ending.title, s.ending.kind) for s in story.arc(run.arc).historical_endings]
    counts = main.tag_counts()
    decisions = main.decisions
    return RunSummary(
        team, team, play.path, run.arc, run.title, run.accused, main.ending, novel,
        counts["obey"], counts["betray"], main.meter_trail(run.start_meters), len(decisions),
        round(sum(b.taken.seconds or 0 for b in decisions), 2),
        sum(sum(b.taken.votes or []) for b in decisions),
        [WhatIf(b.from_choice or 1, b.ending) for b in run.what_ifs], run.resumed,
        next((b.from_choice for b in run.what_ifs if b.parent == main.number), None)
        if main.ending is None else None,
        [f"choice {number} ({beat.title}): {override_summary(beat)}"
         if beat.title else f"choice {number}: {override_summary(beat)}"
         for number, beat in enumerate(decisions, 1) if override_summary(beat)])


def _count(polls: dict[tuple[str, str], Poll], summary: RunSummary, run: Run,
           story: Story | None) -> None:
    order = {}
    if story is not None and story.has_arc(run.arc):
        arc_index = story.arc_ids.index(run.arc)
        order = {scene: arc_index * 10_000 + i
                 for i, scene in enumerate(story.arc(run.arc).scenes)}
    main: Branch = run.main
    for number, beat in enumerate(main.decisions, 1):
        key = (run.arc, beat.scene)
        poll = polls.get(key)
        if poll is None:
            poll = Poll(run.arc, run.title, beat.scene, beat.title or f"choice {number}", [],
                        order.get(beat.scene, 10_000_000 + len(polls)))
            polls[key] = poll
        by_choice = {o.choice: o for o in poll.options}
        for position, shown in enumerate(beat.choices or [], 1):
            if shown.choice not in by_choice:
                option = Option(shown.choice, position, shown.text, shown.available)
                poll.options.append(option)
                by_choice[shown.choice] = option
            elif shown.available:
                by_choice[shown.choice].available = True
        taken = beat.taken
        if taken.choice not in by_choice:
            option = Option(taken.choice, taken.choice, taken.text)
            poll.options.append(option)
            by_choice[taken.choice] = option
        by_choice[taken.choice].runs.append(summary.label)
        by_choice[taken.choice].tag = taken.tag
        for number, count in enumerate(taken.votes or [], 1):
            if number in by_choice:
                by_choice[number].votes += count
        poll.options.sort(key=lambda o: o.choice)
        for position, option in enumerate(poll.options, 1):
            option.number = position


def debrief_session(session: Session, story: Story | None = None, *,
                    for_players: bool = False, viewer: str | None = None) -> Debrief:
    return build_debrief(session, session.debrief_logs(), story, for_players=for_players,
                         viewer=viewer)


# Words shared by the renderers ---------------------------------------------------------------


def ending_words(summary: RunSummary) -> str:
    if summary.ending is None and summary.left_at is not None:
        return (f"none on the first path: the class went back to choice {summary.left_at} "
                "before the end")
    if summary.ending is None:
        return "no ending yet" + (" (the file is still open)" if summary.decisions else "")
    return f"{summary.ending.title} ({kind_name(summary.ending.kind)})"


def novel_phrase(summary: RunSummary) -> str:
    if summary.novel_hidden:
        return HIDDEN_NOVEL
    ending = summary.ending
    if ending is None:  # not finished: what the novel has, if anything
        return novel_words(False, summary.novel)
    return novel_words(ending.historical, summary.novel, ending.in_novel)


def what_if_words(what_if: WhatIf) -> str:
    end = (f"{what_if.ending.title} ({kind_name(what_if.ending.kind)})" if what_if.ending
           else "no ending reached")
    return f"back to choice {what_if.from_choice}: {end}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _meters_words(trail: list[dict[str, int]]) -> str:
    if not trail:
        return ""
    first, last = trail[0], trail[-1]
    return ", ".join(f"{m} {first.get(m, '?')}→{last.get(m, '?')}" for m in METERS)


# Text ----------------------------------------------------------------------------------------


def to_text(debrief: Debrief) -> str:
    out = [debrief.title.upper()]
    session = debrief.session
    if session:
        out.append(_subtitle(debrief))
    for problem in debrief.problems:
        out.append(f"! {problem}")
    if debrief.arc_tallies:
        out += ["", "THE ENDINGS"]
        for tally in debrief.arc_tallies:
            out.append(f"{tally.title} ({tally.games} games; obeyed {tally.obeyed}, "
                       f"betrayed {tally.betrayed} in all)")
            for ending in tally.endings:
                novel = "  (the novel's)" if ending.historical else ""
                out.append(f"  {len(ending.games):>3} {ending.title} "
                           f"({kind_name(ending.kind)}){novel}")
            if tally.open_games:
                out.append(f"  {len(tally.open_games):>3} not finished")
    out += ["", "THE TEAMS"]
    if not debrief.runs:
        out.append("  No games have been logged yet.")
    for summary in debrief.runs:
        out.append(f"{summary.label}: {summary.arc_title}"
                   + (f" ({summary.accused})" if summary.accused else ""))
        if summary.students:
            out.append(f"  students:  {', '.join(summary.students)}")
        out.append(f"  ending:    {ending_words(summary)}")
        out.append(f"  the novel: {novel_phrase(summary)}")
        out.append(f"  obeyed {summary.obeyed}, betrayed {summary.betrayed}, in "
                   f"{summary.decisions} choice(s)"
                   + (f", {duration(summary.seconds)}" if summary.seconds else "")
                   + (f", {summary.votes_cast} votes cast" if summary.votes_cast else ""))
        if summary.trail:
            out.append(f"  meters:    {_meters_words(summary.trail)}")
            for meter in METERS:
                out.append(f"    {meter:<10}" + " ".join(f"{p.get(meter, 0):>3}"
                                                         for p in summary.trail))
        for what_if in summary.what_ifs:
            out.append(f"  what if:   {what_if_words(what_if)}")
        for override in summary.overrides:
            out.append(f"  override:  {override}")
        if summary.resumed:
            out.append("  (part of this game was loaded from a save)")
    for team in debrief.waiting:
        out.append(f"{team.name}: {debrief.arc_title(team.arc)}, not played yet")
    if debrief.web:
        out += ["", "THE CASE WEB (what each team's games signed, and whom it names)"]
        out += web_lines(debrief.web)
    if debrief.splits:
        out += ["", "WHERE THE TEAMS SPLIT"]
        for poll in debrief.splits:
            out.append(f"{poll.arc_title}: {poll.title}")
            for option in poll.options:
                if option.runs:
                    out.append(f"  {option.number}. {option.text}")
                    out.append(f"     {', '.join(option.runs)}")
    if debrief.shared:
        out += ["", "HOW THE CLASS CHOSE"]
        for poll in debrief.shared:
            out.append(f"{poll.arc_title}: {poll.title} ({poll.games} games"
                       + (f", {poll.votes} votes" if poll.votes else "") + ")")
            for option in poll.options:
                bar = "█" * round(20 * len(option.runs) / poll.games)
                votes = f"  votes {option.votes} ({percent(option.votes, poll.votes)})" \
                    if poll.votes else ""
                out.append(f"  {option.number}. {percent(len(option.runs), poll.games):>4} "
                           f"{bar:<20} {option.text[:60]}{votes}")
    if debrief.close_votes:
        out += ["", "THE CLOSEST VOTES"]
        for poll in debrief.close_votes:
            counts = "–".join(str(o.votes) for o in poll.options)
            team = next((r for o in poll.options for r in o.runs), "")
            out.append(f"{team}, {poll.arc_title}: {poll.title}: {counts}")
    if debrief.prompts:
        out += ["", "TO DISCUSS"]
        for arc_title, prompts in debrief.prompts.items():
            out.append(arc_title)
            out += [f"  - {p}" for p in prompts]
    return clean("\n".join(out) + "\n")


# JSON ----------------------------------------------------------------------------------------


def to_data(debrief: Debrief) -> dict[str, Any]:
    def ending(info: EndingInfo | None):
        return None if info is None else {"ending": info.ending, "title": info.title,
                                          "kind": info.kind, "historical": info.historical}

    return {
        "format": "tulayev-debrief", "version": 1, "title": debrief.title,
        "session": debrief.session.to_dict() if debrief.session else None,
        "problems": debrief.problems,
        "waiting": [{"name": t.name, "arc": t.arc} for t in debrief.waiting],
        "runs": [{
            "label": s.label, "team": s.team, "log": str(s.log), "arc": s.arc,
            "arc_title": s.arc_title, "accused": s.accused,
            "ending": ending(s.ending) if not s.novel_hidden else
            {**ending(s.ending), "historical": None} if s.ending else None,
            "novel": [] if s.novel_hidden else [{"title": t, "kind": k} for t, k in s.novel],
            "novel_hidden": s.novel_hidden,
            "matches_novel": s.matches_novel, "obeyed": s.obeyed, "betrayed": s.betrayed,
            "decisions": s.decisions, "seconds": s.seconds, "votes_cast": s.votes_cast,
            "meter_trail": s.trail, "resumed": s.resumed, "left_at": s.left_at,
            "overrides": s.overrides, "students": list(s.students),
            "what_ifs": [{"from_choice": w.from_choice, "ending": ending(w.ending)}
                         for w in s.what_ifs],
        } for s in debrief.runs],
        "choices": [{
            "arc": p.arc, "scene": p.scene, "title": p.title, "games": p.games,
            "votes": p.votes, "split": p.split,
            "options": [{"choice": o.choice, "number": o.number, "text": o.text,
                         "available": o.available, "tag": o.tag, "games": o.runs,
                         "votes": o.votes} for o in p.options],
        } for p in debrief.polls],
        "endings": [{
            "arc": t.arc, "title": t.title, "games": t.games, "obeyed": t.obeyed,
            "betrayed": t.betrayed, "not_finished": t.open_games,
            "endings": [{"title": x.title, "kind": x.kind, "historical": x.historical,
                         "games": x.games} for x in t.endings],
        } for t in debrief.arc_tallies],
        "prompts": debrief.prompts,
    }


def to_json(debrief: Debrief) -> str:
    return clean(json.dumps(to_data(debrief), indent=1, ensure_ascii=False)) + "\n"


# HTML ----------------------------------------------------------------------------------------
# The page is `game/templates/debrief.html`; here the debrief becomes the values it shows.


def to_html(debrief: Debrief) -> str:
    charts.reset_ids()      # the charts are numbered in page order: make them in that order
    tallies = [_arc_tally(tally) for tally in debrief.arc_tallies]
    cards = [_card(summary) for summary in debrief.runs]
    shared = [_poll(poll) for poll in debrief.shared]
    session = debrief.session
    close = []
    for poll in debrief.close_votes:
        close.append({"team": next((r for o in poll.options for r in o.runs), ""),
                      "arc_title": poll.arc_title, "title": poll.title,
                      "counts": " – ".join(f"{o.number}: {o.votes}" for o in poll.options)})
    return clean(render_template(
        "debrief.html", title=debrief.title, subtitle=_subtitle(debrief) if session else "",
        story=(session.story or "") if session else "", problems=debrief.problems,
        tallies=tallies, cards=cards,
        waiting=[(team.name, debrief.arc_title(team.arc)) for team in debrief.waiting],
        web=debrief.web, splits=debrief.splits, shared=shared, close_votes=close,
        prompts=debrief.prompts))


def _subtitle(debrief: Debrief) -> str:
    session = debrief.session
    mode = "hot seat" if session.mode == "hotseat" else "parallel"
    teams = f", {len(session.teams)} team(s)" if session.teams else ""
    return f"{mode}{teams}, {len(debrief.runs)} game(s) logged"


def _arc_tally(tally: ArcTally) -> dict[str, Any]:
    counts = [len(e.games) for e in tally.endings] + [len(tally.open_games)]
    return {"title": tally.title, "games": tally.games, "obeyed": tally.obeyed,
            "betrayed": tally.betrayed,
            "bar": charts.share_bar(counts, f"{tally.title}: how the {tally.games} games "
                                            "ended"),
            "endings": [{"title": ending.title, "kind": kind_name(ending.kind),
                         "novel": ending.historical, "games": len(ending.games),
                         "share": percent(len(ending.games), tally.games)}
                        for ending in tally.endings],
            "open": len(tally.open_games)}


def _card(summary: RunSummary) -> dict[str, Any]:
    """The card's facts are (label, text, class of a span round the text or None)."""
    same = summary.matches_novel
    rows = [("students", ", ".join(summary.students), None)] if summary.students else []
    rows += [("ending", ending_words(summary), None),
             ("the novel", novel_phrase(summary),
              "same" if same else "differs" if same is False else ""),
             ("choices", f"{summary.decisions}"
              + (f" in {duration(summary.seconds)}" if summary.seconds else "")
              + (f", {summary.votes_cast} votes" if summary.votes_cast else ""), None)]
    rows += [("what if", what_if_words(what_if), None) for what_if in summary.what_ifs]
    rows += [("override", override, None) for override in summary.overrides]
    if summary.resumed:
        rows.append(("note", "part of this game was loaded from a save", None))
    tags = charts.tag_bar(summary.obeyed, summary.betrayed,
                          f"{summary.label}: obeyed {summary.obeyed}, betrayed "
                          f"{summary.betrayed}")
    chart = charts.meter_chart(summary.trail, f"{summary.label}: the meters over "
                               f"{summary.decisions} choices") if summary.trail else ""
    return {"label": summary.label, "arc_title": summary.arc_title,
            "accused": summary.accused, "rows": rows, "tags": tags, "chart": chart}


def _poll(poll: Poll) -> dict[str, Any]:
    counts = [len(o.runs) for o in poll.options]
    return {"arc_title": poll.arc_title, "title": poll.title, "games": poll.games,
            "votes": poll.votes,
            "bar": charts.share_bar(counts, f"{poll.title}: share of games choosing each "
                                            "option"),
            "options": [{"number": option.number, "text": option.text, "tag": option.tag,
                         "available": option.available, "games": len(option.runs),
                         "share": percent(len(option.runs), poll.games),
                         "votes": option.votes,
                         "vote_share": percent(option.votes, poll.votes)}
                        for option in poll.options]}


# CSV -----------------------------------------------------------------------------------------

CSV_COLUMNS = ("session", "team", "students", "game", "arc", "file", "branch", "what_if_from",
               "choice", "scene", "option", "option_text", "tag", "votes", "votes_for",
               "votes_total", "result", "overridden", "seconds", "loyalty", "fear",
               "suspicion", "ending", "log")


def _cell(value) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ is quoted with '."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(debrief: Debrief) -> list[dict[str, Any]]:
    """One row per team per choice taken (what-ifs as branches 2, 3...)."""
    rows = []
    session = debrief.session.name if debrief.session else ""
    for summary in debrief.runs:
        run = summary.run
        if run is None:
            continue
        for branch in run.branches:
            decisions = [(n, b) for n, b in enumerate(branch.beats, 1)
                         if b.taken is not None and n > branch.inherited]
            for position, (number, beat) in enumerate(decisions, 1):
                taken = beat.taken
                vote = taken.vote
                override = override_summary(beat)
                if vote is not None:
                    result = {"facilitator": "tie settled by the facilitator",
                              "override": "the facilitator's choice"}.get(vote.decided_by,
                                                                          vote.decided_by)
                else:
                    result = "no vote"
                votes = taken.votes or (vote.votes if vote is not None else None)
                counts = shown_counts(beat, votes) if votes else []
                last = position == len(decisions) and branch.ending is not None
                rows.append({
                    "session": session, "team": summary.team,
                    "students": ", ".join(summary.students), "game": summary.label,
                    "arc": summary.arc, "file": summary.arc_title, "branch": branch.number,
                    "what_if_from": branch.from_choice or "", "choice": number,
                    "scene": beat.title or "", "option": beat.shown_number(taken.choice)
                    or taken.choice, "option_text": taken.text, "tag": taken.tag or "",
                    "votes": ";".join(str(c) for c in counts),
                    "votes_for": votes[taken.choice - 1]
                    if votes and taken.choice - 1 < len(votes) else "",
                    "votes_total": sum(counts) if counts else "", "result": result,
                    "overridden": "yes" if override else "no",
                    "seconds": "" if taken.seconds is None else round(taken.seconds),
                    **{m: taken.meters.get(m, "") for m in METERS},
                    "ending": branch.ending.title if last else "", "log": summary.log.name})
    return rows


def to_csv(debrief: Debrief) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in csv_rows(debrief):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def render(debrief: Debrief, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(debrief)
    if fmt == "text":
        return to_text(debrief)
    if fmt == "html":
        return to_html(debrief)
    if fmt == "json":
        return to_json(debrief)
    raise ValueError(f"unknown debrief format {fmt!r}")
