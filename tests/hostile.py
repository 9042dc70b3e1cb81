"""A database whose every text field holds what an attacker would put there: markup
that runs an action or opens a link, terminal escape sequences (window title, OSC 52
clipboard, OSC 8 hyperlinks, C1 CSI), bidirectional overrides and template tricks.

Written straight into the file, past every check the app's own dialogs make: this is a
file made by an import, a shared routine or a hand-edited database.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from backtui.domain.inert import visible

# Each payload names what it would do if it worked. PWNED marks a live action.
CLICK = "[@click=app.pwned]C[/]"
LINK = "[link=https://evil.example/]LINKME[/link]"
NESTED = "[b][i][@click=app.pwned('nested')]N[/][/i][/b]"
TITLE = "\x1b]0;PWN\x07"
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
HYPERLINK = "\x1b]8;;https://evil.example/\x1b\\HL\x1b]8;;\x1b\\"
C1_CSI = "\x9b2J"
RTL = "\u202etxt.exe"
TEMPLATE = "$name ${x}"

# Every unsafe character the payloads use: none may reach a terminal raw.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile(label: str) -> str:
    """One field's text: a readable label, then every payload."""
    return f"{label} {CLICK} {LINK} {NESTED} {TITLE}{CLIPBOARD}{HYPERLINK}{C1_CSI} {RTL} {TEMPLATE}"


def short(label: str) -> str:
    """For fields with a length limit (names: 40 characters): the label, a live action
    and a window title."""
    return f"{label}{CLICK}{TITLE}"


PROFILE = short("Eve")
OTHER_PROFILE = short("Mal")
EXERCISE = short("Evil row")
CUE = hostile("cue")
ROUTINE = short("Evil day")
ROUTINE_DESCRIPTION = hostile("description")
ITEM_NOTE = f"item note {CLICK} {TITLE}{C1_CSI} {RTL}"  # notes on a routine item: 120 characters at most
WORKOUT_NAME = short("Pull day")
WORKOUT_NOTE = hostile("workout note")
SET_NOTE = hostile("set note")
EXERCISE_SLUG = "evil-row"
ROUTINE_SLUG = "evil-day"

# What each field looks like once shown safely (the start of it, which every screen has room for).
SHOWN_EXERCISE = visible(EXERCISE)[:20]
SHOWN_WORKOUT = visible(WORKOUT_NAME)[:20]


def seed(db_path: Path, *, unfinished: bool = True) -> None:
    """Fill `db_path` (created if needed) with hostile text in every field: two
    profiles, a custom exercise with cues, a routine of the lifter's own, a finished
    workout with notes and, if `unfinished`, an open one to resume."""
    from backtui.domain.catalog import load_catalog
    from backtui.domain.models import Exercise, SetDraft
    from backtui.storage.db import open_database
    from backtui.storage.exercises import save_custom_exercise
    from backtui.storage.store import Store

    db = open_database(db_path)
    try:
        conn = db.conn
        store = Store(db, load_catalog(), 1)
        conn.execute("UPDATE profiles SET name = ? WHERE id = 1", [PROFILE])
        conn.execute("INSERT INTO profiles (name, created_at) VALUES (?, '2026-01-01T00:00:00+00:00')",
                     [OTHER_PROFILE])
        conn.commit()
        save_custom_exercise(store, Exercise(
            slug=EXERCISE_SLUG, name=EXERCISE, region="upper_back", pattern="horizontal_pull",
            mechanic="compound", equipment="cable", measure="weight_reps", sets=3, rest=90,
            rep_low=8, rep_high=12, group=EXERCISE_SLUG, cues=(CUE, CUE[::-1]), custom=True))
        items = [{"exercise": EXERCISE_SLUG, "sets": 3, "reps": [8, 12], "note": ITEM_NOTE},
                 {"exercise": "barbell-row", "sets": 3, "reps": [6, 10], "note": ITEM_NOTE}]
        conn.execute(
            "INSERT INTO user_routines (profile_id, slug, name, description, items, created_at, updated_at) "
            "VALUES (1, ?, ?, ?, ?, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
            [ROUTINE_SLUG, ROUTINE, ROUTINE_DESCRIPTION, json.dumps(items)])
        conn.commit()
        plan = [{"exercise": EXERCISE_SLUG, "sets": 3, "rep_low": 8, "rep_high": 12, "rest": 90, "note": ITEM_NOTE}]
        done = store.start_workout(ROUTINE_SLUG, WORKOUT_NAME, plan, at="2026-11-10T18:00:00+00:00")
        for slug, weight in ((EXERCISE_SLUG, 60.0), ("barbell-row", 70.0)):
            store.log_sets(done.id, slug, [SetDraft(weight_kg=weight, reps=8, note=SET_NOTE),
                                           SetDraft(weight_kg=weight + 5, reps=6, note=SET_NOTE)],
                           at="2026-11-10T18:10:00+00:00")
        store.finish_workout(done.id, at="2026-11-10T19:00:00+00:00", note=WORKOUT_NOTE)
        if unfinished:
            # An hour ago: older than the open_limit_h setting, the app would close it on start.
            from datetime import datetime, timedelta, timezone

            began = datetime.now(timezone.utc) - timedelta(hours=1)
            open_one = store.start_workout(ROUTINE_SLUG, WORKOUT_NAME, plan, at=began.isoformat())
            store.log_sets(open_one.id, EXERCISE_SLUG, [SetDraft(weight_kg=62.5, reps=8, note=SET_NOTE)],
                           at=(began + timedelta(minutes=5)).isoformat())
    finally:
        db.close()
