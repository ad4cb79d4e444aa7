"""Words shared by the front ends: meter changes, ending kinds, statuses."""

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
