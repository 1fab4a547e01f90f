"""Finding the header under title rows, with up to two more header rows below it (merged group
headers, sub-headers such as "Năm 2024", or a row numbering the columns "(1) (2) (3)").

Headers are read as people merge them: a title merged across the table is no header; cells
merged down over two rows make one header block (the group header above, sub-headers below);
a row whose numbers are not a numbering (answers, results, dates) is data, never the header.
When two different rows could equally be the header, the import stops and asks which.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.textnorm import match_key
from sipas.ingest.columns import Targets, guess_target
from sipas.ingest.errors import IngestError
from sipas.ingest.vocabulary import load_vocabulary

SCAN_ROWS = 30
MAX_EXTRA_ROWS = 2
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3})\)?$")
_NUMBER = re.compile(r"^\(?([+\-\u2212]?)(\d+)(?:[.,](\d+))?\)?\s*%?$")
Range = tuple[tuple[int, int], tuple[int, int]]
Above = Mapping[tuple[int, int], int]  # (row, column) covered by a cell merged down from row …


@dataclass(frozen=True)
class Header:
    """Header rows `first`–`last` (0-based grid rows); data starts on row last + 1.
    `labels` has, per grid column, the texts of its header cells from the top down;
    `repeats` the normalised cells of each header row as read, to know it again further
    down (a header printed on each page)."""

    first: int
    last: int
    labels: tuple[tuple[str, ...], ...]
    repeats: tuple[tuple[str, ...], ...] = ()

    @property
    def excel_row(self) -> int:
        """The header row as Excel numbers it (1-based)."""
        return self.first + 1

    def label(self, column: int) -> str:
        return " ".join(dict.fromkeys(p for p in self.labels[column] if p))


def text(value: Any) -> str:
    """A cell as header text ("" when empty); whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_header(
    cells: list[list[Any]],
    targets: Targets,
    row: int | None = None,
    merged: Sequence[Range] = (),
) -> Header:
    """The header block: at `row` (0-based) when given, else the block among the first 30
    rows that names the unit column and the most known columns. `merged` are the sheet's
    merged ranges (0-based, inclusive). Raises IngestError when no row names a unit column,
    and when two different rows name it equally well (staff must say which is the header)."""
    width = max((len(r) for r in cells), default=0)
    above = _merged_down(merged, SCAN_ROWS + MAX_EXTRA_ROWS + 1)
    if row is None:
        row = _best_row(cells, targets, above)
    if row >= len(cells):
        raise IngestError(t("import.header.beyond_end", row=row + 1, rows=len(cells)))
    extra = _extra_rows(cells, row, targets, above)
    labels = _labels(cells, row, extra, width)
    repeats = tuple(row_key(cells[i]) for i in range(row, row + len(extra) + 1))
    return Header(row, row + len(extra), labels, repeats)


def _merged_down(merged: Sequence[Range], limit: int) -> dict[tuple[int, int], int]:
    """Every cell above row `limit` that a cell merged down from a row above covers → the
    row the merged cell starts on."""
    covered: dict[tuple[int, int], int] = {}
    for (top, left), (bottom, right) in merged:
        for row in range(top + 1, min(bottom, limit) + 1):
            for column in range(left, right + 1):
                covered[(row, column)] = top
    return covered


def _own(row: Sequence[Any], index: int, above: Above) -> list[Any]:
    """The row without the cells merged down into it from a row above (they belong there)."""
    return ["" if (index, j) in above else v for j, v in enumerate(row)]


def _best_row(cells: list[list[Any]], targets: Targets, above: Above) -> int:
    """The first row of the best header block; raises IngestError (not found, or a doubt)."""
    guessed: dict[str, str | None] = {}  # the rows under a header repeat their values

    def guess(value: str) -> str | None:
        if value not in guessed:
            guessed[value] = guess_target((value,), targets)
        return guessed[value]

    scores: dict[int, int] = {}  # first row of a block → its best row's score
    for index, row in enumerate(cells[:SCAN_ROWS]):
        if _is_title(row) or _is_data_row(row):
            continue
        found = {guess(text(v)) for v in row if text(v)} - {None}
        if s.UNIT not in found:
            continue
        top = _block_top(row, index, above)
        scores[top] = max(scores.get(top, 0), len(found) + 2)
    if not scores:
        raise IngestError(t("import.header.not_found", rows=min(SCAN_ROWS, len(cells))))
    best = max(scores.values())
    tied = [top for top, score in scores.items() if score == best]
    different = {row_key(cells[top]): top for top in reversed(tied)}
    if len(different) > 1:  # the same header repeated (on each printed page) is no doubt
        rows = ", ".join(str(top + 1) for top in sorted(different.values()))
        field = t("import.page.header_row")
        raise IngestError(t("headers.uncertain", rows=rows, first=min(tied) + 1, field=field))
    return min(tied)


def _block_top(row: Sequence[Any], index: int, above: Above) -> int:
    """The row a header block starts on: a row whose cells are merged down from the group
    header row above belongs to that row's block."""
    tops = [
        above[(index, j)]
        for j in range(len(row))
        if (index, j) in above and above[(index, j)] >= index - MAX_EXTRA_ROWS
    ]
    return min(tops, default=index)


