"""The teacher pack (`tulayev class pack NAME [-o FILE]`): one printable HTML page made from
the story and the session, and a PDF of it where Chromium is installed.

The page holds the content note and advice, the lesson's set-up for this session, a role
card and a recorder sheet per team, an exit ticket, the glossary, the timeline with its
sources, the guide to Serge's fiction and the record, and an activity for early finishers.
Jinja2 renders it with autoescaping on, so nothing from the story or the session (team and
student names are typed by people) reaches the page as markup.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from game.classroom import packtext
from game.classroom.session import Session, team_words
from game.narration.words import kind_name
from game.story.model import Arc, Story

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
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    return env.from_string(TEMPLATE).render(**pack_data(session, story))


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


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Teacher pack: {{ story }} ({{ session.name }})</title>
<style>
:root { --ink: #1d1d1f; --muted: #5c5c66; --rule: #b9b9c3; --accent: #8a1c1c; }
* { box-sizing: border-box; }
body { font: 12pt/1.45 Georgia, "Times New Roman", serif; color: var(--ink);
       margin: 0 auto; max-width: 48rem; padding: 1.5rem; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.7rem; border-bottom: 3px solid var(--accent); padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; color: var(--accent); }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.muted { color: var(--muted); }
.note { border: 2px solid var(--accent); padding: .5rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { font-family: Arial, sans-serif; font-size: .9em; background: #f2f0ec; }
td.write { height: 3.2rem; }
code { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: .9em; }
.card, .sheet, .ticket { border: 1px dashed var(--ink); padding: .6rem 1rem; margin: 1rem 0;
                         break-inside: avoid; page-break-inside: avoid; }
.sheet, .cards, .tickets { break-before: page; page-break-before: always; }
.roles dt { font-weight: bold; } .roles dd { margin: 0 0 .3rem 1rem; }
.lines { border-bottom: 1px solid var(--rule); height: 1.8rem; }
sup { font-size: .7em; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<h1>Teacher pack: {{ story }}</h1>
<p class="muted">Session <strong>{{ session.name }}</strong>
({{ "parallel" if parallel else "hot seat" }},
{{ teams|length }} team{{ "s" if teams|length != 1 }}),
made {{ today }}. Print the whole pack for yourself; print one role card, one recorder sheet
and exit tickets for each team.</p>

<h2 id="content-note">Before the lesson: content note</h2>
<div class="note">
<p>The files deal with:</p>
<ul>
{% for line in content_note %}
<li>{{ line }}</li>
{% endfor %}
</ul>
</div>
<h3>Age guidance</h3>
<ul>
{% for line in age %}
<li>{{ line }}</li>
{% endfor %}
</ul>
<h3>Students whose families were touched by repression</h3>
<ul>
{% for line in families %}
<li>{{ line }}</li>
{% endfor %}
</ul>

<h2 id="plan">The lesson: 45 minutes</h2>
<table>
<thead><tr><th>min</th><th>what happens</th></tr></thead>
<tbody>
<tr><td>before</td><td>Set up the session{{
  " and test one team's computer or browser" if parallel }}.
{% if parallel %}
Start the console on your screen: <code>tulayev class watch {{ session.name }}</code>.
Each team's computer: <code>tulayev class play {{ session.name }} --team "NAME"</code>
(or serve browsers: <code>tulayev serve --session {{ session.name }} --host 0.0.0.0</code>
and write the printed address on the board).
{% else %}
On the projector: <code>tulayev class run {{ session.name }} --theme projector</code>.
{% endif %}
Print the role cards and recorder sheets.</td></tr>
<tr><td>0-5</td><td>The frame: Moscow in the 1930s, a shot in the snow, a Party that needs a
plot. Obey and betray are always the Party's words: telling the truth is <em>betray</em>.</td></tr>
<tr><td>5-10</td><td>Teams sit down, hand out roles (cards below) and open their file. A team
that cannot open its file joins another team for today.</td></tr>
<tr><td>10-32</td><td>Teams play. The recorder writes a reason at the {{ key_choices }} key
choices on the sheet, not at every choice. Walk between teams; the console shows who is
stuck. At 27 minutes send "5 minutes left" (<code>m</code>) or start a countdown
(<code>c</code>).</td></tr>
<tr><td>32-45</td><td>Pause all (<code>p</code>), release the novel's endings
(<code>e</code>), and show the debrief (<code>d</code>; <code>b</code> opens it on every
team's screen; or
<code>tulayev debrief {{ session.name }} --screen</code>). Two questions from "To discuss";
then the exit ticket.</td></tr>
</tbody>
</table>
<p class="muted">Teams that finish early: the activity at the end of this pack.</p>

<h2 id="files">The files in this session</h2>
{% for file in files %}
<h3>{{ file.title }}: {{ file.accused }}</h3>
<p>{% if file.rank %}<em>{{ file.rank }}.</em> {% endif %}{{ file.dossier }}</p>
{% if not file.in_novel %}
<p><strong>Not in the novel:</strong> this file was written for the game. Say so to the class.</p>
{% elif file.novel %}
<p class="muted">For your eyes: the novel ends it with {{ file.novel|join("; ") }}.</p>
{% endif %}
{% endfor %}

<div class="cards">
<h2 id="role-cards">Role cards</h2>
{% for team in teams %}
<div class="card">
<h3>{{ team.label }}: {{ team.who }}</h3>
{% if team.students %}<p>Students: {{ team.students|join(", ") }}</p>{% endif %}
<dl class="roles">
{% for role, task in roles %}
<dt>{{ role }}: <span class="lines" style="display:inline-block;width:14rem"></span></dt>
<dd>{{ task }}</dd>
{% endfor %}
</dl>
{% if parallel %}
<p class="muted">To start:
<code>tulayev class play {{ session.name }} --team "{{ team.name }}"</code>,
or the browser address on the board, <code>?team={{ team.name|urlencode }}</code>.</p>
{% endif %}
</div>
{% endfor %}
</div>

{% for team in teams %}
<div class="sheet">
<h2>Recorder sheet: {{ team.label }}</h2>
<p>The man: {{ team.who }}.
Recorder: <span class="lines" style="display:inline-block;width:14rem"></span></p>
<table>
<thead><tr><th>key choice</th><th>what we chose</th><th>the vote</th>
<th>our reason, in one line</th></tr></thead>
<tbody>
{% if team.file %}
{% for choice in team.file.key_choices %}
<tr><td>{{ loop.index }}. {{ choice.title }}</td><td class="write"></td>
<td class="write"></td><td class="write"></td></tr>
{% endfor %}
{% endif %}
<tr><td>The ending we reached</td><td class="write" colspan="3"></td></tr>
</tbody>
</table>
<p class="muted">Only these choices need a written reason. At each one, the devil's advocate
speaks first.</p>
</div>
{% endfor %}

<div class="tickets">
<h2 id="exit-ticket">Exit ticket</h2>
{% for copy in [1, 2] %}
<div class="ticket">
<p><strong>Name:</strong> <span class="lines" style="display:inline-block;width:16rem"></span></p>
{% for question in exit_ticket %}
<p>{{ loop.index }}. {{ question }}</p>
<div class="lines"></div><div class="lines"></div>
{% endfor %}
</div>
{% endfor %}
</div>

<h2 id="glossary">Glossary</h2>
<table>
<tbody>
{% for word, meaning in glossary %}
<tr><th>{{ word }}</th><td>{{ meaning }}</td></tr>
{% endfor %}
</tbody>
</table>

<h2 id="timeline">Timeline, 1934-1938</h2>
<table>
<thead><tr><th>when</th><th>what happened</th></tr></thead>
<tbody>
{% for entry in timeline %}
<tr><td>{{ entry.when }}</td><td>{{ entry.what }}<sup>{{ entry.sources|join(", ") }}</sup></td></tr>
{% endfor %}
</tbody>
</table>
<h3>Sources</h3>
<ol class="sources">
{% for source in sources %}
<li>{{ source }}</li>
{% endfor %}
</ol>

<h2 id="fiction">Serge's fiction and the record</h2>
{% for heading, text in fiction %}
<h3>{{ heading }}</h3>
<p>{{ text }}</p>
{% endfor %}

<h2 id="early">For teams that finish early</h2>
<ol>
{% for activity in early %}
<li>{{ activity }}</li>
{% endfor %}
</ol>
</body>
</html>
"""
