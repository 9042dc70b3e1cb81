"""Plate math: which plates go on each side of the bar for a barbell weight.

Everything here is in one unit (the caller's: kg or lb); plates are physical
objects sized in that unit, so nothing is converted. Sizes are handled as whole
thousandths so sums are exact (no 2.4999999 plates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Out of the box: a 20 kg / 45 lb bar and two of each plate per side.
DEFAULT_BAR = {"kg": 20.0, "lb": 45.0}
DEFAULT_PLATES: dict[str, tuple[tuple[float, int], ...]] = {
    "kg": ((25.0, 2), (20.0, 2), (15.0, 2), (10.0, 2), (5.0, 2), (2.5, 2), (1.25, 2)),
    "lb": ((45.0, 2), (35.0, 2), (25.0, 2), (10.0, 2), (5.0, 2), (2.5, 2)),
}
_SCALE = 1000  # thousandths of a unit
_TOLERANCE = 10  # 0.01 of a unit: a weight this close to a loadable one is that one


@dataclass(frozen=True)
class PlateLoad:
    """The answer for one weight. `per_side` lists each plate, largest first
    ([20, 20, 2.5] for 105 kg); when the weight cannot be loaded, `loadable` is
    False, `per_side` is empty and `below`/`above` are the nearest loadable
    totals (None when there is none on that side)."""

    weight: float
    bar: float
    loadable: bool
    per_side: tuple[float, ...] = ()
    below: float | None = None
    above: float | None = None

    @property
    def total(self) -> float:
        return round(self.bar + 2 * sum(self.per_side), 6)


def _milli(value: float) -> int:
    return round(value * _SCALE)


def _unmilli(value: int) -> float:
    return round(value / _SCALE, 6)


def side_loads(plates: Sequence[tuple[float, int]]) -> dict[int, tuple[int, ...]]:
    """Every weight one side can carry (in thousandths) -> the plates that make it,
    largest first. Among ways to make the same weight, fewer plates win, then
    larger ones (what a lifter reaches for). Do not mutate the answer: it is cached."""
    key = tuple(sorted(((_milli(size), int(count)) for size, count in plates if size > 0 and count > 0), reverse=True))
    return _side_loads(key)


@lru_cache(maxsize=8)
def _side_loads(sizes: tuple[tuple[int, int], ...]) -> dict[int, tuple[int, ...]]:
    best: dict[int, tuple[int, ...]] = {0: ()}
    for size, count in sizes:
        grown = dict(best)
        for total, combo in best.items():
            for n in range(1, count + 1):
                candidate_total = total + n * size
                candidate = combo + (size,) * n
                current = grown.get(candidate_total)
                if current is None or (len(candidate), [-p for p in candidate]) < (len(current), [-p for p in current]):
                    grown[candidate_total] = candidate
        best = grown
    return best


def load_bar(weight: float, bar: float, plates: Sequence[tuple[float, int]]) -> PlateLoad:
    """Plates per side for `weight` on a `bar` with `plates` ((size, count per side), ...)."""
    target = _milli(weight)
    bar_m = _milli(bar)
    loads = side_loads(plates)
    totals = sorted(bar_m + 2 * side for side in loads)
    for total in totals:
        if abs(total - target) <= _TOLERANCE:
            side = loads[(total - bar_m) // 2]
            return PlateLoad(weight=weight, bar=bar, loadable=True, per_side=tuple(_unmilli(p) for p in side))
    below = max((t for t in totals if t < target), default=None)
    above = min((t for t in totals if t > target), default=None)
    return PlateLoad(
        weight=weight,
        bar=bar,
        loadable=False,
        below=_unmilli(below) if below is not None else None,
        above=_unmilli(above) if above is not None else None,
    )


def heaviest_load(bar: float, plates: Sequence[tuple[float, int]]) -> float:
    return round(bar + 2 * sum(size * count for size, count in plates), 6)


def describe_load(load: PlateLoad, unit: str) -> str:
    """'20 + 2.5 per side', 'just the bar', or why not and what is nearest."""
    from backtui.domain.units import format_number

    if load.loadable:
        if not load.per_side:
            return "just the bar"
        return " + ".join(format_number(p) for p in load.per_side) + " per side"
    if load.below is not None and load.above is not None:
        nearest = f": nearest {format_number(load.below)} {unit} below, {format_number(load.above)} {unit} above"
    elif load.above is not None:
        nearest = f": the lightest is {format_number(load.above)} {unit}"
    elif load.below is not None:
        nearest = f": the heaviest is {format_number(load.below)} {unit}"
    else:
        nearest = ""
    return f"cannot load {format_number(load.weight)} {unit}{nearest}"
