"""Failures the workout core and the storage that answers it both speak of.

The core (backtui/core) reads and writes through a Protocol and never imports
storage; the storage raises these, the core catches them. They live here, below
both, so neither has to import the other.
"""

from __future__ import annotations

from backtui.domain.models import Workout


class StorageError(Exception):
    """A database problem explained in one line. Exit status 1 on the CLI."""


class WorkoutEnded(StorageError):
    """The workout was finished (or deleted) by another backtui or `backtui log`:
    nothing was written into it. `ended_at` is None when the workout is gone."""

    def __init__(self, workout_id: int, ended_at: str | None) -> None:
        what = "was finished" if ended_at else "no longer exists"
        super().__init__(f"workout {workout_id} {what}: nothing was logged into it")
        self.workout_id = workout_id
        self.ended_at = ended_at


class OpenWorkoutExists(StorageError):
    """Not started: the lifter already has a workout open (one open workout at a time,
    so none hides behind another). `workout` is the open one."""

    def __init__(self, workout: Workout) -> None:
        super().__init__("another workout is still open")
        self.workout = workout
