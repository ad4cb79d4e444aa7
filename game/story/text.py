"""Scene text that varies with the state (story format 2), compiled once at load.

A scene's text is a string, or a list whose items are strings or `{if, text, else}` blocks.
Inside any paragraph, `{if CONDITION: words | other words}` picks a word or a clause and
`{NAME}` shows a meter or counter; `{{` and `}}` are literal braces.

Every condition and every value a scene's text depends on is a *probe*, numbered in reading
order. When the player enters a scene the engine takes a *reading* (one value per probe:
true/false for a condition, a number for a value) and keeps it with the play state; the text
shown is `render(blocks, reading)`. So the TUI, plain mode, transcripts and replay all show
the variant that held when the scene was entered, decided in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from game.story.conditions import Condition

MAX_INLINE = 200  # inline variants and values in one scene


class TextError(ValueError):
    """A mistake in inline markup; `offset` is 0-based in the string it was found in."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass(frozen=True, slots=True)
class InlineIf:
    probe: int
    then: str
    otherwise: str


@dataclass(frozen=True, slots=True)
class InlineValue:
    probe: int


@dataclass(frozen=True, slots=True)
class Markup:
    """One piece of parsed inline markup, with where its condition or name starts."""

    kind: str            # "text", "if" or "value"
    text: str            # the words (text), the condition (if) or the name (value)
    offset: int          # where `text` starts in the source, for error locations
    then: str = ""
    otherwise: str = ""


_VALUE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_inline(source: str) -> list[Markup]:
    """Split a string into plain text, `{if ...}` variants and `{NAME}` values."""
    parts: list[Markup] = []
    plain: list[str] = []
    plain_start = 0
    i, n = 0, len(source)

    def flush(at: int) -> None:
        if plain:
            parts.append(Markup("text", "".join(plain), plain_start))
            plain.clear()

    while i < n:
        ch = source[i]
        if ch == "{" and source.startswith("{{", i):
            plain.append("{")
            i += 2
            continue
        if ch == "}" and source.startswith("}}", i):
            plain.append("}")
            i += 2
            continue
        if ch == "}":
            raise TextError(i, "a '}' with no '{' before it (write '}}' for a brace)")
        if ch != "{":
            if not plain:
                plain_start = i
            plain.append(ch)
            i += 1
            continue
        close = source.find("}", i + 1)
        opening = source.find("{", i + 1)
        if close < 0 or (0 <= opening < close):
            raise TextError(i, "a '{' is not closed by '}' (write '{{' for a brace)")
        body = source[i + 1:close]
        if "\n\n" in body or "\n \n" in body:
            raise TextError(i, "an inline variant cannot run across paragraphs")
        flush(i)
        if body.startswith("if ") or body.startswith("if\n"):
            colon = body.find(":")
            if colon < 0:
                raise TextError(i + 1, "write {if CONDITION: words | other words}")
            condition = body[3:colon]
            stripped = condition.strip()
            if not stripped:
                raise TextError(i + 4, "the {if ...} has no condition before ':'")
            start = i + 4 + (len(condition) - len(condition.lstrip()))
            words = body[colon + 1:]
            then, bar, otherwise = words.partition("|")
            if "|" in otherwise:
                raise TextError(i + 1 + colon + 1 + len(then) + 1 + otherwise.index("|"),
                                "an {if ...} has at most two variants: one '|'")
            parts.append(Markup("if", stripped, start, _tidy(then, bar, True),
                                _tidy(otherwise, bar, False)))
        elif _VALUE.fullmatch(body.strip()):
            parts.append(Markup("value", body.strip(), i + 1 + body.index(body.strip())))
        else:
            raise TextError(i + 1, f"{{{body[:40]}}} is not inline markup: write "
                            "{if CONDITION: words | other words} or {NAME} "
                            "(or '{{' for a brace)")
        i = close + 1
    flush(n)
    return parts


def _tidy(words: str, bar: str, first: bool) -> str:
    """`{if x: a | b}`: the spaces around `|` (and after `:`) belong to neither variant."""
    if bar:
        return words.strip()
    return words.lstrip() if first else words


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    speaker: str | None = None
    heading: bool = False  # a scene's title, where the text of several scenes is shown


@dataclass(frozen=True, slots=True)
class TemplateParagraph:
    """A paragraph with inline variants: plain strings, `InlineIf` and `InlineValue`."""

    parts: tuple
    speaker: str | None = None

    def render(self, reading) -> Paragraph:
        words = []
        for part in self.parts:
            if isinstance(part, str):
                words.append(part)
            elif isinstance(part, InlineIf):
                words.append(part.then if reading[part.probe] else part.otherwise)
            else:
                words.append(str(reading[part.probe]))
        return Paragraph(_SPACES.sub(" ", "".join(words)).strip(), self.speaker)


