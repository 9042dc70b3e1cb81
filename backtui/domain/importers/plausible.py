"""Is a file's assumed unit believable for the lifts it names?

Strong's comma layout does not say its unit. Read as kg, a 420 lb deadlift becomes a
420 kg one, a little short of the world record. When the file's unit was assumed, every
set of a lift the catalog knows is held against a ceiling for that lift in kg (well past
what strong amateurs lift, short of records); sets above it are evidence that the file
is in pounds, and the import stops to ask rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from backtui.domain.units import KG_PER_LB, format_number

# Heaviest believable working weight per catalog lift, in kg (per hand for dumbbells;
# added load or assistance for bodyweight moves).
CEILINGS_KG: dict[str, float] = {
    "deadlift": 350, "rack-pull": 400, "romanian-deadlift": 280, "barbell-row": 220, "pendlay-row": 200,
    "t-bar-row": 250, "dumbbell-row": 100, "seated-cable-row": 200, "chest-supported-row": 80, "shrug": 350,
    "dumbbell-shrug": 100, "lat-pulldown": 180, "close-grip-pulldown": 180, "straight-arm-pulldown": 100,
    "dumbbell-pullover": 80, "face-pull": 80,
    "pull-up": 100, "chin-up": 100, "assisted-pull-up": 120, "band-pull-up": 120, "back-extension": 100,
}
# A body weight kept with a bodyweight move's sets, in kg.
BODY_WEIGHT_CEILING_KG = 160.0


@dataclass(frozen=True)
class Evidence:
    name: str  # as written in the file
    over: int  # sets above the ceiling
    sets: int
    heaviest: float  # in the file's (assumed) unit
    ceiling_kg: float
    what: str = "load"  # load | body weight

    def words(self, unit: str) -> str:
        return (f"{self.name}: {self.over:,} of {self.sets:,} sets over {format_number(self.ceiling_kg)} kg "
                f"(heaviest {format_number(self.heaviest, 1)} {unit}) - implausible as {unit} for this lift's "
                f"{self.what}")


def unit_evidence(loads: dict[str, tuple[str, list[float]]], body_weights: dict[str, list[float]],
                  unit: str) -> list[Evidence]:
    """`loads`: name -> (catalog slug, weights in kg as read); `body_weights`: name ->
    body weights in kg. The lifts whose values do not fit `unit`, heaviest evidence first."""
    found = []
    for name, (slug, weights) in loads.items():
        ceiling = CEILINGS_KG.get(slug)
        if ceiling is None:
            continue
        values = [abs(w) for w in weights if w]
        over = [w for w in values if w > ceiling]
        if over:
            found.append(Evidence(name, len(over), len(values), max(values) / _kg_per(unit), ceiling))
    for name, weights in body_weights.items():
        over = [w for w in weights if w > BODY_WEIGHT_CEILING_KG]
        if over:
            found.append(Evidence(name, len(over), len(weights), max(weights) / _kg_per(unit), BODY_WEIGHT_CEILING_KG,
                                  "body weight"))
    return sorted(found, key=lambda e: (-e.over, e.name))


def _kg_per(unit: str) -> float:
    return KG_PER_LB if unit == "lb" else 1.0
