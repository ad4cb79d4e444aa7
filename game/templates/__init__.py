"""The one Jinja environment every HTML page of the game is rendered by.

Transcripts, the debrief, the teacher pack and the pages `tulayev serve` sends are templates
in this folder (shipped as package data). Autoescaping is on for every template, so text
from a story, a log or a session (team and student names are typed by people) reaches a
page as text, never as markup; a value meant as markup (an SVG chart) must be
`markupsafe.Markup` to pass through. `StrictUndefined` makes a missing variable an error
rather than an empty string.

Jinja is imported on first use, not with this module: the game's start-up never needs it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

PAGES = ("transcript.html", "debrief.html", "pack.html", "serve_game.html",
         "serve_message.html")


@cache
def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("game", "templates"),
        autoescape=select_autoescape(("html", "svg", "xml"), default_for_string=True,
                                     default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)


def render(name: str, /, **context: Any) -> str:
    """The template `name` of this folder, rendered with `context`."""
    return environment().get_template(name).render(**context)
