"""The teacher pack (`tulayev class pack NAME [-o FILE]`): one printable HTML page made from
the story and the session, and a PDF of it where Chromium is installed.

The page holds the content note and advice, the lesson's set-up for this session, a role
card and a recorder sheet per team, an exit ticket, the glossary, the timeline with its
sources, the guide to Serge's fiction and the record, and an activity for early finishers.
It is `game/templates/pack.html`, rendered by the game's one Jinja environment with
autoescaping on, so nothing from the story or the session (team and student names are
typed by people) reaches the page as markup.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from game.classroom import packtext
from game.classroom.session import Session, team_words
from game.narration.words import kind_name
from game.story.model import Arc, Story
from game.templates import render as render_template

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--no-first-run")
KEY_CHOICES = 3


@dataclass
class KeyChoice:
    title: str
    options: list[str]


def key_choices(arc: Arc, count: int = KEY_CHOICES) -> list[KeyChoice]:
    """`count` choices spread over the file where an obey and a betray are both offered:
    the ones worth a written reason."""
    torn = [s for s in arc.scenes.values()
            if not s.is_ending and {"obey", "betray"} <= {c.tag for c in s.choices}]
    if len(torn) > count:
        step = (len(torn) - 1) / (count - 1) if count > 1 else 0
        torn = [torn[round(i * step)] for i in range(count)]
    return [KeyChoice(s.title or f"choice {i}", [c.text for c in s.choices])
            for i, s in enumerate(torn, 1)]


def pack_data(session: Session, story: Story) -> dict:
    files = []
    for arc_id in dict.fromkeys(t.arc for t in session.teams):
        if not story.has_arc(arc_id):
            continue
        arc = story.arc(arc_id)
        files.append({
            "title": arc.title, "accused": arc.accused, "rank": arc.rank or "",
            "dossier": arc.dossier.strip(), "in_novel": arc.in_novel,
            "novel": [f"{s.ending.title} ({kind_name(s.ending.kind)})"
                      for s in arc.historical_endings],
            "key_choices": key_choices(arc),
        })
    by_title = {f["title"]: f for f in files}
    teams = []
    for team in session.teams:
        arc = story.arc(team.arc) if story.has_arc(team.arc) else None
        file = by_title.get(arc.title) if arc else None
        teams.append({"name": team.name, "label": team_words(team.name),
                      "who": f"{file['accused']} ({file['title']})" if file else team.arc,
                      "students": list(team.students),
                      "file": by_title.get(arc.title) if arc else None,
                      "arc": team.arc})
    parallel = session.mode == "parallel"
    return {
        "story": story.title, "session": session, "today": date.today().isoformat(),
        "parallel": parallel, "teams": teams, "files": files,
        "content_note": packtext.CONTENT_NOTE, "age": packtext.AGE_GUIDANCE,
        "families": packtext.FAMILY_ADVICE, "roles": packtext.ROLES,
        "exit_ticket": packtext.EXIT_TICKET, "early": packtext.EARLY_FINISHERS,
        "glossary": packtext.GLOSSARY, "fiction": packtext.FICTION_AND_RECORD,
        "timeline": [{"when": w, "what": what, "sources": [
            list(packtext.SOURCES).index(k) + 1 for k in keys]}
            for w, what, keys in packtext.TIMELINE],
        "sources": list(packtext.SOURCES.values()),
        "key_choices": KEY_CHOICES,
    }


def render_pack(session: Session, story: Story) -> str:
    return render_template("pack.html", **pack_data(session, story))


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def print_pdf(html_path: Path, pdf_path: Path, chromium: str, timeout: float = 180) -> str:
    """Print `html_path` to `pdf_path` with headless Chromium; '' on success, else why not."""
    profile = tempfile.mkdtemp(prefix="tulayev-pack-")
    try:
        result = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Chromium could not print it ({error})"
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        tail = (result.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return f"Chromium did not write the PDF ({tail[0]})"
    return ""
