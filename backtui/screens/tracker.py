"""The live tracker: keys become the workout core's commands, its views become the screen.

Every command runs on the database thread (screens/jobs.py), so a write waiting for
another process's lock never stops the countdowns or the keyboard; a set is called
saved only once the core says it is committed. The layout stays still when a set is
added: the sets table takes the free height and scrolls, every other line keeps
its height, and nothing is hidden or shown per Enter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Header, Input

from backtui.core.views import TYPED_COMMANDS, Outcome, Words, WorkoutView, card_for, joined
from backtui.domain.entry import EntryError, parse_entry
from backtui.domain.models import Routine
from backtui.domain.session import Slot
from backtui.screens.collector import collector
from backtui.screens.first_show import first_show
from backtui.screens.frame_now import paint_now
from backtui.screens.host import BacktuiHost
from backtui.screens.jobs import run_job
from backtui.screens.messages import BackToRoutines
from backtui.screens.tracker_ending import Ending
from backtui.screens.tracker_keys import VariantKey
from backtui.screens.tracker_moves import TimersAndMoves
from backtui.screens.tracker_sets import TodaysSets
from backtui.widgets.countdown import Countdown
from backtui.widgets.entry_line import EntryBox, EntryLine
from backtui.widgets.exercise_card import ExerciseCard, placeholder
from backtui.widgets.plan_list import PlanList
from backtui.widgets.quiet_footer import QuietFooter
from backtui.widgets.rows_compositor import RowsCompositor
from backtui.widgets.set_table import SetTable
from backtui.widgets.words import WordsLine

if TYPE_CHECKING:
    from backtui.core.lifecycle import Begun
    from backtui.core.workout import LiveWorkout

WIDE, TALL = 110, 34  # columns from which the plan is shown beside; rows from which recent sessions are
POLL_SECONDS = 2.0  # how often an idle tracker asks whether anyone else wrote
WAITING_AFTER = 0.3  # a write still pending after this is waiting for another program's lock
QUICK = 0.05  # an answer within this is shown in the key's own frame (screens/jobs.py)
FRAME = 1 / 60  # Textual's frame: what follows "saved" is painted a frame after it
Command = Callable[["LiveWorkout"], Outcome]


@dataclass(frozen=True)
class PendingStart:
    """Opened with --routine before the database: the card is painted from the
    catalog, and the workout starts (rotation, pins) once the file is open."""

    routine: Routine
    slots: tuple[Slot, ...]


class TrackerScreen(VariantKey, TodaysSets, TimersAndMoves, Ending):
    app = getters.app(BacktuiHost)

    CSS_PATH = "tracker.tcss"
    # The entry line has the keys from the first frame (not the sets table, Textual's
    # first focusable widget: moving focus after would rebuild the footer and restyle).
    AUTO_FOCUS = "#entry"
    # The sets table's keys, for the help screen (the table is not focused while typing).
    HELP_EXTRA = [("tab", "Today's sets: e edits one, d deletes it, ! flags form broke, Esc comes back")]
    BINDINGS = [
        Binding("pagedown,ctrl+n", "step(1)", "Next", key_display="^n", tooltip="Go to the next exercise"),
        Binding("pageup,ctrl+b", "step(-1)", "Prev", key_display="^b", show=False,
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
        Binding("ctrl+y", "undo(True)", "Redo", tooltip="Bring back what undo took (also: type redo)"),
        Binding("ctrl+y", "warmup_ramp", "Warm-up sets",
                tooltip="Queue warm-up sets (bar, 40%, 60%, 80%) before the first working set"),
    ]

    def __init__(self, begun: Begun | None = None, *, pending: PendingStart | None = None) -> None:
        super().__init__()
        self._compositor = RowsCompositor()  # renders only the rows a frame changes (Enter to "saved")
        self.live = begun.live if begun is not None else None
        self.first = begun.outcome if begun is not None else None
        self.pending = pending
        self.later_mounted = pending is None  # False: compose leaves some widgets to mount_later
        self.view: WorkoutView | None = None
        self.message: Words = ()
        self.saving: list[str] = []  # lines sent to be logged, not committed yet
        self.in_flight = 0  # commands sent, not answered yet
        self.asked_ended = False
        self.error_line: str | None = None  # the line the error under the entry is about
        self.shown_count = 0  # outcomes shown: the last one's words stay under the entry

    # -- layout ----------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Classes before the first styling, so the first resize has nothing to restyle.
        self.size_classes(*self.app.size)
        # Started before the file is open (--routine --start): the first frame has what
        # the lifter reads and types into. Today's sets (none yet), the idle timers and
        # the plan beside (hidden below WIDE columns) come right after it, into the space
        # kept for them (mount_later): nothing moves when they arrive.
        later = not self.later_mounted
        yield Header()
        with Horizontal(id="tracker-body"):
            with Vertical(id="tracker-main"):
                yield ExerciseCard(id="card")
                yield WordsLine(id="last-time")
                yield Widget(id="today-space") if later else SetTable(id="today")
                yield WordsLine(id="recent")
                yield WordsLine(id="next-set")
                yield WordsLine(id="plates")
                with Horizontal(id="timers"):  # one fixed line: a countdown never reflows the screen
                    if not later:
                        yield Countdown(id="hold")
                        yield Countdown(id="rest")
                yield EntryBox(id="entry")
                yield WordsLine(id="entry-error")
                yield WordsLine(id="status")
            if not later or self.has_class("wide"):
                yield PlanList(id="plan-side")
        yield QuietFooter()

    def mount_later(self) -> None:
        """Today's sets, the timers and the plan beside, after the first frame (and
        before the workout starts, or anything else needs them)."""
        if self.later_mounted:
            return
        self.later_mounted = True
        space = self.query_one("#today-space")
        space.display = False  # the table takes its place in the same layout
        self.query_one("#tracker-main").mount(SetTable(id="today"), before=space)
        space.remove()
        self.query_one("#timers").mount(Countdown(id="hold"), Countdown(id="rest"))
        if not self.query("#plan-side"):
            self.query_one("#tracker-body").mount(PlanList(id="plan-side"))

    @property
    def entry(self) -> EntryLine:
        return self.query_one("#entry", EntryLine)

    def focus_entry(self, _result: object = None) -> None:
        self.entry.focus()

    @property
    def slot(self) -> Slot | None:
        """The slot the lifter is on (F2 opens History on its exercise)."""
        return self.view.slots[self.view.index] if self.view is not None and self.view.slots else None

    def on_mount(self) -> None:
        self.entry.focus()
        self.set_interval(POLL_SECONDS, self.poll)
        if self.first is not None:
            self.show_outcome(self.first)
            return
        assert self.pending is not None
        self.call_after_refresh(self.mount_later)
        self.sub_title = self.pending.routine.name
        self.query_one(ExerciseCard).show(card_for(self.pending.slots, 0, self.app.catalog.exercises))
        self.query_one("#last-time", WordsLine).show((("Last time: opening your history...", "dim"),))
        self.start_pending()

    def on_storage_ready(self, _message: object) -> None:
        self.start_pending()

    def start_pending(self) -> None:
        """The file is open (`--routine`): settle an unfinished workout first, if any."""
        if self.live is None and self.pending is not None and getattr(self.app, "db_thread", None) is not None:
            from backtui.screens.unfinished import start_workout

            self.mount_later()  # the workout's first view fills them

            pending, self.pending = self.pending, None
            start_workout(self, pending.routine, None, self.attach, back=lambda: self.post_message(
                BackToRoutines("Not started: the unfinished workout is still open.")))

    def attach(self, begun: Begun) -> None:
        """The workout started or was resumed: the line typed meanwhile stays where it is."""
        self.live, self.asked_ended = begun.live, False
        self.show_outcome(begun.outcome)

    def on_screen_resume(self, event: events.ScreenResume | None = None) -> None:
        if event is not None:
            first_show(self, event)
        # Back from settings, history or a dialog: units, steps or exercises may have changed.
        if self.live is not None:
            catalog = self.app.catalog
            self.send(lambda live: live.use_catalog(catalog), keep_status=True)
        self.entry.focus()

    def on_resize(self) -> None:
        if self.size_classes(self.size.width, self.size.height):
            self.update_node_styles()  # once for both

    def size_classes(self, width: int, height: int) -> bool:
        """Classes for the terminal's size; True when any changed (styles are updated
        by the caller, once: each update restyles every widget on the screen)."""
        wanted = {"wide": width >= WIDE, "tall": height >= TALL}
        changed = {name: on_ for name, on_ in wanted.items() if self.has_class(name) != on_}
        for name, on_ in changed.items():
            self.set_class(on_, name, update=False)
        return bool(changed)

    # -- commands --------------------------------------------------------
    def send(self, command: Command, *, keep_status: bool = False, then: Callable[[Outcome], object] | None = None,
             saving: str | None = None, takes_line: bool = False) -> None:
        """Run a command of the live workout on the database thread, then show its outcome.
        `saving`: what is being logged, in words ("waiting..." names it; a failed write
        puts it back on the line). `takes_line`: it is the entry line's text, which stays
        on the line until it is saved (emptied after "saved" is painted), or until the
        answer is late (another program holds the lock): then it is emptied at once."""
        live = self.live
        if live is None:
            return
        typed_then = self.entry.value
        self.in_flight += 1
        if saving is not None:
            self.saving.append(saving)

        def answered() -> None:
            self.in_flight -= 1
            if saving is not None:
                self.saving.remove(saving)

        def done(outcome: Outcome) -> None:
            answered()
            if live is not self.live:
                return  # about a workout this screen has left (it ended elsewhere, a new one began)
            self.show_outcome(outcome, keep_status=keep_status, typed_then=typed_then, saved_first=saving is not None,
                              line_taken=takes_line)
            if then is not None:
                then(outcome)

        def failed(exc: Exception) -> None:
            answered()
            if saving is not None and self.entry.value == typed_then:
                self.set_entry(saving)
            self.show_error(f"Not saved: {exc}")

        if run_job(self, lambda _storage: command(live), done, failed=failed, quick=QUICK) and saving is not None:
            if takes_line:  # not answered at once (a lock, most likely): the line is taken all the same
                self.set_entry("")
                typed_then = ""  # what done() and failed() compare the line with
            self.set_timer(WAITING_AFTER, self.show_waiting)

    def poll(self) -> None:
        """Idle: show sets another backtui or `backtui log` added. Nothing is sent to
        the terminal unless something changed."""
        live = self.live
        if live is not None and not self.in_flight:
            run_job(self, lambda _storage: live.poll(), lambda outcome: self.polled(live, outcome))

    def polled(self, live: LiveWorkout, outcome: Outcome | None) -> None:
        if outcome is not None and live is self.live:
            self.show_outcome(outcome, keep_status=True)

    def show_waiting(self) -> None:
        if self.saving:
            self.show_status((("waiting for the database: another backtui is writing; ", "warning"),
                              (f"{self.saving[0] or 'Next'} is not saved yet", "plain")))

    # -- what is shown ---------------------------------------------------
    def show_outcome(self, outcome: Outcome, *, keep_status: bool = False, typed_then: str | None = None,
                     saved_first: bool = False, line_taken: bool = False) -> None:
        view, shown = outcome.view, self.view
        self.view = view
        self.shown_count += 1
        if not keep_status and not outcome.error:  # a failure is said under the entry; the status stays
            self.message = outcome.message
        moved = shown is not None and shown.index != view.index
        # The entry line's text was taken (a set, undo, redo typed): it empties, unless
        # the outcome puts a line back (a typo, a question).
        line = "" if line_taken and outcome.entry is None else outcome.entry
        if saved_first and not outcome.error and not moved:
            # Something logged (a set, a hold) or undone: the status ("saved" with the set
            # in words) gets a frame of its own, painted now (Enter to "saved") when the
            # table only gained rows. A new row (DataTable sizes it once its queue is
            # empty) and the emptied line follow in Textual's next frame, about 3 ms
            # later; the rest (the coach's next set, plates, timers, keys) a frame
            # after that.
            appended = self.query_one(SetTable).show(view.today)
            self.show_status(self.message)
            if appended:
                paint_now(self)
            self.put_line(line, typed_then)
            # A frame's time after the refresh that brings the row and the emptied line.
            rest_of = partial(self.show_rest_of, outcome, False, keep_status, self.shown_count)
            self.call_after_refresh(self.set_timer, FRAME, rest_of)
            return
        self.put_line(line, typed_then)  # before any error: the error is about the line put back
        self.show_rest_of(outcome, moved, keep_status, self.shown_count)

    def put_line(self, line: str | None, typed_then: str | None) -> None:
        """The outcome's line, unless the lifter changed the line since it was sent."""
        if line is not None and typed_then is not None and self.entry.value == typed_then:
            self.set_entry(line)

    def show_rest_of(self, outcome: Outcome, moved: bool, keep_status: bool, count: int) -> None:
        """The screen from the newest view (a later outcome may have come first); the
        words under the entry from this outcome unless a later one was shown."""
        view, latest = self.view, count == self.shown_count
        if view is None:
            return
        self.sub_title = view.title
        if moved:
            self.query_one("#hold", Countdown).stop_quietly()
            self.show_error("")
        card = view.card
        self.query_one(ExerciseCard).show(card)
        if card is not None:
            self.entry.placeholder = placeholder(card.measure, card.assisted, view.unit)
            self.query_one("#last-time", WordsLine).show((("Last time: ", "dim"), (view.last_time, "plain")))
        else:
            self.query_one("#last-time", WordsLine).show((("No exercise yet: ctrl+o adds one.", "plain"),))
        table = self.query_one(SetTable)
        table.show(view.today)
        table.make_room()
        recent = self.query_one("#recent", WordsLine)
        before: list[Words] = [(("Before that", "strong"),), *(((line, "plain"),) for line in view.before)]
        recent.show(*(before if view.before else ()))
        recent.set_class(not view.before, "empty")
        self.show_next(view)
        self.query_one(PlanList).show(view.plan)  # repaints only when it changed, and only when shown
        if latest and outcome.error:
            self.show_error(outcome.error)
        elif latest and outcome.records:
            self.error_line = None
            self.query_one("#entry-error", WordsLine).show(((f"★ New record: {'; '.join(outcome.records)}", "success"),))
        elif latest and not keep_status:
            self.show_error("")
        self.show_status(self.message)
        rest = self.query_one("#rest", Countdown)
        if outcome.stop_rest:
            rest.stop_quietly()
        if outcome.rest is not None and not self.query_one("#hold", Countdown).running:
            rest.start(outcome.rest, "rest")
        self.refresh_bindings()
        if outcome.ended and not self.asked_ended:
            self.asked_ended = True
            self.offer_new_workout(view)

    def show_next(self, view: WorkoutView) -> None:
        shown = view.next
        if shown.text is None:
            words: Words = (("Next: ", "dim"), ("type your first set  ", "plain"), (shown.reason, "dim"))
        else:
            words = (("Next: ", "dim"), (shown.text, "strong"), ("  ", "plain"), (shown.reason, "dim"))
        self.query_one("#next-set", WordsLine).show(words if view.card is not None else ())
        plates = self.query_one("#plates", WordsLine)
        plates.show(((shown.load, "dim"),) if shown.load else ())
        plates.display = shown.load_applies  # per exercise, never per set: the layout stays still

    def show_status(self, message: Words = ()) -> None:
        """This command's words first (the freshest, never cut off), then the flags."""
        flags = self.view.flags if self.view is not None else ()
        self.query_one("#status", WordsLine).show(joined([message, flags]))

    def show_error(self, message: str) -> None:
        self.error_line = self.entry.value if message else None
        self.query_one("#entry-error", WordsLine).show(((message, "error"),) if message else ())

    def set_entry(self, text: str) -> None:
        """The screen changes the entry line (a line not saved put back, a set to
        edit): not the lifter typing (no Changed), so the error shown with it stays."""
        if self.entry.value != text:
            self.entry.set_quietly(text)
        else:
            self.entry.cursor_position = len(text)

    # -- logging ---------------------------------------------------------
    @on(Input.Submitted, "#entry")
    def entry_submitted(self, event: Input.Submitted) -> None:
        self.take_line(self.entry)

    def take_line(self, line: EntryLine) -> None:
        """Enter on the entry line, taken straight from the line's key handler."""
        with collector.held(self):
            self.log_typed(line.value)

    def log_typed(self, text: str) -> None:
        view = self.view
        if self.live is None or view is None:
            # Typed before the workout started: kept here, never logged on its own.
            self.show_status((("the workout has not started yet: your line stays here", "plain"),))
            return
        card = view.card
        if text.strip() and card is not None and text.strip().lower() not in TYPED_COMMANDS:
            try:  # a typo is said at once, on the line it is in; the core checks again
                parse_entry(text.strip(), card.measure, view.unit, card.name, assisted=card.assisted)
            except EntryError as exc:
                self.show_error(str(exc))
                return
        self.send(lambda live: live.log_line(text), saving=text, takes_line=True)

    @on(Input.Changed, "#entry")
    def entry_changed(self, event: Input.Changed) -> None:
        # An error is about the line that caused it: once the lifter changes it, it goes.
        # Keys read together with Enter post their changes before it but reach the
        # screen after it took the line: stale by then (the line has moved on).
        if event.value == self.entry.value and event.value != self.error_line:
            self.show_error("")

    @on(EntryLine.Cancelled)
    def entry_cancelled(self) -> None:
        """Esc undoes the nearest thing: the typed line, an edit, a hold, the rest, the warm-ups."""
        self.mount_later()  # Esc typed ahead of the first frame: the timers are looked at
        view, hold = self.view, self.query_one("#hold", Countdown)
        if self.entry.value:
            self.set_entry("")
            self.show_error("")
        elif view is not None and view.editing is not None:
            self.send(lambda live: live.cancel_edit())
        elif hold.running:
            hold.stop_quietly()
            self.show_status((("hold cancelled: nothing logged", "plain"),))
            self.refresh_bindings()
        elif self.query_one("#rest", Countdown).running:
            self.action_skip_rest()
        elif view is not None and view.ramp_left:
            self.send(lambda live: live.drop_warmups())

    def on_entry_line_nudged(self, event: EntryLine.Nudged) -> None:
        self.send(lambda live: live.nudge(event.steps), keep_status=True)

    def action_toggle_straps(self) -> None:
        self.send(lambda live: live.toggle_straps())

    def action_warmup_ramp(self) -> None:
        typed = self.entry.value
        self.send(lambda live: live.queue_warmups(typed))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None:
            return False  # nothing to act on until the workout has started
        if action in ("skip_rest", "extend_rest"):
            return self.is_mounted and self.query_one("#rest", Countdown).running
        if action == "undo" and parameters:
            return view.can_redo  # ctrl+y redoes right after an undo, else queues warm-ups
        return {"warmup_ramp": view.can_ramp and not view.can_redo, "hold": view.can_hold,
                "toggle_straps": view.can_straps}.get(action, True)
