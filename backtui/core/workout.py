"""The live workout: where the lifter is, what is logged, and every command on it.

The file is the truth. Each command first reads the workout's sets (one indexed
query) and, when another connection wrote since the last command (PRAGMA
data_version), the settings and whether the workout is still open; then it
decides, writes through the storage Protocol, and returns an Outcome: an
immutable view of what to show and what to say once. Enter (log_line) reads the
sets only when another connection wrote: this one's own writes are in `sets`
already, since every command ends with them read or added.

A LiveWorkout is used from one thread only: the app's database thread, or the
main thread of a command-line call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from backtui.core import coach, next_set
from backtui.core.coach import RememberedHistory
from backtui.core.next_set import Shaping
from backtui.core.ports import WorkoutStorage
from backtui.core.undo import Change, UndoHistory, replay, revert
from backtui.core.views import TYPED_COMMANDS, NextView, Outcome, SetRow, Words, WorkoutView, card_for, plan_lines, status_flags
from backtui.domain.catalog import Catalog
from backtui.domain.entry import EntryError, example_entry, parse_entry
from backtui.domain.errors import StorageError, WorkoutEnded
from backtui.domain.formatting import entry_text, format_set, format_sets
from backtui.domain.models import SET_KINDS, Exercise, LoggedSet, SetDraft, Workout
from backtui.domain.plausible import ask_words, implausible
from backtui.domain.progression import Suggestion
from backtui.domain.records import Bests, records_of_sets
from backtui.domain.session import (
    Slot,
    after_set,
    insert_slot,
    move_slot,
    next_open,
    remove_slot,
    set_skipped,
    slot_for,
    swap_in,
)
from backtui.domain.timewords import local, local_day
from backtui.domain.units import display_weight

RECENT_SESSIONS = 5  # last time, and the sessions before it on tall screens
NO_NEXT = NextView(None, "", "", next_set.HOLD_DEFAULT)


class LiveWorkout:
    def __init__(self, storage: WorkoutStorage, catalog: Catalog, workout: Workout, slots: Sequence[Slot],
                 index: int = 0) -> None:
        self.storage = storage
        self.catalog = catalog
        self.workout = workout
        self.slots = list(slots)
        self.index = min(max(index, 0), max(len(self.slots) - 1, 0))
        self.sets: list[LoggedSet] = []
        self.ended: str | None = None  # how it ended elsewhere, in words; None while open
        self.shaping = Shaping()
        self.editing: LoggedSet | None = None
        self.undo = UndoHistory()
        self.asked: str | None = None  # a line far beyond the lifter's history, asked about once
        self.suggestion = Suggestion(None, "")
        self.history = RememberedHistory(storage)  # other workouts' sessions, read once while nobody writes
        self._bests: dict[str, Bests] = {}  # other workouts' best marks, per exercise
        self.storage.changed()  # from here on, "changed" means written by someone else
        self.settings = storage.settings()
        self.sets = storage.workout_sets(workout.id)

    # -- what the file says ---------------------------------------------
    @property
    def slot(self) -> Slot | None:
        return self.slots[self.index] if self.slots else None

    @property
    def exercise(self) -> Exercise | None:
        slot = self.slot
        return self.catalog.exercises.get(slot.exercise) if slot is not None else None

    def read(self, *, fresh: bool = False) -> None:
        """Bring what the file holds in: the sets always; settings, history and
        whether the workout is still open when another connection wrote (or `fresh`)."""
        if self.storage.changed() or fresh:
            self.settings = self.storage.settings()
            self.history.forget()
            self._bests.clear()
            now = self.storage.workout(self.workout.id)
            if now is None:
                self.ended = "it was deleted in another backtui"
            elif now.ended_at is not None:
                self.ended = f"it was finished at {local(now.ended_at).format('ddd D MMM HH:mm')}"
        self.sets = self.storage.workout_sets(self.workout.id)

    def catch_up(self) -> None:
        """What another connection wrote since the last command, and only that: every
        command ends with this connection's own writes in `sets` (log adds what it
        logged, the others read after writing), so when nobody else wrote there is
        nothing to read. Enter to "saved" saves the sets query."""
        if self.storage.changed():
            self.read(fresh=True)

    def poll(self) -> Outcome | None:
        """The idle check: a fresh view only when another connection wrote."""
        if not self.storage.changed():
            return None
        self.read(fresh=True)
        return Outcome(self.view(), ended=self.ended is not None)

    def look(self) -> Outcome:
        self.read()
        return Outcome(self.view(), ended=self.ended is not None)

    def use_catalog(self, catalog: Catalog) -> Outcome:
        """The lifter's exercises or routines changed (a new exercise of their own)."""
        self.catalog = catalog
        return self.look()

    def today(self, slug: str | None = None) -> list[LoggedSet]:
        slot = self.slot
        wanted = slug or (slot.exercise if slot is not None else "")
        return [s for s in self.sets if s.exercise == wanted]

    def done_counts(self) -> dict[str, int]:
        roles = {slot.exercise: slot.role for slot in reversed(self.slots)}
        done: dict[str, int] = {}
        for s in self.sets:
            if s.kind != "warmup" or roles.get(s.exercise, "work") == "warmup":
                done[s.exercise] = done.get(s.exercise, 0) + 1
        return done

    def sessions(self, slug: str) -> list[list[LoggedSet]]:
        return self.history.recent_sessions(slug, self.workout.id, RECENT_SESSIONS)

    def bests_before(self, slug: str) -> Bests:
        """The exercise's best marks before the sets about to be logged: other
        workouts' (read once while nobody else writes) and today's so far."""
        if slug not in self._bests:
            self._bests[slug] = self.storage.bests(slug, [s.id for s in self.today(slug)])
        other = self._bests[slug]
        bests = replace(other, reps_at_weight=dict(other.reps_at_weight))
        for s in self.today(slug):
            bests.absorb(s)
        return bests

    # -- the view -------------------------------------------------------
    def working_draft(self) -> SetDraft | None:
        exercise, slot = self.exercise, self.slot
        if exercise is None or slot is None:
            return None
        return next_set.working_draft(self.suggestion, self.shaping, exercise, slot, self.settings)

    def view(self) -> WorkoutView:
        exercise, slot, unit = self.exercise, self.slot, self.settings.unit
        done = self.done_counts()
        today = self.today()
        last_time, shown_next = "", NO_NEXT
        before: tuple[str, ...] = ()
        rows: tuple[SetRow, ...] = ()
        if exercise is not None and slot is not None:
            self.suggestion = coach.suggest(self.history, self.catalog, exercise, self.settings, slot=slot,
                                            workout_id=self.workout.id, today=today)
            working = self.working_draft()
            ramp = next_set.ramp_in_unit(self.shaping.ramp, exercise, slot, working, self.settings)
            self.shaping = replace(self.shaping, ramp=ramp)
            sessions = self.sessions(exercise.slug)
            measure, assisted = exercise.measure, exercise.assisted
            last_time = format_sets(sessions[0], measure, unit, assisted=assisted) if sessions else "nothing yet"
            before = tuple(f"{local_day(s[0].logged_at)}  {format_sets(s, measure, unit, assisted=assisted)}" for s in sessions[1:])
            rows = tuple(SetRow(s.id, s.set_number, format_set(s, measure, unit, assisted=assisted), SET_KINDS.get(s.kind, s.kind), s.note)
                         for s in today)
            shown_next = self.next_view(exercise, slot, working)
        editing = self.editing.set_number if self.editing is not None else None
        target_done = slot is not None and slot.role != "warmup" and done.get(slot.exercise, 0) >= slot.sets_to_log
        return WorkoutView(
            workout_id=self.workout.id, title=self.workout.routine_name or "Ad-hoc workout", slots=tuple(self.slots),
            index=self.index, card=card_for(self.slots, self.index, self.catalog.exercises), last_time=last_time,
            before=before, today=rows, set_count=len(self.sets),
            plan=plan_lines(self.slots, self.index, self.catalog.exercises, done), next=shown_next,
            straps=self.shaping.straps, editing=editing, target_done=target_done,
            flags=status_flags(self.shaping.straps, editing, target_done),
            ramp_left=len(self.shaping.ramp),
            can_ramp=(exercise is not None and slot is not None and next_set.ramp_allowed(exercise, slot)
                      and not any(s.kind != "warmup" for s in today)),
            can_hold=exercise is not None and exercise.timed,
            can_straps=exercise is None or exercise.pattern != "stretch",  # nothing to grip on a stretch
            unit=unit, bell=self.settings.bell is not False, ended_at=self.ended, can_redo=self.undo.can_redo,
        )

    def next_view(self, exercise: Exercise, slot: Slot, working: SetDraft | None) -> NextView:
        draft = next_set.next_draft(self.shaping, working)
        hold = next_set.hold_seconds(draft, slot)
        load_applies = exercise.equipment == "barbell" or exercise.body_share > 0  # "moves ~N kg" only where the body is lifted
        if draft is None:
            return NextView(None, self.suggestion.reason, "", hold, load_applies)
        if self.shaping.ramp:
            reason = f"warm-up, {len(self.shaping.ramp)} to go · Esc drops them"
        elif self.shaping.ramp_then is not None:
            reason = "the set you typed before the warm-ups"
        else:
            reason = "adjusted with ↑/↓" if self.shaping.nudge_kg else self.suggestion.reason
        text = format_set(draft, exercise.measure, self.settings.unit, assisted=exercise.assisted)
        return NextView(text, reason, next_set.load_line(exercise, draft, self.settings), hold, load_applies)

    def said(self, message: Words = (), *, error: str = "", records: tuple[str, ...] = (), entry: str | None = None,
             rest: int | None = None, stop_rest: bool = False) -> Outcome:
        return Outcome(self.view(), message, error=error, records=records, entry=entry, rest=rest,
                       stop_rest=stop_rest, ended=self.ended is not None)

    def refused(self, text: str) -> Outcome:
        """A write the file refused: the workout ended elsewhere. The line stays."""
        return self.said(error=f"Not saved: this workout ended elsewhere ({self.ended}).", entry=text)

    # -- logging --------------------------------------------------------
    def log_line(self, text: str) -> Outcome:
        """Enter on the entry line: the typed sets, Next on an empty line, or the
        set being edited."""
        command = TYPED_COMMANDS.get(text.strip().lower())
        if command == "undo":
            return self.undo_last()
        if command == "redo":
            return self.redo_last()
        self.catch_up()
        if self.ended is not None and self.editing is None:
            return self.refused(text)
        exercise, slot = self.exercise, self.slot
        if exercise is None or slot is None:
            return self.said(error="Add an exercise first (ctrl+o).", entry=text)
        if self.editing is not None:
            return self.save_edit(text)
        if not text.strip():
            self.view()  # Next: the suggestion, from the sets just read (a typed set needs none)
        try:
            drafts = self.drafts_from(text.strip(), exercise, slot)
        except EntryError as exc:
            return self.said(error=str(exc), entry=text)
        if text.strip():
            bodyweight = self.storage.bodyweight_at(None) if exercise.bodyweight else None
            asking = self.ask_first(text, implausible(drafts, exercise, self.bests_before(exercise.slug),
                                                      self.settings.unit, bodyweight))
            if asking is not None:
                return asking
        return self.log(drafts, text)

    def ask_first(self, text: str, reason: str | None) -> Outcome | None:
        """A line far beyond the lifter's history is asked about once: the line stays,
        and Enter on the same line again saves it."""
        if reason is None or self.asked == text.strip():
            self.asked = None
            return None
        self.asked = text.strip()
        return self.said(error=ask_words(reason), entry=text)

    def drafts_from(self, text: str, exercise: Exercise, slot: Slot) -> list[SetDraft]:
        if not text:
            draft = next_set.next_draft(self.shaping, self.working_draft())
            if draft is None and self.suggestion.action == "done":
                raise EntryError(f"Nothing to suggest: {self.suggestion.reason} (type a set to log one anyway)")
            if draft is None:
                example = example_entry(exercise.measure, self.settings.unit, assisted=exercise.assisted)
                raise EntryError(f"No suggestion yet: type your first set, like {example}")
            return [draft]
        self.shaping = replace(self.shaping, ramp=())  # a set of your own replaces the queued warm-ups
        kind = "warmup" if slot.role == "warmup" else "working"
        drafts = parse_entry(text, exercise.measure, self.settings.unit, exercise.name, default_kind=kind,
                             assisted=exercise.assisted)
        return [replace(d, straps=True) for d in drafts] if self.shaping.straps else drafts

    def log_hold(self, seconds: int, typed: str) -> Outcome:
        """A hold timed with ctrl+t; a note typed meanwhile ("# shaky") goes with it."""
        self.read()
        if self.ended is not None:
            return self.refused(typed)
        slot = self.slot
        if slot is None:
            return self.said()
        note = typed.strip()[1:].strip() if typed.strip().startswith("#") else ""
        draft = SetDraft(seconds=seconds, unit=self.settings.unit, straps=bool(self.shaping.straps),
                         kind="warmup" if slot.role == "warmup" else "working", note=note[:500])
        outcome = self.log([draft], typed)
        return replace(outcome, entry="" if note and not outcome.error else None)

    def log(self, drafts: Sequence[SetDraft], text: str) -> Outcome:
        exercise, slot = self.exercise, self.slot
        assert exercise is not None and slot is not None
        before = self.bests_before(exercise.slug)
        bodyweight = self.storage.bodyweight_at(None) if exercise.bodyweight else None
        try:
            logged = self.storage.log_sets(self.workout.id, exercise.slug, drafts, bodyweight_kg=bodyweight)
        except WorkoutEnded:
            self.read(fresh=True)
            return self.refused(text)
        except StorageError as exc:
            return self.said(error=f"Not saved: {exc}", entry=text)
        # Committed: only now is it called saved.
        ramp, then = self.shaping.ramp, self.shaping.ramp_then
        if ramp and drafts[0].kind == "warmup" and drafts[0].weight_kg == ramp[0].weight_kg:
            ramp = ramp[1:]
        if any(d.kind != "warmup" for d in drafts):
            then = None  # the coach follows today's working sets from here
        self.shaping = replace(self.shaping, ramp=ramp, ramp_then=then, nudge_kg=0.0)
        self.sets.extend(logged)
        self.undo.record(Change("log", (), tuple(logged), self.index))
        unit = self.settings.unit
        records = records_of_sets(logged, before, unit, exercise.measure)
        shown = ", ".join(format_set(s, exercise.measure, unit, assisted=exercise.assisted) for s in logged)
        numbers = ", ".join(str(s.set_number) for s in logged)
        message: Words = (("✓ saved", "success"), (f" set {numbers}: {shown}", "plain"))
        was_at = self.index
        rest_slot = self.after_logging(logged, slot)
        moved_to = self.exercise
        if self.index != was_at and moved_to is not None:  # on to the next exercise of a superset
            message += ((" · round done: rest, then " if rest_slot is not None else " · superset: now ", "plain"),
                        (moved_to.name, "strong"), ("" if rest_slot is not None else ", no rest", "plain"))
        rest = self.rest_seconds(rest_slot) if rest_slot is not None and rest_slot.rest > 0 else None
        return self.said(message, records=tuple(records), entry="", rest=rest)

    def after_logging(self, logged: Sequence[LoggedSet], slot: Slot) -> Slot | None:
        """In a superset, on to the next exercise of the round (no rest until the
        round is over). Returns the slot whose rest starts, or None."""
        working = any(s.kind != "warmup" for s in logged)
        if not working and slot.role != "warmup":
            return None  # a warm-up set of the ramp: stay, no rest
        step = after_set(self.slots, self.index, self.done_counts())
        rest_slot = self.slots[step.rest_slot]
        if step.index != self.index:
            self.move_to(step.index)
        return rest_slot if working and step.rest else None

    def rest_seconds(self, slot: Slot) -> int:
        default = self.settings.rest_default
        return default if isinstance(default, int) and default > 0 else slot.rest

    # -- fixing mistakes ------------------------------------------------
    def chosen(self, set_id: int) -> LoggedSet | None:
        return next((s for s in self.sets if s.id == set_id), None)

    def begin_edit(self, set_id: int) -> Outcome:
        self.read()
        chosen, exercise = self.chosen(set_id), self.exercise
        if chosen is None or exercise is None:
            return self.said((("that set is no longer in the file", "warning"),))
        self.editing = chosen
        return self.said(entry=entry_text(chosen, exercise.measure, chosen.unit, assisted=exercise.assisted))

    def cancel_edit(self) -> Outcome:
        was_editing = self.editing is not None
        self.editing = None
        return self.said(entry="" if was_editing else None)

    def save_edit(self, text: str) -> Outcome:
        before, exercise = self.editing, self.exercise
        assert before is not None and exercise is not None
        try:
            drafts = parse_entry(text, exercise.measure, before.unit, exercise.name, default_kind=before.kind,
                                 assisted=exercise.assisted)
        except EntryError as exc:
            return self.said(error=str(exc), entry=text)
        if len(drafts) != 1:
            return self.said(error="An edit changes one set: type a single set", entry=text)
        bests = self.storage.bests(exercise.slug, [before.id])
        asking = self.ask_first(text, implausible(drafts, exercise, bests, self.settings.unit, before.bodyweight_kg))
        if asking is not None:
            return asking
        return self.change(before, drafts[0], "changed", entry=text)

    def toggle_form(self, set_id: int) -> Outcome:
        """Flag (or unflag) a set whose technique broke down: it holds the weight back."""
        self.read()
        chosen = self.chosen(set_id)
        if chosen is None:
            return self.said()
        draft = replace(chosen.draft(), form_broke=not chosen.form_broke)
        return self.change(chosen, draft, "flagged: form broke" if draft.form_broke else "form flag removed")

    def change(self, before: LoggedSet, draft: SetDraft, words: str, entry: str | None = None) -> Outcome:
        try:
            updated = self.storage.update_set(before.id, draft)
        except StorageError as exc:
            return self.said(error=f"Not saved: {exc}", entry=entry)
        self.editing = None
        self.read()
        if updated is None:
            return self.said((("set ", "plain"), (str(before.set_number), "plain"),
                              (" was deleted elsewhere: nothing changed", "warning")), entry="")
        self.undo.record(Change("edit", (before,), (updated,), self.index))
        return self.said((("✓ saved", "success"), (f" set {updated.set_number} {words}", "plain")), entry="")

    def delete(self, set_id: int) -> Outcome:
        self.read()
        chosen = self.chosen(set_id)
        if chosen is None:
            return self.said()
        try:
            self.storage.delete_set(set_id)
        except StorageError as exc:
            return self.said(error=f"Not deleted: {exc}")
        self.undo.record(Change("delete", (chosen,), (), self.index))
        self.read()
        return self.said(((f"deleted set {chosen.set_number} (ctrl+z brings it back)", "plain"),))

    def change_words(self, change: Change) -> str:
        """The sets a change touches, as the lifter knows them: 'Cat-cow set 2, 30 s'."""
        exercise = self.catalog.exercises.get(change.exercise)
        name, measure = (exercise.name, exercise.measure) if exercise else (change.exercise, "weight_reps")
        assisted = exercise is not None and exercise.assisted
        sets = change.after or change.before
        numbers = ", ".join(str(s.set_number) for s in sets)
        shown = ", ".join(format_set(s, measure, self.settings.unit, details=change.action == "edit",
                                      assisted=assisted) for s in sets)
        what = f"{name} set{'s' if len(sets) > 1 else ''} {numbers}, {shown}"
        if change.action == "edit":
            return f"the edit of {name} set {numbers} ({format_set(change.before[0], measure, self.settings.unit, assisted=assisted)} " \
                   f"-> {shown})"
        return f"deleting {what}" if change.action == "delete" else what

    def show_change(self, change: Change) -> None:
        """Go to the exercise an undo or redo touches, so the lifter sees it happen."""
        if self.slot is not None and self.slot.exercise == change.exercise:
            return
        if 0 <= change.slot_index < len(self.slots) and self.slots[change.slot_index].exercise == change.exercise:
            self.move_to(change.slot_index)
            return
        found = next((i for i, slot in enumerate(self.slots) if slot.exercise == change.exercise), None)
        if found is not None:
            self.move_to(found)

    def undo_last(self) -> Outcome:
        self.read()
        change = self.undo.latest()
        if change is None:
            return self.said((("nothing to undo", "plain"),))
        try:
            undone = revert(change, self.storage, self.sets)
        except StorageError as exc:
            return self.said(error=f"Undo failed: {exc}")
        self.undo.drop_latest()
        was_editing, self.editing = self.editing is not None, None
        self.read()
        self.show_change(change)
        named = self.change_words(change)
        words = f"undone: {named}" if undone else f"nothing to undo: {named} was undone elsewhere"
        hint = " · ctrl+y redoes" if undone else ""
        return self.said(((words, "plain"), (hint, "dim")), stop_rest=change.action == "log",
                         entry="" if was_editing else None)

    def redo_last(self) -> Outcome:
        """Bring back what the last undo took (until a new change is made)."""
        self.read()
        change = self.undo.latest_undone()
        if change is None:
            return self.said((("nothing to redo", "plain"),))
        try:
            redone = replay(change, self.storage, self.sets)
        except StorageError as exc:
            return self.said(error=f"Redo failed: {exc}")
        self.undo.drop_undone()
        if redone:
            self.undo.record(change, redoing=True)
        self.read()
        self.show_change(change)
        named = self.change_words(change)
        words = f"redone: {named}" if redone else f"nothing to redo: {named} is in the file already"
        return self.said(((words, "plain"),))

    # -- the coach, shaped by hand ----------------------------------------
    def nudge(self, steps: int) -> Outcome:
        self.read()
        exercise = self.exercise
        if exercise is None or exercise.timed:
            return self.said()
        self.view()
        self.shaping = replace(self.shaping, nudge_kg=next_set.nudged(self.shaping, steps, self.working_draft(),
                                                                      exercise, self.settings))
        return self.said()

    def toggle_straps(self) -> Outcome:
        """None follows the coach (last time's straps); True/False is the lifter's
        call, kept for every set until changed."""
        self.read()
        self.view()
        draft = self.working_draft()
        shown_on = self.shaping.straps is True or (self.shaping.straps is None and draft is not None and draft.straps)
        self.shaping = replace(self.shaping, straps=not shown_on)
        words = "straps on until you turn them off" if not shown_on else "straps off until you turn them on"
        return self.said(((words, "plain"),))

    def queue_warmups(self, typed: str) -> Outcome:
        """ctrl+y: warm-up sets up to the typed set, or the working set; each empty
        Enter logs the next. A typed set becomes Next after them."""
        self.read()
        exercise, slot = self.exercise, self.slot
        if exercise is None or slot is None:
            return self.said()
        self.view()
        typed_set = None
        if typed.strip():
            try:
                typed_set = parse_entry(typed.strip(), exercise.measure, self.settings.unit, exercise.name,
                                        assisted=exercise.assisted)[0]
            except EntryError:
                typed_set = None
        working = typed_set or self.working_draft()
        if working is None or not working.weight_kg:
            return self.said((("type or nudge (↑) a working weight first, then ctrl+y", "plain"),))
        ramp = tuple(next_set.ramp_up_to(exercise, slot, working.weight_kg, self.settings))
        then = replace(typed_set, kind="working") if typed_set is not None else self.shaping.ramp_then
        self.shaping = replace(self.shaping, ramp=ramp, ramp_then=then)
        up_to = display_weight(working.weight_kg, self.settings.unit)
        words = (f"{len(ramp)} warm-up sets up to {up_to}: each empty Enter logs the next" if ramp
                 else "no warm-up sets needed at this weight")
        return self.said(((words, "plain"),), entry="" if typed_set is not None else None)

    def drop_warmups(self) -> Outcome:
        self.shaping = replace(self.shaping, ramp=())
        return self.look()

    # -- moving through the plan ----------------------------------------
    def move_to(self, index: int) -> None:
        """Another slot: the lifter's hand on Next starts again there."""
        if not self.slots:
            return
        self.index = max(0, min(index, len(self.slots) - 1))
        self.editing = None
        self.shaping = Shaping(straps=self.shaping.straps)
        self.save_plan()

    def save_plan(self) -> None:
        try:
            self.storage.save_plan(self.workout.id, [s.to_json() for s in self.slots], self.index)
        except StorageError:
            pass  # the plan is a convenience for resuming; the sets are what must not be lost

    def go_to(self, index: int) -> Outcome:
        self.read()
        self.move_to(index)
        return self.said()

    def step(self, direction: int) -> Outcome:
        """PgDn / PgUp: the next (or previous) exercise not skipped."""
        self.read()
        target = next_open(self.slots, self.index, direction)
        if target is None:
            return self.said((("last exercise: ctrl+f finishes the workout", "plain"),) if direction > 0 else ())
        self.move_to(target)
        return self.said()

    def skip(self) -> Outcome:
        self.read()
        if not self.slots:
            return self.said()
        self.slots = set_skipped(self.slots, self.index, True)
        target = next_open(self.slots, self.index, +1)
        self.move_to(target if target is not None else self.index)
        # On the status line, not a notice: a notice would cover "saved" for seconds.
        return self.said((("skipped: ctrl+l shows the plan to bring it back", "plain"),))

    def add(self, slug: str, catalog: Catalog, at: int | None = None) -> Outcome:
        """Add an exercise after the current one (or at `at`) and go to it unless `at` is given."""
        self.catalog = catalog
        self.read()
        if slug not in catalog.exercises:
            return self.said()
        position = (self.index + 1 if self.slots else 0) if at is None else at
        self.slots = insert_slot(self.slots, position, slot_for(catalog.exercise(slug)))
        if at is None:
            self.move_to(position)
        else:
            self.index += 1 if position <= self.index and len(self.slots) > 1 else 0
            self.save_plan()
        return self.said()

    def swap_variant(self) -> Outcome:
        """ctrl+v: the current exercise swapped for its next variant (the one done
        least recently), until a set of it is logged today."""
        self.read()
        exercise, slot = self.exercise, self.slot
        if exercise is None or slot is None:
            return self.said()
        if self.today():
            return self.said(((f"Sets of {exercise.name} are logged: add the variant with ctrl+o instead.",
                               "warning"),))
        variants = coach.variant_order(self.history, self.catalog, exercise, slot)
        if not variants:
            return self.said(((f"{exercise.name} has no variants to swap to.", "warning"),))
        self.slots[self.index] = swap_in(slot, variants[0])
        self.shaping = Shaping(straps=self.shaping.straps)
        self.save_plan()
        return self.said((("swapped to ", "plain"), (variants[0].name, "strong"),
                          (" · ctrl+v again for the next variant", "plain")))

    def reorder(self, position: int, delta: int) -> Outcome:
        self.read()
        self.slots, moved = move_slot(self.slots, position, delta)
        if moved != position:
            self.index = moved if self.index == position else position if self.index == moved else self.index
            self.save_plan()
        return self.said()

    def toggle_skipped(self, position: int) -> Outcome:
        self.read()
        if 0 <= position < len(self.slots):
            self.slots = set_skipped(self.slots, position, not self.slots[position].skipped)
            self.save_plan()
        return self.said()

    def remove(self, position: int) -> Outcome:
        self.read()
        if not 0 <= position < len(self.slots):
            return self.said()
        if self.slots[position].exercise in {s.exercise for s in self.sets}:
            return self.said((("Sets are logged for it: skip it instead (s), or delete its sets first.", "warning"),))
        self.slots = remove_slot(self.slots, position)
        if self.index > position or self.index >= len(self.slots):
            self.index = max(0, self.index - 1)
        self.save_plan()
        return self.said()

    def jump(self, position: int) -> Outcome:
        """Go to a slot from the plan, bringing it back if it was skipped."""
        self.read()
        if 0 <= position < len(self.slots) and self.slots[position].skipped:
            self.slots = set_skipped(self.slots, position, False)
        self.move_to(position)
        return self.said()
