"""Undo for the live workout: each change keeps the sets as they were and as they
became, and where the lifter was, so it can be reversed (and, later, redone and
named: "undone: Cat-cow set 2, 30 s") from the record alone."""

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
    """The workout's changes, newest last (at most `limit`)."""

    def __init__(self, limit: int = 50) -> None:
        self._done: list[Change] = []
        self._limit = limit

    def record(self, change: Change) -> None:
        self._done = [*self._done[-(self._limit - 1):], change]

    def latest(self) -> Change | None:
        return self._done[-1] if self._done else None

    def drop_latest(self) -> None:
        if self._done:
            self._done.pop()

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
