"""Waiting for a screen in Pilot tests, in one place."""

from __future__ import annotations


async def wait_for_tracker(pilot, app, rounds: int = 50):
    """The tracker once it is on screen (the app may ask a question or open the file first)."""
    for _ in range(rounds):
        await pilot.pause()
        if type(app.screen).__name__ == "TrackerScreen":
            return app.screen
    raise AssertionError(f"the tracker never opened; on screen: {type(app.screen).__name__}")
