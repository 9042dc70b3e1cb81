"""What the tracker reads about the lifter: today's sets, earlier sessions, bests, and
the classes the terminal's size calls for. Cached per exercise; the screen clears the
caches when sets change."""

from __future__ import annotations

from backtui.domain.models import LoggedSet
from backtui.domain.records import Bests

WIDE = 110  # columns from which the plan is shown beside the exercise
TALL = 34  # rows from which recent sessions are shown
SHORT = 30  # rows below which today's sets scroll in fewer lines


class ReadsMixin:
    def today_sets(self, slug: str | None = None) -> list[LoggedSet]:
        slug = slug or (self.slot.exercise if self.slot else "")
        return [s for s in self.sets if s.exercise == slug]

    def sessions(self, slug: str) -> list[list[LoggedSet]]:
        """Earlier sessions of this exercise, newest first (read once per exercise)."""
        if slug not in self._sessions:
            self._sessions[slug] = self.store.recent_sessions(slug, before_workout_id=self.workout.id, limit=5)
        return self._sessions[slug]

    def last_sets(self, slug: str) -> list[LoggedSet]:
        sessions = self.sessions(slug)
        return sessions[0] if sessions else []

    def bests(self, slug: str) -> Bests:
        if slug not in self._bests:
            from backtui.storage.bests import bests_for

            today_ids = [s.id for s in self.today_sets(slug)]
            self._bests[slug] = bests_for(self.store, slug, exclude_ids=today_ids)
            for s in self.today_sets(slug):
                self._bests[slug].absorb(s)
        return self._bests[slug]

    def warm_up(self) -> None:
        """Load now what the first Enter would otherwise load (modules, the exercise's
        bests), so no set waits for it."""
        import importlib

        for module in ("backtui.domain.plates", "backtui.storage.bests", "backtui.domain.warmup"):
            importlib.import_module(module)

        if self.exercise is not None and self.store is not None:
            self.bests(self.exercise.slug)

    def done_counts(self) -> dict[str, int]:
        done: dict[str, int] = {}
        for s in self.sets:
            if s.kind != "warmup" or self.slots_role(s.exercise) == "warmup":
                done[s.exercise] = done.get(s.exercise, 0) + 1
        return done

    def slots_role(self, slug: str) -> str:
        return next((slot.role for slot in self.slots if slot.exercise == slug), "work")

    def size_classes(self, width: int, height: int) -> bool:
        """Classes for the terminal's size; True when any changed. Styles are not
        updated here: each update restyles every widget on the screen."""
        wanted = {"wide": width >= WIDE, "tall": height >= TALL, "short": height < SHORT}
        changed = False
        for name, on in wanted.items():
            if self.has_class(name) != on:
                self.set_class(on, name, update=False)
                changed = True
        return changed
