"""The `backtui` console command.

A lifter waits for the first frame at the gym, so `backtui` with nothing but app
options (--db, --routine, --start, --profile, --no-mouse, --read-only, --lock-profile) starts
the app without loading the
command-line toolkit. Anything else (a subcommand, --help, --version, --demo, an
option it does not know) goes to the full click command line, which also explains
every mistake. So does a shell asking for completions ($_BACKTUI_COMPLETE, click's
protocol), whatever the arguments.
"""

from __future__ import annotations

import gc
import os
import sys

_FLAGS = {"--no-mouse", "--read-only", "--lock-profile", "--start"}
_OPTIONS = {"--db", "--routine", "--profile"}


def _text(options: dict[str, str | bool], name: str) -> str | None:
    """An option's value (flags are True, options text)."""
    value = options.get(name)
    return value if isinstance(value, str) and value else None


def app_options(args: list[str]) -> dict[str, str | bool] | None:
    """The app options in `args`, or None when the full command line must handle them."""
    found: dict[str, str | bool] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _FLAGS:
            found[arg] = True
            index += 1
            continue
        name, equals, value = arg.partition("=")
        if name not in _OPTIONS or name in found:
            return None
        if not equals:
            if index + 1 >= len(args) or args[index + 1].startswith("-"):
                return None
            value = args[index + 1]
            index += 1
        if not value:
            return None
        found[name] = value
        index += 1
    if "--lock-profile" in found and "--profile" not in found:
        return None  # confined to whom? The full command line says what is missing.
    if "--start" in found and "--routine" not in found:
        return None  # start what? Likewise.
    return found


COMPLETE_VAR = "_BACKTUI_COMPLETE"  # set by the shell asking for completions (click's protocol)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "log" and not os.environ.get(COMPLETE_VAR):
        # `backtui log` from a script: the common case without click (backtui/quick_log.py);
        # None means it wrote nothing and the full command runs.
        from backtui.quick_log import run

        status = run(sys.argv[2:])
        if status is not None:
            sys.stdout.flush()
            sys.exit(status)
    # The shell asking for its completion script or for words: click answers, the app never opens.
    options = None if os.environ.get(COMPLETE_VAR) else app_options(sys.argv[1:])
    if options is not None:
        # Start-up allocates a lot and frees little: no collections until the app has
        # painted and settled (BackTUI.settle_memory collects, freezes and re-enables).
        gc.disable()
    if options is None:
        from backtui.cli import main as command_line

        if os.environ.get(COMPLETE_VAR):
            # The script is for the `backtui` command, however this process was started.
            command_line(prog_name="backtui", complete_var=COMPLETE_VAR)
        else:
            command_line()
        return
    # Imported here: a subcommand (`backtui log` from a script) does without the app's start-up
    # (and `backtui log`'s quick path without pathlib).
    from pathlib import Path

    from backtui.starting import LaunchError, run_app

    try:
        db = _text(options, "--db")
        run_app(
            Path(db) if db else None,
            routine=_text(options, "--routine"),
            mouse="--no-mouse" not in options,
            profile=_text(options, "--profile") or os.environ.get("BACKTUI_PROFILE") or None,
            read_only="--read-only" in options,
            lock_profile="--lock-profile" in options,
            start="--start" in options,
        )
    except LaunchError as exc:
        from backtui.domain.inert import visible

        print(f"Error: {visible(exc.message)}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