_SPACES = re.compile(r"  +")


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Paragraphs shown when `probe` (a condition's number) held, else `otherwise`;
    `probe` None means always."""

    probe: int | None
    paragraphs: tuple
    otherwise: tuple = ()


_SPEAKER = re.compile(r"^([A-Z][A-Z .'’-]{0,30}[A-Z]|[A-Z]):\s+(.*)$")


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blank lines separate paragraphs; a line `NAME: words` starts a spoken paragraph."""
    paragraphs: list[Paragraph] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        current_speaker: str | None = None
        current: list[str] = []
        for raw_line in block.splitlines():
            line = raw_line.strip()
            if not line:
                continue
            match = _SPEAKER.match(line)
            if match:
                if current:
                    paragraphs.append(Paragraph(" ".join(current), current_speaker))
                current_speaker, current = match.group(1).strip(), [match.group(2)]
            else:
                current.append(line)
        if current:
            paragraphs.append(Paragraph(" ".join(current), current_speaker))
    return tuple(paragraphs)


class TextCompiler:
    """Builds a scene's blocks and probes. `condition(source, where, offset)` compiles (and
    reports) a condition; `check_value(name, where, offset)` accepts a value name or reports
    it. `where` is the index of the text item (None for a plain string text), and 'else' for
    an else branch; the loader turns it into a YAML location."""

    def __init__(self, condition, check_value):
        self.condition = condition
        self.check_value = check_value
        self.probes: list = []
        self.ok = True

    def probe(self, item) -> int:
        self.probes.append(item)
        return len(self.probes) - 1

    def paragraphs(self, source: str, where) -> tuple:
        try:
            markup = parse_inline(source)
        except TextError as error:
            self.condition(None, where, error.offset, error.message)
            self.ok = False
            return split_paragraphs(source.replace("{", "(").replace("}", ")"))
        if all(m.kind == "text" for m in markup):
            return split_paragraphs(source.replace("{{", "{").replace("}}", "}")
                                    if "{{" in source or "}}" in source else source)
        # Check every condition and name at its place in the source; then compile the
        # paragraphs one by one, which finds the same markup again.
        compiled: dict[str, Condition | None] = {}
        for item in markup:
            if item.kind == "if":
                found = self.condition(item.text, where, item.offset, None)
                if found is None:
                    self.ok = False
                compiled[item.text] = found
            elif item.kind == "value":
                if not self.check_value(item.text, where, item.offset):
                    self.ok = False
        if not self.ok or len(self.probes) + len(markup) > MAX_INLINE:
            if self.ok:
                self.condition(None, where, 0, f"too many inline variants (over {MAX_INLINE})")
                self.ok = False
            return ()
        result = []
        # braces never hold a blank line, so splitting into paragraphs cannot cut markup
        for paragraph in split_paragraphs(source):
            speaker, text = paragraph.speaker, paragraph.text
            pieces: list = []
            for item in parse_inline(text):
                if item.kind == "text":
                    pieces.append(item.text)
                elif item.kind == "if":
                    pieces.append(InlineIf(self.probe(compiled[item.text]), item.then,
                                           item.otherwise))
                else:
                    pieces.append(InlineValue(self.probe(item.text)))
            if all(isinstance(p, str) for p in pieces):
                result.append(Paragraph("".join(pieces), speaker))
            else:
                result.append(TemplateParagraph(tuple(pieces), speaker))
        return tuple(result)


def render(blocks: tuple[TextBlock, ...], reading) -> tuple[Paragraph, ...]:
    """The paragraphs shown for a reading (see the module's docstring)."""
    shown: list[Paragraph] = []
    for block in blocks:
        chosen = block.paragraphs if block.probe is None or reading[block.probe] \
            else block.otherwise
        for paragraph in chosen:
            shown.append(paragraph.render(reading) if isinstance(paragraph, TemplateParagraph)
                         else paragraph)
    return tuple(p for p in shown if p.text)


def take_reading(probes: tuple, values: Mapping, visited) -> tuple:
    """One value per probe: a condition's truth, or a meter's or counter's number."""
    return tuple(bool(p(values, visited)) if isinstance(p, Condition) else values.get(p, 0)
                 for p in probes)


def all_words(blocks: tuple[TextBlock, ...]) -> list[tuple[str | None, str]]:
    """(speaker, words) of every paragraph of every variant, for counting words."""
    found = []
    for block in blocks:
        for paragraph in block.paragraphs + block.otherwise:
            if isinstance(paragraph, TemplateParagraph):
                words = " ".join(p if isinstance(p, str) else
                                 f"{p.then} {p.otherwise}" if isinstance(p, InlineIf) else ""
                                 for p in paragraph.parts)
                found.append((paragraph.speaker, words))
            else:
                found.append((paragraph.speaker, paragraph.text))
    return found


def variants(blocks: tuple[TextBlock, ...], probes: tuple) -> list[tuple[int, bool, str]]:
    """Every piece of text that shows only for one outcome of a condition, as
    (probe, outcome, a short description): what the explorer checks is ever shown."""
    found: list[tuple[int, bool, str]] = []

    def source(probe: int) -> str:
        item = probes[probe]
        return item.source if isinstance(item, Condition) else str(item)

    for block in blocks:
        if block.probe is not None:
            if block.paragraphs:
                found.append((block.probe, True, f"the text under 'if: {source(block.probe)}'"))
            if block.otherwise:
                found.append((block.probe, False,
                              f"the 'else' text of 'if: {source(block.probe)}'"))
        for paragraph in block.paragraphs + block.otherwise:
            if not isinstance(paragraph, TemplateParagraph):
                continue
            for part in paragraph.parts:
                if isinstance(part, InlineIf):
                    words = f"{{if {source(part.probe)}: ...}}"
                    if part.then.strip():
                        found.append((part.probe, True, f"{words} ({part.then.strip()[:30]!r})"))
                    if part.otherwise.strip():
                        found.append((part.probe, False,
                                      f"{words} ({part.otherwise.strip()[:30]!r})"))
    return found
