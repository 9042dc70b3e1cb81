"""History and progress: past workouts, one exercise over time, grip straps, weekly
balance and a training calendar, each on a tab with a number key.

Reads `app.store` and `app.catalog`. Each tab loads when first shown and again after
a filter changes; every query is bounded (LIMIT, one exercise, or a date window).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from backtui.domain.clock import local_zone
from backtui.domain.history import (
    HistoryFilter,
    WorkoutSummary,
    describe_day,
    format_duration,
    last_weeks,
)
from backtui.domain.timewords import local
from backtui.domain.units import plural
from backtui.screens.host import BacktuiHost
from backtui.widgets.balance_panel import BalancePanel
from backtui.widgets.exercise_progress import ExerciseProgress, volume_text
from backtui.widgets.filter_bar import FilterBar
from backtui.widgets.inert import user_text
from backtui.widgets.quiet_footer import QuietFooter
from backtui.widgets.strap_panel import StrapPanel
from backtui.widgets.training_calendar import MAX_WEEKS, TrainingCalendar

NARROW = 72  # columns below which the workout list folds into two lines a workout
TABS = ("workouts", "exercise", "straps", "balance", "calendar")
WORKOUT_PAGE = 50
BALANCE_WEEKS = 12


class HistoryScreen(Screen):
    app = getters.app(BacktuiHost)

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("e", "pick_exercise", "Exercise"),
        Binding("r", "pick_routine", "Routine"),
        Binding("d", "pick_dates", "Dates"),
        Binding("x", "clear_filters", "Clear"),
        Binding("m", "more_workouts", "More", show=False),
        *(Binding(str(i + 1), f"show_tab('{tab}')", tab.title(), show=False) for i, tab in enumerate(TABS)),
    ]

    def __init__(self, exercise: str | None = None, tab: str = "workouts"):
        super().__init__()
        self.exercise = exercise  # shown on the Exercise and Straps tabs
        self.initial_tab = tab if tab in TABS else "workouts"
        self.filters = HistoryFilter()  # narrows Workouts and Exercise
        self.workouts: list[WorkoutSummary] = []
        self._stale: set[str] = set(TABS)

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(id="filters")
        with TabbedContent(id="tabs", initial=self.initial_tab):
            with TabPane("1 Workouts", id="workouts"):
                yield DataTable(id="workout-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="workout-hint")
            # The hidden tabs mount after the first frame (Lazy): the list shows sooner.
            with TabPane("2 Exercise", id="exercise"):
                yield Lazy(ExerciseProgress(id="progress"))
            with TabPane("3 Straps", id="straps"):
                yield Lazy(StrapPanel(id="strap-panel"))
            with TabPane("4 Balance", id="balance"):
                yield Lazy(BalancePanel(id="balance-panel"))
            with TabPane("5 Calendar", id="calendar"):
                yield Lazy(Vertical(TrainingCalendar(id="training-calendar"), Static("", id="consistency")))
        yield QuietFooter()

    def on_mount(self) -> None:
        if self.initial_tab == "workouts":
            self.query_one("#workout-table").focus()
        else:
            self.query_one(TabbedContent).active = self.initial_tab
        if self.app.store is None:
            self.query_one("#workout-hint", Static).update("Opening the database...")
            return
        self.reload()

    def on_storage_ready(self, _message) -> None:
        """Posted by the app when the database opens (if this screen came first)."""
        self.reload()

    # -- loading ------------------------------------------------------------
    @property
    def store(self):
        return self.app.store

    @property
    def unit(self) -> str:
        return self.store.get_setting("unit", "kg")

    def today(self) -> date:
        from backtui.storage.history import today

        return today()

    def reload(self) -> None:
        """Mark every tab out of date and load the one on view."""
        if self.store is None:
            return
        if self.exercise is None:
            self.exercise = self._default_exercise()
        self._stale = set(TABS)
        self._update_filter_bar()
        self._load(self.query_one(TabbedContent).active or "workouts")

    def _default_exercise(self) -> str | None:
        from backtui.storage.history import exercises_done

        done = exercises_done(self.store)
        catalog = self.app.catalog.exercises
        # The latest loaded lift makes the most telling chart; else the latest anything.
        loaded = [slug for slug in done if slug in catalog and catalog[slug].measure == "weight_reps"]
        if loaded or done:
            return max(loaded or done, key=lambda slug: done[slug])
        return next(iter(catalog), None)

    @on(TabbedContent.TabActivated)
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if self.store is not None and event.pane.id in self._stale:
            self._load(event.pane.id)

    def _load(self, tab: str) -> None:
        try:
            getattr(self, f"load_{tab}")()
        except NoMatches:  # its Lazy widgets are not mounted yet: after the next frame
            self.call_after_refresh(self._load, tab)
            return
        self._stale.discard(tab)

    def load_workouts(self) -> None:
        from backtui.storage.history import workout_summaries

        self.workouts = workout_summaries(self.store, self.filters, limit=WORKOUT_PAGE)
        self._fill_workouts(self.workouts, clear=True)

    def action_more_workouts(self) -> None:
        from backtui.storage.history import workout_summaries

        more = workout_summaries(self.store, self.filters, limit=WORKOUT_PAGE, offset=len(self.workouts))
        self.workouts += more
        self._fill_workouts(more, clear=False)

    def _fill_workouts(self, rows: list[WorkoutSummary], *, clear: bool) -> None:
        import pendulum

        table = self.query_one("#workout-table", DataTable)
        narrow = self.size.width < NARROW  # a phone: two lines a workout, nothing cut off
        if clear:
            # The routine column takes what the fixed columns leave (80 columns fit).
            table.clear(columns=True)
            table.add_column("When · routine" if narrow else "When", width=25)
            if narrow:
                table.add_columns("Time · sets", "Volume")
            else:
                table.add_column("Routine", width=max(14, min(40, self.size.width - 62)))
                table.add_columns("Time", "Sets", "Volume")
        now = pendulum.now().in_tz(local_zone())
        unit = self.unit
        for w in rows:
            when, routine = describe_day(local(w.started_at), now), user_text(w.routine_name or "free workout")
            took = format_duration(w.duration_s) + ("" if w.ended_at else " (open)")
            if narrow:
                table.add_row(Text.assemble(when, "\n", routine), f"{took}\n{plural(w.sets, 'set')}",
                              volume_text(w.volume_kg, unit), key=str(w.id), height=2)
            else:
                table.add_row(when, routine, took, str(w.sets), volume_text(w.volume_kg, unit), key=str(w.id))
        count = len(self.workouts)
        if count == 0:
            hint = "No workouts match these filters (x clears them)." if self.filters.active else "No workouts yet."
        else:
            more = f"; m loads {WORKOUT_PAGE} more" if len(rows) == WORKOUT_PAGE else ""
            hint = f"{plural(count, 'workout')}, newest first. Enter opens one{more}."
        self.query_one("#workout-hint", Static).update(hint)

    def _exercise_name(self, slug: str | None) -> str:
        if slug is None:
            return ""
        known = self.app.catalog.exercises.get(slug)
        return known.name if known else slug

    def load_exercise(self) -> None:
        from backtui.storage.history import exercise_history

        if self.exercise is None:
            return
        flt = HistoryFilter(since=self.filters.since, until=self.filters.until, routine=self.filters.routine)
        sessions, records = exercise_history(self.store, self.exercise, flt)
        known = self.app.catalog.exercises.get(self.exercise)
        scope = "in the filtered range" if flt.active else "all time"
        self.query_one(ExerciseProgress).show(self._exercise_name(self.exercise),
                                              known.measure if known else "weight_reps",
                                              sessions, records, self.unit, scope,
                                              assisted=known is not None and known.assisted)

    def _window_end(self) -> date:
        return min(self.filters.until or self.today(), self.today())

    def load_straps(self) -> None:
        from backtui.domain.straps import StrapWeek, strap_note, straps_by_exercise
        from backtui.storage.history import heaviest_kg, weekly_rows

        weeks = last_weeks(self._window_end(), BALANCE_WEEKS)
        by_exercise = straps_by_exercise(weekly_rows(self.store, weeks), weeks)
        notes = []
        any_strapped = False
        for slug, exercise_weeks in sorted(by_exercise.items()):
            if any(w.strap_sets for w in exercise_weeks):
                any_strapped = True
                note = strap_note(self._exercise_name(slug).lower(), exercise_weeks,
                                  heaviest_kg(self.store, slug), heaviest_kg(self.store, slug, straps=False))
                if note:
                    notes.append(note)
        if self.exercise is None:
            return
        mine = by_exercise.get(self.exercise) or [StrapWeek(monday, 0, 0) for monday in weeks]
        self.query_one(StrapPanel).show(self._exercise_name(self.exercise), mine,
                                        heaviest_kg(self.store, self.exercise),
                                        heaviest_kg(self.store, self.exercise, straps=False), notes, self.unit,
                                        any_strapped=any_strapped)

    def load_balance(self) -> None:
        from backtui.domain.balance import pull_drift, week_summary, weekly_balance
        from backtui.storage.history import weekly_rows

        weeks = last_weeks(self._window_end(), BALANCE_WEEKS)
        rows = [row for row, _ in weekly_rows(self.store, weeks)]
        exercises = self.app.catalog.exercises
        self.query_one(BalancePanel).show(weekly_balance(rows, exercises, weeks),
                                          pull_drift(rows, exercises, weeks), self.unit,
                                          week_summary(rows, exercises, weeks[-1]))

    def load_calendar(self) -> None:
        from backtui.storage.history import training_days

        end = self._window_end()
        days = training_days(self.store, end - timedelta(weeks=MAX_WEEKS), end)
        calendar = self.query_one(TrainingCalendar)
        calendar.days, calendar.end = frozenset(days), end
        self._calendar_days = days
        self._describe_consistency()

    def on_training_calendar_resized(self) -> None:
        # The calendar's first size comes after its data: count the weeks it shows.
        if hasattr(self, "_calendar_days"):
            self._describe_consistency()

    def _describe_consistency(self) -> None:
        from backtui.domain.consistency import consistency

        calendar = self.query_one(TrainingCalendar)
        if calendar.end is None:
            return
        summary = consistency(self._calendar_days, calendar.end, calendar.weeks_shown())
        self.query_one("#consistency", Static).update(summary.describe())

    # -- filters --------------------------------------------------------------
    def _update_filter_bar(self) -> None:
        bar = self.query_one(FilterBar)
        bar.exercise = self._exercise_name(self.exercise)
        bar.note = "(workouts: any)" if self.filters.exercise is None and self.exercise is not None else ""
        routine = self.filters.routine
        bar.routine = (self.app.catalog.routines[routine].name if routine in self.app.catalog.routines
                       else routine or "")
        since, until = self.filters.since, self.filters.until
        bar.dates = "" if not (since or until) else f"{since or '...'} to {until or 'today'}"

    def set_filters(self, flt: HistoryFilter) -> None:
        self.filters = flt
        self.reload()

    def action_pick_exercise(self) -> None:
        from backtui.screens.pick_option import PickOptionScreen
        from backtui.storage.history import exercises_done

        if self.store is None:
            return
        done = exercises_done(self.store)
        catalog = self.app.catalog.exercises
        slugs = sorted(done, key=lambda s: done[s], reverse=True) + [s for s in catalog if s not in done]
        options = [(slug, f"{self._exercise_name(slug)}" + ("" if slug in done else "  (never done)"))
                   for slug in slugs]
        self.app.push_screen(PickOptionScreen("Exercise", options), self._exercise_picked)

    def _exercise_picked(self, slug: str | None) -> None:
        if slug is not None:
            self.exercise = slug
            self.set_filters(HistoryFilter(self.filters.since, self.filters.until, self.filters.routine, slug))
            if self.query_one(TabbedContent).active == "workouts":
                self.action_show_tab("exercise")

    def action_pick_routine(self) -> None:
        from backtui.screens.pick_option import PickOptionScreen
        from backtui.storage.history import routines_done

        if self.store is None:
            return
        names = {slug: r.name for slug, r in self.app.catalog.routines.items()}
        names.update({slug: name for slug, name in routines_done(self.store).items() if slug not in names})
        options = [("", "Any routine")] + sorted(((slug, name) for slug, name in names.items()), key=lambda o: o[1])
        self.app.push_screen(PickOptionScreen("Routine", options), self._routine_picked)

    def _routine_picked(self, slug: str | None) -> None:
        if slug is not None:
            self.set_filters(HistoryFilter(self.filters.since, self.filters.until, slug or None, self.filters.exercise))

    def action_pick_dates(self) -> None:
        from backtui.screens.date_range import DateRangeScreen

        self.app.push_screen(DateRangeScreen(self.today(), self.filters.since, self.filters.until), self._dates_picked)

    def _dates_picked(self, picked) -> None:
        if picked is not None:
            since, until = picked
            self.set_filters(HistoryFilter(since, until, self.filters.routine, self.filters.exercise))

    def action_clear_filters(self) -> None:
        self.set_filters(HistoryFilter())

    # -- moving around --------------------------------------------------------
    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus = {"workouts": "#workout-table", "exercise": "#sessions", "straps": "#strap-weeks",
                 "balance": "#balance-weeks"}.get(tab)
        if focus:
            self.query_one(focus).focus()

    @on(DataTable.RowSelected, "#workout-table")
    def open_workout(self, event: DataTable.RowSelected) -> None:
        from backtui.screens.workout_detail import WorkoutDetailScreen

        workout_id = int(str(event.row_key.value))  # the table's keys are workout ids
        summary = next((w for w in self.workouts if w.id == workout_id), None)
        # The row's When cell (on a narrow screen its second line is the routine, said below).
        heading = str(self.query_one("#workout-table", DataTable).get_row(event.row_key)[0]).split("\n")[0]
        if summary is not None:
            heading += (f" · {summary.routine_name or 'free workout'} · {format_duration(summary.duration_s)}"
                        f" · {plural(summary.sets, 'set')} · {volume_text(summary.volume_kg, self.unit)}")
        self.app.push_screen(WorkoutDetailScreen(self.store.workout(workout_id), self.store.workout_sets(workout_id),
                                                 heading, self.unit), lambda changed: self.reload() if changed else None)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        """(title, help, callable) for the app's command palette."""
        commands: list[tuple[str, str, Callable[[], None]]] = [
            (f"History: {tab} tab", f"Show the {tab} tab of the history", partial(self.action_show_tab, tab))
            for tab in TABS
        ]
        commands += [
            ("History: pick exercise", "Choose the exercise to chart (fuzzy search)", self.action_pick_exercise),
            ("History: filter by routine", "Only workouts of one routine", self.action_pick_routine),
            ("History: filter by dates", "A date range, e.g. 12w or 2026-01-01", self.action_pick_dates),
            ("History: clear filters", "Show all workouts again", self.action_clear_filters),
        ]
        return commands
