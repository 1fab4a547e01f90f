"""Finding the header under title rows, with up to two more header rows below it (merged group
headers, sub-headers such as "Năm 2024", or a row numbering the columns "(1) (2) (3)")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.core.textnorm import match_key
from sipas.ingest.columns import Targets, guess_target
from sipas.ingest.errors import IngestError

SCAN_ROWS = 30
MAX_EXTRA_ROWS = 2
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,3})\)?$")


@dataclass(frozen=True)
class Header:
    """Header rows `first`–`last` (0-based grid rows); data starts on row last + 1.
    `labels` has, per grid column, the texts of its header cells from the top down."""

    first: int
    last: int
    labels: tuple[tuple[str, ...], ...]

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


def find_header(cells: list[list[Any]], targets: Targets, row: int | None = None) -> Header:
    """The header block: at `row` (0-based) when given, else the row among the first 30 that
    names the most known columns. Raises IngestError when no row names a unit column."""
    width = max((len(r) for r in cells), default=0)
    if row is None:
        row = _best_row(cells, targets)
    if row >= len(cells):
        raise IngestError(t("import.header.beyond_end", row=row + 1, rows=len(cells)))
    extra = _extra_rows(cells, row, targets)
    labels = _labels(cells, row, extra, width)
    return Header(row, row + len(extra), labels)


def _best_row(cells: list[list[Any]], targets: Targets) -> int:
    best, best_score = -1, 0
    guessed: dict[str, str | None] = {}  # the rows under a header repeat their values

    def guess(value: str) -> str | None:
        if value not in guessed:
            guessed[value] = guess_target((value,), targets)
        return guessed[value]

    for index, row in enumerate(cells[:SCAN_ROWS]):
        found = {guess(text(v)) for v in row if text(v)} - {None}
        score = len(found) + (2 if s.UNIT in found else 0)
        if score > best_score:
            best, best_score = index, score
    if best < 0 or not _names_unit(cells[best], targets):
        raise IngestError(t("import.header.not_found", rows=min(SCAN_ROWS, len(cells))))
    return best


def _names_unit(row: Sequence[Any], targets: Targets) -> bool:
    return any(guess_target((text(v),), targets) == s.UNIT for v in row)


def _extra_rows(cells: list[list[Any]], row: int, targets: Targets) -> list[list[Any]]:
    """Rows right under the header that are more header: empty where the header names the
    unit, and holding only words that are not answers, or a column numbering."""
    unit_columns = [
        j for j, v in enumerate(cells[row]) if guess_target((text(v),), targets) == s.UNIT
    ]
    extra: list[list[Any]] = []
    for below in cells[row + 1 : row + 1 + MAX_EXTRA_ROWS]:
        filled = [v for v in below if text(v)]
        if not filled:
            break
        if not _is_numbering(below):
            if any(j < len(below) and text(below[j]) for j in unit_columns):
                break
            if not all(_is_header_word(v) for v in filled):
                break
        extra.append(below)
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
