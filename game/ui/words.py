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


def same_words(one: str, other: str) -> bool:
    """True when two labels say the same thing (an ending titled as its kind)."""
    return one.strip().lower() == other.strip().lower()
