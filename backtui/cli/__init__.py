"""The `backtui` command: opens the app, or runs a subcommand for the shell."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from backtui import __version__
from backtui.cli.common import DB_PATH_KEY, PROFILE_HELP, Failure, UserError, debug_enabled
from backtui.cli.completion import complete_profile, complete_routine
from backtui.domain.catalog import DataFileError
from backtui.domain.entry import EntryError
from backtui.domain.inert import has_nul
from backtui.storage.errors import StorageError

# Subcommands load on first use, so `backtui` (the app) starts without paying for
# sqlite-utils and friends before the first frame.
COMMANDS = {
    "exercises": "backtui.cli.catalog_cmds:exercises",
    "routines": "backtui.cli.catalog_cmds:routines",
    "log": "backtui.cli.log_cmd:log",
    "export": "backtui.cli.export_cmd:export",
    "history": "backtui.cli.history_cmd:history",
    "import": "backtui.cli.import_cmd:import_file",
    "demo-db": "backtui.cli.demo_cmd:demo_db",
    "serve": "backtui.cli.serve_cmd:serve",
    "suggest": "backtui.cli.coach_cmd:suggest",
    "plates": "backtui.cli.coach_cmd:plates",
    "config": "backtui.cli.config_cmd:config",
    "profile": "backtui.cli.profile_cmd:profile",
    "check": "backtui.cli.check_cmd:check",
    "backup": "backtui.cli.backup_cmd:backup",
    "backups": "backtui.cli.backup_cmd:backups",
    "restore": "backtui.cli.restore_cmd:restore",
    "replicate": "backtui.cli.replicate_cmd:replicate",
    "ssh-serve": "backtui.cli.ssh_cmd:ssh_serve",
    "ssh-keys": "backtui.cli.ssh_cmd:ssh_keys",
    "workouts": "backtui.cli.record_cmds:workouts",
    "workout": "backtui.cli.record_cmds:workout",
    "set": "backtui.cli.record_cmds:set_group",
}


class BacktuiGroup(click.Group):
    """Every failure ends as one line and an exit status, never a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # A shell cannot pass NUL, a program can: SQLite and most tools would cut the
        # text at it, so it never gets in.
        for arg in args:
            if has_nul(arg):
                raise UserError(f"the argument {arg!r} holds a NUL character (\\x00): nothing was done")
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            import importlib

            module, attr = COMMANDS[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (StorageError, DataFileError) as exc:
            raise Failure(str(exc)) from None
        except sqlite3.Error as exc:
            # Read on a damaged page, or the disk gave up mid-command: one line, exit 1.
            # A transaction it interrupted was rolled back (write_transaction; an open
            # one ends uncommitted with the process).
            from backtui.storage.db import friendly_error

            raise Failure(friendly_error(exc, ctx.meta.get(DB_PATH_KEY))) from None
        except EntryError as exc:
            raise UserError(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): not an error worth a word
            raise click.exceptions.Exit(0) from None
        except Exception as exc:
            if debug_enabled():
                raise
            raise Failure(
                f"internal error: {type(exc).__name__}: {exc} (BACKTUI_DEBUG=1 shows the details)"
            ) from None


@click.group(
    cls=BacktuiGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),  # a folder is refused by storage, in one line
    default=None,
    help="Database file. Default: $BACKTUI_DB, else backtui.db in your user data folder.",
)
@click.option("--profile", "profile_name", metavar="NAME", help=PROFILE_HELP, shell_complete=complete_profile)
@click.option("--read-only", is_flag=True,
              help="Open the database for reading only: history, records and export work; nothing is written.")
@click.option("--lock-profile", is_flag=True,
              help="With --profile NAME: confine the app and every command to that lifter (no switching, adding, "
                   "renaming or deleting lifters).")
@click.option("--routine", metavar="SLUG", help="Open on this routine's plan (variants to swap), Enter starts it.",
              shell_complete=complete_routine)
@click.option("--start", "start_now", is_flag=True, help="With --routine: start the workout at once, without the plan.")
@click.option("--no-mouse", is_flag=True, help="Do not capture the mouse (lighter over slow SSH links).")
@click.option("--demo", is_flag=True, help="Try backtui on a temporary database of demo training (yours is untouched).")
@click.version_option(__version__, "--version", prog_name="backtui")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, profile_name: str | None, read_only: bool, lock_profile: bool,
         routine: str | None, start_now: bool, no_mouse: bool, demo: bool) -> None:
    """backtui: log back workouts from the terminal, keyboard first.

    With no command, opens the app. Sets are saved the moment you press Enter.
    """
    if lock_profile and not profile_name:
        raise UserError("--lock-profile needs --profile NAME: the lifter to confine this session to")
    if start_now and not routine:
        raise UserError("--start needs --routine SLUG: the routine to start")
    if ctx.invoked_subcommand is not None:
        return
    from backtui.starting import LaunchError

    try:
        if demo:
            from backtui.cli.demo_cmd import run_demo

            run_demo(routine=routine, mouse=not no_mouse)
        else:
            from backtui.cli.common import chosen_profile_name
            from backtui.starting import run_app

            run_app(db_path, routine=routine, mouse=not no_mouse, profile=chosen_profile_name(ctx),
                    read_only=read_only, lock_profile=lock_profile, start=start_now)
    except LaunchError as exc:
        raise (Failure if exc.exit_code == 1 else UserError)(exc.message) from None
