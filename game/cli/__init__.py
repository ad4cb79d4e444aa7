"""The `tulayev` command. Thin: parses arguments and calls into the layers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game import __version__
from game.cli.reporting import load_or_report


def _story_arg(parser: argparse.ArgumentParser, positional: bool) -> None:
    if positional:
        parser.add_argument("story_dir", nargs="?", metavar="STORY_DIR",
                            help="folder of scene files (default: the shipped story)")
    else:
        parser.add_argument("--story", dest="story_dir", metavar="DIR",
                            help="folder of scene files (default: the shipped story)")


def _story_option(parser: argparse.ArgumentParser) -> None:
    """`--story DIR` as well as the positional STORY_DIR, as the other commands take it."""
    parser.add_argument("--story", dest="story_option", metavar="DIR",
                        help="the same as STORY_DIR")


def build_parser(only_play: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with `only_play`, just `tulayev play` (start-up is quicker
    without the other commands' parsers, which take longer to build than the title takes
    to draw)."""
    parser = argparse.ArgumentParser(
        prog="tulayev",
        description="Obey or Betray: The Case of Comrade Tulayev. With no command, plays.")
    parser.add_argument("--version", action="version", version=f"tulayev {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play the game (the default)")
    _add_play_options(play)
    if only_play:
        return parser

    validate = commands.add_parser("validate", help="check a story; every problem on one line")
    _story_arg(validate, True)
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--max-states", type=_positive, default=None, metavar="N",
                          help="bound on the state-space walk (default 200000)")

    explore = commands.add_parser("explore", help="walk every arc's state space, or play "
                                  "random runs, and report what can be reached")
    _story_arg(explore, True)
    _story_option(explore)
    explore.add_argument("--json", action="store_true", help="print one JSON object")
    explore.add_argument("--random", type=_positive, metavar="N", default=None,
                         help="play N seeded random playthroughs per arc instead")
    explore.add_argument("--seed", type=int, default=0, metavar="S",
                         help="seed for --random (default 0)")
    explore.add_argument("--max-states", type=_positive, default=None, metavar="N",
                         help="bound on the exhaustive walk (default 200000)")
    explore.add_argument("--arc", action="append", metavar="ID", help="only this arc "
                         "(repeatable)")

    commands.add_parser("schema", help="print the JSON Schema of the scene files")

    graph = commands.add_parser("graph", help="the story map of an arc, or with --case the "
                                "case web (Mermaid, DOT or SVG)")
    graph.add_argument("arc", metavar="ARC", nargs="?", help="the arc's id")
    graph.add_argument("--case", action="store_true", help="the case web instead: which file "
                       "writes each case entry, which files read it, whom it names")
    graph.add_argument("--format", choices=("mermaid", "dot", "svg"), default="mermaid",
                       help="mermaid (default), dot, or svg (needs Graphviz)")
    graph.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    _story_arg(graph, False)

    stats = commands.add_parser("stats", help="words per arc and speaker, choices, tag "
                                "balance, and story health from random play")
    _story_arg(stats, True)
    _story_option(stats)
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.add_argument("--runs", type=_positive, default=2_000, metavar="N",
                       help="random playthroughs per arc for the health numbers (2000)")
    stats.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")

    new = commands.add_parser("new", help="scaffold a new arc or scene that validates at once")
    kinds = new.add_subparsers(dest="kind", metavar="WHAT", required=True)
    new_arc = kinds.add_parser("arc", help="tulayev new arc ID")
    new_arc.add_argument("arc_id", metavar="ID")
    _story_arg(new_arc, False)
    new_scene = kinds.add_parser("scene", help="tulayev new scene ARC ID")
    new_scene.add_argument("arc_id", metavar="ARC")
    new_scene.add_argument("scene_id", metavar="ID")
    _story_arg(new_scene, False)
    _add_classroom_commands(commands)
    return parser


