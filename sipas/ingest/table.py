"""The data block under the header, as columns, and the list of problems found in it.

Row numbers are Excel's (1-based, counting title and header rows); column letters too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sipas.core.textnorm import match_key
from sipas.ingest.header import Header, row_key
from sipas.ingest.values import blank_cells, cell_text, is_blank
from sipas.ingest.vocabulary import load_vocabulary

ROW, COLUMN, HEADER, VALUE, REASON, SEVERITY = (
    "row",
    "column",
    "header",
    "value",
    "reason",
    "severity",
)
ERROR, WARNING = "error", "warning"
ISSUE_COLUMNS = [ROW, COLUMN, HEADER, VALUE, REASON, SEVERITY]
MAX_ISSUES = 200_000


def column_letter(index: int) -> str:
    """Excel's name of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class DataBlock:
    """Columns of the rows under the header that hold anything, with their Excel row numbers."""

    columns: list[np.ndarray]
    rows: np.ndarray  # Excel row number of each data row
    blank_rows: int

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, index: int) -> np.ndarray:
        return self.columns[index]

    def take(self, keep: np.ndarray) -> DataBlock:
        return DataBlock([c[keep] for c in self.columns], self.rows[keep], self.blank_rows)


def data_block(cells: list[list[Any]], header: Header, key_column: int | None = None) -> DataBlock:
    """The rows after the header; rows with no filled cell are dropped (and counted).

    `key_column` (the unit column) is where a row that holds only spaces shows: such rows
    get the exact check, the others the fast one.
    """
    width = len(header.labels)
    body = cells[header.last + 1 :]
    if any(len(row) != width for row in body):
        body = [(row + [""] * width)[:width] for row in body]
    columns = _columns(body, width)
    if not columns:
        return DataBlock([np.array([], dtype=object)] * width, np.array([], dtype=int), 0)
    # any() is false for "", None, 0 and False: those rows get the exact check.
    filled = np.fromiter((any(row) for row in body), dtype=bool, count=len(body))
    doubtful = ~filled
    if key_column is not None:
        doubtful |= blank_cells(columns[key_column]) | _spaces(columns[key_column])
    for row in np.flatnonzero(doubtful):
        filled[row] = any(not is_blank(value) for value in body[row])
    rows = np.arange(header.last + 2, header.last + 2 + len(body))
    return DataBlock([c[filled] for c in columns], rows[filled], int((~filled).sum()))


def _spaces(column: np.ndarray) -> np.ndarray:
    return np.array([type(v) is str and v.isspace() for v in column], dtype=bool)


def _columns(body: list[list[Any]], width: int) -> list[np.ndarray]:
    """Column arrays of a rectangular block; one 2-D object array is 2× faster than zip."""
    if not body or not width:
        return []
    grid = np.array(body, dtype=object)
    if grid.shape != (len(body), width):  # cells holding lists cannot happen; be safe anyway
        grid = np.empty((len(body), width), dtype=object)
        grid[:] = body
    return [grid[:, j].copy() for j in range(width)]


def drop_totals(block: DataBlock, column: int) -> tuple[DataBlock, int]:
    """The block without rows whose unit cell says "Tổng cộng", "Bình quân" … (totals and
    averages are results, not units), and how many there were."""
    totals = load_vocabulary().totals
    codes, uniques = pd.factorize(
        pd.Series(block.column(column), dtype=object), use_na_sentinel=False
    )
    is_total = np.array([match_key(cell_text(u)) in totals for u in uniques], dtype=bool)
    mask = is_total[codes] if len(uniques) else np.zeros(len(block), dtype=bool)
    return block.take(~mask), int(mask.sum())


def drop_header_repeats(
    block: DataBlock, header: Header, column: int
) -> tuple[DataBlock, list[int]]:
    """The block without rows that repeat a header row (printed on each page), and their
    Excel row numbers. Only rows whose cell in `column` (the unit column) reads like the
    header's are compared whole."""
    if not header.repeats:
        return block, []
    wanted = {r[column] for r in header.repeats if column < len(r) and r[column]}
    codes, uniques = pd.factorize(
        pd.Series(block.column(column), dtype=object), use_na_sentinel=False
    )
    maybe = np.array([match_key(cell_text(u)) in wanted for u in uniques], dtype=bool)
    repeat = np.zeros(len(block), dtype=bool)
    repeats = set(header.repeats)
    for index in np.flatnonzero(maybe[codes] if len(uniques) else repeat):
        repeat[index] = row_key([c[index] for c in block.columns]) in repeats
    return block.take(~repeat), block.rows[repeat].tolist()


@dataclass
class Issues:
    """Problems per cell: Excel row, column letter, header, value, Vietnamese reason, severity."""

    block: DataBlock
    header: Header
    parts: list[pd.DataFrame] = field(default_factory=list)
    count: int = 0
    errors: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def __post_init__(self) -> None:
        self.errors = np.zeros(len(self.block), dtype=bool)

    def add(
        self, mask: np.ndarray, column: int | None, reasons: str | np.ndarray, severity: str = ERROR
    ) -> None:
        """Record a problem at every data row where `mask` is true (`column` None: the row)."""
        where = np.flatnonzero(mask)
        if severity == ERROR:
            self.errors[where] = True
        if not len(where) or self.count >= MAX_ISSUES:
            return
        where = where[: MAX_ISSUES - self.count]
        self.count += len(where)
        values = self.block.column(column)[where] if column is not None else [""] * len(where)
        reason = reasons[where] if isinstance(reasons, np.ndarray) else reasons
        self.parts.append(
            pd.DataFrame(
                {
                    ROW: self.block.rows[where],
                    COLUMN: column_letter(column) if column is not None else "",
                    HEADER: self.header.label(column) if column is not None else "",
                    VALUE: [cell_text(v) for v in values],
                    REASON: reason,
                    SEVERITY: severity,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """Every recorded problem, by row then column."""
        if not self.parts:
            return pd.DataFrame(columns=ISSUE_COLUMNS)
        frame = pd.concat(self.parts, ignore_index=True)
        return frame.sort_values([ROW, COLUMN], kind="stable").reset_index(drop=True)

    def rejected(self) -> np.ndarray:
        """Data rows with at least one error (warnings do not reject a row); exact even when
        the list of problems was cut at MAX_ISSUES."""
        return self.errors.copy()
