"""Correcting the record (issue 13): edit, add or delete a set of any workout, move a
workout in time, rename it, change its note or delete it, each undoable and redoable
while the editor lives. One editor serves History's workout view and the command line
(`backtui workout edit`, `backtui set edit`, ...).

Each command reads the file first (a set or workout already gone is said, never
guessed), writes one transaction, and returns what changed in words. Summaries,
records, weekly volume and the coach read the corrected file at once (the summaries'
triggers follow every write). A set far beyond the lifter's history asks first
(Doubtful), as logging does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol

from backtui.core.ports import WorkoutStorage
from backtui.domain.catalog import Catalog
from backtui.domain.clock import iso, parse_iso
from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.errors import StorageError
from backtui.domain.formatting import format_set
from backtui.domain.models import Exercise, LoggedSet, SetDraft, Workout
from backtui.domain.plausible import implausible
from backtui.domain.timewords import local

MAX_NAME = 80
MAX_NOTE = 500


class RecordStorage(WorkoutStorage, Protocol):
    def set_by_id(self, set_id: int) -> LoggedSet | None: ...

    def add_sets(self, workout_id: int, slug: str, drafts: Sequence[SetDraft], at: str,
                 bodyweight_kg: float | None) -> list[LoggedSet]: ...

    def change_workout(self, workout_id: int, *, shift_s: int, routine_name: str | None, note: str) -> Workout: ...

    def delete_workout(self, workout_id: int) -> None: ...

    def restore_workout(self, workout: Workout, sets: Sequence[LoggedSet], source: str = "app") -> None: ...


class RecordError(ValueError):
    """A correction that cannot be made (an unknown id, a bad entry): nothing changed."""


class Doubtful(RecordError):
    """A set far beyond the lifter's history: saved only when confirmed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Kind = Literal["set_edit", "set_delete", "set_add", "workout_edit", "workout_delete"]


@dataclass(frozen=True)
class Step:
    """One correction, with the record as it was and as it became."""

    kind: Kind
    words: str
    workout_id: int
    before_sets: tuple[LoggedSet, ...] = ()
    after_sets: tuple[LoggedSet, ...] = ()
    before_workout: Workout | None = None
    after_workout: Workout | None = None


def when_words(iso_text: str) -> str:
    return local(iso_text).format("ddd D MMM YYYY HH:mm")


