"""The current exercise: where we are, what it is, the target, and how to do it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from backtui.core.views import CardView, Tone
from backtui.widgets.words import WordsLine


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
        self.query_one("#card-cues", WordsLine).show(*(((f"· {cue}", "plain"),) for cue in card.cues))
        note = self.query_one("#card-note", WordsLine)
        note.show(((card.note, "plain"),) if card.note else ())
        note.display = bool(card.note)


def placeholder(measure: str, assisted: bool = False, unit: str = "kg") -> str:
    """The entry line's hint for this kind of exercise (on an assisted move, in the
    lifter's unit: the number typed is the help)."""
    if assisted:
        return PLACEHOLDERS["assisted"].replace("{unit}", unit)
    return PLACEHOLDERS.get(measure, PLACEHOLDERS["weight_reps"])


PLACEHOLDERS = {
    "weight_reps": "60x8 s @8 # note    Enter logs · empty Enter logs Next",
    "bodyweight_reps": "12, 12 12 12 or +10x6 (added) @8 # note    Enter logs · empty Enter logs Next",
    "assisted": "20x8 = 20 {unit} of help, 8 reps @8 # note    Enter logs · empty Enter logs Next",
    "seconds": "45s or 1:30 # note    ctrl+t times the hold · empty Enter logs Next",
}
