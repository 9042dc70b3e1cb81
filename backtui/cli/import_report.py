"""The words `backtui import` prints: the summary of an import or a dry run, the
question when a file's unit does not fit its values, the list of batches, an undo.

Every name and note comes from a file, so each goes through visible_line: a control
character in an exercise name is spelled out, never sent to the terminal.
"""

from __future__ import annotations

from collections import defaultdict

from backtui.domain.inert import visible_line
from backtui.domain.units import plural
from backtui.storage.import_batches import Batch, Undone, UndoRefused
from backtui.storage.importing import ImportSummary, UnitQuestion

SHOWN_LINES = 8
_PAD = " " * 13


def _lines(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    more = f" and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def _when(iso_text: str) -> str:
    return iso_text[:16].replace("T", " ")


def _local(iso_text: str) -> str:
    """A stored UTC instant in this computer's time, as the app shows it."""
    from datetime import datetime

    return datetime.fromisoformat(iso_text).astimezone().strftime("%Y-%m-%d %H:%M")


def summary_lines(summary: ImportSummary, name: str) -> list[str]:
    out = [f"{summary.layout}: {plural(summary.rows, 'row')} in {visible_line(name)}"]
    out.append(f"  weights    {summary.weight_unit.words()}")
    whose = "--tz" if summary.zone_chosen else "this computer's zone; --tz ZONE to choose another"
    out.append(f"  times      local times in {summary.zone} ({whose})")
    if summary.shifted_times:
        out.append(f"{_PAD}a time in a daylight-saving change is read by the rule: twice -> the first, "
                   "never -> as if the clocks had not changed yet")
        for row in summary.shifted_times[:SHOWN_LINES]:
            out.append(f"{_PAD}line {row.line}: {visible_line(row.reason)}")
    out += _workout_lines(summary)
    out += _conflict_lines(summary)
    out += _exercise_lines(summary)
    for reading_name, reading in summary.readings.items():
        out.append(f"  bodyweight {visible_line(reading_name)}: {reading.words()}")
    by_reason: dict[str, list[int]] = defaultdict(list)
    for row in summary.skipped:
        by_reason[row.reason].append(row.line)
    out.append(f"  skipped    {len(summary.skipped):,} row{'' if len(summary.skipped) == 1 else 's'}")
    for reason, lines in by_reason.items():
        out.append(f"{_PAD}{visible_line(reason)}: {len(lines):,} ({_lines(lines)})")
    for note in summary.notes:
        out.append(f"  note       {visible_line(note)}")
    for row in summary.warnings[:SHOWN_LINES]:
        out.append(f"  note       line {row.line}: {visible_line(row.reason)}")
    if len(summary.warnings) > SHOWN_LINES:
        out.append(f"  note       and {len(summary.warnings) - SHOWN_LINES} more")
    out.append(_last_line(summary))
    return out


def _workout_lines(summary: ImportSummary) -> list[str]:
    parts = [f"{summary.workouts:,} new"]
    if summary.workouts_grown:
        parts.append(f"{summary.workouts_grown:,} imported before with new sets")
    if summary.workouts_existing:
        parts.append(f"{summary.workouts_existing:,} already in the database (nothing new)")
    sets = [f"{summary.sets:,} new"]
    if summary.sets_unchanged:
        sets.append(f"{summary.sets_unchanged:,} already here")
    if summary.sets_deleted_here:
        sets.append(f"{summary.sets_deleted_here:,} deleted here since (not brought back)")
    return [f"  workouts   {', '.join(parts)}", f"  sets       {', '.join(sets)}"]


def _conflict_lines(summary: ImportSummary) -> list[str]:
    if not summary.conflicts:
        return []
    count = len(summary.conflicts)
    what = f"{count:,} set{'s' if count != 1 else ''} differ{'s' if count == 1 else ''} from the file"
    if summary.update:
        verb = "would take" if summary.dry_run else "took"
        out = [f"  conflicts  {what}: --update {verb} the file's values"]
    else:
        left = "left as it is" if count == 1 else "left as they are"
        out = [f"  conflicts  {what}: {left} here (--update takes the file's values)"]
    for conflict in summary.conflicts[:SHOWN_LINES]:
        changed = ", ".join(c.words() for c in conflict.changes) or "changed"
        mine = " (edited here too)" if conflict.edited_here else ""
        when = visible_line(conflict.written_at) or _when(conflict.started_at) + " UTC"
        out.append(f"{_PAD}line {conflict.line}: {when} {visible_line(conflict.exercise)} "
                   f"set {conflict.number}: {visible_line(changed)}{mine}")
    if count > SHOWN_LINES:
        out.append(f"{_PAD}and {count - SHOWN_LINES} more")
    return out


def _exercise_lines(summary: ImportSummary) -> list[str]:
    out = [f"  exercises  {len(summary.matched)} matched to the catalog, {len(summary.created)} new custom"
           + (f", {len(summary.reused)} custom from earlier imports" if summary.reused else "")]
    for name_in_file, slug in summary.matched.items():
        how = " (--map)" if name_in_file in summary.mapped else ""
        out.append(f"{_PAD}{visible_line(name_in_file)} -> {slug}{how}")
    created = {e.name: e for e in summary.created}
    unmatched = [n for n in summary.unmatched if n.strip() in created or n in summary.reused]
    if unmatched:
        out.append(f"  unmatched  {plural(len(unmatched), 'name')} not in the catalog, kept as custom exercises "
                   "(--map \"Name=slug\" places one on a lift of yours)")
    for name_in_file in unmatched:
        near = summary.unmatched[name_in_file]
        made = created.get(name_in_file.strip())
        what = (f"new {made.slug} ({made.measure.replace('_', ' ')})" if made is not None
                else f"{summary.reused[name_in_file]}, made by an earlier import")
        out.append(f"{_PAD}{visible_line(name_in_file)} -> {what}; " + (f"closest lift: {near}" if near else
                                                                        "no close lift"))
    return out


def _last_line(summary: ImportSummary) -> str:
    if summary.dry_run:
        return "Dry run: nothing was written."
    if summary.batch_id is not None:
        return f"Imported as import {summary.batch_id} (undo it with: backtui import --undo {summary.batch_id})."
    return "Nothing new to import."


def unit_question_lines(question: UnitQuestion, name: str) -> list[str]:
    unit = question.weight_unit.unit
    out = [f"{visible_line(name)}: the file does not say its weight unit, and its values do not fit {unit}:"]
    for evidence in question.evidence[:SHOWN_LINES]:
        out.append(f"  {visible_line(evidence.words(unit))}")
    other = "lb" if unit == "kg" else "kg"
    out.append(f"Nothing was imported. Say the unit: --unit {other} if the file is in "
               f"{'pounds' if other == 'lb' else 'kilograms'}, --unit {unit} if it really is {unit}.")
    return out


def batch_lines(batches: list[Batch]) -> list[str]:
    if not batches:
        return ["No imports recorded yet."]
    out = [f"{'id':>4}  {'imported (UTC)':16}  {'from':40}  {'workouts':>8}  {'sets':>6}  {'updated':>7}  file"]
    for batch in batches:
        state = f"  (undone {_when(batch.undone_at)})" if batch.undone_at else ""
        out.append(f"{batch.id:>4}  {_when(batch.imported_at):16}  {batch.layout[:40]:40}  {batch.workouts_added:>8,}  "
                   f"{batch.sets_added:>6,}  {batch.sets_updated:>7,}  {visible_line(batch.file_name)}{state}")
    out.append("Undo one with: backtui import --undo ID")
    return out


def undone_lines(undone: Undone) -> list[str]:
    parts = [plural(undone.sets_removed, "set") + " removed"]
    if undone.workouts_removed:
        parts.append(plural(undone.workouts_removed, "workout") + " removed")
    if undone.exercises_removed:
        parts.append(plural(undone.exercises_removed, "custom exercise") + " removed")
    if undone.sets_restored:
        parts.append(plural(undone.sets_restored, "set") + " put back as they were")
    out = [f"Import {undone.batch_id} undone: {', '.join(parts)}."]
    if undone.workouts_kept:
        out.append(f"{plural(undone.workouts_kept, 'workout')} of that import kept: they hold sets logged or "
                   "imported since.")
    return out


def refused_lines(refused: UndoRefused) -> list[str]:
    out = [f"import {refused.batch_id} cannot be undone: {plural(len(refused.reasons), 'set')} of it changed since"]
    for edited in refused.reasons[:SHOWN_LINES]:
        out.append(f"  {_local(edited.started_at)} {visible_line(edited.exercise)} set {edited.set_number}: "
                   f"{visible_line(edited.why)}")
    if len(refused.reasons) > SHOWN_LINES:
        out.append(f"  and {len(refused.reasons) - SHOWN_LINES} more")
    out.append("Nothing was removed.")
    return out
