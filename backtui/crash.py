"""An unexpected error in the app: one line for the lifter, the details in a private file.

Textual's own crash screen prints a traceback with every local variable, and those
hold the lifter's names, notes and sets; over `backtui serve` they would go to a
browser. The details go to a file only its owner can read instead.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime, timezone
from pathlib import Path


def crash_folder() -> Path:
    import platformdirs

    return platformdirs.user_log_path("backtui", appauthor=False)


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path:
    """Write the traceback (no local variables) to a new 0600 file; its path. OSError
    when it cannot be written."""
    folder = folder or crash_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("".join(traceback.format_exception(error)))
    return path


def crash_line(error: BaseException, folder: Path | None = None) -> str:
    """The one line said when the app stops on `error` (its log written on the way)."""
    what = type(error).__name__
    try:
        path = write_crash_log(error, folder)
    except OSError as exc:
        return f"backtui stopped on an unexpected error ({what}); no log could be written: {exc.strerror or exc}"
    return f"backtui stopped on an unexpected error ({what}); the details are in {path}"
