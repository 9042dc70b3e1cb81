"""Sets, not workouts, are what an import recognises; each import is a batch that can be
listed and undone (issue 14)."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

import pytest

from backtui.domain.importers import parse_import
from backtui.domain.models import SetDraft
from backtui.storage.import_batches import UndoRefused, list_batches, undo_batch
from backtui.storage.importing import import_parsed

QUIRKS = Path(__file__).parent / "fixtures" / "import" / "quirks"


def parsed(name: str):
    return parse_import((QUIRKS / name).read_bytes(), tz=timezone.utc, unit="kg")


def all_sets(store) -> list[tuple]:
    return store.conn.execute(
        "SELECT w.started_at, e.slug, s.set_number, s.weight_kg, s.reps FROM sets s JOIN workouts w ON w.id = "
        "s.workout_id JOIN exercises e ON e.id = s.exercise_id ORDER BY w.started_at, e.slug, s.set_number").fetchall()


def counts(store) -> tuple[int, int, int]:
    one = store.conn.execute
    return tuple(one(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                 for t in ("workouts", "sets", "exercise_sessions"))


def test_a_newer_export_adds_exactly_what_is_new(store):
    first = import_parsed(store, parsed("strong_older.csv"))
    assert (first.workouts, first.sets) == (2, 4)
    second = import_parsed(store, parsed("strong_newer.csv"))
    # The 1 March workout grew by 3 sets; 4 March's row changed; 8 March is new.
    assert (second.workouts, second.workouts_grown, second.sets) == (1, 1, 4)
    assert second.sets_unchanged == 3
    assert [(c.exercise, c.number, [ch.words() for ch in c.changes]) for c in second.conflicts] == [
        ("Bent Over Row (Barbell)", 1, ["weight kg 60 -> 62.5"])]
    rows = all_sets(store)
    assert len(rows) == 8
    march_first = [r[1:] for r in rows if r[0].startswith("2024-03-01")]
    assert march_first == [("deadlift", 1, 100.0, 5), ("deadlift", 2, 110.0, 5), ("deadlift", 3, 120.0, 3),
                           ("face-pull", 1, 20.0, 15), ("lat-pulldown", 1, 50.0, 10), ("lat-pulldown", 2, 55.0, 8)]
    row = [r for r in rows if r[0].startswith("2024-03-04")]
    assert row[0][3] == 60.0  # the conflict is left alone
    third = import_parsed(store, parsed("strong_newer.csv"))
    assert (third.workouts, third.sets, third.batch_id) == (0, 0, None)
    assert len(third.conflicts) == 1
    # The summaries of the grown workout count its new sets.
    sessions = store.conn.execute("SELECT es.sets FROM exercise_sessions es JOIN exercises e ON e.id = es.exercise_id "
                                  "WHERE e.slug = 'deadlift' ORDER BY first_at").fetchall()
    assert sessions == [(3,), (1,)]


def test_update_takes_the_files_values_and_undo_puts_them_back(store):
    import_parsed(store, parsed("strong_older.csv"))
    summary = import_parsed(store, parsed("strong_newer.csv"), update=True)
    assert summary.sets_updated == 1
    assert [r[3] for r in all_sets(store) if r[0].startswith("2024-03-04")] == [62.5]
    undone = undo_batch(store, summary.batch_id)
    assert (undone.sets_removed, undone.sets_restored, undone.workouts_removed) == (4, 1, 1)
    assert [r[3] for r in all_sets(store) if r[0].startswith("2024-03-04")] == [60.0]
    assert len(all_sets(store)) == 4


def test_your_own_edit_wins_and_is_reported(store):
    import_parsed(store, parsed("strong_older.csv"))
    set_id = store.conn.execute("SELECT s.id FROM sets s JOIN exercises e ON e.id = s.exercise_id "
                                "WHERE e.slug = 'barbell-row'").fetchone()[0]
    store.update_set(set_id, SetDraft(weight_kg=61.0, reps=8))
    again = import_parsed(store, parsed("strong_older.csv"))
    assert again.conflicts == [] and again.sets_unchanged == 4  # the file did not change: nothing to say
    newer = import_parsed(store, parsed("strong_newer.csv"))
    conflict = newer.conflicts[0]
    assert conflict.edited_here and [c.words() for c in conflict.changes] == ["weight kg 61 -> 62.5"]
    assert store.sets_by_id([set_id])[0].weight_kg == 61.0


def test_a_set_deleted_here_is_not_brought_back(store):
    import_parsed(store, parsed("strong_older.csv"))
    set_id = store.conn.execute("SELECT s.id FROM sets s JOIN exercises e ON e.id = s.exercise_id "
                                "WHERE e.slug = 'lat-pulldown'").fetchone()[0]
    store.delete_set(set_id)
    again = import_parsed(store, parsed("strong_older.csv"))
    assert (again.sets, again.sets_deleted_here) == (0, 1)


def test_a_second_fitnotes_session_on_the_same_day_is_added(store):
    import_parsed(store, parsed("fitnotes_morning.csv"))
    summary = import_parsed(store, parsed("fitnotes_evening.csv"))
    assert (summary.sets, summary.workouts_grown) == (3, 1)
    rows = [r[1:] for r in all_sets(store)]
    assert rows == [("deadlift", 1, 100.0, 5), ("deadlift", 2, 110.0, 5), ("face-pull", 1, 20.0, 15),
                    ("lat-pulldown", 1, 50.0, 10), ("lat-pulldown", 2, 45.0, 12), ("lat-pulldown", 3, 45.0, 12)]


def test_a_workout_imported_before_batches_existed_gets_only_its_new_sets(store):
    import_parsed(store, parsed("strong_older.csv"))
    # As a database from before m007_imports_whole holds it: workouts with import keys, no set keys.
    store.conn.execute("DELETE FROM imported_sets")
    store.conn.execute("DELETE FROM imported_workouts")
    store.conn.commit()
    summary = import_parsed(store, parsed("strong_newer.csv"))
    assert summary.sets == 4 and len(all_sets(store)) == 8
    assert import_parsed(store, parsed("strong_newer.csv")).sets == 0


def test_import_list_and_undo_remove_exactly_what_a_batch_added(store):
    before = counts(store)
    first = import_parsed(store, parsed("strong_older.csv"), file_name="older.csv")
    after_first = counts(store)
    second = import_parsed(store, parsed("strong_newer.csv"), file_name="newer.csv")
    batches = list_batches(store)
    assert [(b.id, b.file_name, b.workouts_added, b.sets_added, b.undone_at) for b in batches] == [
        (first.batch_id, "older.csv", 2, 4, None), (second.batch_id, "newer.csv", 1, 4, None)]
    undone = undo_batch(store, second.batch_id)
    assert (undone.sets_removed, undone.workouts_removed, undone.workouts_kept) == (4, 1, 0)
    assert counts(store) == after_first
    assert list_batches(store)[1].undone_at is not None
    with pytest.raises(LookupError, match="undone already"):
        undo_batch(store, second.batch_id)
    undo_batch(store, first.batch_id)
    assert counts(store) == before
    # Undone, the file imports again as new.
    assert import_parsed(store, parsed("strong_older.csv")).sets == 4


def test_undo_removes_the_custom_exercises_its_import_made(store):
    summary = import_parsed(store, parse_import(
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2026-01-02 10:00:00,Arms,Zottman Curl,1,12,10\n",
        tz=timezone.utc))
    assert [e.slug for e in summary.created] == ["zottman-curl"]
    undo_batch(store, summary.batch_id)
    assert store.conn.execute("SELECT count(*) FROM exercises WHERE profile_id IS NOT NULL").fetchone()[0] == 0


def test_undo_refuses_with_the_reason_when_sets_were_edited_since(store):
    summary = import_parsed(store, parsed("strong_older.csv"))
    set_id = store.conn.execute("SELECT s.id FROM sets s JOIN exercises e ON e.id = s.exercise_id "
                                "WHERE e.slug = 'barbell-row'").fetchone()[0]
    store.update_set(set_id, SetDraft(weight_kg=61.0, reps=8))
    before = counts(store)
    with pytest.raises(UndoRefused) as info:
        undo_batch(store, summary.batch_id)
    reason = info.value.reasons[0]
    assert (reason.set_id, reason.exercise) == (set_id, "Bent-over barbell row")
    assert "edited since the import" in reason.why
    assert counts(store) == before and list_batches(store)[0].undone_at is None


def test_undo_of_a_batch_a_later_update_changed_asks_to_undo_that_first(store):
    first = import_parsed(store, parsed("strong_older.csv"))
    second = import_parsed(store, parsed("strong_newer.csv"), update=True)
    with pytest.raises(UndoRefused) as info:
        undo_batch(store, first.batch_id)
    assert f"import {second.batch_id} changed it since" in info.value.reasons[0].why


def test_undoing_an_update_leaves_the_earlier_import_as_it_was(store):
    """Undo of an --update puts the set's values back and also what the earlier import
    knows of it: the newer file shows the difference again as a conflict, and the
    earlier import can be undone (nobody edited its set)."""
    first = import_parsed(store, parsed("strong_older.csv"))
    update = import_parsed(store, parsed("strong_newer.csv"), update=True)
    undo_batch(store, update.batch_id)
    again = import_parsed(store, parsed("strong_newer.csv"), dry_run=True)
    assert [(c.exercise, [ch.words() for ch in c.changes], c.edited_here) for c in again.conflicts] == [
        ("Bent Over Row (Barbell)", ["weight kg 60 -> 62.5"], False)]
    undone = undo_batch(store, first.batch_id)
    assert undone.sets_removed == 4 and all_sets(store) == []


def test_undoing_an_update_of_a_set_you_edited_keeps_your_edit_known(store):
    first = import_parsed(store, parsed("strong_older.csv"))
    set_id = store.conn.execute("SELECT s.id FROM sets s JOIN exercises e ON e.id = s.exercise_id "
                                "WHERE e.slug = 'barbell-row'").fetchone()[0]
    store.update_set(set_id, SetDraft(weight_kg=61.0, reps=8))
    update = import_parsed(store, parsed("strong_newer.csv"), update=True)
    undo_batch(store, update.batch_id)
    assert [r[3] for r in all_sets(store) if r[1] == "barbell-row"] == [61.0]
    with pytest.raises(UndoRefused) as info:
        undo_batch(store, first.batch_id)  # your 61 kg is still your edit
    assert [r.set_id for r in info.value.reasons] == [set_id]
    assert "edited since the import" in info.value.reasons[0].why


def test_undo_keeps_a_workout_that_holds_sets_logged_since(store):
    summary = import_parsed(store, parsed("strong_older.csv"))
    workout_id = store.conn.execute("SELECT id FROM workouts ORDER BY started_at LIMIT 1").fetchone()[0]
    store.log_sets(workout_id, "face-pull", [SetDraft(weight_kg=15.0, reps=15)])
    undone = undo_batch(store, summary.batch_id)
    assert (undone.workouts_removed, undone.workouts_kept) == (1, 1)
    assert [r[1] for r in all_sets(store)] == ["face-pull"]


def test_batches_belong_to_one_lifter(store):
    from backtui.storage.store import Store

    store.db.execute("INSERT INTO profiles (id, name, created_at) VALUES (2, 'other', 'x')")
    store.conn.commit()
    other = Store(store.db, store.catalog, profile_id=2)
    mine = import_parsed(store, parsed("strong_older.csv"))
    assert list_batches(other) == []
    with pytest.raises(LookupError):
        undo_batch(other, mine.batch_id)


def test_a_workout_deleted_here_is_not_imported_again(store):
    import_parsed(store, parsed("strong_older.csv"))
    workout_id = store.conn.execute("SELECT id FROM workouts ORDER BY started_at LIMIT 1").fetchone()[0]
    store.discard_workout(workout_id)
    again = import_parsed(store, parsed("strong_older.csv"))
    assert (again.workouts, again.sets, again.sets_deleted_here) == (0, 0, 3)
    newer = import_parsed(store, parsed("strong_newer.csv"))
    # The deleted workout stays gone, with the sets it gained in the newer export.
    assert (newer.sets_deleted_here, newer.workouts, newer.sets) == (6, 1, 1)
