"""`backtui exercises` and `backtui routines`: the catalog, with the lifter's own
exercises and routines when there is a database (listing never creates one)."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import db_option, existing_catalog, say, say_json
from backtui.domain.inert import visible_line
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
        "custom": exercise.custom,
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
                "rotate": item.rotate if item.group else None,
                "note": item.note,
                "superset": item.superset,
            }
        )
    regions = sorted({exercises[i.exercise].region for i in routine.items if i.role == "work"})
    return {
        "slug": routine.slug,
        "name": routine.name,
        "description": routine.description,
        "regions": regions,
        "exercises": items,
        "shipped": routine.shipped,
    }


def _print_table(title: str, columns: list[str], rows: list[list[str]], ratios: dict[str, int] | None = None,
                 sections: list[str] | None = None, max_widths: dict[str, int] | None = None) -> None:
    """`sections`: a heading per row; a bold heading line starts each new one."""
    from rich.console import Console
    from rich.table import Table

    # No column rules: at 80 columns that room keeps words whole ("bodyweig / ht").
    # Names come from the file: spelled out (a Table passes an escape sequence through).
    rows = [[visible_line(cell) for cell in row] for row in rows]
    table = Table(title=visible_line(title), title_justify="left", box=None, pad_edge=False, expand=bool(ratios),
                  header_style="bold underline")
    for index, column in enumerate(columns):
        # The slug is what people type: never broken across lines.
        table.add_column(column, overflow="fold", no_wrap=index == 0, ratio=(ratios or {}).get(column),
                         max_width=(max_widths or {}).get(column))
    heading = None
    for index, row in enumerate(rows):
        if sections and sections[index] != heading:
            heading = sections[index]
            table.add_row(visible_line(heading), *[""] * (len(columns) - 1), style="bold")
        table.add_row(*row)
    Console(markup=False, highlight=False).print(table)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@db_option
@click.pass_context
def exercises(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """List the exercise catalog, with your own exercises (marked "yours")."""
    catalog = existing_catalog(ctx, db_path)
    if as_json:
        say_json([exercise_json(e) for e in catalog.exercises.values()])
        return
    # Grouped by region under a line that says what each gives; the patterns can then
    # drop their "(width)" and "(thickness)", and the table fits 80 columns.
    shown = sorted(catalog.exercises.values(), key=lambda e: (e.region, e.custom, e.pattern, e.slug))
    rows = [
        [e.slug, e.name + (" (yours)" if e.custom else ""), PATTERNS[e.pattern].split(" (")[0], e.equipment,
         default_target(e).describe()]
        for e in shown
    ]
    _print_table("Exercises", ["slug", "name", "pattern", "equipment", "target"], rows,
                 sections=[REGIONS[e.region] for e in shown], max_widths={"target": 10})
    say("Lats give width (vertical pulls); the upper back and traps give thickness (rows,\n"
               "shrugs); the lower back takes hinges, extensions and holds.")


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@db_option
@click.pass_context
def routines(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """List the routines, with your own (marked "yours"); export or import one as TOML."""
    if ctx.invoked_subcommand is not None:
        return
    catalog = existing_catalog(ctx, db_path)
    data = [routine_json(r, catalog.exercises) for r in catalog.routines.values()]
    if as_json:
        say_json(data)
        return
    rows = [
        [
            r["slug"],
            r["name"] + ("" if r["shipped"] else " (yours)"),
            ", ".join(REGIONS[x] for x in r["regions"]),
            ", ".join(e["slug"] for e in r["exercises"]),
        ]
        for r in data
    ]
    # The exercise list gets the room, so its slugs are not split at 80 columns.
    _print_table("Routines", ["slug", "name", "regions", "exercises"], rows, {"name": 1, "regions": 1, "exercises": 2})


def _add_file_commands() -> None:
    from backtui.cli.routine_files_cmd import export_routine, import_routine

    routines.add_command(export_routine, "export")
    routines.add_command(import_routine, "import")


_add_file_commands()
