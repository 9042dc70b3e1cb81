"""Reading an export as CSV: text encoding, delimiter, header and rows with line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from backtui.domain.importers.model import ImportFileError

# Biggest cell we read (a note of a few pages is fine; a runaway quote is not).
MAX_FIELD = 100_000


def decode(data: bytes | str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    text = _decode(data)
    nul = text.find("\x00")
    if nul >= 0:
        raise ImportFileError(text.count("\n", 0, nul) + 1, "the file contains NUL bytes: it is not a CSV text file")
    return text


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(None, "the file says UTF-16 but is not valid UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(line, "the file is not UTF-8 text (save or export it as UTF-8 CSV)") from None


def cell(cells: list[str], index: int | None) -> str:
    """A row's cell, trimmed; '' for a column the file does not have."""
    return cells[index].strip() if index is not None else ""


def header_key(cell: str) -> str:
    """'"Weight (kg)"' and ' weight (KG) ' both -> 'weight (kg)'."""
    return " ".join(cell.strip().strip('"').lower().split())


@dataclass
class CsvTable:
    header: list[str]
    keys: list[str]
    delimiter: str
    text: str

    def index(self, *names: str) -> int | None:
        for name in names:
            if name in self.keys:
                return self.keys.index(name)
        return None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number where the row starts, cells) for every non-blank row after the header."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        previous = 0
        first = True
        try:
            for cells in reader:
                line = previous + 1
                previous = reader.line_num
                if first:
                    first = False
                    continue
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue
                yield line, cells
        except csv.Error as exc:
            raise ImportFileError(previous + 1, _csv_problem(exc)) from None


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger" in text:
        return f"a cell is longer than {MAX_FIELD:,} characters (is a quote left open?)"
    if "NUL" in text:
        return "the file contains NUL bytes: it is not a CSV text file"
    return f"cannot read this line as CSV ({text})"


def read_table(text: str) -> CsvTable:
    if csv.field_size_limit() != MAX_FIELD:
        csv.field_size_limit(MAX_FIELD)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError(1, "the file is empty or its first line is blank (expected a header)")
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        raise ImportFileError(1, "the first line is not a CSV header (no commas or semicolons)")
    try:
        header = next(csv.reader(io.StringIO(first_line.rstrip("\r"), newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(1, _csv_problem(exc)) from None
    header = [cell.strip() for cell in header]
    return CsvTable(header=header, keys=[header_key(c) for c in header], delimiter=delimiter, text=text)
