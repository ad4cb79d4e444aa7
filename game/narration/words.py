"""Words shared by the front ends: meter changes, ending kinds, counts."""

from __future__ import annotations

KIND_NAMES = {
    "executed": "executed", "died_in_custody": "died in custody", "suicide": "took his own life",
    "imprisoned": "imprisoned", "exiled": "exiled", "spared": "spared", "free": "free",
    "unpunished": "unpunished",
}


def meter_change(name: str, before: int, after: int) -> str:
    label = name.capitalize()
    if after > before:
        return f"{label} rises from {before} to {after}."
    return f"{label} falls from {before} to {after}."


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind.replace("_", " "))


def times(count: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count} times")


def tally(subject: str, obeyed: int, betrayed: int) -> str:
    """How often `subject` ("You", "The team") obeyed and betrayed, as one sentence."""
    if not obeyed and not betrayed:
        return f"{subject} neither obeyed nor betrayed."
    if not obeyed:
        return f"{subject} never obeyed, and betrayed {times(betrayed)}."
    if not betrayed:
        return f"{subject} obeyed {times(obeyed)} and never betrayed."
    return f"{subject} obeyed {times(obeyed)} and betrayed {times(betrayed)}."


def novel_endings(arc) -> list[tuple[str, str]]:
    """The novel's (title, kind) endings for this arc."""
    return [(s.ending.title, s.ending.kind) for s in arc.historical_endings]


def novel_words(historical: bool, novel: list[tuple[str, str]], in_novel: bool = True, *,
                sentence: bool = False) -> str:
    """How this ending stands to the novel's: `historical` when it is the novel's own;
    `novel` holds the novel's (title, kind) for this man; `in_novel` is false for a file the
    novel does not have (a warm-up written for the game). A phrase for a line labelled "the
    novel", or with `sentence` a sentence of its own."""
    if not in_novel:
        phrase, whole = ("not in it: this file was written for the game",
                         "Not in the novel: this file was written for the game.")
    elif historical:
        phrase, whole = ("the same: this is how the novel ends it",
                         "This is how the novel ends it.")
    elif not novel:
        phrase, whole = "it does not say", "The novel does not say how it ends."
    else:
        phrase = "; ".join(f"{title} ({kind_name(kind)})" for title, kind in novel)
        whole = f"In the novel: {phrase}."
    return whole if sentence else phrase


def same_words(one: str, other: str) -> bool:
    """True when two labels say the same thing (an ending titled as its kind)."""
    return one.strip().lower() == other.strip().lower()


def meters_line(meters) -> str:
    """`Loyalty 60, fear 40, suspicion 10.`: the meters as one line of text."""
    return "Loyalty {loyalty}, fear {fear}, suspicion {suspicion}.".format(**meters)


def ending_line(ending, whose: str = "") -> str:
    """`THE END: title (kind)`, the kind left out where the title already says it;
    `whose` (e.g. "for Team Red") follows THE END."""
    kind = kind_name(ending.kind)
    head = f"THE END {whose}".rstrip()
    return f"{head}: {ending.title}" + ("" if same_words(ending.title, kind) else f" ({kind})")


def novel_sentence(arc, ending) -> str:
    """How this ending stands to the novel's, as a sentence (see `novel_words`)."""
    return novel_words(ending.historical, novel_endings(arc), arc.in_novel, sentence=True)
