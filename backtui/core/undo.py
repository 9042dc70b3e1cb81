"""Undo and redo for the live workout: each change keeps the sets as they were and
as they became, and where the lifter was, so it can be reversed, redone and named
("undone: Cat-cow set 2, 30 s") from the record alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from backtui.core.ports import WorkoutStorage
from backtui.domain.models import LoggedSet

Action = Literal["log", "edit", "delete"]


@dataclass(frozen=True)
class Change:
    """One action on the workout's sets. `before` is empty for a log, `after` for a
    delete; an edit (a changed set, a form flag) has one set in each."""

    action: Action
    before: tuple[LoggedSet, ...]
    after: tuple[LoggedSet, ...]
    slot_index: int  # the slot the lifter was on when it was done

    @property
    def exercise(self) -> str:
        return (self.after or self.before)[0].exercise

    def words(self) -> str:
        """What undoing it takes back, as the status line says it."""
        if self.action == "log":
            return f"logging {len(self.after)} set{'s' if len(self.after) != 1 else ''}"
        if self.action == "edit":
            return f"the edit of set {self.before[0].set_number}"
        return f"deleting set {self.before[0].set_number}"


class UndoHistory:
    """The workout's changes, newest last (at most `limit`), and those undone, which
    redo brings back until a new change is made."""

    def __init__(self, limit: int = 50) -> None:
        self._done: list[Change] = []
        self._undone: list[Change] = []
        self._limit = limit

    def record(self, change: Change, *, redoing: bool = False) -> None:
        self._done = [*self._done[-(self._limit - 1):], change]
        if not redoing:
            self._undone.clear()

    def latest(self) -> Change | None:
        return self._done[-1] if self._done else None

    def drop_latest(self) -> None:
        """The latest change was undone: redo can bring it back."""
        if self._done:
            self._undone.append(self._done.pop())

    def latest_undone(self) -> Change | None:
        return self._undone[-1] if self._undone else None

    def drop_undone(self) -> Change | None:
        return self._undone.pop() if self._undone else None

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def __len__(self) -> int:
        return len(self._done)


def revert(change: Change, storage: WorkoutStorage, in_file: Sequence[LoggedSet]) -> bool:
    """Put the file back as it was before `change`, judged by the sets the file
    holds now (`in_file`, just read): a set deleted elsewhere is not deleted again, a
    set that is back already is not restored twice. False when nothing was left to undo."""
    present = {s.id for s in in_file}
    if change.action == "log":
        gone = [s for s in reversed(change.after) if s.id in present]
        for logged in gone:
            storage.delete_set(logged.id)
        return bool(gone)
    if change.action == "edit":
        before = change.before[0]
        return before.id in present and storage.update_set(before.id, before.draft()) is not None
    deleted = change.before[0]
    if deleted.id in present:
        return False
    storage.restore_set(deleted)
    return True


def replay(change: Change, storage: WorkoutStorage, in_file: Sequence[LoggedSet]) -> bool:
    """Make `change` again after it was undone (redo), judged by the file as revert is.
    False when the file already holds it (or its sets are gone for good)."""
    present = {s.id for s in in_file}
    if change.action == "log":
        back = [s for s in change.after if s.id not in present]
        for logged in back:
            storage.restore_set(logged)
        return bool(back)
    if change.action == "edit":
        after = change.after[0]
        return after.id in present and storage.update_set(after.id, after.draft()) is not None
    deleted = change.before[0]
    if deleted.id not in present:
        return False
    storage.delete_set(deleted.id)
    return True
