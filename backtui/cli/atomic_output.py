"""Writing a file the safe way: a temporary file beside it, fsync, then rename.

Until the rename the old file is untouched, so a full disk, a killed process or an
error half way leaves the previous export as it was (the temporary file is removed).
The new file is created readable by its owner only (0600), whatever mode the file it
replaces had: exports hold personal data. The rename replaces a symbolic link at the
target rather than writing where it points.

On standard output nothing a terminal would act on goes out raw: JSON gets such
characters as \\u escapes (the same data for a reader); other text is spelled out on a
terminal and left exact in a pipe, so `export | import -` gets every byte back.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from backtui.cli.errors import Failure, UserError
from backtui.domain.inert import json_visible, visible


def _checked(output: Path, force: bool, database: Path | None) -> Path:
    target = Path(output).expanduser()
    if database is not None:
        db = database.expanduser().resolve()
        guarded = {db, *(db.with_name(db.name + end) for end in ("-wal", "-shm", "-journal"))}
        if target.resolve() in guarded:
            raise UserError(f"refusing to write over the database {db}: choose another file with -o")
    if target.is_dir():
        raise UserError(f"{target} is a folder: give a file name with -o")
    if (target.exists() or target.is_symlink()) and not force:
        raise UserError(f"{target} exists: add --force to replace it, or choose another file")
    return target


class _InertStdout:
    """Standard output that never carries a character a terminal acts on (see above)."""

    def __init__(self, stream: TextIO, form: str) -> None:
        self.stream, self.json = stream, form in ("json", "backup")
        self.terminal = stream.isatty()

    def write(self, text: str) -> int:
        if self.json:
            text = json_visible(text)
        elif self.terminal:
            text = visible(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


@contextmanager
def output_stream(output: Path | None, *, force: bool = False, database: Path | None = None,
                  form: str = "text") -> Iterator[TextIO]:
    """Standard output (made inert, `form` json, backup or text), or a text handle on a
    temporary file that becomes `output` only once everything was written and synced."""
    if output is None or str(output) == "-":
        yield _InertStdout(sys.stdout, form)  # type: ignore[misc]
        return
    target = _checked(output, force, database)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise Failure(f"cannot write {target}: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    published = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _publish(temp, target, force)
        published = True
        _sync_folder(target.parent)
    except OSError as exc:
        kept = "the previous file is untouched" if target.exists() and not published else "nothing was written"
        raise Failure(f"cannot write {target}: {exc.strerror or exc}; {kept}") from None
    finally:
        if not published:
            temp.unlink(missing_ok=True)


def _publish(temp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    # Without --force, never replace a file that appeared meanwhile: a hard link fails if it exists.
    try:
        os.link(temp, target)
    except FileExistsError:
        raise UserError(f"{target} exists: add --force to replace it, or choose another file") from None
    except OSError:
        if target.exists():
            raise UserError(f"{target} exists: add --force to replace it, or choose another file") from None
        os.replace(temp, target)  # a file system without hard links
        return
    temp.unlink()


def _sync_folder(folder: Path) -> None:
    """The rename itself is on disk once the folder is synced (where the OS allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
