"""What an empty Enter logs: the coach's set as the lifter shaped it (nudged with
↑/↓, straps on or off, warm-ups queued with ctrl+y), and the line that says why.
Pure functions over the live workout's choices; no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from backtui.domain.models import Exercise, SetDraft
from backtui.domain.plates import describe_load
from backtui.domain.progression import Suggestion
from backtui.domain.session import Slot
from backtui.domain.settings import Settings
from backtui.domain.units import display_weight, from_kg, round_down_to_step, round_to_step, round_up_to_step, to_kg
from backtui.domain.warmup import ramp_for

HOLD_DEFAULT = 30


@dataclass(frozen=True)
class Shaping:
    """The lifter's hand on the next set: a nudge in kg, straps (None: as the coach
    says), queued warm-ups, and the typed set those warm-ups lead to."""

    nudge_kg: float = 0.0
    straps: bool | None = None
    ramp: tuple[SetDraft, ...] = ()
    ramp_then: SetDraft | None = None


def working_draft(suggestion: Suggestion, shaping: Shaping, exercise: Exercise, slot: Slot,
                  settings: Settings) -> SetDraft | None:
    """The working set Next offers: the typed set the warm-ups lead to, else the
    coach's, with the nudge and the straps choice applied."""
    unit = settings.unit
    draft = shaping.ramp_then or suggestion.draft
    if draft is None and shaping.nudge_kg and not exercise.timed:
        # Nothing to go on: nudging starts from the empty bar (or nothing added).
        start = settings.bar_kg(unit) if exercise.equipment == "barbell" else 0.0
        draft = SetDraft(weight_kg=start, reps=slot.rep_low or 8, unit=unit)
    if draft is None:
        return None
    if draft.weight_kg is not None and shaping.nudge_kg:
        weight = round(draft.weight_kg + shaping.nudge_kg, 6)
        if exercise.measure == "weight_reps":
            weight = max(0.0, weight)
        # On the grid of today's unit, even for a nudge made before the unit changed.
        step = settings.increment(exercise.equipment, unit)
        draft = replace(draft, weight_kg=to_kg(round_to_step(from_kg(weight, unit), step), unit), unit=unit)
    if shaping.straps is not None:
        draft = replace(draft, straps=shaping.straps)
    if slot.role == "warmup":
        draft = replace(draft, kind="warmup")
    return draft


def next_draft(shaping: Shaping, working: SetDraft | None) -> SetDraft | None:
    """What an empty Enter logs: the next queued warm-up, else the working set."""
    if shaping.ramp:
        return replace(shaping.ramp[0], straps=bool(shaping.straps))
    return working


def nudged(shaping: Shaping, steps: int, working: SetDraft | None, exercise: Exercise, settings: Settings) -> float:
    """The nudge after `steps` presses of ↑ (or ↓ when negative), landing on the step
    grid of the lifter's unit (176.37 lb goes to 180, not 181.37)."""
    unit = settings.unit
    step = settings.increment(exercise.equipment, unit)
    if working is None or working.weight_kg is None:
        return round(shaping.nudge_kg + steps * to_kg(step, unit), 6)
    shown = from_kg(working.weight_kg, unit)
    edge = round_up_to_step(shown, step) if steps > 0 else round_down_to_step(shown, step)
    moved = edge if abs(edge - shown) > 1e-6 else shown + steps * step
    return round(shaping.nudge_kg + to_kg(moved, unit) - working.weight_kg, 6)


def ramp_up_to(exercise: Exercise, slot: Slot, working_kg: float | None, settings: Settings) -> list[SetDraft]:
    """Warm-up sets up to this weight, as the exercise (or the routine's slot) wants."""
    if slot.ramp is not None:  # the routine turns the ramp on or off here
        exercise = replace(exercise, ramp=slot.ramp)
    return ramp_for(exercise, working_kg, settings)


def ramp_in_unit(ramp: Sequence[SetDraft], exercise: Exercise, slot: Slot, working: SetDraft | None,
                 settings: Settings) -> tuple[SetDraft, ...]:
    """A ramp queued before the unit changed, rebuilt in the new unit (its bar, plates
    and step), keeping as many sets to go as were left."""
    if not ramp or ramp[0].unit == settings.unit:
        return tuple(ramp)
    fresh = ramp_up_to(exercise, slot, working.weight_kg if working is not None else None, settings)
    return tuple(fresh[max(0, len(fresh) - len(ramp)):])


def ramp_allowed(exercise: Exercise, slot: Slot) -> bool:
    return bool(slot.ramp if slot.ramp is not None else exercise.ramp)


def load_line(exercise: Exercise, draft: SetDraft, settings: Settings) -> str:
    """Plates per side for a barbell; on a bodyweight move that lifts some of the body,
    about what it moves (its share of body weight, plus load or minus assistance);
    nothing on a band or floor move, where the body is not the load."""
    unit = settings.unit
    if exercise.equipment == "barbell" and draft.weight_kg:
        load = settings.plate_load(draft.weight_kg, unit)
        return f"Plates: {describe_load(load, unit)} (bar {display_weight(settings.bar_kg(unit), unit)})"
    body = settings.bodyweight_kg
    share = exercise.body_share
    if exercise.bodyweight and draft.weight_kg is not None and body and share > 0:
        moved = max(body * share + draft.weight_kg, 0.0)
        part = "body weight" if share == 1 else f"~{round(share * 100)}% of body weight"
        return f"Moves ~{display_weight(moved, unit)} ({part} {display_weight(body, unit)})"
    return ""


def hold_seconds(draft: SetDraft | None, slot: Slot) -> int:
    """What ctrl+t counts: what Next suggests (the coach may have added seconds)."""
    return (draft.seconds if draft is not None and draft.seconds else None) or slot.seconds or HOLD_DEFAULT