def _add_classroom_commands(commands) -> None:
    """`class`, `transcript`, `replay`, `debrief` and `serve` (see docs/classroom.md)."""
    klass = commands.add_parser("class", help="classroom sessions: teams, votes, logs")
    actions = klass.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="set up a session: tulayev class new NAME --team "
                             "Red=erchov --team Blue ...")
    new.add_argument("name", metavar="NAME", help="the session's name (letters, digits, - _)")
    new.add_argument("--team", action="append", metavar="NAME[=ARC]",
                     help="a team (or one player) and its arc; without =ARC the arc is dealt "
                     "at random (repeatable)")
    new.add_argument("--teams", type=_positive, metavar="N",
                     help="add N teams named Team 1, Team 2, ... with arcs dealt at random")
    new.add_argument("--arcs", metavar="ID,ID", help="deal random arcs from these only "
                     "(default: every arc)")
    new.add_argument("--seed", type=int, default=None, metavar="S",
                     help="seed for the random deal (the same seed deals the same arcs)")
    new.add_argument("--mode", choices=("hotseat", "parallel"), default="hotseat",
                     help="hotseat: one projected screen (default); parallel: a terminal or "
                     "browser per team")
    new.add_argument("--turns", choices=("arc", "choice"), default="arc",
                     help="hot seat: a team plays its whole file (arc, default) or one choice "
                     "each in turn (choice)")
    new.add_argument("--countdown", type=_positive, metavar="SECONDS",
                     help="time to discuss each choice before the vote")
    new.add_argument("--notes", action="store_true", help="show the facilitator notes from "
                     "the start")
    new.add_argument("--hide-meters", action="store_true", help="hide the meters at the start")
    new.add_argument("--replace", action="store_true", help="set up an existing session again "
                     "(its logs are kept)")
    new.add_argument("--students", action="append", metavar="TEAM=NAME,NAME",
                     help="the students of a team, for the debrief and the teacher pack "
                     "(repeatable)")
    _story_arg(new, False)
    _saves_arg(new)
    listing = actions.add_parser("list", help="the sessions in the saves folder")
    _saves_arg(listing)
    show = actions.add_parser("show", help="a session's teams, arcs and logs")
    show.add_argument("name", metavar="NAME")
    _saves_arg(show)
    run = actions.add_parser("run", help="run a hot-seat lesson on this screen, with votes")
    run.add_argument("name", metavar="NAME")
    run.add_argument("--plain", action="store_true", help="plain text, read from stdin")
    run.add_argument("--resume", action="store_true", help="take each team up where its last "
                     "log stopped (a lesson over two periods, or a parallel team's game)")
    run.add_argument("--team", metavar="NAME", help="only this team (with --resume: the "
                     "whole class on that team's game)")
    run.add_argument("--what-if", type=_positive, metavar="N", dest="what_if",
                     help="with --resume --team: go back to just before choice N, as a "
                     "what-if branch")
    run.add_argument("--theme", metavar="NAME", help="the screen's theme (e.g. projector)")
    _story_arg(run, False)
    _saves_arg(run)
    play = actions.add_parser("play", help="one game of a session (a team's own terminal), "
                              "logged in the session's folder")
    play.add_argument("name", metavar="NAME")
    play.add_argument("--team", metavar="NAME", help="the team playing (opens its file)")
    play.add_argument("--plain", action="store_true", help="plain text, read from stdin")
    play.add_argument("--resume", action="store_true", help="take up the team's game where "
                      "it stands (a reloaded browser tab, a restarted terminal)")
    _story_arg(play, False)
    _saves_arg(play)
    exclude = actions.add_parser("exclude", help="leave a game's log out of the debrief")
    exclude.add_argument("name", metavar="NAME")
    exclude.add_argument("log", metavar="LOG", nargs="+", help="a log's file name (see class "
                         "show)")
    exclude.add_argument("--include", action="store_true", help="take it back in")
    _saves_arg(exclude)
    release = actions.add_parser("release", help="show the novel's endings to teams still "
                                 "playing")
    release.add_argument("name", metavar="NAME")
    release.add_argument("--hide", action="store_true", help="hide them again")
    _saves_arg(release)
    watch = actions.add_parser("watch", help="the facilitator console: every team's game, "
                               "live, with a countdown, messages and pause")
    watch.add_argument("name", metavar="NAME")
    _story_arg(watch, False)
    _saves_arg(watch)
    pack = actions.add_parser("pack", help="a printable teacher pack (HTML, and PDF where "
                              "Chromium is installed)")
    pack.add_argument("name", metavar="NAME")
    pack.add_argument("--output", "-o", metavar="FILE", help="the HTML file to write "
                      "(default: pack.html in the session's folder)")
    pack.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    _story_arg(pack, False)
    _saves_arg(pack)
    setup = actions.add_parser("setup", help="set up a session on a screen")
    setup.add_argument("name", metavar="NAME", nargs="?", help="a name to start from")
    _story_arg(setup, False)
    _saves_arg(setup)

    transcript = commands.add_parser("transcript", help="a readable transcript of a game's log")
    transcript.add_argument("log", metavar="FILE", help="an event log (.jsonl)")
    transcript.add_argument("--format", choices=("md", "html", "json"), default="md",
                            help="md (default), html (prints cleanly) or json")
    transcript.add_argument("--output", "-o", metavar="FILE", help="write here, not to stdout")
    transcript.add_argument("--story-text", action="store_true", dest="story_text",
                            help="include the story's text of every scene, as the players "
                            "read it (the log is replayed through the story)")
    _story_arg(transcript, False)

    replay = commands.add_parser("replay", help="replay a logged game exactly")
    replay.add_argument("log", metavar="LOG", help="an event log (.jsonl)")
    replay.add_argument("--plain", action="store_true", help="print it as plain text")
    replay.add_argument("--delay", type=float, default=None, metavar="SECONDS",
                        help="pause between screens (plain), or play by itself (screen)")
    _story_arg(replay, False)

    debrief = commands.add_parser("debrief", help="a session's teams side by side, splits, "
                                  "shares, meters")
    debrief.add_argument("session", metavar="SESSION", help="a session's name or folder")
    debrief.add_argument("--format", choices=("text", "html", "json", "csv"), default="text",
                         help="text (default), html (self-contained, with charts), json, or "
                         "csv (one row per team per choice, for a spreadsheet)")
    debrief.add_argument("--output", "-o", metavar="FILE", help="write here, not to stdout")
    debrief.add_argument("--screen", action="store_true", help="show it on the debrief screen")
    _story_arg(debrief, False)
    _saves_arg(debrief)

    serve = commands.add_parser("serve", help="serve the game to browsers (each tab its own "
                                "game and log)")
    serve.add_argument("--session", metavar="NAME", help="the session the games belong to "
                       "(default: browser-DATE, made if needed)")
    serve.add_argument("--host", metavar="HOST", help="listen on this address (default: "
                       "127.0.0.1, this computer only); 0.0.0.0 for the whole network")
    serve.add_argument("--port", type=_port, default=8000, metavar="PORT",
                       help="port (default 8000; 0 picks a free one)")
    serve.add_argument("--max-sessions", type=_positive, default=40, metavar="N",
                       help="games at once; more are refused with a page saying so (default 40)")
    _story_arg(serve, False)
    _saves_arg(serve)