class RecordEditor:
    def __init__(self, storage: RecordStorage, catalog: Catalog) -> None:
        self.storage = storage
        self.catalog = catalog
        self.done: list[Step] = []
        self.undone: list[Step] = []

    # -- reading ----------------------------------------------------------
    def workout(self, workout_id: int) -> Workout:
        found = self.storage.workout(workout_id)
        if found is None:
            raise RecordError(f"no workout {workout_id}: nothing changed (see `backtui workouts`)")
        return found

    def set(self, set_id: int) -> LoggedSet:
        found = self.storage.set_by_id(set_id)
        if found is None:
            raise RecordError(f"no set {set_id}: nothing changed (see `backtui workout show ID`)")
        return found

    def exercise(self, slug: str) -> Exercise:
        known = self.catalog.exercises.get(slug)
        if known is None:
            raise RecordError(f"unknown exercise {slug!r}")
        return known

    def unit(self) -> str:
        return self.storage.settings().unit

    def set_words(self, s: LoggedSet) -> str:
        exercise = self.catalog.exercises.get(s.exercise)
        name, measure = (exercise.name, exercise.measure) if exercise else (s.exercise, "weight_reps")
        return f"{name} set {s.set_number}, {format_set(s, measure, self.unit(), assisted=bool(exercise and exercise.assisted))}"

    def _drafts(self, exercise: Exercise, text: str, kind: str) -> list[SetDraft]:
        try:
            return parse_entry(text.strip(), exercise.measure, self.unit(), exercise.name, default_kind=kind,
                               assisted=exercise.assisted)
        except EntryError as exc:
            raise RecordError(str(exc)) from None

    def _check(self, exercise: Exercise, drafts: Sequence[SetDraft], at: str, exclude: Sequence[int],
               sure: bool) -> None:
        if sure:
            return
        bests = self.storage.bests(exercise.slug, exclude)
        bodyweight = self.storage.bodyweight_at(at) if exercise.bodyweight else None
        reason = implausible(drafts, exercise, bests, self.unit(), bodyweight)
        if reason:
            raise Doubtful(reason)

    # -- sets -------------------------------------------------------------
    def edit_set(self, set_id: int, text: str, *, sure: bool = False) -> Step:
        before = self.set(set_id)
        exercise = self.exercise(before.exercise)
        drafts = self._drafts(exercise, text, before.kind)
        if len(drafts) != 1:
            raise RecordError("an edit changes one set: type a single set")
        draft = drafts[0]
        if not draft.note and before.note:
            draft = replace(draft, note=before.note)  # a note is kept unless a new one is typed
        self._check(exercise, [draft], before.logged_at, [before.id], sure)
        after = self.storage.update_set(set_id, draft)
        if after is None:
            raise RecordError(f"no set {set_id}: it was deleted meanwhile, nothing changed")
        unit = self.unit()
        words = (f"{exercise.name} set {before.set_number}: {format_set(before, exercise.measure, unit, assisted=exercise.assisted)} -> "
                 f"{format_set(after, exercise.measure, unit, assisted=exercise.assisted)}")
        return self._did(Step("set_edit", words, before.workout_id, (before,), (after,)))

    def delete_set(self, set_id: int) -> Step:
        before = self.set(set_id)
        self.storage.delete_set(set_id)
        return self._did(Step("set_delete", f"deleted {self.set_words(before)}", before.workout_id, (before,)))

    def add_sets(self, workout_id: int, slug: str, text: str, *, sure: bool = False) -> Step:
        workout = self.workout(workout_id)
        exercise = self.exercise(slug)
        drafts = self._drafts(exercise, text, "working")
        sets = self.storage.workout_sets(workout_id)
        mine = [s.logged_at for s in sets if s.exercise == slug]
        at = max(mine or [s.logged_at for s in sets] or [workout.started_at])
        self._check(exercise, drafts, at, [], sure)
        bodyweight = self.storage.bodyweight_at(at) if exercise.bodyweight else None
        added = self.storage.add_sets(workout_id, slug, drafts, at, bodyweight)
        words = "added " + "; ".join(self.set_words(s) for s in added)
        return self._did(Step("set_add", words, workout_id, (), tuple(added)))

    # -- workouts ---------------------------------------------------------
    def edit_workout(self, workout_id: int, *, at: datetime | None = None, name: str | None = None,
                     note: str | None = None) -> Step:
        before = self.workout(workout_id)
        if name is not None and len(name) > MAX_NAME:
            raise RecordError(f"a name is at most {MAX_NAME} characters")
        if note is not None and len(note) > MAX_NOTE:
            raise RecordError(f"a note is at most {MAX_NOTE} characters")
        shift = 0 if at is None else round((at - parse_iso(before.started_at)).total_seconds())
        new_name = before.routine_name if name is None else (name.strip() or None)
        new_note = before.note if note is None else note.strip()
        after = self.storage.change_workout(workout_id, shift_s=shift, routine_name=new_name, note=new_note)
        changes: list[str] = []
        if shift:
            changes.append(f"date and time {when_words(before.started_at)} -> {when_words(after.started_at)}")
        if new_name != before.routine_name:
            changes.append(f"name {before.routine_name or 'free workout'!r} -> {new_name or 'free workout'!r}")
        if new_note != before.note:
            changes.append(f"note {before.note!r} -> {new_note!r}")
        words = f"workout {workout_id}: " + ("; ".join(changes) if changes else "nothing to change")
        step = Step("workout_edit", words, workout_id, before_workout=before, after_workout=after)
        return self._did(step) if changes else step

    def delete_workout(self, workout_id: int) -> Step:
        before = self.workout(workout_id)
        sets = self.storage.workout_sets(workout_id)
        self.storage.delete_workout(workout_id)
        words = (f"deleted workout {workout_id} ({before.routine_name or 'free workout'}, "
                 f"{when_words(before.started_at)}, {len(sets)} set{'s' if len(sets) != 1 else ''})")
        return self._did(Step("workout_delete", words, workout_id, tuple(sets), before_workout=before))

    # -- undo and redo ------------------------------------------------------
    def _did(self, step: Step) -> Step:
        self.done.append(step)
        self.undone.clear()
        return step

    def undo(self) -> str:
        if not self.done:
            return "nothing to undo"
        step = self.done.pop()
        try:
            self._apply(step, back=True)
        except StorageError:
            self.done.append(step)
            raise
        self.undone.append(step)
        return f"undone: {step.words}"

    def redo(self) -> str:
        if not self.undone:
            return "nothing to redo"
        step = self.undone.pop()
        try:
            self._apply(step, back=False)
        except StorageError:
            self.undone.append(step)
            raise
        self.done.append(step)
        return f"redone: {step.words}"

    def _apply(self, step: Step, *, back: bool) -> None:
        storage = self.storage
        if step.kind == "set_edit":
            target = step.before_sets[0] if back else step.after_sets[0]
            storage.update_set(target.id, target.draft())
        elif step.kind == "set_delete":
            if back:
                storage.restore_set(step.before_sets[0])
            else:
                storage.delete_set(step.before_sets[0].id)
        elif step.kind == "set_add":
            for s in (reversed(step.after_sets) if back else step.after_sets):
                if back:
                    storage.delete_set(s.id)
                else:
                    storage.restore_set(s)
        elif step.kind == "workout_edit":
            assert step.before_workout is not None and step.after_workout is not None
            old, new = step.before_workout, step.after_workout
            goal, was = (old, new) if back else (new, old)
            shift = round((parse_iso(goal.started_at) - parse_iso(was.started_at)).total_seconds())
            storage.change_workout(step.workout_id, shift_s=shift, routine_name=goal.routine_name, note=goal.note)
        else:
            assert step.before_workout is not None
            if back:
                storage.restore_workout(step.before_workout, step.before_sets)
            else:
                storage.delete_workout(step.workout_id)


def parse_when(text: str, started_at: str) -> datetime:
    """A new date and time for a workout, typed in the lifter's zone: '2026-11-18 18:30',
    '2026-11-18T18:30', or a date alone (the time of day stays)."""
    import pendulum

    from backtui.domain.clock import local_zone

    raw = text.strip()
    try:
        moment = pendulum.parse(raw.replace(" ", "T", 1) if " " in raw else raw, tz=local_zone())
    except (ValueError, TypeError, OverflowError, pendulum.parsing.exceptions.ParserError):
        raise RecordError(f"{text!r} is not a date and time (e.g. 2026-11-18 18:30)") from None
    if isinstance(moment, pendulum.DateTime):
        pass
    elif isinstance(moment, pendulum.Date):
        was = local(started_at)
        moment = pendulum.datetime(moment.year, moment.month, moment.day, was.hour, was.minute, was.second,
                                   tz=local_zone())
    else:
        raise RecordError(f"{text!r} is not a date and time (e.g. 2026-11-18 18:30)")
    if not 1900 <= moment.year <= 2999:
        raise RecordError(f"{text!r} is out of range: give a date between 1900 and 2999")
    if moment > pendulum.now().add(hours=1):
        raise RecordError(f"{text!r} is in the future")
    return parse_iso(iso(moment))
