"""make_app builds the real app on a real database file."""

from __future__ import annotations

from pathlib import Path

from backtui.app import make_app


async def test_app_opens_on_the_database(db_path: Path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.store is not None
        assert db_path.exists()
        assert app.fatal_error is None
