"""The Textual application: it opens the store and hands it to the screens."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual import events
from textual._time import get_time
from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from backtui.domain.catalog import Catalog
from backtui.domain.inert import visible, visible_line
from backtui.screens.host import BacktuiHost
from backtui.screens.keys import screen_bindings
from backtui.screens.messages import BackToRoutines, StorageReady
from backtui.screens.typed_ahead import TypedAhead
from backtui.storage.catalog_cache import shipped_catalog
from backtui.widgets.inert import markup_escaped
from backtui.widgets.style_cache import StyleCache

if TYPE_CHECKING:
    from sqlite_utils import Database

    from backtui.domain.profiles import Profile
    from backtui.domain.settings import Settings
    from backtui.screens.settings import SettingsScreen
    from backtui.storage.db_thread import DatabaseThread
    from backtui.storage.store import Store
    from backtui.widgets.countdown import Countdown


class BackTUI(BacktuiHost):
    # The first screens' styles are read with the app's: a screen that brings a new
    # style file makes Textual re-parse and re-apply every style when it is pushed.
    CSS_PATH = ["app.tcss", "screens/picker.tcss", "screens/tracker.tcss"]
    TITLE = "backtui"
    BINDINGS = [
        # ctrl+x: the keys of any screen from a phone keyboard (no F-keys there), even
        # while typing; the list it opens has letters for History and Settings.
        Binding("f1,ctrl+x", "help", "Help", key_display="^x", priority=True,
                tooltip="Every key of this screen; from a phone: ctrl+x, then h History, s Settings"),
        Binding("question_mark", "help", "Help", show=False),
        # F-keys work everywhere, even while typing in an entry line.
        Binding("f2", "history", "History", priority=True, tooltip="Workouts, progress, records, balance"),
        Binding("f3", "settings", "Settings", priority=True, show=False,
                tooltip="Unit, steps, plates, body weight, rest, theme, bell"),
    ]

    def __init__(self, db_path: Path, routine: str | None = None, profile: str | None = None, *,
                 read_only: bool = False, lock_profile: bool = False, start: bool = True):
        super().__init__()
        # The first frame's styles as parsed on an earlier run (widgets/style_cache.py).
        self.style_cache = StyleCache(self.stylesheet)
        self.db_path = Path(db_path)
        self.start_routine = routine
        self.start_now = start  # False: --routine shows the plan first (the command line's default)
        self.profile_name = profile  # --profile; None: ask when there are several
        self.read_only = read_only  # --read-only: view only, whatever the file allows
        # --lock-profile: this session stays with --profile's lifter (serve --profile).
        self.lock_profile = lock_profile and profile is not None
        # Why nothing can be written (read-only, damaged), once known; None: it can.
        self.view_only: str | None = None
        # From the checked copy in the cache folder: no TOML to parse before the first frame.
        self.shipped_catalog: Catalog = shipped_catalog()
        # The shipped catalog plus the lifter's own exercises and routines, once known.
        self.catalog: Catalog = self.shipped_catalog
        self.store: Store | None = None
        # The live workout's connection, on a thread of its own (storage/db_thread.py).
        self.db_thread: DatabaseThread | None = None
        self.profile: Profile | None = None
        self.db: Database | None = None
        self.fatal_error: str | None = None
        # Monotonic seconds for timers; tests swap in a fake clock.
        self.clock: Callable[[], float] = time.monotonic
        self.typed_ahead = TypedAhead()  # keys typed before a dialog appeared never answer it
        self.prefs: Settings | None = None  # the lifter's settings the app itself acts on, once known

    def get_default_screen(self) -> Screen:
        """The first screen is the bottom of the stack, not pushed over a blank one:
        the first frame is the screen's own, a refresh cycle sooner."""
        screen = self.first_screen()
        # As push_screen gives every screen: switch_screen (a lifter switch, the tracker
        # started with --routine going back to the picker) takes one off the screen it replaces.
        screen._push_result_callback(self, None)
        return screen

    def first_screen(self) -> Screen:
        routine = self.shipped_catalog.routines.get(self.start_routine or "")
        if routine is not None and self.start_now:
            # --routine --start with a shipped routine: paint the tracker from the catalog at
            # once; it starts the workout (rotation, pins) when the database is open.
            from backtui.screens.tracker import PendingStart, TrackerScreen

            self.start_routine = None
            return TrackerScreen(pending=PendingStart(routine, tuple(self.first_plan(routine))))
        from backtui.screens.picker import PickerScreen

        return PickerScreen()  # it shows (or starts) --routine's plan, once known

    def on_mount(self) -> None:
        # Paint the first frame, then pay for sqlite-utils and the file.
        self.call_after_refresh(self.open_storage)

    def first_plan(self, routine) -> list:
        from backtui.domain.session import plan_routine

        return plan_routine(routine, self.shipped_catalog, {})

    def open_storage(self) -> None:
        from backtui.domain.profiles import ProfileError
        from backtui.storage.db import open_database
        from backtui.storage.errors import StorageError
        from backtui.storage.profiles import choose_profile, list_profiles

        self.style_cache.take_snapshot()  # the first frame is out; the lifter's theme comes next

        try:
            self.db = db = open_database(self.db_path, read_only=self.read_only)
            profiles = list_profiles(db.conn)
            chosen = choose_profile(profiles, self.profile_name) if self.profile_name or len(profiles) == 1 else None
        except (StorageError, ProfileError) as exc:
            self.fatal_error = str(exc)
            self.exit(return_code=1)
            return
        if reason := getattr(self.db.conn, "view_only", None):
            self.go_view_only(reason)
        # The whole file is read off the screen's thread: damage found turns writing off.
        self.run_worker(self.check_pages, thread=True, group="quick-check", exit_on_error=False)
        if chosen is not None:
            self.use_profile(chosen)
            return
        from backtui.screens.profile_chooser import ProfileChooserScreen

        # Several lifters share this file: ask who is training before showing anyone's data.
        self.push_screen(ProfileChooserScreen(profiles), self.use_profile)

    def use_profile(self, profile: Profile | None) -> None:
        """Bind the app to one lifter: their store, exercises, routines and theme."""
        from backtui.storage.db_thread import DatabaseThread
        from backtui.storage.errors import StorageError
        from backtui.storage.store import Store

        if profile is None or self.db is None:  # the chooser always answers; the file is open by now
            return
        try:
            self.store = store = Store(self.db, self.shipped_catalog, profile.id)
        except StorageError as exc:
            self.fatal_error = str(exc)
            self.exit(return_code=1)
            return
        self.db_thread = DatabaseThread(self.db_path, profile.id, self.shipped_catalog, self.view_only)
        if not self.view_only:
            self.close_stale_workouts()
        self.profile = profile
        self.reload_catalog()
        self.show_lifter()
        theme = store.get_setting("theme")
        # With NO_COLOR, an ansi theme draws black on black: keep the default there.
        no_color = bool(os.environ.get("NO_COLOR"))
        if isinstance(theme, str) and theme in self.available_themes and not (no_color and theme.startswith("ansi")):
            self.theme = theme
        self.load_prefs()
        self.screen.post_message(StorageReady())
        self.call_after_refresh(self.settle_memory)

    def close_stale_workouts(self) -> None:
        """A workout left open longer than the open_limit_h setting is closed at its last
        set, first thing on the database thread (before any resume question), and the
        lifter is told once."""
        from backtui.core.lifecycle import close_stale

        def told(future) -> None:
            try:
                words = future.result()
            except Exception:  # noqa: BLE001 - the screens' own reads will say what is wrong with the file
                return
            for line in words:
                try:
                    self.call_from_thread(self.notify, line, title="Workout closed", timeout=15)
                except RuntimeError:  # the app ended meanwhile: the file says it anyway
                    return

        assert self.db_thread is not None
        self.db_thread.submit(close_stale).add_done_callback(told)

    def check_pages(self) -> None:
        """SQLite's quick check of every page, on a connection of this thread's own."""
        from backtui.storage.db import damaged, quick_check
        from backtui.storage.errors import StorageError

        try:
            problems = quick_check(self.db_path)
        except StorageError:
            return  # locked for long or gone: the screens' own reads will say so
        if problems:
            self.call_from_thread(self.go_view_only, damaged(self.db_path))

    def go_view_only(self, reason: str) -> None:
        """Nothing is written from now on: every write is refused with `reason`, the
        header says "view only" and a notice says why, in one line."""
        from backtui.storage.db import mark_view_only

        self.view_only = reason
        if self.db is not None:
            mark_view_only(self.db.conn, reason)
            self.db.conn.execute("PRAGMA query_only = ON")
        if self.db_thread is not None:
            self.db_thread.go_view_only(reason)
        self.show_lifter()
        self.notify(f"View only, logging is off: {reason}.", title="View only", severity="warning", timeout=30)

    def lifters_locked(self) -> bool:
        """With --lock-profile, say so and return True: the lifter cannot be changed."""
        if self.lock_profile:
            self.notify(f"This session stays with {self.profile_name} (--lock-profile): lifters cannot be "
                        "switched, added, renamed or deleted here.", severity="warning", timeout=5)
        return self.lock_profile

    def _handle_exception(self, error: Exception) -> None:
        """An error nobody caught ends the app with one line (run_app prints it) and
        the details in a private log: never Textual's traceback, whose local variables
        hold the lifter's data. A damaged page read on the way is said as such."""
        from backtui.storage.db import damaged, is_damage

        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        if self.fatal_error is None:
            if is_damage(error):
                self.fatal_error = damaged(self.db_path)
            else:
                from backtui.crash import crash_line

                self.fatal_error = crash_line(error)
        self._close_messages_no_wait()

    def settle_memory(self) -> None:
        """Move everything start-up made out of the garbage collector's way: a full
        collection over Textual's widgets otherwise pauses a logged set by ~60 ms now and
        then (bench_keypress p99)."""
        import gc

        self.style_cache.keep()
        gc.collect()
        gc.freeze()
        gc.enable()  # launch.main switches it off until the first frames are out

    def show_lifter(self) -> None:
        """The lifter's name in every header, once more than one lifter could be meant."""
        from backtui.storage.profiles import list_profiles

        profile, db = self.profile, self.db
        if profile is None or db is None:
            self.title = self.TITLE
            return
        shown = len(list_profiles(db.conn)) > 1 or profile.name != "default"
        title = f"{profile.name} · {self.TITLE}" if shown else self.TITLE
        self.title = f"{title} · view only" if self.view_only else title

    def reload_catalog(self) -> None:
        """Rebuild app.catalog after the lifter's exercises or routines changed."""
        from backtui.storage.routines import profile_catalog

        self.catalog, problems = profile_catalog(self.shipped_catalog, self.open_store)
        for problem in problems:
            self.notify(problem, title="Your routines", severity="warning", timeout=10)

    def switch_profile(self, profile: Profile) -> None:
        """Another lifter takes over: back to a fresh picker with their data."""
        from backtui.screens.picker import PickerScreen

        if self.lifters_locked():
            return
        self.store = None  # nothing of the last lifter's shows on the new picker
        self.close_db_thread()
        self.catalog = self.shipped_catalog
        while len(self.screen_stack) > 1:  # the first screen is the bottom one: no blank screen below
            self.pop_screen()
        self.switch_screen(PickerScreen())
        self.call_after_refresh(self.use_profile, profile)

    def format_title(self, title: str, sub_title: str) -> Content:
        # Every header shows the lifter's name and often a routine's: spelled out.
        return super().format_title(visible_line(title), visible_line(sub_title))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice is plain text: most name a lifter, a routine or an exercise, so
        none is read as markup (screens' and widgets' notify land here too)."""
        super().notify(visible(message), title=visible_line(title), severity=severity, timeout=timeout,
                       markup=False)

    def watch_theme(self, theme: str) -> None:
        from backtui.storage.errors import StorageError

        try:
            if self.store is not None and self.store.get_setting("theme") != theme:
                self.store.set_setting("theme", theme)
        except StorageError as exc:
            self.storage_failed(f"theme not saved: {exc}")

    def close_db_thread(self) -> None:
        if self.db_thread is not None:
            self.db_thread.close()
            self.db_thread = None

    def on_unmount(self) -> None:
        self.close_db_thread()

    def on_back_to_routines(self, message: BackToRoutines) -> None:
        """A workout screen is done: back to the routine picker (a fresh one when the
        app started on the tracker with --routine)."""
        from backtui.screens.picker import PickerScreen

        if message.notice:
            self.notify(message.notice, timeout=4)
        while len(self.screen_stack) > 1 and not isinstance(self.screen_stack[-2], PickerScreen):
            self.pop_screen()
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, PickerScreen):
            self.pop_screen()
            below.refresh_data()
        else:
            self.switch_screen(PickerScreen(offer_resume=False))

    # -- keys typed before a dialog was on screen never answer it (screens/typed_ahead.py) --
    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        if renderable is not None:  # a frame goes out: from now on the lifter can see it
            self.typed_ahead.displayed(screen, get_time())  # the clock Textual stamps key events with
        super()._display(screen, renderable)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.typed_ahead.swallowed(self, event):
            return
        await super().on_event(event)

    # -- what the lifter's settings change in the app itself ---------------------
    def load_prefs(self) -> None:
        from backtui.storage.errors import StorageError
        from backtui.storage.settings_store import load_settings

        try:
            self.prefs = load_settings(self.store) if self.store is not None else None
        except StorageError:
            pass  # the screens' own reads say what is wrong; the defaults apply meanwhile
        self.apply_blink(self.focused)

    def on_settings_screen_changed(self, _message: SettingsScreen.Changed) -> None:
        self.load_prefs()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.apply_blink(event.widget)

    def apply_blink(self, widget: object) -> None:
        # No blinking cursor unless asked: idle, nothing is sent to the terminal (SSH, phones).
        from textual.widgets import Input

        if isinstance(widget, Input):
            widget.cursor_blink = self.prefs is not None and self.prefs.cursor_blink

    def on_countdown_finished(self, event: Countdown.Finished) -> None:
        """A rest ran out (the tracker rings the bell): a desktop notice through the
        terminal, and a push to the lifter's ntfy topic, for a screen that went dark."""
        if event.purpose != "rest" or event.early or self.prefs is None:
            return
        from backtui.domain.notices import chosen_kind, notice_sequence

        title, body = "backtui", "Rest over: next set!"
        kind = chosen_kind(self.prefs.notify, os.environ)
        sequence = notice_sequence(title, body, kind, tmux=bool(os.environ.get("TMUX")))
        if sequence:
            self.write_terminal(sequence)
        if self.prefs.ntfy_url:
            from backtui.core.push import push_ntfy

            push_ntfy(self.prefs.ntfy_url, title, body, self.push_failed)

    def push_failed(self, words: str) -> None:
        """From the push's thread: one quiet line, never an error box."""
        try:
            self.call_from_thread(self.notify, words, timeout=4)
        except RuntimeError:
            pass  # the app has ended meanwhile

    def write_terminal(self, text: str) -> None:
        """Bytes for the terminal itself, outside the screen (as App.bell writes BEL)."""
        if not self.is_headless and self._driver is not None:
            self._driver.write(text)

    def storage_failed(self, message: str) -> None:
        """A write failed (disk full, file gone): say so, keep the app up."""
        self.notify(message, title="Not saved", severity="error", timeout=10)

    def action_help(self) -> None:
        from backtui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_history(self) -> None:
        from backtui.screens.history import HistoryScreen

        if self.store is None or isinstance(self.screen, HistoryScreen):
            return
        # From the tracker, history opens on the exercise being done.
        slot = getattr(self.screen, "slot", None)
        if slot is not None:
            self.push_screen(HistoryScreen(exercise=slot.exercise, tab="exercise"))
        else:
            self.push_screen(HistoryScreen())

    def action_settings(self) -> None:
        from backtui.screens.settings import SettingsScreen

        if self.store is not None and not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # The palette reads every title and help text as markup.
        for title, help_text, callback in getattr(screen, "palette_commands", lambda: [])():
            yield SystemCommand(markup_escaped(title), markup_escaped(help_text), callback)
        # Every key of the current screen is a palette command too.
        for node, binding in screen_bindings(screen):
            yield SystemCommand(
                markup_escaped(binding.description),
                markup_escaped(f"{binding.tooltip or binding.description} ({self.get_key_display(binding)})"),
                lambda action=binding.action, target=node: self.call_later(target.run_action, action),
            )


def make_app(db_path: Path | str, routine: str | None = None, profile: str | None = None, *,
             read_only: bool = False, lock_profile: bool = False, start: bool = True) -> BackTUI:
    """Build the app on a database file (tests and benchmarks start here). `start`
    False: `routine` opens on its plan, as `backtui --routine X` without --start."""
    return BackTUI(Path(db_path), routine=routine, profile=profile, read_only=read_only, lock_profile=lock_profile,
                   start=start)
