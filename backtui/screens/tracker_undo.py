"""Undo for the tracker: each step knows how to put the database back."""

from __future__ import annotations

from dataclasses import dataclass

from backtui.domain.models import LoggedSet


@dataclass(frozen=True)
class _Step:
    kind: str  # "log", "edit" or "delete"
    sets: tuple[LoggedSet, ...]


class UndoStack:
    """Undoes logs, edits and deletes, newest first, through the store."""

    def __init__(self, limit: int = 50) -> None:
        self._steps: list[_Step] = []
        self._limit = limit

    def _push(self, step: _Step) -> None:
        self._steps = [*self._steps[-(self._limit - 1):], step]

    def push_log(self, logged: list[LoggedSet]) -> None:
        self._push(_Step("log", tuple(logged)))

    def push_edit(self, before: LoggedSet) -> None:
        self._push(_Step("edit", (before,)))

    def push_delete(self, deleted: LoggedSet) -> None:
        self._push(_Step("delete", (deleted,)))

    def __len__(self) -> int:
        return len(self._steps)

    @property
    def newest_kind(self) -> str | None:
        """"log", "edit" or "delete" for the step undo() would reverse, or None."""
        return self._steps[-1].kind if self._steps else None

    def undo(self, store) -> str | None:
        """Reverse the newest step; returns what was undone, or None when empty."""
        if not self._steps:
            return None
        step = self._steps[-1]
        if step.kind == "log":
            for s in reversed(step.sets):
                store.delete_set(s.id)
            message = f"logging {len(step.sets)} set{'s' if len(step.sets) > 1 else ''}"
        elif step.kind == "edit":
            before = step.sets[0]
            store.update_set(before.id, before.draft())
            message = f"the edit of set {before.set_number}"
        else:
            store.restore_set(step.sets[0])
            message = f"deleting set {step.sets[0].set_number}"
        self._steps.pop()
        return message
