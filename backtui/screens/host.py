"""What the screens use of the running app, declared below it.

Screens never import backtui.app (it sits above them); they name this class instead,
which the app derives from, so `self.app.store` and the rest are typed. A screen says
`app = getters.app(BacktuiHost)` (Textual's typed `app` property).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.app import App
from textual.dom import DOMNode

if TYPE_CHECKING:
    from backtui.domain.catalog import Catalog
    from backtui.domain.profiles import Profile
    from backtui.storage.store import Store


class BacktuiHost(App[None]):
    # Set by the app before the first screen is shown.
    shipped_catalog: Catalog
    catalog: Catalog  # the shipped catalog plus the lifter's own exercises and routines
    store: Store | None  # None until the database is open and a lifter chosen
    profile: Profile | None
    start_routine: str | None  # --routine, until a screen has started it
    start_now: bool  # --start: --routine starts at once instead of showing its plan
    clock: Callable[[], float]  # monotonic seconds; tests swap in a fake clock

    @property
    def open_store(self) -> Store:
        """The store, for what runs only once the database is open (after StorageReady)."""
        from backtui.storage.errors import StorageError

        if self.store is None:
            raise StorageError("the database is not open yet")
        return self.store

    @property
    def lifter(self) -> Profile:
        """The lifter training now (there is one whenever the store is open)."""
        if self.profile is None:
            raise RuntimeError("no lifter is chosen yet")
        return self.profile

    def reload_catalog(self) -> None:
        """Rebuild `catalog` after the lifter's exercises or routines changed."""
        raise NotImplementedError

    def show_lifter(self) -> None:
        """The lifter's name in the headers, once more than one lifter could be meant."""
        raise NotImplementedError

    def switch_profile(self, profile: Profile) -> None:
        """Another lifter takes over."""
        raise NotImplementedError

    def lifters_locked(self) -> bool:
        """With --lock-profile, say so and return True: the lifter cannot be changed."""
        raise NotImplementedError

    def storage_failed(self, message: str) -> None:
        """A write failed: say so and keep the app up."""
        raise NotImplementedError


def host_of(node: DOMNode) -> BacktuiHost:
    """The running app of any screen or widget, typed: for functions handed a node."""
    return cast(BacktuiHost, node.app)
