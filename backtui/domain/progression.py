"""The coach: the suggested next set, with its reason in one short line.

Double progression that guards technique:
- Work within the target rep range. When every working set of the last session
  reached the top of the range at RPE 9 or below with no form flag, add one
  weight step and drop to the bottom of the range ("+2.5 kg: all sets hit 12 @8").
  Otherwise keep the weight and add one rep where the last session fell short.
- A form-broke set (`!`) or RPE 10 (a failure set counts as RPE 10) blocks the
  increase; two sessions in a row of that stays put (RPE 10) or goes about 10%
  lighter (form broke).
- Three sessions at the same load without beating the first of them is a stall:
  about 10% lighter, or a swap to a variant of the same group, named.
- Bodyweight moves go reps first, then added load (or less assistance).
- Timed holds go up by the hold step once every set holds the goal (judged on the
  best holds, as many as the target's sets); a short hold brings back the goal,
  never less unless form broke.
- A first time has no plan: after today's first set, the next follows today's.
- Within a session, set n follows set n of last time, unless today's earlier
  sets say otherwise (fell short, RPE 10, form broke: no pushing).

Weights are worked out in the lifter's unit on the grid of the equipment's step,
so every suggested weight is loadable and free of float noise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from backtui.domain.models import Exercise, LoggedSet, SetDraft, Target
from backtui.domain.units import DEFAULT_INCREMENTS, format_number, from_kg, round_down_to_step, round_to_step, round_up_to_step, to_kg

MAIN_KINDS = ("working", "failure")  # warm-ups and drop sets do not steer progression
DELOAD = 0.9
STALL_SESSIONS = 3
HOLD_STEP = 5
# Actions, for screens that colour or word the suggestion differently.
ACTIONS = ("start", "repeat", "more_reps", "heavier", "longer", "stay", "lighter", "deload", "ease", "done")


@dataclass(frozen=True)
class Suggestion:
    """`draft` is the set to offer (None: the lifter picks the first weight);
    `reason` the one line shown with it; `swap_to` a variant slug offered on a stall."""

    draft: SetDraft | None
    reason: str
    action: str = "repeat"
    swap_to: str | None = None
    rep_range: tuple[int, int] | None = None
    set_number: int = 1


@dataclass
class _Context:
    exercise: Exercise
    target: Target
    unit: str
    increments: Mapping[str, float]
    bodyweight_kg: float | None
    variants: Sequence[Exercise]
    bar_kg: float | None
    hold_step: int
    lo: int | None = field(init=False)
    hi: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.lo, self.hi = self.target.rep_low, self.target.rep_high

    # -- loads, in the lifter's unit on the step grid ------------------------
    def step(self, load_kg: float | None) -> float:
        kit = self.exercise.equipment
        if self.exercise.bodyweight and not (kit in ("machine", "cable") and (load_kg or 0) < 0):
            kit = "bodyweight"  # added load and band assistance move by the bodyweight step
        if kit in ("band", "ball"):
            kit = "bodyweight"
        steps = self.increments
        return float(steps.get(kit) or DEFAULT_INCREMENTS.get(kit, DEFAULT_INCREMENTS["dumbbell"])[self.unit])

    def same(self, s: LoggedSet) -> float | None:
        """Last time's load, as loadable in today's unit (it was, if typed in it)."""
        if s.weight_kg is None or s.unit == self.unit:
            return s.weight_kg
        return to_kg(round_to_step(from_kg(s.weight_kg, self.unit), self.step(s.weight_kg)), self.unit)

    def heavier(self, kg: float) -> float:
        step = self.step(kg)
        return to_kg(round_down_to_step(from_kg(kg, self.unit), step) + step, self.unit)

    def lighter(self, kg: float, fraction: float | None = DELOAD) -> float | None:
        """About `fraction` of the load (one step when None), on the grid; None
        when nothing lighter is possible (the bar, plain bodyweight)."""
        step = self.step(kg)
        value = from_kg(kg, self.unit)
        step_down = round_up_to_step(value, step) - step  # the grid mark just below
        if self.exercise.bodyweight:
            if fraction is not None and self.bodyweight_kg:
                body = from_kg(self.bodyweight_kg, self.unit)
                wanted = round_to_step((body + value) * fraction - body, step)
            else:
                wanted = step_down
            wanted = step_down if wanted >= value else wanted
            can_assist = self.exercise.equipment in ("machine", "cable", "band")
            if wanted < 0 <= value and not can_assist:
                return None
            return to_kg(wanted, self.unit)
        floor = from_kg(self.bar_kg, self.unit) if self.exercise.equipment == "barbell" and self.bar_kg else step
        wanted = round_to_step(value * fraction, step) if fraction is not None else step_down
        wanted = max(step_down if wanted >= value else wanted, floor)
        return to_kg(wanted, self.unit) if wanted < value - 1e-9 else None

    def show(self, kg: float | None, unit: str | None = None) -> str:
        """A load in today's unit, or in `unit` (a set typed in another unit, as typed)."""
        unit = unit if unit in ("kg", "lb") else self.unit
        if kg is None:
            return "?"
        if self.exercise.bodyweight:
            if abs(kg) < 1e-9:
                return "bw"
            if kg < 0 and self.exercise.assisted:
                return f"assist {format_number(round_to_step(abs(from_kg(kg, unit)), 0.01))} {unit}"
            return f"{'+' if kg > 0 else '-'}{format_number(round_to_step(abs(from_kg(kg, unit)), 0.01))} {unit}"
        return f"{format_number(from_kg(kg, unit))} {unit}"

    def diff(self, new_kg: float, old_kg: float) -> str:
        delta = from_kg(new_kg, self.unit) - from_kg(old_kg, self.unit)
        return f"{'+' if delta >= 0 else '-'}{format_number(abs(round(delta, 6)))} {self.unit}"


