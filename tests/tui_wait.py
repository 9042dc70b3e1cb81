"""Getting to a screen in Pilot tests, and typing on the tracker, in one place."""

from __future__ import annotations


async def wait_for_screen(pilot, app, name: str, rounds: int = 60, *, stored: bool = True):
    """The screen called `name` once it is on top and mounted (its on_mount has run) and,
    unless `stored` is False, once the app has opened the database (the app may ask a
    question or open the file first)."""
    for _ in range(rounds):
        await pilot.pause()
        if type(app.screen).__name__ == name and app.screen.is_mounted and (app.store is not None or not stored):
            await pilot.pause()  # the StorageReady posted with the store lands before the test goes on
            return app.screen
    raise AssertionError(f"expected {name}; on screen: {type(app.screen).__name__}")


async def wait_for_tracker(pilot, app, rounds: int = 60):
    """The tracker, once its workout has started (its first view is shown)."""
    for _ in range(rounds):
        screen = await wait_for_screen(pilot, app, "TrackerScreen", rounds)
        if screen.view is not None:
            return screen
    raise AssertionError("the tracker's workout never started")


def current_slot(screen):
    """The slot the tracker is on."""
    return screen.view.slots[screen.view.index]


async def open_history(pilot, app, **kwargs):
    """Push a HistoryScreen(**kwargs) over whatever is showing; the screen."""
    from backtui.screens.history import HistoryScreen

    await pilot.pause()  # the app opens the database after its first frame
    screen = HistoryScreen(**kwargs)
    app.push_screen(screen)
    await pilot.pause()
    return screen


async def type_line(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def go_to(pilot, screen, slug: str) -> None:
    """Move the tracker to the first slot of exercise `slug`."""
    index = next(i for i, s in enumerate(screen.view.slots) if s.exercise == slug)
    screen.go_to(index)
    await pilot.pause()


async def settle(app, pause) -> None:
    """Until the database thread has answered every command sent (each answer may
    send another: a question, a started workout)."""
    for _ in range(200):
        pending = [w for w in app.workers if w.group == "database" and not w.is_finished]
        if not pending:
            return
        await app.workers.wait_for_complete(pending)
        await pause()
    raise AssertionError("the database thread never settled")


async def typed_on(pilot, app, slug: str, line: str):
    """The tracker on exercise `slug` with `line` typed (not sent): the screen."""
    screen = await wait_for_tracker(pilot, app)
    await go_to(pilot, screen, slug)
    await type_line(pilot, line)
    await pilot.pause()
    return screen
