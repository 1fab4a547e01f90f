"""Reading one sheet of a workbook file with calamine: what runs in the guarded child.

The child sends, in order: the sheet's description (names, index, merged ranges), then its
rows from A1 in batches, or one Vietnamese error message instead. Kept light (no pandas):
the forkserver preloads this module for every child.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import python_calamine as calamine

from sipas.core.i18n import t
from sipas.ingest.errors import IngestError
from sipas.ingest.odsmerge import ods_merged_ranges

ODS = "ods"
BATCH_ROWS = 5_000
Merged = list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass(frozen=True)
class Described:
    """The first message: the sheet's place in the workbook and its merged ranges."""

    names: tuple[str, ...]
    index: int
    merged: Merged


@dataclass(frozen=True)
class Failed:
    """The only message when the sheet cannot be read: the Vietnamese reason."""

    message: str


def read_in_child(
    send: Callable[[Any], None],
    path: str,
    file_name: str,
    kind: str,
    sheet: str | None,
    max_rows: int,
) -> None:
    """Send the sheet of the file at `path` (see the module's docstring)."""
    try:
        book = calamine.CalamineWorkbook.from_path(path)
        names = tuple(book.sheet_names)
        index = sheet_index(names, sheet, file_name)
        found = book.get_sheet_by_index(index)
        if found.height > max_rows + 50:
            raise IngestError(t("import.read.too_many_rows", rows=found.height, limit=max_rows))
        merged = found.merged_cell_ranges
        if merged is None and kind == ODS:
            merged = ods_merged_ranges(_bytes(path), index)
        send(Described(names, index, list(merged or [])))
        for batch in _batches(found):
            send(batch)
    except IngestError as error:
        send(Failed(str(error)))
    except calamine.PasswordError:
        send(Failed(t("import.read.password", file=file_name)))
    except MemoryError:
        raise
    except BaseException:  # calamine raises its own errors and Rust panics
        send(Failed(t("import.read.corrupt", file=file_name)))


def _bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _batches(found: calamine.CalamineSheet) -> Iterator[list[list[Any]]]:
    """The rows from A1, as `to_python(skip_empty_area=False)` gives them, in batches:
    iter_rows gives every row from the first but its cells from the first used column, so
    the columns before it are added as empty cells."""
    left = found.start[1] if found.start else 0
    pad: list[Any] = [""] * left
    batch: list[list[Any]] = []
    pools: dict[type, dict[Any, Any]] = {kind: {} for kind in _POOLED}
    for row in found.iter_rows():
        batch.append(_pooled(pad + row if left else row, pools))
        if len(batch) >= BATCH_ROWS:
            yield batch
            batch = []
            pools = {kind: {} for kind in _POOLED}
    if batch:
        yield batch


# Texts and dates repeat down a column (units, fields, survey dates). calamine makes a new
# object per cell; made one object per value, each is pickled once per batch and referred
# to after (pickle's memo), which halves what the importing process unpickles. Numbers are
# left alone: pickle does not memoise them, and 1 == 1.0 == True would merge their types.
_POOLED = (str, dt.datetime, dt.date, dt.time, dt.timedelta)


def _pooled(row: list[Any], pools: dict[type, dict[Any, Any]]) -> list[Any]:
    for position, cell in enumerate(row):
        pool = pools.get(cell.__class__)
        if pool is not None:
            row[position] = pool.setdefault(cell, cell)
    return row


def sheet_index(names: tuple[str, ...], sheet: str | None, file_name: str) -> int:
    """The index of the named sheet (the first when none is named); raises IngestError."""
    if not names:
        raise IngestError(t("import.read.no_sheet", file=file_name))
    if sheet is None or sheet == "":
        return 0
    if sheet in names:
        return names.index(sheet)
    raise IngestError(t("import.read.unknown_sheet", sheet=sheet, known=", ".join(names)))
