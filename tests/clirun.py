"""`backtui --db PATH ARGS...` in the test's process, each command's connection
closed when it returns, as the end of a real process closes it.

The commands leave closing their connection to the end of the process; in a test
that is the next garbage collection, and until then the connection is another
program to a restore (rightly refused) and loses its POSIX locks when this process
opens and closes the file in plain Python."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result


def invoker(db_path: Path) -> Callable[..., Result]:
    from backtui.cli import main

    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False, env=env)
        gc.collect()
        return result

    return invoke
