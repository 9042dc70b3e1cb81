"""What a finished workout comes to: time, sets, volume by region, records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from backtui.domain.balance import counts_as_training
from backtui.domain.models import REGIONS, Exercise, LoggedSet
from backtui.domain.records import set_volume_kg


@dataclass
class WorkoutSummary:
    duration_s: int
    sets: int
    working_sets: int
    volume_kg: float
    volume_by_region: dict[str, float] = field(default_factory=dict)
    sets_by_region: dict[str, int] = field(default_factory=dict)
    exercises: int = 0
    records: list[str] = field(default_factory=list)


def summarize(
    started_at: str,
    ended_at: str,
    sets: Sequence[LoggedSet],
    exercises: Mapping[str, Exercise],
    records: Sequence[str] = (),
) -> WorkoutSummary:
    duration = int((datetime.fromisoformat(ended_at) - datetime.fromisoformat(started_at)).total_seconds())
    volume: dict[str, float] = {}
    counts: dict[str, int] = {}
    working = 0
    for s in sets:
        exercise = exercises.get(s.exercise)
        region = exercise.region if exercise else "other"
        # Stretches are not training volume: no working set of their region (as in the balance).
        if s.kind != "warmup" and counts_as_training(exercise):
            working += 1
            counts[region] = counts.get(region, 0) + 1
        moved = set_volume_kg(s, exercise.measure if exercise else "weight_reps",
                              share=exercise.body_share if exercise else 1.0)
        if moved:
            volume[region] = volume.get(region, 0.0) + moved
    ordered = {r: volume[r] for r in [*REGIONS, *sorted(volume)] if r in volume}
    return WorkoutSummary(
        duration_s=max(0, duration),
        sets=len(sets),
        working_sets=working,
        volume_kg=sum(volume.values()),
        volume_by_region=ordered,
        sets_by_region=counts,
        exercises=len({s.exercise for s in sets}),
        records=list(records),
    )
