"""What the workout core needs from the database, as a Protocol.

The core never imports storage: backtui.storage.workouts.SqliteWorkouts answers
this Protocol on an SQLite file, and a test can answer it with anything. Every
write is one transaction, committed before the method returns; the ones that
decide something (log into an open workout only, close, start unless one is
open) decide inside that transaction from what the file holds.

Failures are backtui.domain.errors.StorageError (said in one line for the
lifter); WorkoutEnded and OpenWorkoutExists are the refusals.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from backtui.domain.models import ClosedWorkout, LoggedSet, SetDraft, Workout
from backtui.domain.records import Bests
from backtui.domain.settings import Settings


class HistoryReads(Protocol):
    """What the coach reads: earlier sessions, and when exercises were last done."""

    def recent_sessions(self, slug: str, before_workout_id: int | None, limit: int, *,
                        working_only: bool = False) -> list[list[LoggedSet]]:
        """The exercise's sets in its latest `limit` other workouts, newest first;
        `working_only`: only workouts where it had a working or failure set."""
        ...

    def last_done(self, slugs: Sequence[str]) -> dict[str, str]:
        """When each exercise was last logged (those never done are absent)."""
        ...


class WorkoutStorage(HistoryReads, Protocol):
    # -- reads ------------------------------------------------------------
    def snapshot(self) -> AbstractContextManager[None]:
        """Reads inside see one state of the file (one read transaction)."""
        ...

    def changed(self) -> bool:
        """True when another connection (another backtui, `backtui log`, this app's
        other screens) committed since the last call; cheap enough for an idle poll."""
        ...

    def settings(self) -> Settings: ...

    def workout(self, workout_id: int) -> Workout | None:
        """The workout as the file has it now, or None once it was deleted."""
        ...

    def workout_sets(self, workout_id: int) -> list[LoggedSet]:
        """Every set of the workout, in the order logged (one indexed query)."""
        ...

    def bests(self, slug: str, exclude_ids: Sequence[int]) -> Bests:
        """The exercise's best marks, leaving out the sets `exclude_ids`."""
        ...

    def bodyweight_at(self, at: str | None) -> float | None:
        """The body weight in effect at an instant (None: now), if ever recorded."""
        ...

    def week_sets(self, since: str, until: str | None = None) -> dict[str, int]:
        """Working sets (not warm-ups) per exercise slug logged at or after `since`
        (and before `until`, when given)."""
        ...

    def setting(self, key: str) -> Any: ...

    def unfinished_workout(self) -> Workout | None:
        """The newest workout that was never finished."""
        ...

    def open_workout_on(self, day_start: str, day_end: str) -> int | None:
        """The newest unfinished workout started in [day_start, day_end) (UTC ISO)."""
        ...

    # -- writes, each its own transaction ------------------------------------
    def start_workout(self, routine_slug: str | None, routine_name: str | None, plan: list[dict[str, Any]]) -> Workout:
        """Start a workout unless one is open (raises OpenWorkoutExists with it)."""
        ...

    def log_sets(self, workout_id: int, slug: str, drafts: Sequence[SetDraft], *,
                 bodyweight_kg: float | None) -> list[LoggedSet]:
        """Add sets to a workout that is still open (raises WorkoutEnded otherwise)."""
        ...

    def update_set(self, set_id: int, draft: SetDraft) -> LoggedSet | None:
        """Change a set; None when it no longer exists."""
        ...

    def delete_set(self, set_id: int) -> None: ...

    def restore_set(self, logged: LoggedSet) -> LoggedSet:
        """Put a deleted set back under its id and number."""
        ...

    def save_plan(self, workout_id: int, plan: list[dict[str, Any]], position: int) -> None: ...

    def close_workout(self, workout_id: int, *, note: str | None, at_last_set: bool) -> ClosedWorkout:
        """Finish it when the file holds sets for it, discard it when none: decided
        in the transaction that does it. `at_last_set`: it ended at its last set
        (an old workout finished as it is), else now."""
        ...

    def log_to_day(self, slug: str, drafts: Sequence[SetDraft], *, day_start: str, day_end: str, at: str,
                   routine_slug: str | None, routine_name: str | None,
                   bodyweight_kg: float | None, close: bool = False, join_other: bool = True) -> list[LoggedSet]:
        """`backtui log`: add sets to that day's open workout, else the open one
        (`join_other`; else OpenWorkoutExists), starting one if none. `close`: a past
        day's workout, closed at its last set in the same transaction."""
        ...

    def close_stale(self, before: str) -> list[tuple[Workout, ClosedWorkout]]:
        """Close each open workout with nothing logged since `before` at its last set
        (discard it when empty): what was closed, and how."""
        ...
