"""The settings list fits 80 columns: no key or value is cut off (a new user's report)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from backtui.app import make_app
from backtui.domain.settings import SETTINGS
from backtui.screens.settings import SettingsScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_key_and_value_shows_in_full(db_path, size):
    app = make_app(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width  # nothing runs off the right edge
        widths = {key: column.get_render_width(table) - 2 * table.cell_padding
                  for key, column in ((c.key.value, c) for c in table.ordered_columns)}
        assert widths["key"] >= max(map(len, SETTINGS))
        assert widths["label"] >= max(len(d.label or k) for k, d in SETTINGS.items())
        plates = table.rows["plates.kg"].height
        # 80 columns: the longest value wraps onto a second line rather than being cut.
        longest = max(len(str(table.get_cell(k, "value"))) for k in SETTINGS)
        if widths["value"] < longest:
            assert plates >= 2
        else:
            assert size == (120, 40) and plates == 1
