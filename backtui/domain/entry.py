"""The entry grammar: one line of text -> one or more sets.

The same parser serves the tracker's entry line and `backtui log`. Examples:

    60x8            62.5x8, 62,5x8, 60 x 8, 60kg x8, 135lb x 5
    60x8x3          three sets of 60x8
    12, bw x 12     bodyweight reps; bw x 12 x 3 or 12 12 12 for three sets of 12
    +10x6, -20x8    added load / assistance on bodyweight moves; a bare 10x6 on a
                    bodyweight move is refused (10 kg added, or 10 reps x 6 sets?)
    20x8            on an assisted move (a machine or band helps) the number is the
                    help: 20 kg of assistance, as -20x8
    45s, 90 s, 1:30 timed holds
    s, straps       grip straps used
    @8, @8.5        RPE
    w / d / f       warm-up / drop / failure set
    !               technique broke down on this set
    # anything      a note, kept exactly as typed

Tokens may come in any order. Anything else raises EntryError, whose message names
the problem and the token; nothing is stored for a line that fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backtui.domain.inert import has_nul
from backtui.domain.models import SetDraft
from backtui.domain.units import KG_PER_LB, MAX_BODYWEIGHT_LOAD_KG, MAX_WEIGHT_KG, format_number, normalise_unit, to_kg

MAX_REPS = 1000
MAX_HOLD_SECONDS = 3600
MAX_SETS_PER_LINE = 20
MAX_NOTE_CHARS = 500

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_WEIGHT = re.compile(rf"^(?P<sign>[+-]?)(?P<value>{_NUMBER})(?P<unit>kgs?|lbs?)?$")
_HOLD = re.compile(r"^(?:(?P<secs>[0-9]+)(?:s|sec|secs|seconds)|(?P<min>[0-9]+):(?P<sec>[0-9]{2}))(?:x(?P<count>.*))?$")
_DIGITS = re.compile(r"^[0-9]+$")
_RPE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")

_STRAPS = {"s", "strap", "straps"}
_KINDS = {
    "w": "warmup", "wu": "warmup", "warmup": "warmup", "warm-up": "warmup",
    "d": "drop", "drop": "drop", "dropset": "drop",
    "f": "failure", "fail": "failure", "failure": "failure",
}
_HINT = "try 60x8, 12, 45s, @8, s (straps), w (warm-up) or # note"


def example_entry(measure: str, unit: str = "kg", *, assisted: bool = False) -> str:
    """A first set to type, as this exercise reads it (no example that means
    something else on it: 40x10 is 40 kg added on a pull-up, not assistance)."""
    if measure == "seconds":
        return "45s (a 45 s hold)"
    if assisted:
        return f"20x8 (20 {unit} of help, 8 reps)"
    if measure == "bodyweight_reps":
        return f"8 (8 reps), 8 8 8 (three sets) or +10x8 (10 {unit} added)"
    return "60x8 (60 {0} for 8 reps)".format(unit) if unit == "kg" else f"135x8 (135 {unit} for 8 reps)"


def _q(token: str) -> str:
    """Quote a token for a message, cut short so a pasted essay stays readable."""
    return repr(token if len(token) <= 24 else token[:20] + "...")


class EntryError(ValueError):
    """A line that cannot be logged. The message is meant for the lifter."""

    def __init__(self, message: str, token: str | None = None):
        super().__init__(message)
        self.token = token


@dataclass
class _Spec:
    token: str
    reps: int | None = None
    seconds: int | None = None
    sign: str = ""
    value: float | None = None  # None: no weight typed (bodyweight)
    unit: str | None = None
    count: int = 1
    bodyweight_word: bool = False


def _normalise(body: str, measure: str = "seconds") -> str:
    text = body.lower().replace("×", "x").replace("*", "x")
    text = re.sub(r"(?<=[0-9]),(?=[0-9])", ".", text)  # 62,5 -> 62.5
    text = re.sub(r"@\s+", "@", text)
    text = re.sub(r"\s*x\s*", "x", text)  # 60 x 8 -> 60x8
    text = re.sub(r"([0-9])\s+(kgs?|lbs?)(?=x|\s|$)", r"\1\2", text)  # 60 kg -> 60kg
    if measure != "seconds":
        return text  # on a reps exercise "12 s" is 12 reps with straps, as in "60x8 s"
    # On a timed exercise "90 s" is a hold (in "60x8 s" the s would be straps).
    return re.sub(r"(?:(?<=\s)|^)([0-9]+)\s+(s|sec|secs|seconds)(?=\s|$)", r"\1\2", text)


def _whole(text: str, what: str, token: str, low: int, high: int) -> int:
    if not _DIGITS.match(text):
        shown = text or "nothing"
        raise EntryError(f"{what} must be a whole number, got {_q(shown)} in {_q(token)}", token)
    if len(text) > 6 or int(text) > high:
        raise EntryError(f"{what} over {high} in {_q(token)}", token)
    number = int(text)
    if number < low:
        raise EntryError(f"{what} must be at least {low} in {_q(token)}", token)
    return number


def _parse_hold(match: re.Match[str], token: str) -> _Spec:
    if match["secs"] is not None:
        raw = match["secs"]
        seconds = MAX_HOLD_SECONDS + 1 if len(raw) > 6 else int(raw)
    else:
        if int(match["sec"]) >= 60:
            raise EntryError(f"seconds must be under 60 in {_q(token)} (write 1:30 for 90 s)", token)
        minutes = match["min"]
        seconds = MAX_HOLD_SECONDS + 1 if len(minutes) > 4 else int(minutes) * 60 + int(match["sec"])
    if seconds < 1:
        raise EntryError(f"a hold must last at least 1 second, got {_q(token)}", token)
    if seconds > MAX_HOLD_SECONDS:
        raise EntryError(f"a hold over 1 hour is not believable: {_q(token)}", token)
    count = 1
    if match["count"] is not None:
        count = _whole(match["count"], "number of sets", token, 1, MAX_SETS_PER_LINE)
    return _Spec(token=token, seconds=seconds, count=count)


def _parse_reps_spec(token: str) -> _Spec:
    parts = token.split("x")
    if len(parts) > 3:
        raise EntryError(f"too many 'x' in {_q(token)}; write WEIGHTxREPS or WEIGHTxREPSxSETS", token)
    weight_text, reps_text = parts[0], parts[1]
    if not weight_text:
        raise EntryError(f"missing weight before 'x' in {_q(token)} (write 60x8, or bw x 12)", token)
    if not reps_text:
        raise EntryError(f"missing reps after 'x' in {_q(token)} (write 60x8)", token)
    spec = _Spec(token=token)
    if weight_text == "bw":
        spec.bodyweight_word = True
    else:
        match = _WEIGHT.match(weight_text)
        if not match:
            raise EntryError(f"weight {_q(weight_text)} is not a number in {_q(token)} (write 60 or 62.5)", token)
        if len(match["value"]) > 12:
            raise EntryError(f"weight too large in {_q(token)}", token)
        spec.sign = match["sign"]
        spec.value = float(match["value"])
        spec.unit = normalise_unit(match["unit"]) if match["unit"] else None
    spec.reps = _whole(reps_text, "reps", token, 1, MAX_REPS)
    if len(parts) == 3:
        spec.count = _whole(parts[2], "number of sets", token, 1, MAX_SETS_PER_LINE)
    return spec


def _parse_rpe(token: str) -> float:
    raw = token[1:]
    if not _RPE.match(raw) or len(raw) > 5:
        raise EntryError(f"RPE must be a number from 1 to 10, got {_q(token)}", token)
    rpe = float(raw)
    if not 1 <= rpe <= 10:
        raise EntryError(f"RPE runs from 1 to 10, got {_q(token)}", token)
    if rpe * 2 != int(rpe * 2):
        raise EntryError(f"RPE goes in half steps (8, 8.5, 9), got {_q(token)}", token)
    return rpe


def _ambiguous(spec: _Spec, exercise: str, unit: str) -> EntryError:
    """`12x3` on a bodyweight move: 12 kg added for 3 reps, or 12 reps for 3 sets?"""
    token, value, reps = spec.token, spec.value or 0.0, spec.reps or 0
    number = format_number(value)
    added = f"+{token}" if spec.count == 1 else f"+{number}x{reps}x{spec.count}"
    readings = f"write {added} for {number} {unit} added"
    if spec.count == 1 and value == int(value) and 1 <= value <= MAX_REPS and reps <= MAX_SETS_PER_LINE:
        spelled = f"bw x{number}x{reps}" + (f" or {' '.join([number] * reps)}" if reps <= 5 else "")
        readings += f", or {spelled} for {reps} sets of {number}"
    return EntryError(f"{exercise} is a bodyweight move: is {_q(token)} added load or sets of reps? {readings}", token)


def _weight_kg(spec: _Spec, measure: str, unit: str, exercise: str, assisted: bool = False) -> float | None:
    """Check a spec against the exercise's measure and return its stored weight."""
    token = spec.token
    if measure == "bodyweight_reps" and spec.value is not None:
        if assisted and spec.sign == "+":
            raise EntryError(f"on {exercise} the number is the help: write {token[1:]} for "
                             f"{format_number(spec.value)} {spec.unit or unit} of assistance, not {_q(token)}", token)
        if assisted:
            spec.sign = "-"  # 20x8: 20 kg of help, stored as -20 like -20x8
    if measure == "weight_reps":
        if spec.value is None:
            raise EntryError(f"{exercise} needs a weight: write it like 60x{spec.reps}, not {_q(token)}", token)
        if spec.sign == "-":
            raise EntryError(f"assistance ({_q(token)}) only applies to bodyweight exercises, not {exercise}", token)
        if spec.sign == "+":
            raise EntryError(f"added load ({_q(token)}) is for bodyweight exercises; for {exercise} write {token[1:]}", token)
    if spec.value is None:
        return 0.0  # plain bodyweight: no load added or taken away
    limit = MAX_WEIGHT_KG if unit == "kg" else MAX_WEIGHT_KG / KG_PER_LB
    if spec.value > limit + 1e-9:
        raise EntryError(f"weight over {limit:.0f} {unit} in {_q(token)}: weights run from 0 to {limit:.0f} {unit}", token)
    if measure == "bodyweight_reps":
        # Whole lb, so the range named is one that is accepted in full (440 lb, not 440.92).
        span = MAX_BODYWEIGHT_LOAD_KG if unit == "kg" else float(int(MAX_BODYWEIGHT_LOAD_KG / KG_PER_LB))
        if spec.value > span + 1e-9:
            what = "assistance" if spec.sign == "-" else "added load"
            raise EntryError(f"{what} over {format_number(span)} {unit} in {_q(token)}: on {exercise} "
                             f"added load or assistance runs from -{format_number(span)} to +{format_number(span)} {unit}",
                             token)
    if measure == "bodyweight_reps" and not spec.sign and spec.unit is None and spec.value:
        raise _ambiguous(spec, exercise, unit)
    kg = to_kg(spec.value, unit)
    return -kg if spec.sign == "-" and kg else kg