def _saves_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--saves-dir", metavar="DIR",
                        help="the saves folder (default: $TULAYEV_SAVES, else saves/); "
                        "sessions live in its classes/ folder")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be 0 to 65535")
    return value


def _add_play_options(play: argparse.ArgumentParser) -> None:
    play.add_argument("--arc", metavar="ID", help="open this arc straight away")
    play.add_argument("--scene", metavar="ID", help="start at this scene (with --arc)")
    play.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                      help="start with a meter, flag, counter or case.ID set (repeatable)")
    play.add_argument("--case", action="append", default=[], metavar="ID",
                      help="start with this case file entry set (repeatable): the arc's "
                      "opening runs on it, as the dossier would")
    _story_arg(play, False)
    play.add_argument("--saves-dir", metavar="DIR",
                      help="where saves go (default: $TULAYEV_SAVES, else saves/)")
    play.add_argument("--plain", action="store_true",
                      help="linear text with numbered choices, read from standard input")
    play.add_argument("--watch", action="store_true",
                      help="author mode: on every save, check the whole story as validate "
                      "does (strandings too) and reload it")
    play.add_argument("--author", action="store_true",
                      help="author mode without live reload (g shows the arc's map)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    from game.story.safetext import safe_stream

    # Every line a command prints passes through the one sanitiser: names and text from
    # stories, sessions, logs and saves never carry an escape sequence to the terminal.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = safe_stream(sys.stdout), safe_stream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: list[str] | None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if not args_list or args_list[0].startswith("-") and args_list[0] not in (
            "-h", "--help", "--version"):
        args_list = ["play", *args_list]
    parser = build_parser(only_play=args_list[0] == "play")
    args = parser.parse_args(args_list)
    option = getattr(args, "story_option", None)
    if option is not None:
        if args.story_dir is not None and args.story_dir != option:
            parser.error(f"two story folders given ({args.story_dir} and --story {option}): "
                         "give one")
        args.story_dir = option
    try:
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "explore":
            return cmd_explore(args)
        if args.command == "graph":
            return cmd_graph(args)
        if args.command == "stats":
            return cmd_stats(args)
        if args.command == "new":
            return cmd_new(args)
        if args.command in CLASSROOM_COMMANDS:
            return cmd_classroom(args)
        if args.command == "schema":
            from game.story.schema import json_schema_text

            sys.stdout.write(json_schema_text())
            return 0
        return cmd_play(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


CLASSROOM_COMMANDS = ("class", "transcript", "replay", "debrief", "serve")


def cmd_classroom(args) -> int:
    from importlib.util import find_spec

    from game.cli import classroom as commands

    if args.command == "serve" and find_spec("textual_serve") is None:
        # `make play` installs what playing needs; serving needs one package more.
        print("tulayev serve: textual-serve is not installed (run `make install`, or "
              "`.venv/bin/python -m pip install textual-serve`)", file=sys.stderr)
        return 1

    handler = {"class": commands.cmd_class, "transcript": commands.cmd_transcript,
               "replay": commands.cmd_replay, "debrief": commands.cmd_debrief,
               "serve": commands.cmd_serve}[args.command]
    return handler(args)


def cmd_validate(args) -> int:
    from game.engine.explorer import DEFAULT_MAX_STATES
    from game.engine.validation import all_problems
    from game.story import StoryError, load_story
    from game.story.locate import default_story_dir

    root = Path(args.story_dir) if args.story_dir else default_story_dir()
    try:
        story = load_story(root)
    except StoryError as error:
        for problem in error.problems:
            print(problem)
        errors = sum(p.is_error for p in error.problems)
        warnings = len(error.problems) - errors
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    problems = all_problems(story, args.max_states or DEFAULT_MAX_STATES,
                            progress=sys.stderr if sys.stderr.isatty() else None)
    for problem in problems:
        print(problem)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    scenes = sum(len(a.scenes) for a in story.arcs)
    print(f"{root}: {len(story.arcs)} arc(s), {scenes} scene(s): {errors} error(s), "
          f"{warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def cmd_explore(args) -> int:
    from game.engine.explorer import DEFAULT_MAX_STATES, explore_story
    from game.engine.report import explore_text

    story = load_or_report(args.story_dir, cached=True)
    if story is None:
        return 1
    if args.arc:
        unknown = [a for a in args.arc if not story.has_arc(a)]
        if unknown:
            print(f"tulayev explore: no arc {unknown[0]!r} (arcs: "
                  f"{', '.join(story.arc_ids)}){story_hint(args)}", file=sys.stderr)
            return 1
    reports = explore_story(story, max_states=args.max_states or DEFAULT_MAX_STATES,
                            runs=args.random, seed=args.seed, arcs=args.arc)
    if args.json:
        json.dump({"story": story.title, "mode": "random" if args.random else "exhaustive",
                   "arcs": [r.to_json() for r in reports]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(explore_text(story, reports))
    stranded = any(r.stranded for r in reports)
    return 1 if stranded else 0


def cmd_graph(args) -> int:
    from game.authoring.graph import GraphError, render, render_case

    if args.case == (args.arc is not None):
        print("tulayev graph: give an arc's id or --case (one of the two)", file=sys.stderr)
        return 1
    story = load_or_report(args.story_dir)
    if story is None:
        return 1
    if not args.case and not story.has_arc(args.arc):
        print(f"tulayev graph: no arc {args.arc!r} (arcs: {', '.join(story.arc_ids)})"
              f"{story_hint(args)}", file=sys.stderr)
        return 1
    try:
        text = (render_case(story, args.format) if args.case
                else render(story.arc(args.arc), args.format))
    except GraphError as error:
        print(f"tulayev graph: {error}", file=sys.stderr)
        return 1
    if args.output:
        from game.engine.saves import atomic_write_text

        atomic_write_text(Path(args.output), text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_stats(args) -> int:
    from game.authoring.stats import stats_text, story_stats

    story = load_or_report(args.story_dir)
    if story is None:
        return 1
    data = story_stats(story, runs=args.runs, seed=args.seed)
    if args.json:
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(stats_text(data))
    return 0


def _awaits_scene(problem, arc_id: str, scene_id: str) -> bool:
    """A load error that only says the scene about to be written is missing (a `goto` or
    `visited()` written first, the natural order of writing)."""
    return (problem.message.startswith(f"goto {scene_id!r}: no such scene in arc {arc_id!r}")
            or f"visited({scene_id}): no scene {scene_id!r}" in problem.message)


def cmd_new(args) -> int:
    from game.authoring.scaffold import ScaffoldError, new_arc, new_scene
    from game.story import StoryError, load_story
    from game.story.locate import default_story_dir

    folder = Path(args.story_dir) if args.story_dir else default_story_dir()
    if not folder.is_dir():
        print(f"tulayev new: {folder}: no such story folder", file=sys.stderr)
        return 1
    awaited = False
    try:
        story = load_story(folder)
    except StoryError as error:
        story = None
        if args.kind == "scene":
            blocking = [p for p in error.problems
                        if p.is_error and not _awaits_scene(p, args.arc_id, args.scene_id)]
            if blocking:
                for problem in blocking:
                    print(problem, file=sys.stderr)
                print("tulayev new: fix the story first (the new scene must join an arc)",
                      file=sys.stderr)
                return 1
            awaited = True
    try:
        if args.kind == "arc":
            path = new_arc(folder, args.arc_id, story)
            print(f"wrote {path}\nnext: tulayev validate {folder} && "
                  f"tulayev play --story {folder} --arc {args.arc_id}")
            return 0
        if story is not None and not story.has_arc(args.arc_id):
            raise ScaffoldError(f"no arc {args.arc_id!r} (arcs: {', '.join(story.arc_ids)})"
                                + story_hint(args))
        path = new_scene(folder, args.arc_id, args.scene_id, story)
    except ScaffoldError as error:
        print(f"tulayev new: {error}", file=sys.stderr)
        return 1
    if awaited:
        try:
            load_story(folder)
        except StoryError as error:
            path.unlink()
            for problem in error.problems:
                print(problem, file=sys.stderr)
            print(f"tulayev new: {path.name} not kept: the story still does not load",
                  file=sys.stderr)
            return 1
        print(f"wrote {path}\nthe goto that named it now leads there; next: tulayev play "
              f"--story {folder} --arc {args.arc_id} --scene {args.scene_id}")
        return 0
    print(f"wrote {path}\nnext: add 'goto: {args.scene_id}' to a choice in arc "
          f"{args.arc_id!r}, then: tulayev play --story {folder} --arc {args.arc_id} "
          f"--scene {args.scene_id}")
    return 0


def story_hint(args) -> str:
    """When no --story was given and a story folder is in the working directory, a hint
    to pass it (the shipped story was read instead)."""
    if getattr(args, "story_dir", None):
        return ""
    from game.story.locate import default_story_dir

    try:
        here = Path.cwd()
        candidates = [here, *sorted(p for p in here.iterdir()
                                    if p.is_dir() and not p.name.startswith("."))]
        shipped = default_story_dir().resolve()
    except OSError:
        return ""
    for folder in candidates:
        marked = (folder / "story.yaml").is_file() or folder == here and any(
            here.glob("*.yaml"))
        if marked and folder.resolve() != shipped:
            shown = "." if folder == here else folder.name
            return (f"; this read the shipped story: for the story in {shown}, add "
                    f"--story {shown}")
    return ""


def parse_settings(pairs: list[str]) -> dict[str, int | bool]:
    settings: dict[str, int | bool] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--set {pair!r}: write NAME=VALUE, as in --set fear=80")
        raw = raw.strip().lower()
        if raw in ("true", "false"):
            settings[name.strip()] = raw == "true"
        else:
            try:
                settings[name.strip()] = int(raw)
            except ValueError:
                raise ValueError(f"--set {pair!r}: the value must be a whole number or "
                                 "true/false") from None
    return settings


class OpenError(Exception):
    """The story could not be opened; `lines` are what to print."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def open_story(story_dir: str | None, **launch_options):
    """Load the story and prepare the launch, or raise OpenError with every problem line."""
    from game.engine.launch import LaunchError, prepare_launch
    from game.engine.storycache import load_story_cached
    from game.story.locate import default_story_dir
    from game.story.problems import StoryError

    root = Path(story_dir) if story_dir else default_story_dir()
    try:
        story = load_story_cached(root, apart=True)
    except StoryError as error:
        errors = sum(p.is_error for p in error.problems)
        raise OpenError([str(p) for p in error.problems]
                        + [f"{errors} error(s): the story was not loaded"]) from None
    try:
        return prepare_launch(story, **launch_options)
    except (LaunchError, ValueError) as error:
        hint = story_hint(argparse.Namespace(story_dir=story_dir)) \
            if str(error).startswith("no arc ") else ""
        raise OpenError([f"tulayev play: {error}{hint}"]) from None


def cmd_play(args) -> int:
    if not args.plain and not sys.stdin.isatty():
        # Piped or redirected input (`tulayev play </dev/null`, a script, an editor's run
        # button): the full-screen game cannot read it, plain mode can.
        if args.watch or args.author:
            print("tulayev play: --watch and --author need a terminal on standard input",
                  file=sys.stderr)
            return 1
        print("tulayev play: standard input is not a terminal, so this is plain mode "
              "(--plain); run it in a terminal for the full-screen game", file=sys.stderr)
        args.plain = True
    if args.plain and (args.watch or args.author):
        print("tulayev play: --watch and --author need the full-screen game, not --plain",
              file=sys.stderr)
        return 1
    try:
        settings = parse_settings(args.set)
    except ValueError as error:
        print(f"tulayev play: {error}", file=sys.stderr)
        return 1
    options = {"arc": args.arc, "scene": args.scene, "settings": settings,
               "saves_dir": args.saves_dir, "case": args.case}
    from game.story.locate import default_story_dir

    watch_dir = (Path(args.story_dir) if args.story_dir else default_story_dir()) \
        if args.watch else None
    if (not args.plain and args.arc is None and args.scene is None and not settings
            and not args.case and sys.stdout.isatty()):
        # The title screen first; the story is read while it is already on screen.
        from game.ui.app import run_app

        return run_app(None, watch_dir=watch_dir, author=args.author,
                       opener=lambda: open_story(args.story_dir, **options),
                       saves_dir=args.saves_dir)
    try:
        launch = open_story(args.story_dir, **options)
    except OpenError as error:
        for line in error.lines:
            print(line, file=sys.stderr)
        return 1
    if args.plain:
        from game.plain.game import play_plain

        return play_plain(launch, sys.stdin, sys.stdout)
    from game.ui.app import run_app

    return run_app(launch, watch_dir=watch_dir, author=args.author)
