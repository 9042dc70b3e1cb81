"""Correcting the record from the shell (issue 13): `backtui workouts`, `backtui workout
show|edit|delete` and `backtui set edit|delete`. Each says what changed; an unknown id
exits 2 and changes nothing. The names are kept for scripts and phones."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import UserError, db_option, open_store, profile_catalog, say, say_json


def _editor(ctx: click.Context, db_path: Path | None, *, write: bool):
    from backtui.core.record_edit import RecordEditor
    from backtui.storage.record_edits import SqliteRecord

    store = open_store(ctx, db_path, create=write, quick=False)
    return RecordEditor(SqliteRecord(store), profile_catalog(store))


def _run(action):
    from backtui.core.record_edit import Doubtful, RecordError

    try:
        return action()
    except Doubtful as exc:
        raise UserError(f"not saved: {exc.reason}; if it is right, run it again with --yes") from None
    except RecordError as exc:
        raise UserError(str(exc)) from None


def _when(iso_text: str | None) -> str:
    from backtui.core.record_edit import when_words

    return when_words(iso_text) if iso_text else ""


@click.command()
@click.option("--json", "as_json", is_flag=True, help="JSON: id, started_at, ended_at, name, note, sets.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 100000))
@db_option
@click.pass_context
def workouts(ctx: click.Context, as_json: bool, limit: int, db_path: Path | None) -> None:
    """Every workout, newest first, with its id (for `backtui workout show ID`)."""
    editor = _editor(ctx, db_path, write=False)
    lines = editor.storage.workout_lines(limit)
    if as_json:
        say_json([{"id": w.id, "started_at": w.started_at, "ended_at": w.ended_at, "name": w.name, "note": w.note,
                   "sets": w.sets} for w in lines])
        return
    if not lines:
        say("No workouts yet.")
        return
    for w in lines:
        state = "" if w.ended_at else "  (open)"
        say(f"{w.id:>6}  {_when(w.started_at)}  {w.name or 'free workout'}  {w.sets} set{'s' if w.sets != 1 else ''}"
            f"{state}")


@click.group()
def workout() -> None:
    """Show, edit or delete one workout (ids: `backtui workouts`)."""


@workout.command("show")
@click.argument("workout_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="JSON, with each set's id.")
@db_option
@click.pass_context
def show(ctx: click.Context, workout_id: int, as_json: bool, db_path: Path | None) -> None:
    """A workout's sets, each with the id `backtui set edit` takes."""
    from backtui.domain.formatting import format_set

    editor = _editor(ctx, db_path, write=False)
    found = _run(lambda: editor.workout(workout_id))
    sets = editor.storage.workout_sets(workout_id)
    unit = editor.unit()
    if as_json:
        say_json({"id": found.id, "started_at": found.started_at, "ended_at": found.ended_at,
                  "name": found.routine_name, "note": found.note,
                  "sets": [{"id": s.id, "exercise": s.exercise, "set_number": s.set_number, "kind": s.kind,
                            "weight_kg": s.weight_kg, "reps": s.reps, "seconds": s.seconds, "straps": s.straps,
                            "rpe": s.rpe, "form_broke": s.form_broke, "note": s.note, "logged_at": s.logged_at}
                           for s in sets]})
        return
    ended = f" to {_when(found.ended_at)}" if found.ended_at else " (open)"
    say(f"Workout {found.id}: {found.routine_name or 'free workout'}, {_when(found.started_at)}{ended}")
    if found.note:
        say(f"  # {found.note}")
    for slug in dict.fromkeys(s.exercise for s in sets):
        exercise = editor.catalog.exercises.get(slug)
        say(exercise.name if exercise else slug)
        for s in (s for s in sets if s.exercise == slug):
            text = format_set(s, exercise.measure if exercise else "weight_reps", unit,
                              assisted=exercise is not None and exercise.assisted)
            say(f"  set {s.set_number}: {text}" + (f"  # {s.note}" if s.note else "") + f"   [id {s.id}]")
    if not sets:
        say("  no sets")


@workout.command("edit")
@click.argument("workout_id", type=int)
@click.option("--at", "at_text", metavar="ISO", help="New start, e.g. 2026-11-18T18:30 (its sets move with it).")
@click.option("--name", metavar="TEXT", help="New name (empty: free workout).")
@click.option("--note", metavar="TEXT", help="New note (empty: none).")
@db_option
@click.pass_context
def edit(ctx: click.Context, workout_id: int, at_text: str | None, name: str | None, note: str | None,
         db_path: Path | None) -> None:
    """Move a workout in time, rename it or change its note."""
    from backtui.core.record_edit import parse_when

    if at_text is None and name is None and note is None:
        raise UserError("nothing to change: give --at, --name or --note")
    editor = _editor(ctx, db_path, write=True)
    found = _run(lambda: editor.workout(workout_id))
    at = _run(lambda: parse_when(at_text, found.started_at)) if at_text is not None else None
    say(_run(lambda: editor.edit_workout(workout_id, at=at, name=name, note=note)).words)


@workout.command("delete")
@click.argument("workout_id", type=int)
@click.option("--yes", "-y", "sure", is_flag=True, help="Delete without asking.")
@db_option
@click.pass_context
def delete(ctx: click.Context, workout_id: int, sure: bool, db_path: Path | None) -> None:
    """Delete a workout and its sets (asks you to type its date, unless --yes)."""
    import sys

    from backtui.domain.timewords import local

    editor = _editor(ctx, db_path, write=True)
    found = _run(lambda: editor.workout(workout_id))
    if not sure:
        day = local(found.started_at).format("YYYY-MM-DD")
        if not sys.stdin.isatty():
            raise UserError(f"deleting workout {workout_id} ({day}) needs --yes when nobody can answer: nothing changed")
        typed = click.prompt(f"Delete workout {workout_id} of {_when(found.started_at)}? Type its date ({day})",
                             default="", show_default=False)
        if typed.strip() != day:
            raise UserError("not the workout's date: nothing changed")
    say(_run(lambda: editor.delete_workout(workout_id)).words)


@click.group("set")
def set_group() -> None:
    """Edit or delete one set (ids: `backtui workout show ID`)."""


@set_group.command("edit", context_settings={"ignore_unknown_options": True})
@click.argument("set_id", type=int)
@click.argument("entry", nargs=-1, required=True, type=click.UNPROCESSED)
@click.option("--yes", "-y", "sure", is_flag=True, help="Save a set far beyond your history without asking.")
@db_option
@click.pass_context
def set_edit(ctx: click.Context, set_id: int, entry: tuple[str, ...], sure: bool, db_path: Path | None) -> None:
    """Change a set with the entry grammar: backtui set edit 42 65x8 @8."""
    for token in entry:
        if token.startswith("--"):
            raise UserError(f"no such option: {token.split('=')[0]} (see `backtui set edit --help`)")
    editor = _editor(ctx, db_path, write=True)
    say(_run(lambda: editor.edit_set(set_id, " ".join(entry), sure=sure)).words)


@set_group.command("delete")
@click.argument("set_id", type=int)
@db_option
@click.pass_context
def set_delete(ctx: click.Context, set_id: int, db_path: Path | None) -> None:
    """Delete a set (its exercise's later sets are numbered down)."""
    editor = _editor(ctx, db_path, write=True)
    say(_run(lambda: editor.delete_set(set_id)).words)
