"""`backtui history`: past workouts with their sets, or one exercise's sessions and records."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from backtui.cli.common import UserError, db_option, open_store, profile_catalog, say_json, unknown_exercise, unknown_routine
from backtui.cli.completion import complete_exercise, complete_routine
from backtui.domain.clock import local_zone
from backtui.domain.history import (
    DateBoundError,
    ExerciseRecords,
    ExerciseSession,
    HistoryFilter,
    WorkoutSummary,
    describe_day,
    format_duration,
    group_by_exercise,
    parse_date_bound,
)
from backtui.domain.inert import visible, visible_line
from backtui.domain.models import LoggedSet
from backtui.domain.records import E1RM_ERROR, set_e1rm
from backtui.domain.units import plural

if TYPE_CHECKING:
    from pendulum import DateTime

E1RM_NOTE = "e1RM is an estimate (Epley) from working sets of 1-10 reps"


def _local(instant: str) -> DateTime:
    from backtui.domain.timewords import local

    return local(instant)


def _bound(option: str, text: str | None, today: date) -> date | None:
    if text is None:
        return None
    try:
        return parse_date_bound(text, today)
    except DateBoundError as exc:
        raise UserError(f"{option} {exc}") from None


def _check_routine(store, slug: str) -> None:
    from backtui.storage.history import routines_done

    known = set(store.catalog.routines) | set(routines_done(store))
    if slug not in known:
        raise unknown_routine(slug, sorted(known))


def _resolve_exercise(store, text: str) -> str:
    found = store.catalog.find_exercise(text)
    if found is not None:
        return found.slug
    if text in store._exercise_ids:  # a custom exercise of this profile
        return text
    raise unknown_exercise(store.catalog, text)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--since", "since_text", metavar="DATE", help="From this day on: YYYY-MM-DD, or 30d, 12w, 6m, 1y back.")
@click.option("--until", "until_text", metavar="DATE", help="Up to and including this day.")
@click.option("--routine", metavar="SLUG", help="Only workouts of this routine.", shell_complete=complete_routine)
@click.option("--exercise", metavar="SLUG", help="One exercise: its sessions and records.",
              shell_complete=complete_exercise)
@db_option
@click.pass_context
def history(ctx: click.Context, as_json: bool, since_text: str | None, until_text: str | None,
            routine: str | None, exercise: str | None, db_path: Path | None) -> None:
    """Past workouts with their sets, newest first; with --exercise, that exercise's
    sessions (oldest first) and records. e1RM figures are estimates."""
    from backtui.storage.history import today

    now_day = today()
    flt = HistoryFilter(since=_bound("--since", since_text, now_day), until=_bound("--until", until_text, now_day),
                        routine=routine)
    if flt.since and flt.until and flt.since > flt.until:
        raise UserError(f"--since {flt.since} is after --until {flt.until}")
    store = open_store(ctx, db_path, create=False)
    # The lifter's own exercises and routines are named and found like shipped ones.
    store.catalog = profile_catalog(store)
    if routine is not None:
        _check_routine(store, routine)
    unit = store.get_setting("unit", "kg")
    if exercise is not None:
        _exercise_report(store, _resolve_exercise(store, exercise), flt, as_json, unit)
    else:
        _workouts_report(store, flt, as_json, unit)


# -- one exercise ------------------------------------------------------------

def session_json(session: ExerciseSession) -> dict:
    return {
        "date": session.date,
        "workout_id": session.workout_id,
        "top_set": {"weight_kg": session.top_weight_kg, "reps": session.top_reps},
        "e1rm_kg": session.e1rm_kg,
        "volume_kg": session.volume_kg,
        "sets": session.sets,
        "strap_sets": session.strap_sets,
        "hold_s": session.hold_s,
    }


def records_json(records: ExerciseRecords) -> dict:
    return {
        "heaviest_kg": records.heaviest_kg,
        "heaviest_on": records.heaviest_on,
        "best_e1rm_kg": records.best_e1rm_kg,
        "best_e1rm_on": records.best_e1rm_on,
        "longest_hold_s": records.longest_hold_s,
        "longest_hold_on": records.longest_hold_on,
        "best_volume_kg": records.best_volume_kg,
        "best_volume_on": records.best_volume_on,
        "reps_at_weight": [{"weight_kg": w, "reps": r} for w, r in sorted(records.reps_at_weight.items())],
    }


def _exercise_report(store, slug: str, flt: HistoryFilter, as_json: bool, unit: str) -> None:
    from backtui.storage.history import exercise_history

    sessions, records = exercise_history(store, slug, flt)
    known = store.catalog.exercises.get(slug)
    name = known.name if known else slug
    if as_json:
        say_json({
            "exercise": slug,
            "name": name,
            "e1rm_note": E1RM_NOTE,
            "sessions": [session_json(s) for s in sessions],
            "records": records_json(records),
        })
        return
    from rich.console import Console
    from rich.table import Table

    from backtui.domain.formatting import assist_words, format_load_or_help, format_mass, format_seconds, pack_sets

    measure = known.measure if known else "weight_reps"
    assisted = known is not None and known.assisted

    def kg(value: float | None, what: str = "load") -> str:
        return format_mass(value, unit, what=what)

    table = Table(title=visible_line(f"{name}: {plural(len(sessions), 'session')}"), title_justify="left")
    for column in ("Date", "Top set", "e1RM (est.)", "Volume", "Sets", "Straps"):
        table.add_column(column, justify="left" if column in ("Date", "Top set") else "right")
    for s in sessions:
        if s.top_reps is not None:
            top = f"{format_load_or_help(s.top_weight_kg, measure, unit, assisted=assisted)} x {s.top_reps}"
        else:
            top = format_seconds(s.hold_s) if s.hold_s else "-"
        table.add_row(s.date, top, kg(s.e1rm_kg, "estimate"), kg(s.volume_kg or None, "total"), str(s.sets),
                      str(s.strap_sets))
    console = Console(markup=False, highlight=False)
    console.print(table)
    helped = assisted and records.heaviest_kg is not None and records.heaviest_kg < 0  # least help is the record
    heaviest = f"Least help {assist_words(records.heaviest_kg or 0, unit)}" if helped else \
        f"Heaviest {kg(records.heaviest_kg)}"
    facts = [heaviest, f"best e1RM {kg(records.best_e1rm_kg, 'estimate')} (estimate, {E1RM_ERROR})",
             f"longest hold {format_seconds(records.longest_hold_s) if records.longest_hold_s else '-'}",
             f"most volume {kg(records.best_volume_kg, 'total')}"]
    console.print(pack_sets(facts, console.width, " · "), soft_wrap=True)


# -- workouts ----------------------------------------------------------------

def set_json(s: LoggedSet, share: float = 1.0) -> dict:
    return {
        "exercise": s.exercise,
        "set_number": s.set_number,
        "kind": s.kind,
        "weight_kg": s.weight_kg,
        "reps": s.reps,
        "seconds": s.seconds,
        "straps": s.straps,
        "rpe": s.rpe,
        "form_broke": s.form_broke,
        "note": s.note,
        "unit": s.unit,
        "logged_at": s.logged_at,
        "e1rm_kg": set_e1rm(s, share=share),
    }


def workout_json(w: WorkoutSummary, sets: list[LoggedSet], shares: dict[str, float] | None = None) -> dict:
    return {
        "id": w.id,
        "date": _local(w.started_at).to_date_string(),
        "started_at": w.started_at,
        "ended_at": w.ended_at,
        "routine": w.routine_slug,
        "routine_name": w.routine_name,
        "duration_s": w.duration_s,
        "sets_count": w.sets,
        "working_sets": w.working_sets,
        "volume_kg": w.volume_kg,
        "note": w.note,
        "sets": [set_json(s, (shares or {}).get(s.exercise, 1.0)) for s in sets],
    }


def _workouts_report(store, flt: HistoryFilter, as_json: bool, unit: str) -> None:
    from backtui.storage.history import sets_of_workouts, workout_summaries

    workouts = workout_summaries(store, flt, limit=None)
    sets = sets_of_workouts(store, [w.id for w in workouts])
    if as_json:
        shares = {slug: e.body_share for slug, e in store.catalog.exercises.items()}
        say_json([workout_json(w, sets[w.id], shares) for w in workouts])
        return
    import pendulum
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from backtui.domain.formatting import format_mass, format_set, pack_sets

    console = Console(markup=False, highlight=False)
    if not workouts:
        console.print("No workouts" + (" match these filters." if flt.active else " yet."))
        return
    now = pendulum.now().in_tz(local_zone())
    for w in workouts:
        title = (f"{describe_day(_local(w.started_at), now)} · {w.routine_name or 'free workout'} · "
                 f"{format_duration(w.duration_s)} · {plural(w.sets, 'set')} · {format_mass(w.volume_kg, unit, what='total')}")
        grouped = group_by_exercise(sets[w.id])
        with_notes = any(s.note for group in grouped.values() for s in group)
        table = Table(show_header=False, expand=False, pad_edge=False, box=None, padding=(0, 2, 0, 2))
        names = {slug: (known.name if (known := store.catalog.exercises.get(slug)) else slug) for slug in grouped}
        # A set is never broken across lines: the sets are packed into lines of the width
        # the names leave, and held there. Notes get a column of their own when there is
        # room for one beside the sets, else a line of their own under them.
        free = console.width - max(len(name) for name in names.values()) - 8
        notes_beside = with_notes and free >= 24 + 16
        sets_width = max(16, int(free * 0.6) if notes_beside else free)
        table.add_column("Exercise", no_wrap=True)
        table.add_column("Sets", overflow="fold", min_width=sets_width if free >= sets_width else None)
        if notes_beside:
            table.add_column("Notes", overflow="fold")
        for slug, group in grouped.items():
            known = store.catalog.exercises.get(slug)
            measure = known.measure if known else "weight_reps"
            assisted = known is not None and known.assisted
            row = [names[slug], pack_sets([format_set(s, measure, unit, assisted=assisted) for s in group], sets_width)]
            notes = "; ".join(s.note for s in group if s.note)
            if notes_beside:
                row.append(notes)
            table.add_row(*("\n".join(visible_line(line) for line in cell.split("\n")) for cell in row))
            if notes and not notes_beside:
                table.add_row("", visible("# " + notes))
        console.print(Text(visible_line(title), style="bold"))
        if w.note:
            console.print("  Note: " + visible(w.note))
        console.print(table)
        console.print()

