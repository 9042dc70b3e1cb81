"""Lifters sharing one database: what makes a good profile name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

NAME_MAX = 40
DEFAULT_PROFILE_ID = 1


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    created_at: str = ""


class ProfileError(ValueError):
    """A profile name that cannot be used, or a profile that does not exist."""


def check_profile_name(name: str, existing: Iterable[str] = ()) -> str:
    """The name with outer spaces trimmed, or ProfileError: 1-40 characters, no control
    characters, not used yet (ignoring case)."""
    cleaned = name.strip()
    if not cleaned:
        raise ProfileError("a profile name cannot be empty")
    if len(cleaned) > NAME_MAX:
        raise ProfileError(f"a profile name is at most {NAME_MAX} characters ({len(cleaned)} given)")
    if any(not c.isprintable() for c in cleaned):
        raise ProfileError("a profile name cannot hold control characters (tabs, newlines...)")
    taken = {n.casefold(): n for n in existing}
    if cleaned.casefold() in taken:
        raise ProfileError(f"there is already a profile called {taken[cleaned.casefold()]!r}")
    return cleaned


def find_profile(profiles: Iterable[Profile], name: str) -> Profile | None:
    """The profile called `name`, ignoring case."""
    key = name.strip().casefold()
    return next((p for p in profiles if p.name.casefold() == key), None)


def unknown_profile(name: str, profiles: Iterable[Profile]) -> str:
    names = ", ".join(p.name for p in profiles) or "none"
    return f"no profile called {name!r}; profiles: {names} (`backtui profile add NAME` creates one)"


def describe_counts(counts: dict[str, int]) -> str:
    """'2 workouts, 1 set and 1 routine': what deleting a profile takes with it."""
    def words(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{words(counts['workouts'], 'workout')}, {words(counts['sets'], 'set')} and " \
           f"{words(counts['routines'], 'routine')}"
