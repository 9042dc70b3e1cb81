"""`backtui exercises` and `backtui routines`: the shipped catalog."""

from __future__ import annotations

import json

import click

from backtui.domain.catalog import load_catalog
from backtui.domain.models import PATTERNS, REGIONS, Exercise, Routine, default_target


def exercise_json(exercise: Exercise) -> dict:
    target = default_target(exercise)
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "region": exercise.region,
        "pattern": exercise.pattern,
        "mechanic": exercise.mechanic,
        "measure": exercise.measure,
        "equipment": exercise.equipment,
        "target": target.describe(),
        "sets": target.sets,
        "rep_range": [exercise.rep_low, exercise.rep_high] if exercise.rep_low is not None else None,
        "seconds": exercise.seconds,
        "rest_s": exercise.rest,
        "straps": exercise.straps,
        "group": exercise.variant_group,
        "cues": list(exercise.cues),
    }


def routine_json(routine: Routine, exercises: dict[str, Exercise]) -> dict:
    items = []
    for item in routine.items:
        exercise = exercises[item.exercise]
        items.append(
            {
                "slug": exercise.slug,
                "name": exercise.name,
                "measure": exercise.measure,
                "role": item.role,
                "target": item.target_for(exercise).describe(),
                "group": item.group,
                "note": item.note,
            }
        )
    regions = sorted({exercises[i.exercise].region for i in routine.items if i.role == "work"})
    return {
        "slug": routine.slug,
        "name": routine.name,
        "description": routine.description,
        "regions": regions,
        "exercises": items,
    }


def _print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(markup=False, highlight=False).print(table)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def exercises(as_json: bool) -> None:
    """List the exercise catalog."""
    catalog = load_catalog()
    if as_json:
        click.echo(json.dumps([exercise_json(e) for e in catalog.exercises.values()], indent=2))
        return
    rows = [
        [e.slug, e.name, REGIONS[e.region], PATTERNS[e.pattern], e.equipment, default_target(e).describe()]
        for e in sorted(catalog.exercises.values(), key=lambda e: (e.region, e.pattern, e.slug))
    ]
    _print_table("Exercises", ["slug", "name", "region", "pattern", "equipment", "target"], rows)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def routines(as_json: bool) -> None:
    """List the routines."""
    catalog = load_catalog()
    data = [routine_json(r, catalog.exercises) for r in catalog.routines.values()]
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    rows = [
        [
            r["slug"],
            r["name"],
            ", ".join(REGIONS[x] for x in r["regions"]),
            ", ".join(e["slug"] for e in r["exercises"]),
        ]
        for r in data
    ]
    _print_table("Routines", ["slug", "name", "regions", "exercises"], rows)
