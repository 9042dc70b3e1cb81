"""`backtui config get|set|list`: the settings, stored in the database."""

from __future__ import annotations

from pathlib import Path

import click

from backtui.cli.common import UserError, db_option, open_store, say, say_json
from backtui.domain.settings import SETTINGS, SettingError, describe_settings, setting


def _definition(key: str):
    try:
        return setting(key)
    except SettingError as exc:
        raise UserError(str(exc)) from None


def _json_value(key: str, value):
    """Body weight is reported in kg like every stored weight."""
    return round(value, 3) if key == "bodyweight" and value is not None else value


@click.group()
def config() -> None:
    """Read and change settings: unit, steps, bar and plates, body weight, rest, theme, bell, backups kept.

    Weights without a unit are read in your unit (kg out of the box).
    """


@config.command("get")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Print the stored JSON value.")
@db_option
@click.pass_context
def get(ctx: click.Context, key: str, as_json: bool, db_path: Path | None) -> None:
    """Print one setting."""
    from backtui.storage.settings_store import load_settings

    definition = _definition(key)
    settings = load_settings(open_store(ctx, db_path, create=False, missing_ok=True))
    value = settings[key]
    if as_json:
        say_json(_json_value(key, value), indent=None)
    else:
        say(definition.show(value, settings.unit))


@config.command("set")
@click.argument("key")
@click.argument("value", nargs=-1, required=True)
@click.option("--since", "since", metavar="DATE", default=None,
              help="bodyweight only: it holds from DATE (2026-11-01); sets logged since then count it.")
@db_option
@click.pass_context
def set_(ctx: click.Context, key: str, value: tuple[str, ...], since: str | None, db_path: Path | None) -> None:
    """Change one setting: backtui config set unit lb, ... plates.kg 25x2 20x2 10x2.

    An empty VALUE ("") resets rest_default to each exercise's own rest.
    Setting bodyweight adds it to its history from now on: sets already logged keep
    the body weight they were logged with, unless --since DATE says it held earlier.
    """
    from backtui.storage.settings_store import load_settings, set_from_text

    definition = _definition(key)
    store = open_store(ctx, db_path)
    try:
        stored = set_from_text(store, key, " ".join(value), since=since)
    except SettingError as exc:
        raise UserError(str(exc)) from None
    shown = definition.show(stored, load_settings(store).unit)
    kept = ""
    if key == "bodyweight":
        kept = (f" (added to your body weight history since {since}; the sets logged since then count it)" if since
                else " (added to your body weight history; sets already logged keep theirs)")
    say(f"{key} = {shown}{kept}")


@config.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@db_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """Every setting with its value and what is allowed."""
    from backtui.storage.settings_store import load_settings

    settings = load_settings(open_store(ctx, db_path, create=False, missing_ok=True))
    rows = describe_settings(settings)
    if as_json:
        data = [
            {
                "key": key,
                "value": _json_value(key, settings[key]),
                "shown": shown,
                "default": SETTINGS[key].default,
                "allowed": allowed,
                "help": help_text,
            }
            for key, shown, allowed, help_text in rows
        ]
        say_json(data)
        return
    from backtui.cli.catalog_cmds import _print_table

    _print_table("Settings", ["setting", "value", "allowed"], [[k, v, a] for k, v, a, _ in rows])
