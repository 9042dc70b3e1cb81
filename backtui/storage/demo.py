"""Filling a database with the demo history (for `backtui --demo` and benchmarks)."""

from __future__ import annotations

from datetime import date, tzinfo

from backtui.domain.demo import demo_workouts
from backtui.domain.importers import Resolution
from backtui.storage.importing import write_workouts
from backtui.storage.store import Store


def write_demo(store: Store, *, seed: int = 6, today: date | None = None, tz: tzinfo | None = None) -> int:
    """Write twelve weeks of demo workouts in one transaction; returns the number of sets."""
    workouts = demo_workouts(store.catalog, seed=seed, today=today or date.today(), tz=tz)
    slugs = {s.exercise for w in workouts for s in w.sets}
    write_workouts(store, workouts, Resolution(slugs={slug: slug for slug in slugs}), source="demo")
    return sum(len(w.sets) for w in workouts)
