"""The tracker's coach: the suggested next set, warm-up ramp, nudges, plates."""

from __future__ import annotations

from dataclasses import replace

from textual.markup import escape

from backtui.domain.formatting import format_set, format_sets
from backtui.domain.models import Exercise, LoggedSet, SetDraft
from backtui.domain.progression import Suggestion, suggest_next
from backtui.domain.session import rotation_order
from backtui.domain.units import from_kg, round_down_to_step, round_to_step, round_up_to_step, to_kg
from backtui.widgets.entry_line import EntryLine


class CoachMixin:
    """Mixed into TrackerScreen: what an empty Enter logs, and why."""

    def variant_order(self, exercise: Exercise) -> list[str]:
        """The exercise's variants, least recently done first (read once per exercise)."""
        if exercise.slug not in self._variants:
            members = self.app.catalog.variants(self.slot.group or exercise.variant_group)
            last_done = self.store.exercise_last_done([e.slug for e in members])
            order = rotation_order(members, exercise.slug, last_done) if members else []
            self._variants[exercise.slug] = [v for v in order if v != exercise.slug]
        return self._variants[exercise.slug]

    def coach(self, exercise: Exercise, today: list[LoggedSet]) -> Suggestion:
        """The coach's next set, from the sessions already read and the settings."""
        settings, unit = self.settings, self.unit
        variants = self.variant_order(exercise)
        suggestion = suggest_next(
            exercise, self.slot.target, self.sessions(exercise.slug), today, unit,
            increments=settings.increments(unit), bodyweight_kg=settings.bodyweight_kg,
            variants=[self.app.catalog.exercise(v) for v in variants],
            bar_kg=settings.bar_kg(unit), hold_step=settings.hold_step,
        )
        if suggestion.draft is None:
            # Never done: what a variant weighed is a better first guess than nothing.
            for slug in reversed(variants):
                done = self.sessions(slug)
                if done:
                    sets = format_sets(done[0], exercise.measure, unit)
                    name = self.app.catalog.exercise(slug).name
                    return replace(suggestion, reason=f"first time; {name} last time: {sets}")
        return suggestion

    def working_draft(self) -> SetDraft | None:
        """The suggested working set with the straps toggle and any nudge applied (a set
        typed before ctrl+y comes first: the ramp led up to it)."""
        draft = self.ramp_then or self.suggestion.draft
        if draft is None and self.nudge_kg and self.exercise and not self.exercise.timed:
            # Nothing to go on: nudging starts from the empty bar (or nothing added).
            start = self.settings.bar_kg(self.unit) if self.exercise.equipment == "barbell" else 0.0
            draft = SetDraft(weight_kg=start, reps=self.slot.rep_low or 8, unit=self.unit)
        if draft is None:
            return None
        if draft.weight_kg is not None and self.nudge_kg:
            weight = round(draft.weight_kg + self.nudge_kg, 6)
            if self.exercise.measure == "weight_reps":
                weight = max(0.0, weight)
            # On the grid of today's unit, even for a nudge made before the unit changed.
            step = self.settings.increment(self.exercise.equipment, self.unit)
            weight = to_kg(round_to_step(from_kg(weight, self.unit), step), self.unit)
            draft = replace(draft, weight_kg=weight, unit=self.unit)
        if self.straps is not None:
            draft = replace(draft, straps=self.straps)
        if self.slot.role == "warmup":
            draft = replace(draft, kind="warmup")
        return draft

    def next_draft(self) -> SetDraft | None:
        """What an empty Enter logs: the next queued warm-up, else the working set."""
        if self.ramp:
            return replace(self.ramp[0], straps=bool(self.straps))
        return self.working_draft()

    def ramp_in_unit(self) -> None:
        """A ramp queued before the unit changed is rebuilt in the new unit (its bar,
        plates and step), keeping as many sets to go as were left."""

        if not self.ramp or self.ramp[0].unit == self.unit or self.exercise is None:
            return
        working = self.working_draft()  # the typed set the ramp leads to, or the suggestion
        fresh = self.ramp_up_to(working.weight_kg if working is not None else None)
        self.ramp = fresh[max(0, len(fresh) - len(self.ramp)):]

    def ramp_up_to(self, working_kg: float | None) -> list[SetDraft]:
        """Warm-up sets up to this weight, as the exercise (or the routine's slot) wants."""
        from backtui.domain.warmup import ramp_for

        exercise = self.exercise
        if self.slot.ramp is not None:  # the routine turns the ramp on or off here
            exercise = replace(exercise, ramp=self.slot.ramp)
        return ramp_for(exercise, working_kg, self.settings)

    def show_next(self) -> None:
        self.ramp_in_unit()
        widget, plates = self.part("#next-set"), self.part("#plates")
        draft, exercise = self.next_draft(), self.exercise
        plates.show("")
        plates.display = False
        if draft is None:
            widget.show("[dim]Next:[/] type your first set  [dim]$reason[/]", reason=self.suggestion.reason)
            return
        text = format_set(draft, exercise.measure, self.unit)
        if self.ramp:
            reason = f"warm-up, {len(self.ramp)} to go · Esc drops them"
        elif self.ramp_then is not None:
            reason = "the set you typed before the warm-ups"
        else:
            reason = "adjusted with ↑/↓" if self.nudge_kg else self.suggestion.reason
        widget.show("[dim]Next:[/] [b]$set[/b]  [dim]$reason[/]", set=text, reason=reason)
        line = self.load_line(exercise, draft)
        plates.show(line)
        plates.display = bool(line)

    def load_line(self, exercise: Exercise, draft: SetDraft) -> str:
        """Plates per side for a barbell; the weight actually moved for a bodyweight move."""
        from backtui.domain.plates import describe_load
        from backtui.domain.units import display_weight

        if exercise.equipment == "barbell" and draft.weight_kg:
            load = self.settings.plate_load(draft.weight_kg, self.unit)
            bar = display_weight(self.settings.bar_kg(self.unit), self.unit)
            return f"[dim]Plates:[/] {escape(describe_load(load, self.unit))} [dim](bar {bar})[/]"
        if exercise.bodyweight and draft.weight_kg is not None and self.settings.bodyweight_kg:
            moved = self.settings.bodyweight_kg + draft.weight_kg
            return f"[dim]Moves {display_weight(moved, self.unit)} (body weight {display_weight(self.settings.bodyweight_kg, self.unit)})[/]"
        return ""

    def typed_set(self) -> SetDraft | None:
        """The set typed in the entry line, if it reads as one (for ctrl+y)."""
        from backtui.domain.entry import EntryError, parse_entry

        text = self.part("#entry").value.strip()
        if not text or self.exercise is None:
            return None
        try:
            drafts = parse_entry(text, self.exercise.measure, self.unit, self.exercise.name)
        except EntryError:
            return None
        return drafts[0]

    def action_warmup_ramp(self) -> None:
        """Queue warm-up sets up to the working weight; each empty Enter logs the next."""

        typed = self.typed_set()
        working = typed or self.working_draft()
        if working is None or not working.weight_kg:
            self.show_status("type or nudge (↑) a working weight first, then ctrl+y")
            return
        self.ramp = self.ramp_up_to(working.weight_kg)
        if typed is not None:
            # The typed set is where the ramp leads: Next after the warm-ups, not the
            # entry line's text (an Enter there would log it before the warm-ups).
            self.ramp_then = replace(typed, kind="working")
            self.part("#entry").value = ""
        from backtui.domain.units import display_weight

        up_to = display_weight(working.weight_kg, self.unit)
        self.show_status(f"{len(self.ramp)} warm-up sets up to {up_to}: each empty Enter logs the next"
                         if self.ramp else "no warm-up sets needed at this weight")
        self.show_next()

    def on_entry_line_nudged(self, event: EntryLine.Nudged) -> None:
        exercise = self.exercise
        if exercise is None or exercise.timed:
            return
        step = self.settings.increment(exercise.equipment, self.unit)
        current = self.working_draft()
        if current is None or current.weight_kg is None:
            self.nudge_kg = round(self.nudge_kg + event.steps * to_kg(step, self.unit), 6)
        else:
            # Land on the step grid of the lifter's unit (176.37 lb goes to 180, not 181.37).
            shown = from_kg(current.weight_kg, self.unit)
            edge = round_up_to_step(shown, step) if event.steps > 0 else round_down_to_step(shown, step)
            moved = edge if abs(edge - shown) > 1e-6 else shown + event.steps * step
            self.nudge_kg = round(self.nudge_kg + to_kg(moved, self.unit) - current.weight_kg, 6)
        self.show_next()
