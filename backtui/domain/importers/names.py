"""Matching exercise names from other apps to the catalog, and making the rest custom.

A name matches only when it means the same lift ("Bent Over Row (Barbell)" is our
barbell-row; "Bent Over Row (Dumbbell)" is not). Names are compared after
normalisation, so "Pull-up", "pull up" and "Pullup" are one key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from backtui.domain.models import Exercise

# Spellings that differ only in hyphens and spaces.
_JOINED = {
    "pullup": "pull up", "pullups": "pull up", "pull ups": "pull up", "chinup": "chin up",
    "chinups": "chin up", "chin ups": "chin up", "pull down": "pulldown", "pulldowns": "pulldown",
    "tbar": "t bar", "rdl": "romanian deadlift", "hyper extension": "hyperextension",
    "hyperextensions": "hyperextension", "back extensions": "back extension", "rows": "row",
    "shrugs": "shrug", "face pulls": "face pull", "deadlifts": "deadlift", "rack pulls": "rack pull",
    "pullaparts": "pull apart", "pull aparts": "pull apart", "pullapart": "pull apart",
    "facepull": "face pull", "facepulls": "face pull", "pull over": "pullover", "pullovers": "pullover",
    "supermans": "superman", "push down": "pushdown", "pushdowns": "pushdown",
    "dumbell": "dumbbell", "dumbells": "dumbbell", "dumbbells": "dumbbell", "closed grip": "close grip",
    "triceps": "tricep", "biceps": "bicep",
}


def name_key(name: str) -> str:
    """'Lat Pulldown (Cable)' -> 'lat pulldown cable'; 'Pull-Ups' -> 'pull up'."""
    text = unicodedata.normalize("NFKC", name).lower().replace("'", "").replace("\u2019", "")
    text = " ".join(re.sub(r"[^\w]+|_", " ", text).split())
    for joined, spaced in _JOINED.items():
        text = re.sub(rf"\b{joined}\b", spaced, text)
    return text


# Other apps' names (Strong, Hevy, FitNotes) for lifts the catalog has, keyed by
# name_key. Catalog names and slugs are matched as well without being listed here.
ALIASES: dict[str, str] = {
    # vertical pulls
    "pull up": "pull-up", "pull up weighted": "pull-up", "weighted pull up": "pull-up",
    "wide pull up": "pull-up", "wide grip pull up": "pull-up", "pull up wide grip": "pull-up",
    "chin up": "chin-up", "chin up weighted": "chin-up", "weighted chin up": "chin-up",
    "pull up assisted": "assisted-pull-up", "assisted pull up": "assisted-pull-up",
    "pull up machine": "assisted-pull-up", "assisted pull up machine": "assisted-pull-up",
    "chin up assisted": "chin-up", "assisted chin up": "chin-up",
    "pull up band": "band-pull-up", "band assisted pull up": "band-pull-up",
    "pull up band assisted": "band-pull-up",
    "scapular pull up": "scapular-pull-up", "scap pull up": "scapular-pull-up",
    "dead hang": "dead-hang",
    "lat pulldown": "lat-pulldown", "lat pulldown cable": "lat-pulldown",
    "lat pulldown machine": "lat-pulldown", "lat pulldown wide grip cable": "lat-pulldown",
    "wide grip lat pulldown": "lat-pulldown", "pulldown": "lat-pulldown",
    "wide lat pulldown": "lat-pulldown", "wide grip lat pulldown cable": "lat-pulldown",
    "lat pulldown wide grip": "lat-pulldown", "wide grip pulldown": "lat-pulldown", "wide pulldown": "lat-pulldown",
    "lat pulldown wide": "lat-pulldown", "standard lat pulldown": "lat-pulldown", "machine lat pulldown": "lat-pulldown",
    "cable lat pulldown": "lat-pulldown", "front lat pulldown": "lat-pulldown", "front pulldown": "lat-pulldown",
    "lat pulldown overhand": "lat-pulldown", "lat pulldown overhand grip": "lat-pulldown",
    "lat pulldown close grip cable": "close-grip-pulldown", "close grip lat pulldown": "close-grip-pulldown",
    "lat pulldown close grip": "close-grip-pulldown", "lat pulldown close grip machine": "close-grip-pulldown",
    "close grip lat pulldown cable": "close-grip-pulldown", "close grip pulldown": "close-grip-pulldown",
    "close grip pulldown cable": "close-grip-pulldown", "v bar pulldown": "close-grip-pulldown",
    "short grip pulldown": "close-grip-pulldown", "short grip lat pulldown": "close-grip-pulldown",
    "narrow grip pulldown": "close-grip-pulldown", "narrow grip lat pulldown": "close-grip-pulldown",
    "lat pulldown v grip": "close-grip-pulldown", "lat pulldown v bar": "close-grip-pulldown",
    "v grip pulldown": "close-grip-pulldown", "v bar lat pulldown": "close-grip-pulldown",
    "v grip lat pulldown": "close-grip-pulldown", "pulldown close grip": "close-grip-pulldown",
    "straight arm pulldown": "straight-arm-pulldown", "straight arm pulldown cable": "straight-arm-pulldown",
    "straight arm lat pulldown cable": "straight-arm-pulldown", "straight arm cable pulldown": "straight-arm-pulldown",
    "straight arm lat pulldown": "straight-arm-pulldown", "straight arm pulldown rope": "straight-arm-pulldown",
    "rope straight arm pulldown": "straight-arm-pulldown", "straight arm pushdown": "straight-arm-pulldown",
    "straight arm cable pushdown": "straight-arm-pulldown", "straight arm pushdown cable": "straight-arm-pulldown",
    "cable straight arm pulldown": "straight-arm-pulldown",
    "pullover dumbbell": "dumbbell-pullover", "dumbbell pullover": "dumbbell-pullover", "pullover": "dumbbell-pullover",
    # horizontal pulls
    "bent over row barbell": "barbell-row", "barbell row": "barbell-row", "bent over row": "barbell-row",
    "barbell bent over row": "barbell-row", "row barbell": "barbell-row",
    "pendlay row barbell": "pendlay-row", "pendlay row": "pendlay-row",
    "t bar row": "t-bar-row", "t bar row barbell": "t-bar-row", "t bar row machine": "t-bar-row",
    "landmine row": "t-bar-row",
    "bent over one arm row dumbbell": "dumbbell-row", "dumbbell row": "dumbbell-row",
    "one arm dumbbell row": "dumbbell-row", "single arm dumbbell row": "dumbbell-row",
    "dumbbell row single arm": "dumbbell-row", "one arm row dumbbell": "dumbbell-row",
    "seated row cable": "seated-cable-row", "seated cable row": "seated-cable-row",
    "seated cable row v grip cable": "seated-cable-row", "cable row": "seated-cable-row",
    "seated row": "seated-cable-row",
    "chest supported row dumbbell": "chest-supported-row", "chest supported incline row dumbbell": "chest-supported-row",
    "incline row dumbbell": "chest-supported-row", "chest supported row": "chest-supported-row",
    "shrug barbell": "shrug", "barbell shrug": "shrug", "shrug dumbbell": "dumbbell-shrug",
    "dumbbell shrug": "dumbbell-shrug",
    "face pull cable": "face-pull", "face pull": "face-pull", "cable face pull": "face-pull",
    "face pull rope": "face-pull", "rope face pull": "face-pull", "cable rope face pull": "face-pull",
    "face pull cable rope": "face-pull", "face cable pull": "face-pull", "face pull machine": "face-pull",
    "band pull apart": "band-pull-apart", "pull apart band": "band-pull-apart",
    "reverse snow angel": "reverse-snow-angel", "prone y raise": "prone-y-raise", "y raise": "prone-y-raise",
    # lower back
    "deadlift barbell": "deadlift", "deadlift": "deadlift", "conventional deadlift": "deadlift",
    "barbell deadlift": "deadlift",
    "rack pull": "rack-pull", "rack pull barbell": "rack-pull", "block pull": "rack-pull",
    "romanian deadlift barbell": "romanian-deadlift", "romanian deadlift": "romanian-deadlift",
    "barbell romanian deadlift": "romanian-deadlift",
    "back extension": "back-extension",
    "back extension hyperextension": "back-extension", "hyperextension": "back-extension",
    "45 degree hyperextension": "back-extension", "back hyperextension": "back-extension",
    "back extension weighted hyperextension": "back-extension", "45 degree back extension": "back-extension",
    "back extension ball": "ball-back-extension", "stability ball back extension": "ball-back-extension",
    "superman hold": "superman-hold", "superman bodyweight": "superman", "superman raise": "superman",
    "bird dog": "bird-dog", "cat cow": "cat-cow", "child pose": "child-pose", "childs pose": "child-pose",
    "knee to chest": "knee-to-chest", "knee to chest stretch": "knee-to-chest",
    "cobra stretch": "cobra-stretch", "cobra": "cobra-stretch", "lying waist twist": "lying-waist-twist",
    "doorway lat stretch": "doorway-lat-stretch",
}

# One name, two moves: files say "Superman" for the raise done in reps and for the hold
# done for time. The data decides which (resolve.py): reps go to the first, holds to the
# second.
TIMED_TWINS: dict[str, str] = {"superman": "superman-hold"}


def timed_twin(slug: str) -> str | None:
    """The other move of a name shared by a move in reps and a move for time."""
    for reps_slug, timed_slug in TIMED_TWINS.items():
        if slug == reps_slug:
            return timed_slug
        if slug == timed_slug:
            return reps_slug
    return None


# Words that name another muscle group's lift. A name holding one never matches a back
# lift and never counts as back work ("Triceps Pushdown (Cable - Straight Bar)" shares
# "straight" and a cable with a straight-arm pulldown, and is still a triceps move).
_OTHER_MUSCLE_WORDS = frozenset({"tricep", "bicep", "curl", "pec", "skull", "kickback", "squat", "calf", "lunge",
                                 "bench", "crusher", "crushers"})

# Keyword rules for custom exercises: (words that must all appear, region, pattern).
_REGION_RULES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("upright", "row"), "other", "other"),
    (("face", "pull"), "neck_shoulders", "horizontal_pull"),
    (("rear", "delt"), "neck_shoulders", "horizontal_pull"),
    (("reverse", "fly"), "neck_shoulders", "horizontal_pull"),
    (("pull", "apart"), "neck_shoulders", "horizontal_pull"),
    (("straight", "arm"), "lats", "vertical_pull"),
    (("pulldown",), "lats", "vertical_pull"),
    (("pull", "up"), "lats", "vertical_pull"),
    (("chin", "up"), "lats", "vertical_pull"),
    (("pullover",), "lats", "vertical_pull"),
    (("row",), "upper_back", "horizontal_pull"),
    (("shrug",), "upper_back", "shrug"),
    (("deadlift",), "lower_back", "hinge"),
    (("rack", "pull"), "lower_back", "hinge"),
    (("good", "morning"), "lower_back", "hinge"),
    (("back", "extension"), "lower_back", "extension"),
    (("hyperextension",), "lower_back", "extension"),
    (("superman",), "lower_back", "extension"),
    (("plank",), "core", "hold"),
    (("crunch",), "core", "other"),
    (("sit", "up"), "core", "other"),
    (("leg", "raise"), "core", "other"),
    (("ab", "wheel"), "core", "other"),
    (("dead", "bug"), "core", "other"),
)
# Moves done with the body as the load (a number beside them is added load, assistance
# or the lifter's own body weight), unless the name says a machine or a bar carries it.
_BODYWEIGHT_MOVES: tuple[tuple[str, ...], ...] = (
    ("push", "up"), ("pull", "up"), ("chin", "up"), ("dip",), ("dips",), ("muscle", "up"), ("inverted", "row"),
    ("back", "extension"), ("hyperextension",), ("sit", "up"), ("leg", "raise"), ("knee", "raise"), ("pistol",),
    ("burpee",), ("burpees",),
)
_CARRIED_BY = frozenset({"machine", "smith", "cable", "seated", "plate", "loaded", "barbell", "dumbbell", "kettlebell"})
_EQUIPMENT_WORDS = {
    "barbell": "barbell", "dumbbell": "dumbbell", "cable": "cable", "machine": "machine",
    "band": "band", "kettlebell": "kettlebell", "smith": "machine", "bodyweight": "bodyweight",
}
_CATEGORY_REGIONS = {"back": "upper_back", "abs": "core", "core": "core"}


def is_assisted(name: str) -> bool:
    """'Pull Up (Assisted)', 'Assisted Chinups', and a band on a pull-up or dip ('Pull Up (Band)')."""
    words = name_key(name).split()
    return "assisted" in words or ("band" in words and is_bodyweight_move(name))


def is_other_muscle(name: str) -> bool:
    """A lift for another muscle group (triceps, biceps, chest, legs) by its name."""
    words = set(name_key(name).split())
    return bool(words & _OTHER_MUSCLE_WORDS) or ("pushdown" in words and not {"straight", "arm"} <= words)


def is_bodyweight_move(name: str) -> bool:
    """A move whose load is the body ('Pull Up', 'Weighted dips', 'Push Up'), not one on a
    machine or with a bar ('Dip Machine', 'Seated Dip', 'Back Extension (Machine)')."""
    key = name_key(name)
    return not set(key.split()) & _CARRIED_BY and any(_has_phrase(key, move) for move in _BODYWEIGHT_MOVES)


def _has_phrase(key: str, words: tuple[str, ...]) -> bool:
    """The words side by side in a name_key ('leg raise' is in 'hanging leg raise', not in
    'single leg calf raise')."""
    return f" {' '.join(words)} " in f" {key} "


def catalog_index(exercises: Iterable[Exercise]) -> dict[str, str]:
    """name_key -> slug for every exercise, by name and by slug, plus the alias table."""
    exercises = list(exercises)
    known = {e.slug for e in exercises}
    index = {key: slug for key, slug in ALIASES.items() if slug in known}
    for exercise in exercises:
        index[name_key(exercise.slug)] = exercise.slug
        index[name_key(exercise.name)] = exercise.slug
    return index


def slugify(name: str, taken: set[str]) -> str:
    """A catalog-style slug for a custom name, unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:50].strip("-")
    if not base:
        base = "exercise-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def mostly_timed(reps: list[int | None], seconds: list[int | None]) -> bool:
    """More holds (a time, no reps) than sets with reps: the data is of a timed move."""
    timed = sum(1 for r, s in zip(reps, seconds) if r is None and s is not None)
    return timed > sum(1 for r in reps if r is not None)


