"""Estimated 1RM and personal records. The e1RM formula lives here and nowhere else.

A set flagged form-broke ('!') sets no record of any kind: a rep where form broke is
not one to beat. It still counts in volume (see set_volume_kg)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from backtui.domain.formatting import format_mass
from backtui.domain.models import AnySet
from backtui.domain.units import display_weight

E1RM_MAX_REPS = 10
# The estimate's usual error from sets of 10 reps or fewer: standard errors of about 3 kg
# on the bench press from 4 to 10 reps (Lacio et al., Motricidade), so it is shown as
# "est. ±5%"; past 10 reps it strays further (Reynolds, Gordon and Robergs 2006).
E1RM_ERROR = "±5%"


def epley(weight_kg: float, reps: int) -> float:
    """Epley: weight x (1 + reps / 30); a single is its own 1RM."""
    return weight_kg if reps == 1 else weight_kg * (1 + reps / 30)


def effective_load_kg(s: AnySet, measure: str, bodyweight_kg: float | None = None,
                      share: float = 1.0) -> float | None:
    """The load a set really moved: the bar for weighted moves; for bodyweight moves
    the exercise's share of body weight (Exercise.body_share: all of it on a pull-up,
    about 68% on a back extension, none on a band or floor move) plus added load or
    minus assistance. With the body weight unknown or no share of it lifted, only an
    added load counts, as in load_sql (None for holds and nothing known)."""
    if s.seconds is not None or s.weight_kg is None:
        return None
    if measure == "bodyweight_reps":
        if bodyweight_kg is None or not share:
            return s.weight_kg if s.weight_kg > 0 else None
        return round(max(bodyweight_kg * share + s.weight_kg, 0.0), 6)
    return s.weight_kg


def set_e1rm(s: AnySet, *, bodyweight_kg: float | None = None, share: float = 1.0) -> float | None:
    """The estimate for one set, or None where it would mislead: warm-ups, holds,
    sets over 10 reps (the estimate strays further the more reps), and sets with no load.

    Pass `bodyweight_kg` only for bodyweight moves: the load is then `share` of the
    body weight (Exercise.body_share) plus the set's weight_kg (added load, or minus
    assistance when negative). A stored set carries the body weight in effect when it
    was logged."""
    if s.kind == "warmup" or s.seconds is not None or s.reps is None or s.weight_kg is None:
        return None
    if bodyweight_kg is None:
        bodyweight_kg = getattr(s, "bodyweight_kg", None)
    load = s.weight_kg if bodyweight_kg is None else bodyweight_kg * share + s.weight_kg
    if not 1 <= s.reps <= E1RM_MAX_REPS or load <= 0:
        return None
    return round(epley(load, s.reps), 2)


def set_volume_kg(s: AnySet, measure: str, bodyweight_kg: float | None = None, share: float = 1.0) -> float:
    """Load x reps for volume; warm-ups, holds and unknown loads count 0. Without
    `bodyweight_kg`, a stored set's own body weight counts (as in set_e1rm), its
    `share` as the exercise says."""
    if s.kind == "warmup" or s.reps is None:
        return 0.0
    if bodyweight_kg is None:
        bodyweight_kg = getattr(s, "bodyweight_kg", None)
    load = effective_load_kg(s, measure, bodyweight_kg, share)
    return round(load * s.reps, 6) if load and load > 0 else 0.0


@dataclass
class Bests:
    """An exercise's best marks so far (working sets without the form-broke flag)."""

    heaviest_kg: float | None = None
    best_e1rm_kg: float | None = None
    longest_hold_s: int | None = None
    reps_at_weight: dict[float, int] = field(default_factory=dict)
    load_share: float = 1.0  # the exercise's share of body weight (Exercise.body_share)

    def absorb(self, s: AnySet) -> None:
        if s.kind == "warmup" or s.form_broke:
            return
        if s.seconds is not None:
            self.longest_hold_s = max(self.longest_hold_s or 0, s.seconds)
            return
        if s.weight_kg is None or s.reps is None:
            return
        if self.heaviest_kg is None or s.weight_kg > self.heaviest_kg:
            self.heaviest_kg = s.weight_kg
        e1rm = set_e1rm(s, share=self.load_share)
        if e1rm is not None and (self.best_e1rm_kg is None or e1rm > self.best_e1rm_kg):
            self.best_e1rm_kg = e1rm
        key = round(s.weight_kg, 3)
        self.reps_at_weight[key] = max(self.reps_at_weight.get(key, 0), s.reps)


