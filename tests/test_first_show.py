"""The first screen is styled once: Textual's restyle on a screen's first show is
skipped (screens/first_show.py), and nothing it would have changed is missed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from tui_wait import wait_for_screen

from backtui.app import make_app
from backtui.screens.first_show import first_show


def styles_of(screen) -> dict:
    return {widget: widget._css_styles.get_rules() for widget in screen.walk_children(with_self=True)}


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (130, 40)])
@pytest.mark.parametrize(("name", "routine"), [("TrackerScreen", "essential-back"), ("PickerScreen", None)])
async def test_first_show_styles_each_widget_once_and_rightly(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              size: tuple[int, int], name: str,
                                                              routine: str | None) -> None:
    whole_screen: list[bool] = []  # per restyle before the file is open: was the screen itself in it?
    update_nodes = Stylesheet.update_nodes

    def watched(self, nodes, animate=False):
        nodes = list(nodes)
        if app.store is None:
            whole_screen.append(any(isinstance(node, Screen) for node in nodes))
        return update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", watched)
    app = make_app(db_path, routine=routine, start=True)
    async with app.run_test(size=size) as pilot:
        screen = await wait_for_screen(pilot, app, name, stored=False)
        assert screen is app.screen_stack[0]
        assert not any(whole_screen)  # focus and classes restyle their own widgets only
        first = styles_of(screen)
        screen.update_node_styles(animate=False)  # what the skipped pass would have done
        assert styles_of(screen) == first


def test_only_the_first_show_is_spared() -> None:
    screen = Screen()
    first, again = events.ScreenResume(), events.ScreenResume()
    assert first_show(screen, first) and not first.refresh_styles
    assert not first_show(screen, again) and again.refresh_styles