def parse_entry(
    text: str,
    measure: str = "weight_reps",
    unit: str = "kg",
    exercise: str = "this exercise",
    default_kind: str = "working",
    *,
    assisted: bool = False,
) -> list[SetDraft]:
    """Parse one entry line for an exercise measured by `measure`.

    `unit` is the lifter's unit, used when a weight has none. `exercise` is the
    name used in messages. `default_kind` applies when the line names no kind (a
    warm-up item's sets are warm-ups). `assisted`: the exercise is helped by a
    machine or band, so a bare number is the help. Raises EntryError; never anything else.
    """
    if not isinstance(text, str):
        raise EntryError("an entry must be text")
    if has_nul(text):
        raise EntryError("the line holds a NUL character (\\x00): nothing was saved; type it again without it")
    body, hash_mark, note = text.partition("#")
    note = note.strip() if hash_mark else ""
    if len(note) > MAX_NOTE_CHARS:
        raise EntryError(f"note is {len(note)} characters; keep it to {MAX_NOTE_CHARS}")

    specs: list[_Spec] = []
    straps = form_broke = False
    kind: str | None = None
    rpe: float | None = None
    for token in _normalise(body, measure).split():
        if token.endswith("!") and token != "!":
            form_broke = True
            token = token.rstrip("!")
        if token == "!":
            form_broke = True
        elif token in _STRAPS:
            straps = True
        elif token in _KINDS:
            if kind and kind != _KINDS[token]:
                raise EntryError(f"a set cannot be both {kind} and {_KINDS[token]} ({_q(token)})", token)
            kind = _KINDS[token]
        elif token.startswith("@"):
            if rpe is not None:
                raise EntryError(f"two RPEs on one line ({_q(token)})", token)
            rpe = _parse_rpe(token)
        elif hold := _HOLD.match(token):
            specs.append(_parse_hold(hold, token))
        elif "x" in token:
            specs.append(_parse_reps_spec(token))
        elif _DIGITS.match(token):
            specs.append(_Spec(token=token, reps=_whole(token, "reps", token, 1, MAX_REPS)))
        elif token == "bw":
            raise EntryError("'bw' needs reps: write bw x 12", token)
        elif _WEIGHT.match(token):
            raise EntryError(f"{_q(token)} has no reps: write it like {token}x8", token)
        else:
            raise EntryError(f"don't understand {_q(token)}: {_HINT}", token)

    if not specs:
        raise EntryError(f"nothing to log: {_HINT}")
    holds = [s for s in specs if s.seconds is not None]
    if holds and len(holds) != len(specs):
        raise EntryError("one line cannot mix reps and a hold")
    if measure == "seconds" and not holds:
        raise EntryError(f"{exercise} is timed: log a hold like 45s or 1:30, not {_q(specs[0].token)}", specs[0].token)
    if measure != "seconds" and holds:
        raise EntryError(f"{exercise} counts reps: log 60x8 or 12, not a hold ({_q(holds[0].token)})", holds[0].token)
    total = sum(s.count for s in specs)
    if total > MAX_SETS_PER_LINE:
        raise EntryError(f"{total} sets in one line; log at most {MAX_SETS_PER_LINE} at once")

    drafts: list[SetDraft] = []
    for spec in specs:
        spec_unit = spec.unit or unit
        weight = None if spec.seconds is not None else _weight_kg(spec, measure, spec_unit, exercise, assisted)
        draft = SetDraft(
            weight_kg=weight,
            reps=spec.reps,
            seconds=spec.seconds,
            unit=spec_unit,
            straps=straps,
            rpe=rpe,
            kind=kind or default_kind,
            note=note,
            form_broke=form_broke,
        )
        drafts.extend([draft] * spec.count)
    return drafts