@dataclass(frozen=True)
class _Plan:
    sets: list[SetDraft]
    reason: str
    action: str
    swap_to: str | None = None


def _main(sets: Sequence[LoggedSet]) -> list[LoggedSet]:
    return [s for s in sets if s.kind in MAIN_KINDS]


def _rpe(s: LoggedSet) -> float | None:
    return 10.0 if s.kind == "failure" else s.rpe


def _blocked(s: LoggedSet) -> bool:
    rpe = _rpe(s)
    return s.form_broke or (rpe is not None and rpe >= 10)


def _why_blocked(sets: Sequence[LoggedSet]) -> str:
    """Why the load stays, naming the set by its number in the workout (the table's)."""
    for s in sets:
        if s.form_broke:
            return f"form broke on set {s.set_number}"
    for s in sets:
        if _blocked(s):
            return f"set {s.set_number} was RPE 10"
    return ""


def _draft(ctx: _Context, like: LoggedSet | SetDraft | None, *, load: float | None = None,
           reps: int | None = None, seconds: int | None = None) -> SetDraft:
    straps = bool(like.straps) if like is not None else False
    if seconds is not None:
        return SetDraft(seconds=seconds, unit=ctx.unit, straps=straps)
    return SetDraft(weight_kg=load, reps=reps, unit=ctx.unit, straps=straps)


def _per_set(last: Sequence[LoggedSet], count: int) -> list[LoggedSet]:
    """Last time's sets stretched to `count` (missing sets copy the last one)."""
    return [last[min(i, len(last) - 1)] for i in range(max(count, len(last)))]


def _takes_load(exercise: Exercise) -> bool:
    """Bodyweight moves where holding a plate or a belt is the next step."""
    return (exercise.pattern == "vertical_pull" and exercise.mechanic == "compound") or exercise.pattern == "extension"


def _first_time(ctx: _Context) -> _Plan:
    e, t = ctx.exercise, ctx.target
    if e.timed:
        return _Plan([_draft(ctx, None, seconds=t.seconds)] * t.sets_to_log, f"first time: hold {t.seconds} s", "start")
    if e.bodyweight and "assist" in e.slug:
        reason = "first time: pick the least assistance that keeps every rep clean"
        return _Plan([_draft(ctx, None, load=None, reps=ctx.lo)] * t.sets_to_log, reason, "start")
    if e.bodyweight:
        return _Plan([_draft(ctx, None, load=0.0, reps=ctx.lo)] * t.sets_to_log,
                     f"first time: aim for {ctx.lo} clean reps", "start")
    return _Plan([_draft(ctx, None, load=None, reps=ctx.lo)] * t.sets_to_log,
                 "first time: pick a weight you can move with clean form", "start")


