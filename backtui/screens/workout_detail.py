"""One past workout: its sets grouped by exercise, with notes, and the keys that
correct it (issue 13): edit, add or delete a set, move the workout in time, rename
it, change its note, delete it (typing its date). Every change is undoable while the
screen is open (u / ctrl+z, r / ctrl+y). The work is backtui.core.record_edit's, on
the database thread; History reloads when this closes, so records, summaries,
weekly volume and the coach read the corrected file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from backtui.domain.formatting import format_set
from backtui.domain.history import group_by_exercise
from backtui.domain.models import LoggedSet, Workout
from backtui.domain.units import plural
from backtui.screens.host import BacktuiHost
from backtui.screens.jobs import run_job
from backtui.widgets.inert import user_markup
from backtui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:
    from backtui.core.record_edit import RecordEditor

Work = Callable[["RecordEditor"], Any]


class WorkoutDetailScreen(ModalScreen[bool]):
    """Dismisses with True when the workout was changed (History reloads)."""

    app = getters.app(BacktuiHost)

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"), Binding("q", "close", "Back", show=False),
        Binding("down,j", "move(1)", "Down", show=False), Binding("up,k", "move(-1)", "Up", show=False),
        Binding("e,enter", "edit_set", "Edit set", tooltip="Change the chosen set (the entry line's grammar)"),
        Binding("a", "add_set", "Add set", tooltip="Add a set to the chosen set's exercise"),
        Binding("d,delete", "delete_set", "Delete set", tooltip="Delete the chosen set"),
        Binding("t", "when", "Date", tooltip="Move the workout (and its sets) to another date and time"),
        Binding("n", "rename", "Name", tooltip="Rename the workout"),
        Binding("o", "note", "Note", tooltip="Change the workout's note"),
        Binding("D", "delete_workout", "Delete workout", show=False, tooltip="Delete the workout (type its date)"),
        Binding("ctrl+z,u", "undo", "Undo", tooltip="Undo the last change made here"),
        Binding("ctrl+y,r", "redo", "Redo", show=False, tooltip="Redo what undo took back"),
        Binding("s", "summary", "Summary", tooltip="The workout's summary, as shown when it was finished"),
    ]

    def __init__(self, workout: Workout, sets: list[LoggedSet], heading: str, unit: str):
        super().__init__()
        self.workout: Workout | None = workout
        self.workout_id = workout.id
        self.sets, self.heading, self.unit = sets, heading, unit
        self.chosen = 0  # index into the sets in the order shown
        self.changed = False
        self.said = ""
        self._editor: dict[str, RecordEditor] = {}  # made and used on the database thread

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-box", classes="modal-box"):
            with VerticalScroll(id="workout-detail"):
                yield Static(self._content(), id="workout-sets")
            yield Static("", id="detail-status")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#workout-detail").focus()

    # -- what is shown ---------------------------------------------------
    def ordered(self) -> list[LoggedSet]:
        return [s for group in group_by_exercise(self.sets).values() for s in group]

    def current(self) -> LoggedSet | None:
        shown = self.ordered()
        return shown[min(self.chosen, len(shown) - 1)] if shown else None

    def _content(self) -> Content:
        # User text (notes, names) goes in as template values, never as markup: Textual's
        # escape() doubles a backslash before "[" and one at the end of a note.
        catalog = self.app.catalog
        if self.workout is None:
            return user_markup("[b]$heading[/b]\n\nDeleted: u or ctrl+z brings it back.", heading=self.heading)
        lines = [user_markup("[b]$heading[/b]", heading=self.heading)]
        if self.workout.note:
            lines.append(user_markup("[i]$note[/i]", note=self.workout.note))
        current = self.current()
        for slug, group in group_by_exercise(self.sets).items():
            exercise = catalog.exercises.get(slug)
            measure = exercise.measure if exercise else "weight_reps"
            strapped = sum(1 for s in group if s.straps)
            extra = f", {strapped} with straps" if strapped else ""
            lines.append(Content(""))
            lines.append(user_markup("[b]$name[/b] [dim]$count[/dim]",
                                             name=exercise.name if exercise else slug,
                                             count=f"{plural(len(group), 'set')}{extra}"))
            for s in group:
                line = Content.from_markup("$mark $number. $set", mark="▸" if s is current else " ",
                                           number=f"{s.set_number:>2}", set=format_set(s, measure, self.unit,
                                                                      assisted=bool(exercise and exercise.assisted)))
                if s.note:
                    line += user_markup("  [dim]# $note[/dim]", note=s.note)
                lines.append(line.stylize("reverse") if s is current else line)
        if not self.sets:
            lines += [Content(""), Content("No sets: a adds none here (no exercise); D deletes the workout.")]
        return Content("\n").join(lines)

    def repaint(self) -> None:
        self.query_one("#workout-sets", Static).update(self._content())
        self.query_one("#detail-status", Static).update(user_markup("$said", said=self.said))

    def action_move(self, delta: int) -> None:
        self.chosen = max(0, min(self.chosen + delta, len(self.sets) - 1))
        self.repaint()
        self.query_one("#workout-detail", VerticalScroll).scroll_to(y=max(0, 2 * self.chosen - 4), animate=False)

    # -- commands, on the database thread -----------------------------------
    def run(self, work: Work, *, ask_again: Callable[[], None] | None = None) -> None:
        from backtui.core.record_edit import Doubtful, RecordEditor, RecordError
        from backtui.storage.record_edits import SqliteRecord

        catalog, holder, workout_id = self.app.catalog, self._editor, self.workout_id

        def job(storage):
            editor = holder.get("editor")
            if editor is None:
                editor = holder["editor"] = RecordEditor(SqliteRecord(storage.store), catalog)
            try:
                words = work(editor)
            except Doubtful as exc:
                return "doubt", exc.reason, None, []
            except RecordError as exc:
                return "error", str(exc), None, []
            storage.touched()  # the live workout's coach reads the corrected history
            words = words if isinstance(words, str) else words.words
            return "done", words, storage.workout(workout_id), storage.workout_sets(workout_id)

        def done(result) -> None:
            kind, words, workout, sets = result
            if kind == "doubt" and ask_again is not None:
                from backtui.screens.confirm import ConfirmScreen

                self.app.push_screen(ConfirmScreen("Save it anyway?", user_markup("Really? $reason.", reason=words)),
                                     lambda yes: ask_again() if yes else None)
                return
            self.said = words
            if kind == "done":
                self.changed = True
                self.workout, self.sets = workout, sets
                if workout is not None:
                    self.heading = self._heading(workout)
            self.repaint()

        run_job(self, job, done)

    def _heading(self, workout: Workout) -> str:
        from backtui.core.record_edit import when_words

        return f"{when_words(workout.started_at)} · {workout.routine_name or 'free workout'} · " \
               f"{plural(len(self.sets), 'set')}"

    def ask(self, title: str, value: str, check: Callable[[str], str], then: Callable[[str], None],
            max_length: int = 80) -> None:
        from backtui.screens.name_prompt import NamePromptScreen

        self.app.push_screen(NamePromptScreen(title, check, value, max_length=max_length),
                             lambda text: then(text) if text is not None else None)

    # -- sets -------------------------------------------------------------
    def action_edit_set(self) -> None:
        from backtui.domain.formatting import entry_text

        chosen = self.current()
        if chosen is None or self.workout is None:
            return
        exercise = self.app.catalog.exercises.get(chosen.exercise)
        value = entry_text(chosen, exercise.measure if exercise else "weight_reps", self.unit)

        def save(text: str, sure: bool = False) -> None:
            self.run(lambda editor: editor.edit_set(chosen.id, text, sure=sure), ask_again=lambda: save(text, True))

        self.ask(f"Edit set {chosen.set_number}", value, self._entry_check(chosen.exercise), save, max_length=600)

    def action_add_set(self) -> None:
        chosen = self.current()
        if chosen is None or self.workout is None:
            return
        slug, workout_id = chosen.exercise, self.workout_id

        def save(text: str, sure: bool = False) -> None:
            self.run(lambda editor: editor.add_sets(workout_id, slug, text, sure=sure),
                     ask_again=lambda: save(text, True))

        name = self.app.catalog.exercises[slug].name if slug in self.app.catalog.exercises else slug
        self.ask(f"Add a set of {name}", "", self._entry_check(slug), save, max_length=600)

    def _entry_check(self, slug: str) -> Callable[[str], str]:
        from backtui.domain.entry import parse_entry

        exercise = self.app.catalog.exercises.get(slug)

        def check(text: str) -> str:
            if exercise is not None:
                parse_entry(text.strip(), exercise.measure, self.unit, exercise.name,  # EntryError: a ValueError
                            assisted=exercise.assisted)
            return text

        return check

    def action_delete_set(self) -> None:
        chosen = self.current()
        if chosen is not None and self.workout is not None:
            self.run(lambda editor: editor.delete_set(chosen.id))

    # -- the workout --------------------------------------------------------
    def action_when(self) -> None:
        from backtui.core.record_edit import parse_when
        from backtui.domain.timewords import local

        workout = self.workout
        if workout is None:
            return

        def check(text: str) -> str:
            parse_when(text, workout.started_at)  # RecordError is a ValueError
            return text

        def save(text: str) -> None:
            self.run(lambda editor: editor.edit_workout(self.workout_id, at=parse_when(text, workout.started_at)))

        self.ask("Date and time (e.g. 2026-11-18 18:30)", local(workout.started_at).format("YYYY-MM-DD HH:mm"),
                 check, save)

    def action_rename(self) -> None:
        if self.workout is not None:
            self.ask("Name (empty: free workout)", self.workout.routine_name or "", lambda text: text,
                     lambda text: self.run(lambda editor: editor.edit_workout(self.workout_id, name=text)))

    def action_note(self) -> None:
        if self.workout is not None:
            self.ask("Note (empty: none)", self.workout.note, lambda text: text,
                     lambda text: self.run(lambda editor: editor.edit_workout(self.workout_id, note=text)),
                     max_length=500)

    def action_delete_workout(self) -> None:
        from backtui.domain.timewords import local
        from backtui.screens.typed_confirm import TypedConfirmScreen

        if self.workout is None:
            return
        day = local(self.workout.started_at).format("YYYY-MM-DD")
        question = f"Delete this workout and its {plural(len(self.sets), 'set')}? Type its date, {day}."
        self.app.push_screen(TypedConfirmScreen("Delete workout", question, day),
                             lambda yes: self.run(lambda editor: editor.delete_workout(self.workout_id)) if yes else None)

    # -- undo, and leaving ----------------------------------------------------
    def action_undo(self) -> None:
        self.run(lambda editor: editor.undo())

    def action_redo(self) -> None:
        self.run(lambda editor: editor.redo())

    def action_close(self) -> None:
        self.dismiss(self.changed)

    def action_summary(self) -> None:
        from backtui.core.lifecycle import past_summary
        from backtui.screens.past_summary import PastSummaryScreen

        catalog, workout, sets, unit = self.app.catalog, self.workout, self.sets, self.unit
        if workout is None:
            return
        run_job(self, lambda storage: past_summary(storage, catalog, workout, sets, unit),
                lambda lines: self.app.push_screen(PastSummaryScreen(lines)))
