"""`backtui log`: add sets from the shell, with the same grammar as the app."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import UserError, db_option, open_store, profile_catalog, say, say_json, unknown_exercise
from backtui.cli.completion import complete_exercise, complete_routine
from backtui.domain.catalog import load_catalog
from backtui.domain.entry import parse_entry
from backtui.domain.formatting import format_set


def _parse_at(text: str | None):
    import pendulum

    from backtui.domain.clock import local_zone

    if text is None:
        return pendulum.now()
    try:
        moment = pendulum.parse(text, tz=local_zone())
    except (ValueError, TypeError, OverflowError, pendulum.parsing.exceptions.ParserError):
        raise UserError(f"--at {text!r} is not an ISO date-time (e.g. 2026-11-18T18:30)") from None
    if not isinstance(moment, pendulum.DateTime):
        if isinstance(moment, pendulum.Date):
            moment = pendulum.datetime(moment.year, moment.month, moment.day, 12, tz=local_zone())
        else:
            raise UserError(f"--at {text!r} is not a date-time")
    if not 1900 <= moment.year <= 2999:  # also keeps "the day after" within what dates can hold
        raise UserError(f"--at {text!r} is out of range: give a date between 1900 and 2999")
    # An offset (Z, +05:00) says when; the lifter's own day and clock say which workout.
    moment = moment.in_tz(local_zone())
    if moment > pendulum.now().add(hours=1):
        raise UserError(f"--at {text!r} is in the future; log sets when they are done")
    return moment


def saved_json(s) -> dict:
    """One stored set for `--json`: what it is, and where it went."""
    return {
        "id": s.id, "workout_id": s.workout_id, "exercise": s.exercise, "set_number": s.set_number,
        "kind": s.kind, "weight_kg": s.weight_kg, "reps": s.reps, "seconds": s.seconds, "straps": s.straps,
        "rpe": s.rpe, "form_broke": s.form_broke, "note": s.note, "unit": s.unit, "logged_at": s.logged_at,
    }


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("exercise", shell_complete=complete_exercise)
@click.argument("entry", nargs=-1, required=True, type=click.UNPROCESSED)
@click.option("--at", "at_text", metavar="ISO_DATETIME", help="When the set was done (default: now).")
@click.option("--routine", metavar="SLUG", help="Log into (or start) that day's workout of this routine.",
              shell_complete=complete_routine)
@click.option("--open", "keep_open", is_flag=True,
              help="With --at on a past day: leave that workout open (it is closed at its last set otherwise).")
@click.option("--yes", "-y", "sure", is_flag=True, help="Save a set far beyond your history without asking.")
@click.option("--json", "as_json", is_flag=True, help="Print the saved sets as JSON (for scripts).")
@db_option
@click.pass_context
def log(ctx: click.Context, exercise: str, entry: tuple[str, ...], at_text: str | None,
        routine: str | None, keep_open: bool, sure: bool, as_json: bool, db_path: Path | None) -> None:
    """Log sets: backtui log barbell-row 60x8 s @8 '# felt strong'.

    The sets go into the open workout of that day, which is started if needed;
    a past day's workout (--at) is closed at its last set unless --open. A set far
    beyond your history (over 1.5x your heaviest, an e1RM over 30% above your best,
    or past the plausible range of a lift you never did) exits 2 unless --yes.
    Quote a note (the shell treats # as a comment); an assistance entry such
    as -20x8 needs nothing special.
    """
    from backtui.domain.clock import iso

    # Entries take a leading dash (-20x8 is assistance), so click hands unknown
    # options over as entries: name them for what they are.
    for token in entry:
        if token.startswith("--"):
            raise UserError(f"no such option: {token.split('=')[0]} (see `backtui log --help`)")
    catalog = load_catalog()
    found = catalog.find_exercise(exercise)
    store = None
    if found is None or (routine is not None and routine not in catalog.routines):
        # Perhaps one of the lifter's own exercises or routines.
        store = open_store(ctx, db_path, quick=False)  # no full scan before a set
        catalog = profile_catalog(store)
        found = catalog.find_exercise(exercise)
    if found is None:
        raise unknown_exercise(catalog, exercise)
    if routine is not None and routine not in catalog.routines:
        raise UserError(f"unknown routine {routine!r}; see `backtui routines`")
    at = _parse_at(at_text)
    store = store or open_store(ctx, db_path, quick=False)
    import pendulum

    from backtui.core.shell_log import close_stale, doubt, log_to_day
    from backtui.domain.clock import local_zone
    from backtui.domain.errors import OpenWorkoutExists
    from backtui.storage.workouts import SqliteWorkouts

    unit = store.get_setting("unit", "kg")
    drafts = parse_entry(" ".join(entry), found.measure, unit, found.name,  # EntryError: exit 2
                         assisted=found.assisted)
    storage = SqliteWorkouts(store)
    if not sure:
        reason = doubt(storage, found, drafts, unit, iso(at))
        if reason:
            raise UserError(f"not saved: {reason}; if it is right, log it again with --yes")
    day = at.start_of("day")
    past = day.date() < pendulum.now().in_timezone(local_zone()).date()
    for words in close_stale(storage):
        say(words)
    try:
        saved = log_to_day(storage, found, drafts, day_start=iso(day), day_end=iso(day.add(days=1)), at=iso(at),
                           routine=catalog.routines[routine] if routine is not None else None, past=past,
                           keep_open=keep_open)
    except OpenWorkoutExists as exc:
        raise UserError(f"workout {exc.workout.id} is open (one at a time): finish it before logging an open "
                        "workout on another day, or leave out --open") from None
    if as_json:
        say_json([saved_json(logged) for logged in saved])
        return
    when = at.format("ddd D MMM YYYY HH:mm")
    say(f"Saved {len(saved)} set{'s' if len(saved) != 1 else ''} of {found.name} "
               f"(workout {saved[0].workout_id}, {when}):")
    for logged in saved:
        say(f"  set {logged.set_number}: {format_set(logged, found.measure, unit, assisted=found.assisted)}"
                   + (f"  # {logged.note}" if logged.note else ""))
    if past and not keep_open:
        ended = storage.workout(saved[0].workout_id)
        if ended is not None and ended.ended_at is not None:
            from backtui.domain.timewords import local

            say(f"Workout {ended.id} is closed at its last set ({local(ended.ended_at).format('HH:mm')}); "
                "--open leaves a past day's workout open.")
