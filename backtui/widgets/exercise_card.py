"""The current exercise: where we are, what it is, the target, and how to do it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from backtui.core.views import CardView, Tone
from backtui.widgets.words import WordsLine

SHORT = 24  # rows below which the cues are left out


class ExerciseCard(Vertical):
    """Shows one slot's CardView; the card never reads the store. Names, cues and
    notes may be the lifter's own text: shown inert."""

    def compose(self) -> ComposeResult:
        yield WordsLine(id="card-title")
        yield WordsLine(id="card-target")
        yield WordsLine(id="card-cues")
        yield WordsLine(id="card-note")

    def show(self, card: CardView | None) -> None:
        if card is None:
            for part in ("#card-title", "#card-target", "#card-cues", "#card-note"):
                self.query_one(part, WordsLine).show()
            return
        title: list[tuple[str, Tone]] = [(card.place, "dim"), ("  ", "plain"), (card.name, "strong")]
        if card.tag:
            title += [("  ", "plain"), (card.tag, "accent")]
        if card.superset:
            title += [("  ", "plain"), (card.superset, "accent")]
        self.query_one("#card-title", WordsLine).show(tuple(title))
        self.query_one("#card-target", WordsLine).show(
            (("Target ", "plain"), (card.target, "strong"), (f" · {card.rest} · ", "plain"), (card.where, "dim")))
        cues = self.query_one("#card-cues", WordsLine)
        cues.show(*(((f"· {cue}", "plain"),) for cue in card.cues))
        # A short terminal (a phone, 20 rows) gives the cues' lines to today's sets.
        cues.display = self.app.size.height >= SHORT
        note = self.query_one("#card-note", WordsLine)
        note.show(((card.note, "plain"),) if card.note else ())
        note.display = bool(card.note)


def placeholder(measure: str, assisted: bool = False, unit: str = "kg") -> str:
    """The entry line's hint for this kind of exercise (on an assisted move, in the
    lifter's unit: the number typed is the help)."""
    if assisted:
        return PLACEHOLDERS["assisted"].replace("{unit}", unit)
    return PLACEHOLDERS.get(measure, PLACEHOLDERS["weight_reps"])


PLACEHOLDERS = {  # at most 50 columns: the entry line's width
    "weight_reps": "60x8 s @8 # note · empty Enter logs Next",
    "bodyweight_reps": "12 12 12 or +10x6 @8 · empty Enter logs Next",
    "assisted": "20x8 = 20 {unit} help · empty Enter logs Next",
    "seconds": "45s or 1:30 · ^t times · empty Enter logs Next",
}
