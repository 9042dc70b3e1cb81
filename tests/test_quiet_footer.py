"""The tracker's footer rebuilds only when the keys it shows change (one rebuild per
refresh_bindings() was the largest cost after Enter over SSH; bench/RESULTS.md)."""

from __future__ import annotations

from pathlib import Path

from tui_wait import wait_for_tracker

from backtui.app import make_app
from backtui.widgets.quiet_footer import QuietFooter


def shown_keys(footer: QuietFooter) -> list[str]:
    return [str(key.description) for key in footer.query("FooterKey")]


async def test_the_footer_follows_the_keys_but_rebuilds_only_on_change(db_path: Path, monkeypatch):
    rebuilds = []
    real = QuietFooter.recompose

    async def counting(self):
        rebuilds.append(1)
        return await real(self)

    monkeypatch.setattr(QuietFooter, "recompose", counting)
    app = make_app(db_path, routine="width-and-thickness")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_tracker(pilot, app)
        tracker = app.screen
        footer = tracker.query_one(QuietFooter)
        await pilot.pause()
        before = len(rebuilds)
        for _ in range(3):
            tracker.refresh_bindings()
            await pilot.pause()
        assert len(rebuilds) == before  # nothing shown changed: no rebuild
        assert "+30s" not in shown_keys(footer)
        tracker.go_to(2)  # pull-up: a working set starts the rest timer
        await pilot.pause()
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert "+30s" in shown_keys(footer)  # the rest keys appeared: rebuilt
        during_rest = len(rebuilds)
        assert during_rest > before
        await pilot.press("1", "0", "enter")  # another set while resting: same keys
        await pilot.pause()
        assert len(rebuilds) == during_rest
        await pilot.press("escape")  # skip the rest: the keys go again
        await pilot.pause()
        assert "+30s" not in shown_keys(footer)


async def test_at_80_columns_every_tracker_key_fits_once_the_rest_timer_runs(db_path: Path):
    app = make_app(db_path, routine="width-and-thickness")
    async with app.run_test(size=(80, 24)) as pilot:
        tracker = await wait_for_tracker(pilot, app)
        footer = tracker.query_one(QuietFooter)
        tracker.go_to(2)  # pull-up: a working set starts the rest timer
        await pilot.pause()
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert footer.compact and "+30s" in shown_keys(footer)
        # Every key ends before the palette key, which sits at the right edge.
        palette = footer.query_one(".-command-palette")
        keys = [key for key in footer.query("FooterKey") if key is not palette]
        assert palette.region.right <= 80
        assert all(key.region.right <= palette.region.x for key in keys), [(k.description, k.region) for k in keys]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not footer.compact  # room enough: the usual spacing


async def test_a_footer_wider_than_the_terminal_keeps_whole_keys_and_help(db_path: Path):
    """History's workout view has more keys than 60 or 80 columns hold: they were cut mid-word
    ('s Summar') and ^x Help, the key that lists the rest, fell off the edge."""
    from click.testing import CliRunner

    from backtui.cli import main as command_line

    assert CliRunner().invoke(command_line, ["--db", str(db_path), "log", "deadlift", "100x5",
                                                   "--at", "2026-01-05T18:00"]).exit_code == 0
    app = make_app(db_path)
    async with app.run_test(size=(60, 20)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "PickerScreen":
                break
        await pilot.press("h")
        await pilot.pause(0.5)
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "WorkoutDetailScreen":
                break
        footer = app.screen.query_one(QuietFooter)
        await pilot.pause()
        keys = list(footer.query("FooterKey"))
        assert "Help" in shown_keys(footer)
        assert "Edit set" in shown_keys(footer)  # the screen's first keys stay
        assert all(key.region.right <= 60 for key in keys), [(k.description, k.region) for k in keys]
        await pilot.resize_terminal(120, 30)
        await pilot.pause(0.3)
        assert "Summary" in shown_keys(footer)  # room again: every key