def load_words(kg: float, measure: str, unit: str) -> str:
    """A set's load in words: '65 kg', or on a bodyweight move 'bodyweight', '+10 kg', '-20 kg'."""
    if measure != "bodyweight_reps":
        return display_weight(kg, unit)
    if abs(kg) < 1e-9:
        return "bodyweight"
    return ("+" if kg > 0 else "-") + display_weight(abs(kg), unit)


def new_records(s: AnySet, before: Bests, unit: str = "kg", measure: str = "weight_reps") -> list[str]:
    """What this set beats, in words ('heaviest: 65 kg'); empty when nothing.
    A first-ever set is not announced: there is nothing to beat yet; nor is a set
    flagged form-broke."""
    if s.kind == "warmup" or s.form_broke:
        return []
    found: list[str] = []
    if s.seconds is not None:
        if before.longest_hold_s is not None and s.seconds > before.longest_hold_s:
            found.append(f"longest hold: {s.seconds} s")
        return found
    if s.weight_kg is None or s.reps is None or before.heaviest_kg is None:
        return found
    if s.weight_kg > before.heaviest_kg:
        assisted = measure == "bodyweight_reps" and s.weight_kg < 0
        found.append(f"least assistance: {display_weight(-s.weight_kg, unit)}" if assisted
                     else f"heaviest: {load_words(s.weight_kg, measure, unit)}")
    e1rm = set_e1rm(s, share=before.load_share)
    if e1rm is not None and before.best_e1rm_kg is not None and e1rm > before.best_e1rm_kg + 1e-9:
        found.append(f"best e1RM: {format_mass(e1rm, unit, what='estimate')} (est. {E1RM_ERROR})")
    previous = before.reps_at_weight.get(round(s.weight_kg, 3))
    if previous is not None and s.reps > previous:
        found.append(f"most reps at {load_words(s.weight_kg, measure, unit)}: {s.reps}")
    return found


def records_of_sets(sets: Sequence[AnySet], before: Bests, unit: str = "kg",
                    measure: str = "weight_reps") -> list[str]:
    """What these sets (logged together, in order) beat, one line per record: when a
    later set beats an earlier one ('most reps at bodyweight: 20', then 30), only the
    best is kept, where it first appeared. `before` absorbs the sets."""
    found: dict[str, str] = {}
    for s in sets:
        for text in new_records(s, before, unit, measure):
            found[text.split(":")[0]] = text
        before.absorb(s)
    return list(found.values())


def share_sql(exercise_id: str = "exercise_id") -> str:
    """The share of body weight a set's exercise lifts (exercises.load_share, kept from
    the catalog; all of it where none is known, as Exercise.body_share)."""
    return f"coalesce((SELECT x.load_share FROM exercises x WHERE x.id = {exercise_id}), 1)"


def load_sql(weight: str = "weight_kg", bodyweight: str = "bodyweight_kg",
             exercise_id: str | None = "exercise_id") -> str:
    """A set's load as SQL: its weight, plus the exercise's share of the body weight
    kept with a bodyweight move's set (so an assisted pull-up counts body weight minus
    the assistance, a band pull-apart none of it). `exercise_id` None: all of the body
    weight, as the migrations before m010 (exercises.load_share) wrote it."""
    if exercise_id is None:
        return f"({weight} + coalesce({bodyweight}, 0))"
    return f"({weight} + coalesce({bodyweight}, 0) * {share_sql(exercise_id)})"


def e1rm_sql(weight: str = "weight_kg", reps: str = "reps", seconds: str = "seconds", kind: str = "kind",
             bodyweight: str = "bodyweight_kg", exercise_id: str | None = "exercise_id") -> str:
    """The same estimate as set_e1rm, as an SQL expression over a sets row (NULL where
    set_e1rm gives None), so aggregates run inside SQLite. Change both together: a test
    checks that they agree."""
    load = load_sql(weight, bodyweight, exercise_id)
    return (
        f"(CASE WHEN {kind} = 'warmup' OR {seconds} IS NOT NULL OR {weight} IS NULL OR {load} <= 0 "
        f"OR {reps} IS NULL THEN NULL WHEN {reps} = 1 THEN round({load}, 2) "
        f"WHEN {reps} BETWEEN 2 AND {E1RM_MAX_REPS} THEN round({load} * (1 + {reps} / 30.0), 2) END)"
    )
