"""The classroom commands behind `tulayev class|transcript|replay|debrief|serve`.

`game.cli` registers the arguments and calls these; every failure is one line on stderr
(`path:line:col: what` for a bad file, `tulayev X: what` otherwise) and exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from game.classroom.eventlog import EventLog, LogError
from game.classroom.session import (
    Seat,
    Session,
    SessionError,
    SessionFileError,
    assign_arcs,
    create_session,
    list_sessions,
    load_session,
    parse_students_spec,
    parse_team_spec,
)
from game.engine.machine import Engine
from game.engine.saves import atomic_write_text, default_saves_dir


def saves_root(args) -> Path:
    return Path(args.saves_dir).expanduser() if getattr(args, "saves_dir", None) else \
        default_saves_dir()


def fail(command: str, error: Exception) -> int:
    """Report `error` in one line: as it is when it names a file, else after the command."""
    if isinstance(error, LogError | SessionFileError):
        print(str(error), file=sys.stderr)
    else:
        print(f"tulayev {command}: {error}", file=sys.stderr)
    return 1


def _story(args):
    from game.cli.reporting import load_or_report

    return load_or_report(getattr(args, "story_dir", None))


def _write_output(command: str, text: str, output: str | None, stdout: TextIO) -> int:
    if not output:
        stdout.write(text)
        return 0
    try:
        atomic_write_text(Path(output).expanduser(), text)
    except OSError as error:
        print(f"tulayev {command}: {output}: cannot write ({error.strerror or error})",
              file=sys.stderr)
        return 1
    print(f"wrote {output}", file=sys.stderr)
    return 0


# tulayev class ... ---------------------------------------------------------------------------


def cmd_class(args) -> int:
    action = args.class_command
    try:
        if action == "new":
            return class_new(args)
        if action == "list":
            return class_list(args)
        if action == "show":
            return class_show(args)
        if action == "run":
            return class_run(args)
        if action == "play":
            return class_play(args)
        if action == "setup":
            return class_setup(args)
        if action == "exclude":
            return class_exclude(args)
        if action == "release":
            return class_release(args)
        if action == "watch":
            return class_watch(args)
        if action == "pack":

            return class_pack(args)
    except (SessionError, LogError) as error:
        return fail(f"class {action}", error)
    raise AssertionError(action)


def class_new(args) -> int:
    story = _story(args)
    if story is None:
        return 1
    specs = [parse_team_spec(spec) for spec in args.team or []]
    if args.teams:
        taken = {name.casefold() for name, _ in specs}
        number = 0
        while len(specs) < args.teams + len(args.team or []):
            number += 1
            if f"team {number}" not in taken:
                specs.append((f"Team {number}", None))
    pool = [a.strip() for a in args.arcs.split(",") if a.strip()] if args.arcs else \
        list(story.arc_ids)
    teams = assign_arcs(specs, pool, list(story.arc_ids), args.seed)
    teams = with_students(teams, [parse_students_spec(s) for s in args.students or []])
    session = create_session(
        saves_root(args), args.name, teams, mode=args.mode, turns=args.turns,
        countdown=args.countdown, show_notes=args.notes, show_meters=not args.hide_meters,
        story=story.title, replace=args.replace)
    print(describe(session, story))
    if session.mode == "hotseat":
        print(f"\nnext: tulayev class run {session.name}   (all teams on this screen)")
    else:
        print(f"\nnext, at each team's terminal: tulayev class play {session.name} "
              "--team NAME\n  or in browsers: tulayev serve --session "
              f"{session.name} --host 0.0.0.0")
    return 0


def with_students(teams, specs):
    """`teams` with the students named in `specs` ((team, names) pairs)."""
    from dataclasses import replace

    by_name = {t.name.casefold(): t for t in teams}
    for team, students in specs:
        if team.casefold() not in by_name:
            raise SessionError(f"--students {team}: there is no team {team!r}")
        by_name[team.casefold()] = replace(by_name[team.casefold()], students=students)
    return tuple(by_name[t.name.casefold()] for t in teams)


def describe(session: Session, story=None) -> str:
    mode = "hot seat" if session.mode == "hotseat" else "parallel"
    lines = [f"session {session.name} ({mode}): {session.folder}"]
    if session.mode == "hotseat":
        lines.append(f"  turns: {'one choice' if session.turns == 'choice' else 'a whole file'}"
                     " per team")
    if session.countdown:
        lines.append(f"  countdown: {session.countdown} s per choice")
    lines.append(f"  facilitator notes {'shown' if session.show_notes else 'hidden'}, meters "
                 f"{'shown' if session.show_meters else 'hidden'} at the start")
    for team in session.teams:
        arc = story.arc(team.arc) if story is not None and story.has_arc(team.arc) else None
        who = f"{arc.accused} ({arc.title})" if arc else team.arc
        lines.append(f"  {team.name}: {who}"
                     + (f"; {', '.join(team.students)}" if team.students else ""))
    return "\n".join(lines)


def class_list(args) -> int:
    sessions = list_sessions(saves_root(args))
    if not sessions:
        print(f"no sessions in {saves_root(args) / 'classes'} yet: tulayev class new NAME "
              "--team ...")
        return 0
    for session in sessions:
        mode = "hot seat" if session.mode == "hotseat" else "parallel"
        print(f"{session.name}: {mode}, {len(session.teams)} team(s), "
              f"{len(session.log_paths())} log(s), made {session.created_at}")
    return 0


def class_show(args) -> int:
    session = load_session(args.name, saves_root(args))
    print(describe(session))
    for path in session.log_paths():
        print(f"  log: {path.name}")
    return 0


def class_run(args) -> int:
    from game.classroom.hotseat import ClassGame

    session = load_session(args.name, saves_root(args))
    if not session.teams:
        raise SessionError(f"session {session.name!r} has no teams to take turns")
    story = _story(args)
    if story is None:
        return 1
    missing = [t for t in session.teams if not story.has_arc(t.arc)]
    if missing:
        raise SessionError(f"team {missing[0].name!r} plays arc {missing[0].arc!r}, which is "
                           "not in the story")
    if args.what_if is not None and not (args.resume and args.team):
        raise SessionError("--what-if needs --resume and --team: it takes that team's game "
                           "back to a choice")
    if args.theme is not None:
        from game.ui.themes import THEMES

        names = [t.name for t in THEMES]
        if args.theme not in names:
            raise SessionError(f"--theme {args.theme}: no such theme (themes: "
                               f"{', '.join(names)})")
    game = ClassGame(session, story, resume=args.resume,
                     teams=[args.team] if args.team else None)
    if args.what_if is not None:
        history = game.current.state.history
        if not 1 <= args.what_if <= len(history):
            game.close()
            raise SessionError(f"--what-if {args.what_if}: team {game.current.team.name!r} "
                               f"has taken {len(history)} choice(s) (1 to {len(history)})")
        game.rewind(args.what_if - 1)
    if args.plain:
        from game.plain.classroom import run_plain_class

        return run_plain_class(game, sys.stdin, sys.stdout)
    from game.ui.screens.class_play import run_class_app

    return run_class_app(game, args.theme)


def class_play(args) -> int:
    """One game of a session (a team's terminal, or a browser tab), logged."""
    from game.engine.launch import LaunchError, prepare_launch

    session = load_session(args.name, saves_root(args))
    team = session.team(args.team) if args.team else None
    story = _story(args)
    if story is None:
        return 1
    if team is not None and not story.has_arc(team.arc):
        raise SessionError(f"team {team.name!r} plays arc {team.arc!r}, which is not in the "
                           "story")
    if args.resume and team is None:
        raise SessionError("--resume needs --team: it takes up that team's game")
    seat = session.new_seat(team.name if team else None)
    engine = Engine(story)
    resumed = None
    if args.resume:
        try:
            resumed = resume_team(session, story, team.name)
        except LogError as error:   # a team is never locked out by a log it cannot resume
            print(f"{error}; starting a new game for team {team.name!r} (the old log is "
                  "kept)", file=sys.stderr)
    if resumed is not None:
        path, state = resumed
        seat = Seat(path.stem, team.name, path, seat.saves_dir)
        log = EventLog(path, resume=True)
    else:
        state = None
        log = EventLog(seat.log_path, {"session": session.name,
                                       "team": team.name if team else None,
                                       "seat": seat.id, "mode": session.mode,
                                       "story": story.title})
    unsubscribe = engine.subscribe(log)
    try:
        try:
            launch = prepare_launch(story, arc=None if state else team.arc if team else None,
                                    saves_dir=str(seat.saves_dir), engine=engine)
        except LaunchError as error:
            raise SessionError(str(error)) from None
        if state is not None:
            launch.state = state
        if args.plain:
            from game.classroom.control import FollowingInput
            from game.plain.game import play_plain

            return play_plain(launch, FollowingInput(sys.stdin, sys.stdout, session.folder),
                              sys.stdout)
        from game.ui.screens.class_seat import ClassSeat, run_seat_app

        return run_seat_app(launch, ClassSeat(session, team.name if team else None))
    finally:
        from game.classroom.transcript import write_beside

        unsubscribe()
        log.close()
        write_beside(log.path)


def resume_team(session: Session, story, team: str):
    """(log path, play state) of the team's latest game, replayed to where it stands; None
    when the team has no game yet (or its file is not the team's arc any more)."""
    from game.classroom.replay import replay_log

    path = session.latest_log(team)
    if path is None:
        return None
    _, state, _ = replay_log(path, story)
    if state.arc != session.team(team).arc:
        return None
    return path, state


def class_exclude(args) -> int:
    """Leave logs out of the debrief (or, with --include, take them back in)."""
    session = load_session(args.name, saves_root(args))
    names = {p.name: p for p in session.log_paths()}
    chosen = []
    for ref in args.log:
        name = Path(ref).name
        name = name if name.endswith(".jsonl") else name + ".jsonl"
        if name not in names:
            raise SessionError(f"session {session.name!r} has no log {ref!r} (see: tulayev "
                               f"class show {session.name})")
        chosen.append(name)
    excluded = [n for n in session.excluded if n not in chosen] if args.include else \
        list(dict.fromkeys([*session.excluded, *chosen]))
    session.excluded = tuple(excluded)
    session.save()
    verb = "taken back into" if args.include else "left out of"
    for name in chosen:
        print(f"{name}: {verb} the debrief")
    return 0


def class_release(args) -> int:
    """Show the novel's endings to teams still playing (or hide them again)."""
    session = load_session(args.name, saves_root(args))
    session.released = not args.hide
    session.save()
    print("the novel's endings are " + ("shown to every team" if session.released else
                                         "hidden from teams until they finish their file"))
    return 0


def class_watch(args) -> int:
    """The facilitator's console over a session's folder."""
    session = load_session(args.name, saves_root(args))
    story = _story(args)
    if story is None:
        return 1
    from game.ui.screens.class_watch import run_watch_app

    return run_watch_app(session, story)


def class_setup(args) -> int:
    story = _story(args)
    if story is None:
        return 1
    from game.ui.screens.class_setup import run_setup_app

    return run_setup_app(story, saves_root(args), args.name)


# tulayev transcript / replay / debrief / serve ----------------------------------------------


def cmd_transcript(args, stdout: TextIO = sys.stdout) -> int:
    from game.classroom.playlog import load_playthrough
    from game.classroom.transcript import render

    try:
        play = load_playthrough(args.log)
    except LogError as error:
        return fail("transcript", error)
    texts = None
    if args.story_text:
        from game.classroom.replay import scene_texts

        story = _story(args)
        if story is None:
            return 1
        try:
            texts = scene_texts(args.log, story)
        except LogError as error:
            return fail("transcript", error)
    return _write_output("transcript", render(play, args.format, texts), args.output, stdout)


def cmd_replay(args, stdout: TextIO = sys.stdout) -> int:
    from game.classroom.replay import build_frames
    from game.plain.replay import play_plain

    story = _story(args)
    if story is None:
        return 1
    try:
        frames = build_frames(args.log, story)
    except LogError as error:
        return fail("replay", error)
    if not frames:
        print(f"tulayev replay: {args.log}: nothing was played in this log", file=sys.stderr)
        return 1
    if args.plain or not stdout.isatty():
        return play_plain(frames, stdout, args.delay or 0.0)
    from game.ui.screens.replay import run_replay_app

    return run_replay_app(frames, story.title, args.delay)


def cmd_debrief(args, stdout: TextIO = sys.stdout) -> int:
    from game.classroom.debrief import debrief_session, render

    try:
        session = load_session(args.session, saves_root(args))
    except SessionError as error:
        return fail("debrief", error)
    story = None
    if args.story_dir:
        story = _story(args)
        if story is None:
            return 1
    else:
        from game.story import StoryError, load_story
        from game.story.locate import default_story_dir

        try:
            story = load_story(default_story_dir())
        except StoryError:
            story = None    # the logs carry what the debrief needs
    debrief = debrief_session(session, story)
    for problem in debrief.problems:
        print(problem, file=sys.stderr)
    if args.screen:
        from game.ui.screens.debrief import run_debrief_app

        return run_debrief_app(debrief, session.folder)
    return _write_output("debrief", render(debrief, args.format), args.output, stdout)


def cmd_serve(args) -> int:
    from datetime import date

    from game.classroom.session import find_session
    from game.serve.server import ClassroomServer, start_notes

    saves = saves_root(args)
    try:
        if args.session:
            session = load_session(args.session, saves)
        else:
            name = f"browser-{date.today():%Y%m%d}"
            try:
                session = load_session(find_session(name, saves), saves)
            except SessionError:
                session = create_session(saves, name, (), mode="parallel")
    except SessionError as error:
        return fail("serve", error)
    story = _story(args)
    if story is None:
        return 1
    host = args.host or "127.0.0.1"
    server = ClassroomServer(session, saves_dir=saves, story_dir=args.story_dir, host=host,
                             port=args.port, max_sessions=args.max_sessions,
                             title=story.title)

    def announce(line: str) -> None:
        print(line, flush=True)
        if line.startswith("Serving"):
            for note in start_notes(host, server.site_port or args.port, session):
                print(note, flush=True)
            print(f"Logs: {session.logs_dir}", flush=True)

    try:
        return server.run(announce)
    except OSError as error:
        print(f"tulayev serve: cannot listen on {host}:{args.port} "
              f"({error.strerror or error})", file=sys.stderr)
        return 1


def class_pack(args) -> int:
    import os

    from game.classroom.pack import find_chromium, print_pdf, render_pack
    from game.classroom.session import load_session

    session = load_session(args.name, saves_root(args))
    if not session.teams:
        raise SessionError(f"session {session.name!r} has no teams: the pack is made for "
                           "the teams of a session (tulayev class new NAME --team ...)")
    story = _story(args)
    if story is None:
        return 1
    target = Path(args.output).expanduser() if args.output else session.folder / "pack.html"
    try:
        atomic_write_text(target, render_pack(session, story))
    except OSError as error:
        raise SessionError(f"{target}: cannot write ({error.strerror or error})") from None
    print(f"wrote {target}")
    if args.no_pdf:
        return 0
    chromium = os.environ.get("TULAYEV_CHROMIUM") or find_chromium()
    if chromium is None:
        print("no PDF: Chromium is not installed (print the HTML from a browser instead)",
              file=sys.stderr)
        return 0
    pdf = target.with_suffix(".pdf")
    problem = print_pdf(target, pdf, chromium)
    if problem:
        print(f"no PDF: {problem}; print the HTML from a browser instead", file=sys.stderr)
    else:
        print(f"wrote {pdf}")
    return 0
