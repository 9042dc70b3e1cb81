"""No silent typos: a set far beyond the lifter's history for a lift is asked about
once before it is saved (`1000x1` on a row is a typo, not a record).

The rule, as the README says it:
- with history: heavier than 1.5x the best weight on record, or an e1RM more than
  30% above the best e1RM;
- with no history for the lift: beyond the plausible range for its equipment
  (PLAUSIBLE_KG), more than PLAUSIBLE_REPS reps, or a hold over PLAUSIBLE_SECONDS.
Exactly 1.5x, or exactly 30% above, passes. Warm-ups are checked like any set.
"""

from __future__ import annotations

from collections.abc import Sequence

from backtui.domain.models import Exercise, SetDraft
from backtui.domain.records import Bests, set_e1rm
from backtui.domain.units import display_weight

WEIGHT_FACTOR = 1.5
E1RM_FACTOR = 1.3
# The heaviest load (kg) a set of each kind of kit plausibly has, for a lift with no
# history: a barbell row of 1000 kg is a typo. On bodyweight moves it is the load added.
PLAUSIBLE_KG = {"barbell": 350.0, "dumbbell": 100.0, "kettlebell": 100.0, "cable": 200.0, "machine": 300.0,
                "bodyweight": 150.0, "band": 100.0, "ball": 50.0}
PLAUSIBLE_DEFAULT_KG = 300.0
PLAUSIBLE_REPS = 100
PLAUSIBLE_SECONDS = 600


def implausible(drafts: Sequence[SetDraft], exercise: Exercise, bests: Bests, unit: str,
                bodyweight_kg: float | None = None) -> str | None:
    """Why these sets look like a typo, in words, or None when they look real."""
    had_history = bests.heaviest_kg is not None or bests.best_e1rm_kg is not None or bests.longest_hold_s is not None
    for draft in drafts:
        reason = (_against_history(draft, exercise, bests, unit, bodyweight_kg) if had_history
                  else _against_range(draft, exercise, unit))
        if reason:
            return reason
    return None


def _against_history(draft: SetDraft, exercise: Exercise, bests: Bests, unit: str,
                     bodyweight_kg: float | None) -> str | None:
    weight = draft.weight_kg
    best = bests.heaviest_kg
    if weight is not None and draft.reps is not None and best is not None and best > 0 and weight > best * WEIGHT_FACTOR:
        return (f"{display_weight(weight, unit)} is more than {WEIGHT_FACTOR:g}x your heaviest {exercise.name} "
                f"on record ({display_weight(best, unit)})")
    e1rm = set_e1rm(draft, bodyweight_kg=bodyweight_kg if exercise.bodyweight else None)
    if e1rm is not None and bests.best_e1rm_kg and e1rm > bests.best_e1rm_kg * E1RM_FACTOR:
        above = round((e1rm / bests.best_e1rm_kg - 1) * 100)
        return (f"its estimated 1RM ({display_weight(e1rm, unit)}) is {above}% above your best on "
                f"{exercise.name} ({display_weight(bests.best_e1rm_kg, unit)}; more than "
                f"{round((E1RM_FACTOR - 1) * 100)}% asks)")
    if best is None and bests.best_e1rm_kg is None:
        return _against_range(draft, exercise, unit)  # only holds on record: the load is new
    return None


def _against_range(draft: SetDraft, exercise: Exercise, unit: str) -> str | None:
    limit = PLAUSIBLE_KG.get(exercise.equipment, PLAUSIBLE_DEFAULT_KG)
    if draft.weight_kg is not None and draft.weight_kg > limit:
        return (f"{display_weight(draft.weight_kg, unit)} is beyond what a {exercise.equipment} "
                f"{exercise.name} plausibly takes (up to {display_weight(limit, unit)}) and you have no history for it")
    if draft.reps is not None and draft.reps > PLAUSIBLE_REPS:
        return f"{draft.reps} reps is more than {PLAUSIBLE_REPS} in one set"
    if draft.seconds is not None and draft.seconds > PLAUSIBLE_SECONDS:
        return f"a {draft.seconds} s hold is longer than {PLAUSIBLE_SECONDS // 60} min"
    return None


def ask_words(reason: str) -> str:
    """What the entry line says when it asks (the app)."""
    return f"Really? {reason}. Enter again saves it; edit the line to change it."
