"""Pick an exercise by typing a few letters of its name, region or pattern."""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from backtui.domain.models import PATTERNS, REGIONS
from backtui.screens.host import BacktuiHost
from backtui.widgets.inert import user_text
from backtui.widgets.line import markup


def rank(query: str, exercises: list, haystack) -> list:
    """Best first: name starts with the query, then a word does, then fuzzy matches;
    shorter names first among equals (Deadlift before Dead hang for 'dead')."""
    key = query.strip().lower()
    matcher = Matcher(key)
    scored = []
    for exercise in exercises:
        name = exercise.name.lower()
        fuzzy = matcher.match(haystack(exercise))
        if fuzzy <= 0:
            continue
        words = name.replace("-", " ").split()
        scored.append(((name.startswith(key), any(w.startswith(key) for w in words), fuzzy, -len(name)), exercise))
    return [e for _, e in sorted(scored, key=lambda pair: pair[0], reverse=True)]


NEW = "+new"  # the option that makes an exercise of the lifter's own


class ExerciseSearchScreen(ModalScreen[str | None]):
    """Returns the chosen exercise's slug, or None on escape."""

    app = getters.app(BacktuiHost)

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+n", "new_exercise", "New exercise", tooltip="Make an exercise of your own"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, title: str = "Find an exercise") -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label(user_text(self.title_text), id="search-title")
            yield Input(placeholder="type to search: row, lats, hold...", id="search-input")
            yield OptionList(id="search-results")
            if self.app.store is not None:
                yield Label("[dim]Not there? [b]ctrl+n[/b] makes an exercise of your own.[/]", id="search-hint")

    def on_mount(self) -> None:
        self.fill("")
        self.query_one(Input).focus()

    def _haystack(self, exercise) -> str:
        return f"{exercise.name} {exercise.slug} {REGIONS.get(exercise.region, '')} {PATTERNS.get(exercise.pattern, '')}"

    def fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        exercises = list(self.app.catalog.exercises.values())
        if query.strip():
            ranked = rank(query, exercises, self._haystack)
        else:
            ranked = sorted(exercises, key=lambda e: (e.region, e.name))
        for exercise in ranked[:50]:
            label = markup("$name  [dim]$region[/]" + ("  [$accent]yours[/]" if exercise.custom else ""),
                           name=exercise.name, region=REGIONS.get(exercise.region, exercise.region))
            options.add_option(Option(label, id=exercise.slug))
        if self.app.store is not None:
            typed = f": {query.strip()}" if query.strip() else ""
            options.add_option(Option(markup("[$accent]+ new exercise$typed[/]  [dim]ctrl+n[/]", typed=typed), id=NEW))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted)
    def submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option.id)

    def pick(self, slug: str | None) -> None:
        if slug == NEW:
            self.action_new_exercise()
        else:
            self.dismiss(slug)

    def action_new_exercise(self) -> None:
        from backtui.screens.custom_exercise import CustomExerciseScreen

        if self.app.store is None:
            return

        def made(slug: str | None) -> None:
            if slug is not None:
                self.dismiss(slug)

        self.app.push_screen(CustomExerciseScreen(self.query_one(Input).value.strip()), made)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)
