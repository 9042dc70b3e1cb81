"""`backtui suggest` and `backtui plates`: the coach from the shell."""

from __future__ import annotations

import re
from pathlib import Path

import click

from backtui.cli.common import UserError, db_option, open_store, say, say_json, unknown_exercise
from backtui.cli.completion import complete_exercise
from backtui.domain.catalog import load_catalog
from backtui.domain.units import KG_PER_LB, MAX_WEIGHT_KG, display_value, format_number, normalise_unit

_WEIGHT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-zA-Z]*)$")


def _number(value: float | None) -> float | int | None:
    """62.5 stays 62.5, 60.0 becomes 60: JSON without float noise."""
    if value is None:
        return None
    value = round(value, 6)
    return int(value) if value.is_integer() else value


@click.command()
@click.argument("exercise", shell_complete=complete_exercise)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@db_option
@click.pass_context
def suggest(ctx: click.Context, exercise: str, as_json: bool, db_path: Path | None) -> None:
    """The next set of EXERCISE and why (today's sets count when a workout is open)."""
    import pendulum

    from backtui.core.lifecycle import suggest_today
    from backtui.domain.clock import iso
    from backtui.domain.formatting import format_sets
    from backtui.domain.warmup import ramp_for
    from backtui.storage.exercises import with_custom_exercises
    from backtui.storage.settings_store import load_settings
    from backtui.storage.workouts import SqliteWorkouts

    store = open_store(ctx, db_path, create=False, missing_ok=True)
    # The lifter's own exercises too, as the tracker has them (`backtui log` allows them).
    catalog = with_custom_exercises(load_catalog(), store)
    found = catalog.find_exercise(exercise)
    if found is None:
        raise unknown_exercise(catalog, exercise)
    settings = load_settings(store)
    unit = settings.unit
    day = pendulum.now().start_of("day")
    # The tracker's Next and this are one path: the same coach, today's open workout counted.
    result = suggest_today(SqliteWorkouts(store), catalog, found, day_start=iso(day), day_end=iso(day.add(days=1)))
    draft = result.draft
    weight_kg = draft.weight_kg if draft is not None else None
    barbell = found.equipment == "barbell" and weight_kg is not None
    load = settings.plate_load(weight_kg) if barbell and weight_kg is not None else None
    warmups = ramp_for(found, weight_kg, settings) if result.set_number == 1 else []
    if as_json:
        data = {
            "exercise": found.slug,
            "name": found.name,
            "set_number": result.set_number,
            "weight_kg": _number(weight_kg),
            "weight": _number(display_value(weight_kg, unit)) if weight_kg is not None else None,
            "unit": unit,
            "reps": draft.reps if draft else None,
            "seconds": draft.seconds if draft else None,
            "straps": draft.straps if draft else False,
            "rep_range": list(result.rep_range) if result.rep_range else None,
            "reason": result.reason,
            "action": result.action,
            "swap_to": result.swap_to,
            "plates_per_side": [_number(p) for p in load.per_side] if load and load.loadable else None,
            "warmups": [{"weight_kg": _number(w.weight_kg), "reps": w.reps} for w in warmups],
        }
        say_json(data)
        return
    from backtui.domain.formatting import format_set
    from backtui.domain.plates import describe_load

    shown = format_set(draft, found.measure, unit, details=False, assisted=found.assisted) if draft else "your choice"
    if draft is not None and draft.weight_kg is not None and found.measure == "weight_reps":
        shown = f"{format_number(display_value(draft.weight_kg, unit))} {unit} x {draft.reps}"
    say(f"{found.name}, set {result.set_number}: {shown}{' with straps' if draft and draft.straps else ''}")
    say(f"  {result.reason}")
    if load is not None:
        say(f"  plates: {describe_load(load, unit)} ({format_number(settings.bar(unit))} {unit} bar)")
    if warmups:
        say(f"  warm-up first: {format_sets(warmups, found.measure, unit, assisted=found.assisted)}")


def _parse_weight(text: str, unit: str | None) -> tuple[float, str | None]:
    match = _WEIGHT.match(text.strip())
    if not match:
        raise UserError(f"WEIGHT {text!r} is not a weight; write it like 100, 62.5 or 225lb")
    typed_unit = None
    if match[2]:
        try:
            typed_unit = normalise_unit(match[2])
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if unit is not None and typed_unit != unit:
            raise UserError(f"WEIGHT says {typed_unit} but --unit says {unit}")
    return float(match[1].replace(",", ".")), typed_unit or unit


@click.command()
@click.argument("weight")
@click.option("--unit", type=click.Choice(["kg", "lb"]), default=None, help="Unit of WEIGHT (default: yours).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@db_option
@click.pass_context
def plates(ctx: click.Context, weight: str, unit: str | None, as_json: bool, db_path: Path | None) -> None:
    """Plates per side for a barbell WEIGHT, with your bar and plates (see `backtui config`).

    A weight that cannot be loaded exits with status 2 and names the nearest
    loadable weights below and above.
    """
    from backtui.domain.plates import describe_load, load_bar
    from backtui.storage.settings_store import load_settings

    value, unit = _parse_weight(weight, unit)
    store = open_store(ctx, db_path, create=False, missing_ok=True)
    settings = load_settings(store)
    unit = unit or settings.unit
    limit = MAX_WEIGHT_KG if unit == "kg" else round(MAX_WEIGHT_KG / KG_PER_LB, 1)
    if not 0 < value <= limit:
        raise UserError(f"WEIGHT must be more than 0 and at most {format_number(limit)} {unit}")
    bar = settings.bar(unit)
    load = load_bar(value, bar, settings.plates(unit))
    if as_json:
        data: dict[str, object] = {"weight": _number(value), "unit": unit, "bar": _number(bar), "loadable": load.loadable}
        if load.loadable:
            data["per_side"] = [_number(p) for p in load.per_side]
        else:
            data.update(below=_number(load.below), above=_number(load.above), error=describe_load(load, unit))
        say_json(data)
        if not load.loadable:
            ctx.exit(2)
        return
    if not load.loadable:
        raise UserError(f"{describe_load(load, unit)} (with a {format_number(bar)} {unit} bar and your plates)")
    say(f"{format_number(value)} {unit}: {describe_load(load, unit)} ({format_number(bar)} {unit} bar)")
