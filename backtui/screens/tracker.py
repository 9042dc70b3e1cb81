"""The live tracker: one exercise at a time, one entry line, every set saved at Enter."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Input

from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.formatting import format_set, format_sets
from backtui.domain.models import Exercise, LoggedSet, Routine, SetDraft, Workout
from backtui.domain.progression import Suggestion
from backtui.domain.records import Bests, records_of_sets
from backtui.domain.session import Slot, after_set, pre_exhaust_note, superset_position
from backtui.domain.timewords import local_day
from backtui.screens.guard import storage_guarded
from backtui.screens.tracker_coach import CoachMixin
from backtui.screens.tracker_editing import EditingMixin
from backtui.screens.tracker_plan import PlanActionsMixin
from backtui.screens.tracker_reads import ReadsMixin
from backtui.screens.tracker_timers import TimersMixin
from backtui.screens.tracker_undo import UndoStack
from backtui.storage.errors import StorageError
from backtui.widgets.countdown import Countdown
from backtui.widgets.entry_line import EntryLine
from backtui.widgets.exercise_card import ExerciseCard
from backtui.widgets.line import Line
from backtui.widgets.plan_list import PlanList
from backtui.widgets.quiet_footer import QuietFooter
from backtui.widgets.set_table import SetTable

PLACEHOLDERS = {
    "weight_reps": "60x8 s @8 # note    Enter logs · empty Enter logs Next",
    "bodyweight_reps": "12, +10x6 or -20x8 @8 # note    Enter logs · empty Enter logs Next",
    "seconds": "45s or 1:30 # note    ctrl+t times the hold · empty Enter logs Next",
}


class TrackerScreen(ReadsMixin, CoachMixin, EditingMixin, TimersMixin, PlanActionsMixin, Screen):
    CSS_PATH = "tracker.tcss"
    # The entry line has the keys from the first frame (not the sets table, Textual's
    # first focusable widget: moving focus after would rebuild the footer and restyle).
    AUTO_FOCUS = "#entry"
    # The sets table's keys, for the help screen (the table is not focused while typing).
    HELP_EXTRA = [("tab", "Today's sets: e edits one, d deletes it, ! flags form broke, Esc comes back")]
    BINDINGS = [
        Binding("pagedown,ctrl+n", "next_exercise", "Next", key_display="PgDn", tooltip="Go to the next exercise"),
        Binding("pageup,ctrl+b", "previous_exercise", "Prev", key_display="PgUp", show=False,
                tooltip="Go back to the previous exercise"),
        Binding("ctrl+s", "toggle_straps", "Straps", tooltip="Grip straps on or off for the next sets"),
        Binding("ctrl+t", "hold", "Hold timer", tooltip="Start a hold countdown; again to stop and log it"),
        Binding("escape", "skip_rest", "Skip rest", tooltip="Stop the rest countdown"),
        Binding("ctrl+r", "extend_rest", "+30s", tooltip="Add 30 seconds to the rest countdown"),
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last log, edit or delete"),
        Binding("ctrl+f", "finish", "Finish", tooltip="Finish the workout and see the summary"),
        Binding("ctrl+g", "skip_exercise", "Skip exercise", show=False, tooltip="Skip this exercise for today"),
        Binding("ctrl+o", "add_exercise", "Add exercise", show=False, tooltip="Add an exercise after this one"),
        Binding("ctrl+l", "plan", "Plan", show=False, tooltip="See, reorder, skip or jump to any exercise"),
        Binding("ctrl+y", "warmup_ramp", "Warm-up sets",
                tooltip="Queue warm-up sets (bar, 40%, 60%, 80%) before the first working set"),
    ]

    def __init__(self, workout: Workout | None, slots: list[Slot], index: int = 0, routine: Routine | None = None,
                 typed: str = "") -> None:
        """`typed`: a line typed on the screen this one replaces, not logged yet."""
        super().__init__()
        # workout None: opened with --routine before the database; the card is painted
        # from the catalog and the workout starts once the store is ready.
        self.workout = workout
        self.routine = routine
        self.submit_when_ready = False
        self.typed_before = typed
        self.error_shown = False
        self.slots = slots
        self.index = min(max(index, 0), max(len(slots) - 1, 0))
        self.sets: list[LoggedSet] = []
        self.straps: bool | None = None  # None: as suggested; True/False: set with ctrl+s
        self.nudge_kg = 0.0
        self.editing: LoggedSet | None = None
        self.undo = UndoStack()
        self._sessions: dict[str, list[list[LoggedSet]]] = {}
        self._bests: dict[str, Bests] = {}
        self._variants: dict[str, list[str]] = {}
        self._parts: dict = {}
        self.suggestion = Suggestion(None, "")
        self.ramp: list[SetDraft] = []  # warm-up sets queued by ctrl+y, logged one by one
        self.ramp_then: SetDraft | None = None  # the working set typed before ctrl+y: Next after the ramp
        self.settings = None

    # -- layout ----------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Classes before the first styling, so the first resize has nothing to restyle.
        self.size_classes(*self.app.size)
        yield Header()
        with Horizontal(id="tracker-body"):
            with Vertical(id="tracker-main"):
                yield ExerciseCard(id="card")
                yield Line(id="last-time")
                yield SetTable(id="today")
                yield Line(id="recent")
                yield Line(id="next-set")
                yield Line(id="plates")
                with Horizontal(id="timers"):  # a fixed line, so a countdown never reflows the screen
                    yield Countdown(id="rest")
                    yield Countdown(id="hold")
                yield EntryLine(id="entry")
                yield Line(id="entry-error")
                yield Line(id="status")
            yield PlanList(id="plan-side")
        yield QuietFooter()

    @property
    def store(self):
        return self.app.store

    def part(self, selector: str):
        """A child widget by selector, looked up once (the Enter path uses several)."""
        found = self._parts.get(selector)
        if found is None:
            found = self._parts[selector] = self.query_one(selector)
        return found

    @property
    def unit(self) -> str:
        return self.settings.unit if self.settings else "kg"

    @property
    def slot(self) -> Slot | None:
        return self.slots[self.index] if self.slots else None

    @property
    def exercise(self) -> Exercise | None:
        return self.app.catalog.exercises.get(self.slot.exercise) if self.slot else None

    def on_mount(self) -> None:
        self.part("#entry").focus()
        if self.workout is None:
            self.sub_title = self.routine.name if self.routine else "Ad-hoc workout"
            self.show_card()
            self.part("#last-time").show("[dim]Last time: opening your history...[/]")
            if self.store is not None:
                self.start_pending()
            return
        self.sub_title = self.workout.routine_name or "Ad-hoc workout"
        self.load_settings()
        self.sets = self.store.workout_sets(self.workout.id)
        self.show_exercise()
        if self.typed_before:
            self.part("#entry").value = self.typed_before
        self.call_after_refresh(self.warm_up)

    def on_storage_ready(self, _message) -> None:
        if self.workout is None:
            self.start_pending()

    def load_settings(self) -> None:
        from backtui.storage.settings_store import load_settings

        self.settings = load_settings(self.store)

    @storage_guarded
    def on_screen_resume(self) -> None:
        # Back from settings, history or a modal: units or steps may have changed.
        if self.settings is not None:
            before = self.settings.bodyweight_kg
            self.load_settings()
            if self.settings.bodyweight_kg != before:
                # A body weight set now is kept with today's bodyweight sets logged
                # without one (record_bodyweight): read them and their bests again.
                self.sets = self.store.workout_sets(self.workout.id)
                self._bests.clear()
            self.show_exercise(keep_nudge=True)
            self.part("#entry").focus()

    def on_resize(self) -> None:
        was_wide = self.has_class("wide")
        if self.size_classes(self.size.width, self.size.height):
            self.update_node_styles()  # once for all three
        if self.has_class("wide") and not was_wide and self.settings is not None:
            self.show_exercise_plan()

    # -- what is shown ---------------------------------------------------
    def show_card(self) -> bool:
        """The exercise card alone (it needs no database); False when there is no exercise."""
        exercise, slot = self.exercise, self.slot
        if exercise is None or slot is None:
            self.part("#card").display = False
            self.part("#last-time").show("No exercise yet: ctrl+o adds one.")
            return False
        self.part("#card").display = True
        note = slot.note or pre_exhaust_note(self.slots, self.index, self.app.catalog.exercises) or ""
        position = superset_position(self.slots, self.index)
        tag = f"superset {position[0]} {position[1]}/{position[2]}" if position else ""
        self.part("#card").show(exercise, slot, self.index, len(self.slots), note, tag)
        self.part("#entry").placeholder = PLACEHOLDERS[exercise.measure]
        return True

    def show_exercise(self, keep_nudge: bool = False) -> None:
        """Push the current slot's facts down into the widgets."""
        if not keep_nudge:
            self.nudge_kg = 0.0
            self.ramp, self.ramp_then = [], None
        self.show_exercise_plan()
        if not self.show_card():
            self.refresh_bindings()
            return
        exercise = self.exercise
        last = self.last_sets(exercise.slug)
        last_text = format_sets(last, exercise.measure, self.unit) if last else "nothing yet"
        self.part("#last-time").show("[dim]Last time:[/] $sets", sets=last_text)
        self.show_recent(exercise)
        self.show_today()
        self.refresh_bindings()

    def show_recent(self, exercise: Exercise) -> None:
        """The sessions before last time's (shown on its own line above), for screens
        tall enough to show them."""
        sessions = self.sessions(exercise.slug)[1:]
        lines = [
            f"{local_day(session[0].logged_at)}  {format_sets(session, exercise.measure, self.unit)}"
            for session in sessions
        ]
        recent = self.part("#recent")
        recent.show("[b]Before that[/b]\n$lines" if lines else "", lines="\n".join(lines))
        recent.set_class(not lines, "empty")

    def show_today(self, message: str = "") -> None:
        """Today's sets, the coach's next set and the status line (with `message`)."""
        exercise = self.exercise
        if exercise is None:
            return
        today = self.today_sets()
        self.part("#today").show(today, exercise.measure, self.unit)
        self.part("#today").display = bool(today)
        self.suggestion = self.coach(exercise, today)
        self.show_next()
        self.show_status(message)

    def show_status(self, message: str = "") -> None:
        parts = []
        if self.straps:
            parts.append("[b $warning]STRAPS ON[/]")
        elif self.straps is False:
            parts.append("straps off")
        if self.editing is not None:
            parts.append(f"[b $accent]Editing set {self.editing.set_number}[/] (Enter saves, Esc cancels)")
        done = len([s for s in self.today_sets() if s.kind != "warmup"])
        needed = self.slot.sets_to_log if self.slot else 0
        if self.slot and done >= needed and self.slot.role != "warmup":
            parts.append("target done: PgDn for next")
        if message:
            parts.append(message)
        self.part("#status").show(" · ".join(parts))

    def show_error(self, message: str) -> None:
        self.part("#entry-error").show("[$error]$message[/]", message=message)
        self.error_shown = True

    def clear_error(self) -> None:
        self.part("#entry-error").show("")
        self.error_shown = False

    # -- logging ---------------------------------------------------------
    @on(Input.Submitted, "#entry")
    def entry_submitted(self, event: Input.Submitted) -> None:
        if self.workout is None:
            # Typed before the database finished opening: saved the moment it is.
            self.submit_when_ready = True
            self.show_status("opening the database: the set is saved in a moment")
            return
        if self.exercise is None:
            self.show_error("Add an exercise first (ctrl+o).")
            return
        text = event.value.strip()
        if self.editing is not None:
            self.save_edit(text)
            return
        try:
            drafts = self.drafts_from(text)
        except EntryError as exc:
            self.show_error(str(exc))
            return
        self.log_drafts(drafts)

    def drafts_from(self, text: str) -> list[SetDraft]:
        exercise = self.exercise
        if not text:
            draft = self.next_draft()
            if draft is None:
                raise EntryError("No suggestion yet: type your first set, e.g. 40x10")
            return [draft]
        self.ramp = []  # typing a set of your own replaces the queued warm-ups
        kind = "warmup" if self.slot.role == "warmup" else "working"
        drafts = parse_entry(text, exercise.measure, self.unit, exercise.name, default_kind=kind)
        return [replace(d, straps=True) for d in drafts] if self.straps else drafts

    def log_drafts(self, drafts: list[SetDraft]) -> None:
        exercise = self.exercise
        bests = self.bests(exercise.slug)
        bodyweight = self.settings.bodyweight_kg if exercise.bodyweight else None
        try:
            logged = self.store.log_sets(self.workout.id, exercise.slug, drafts, bodyweight_kg=bodyweight)
        except StorageError as exc:
            self.show_error(f"Not saved: {exc}")
            return
        # Committed: only now does the screen call it saved.
        if self.ramp and drafts[0].kind == "warmup" and drafts[0].weight_kg == self.ramp[0].weight_kg:
            self.ramp.pop(0)
        if any(d.kind != "warmup" for d in drafts):
            self.ramp_then = None  # the coach follows today's working sets from here
        self.sets.extend(logged)
        self.undo.push_log(logged)
        self.nudge_kg = 0.0
        self.part("#entry").value = ""
        self.clear_error()
        records = records_of_sets(logged, bests, self.unit, exercise.measure)  # one line per record
        shown = ", ".join(format_set(s, exercise.measure, self.unit) for s in logged)
        numbers = ", ".join(str(s.set_number) for s in logged)
        saved = f"[$success]✓ saved[/] set {numbers}: {escape(shown)}"
        was_at = self.index
        rest_slot = self.after_logging(logged)
        if self.index != was_at:  # moved on in a superset
            name = escape(self.exercise.name)
            saved += (f" · round done: rest, then [b]{name}[/b]" if rest_slot is not None
                      else f" · superset: now [b]{name}[/b], no rest")
            self.show_status(saved)
        else:
            self.show_today(saved)
            self.show_exercise_plan()
        if records:
            self.part("#entry-error").show("[b $success]★ New record: $records[/]", records="; ".join(records))
        if rest_slot is not None and rest_slot.rest > 0:
            self.start_rest(rest_slot)

    def after_logging(self, logged: list[LoggedSet]) -> Slot | None:
        """Where to go after logging: in a superset, on to the next exercise of the round
        (no rest until the round is over). Returns the slot whose rest starts, or None."""
        working = any(s.kind != "warmup" for s in logged)
        if not working and self.slot.role != "warmup":
            return None  # a warm-up set of the ramp: stay, no rest
        step = after_set(self.slots, self.index, self.done_counts())
        rest_slot = self.slots[step.rest_slot]
        if step.index != self.index:
            self.go_to(step.index)
        return rest_slot if working and step.rest else None

    def show_exercise_plan(self) -> None:
        # The plan list is only on screen when the terminal is wide: skip it otherwise.
        if self.has_class("wide"):
            self.part("#plan-side").show(self.slots, self.index, self.app.catalog.exercises, self.done_counts())

    def action_toggle_straps(self) -> None:
        # None: follow the suggestion (last time's straps); True/False: the lifter's call,
        # kept for every set until changed.
        draft = self.working_draft()
        shown_on = self.straps is True or (self.straps is None and draft is not None and draft.straps)
        self.straps = not shown_on
        self.show_next()
        self.show_status("straps on until you turn them off" if self.straps else "straps off until you turn them on")

    @on(EntryLine.Cancelled)
    def entry_cancelled(self) -> None:
        """Esc undoes the nearest thing: an edit, a hold, the rest, the warm-ups, the line."""
        if self.editing is not None:
            self.cancel_edit()
        elif self.part("#hold").running:
            self.part("#hold").stop_quietly()
            self.show_status("hold cancelled: nothing logged")
            self.refresh_bindings()
        elif self.part("#rest").running:
            self.action_skip_rest()
        elif self.ramp:
            self.ramp = []
            self.show_next()
        else:
            self.part("#entry").value = ""
            self.clear_error()

    @on(Input.Changed, "#entry")
    def entry_changed(self) -> None:
        # An error is about the text that caused it: once that text changes, it goes.
        if self.error_shown:
            self.clear_error()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.workout is None:
            return False  # nothing to act on until the workout has started
        if action == "warmup_ramp":
            exercise = self.exercise
            ramp = self.slot.ramp if self.slot and self.slot.ramp is not None else exercise and exercise.ramp
            return exercise is not None and ramp and not any(s.kind != "warmup" for s in self.today_sets())
        if action == "skip_rest" or action == "extend_rest":
            return self.is_mounted and self.part("#rest").running
        if action == "hold":
            return self.exercise is not None and self.exercise.timed
        if action == "toggle_straps":
            return self.exercise is None or self.exercise.pattern != "stretch"  # nothing to grip
        return True
