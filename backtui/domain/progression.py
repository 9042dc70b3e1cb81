"""The suggested next set shown in the tracker and by `backtui suggest`.

Today's rule is the simplest useful one: repeat what worked. The coach issue
replaces the rule behind `suggest_next`; callers only see Suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backtui.domain.models import Exercise, LoggedSet, SetDraft, Target


@dataclass(frozen=True)
class Suggestion:
    draft: SetDraft | None
    reason: str


def _working(sets: Sequence[LoggedSet]) -> list[LoggedSet]:
    return [s for s in sets if s.kind != "warmup"]


def _plain(s: LoggedSet | SetDraft) -> SetDraft:
    """The set to repeat: load and reps (or seconds) and straps, no RPE or note."""
    return SetDraft(weight_kg=s.weight_kg, reps=s.reps, seconds=s.seconds, unit=s.unit, straps=s.straps)


def suggest_next(
    exercise: Exercise,
    target: Target,
    sessions: Sequence[Sequence[LoggedSet]],
    today: Sequence[LoggedSet] = (),
    unit: str = "kg",
) -> Suggestion:
    """The next set for `exercise`. `sessions` are earlier sessions' sets, newest first."""
    done_today = _working(today)
    last = next((_working(session) for session in sessions if _working(session)), [])
    if last and len(done_today) < len(last):
        # Set n today repeats set n of last time; the first set repeats the first.
        reason = "repeat last session's first set" if not done_today else f"last time's set {len(done_today) + 1}"
        return Suggestion(_plain(last[len(done_today)]), reason)
    if done_today:
        return Suggestion(_plain(done_today[-1]), "same as your last set")
    if exercise.timed:
        return Suggestion(SetDraft(seconds=target.seconds, unit=unit), f"target {target.seconds} s")
    if exercise.bodyweight:
        return Suggestion(SetDraft(weight_kg=0.0, reps=target.rep_low, unit=unit), "start at the bottom of the range")
    return Suggestion(None, "first time: pick a weight you can move with clean form")