def _typical(held: Sequence[int]) -> int:
    """A session's typical hold: the middle one (the lower middle of an even count),
    so one long or one cut-short attempt does not steer the next session."""
    ordered = sorted(held)
    return ordered[(len(ordered) - 1) // 2]


def _hold_plan(ctx: _Context, last: list[LoggedSet]) -> _Plan:
    """The goal is the target's seconds.

    A stretch does not progress: it holds the goal, or what the lifter held last
    time when that was longer (a 90 s child's pose stays 90 s). An isometric hold
    progresses from last session's typical hold: when that reached the goal, it plus
    the hold step; otherwise the goal again. Only a form break (`!`) goes below the
    goal; RPE 10 stays put."""
    goal = ctx.target.seconds or max(s.seconds or 0 for s in last)
    held = [s.seconds or 0 for s in last]
    count = max(ctx.target.sets_to_log, len(last))
    shown = ", ".join(str(h) for h in held)
    if ctx.exercise.pattern == "stretch":
        longest = max(held)
        if longest > goal:
            return _Plan([_draft(ctx, last[0], seconds=longest)] * count,
                         f"stretch: hold {longest} s, as last time (target {goal} s)", "repeat")
        return _Plan([_draft(ctx, last[0], seconds=goal)] * count, f"stretch: hold {goal} s", "repeat")
    if any(s.form_broke for s in last):
        stay = min(held)
        return _Plan([_draft(ctx, last[0], seconds=stay)] * count,
                     f"stay at {stay} s: {_why_blocked(last)}", "stay")
    typical = _typical(held)
    if any(_blocked(s) for s in last):
        stay = max(goal, typical)
        return _Plan([_draft(ctx, last[0], seconds=stay)] * count,
                     f"stay at {stay} s: {_why_blocked(last)}", "stay")
    if typical >= goal:
        nxt = typical + ctx.hold_step
        every = "on every set" if min(held) == typical else "typically"
        return _Plan([_draft(ctx, last[0], seconds=nxt)] * count,
                     f"+{ctx.hold_step} s: held {typical} s {every}", "longer")
    return _Plan([_draft(ctx, last[0], seconds=goal)] * count,
                 f"hold {goal} s on every set (last time {shown} s)", "repeat")


def _top_load(sets: Sequence[LoggedSet]) -> float:
    return max(s.weight_kg or 0.0 for s in sets)


def _reps_at_top(sets: Sequence[LoggedSet]) -> int:
    top = _top_load(sets)
    return sum(s.reps or 0 for s in sets if abs((s.weight_kg or 0.0) - top) < 0.01)


def _stalled(history: Sequence[list[LoggedSet]]) -> bool:
    if len(history) < STALL_SESSIONS:
        return False
    recent = history[:STALL_SESSIONS]
    if any(abs(_top_load(h) - _top_load(recent[0])) > 0.01 for h in recent):
        return False
    oldest = _reps_at_top(recent[-1])
    return all(_reps_at_top(h) <= oldest for h in recent[:-1])


def is_stalled(sessions: Sequence[Sequence[LoggedSet]]) -> bool:
    """Whether an exercise's last sessions (newest first) stalled: STALL_SESSIONS at
    the same load without beating the first of them (as the coach's deload rule)."""
    history = [m for m in (_main(s) for s in sessions) if m]
    return bool(history) and history[0][0].seconds is None and _stalled(history)


def _swap(ctx: _Context) -> Exercise | None:
    return next((v for v in ctx.variants if v.slug != ctx.exercise.slug), None)


def _lighter_plan(ctx: _Context, last: list[LoggedSet], why: str, action: str) -> _Plan:
    """About 10% lighter on every set, same reps; or a swap / stay when it cannot be."""
    rows = _per_set(last, ctx.target.sets_to_log)
    loads = [ctx.lighter(ctx.same(s) or 0.0) for s in rows]
    swap = _swap(ctx) if action == "deload" else None
    or_swap = f" or swap to {swap.name}" if swap else ""
    if all(load is not None for load in loads):
        sets = [_draft(ctx, s, load=load, reps=s.reps) for s, load in zip(rows, loads)]
        return _Plan(sets, f"{why}: 10% lighter, {ctx.show(loads[0])}{or_swap}", action, swap.slug if swap else None)
    sets = [_draft(ctx, s, load=ctx.same(s), reps=max(ctx.lo or 1, min(s.reps or 1, ctx.hi or 99))) for s in rows]
    if swap:
        return _Plan(sets, f"{why}: swap to {swap.name}, or stay at {ctx.show(ctx.same(rows[0]))}", action, swap.slug)
    return _Plan(sets, f"{why}: stay at {ctx.show(ctx.same(rows[0]))}, every rep clean", "stay")


def _at_top_plan(ctx: _Context, last: list[LoggedSet]) -> _Plan:
    rows = _per_set(last, ctx.target.sets_to_log)
    rpes = [r for r in (_rpe(s) for s in last) if r is not None]
    hit = f"all sets hit {ctx.hi}" + (f" @{format_number(max(rpes), 1)}" if rpes else "")
    e = ctx.exercise
    plain = e.bodyweight and abs(_top_load(last)) < 1e-9
    if plain and e.equipment == "band":
        sets = [_draft(ctx, s, load=0.0, reps=ctx.lo) for s in rows]
        return _Plan(sets, f"thinner band, {ctx.lo} reps: {hit}", "heavier")
    if plain and not _takes_load(e):
        sets = [_draft(ctx, s, load=0.0, reps=ctx.hi) for s in rows]
        return _Plan(sets, f"{hit}: stay at {ctx.hi}, slow the lowering", "stay")
    loads = [ctx.heavier(ctx.same(s) or 0.0) for s in rows]
    sets = [_draft(ctx, s, load=load, reps=ctx.lo) for s, load in zip(rows, loads)]
    old = ctx.same(rows[0]) or 0.0
    if e.bodyweight and old < 0:
        less = format_number(round(from_kg(loads[0] - old, ctx.unit), 6))
        return _Plan(sets, f"{less} {ctx.unit} less assistance: {hit}", "heavier")
    return _Plan(sets, f"{ctx.diff(loads[0], old)}: {hit}", "heavier")


def _reps_plan(ctx: _Context, last: list[LoggedSet], blocked: str = "") -> _Plan:
    """+1 rep where last time's sets at the working weight fell short of the top."""
    rows = _per_set(last, ctx.target.sets_to_log)
    hi = ctx.hi or max(s.reps or 1 for s in last)
    sets = []
    for s in rows:
        reps = s.reps or 1
        if not _blocked(s) and reps < hi:
            reps += 1
        sets.append(_draft(ctx, s, load=ctx.same(s), reps=min(reps, max(hi, s.reps or 1))))
    done = "/".join(str(s.reps) for s in last)
    at = ctx.show(ctx.same(rows[0]))
    tail = f"; {blocked}: repeat it" if blocked else ""
    return _Plan(sets, f"+1 rep at {at}: last {done}, top {hi}{tail}", "more_reps")


def _session_plan(ctx: _Context, history: list[list[LoggedSet]]) -> _Plan:
    if not history:
        return _first_time(ctx)
    last = history[0]
    if ctx.exercise.timed:
        return _hold_plan(ctx, last)
    # The working weight is last session's heaviest (least assisted): a lighter first
    # set of a pyramid (55x12, 60x10, 60x10) is a ramp, not where to start again.
    work = _at_working_weight(last)
    hi = ctx.hi or max(s.reps or 1 for s in work)
    all_top = all((s.reps or 0) >= hi for s in work)
    blocked_last = any(_blocked(s) for s in last)
    blocked_before = len(history) > 1 and any(_blocked(s) for s in history[1])
    if all_top and not blocked_last:
        return _at_top_plan(ctx, work)
    # Three sessions without progress is a stall whatever the RPE: staying at RPE 10
    # for ever is not a plan, a deload or a variant is.
    if _stalled(history):
        return _lighter_plan(ctx, work, f"stalled {STALL_SESSIONS} sessions at {ctx.show(_top_load(last))}", "deload")
    if blocked_last and blocked_before:
        if any(s.form_broke for s in last):
            return _lighter_plan(ctx, work, "form broke 2 sessions running", "lighter")
        sets, at = _again(ctx, work)
        return _Plan(sets, f"RPE 10 two sessions running: stay at {at}", "stay")
    if all_top:
        sets, at = _again(ctx, work)
        return _Plan(sets, f"stay at {at}: {_why_blocked(last)}", "stay")
    return _reps_plan(ctx, work, _why_blocked(last))


def _at_working_weight(sets: Sequence[LoggedSet]) -> list[LoggedSet]:
    """The sets done at the session's working weight (its heaviest load)."""
    top = _top_load(sets)
    return [s for s in sets if abs((s.weight_kg or 0.0) - top) < 0.01]


def _again(ctx: _Context, last: list[LoggedSet]) -> tuple[list[SetDraft], str]:
    """Last time's sets once more, and their load in words."""
    rows = _per_set(last, ctx.target.sets_to_log)
    return [_draft(ctx, s, load=ctx.same(s), reps=s.reps) for s in rows], ctx.show(ctx.same(rows[0]))


def _amount(s: LoggedSet | SetDraft) -> int:
    return (s.seconds if s.seconds is not None else s.reps) or 0


def _with_amount(d: SetDraft, amount: int) -> SetDraft:
    return replace(d, seconds=amount) if d.seconds is not None else replace(d, reps=amount)


def _follow_today(ctx: _Context, plan: _Plan, done: list[LoggedSet], last: list[LoggedSet],
                  next_number: int) -> Suggestion:
    """Set n+1 after today's n sets: the plan, unless today says slow down. Sets are
    named by their number in the workout's table (`p`, `next_number`), warm-ups counted."""
    n = len(done)
    prev = done[-1]
    p = prev.set_number
    planned_prev = plan.sets[n - 1] if n - 1 < len(plan.sets) else None  # None: past the plan
    planned = plan.sets[n] if n < len(plan.sets) else None
    timed = prev.seconds is not None
    # Today's load as loadable in today's unit (a set typed in kg, seen in lb, lands on the lb grid).
    prev_load = ctx.same(prev)
    same_load = planned_prev is not None and (timed or (
        prev_load is not None and planned_prev.weight_kg is not None
        and abs(prev_load - planned_prev.weight_kg) < 0.01))
    base = SetDraft(weight_kg=prev_load, reps=prev.reps, seconds=prev.seconds, unit=ctx.unit, straps=prev.straps)

    def say(draft: SetDraft, reason: str, action: str) -> Suggestion:
        return Suggestion(draft, reason, action, plan.swap_to, _range(ctx), next_number)

    if prev.form_broke:
        if timed:
            shorter = max(1, _amount(prev) - ctx.hold_step)
            return say(_with_amount(base, shorter), f"form broke on set {p}: {shorter} s, keep it clean", "ease")
        lighter = ctx.lighter(prev.weight_kg or 0.0, fraction=None)
        if lighter is not None:
            return say(replace(base, weight_kg=lighter), f"form broke on set {p}: {ctx.show(lighter)}, keep it clean", "ease")
        fewer = max(1, _amount(prev) - 1)
        return say(_with_amount(base, fewer), f"form broke on set {p}: {fewer} reps, stop before it breaks", "ease")
    if _blocked(prev):
        amount = min(_amount(prev), _amount(planned)) if planned else _amount(prev)
        return say(_with_amount(base, amount), f"set {p} was RPE 10: no more than {amount} this set", "stay")
    if not timed and ctx.lo and (prev.reps or 0) < ctx.lo and prev.weight_kg is not None:
        # Under the rep range: the load is too heavy today. Back to last time's, or a step down.
        earlier = last[min(n, len(last) - 1)] if last else None
        if earlier is not None and prev.weight_kg > (ctx.same(earlier) or 0) + 0.01:
            draft = _draft(ctx, earlier, load=ctx.same(earlier), reps=earlier.reps)
            return say(draft, f"{ctx.show(prev.weight_kg, prev.unit)} too heavy today ({prev.reps} reps): back to "
                              f"{ctx.show(draft.weight_kg)}", "ease")
        lighter = None if same_load else ctx.lighter(prev.weight_kg, fraction=None)
        if lighter is not None:
            return say(replace(base, weight_kg=lighter, reps=ctx.lo),
                       f"{prev.reps} reps is under {ctx.lo}: try {ctx.show(lighter)}", "ease")
    if same_load and planned_prev is not None and _amount(prev) < _amount(planned_prev):
        got, wanted = _amount(prev), _amount(planned_prev)
        if timed:  # a short hold goes back to the target's seconds, not below (only `!` does)
            again = max(got, min(wanted, ctx.target.seconds or wanted))
            return say(_with_amount(base, again), f"set {p} fell short ({got} s of {wanted}): hold {again} s",
                       "ease" if again < wanted else "repeat")
        return say(_with_amount(base, got), f"set {p} fell short ({got} of {wanted}): aim for {got} again", "ease")
    if planned is None:
        return say(base, f"extra set: same as set {p}", "repeat")
    if not same_load or plan.action == "start":
        # A first time has no plan to follow: today's sets are the best guide.
        return say(base, f"same as set {p}", "repeat")
    return say(planned, plan.reason, plan.action)


def _range(ctx: _Context) -> tuple[int, int] | None:
    return (ctx.lo, ctx.hi) if ctx.lo is not None and ctx.hi is not None else None


def suggest_next(
    exercise: Exercise,
    target: Target,
    sessions: Sequence[Sequence[LoggedSet]],
    today: Sequence[LoggedSet] = (),
    unit: str = "kg",
    *,
    increments: Mapping[str, float] | None = None,
    bodyweight_kg: float | None = None,
    variants: Sequence[Exercise] = (),
    bar_kg: float | None = None,
    hold_step: int = HOLD_STEP,
) -> Suggestion:
    """The next set of `exercise` and why.

    sessions: earlier sessions' sets of this exercise, newest first (any kinds;
      warm-ups and drop sets are ignored). today: this workout's sets of it so far.
    unit: the lifter's unit; weights are loadable in it.
    increments: equipment -> weight step in `unit` (Settings.increments(unit));
      missing kits use the defaults (barbell 2.5 kg / 5 lb, ...).
    bodyweight_kg: makes 10% lighter on bodyweight moves mean 10% of body + load.
    variants: other exercises of the same group, best candidate first, offered
      as a swap on a stall. bar_kg: the lightest a barbell deload may go.
    """
    ctx = _Context(exercise, target, unit, increments or {}, bodyweight_kg, variants, bar_kg, hold_step)
    history = [m for m in (_main(s) for s in sessions) if m]
    plan = _session_plan(ctx, history)
    done = _main(today)
    next_number = max((s.set_number for s in today), default=0) + 1
    finisher = [s for s in today if s.kind != "warmup"]
    if finisher and finisher[-1].kind == "drop":
        # A drop set finishes the exercise (after a set to failure, most of all):
        # another set to failure would only dig the hole deeper.
        failed = [s.set_number for s in finisher if s.kind == "failure"]
        why = (f"failure on set {failed[-1]}, then a drop set" if failed
               else f"set {finisher[-1].set_number} was a drop set")
        return Suggestion(None, f"{why}: done here today, move on", "done", plan.swap_to,
                          _range(ctx), next_number)
    if done:
        return _follow_today(ctx, plan, done, history[0] if history else [], next_number)
    first = plan.sets[0] if plan.sets else None
    if first is not None and first.seconds is None and first.weight_kg is None:
        first = None  # no history and no sensible default load: the lifter picks
    return Suggestion(first, plan.reason, plan.action, plan.swap_to, _range(ctx), next_number)
