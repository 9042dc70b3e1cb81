"""Parsed styles kept between runs (widgets/style_cache.py): a second start parses no
style sheet before its first frame, shows the same styles, and any doubtful file is
left unread."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from textual.app import App
from textual.css import stylesheet as stylesheet_module
from tui_wait import wait_for_screen

from backtui.app import BackTUI, make_app
from backtui.widgets import style_cache


@pytest.fixture(autouse=True)
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(style_cache, "_known", {})  # as a new process finds it


def watch_parsing(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per style sheet parsed: True when a frame had been shown already."""
    parsed: list[bool] = []
    shown: list[int] = []
    parse, display = stylesheet_module.parse, BackTUI._display

    def counted(*args, **kwargs):
        parsed.append(bool(shown))
        return parse(*args, **kwargs)

    def displayed(self, screen, renderable) -> None:
        if renderable is not None:
            shown.append(1)
        display(self, screen, renderable)

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    monkeypatch.setattr(BackTUI, "_display", displayed)
    return parsed


def css_of(app: App) -> dict[object, str]:
    return {widget: widget._css_styles.css for widget in app.screen.walk_children(with_self=True)}


async def start(db_path: Path, routine: str | None) -> dict[object, str]:
    app = make_app(db_path, routine=routine, start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, app, "TrackerScreen" if routine else "PickerScreen")
        return {type(widget).__name__ + str(widget.id): css for widget, css in css_of(app).items()}


@pytest.mark.parametrize("routine", [None, "essential-back"])
async def test_a_second_start_parses_nothing_before_its_first_frame(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, routine: str | None) -> None:
    first = await start(db_path, routine)
    path = style_cache.cache_file()
    assert path is not None and path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    written = path.stat().st_mtime_ns
    monkeypatch.setattr(style_cache, "_known", {})
    parsed = watch_parsing(monkeypatch)
    again = await start(db_path.with_name("again.db"), routine)  # no workout to resume there
    assert False not in parsed  # nothing parsed before the first frame
    assert again == first  # the same styles, widget by widget
    assert path.stat().st_mtime_ns == written  # nothing new to keep


def poison(path: Path, **change: object) -> None:
    data = pickle.loads(path.read_bytes())
    data.update(change)
    path.write_bytes(pickle.dumps(data))


@pytest.mark.parametrize("spoil", ["group-writable", "damaged", "other-variables", "other-version"])
async def test_a_doubtful_file_is_not_used(db_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: str) -> None:
    await start(db_path, None)
    path = style_cache.cache_file()
    assert path is not None
    if spoil == "group-writable":
        path.chmod(0o620)
    elif spoil == "damaged":
        path.write_bytes(path.read_bytes()[:100])
    elif spoil == "other-variables":
        poison(path, variables=(("primary", "red"),))
    else:
        poison(path, version=("1900",))
    monkeypatch.setattr(style_cache, "_known", {})
    parsed = watch_parsing(monkeypatch)
    await start(db_path, None)
    assert False in parsed  # parsed before the first frame, as without the file
    if spoil != "group-writable":
        assert pickle.loads(path.read_bytes())["version"] == style_cache._version()  # written anew


async def test_no_cache_folder_no_problem(db_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder would go")
    first = await start(db_path, None)
    assert first and not (blocker / "backtui").exists()
    assert os.path.isfile(blocker)


def test_a_relative_cache_home_puts_no_styles_in_the_working_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", "also-relative")
    assert style_cache.cache_file() is None
    monkeypatch.setenv("HOME", "/home/lifter")
    assert str(style_cache.cache_file()).startswith("/home/lifter/.cache/backtui/styles-")
