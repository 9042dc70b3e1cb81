"""A compositor that renders only the screen rows a frame changes.

Textual 8.2's compositor, for a frame that changes a few rows, renders every widget
whose container overlaps the box around all of them, each over its whole height,
then keeps the changed rows. On the tracker, Enter changes three rows far apart (the
new set's row, the entry line, the status), so every widget on the screen was
rendered to send them: about half the time between Enter and "saved". Here a widget
is rendered only when it covers a changed row, and only from its first such row to
its last. What reaches the terminal is the same (tests/test_enter_path.py compares).

Textual is pinned (pyproject.toml): this follows Compositor._render_chops of 8.2.8.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class RowsCompositor(Compositor):
    def _render_chops(self, crop: Region, is_rendered_line: Callable[[int], bool]) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        rows = [y for y in range(crop.y, crop.bottom) if is_rendered_line(y)]
        intersection = Region.intersection
        # Front to back, as Textual's: the first strip for a cut wins.
        for widget, (region, clip) in self.visible_widgets.items():
            # Whole rows, never cut at the crop's sides: a strip that starts left of
            # the crop may still cover part of it.
            visible = intersection(region, clip)
            if not visible or not crop.overlaps(visible):
                continue
            wanted = [y for y in rows if visible.y <= y < visible.bottom]
            if not wanted:
                continue
            first, last = wanted[0], wanted[-1] + 1
            strips = widget.render_lines(Region(visible.x - region.x, first - region.y, visible.width, last - first))
            render_x = visible.x
            first_cut, last_cut = visible.column_span
            for y, strip in zip(range(first, last), strips):
                if not is_rendered_line(y):
                    continue
                line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                for cut, part in zip(final_cuts, strip.divide([cut - render_x for cut in final_cuts[1:]])):
                    if line.get(cut) is None:
                        line[cut] = part
        return chops  # type: ignore[return-value]  # every changed row's cuts are filled
