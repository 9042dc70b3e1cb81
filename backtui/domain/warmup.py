"""Warm-up ramp before the first working set of a heavy compound lift.

The ramp climbs from the empty bar through fractions of the working weight with
fewer reps as the load rises, so the lifter arrives at the work set grooved but
not tired. Warm-ups are stored with kind 'warmup', which keeps them out of
volume and records everywhere (see records.py and the weekly_volume view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backtui.domain.models import Exercise, SetDraft
from backtui.domain.units import default_step, from_kg, round_down_to_step, to_kg

if TYPE_CHECKING:
    from backtui.domain.settings import Settings

# (fraction of the working weight, reps); the empty bar comes first with BAR_REPS.
RAMP: tuple[tuple[float, int], ...] = ((0.4, 5), (0.6, 3), (0.8, 2))
BAR_REPS = 10


def warmup_ramp(
    working_kg: float,
    unit: str = "kg",
    *,
    bar_kg: float | None = 20.0,
    step: float | None = None,
    ramp: tuple[tuple[float, int], ...] = RAMP,
) -> list[SetDraft]:
    """Warm-up sets (kind='warmup') for a working weight, lightest first.

    Weights are rounded down to `step` in `unit` (the barbell increment; 2.5 kg
    or 5 lb by default) and never below the bar. Steps that land on the weight of
    the step before, or on the working weight itself, are skipped, so a light
    working weight gets a short ramp and a working weight at or below the bar
    gets none. `bar_kg=None` (not a barbell) starts the ramp at its first fraction.
    """
    if working_kg is None or working_kg <= 0:
        return []
    step = step if step is not None else default_step("barbell", unit)
    work = from_kg(working_kg, unit)
    bar = from_kg(bar_kg, unit) if bar_kg else None
    steps: list[tuple[float, int]] = []
    if bar is not None:
        steps.append((bar, BAR_REPS))
    for fraction, reps in ramp:
        value = round_down_to_step(work * fraction, step)
        if bar is not None:
            value = max(value, bar)
        steps.append((value, reps))
    ramp_sets: list[SetDraft] = []
    previous = 0.0
    for value, reps in steps:
        if value <= previous + 1e-9 or value >= work - 1e-9 or value <= 0:
            continue
        ramp_sets.append(SetDraft(weight_kg=to_kg(value, unit), reps=reps, unit=unit, kind="warmup"))
        previous = value
    return ramp_sets


def ramp_for(exercise: Exercise, working_kg: float | None, settings: Settings) -> list[SetDraft]:
    """The ramp with the lifter's unit, bar and barbell step; [] for exercises
    without a ramp (Exercise.ramp) or without a working weight yet."""
    if not exercise.ramp or working_kg is None:
        return []
    unit = settings.unit
    barbell = exercise.equipment == "barbell"
    return warmup_ramp(
        working_kg,
        unit,
        bar_kg=settings.bar_kg(unit) if barbell else None,
        step=settings.increment(exercise.equipment, unit),
    )
