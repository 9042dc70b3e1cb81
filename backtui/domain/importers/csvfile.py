"""Reading an export as CSV: text encoding, delimiter, header and rows with line numbers.

Rows are read strictly: a quote may only close a cell right before a delimiter or the
end of a line. Real exports break that rule in one known way (Strong writes a "Note"
row's text without doubling the quotes inside it): a parser can name the one free-text
column where such a row may be mended, and which rows may be (`Mend`). Any other stray
quote is damage to the file's structure and refuses the file with the line where the
broken row starts, so a row is never glued to the next one.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Callable, Iterator
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


@dataclass(frozen=True)
class Mend:
    """Where a row whose quotes are not doubled may be read back: the free-text column
    that holds the stray quotes, and the test the mended row must pass to be kept."""

    column: int
    accepts: Callable[[list[str]], bool]


class _Lines:
    """The file's physical lines for csv.reader, remembering which lines the record
    being read came from, so a broken record can be mended or named by its first line,
    and the lines after it read again."""

    def __init__(self, text: str) -> None:
        self._source = iter(io.StringIO(text, newline=""))
        self._pending: deque[tuple[int, str]] = deque()
        self.number = 0
        self.record: list[tuple[int, str]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._pending:
            self.number, text = self._pending.popleft()
        else:
            text = next(self._source)
            self.number += 1
        self.record.append((self.number, text))
        return text

    def begin(self) -> None:
        self.record = []

    def read_again(self, lines: list[tuple[int, str]]) -> None:
        self._pending.extendleft(reversed(lines))


@dataclass
class CsvTable:
    header: list[str]
    keys: list[str]
    delimiter: str
    text: str
    # Columns whose cells may hold a line break (notes); a break anywhere else means a
    # quote was left open and the reader ran into the next row.
    free_text: frozenset[int] = frozenset()
    mend: Mend | None = None

    def index(self, *names: str) -> int | None:
        for name in names:
            if name in self.keys:
                return self.keys.index(name)
        return None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number where the row starts, cells) for every non-blank row after the header."""
        lines = _Lines(self.text)
        reader = self._reader(lines)
        first = True
        while True:
            lines.begin()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                cells = self._mended(lines, exc)
                reader = self._reader(lines)  # a fresh reader: nothing left of the broken record
            start = lines.record[0][0] if lines.record else lines.number
            if first:
                first = False
                continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(lines.record) > 1:
                self._check_line_breaks(cells, start, lines.number)
            elif len(cells) != len(self.header) and self.mend is not None:
                # A stray quote right before a delimiter splits a cell without breaking the CSV.
                mended = _split_around(lines.record[0][1].rstrip("\r\n"), self.delimiter, self.mend.column,
                                       len(self.header))
                if mended is not None and self.mend.accepts(mended):
                    cells = mended
            yield start, cells

    def _reader(self, lines: _Lines) -> Iterator[list[str]]:
        return csv.reader(lines, delimiter=self.delimiter, strict=True)

    def _mended(self, lines: _Lines, exc: csv.Error) -> list[str]:
        """The broken record's first line read as a row with unescaped quotes in its
        free-text column, when the parser allows that row; else the file is refused."""
        if not lines.record:
            raise ImportFileError(lines.number + 1, _csv_problem(exc))
        start, text = lines.record[0]
        if self.mend is not None and "field larger" not in str(exc):
            cells = _split_around(text.rstrip("\r\n"), self.delimiter, self.mend.column, len(self.header))
            if cells is not None and self.mend.accepts(cells):
                lines.read_again(lines.record[1:])
                lines.record = lines.record[:1]
                return cells
        raise ImportFileError(start, _quote_problem(exc, start, lines.number))

    def _check_line_breaks(self, cells: list[str], start: int, end: int) -> None:
        for index, value in enumerate(cells):
            if ("\n" in value or "\r" in value) and index not in self.free_text:
                column = self.header[index] if index < len(self.header) else f"column {index + 1}"
                raise ImportFileError(
                    start, f"a quote opened on this line runs on to line {end}: the {column!r} cell would hold "
                           "a line break (is a closing quote missing?)")


def _split_around(text: str, delimiter: str, column: int, width: int) -> list[str] | None:
    """`text` as `width` cells where every cell but `column` is well quoted and
    `column` holds whatever lies between them (its outer quotes removed)."""
    left = _take_cells(text, delimiter, column)
    if left is None:
        return None
    before, rest = left
    # The cells after the free one, read from the end: reversed text reads the same way.
    right = _take_cells(rest[::-1], delimiter, width - column - 1)
    if right is None:
        return None
    after_reversed, middle_reversed = right
    middle = middle_reversed[::-1]
    if len(middle) >= 2 and middle[0] == '"' and middle[-1] == '"':
        middle = middle[1:-1]
    after = [value[::-1] for value in reversed(after_reversed)]
    return [*before, middle, *after]


def _take_cells(text: str, delimiter: str, count: int) -> tuple[list[str], str] | None:
    """The first `count` cells of `text` and what follows them, or None when one of
    them is not a well-formed CSV cell."""
    cells: list[str] = []
    pos = 0
    for _ in range(count):
        if text.startswith('"', pos):
            parts = []
            end = pos + 1
            while True:
                quote = text.find('"', end)
                if quote < 0:
                    return None
                if text.startswith('""', quote):
                    parts.append(text[end:quote + 1])
                    end = quote + 2
                    continue
                parts.append(text[end:quote])
                pos = quote + 1
                break
            if not text.startswith(delimiter, pos):
                return None
            cells.append("".join(parts))
            pos += len(delimiter)
        else:
            stop = text.find(delimiter, pos)
            if stop < 0 or '"' in text[pos:stop]:
                return None
            cells.append(text[pos:stop])
            pos = stop + len(delimiter)
    return cells, text[pos:]


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger" in text:
        return f"a cell is longer than {MAX_FIELD:,} characters (is a quote left open?)"
    if "NUL" in text:
        return "the file contains NUL bytes: it is not a CSV text file"
    return f"cannot read this line as CSV ({text})"


def _quote_problem(exc: csv.Error, start: int, end: int) -> str:
    text = str(exc)
    if "field larger" in text or "NUL" in text:
        return _csv_problem(exc)
    if "end of data" in text:
        return "a quote opened on this line is never closed: the file is cut or a quote is stray"
    where = "this line" if end == start else f"line {end}"
    return (f"a stray quote breaks this row (the reader stopped on {where}): the file is damaged, "
            "so nothing was imported")


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
