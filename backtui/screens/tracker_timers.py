"""Tracker rest and hold countdowns."""

from __future__ import annotations

from backtui.domain.models import SetDraft
from backtui.widgets.countdown import Countdown

REST_EXTRA = 30


class TimersMixin:
    """Mixed into TrackerScreen: rest after working sets, holds for timed exercises."""

    def rest_seconds(self, slot=None) -> int:
        default = self.store.get_setting("rest_default")
        return int(default) if isinstance(default, int) and default > 0 else (slot or self.slot).rest

    def start_rest(self, slot=None) -> None:
        """Count down the rest of `slot` (a superset rests as its last exercise says)."""
        hold = self.part("#hold")
        if not hold.running:
            self.part("#rest").start(self.rest_seconds(slot), "rest")
        self.refresh_bindings()

    def action_skip_rest(self) -> None:
        self.part("#rest").stop_quietly()
        self.refresh_bindings()

    def action_extend_rest(self) -> None:
        self.part("#rest").extend(REST_EXTRA)

    def action_hold(self) -> None:
        hold = self.part("#hold")
        if hold.running:
            hold.stop()
            return
        self.part("#rest").stop_quietly()
        # The hold counts what Next suggests (the coach may have added seconds).
        draft = self.next_draft()
        hold.start((draft.seconds if draft and draft.seconds else None) or self.slot.seconds or 30, "hold")
        self.refresh_bindings()

    def on_countdown_finished(self, event: Countdown.Finished) -> None:
        if self.store.get_setting("bell", True) is not False:
            self.app.bell()
        if event.purpose == "rest":
            self.show_status("[b]Rest over: next set![/]")
        elif event.elapsed >= 1:
            kind = "warmup" if self.slot.role == "warmup" else "working"
            # A note typed during the hold ("# shaky") goes with it; other text stays put.
            entry = self.part("#entry")
            note = entry.value.strip()[1:].strip() if entry.value.strip().startswith("#") else ""
            keep = "" if note else entry.value
            self.log_drafts([SetDraft(seconds=event.elapsed, unit=self.unit, straps=bool(self.straps), kind=kind,
                                      note=note[:500])])
            entry.value = keep
        self.refresh_bindings()
