"""What every parser is told besides the file: the unit given on the command line
and the time zone of the file's local times."""

from __future__ import annotations

from dataclasses import dataclass

from backtui.domain.importers.model import WeightUnit
from backtui.domain.importers.values import LocalTimes, header_unit


@dataclass
class ReadOptions:
    unit: str | None  # --unit; None when not given
    times: LocalTimes

    def weight_unit(self, weight_header: str | None, per_row_column: str | None = None) -> WeightUnit:
        """The unit of weights a row does not label: the header's, the option's, else kg
        assumed. A per-row unit column decides row by row (its empty cells fall back)."""
        said = header_unit(weight_header) if weight_header else None
        if per_row_column is not None:
            return WeightUnit(said or self.unit or "kg", "rows", per_row_column)
        if said is not None:
            return WeightUnit(said, "header", weight_header or "")
        if self.unit is not None:
            return WeightUnit(self.unit, "option")
        return WeightUnit("kg", "assumed")