def infer_measure(weights: list[float | None], reps: list[int | None], seconds: list[int | None],
                  assisted: bool = False, bodyweight: bool = False) -> str:
    if mostly_timed(reps, seconds):
        return "seconds"
    if assisted or bodyweight or not any(w for w in weights if w is not None):
        return "bodyweight_reps"
    return "weight_reps"


def closest_slug(name: str, exercises: Iterable[Exercise]) -> str | None:
    """The catalog lift whose name (or a known spelling of it) is nearest to `name`, as a
    hint for --map; None when nothing is near, and always for another muscle's lift."""
    import difflib

    if is_other_muscle(name):
        return None
    index = catalog_index(exercises)
    found = difflib.get_close_matches(name_key(name), list(index), n=1, cutoff=0.7)
    return index[found[0]] if found else None


def custom_exercise(name: str, slug: str, measure: str, category: str = "",
                    hint: tuple[str, str] | None = None) -> Exercise:
    """A custom exercise for a name the catalog does not have: region and pattern from
    `hint` (our own CSV carries them), else from the words of its name, else from the
    file's category (FitNotes)."""
    key = name_key(name)
    words = set(key.split())
    region, pattern = "other", "other"
    if hint is not None:
        region, pattern = hint
    elif not is_other_muscle(name):
        for needed, rule_region, rule_pattern in _REGION_RULES:
            if _has_phrase(key, needed):
                region, pattern = rule_region, rule_pattern
                break
        else:
            region = _CATEGORY_REGIONS.get(name_key(category), "other")
    equipment = next((e for w, e in _EQUIPMENT_WORDS.items() if w in words), None)
    if equipment is None:
        equipment = "other" if measure == "weight_reps" else "bodyweight"
    timed = measure == "seconds"
    return Exercise(
        slug=slug,
        name=name,
        region=region,
        pattern=pattern,
        mechanic="compound",
        equipment=equipment,
        measure=measure,
        sets=3,
        rest=90,
        rep_low=None if timed else 8,
        rep_high=None if timed else 12,
        seconds=30 if timed else None,
        group=slug,
        custom=True,
    )