def row_key(row: Sequence[Any]) -> tuple[str, ...]:
    """The normalised texts of a row's cells, without the empty ones at its end."""
    keys = [match_key(text(v)) for v in row]
    while keys and not keys[-1]:
        keys.pop()
    return tuple(keys)


def _is_title(row: Sequence[Any]) -> bool:
    """A row with one text at most (a title, often merged across the table) is no header."""
    return len({text(v) for v in row if text(v)}) < 2


def _is_data_row(row: Sequence[Any]) -> bool:
    """Numbers as column names are a sign of data. A row holding a date is data; so is a row
    holding numbers, unless they number three columns at least in increasing order (1, 2, 3
    …, or 1.1, 1.2, 2.1 …; a number merged across several columns counts once; years such
    as 2024 are names) and the row names its unit column exactly ("Đơn vị", not "Huyện Bác
    Ái", which is a unit)."""
    numbers: list[tuple[float, ...]] = []
    previous: Any = object()
    for value in row:
        if isinstance(value, dt.date | dt.time):
            return True
        number = _number(value)
        if number is not None and value != previous and not _is_year(number):
            numbers.append(number)
        previous = value
    if not numbers:
        return False
    in_order = all(a < b for a, b in itertools.pairwise(numbers))
    return len(numbers) < 3 or not in_order or not _names_unit_exactly(row)


def _is_year(number: tuple[float, ...]) -> bool:
    return len(number) == 1 and number[0].is_integer() and 1990 <= number[0] <= 2100


def _number(value: Any) -> tuple[float, ...] | None:
    """A number as a sort key: 5 → (5,), "(3)" → (3,), "1.2" or "1,2" → (1, 2)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return (float(value),)
    found = _NUMBER.match(text(value))
    if not found:
        return None
    sign = -1.0 if found.group(1) in ("-", "\u2212") else 1.0
    whole = (sign * float(found.group(2)),)
    return (*whole, float(found.group(3))) if found.group(3) else whole


def _names_unit_exactly(row: Sequence[Any]) -> bool:
    aliases = load_vocabulary().column_aliases
    return any(aliases.get(match_key(text(v))) == s.UNIT for v in row if text(v))


def _extra_rows(
    cells: list[list[Any]], row: int, targets: Targets, above: Above
) -> list[list[Any]]:
    """Rows right under the header that are more header, without the cells merged down into
    them: the rows a header cell is merged down over, then rows empty where the header names
    the unit and holding only words that are not answers, or a column numbering."""
    unit_columns = [
        j for j, v in enumerate(cells[row]) if guess_target((text(v),), targets) == s.UNIT
    ]
    extra: list[list[Any]] = []
    block = {row}
    for index in range(row + 1, min(row + 1 + MAX_EXTRA_ROWS, len(cells))):
        below = _own(cells[index], index, above)
        if any(above.get((index, j)) in block for j in range(len(below))):
            extra.append(below)  # a header cell is merged down over this row
            block.add(index)
            continue
        filled = [v for v in below if text(v)]
        if not filled:
            break
        if not _is_numbering(below):
            if any(j < len(below) and text(below[j]) for j in unit_columns):
                break
            if not all(_is_header_word(v) for v in filled):
                break
        extra.append(below)
        block.add(index)
    return extra


def _is_header_word(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    from sipas.ingest.values import answer_code  # local: values imports nothing from here

    return answer_code(value) is None


def _is_numbering(row: Sequence[Any]) -> bool:
    """A row that numbers columns 1, 2, 3 … (written "1" or "(1)"), at least three of them."""
    numbers = []
    for value in row:
        match = _COLUMN_NUMBER.match(text(value))
        if text(value) and not match:
            return False
        if match:
            numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _labels(
    cells: list[list[Any]], row: int, extra: list[list[Any]], width: int
) -> tuple[tuple[str, ...], ...]:
    header = cells[row]
    kept = [r for r in extra if not (_is_numbering(r) and _numbers_every_column(r, header))]
    labels, group = [], ""
    for column in range(width):
        below = [_cell(r, column) for r in kept]
        own = _cell(header, column)
        # A group title merged over several columns (not filled in .ods files) heads each
        # column that has a sub-header of its own.
        group = own or (group if any(below) else "")
        labels.append(tuple(dict.fromkeys(p for p in (group, *below) if p)))
    return tuple(labels)


def _numbers_every_column(numbering: Sequence[Any], header: Sequence[Any]) -> bool:
    """A numbering that starts at the first header column numbers every column (dropped);
    one that starts further right numbers a group's columns ("1 … 22" under "Mức độ hài
    lòng" are item numbers, kept)."""
    first_named = next((j for j, v in enumerate(header) if text(v)), 0)
    first_number = next((j for j, v in enumerate(numbering) if text(v)), 0)
    return first_number <= first_named


def _cell(row: Sequence[Any], column: int) -> str:
    return text(row[column]) if column < len(row) else ""


def header_keys(header: Header) -> list[str]:
    """The normalised label of every column, as mapping profiles remember them."""
    return [match_key(header.label(c)) for c in range(len(header.labels))]
