"""Limits on what one import may read, configurable per installation (environment variables).

The sheet limits (rows, columns, cells of the rectangle from A1 to the farthest cell) are
checked against what a file declares before it is read; the read itself then runs in a child
process with at most `read_megabytes` of address space and `read_seconds` of time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MAX_MB_ENV = "SIPAS_IMPORT_MAX_MB"
MAX_ROWS_ENV = "SIPAS_IMPORT_MAX_ROWS"
MAX_COLUMNS_ENV = "SIPAS_IMPORT_MAX_COLUMNS"
MAX_CELLS_ENV = "SIPAS_IMPORT_MAX_CELLS"
MAX_UNZIPPED_MB_ENV = "SIPAS_IMPORT_MAX_UNZIPPED_MB"
READ_MB_ENV = "SIPAS_IMPORT_READ_MB"
READ_SECONDS_ENV = "SIPAS_IMPORT_READ_SECONDS"
DEFAULT_MAX_MB = 50.0
DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_COLUMNS = 1_000
DEFAULT_MAX_CELLS = 20_000_000
DEFAULT_MAX_UNZIPPED_MB = 2_048.0
DEFAULT_READ_MB = 4_096.0
DEFAULT_READ_SECONDS = 300.0
_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The largest file (megabytes), the most rows, columns and cells (rows × columns from A1)
    of a sheet, the most bytes a workbook may unpack to (megabytes), and the memory
    (megabytes of address space) and time (seconds) the read may take."""

    max_megabytes: float = DEFAULT_MAX_MB
    max_rows: int = DEFAULT_MAX_ROWS
    max_columns: int = DEFAULT_MAX_COLUMNS
    max_cells: int = DEFAULT_MAX_CELLS
    max_unzipped_megabytes: float = DEFAULT_MAX_UNZIPPED_MB
    read_megabytes: float = DEFAULT_READ_MB
    read_seconds: float = DEFAULT_READ_SECONDS

    @property
    def max_bytes(self) -> int:
        return int(self.max_megabytes * _MB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_megabytes * _MB)

    @property
    def read_bytes(self) -> int:
        return int(self.read_megabytes * _MB)


def load_limits() -> Limits:
    """Limits from the SIPAS_IMPORT_* variables; a missing, unreadable or non-positive value
    takes the default (50 MB, 200.000 rows, 1.000 columns, 20.000.000 cells, 2.048 MB
    unpacked, 4.096 MB of memory and 300 s for the read)."""
    return Limits(
        max_megabytes=_number(MAX_MB_ENV, DEFAULT_MAX_MB),
        max_rows=int(_number(MAX_ROWS_ENV, DEFAULT_MAX_ROWS)),
        max_columns=int(_number(MAX_COLUMNS_ENV, DEFAULT_MAX_COLUMNS)),
        max_cells=int(_number(MAX_CELLS_ENV, DEFAULT_MAX_CELLS)),
        max_unzipped_megabytes=_number(MAX_UNZIPPED_MB_ENV, DEFAULT_MAX_UNZIPPED_MB),
        read_megabytes=_number(READ_MB_ENV, DEFAULT_READ_MB),
        read_seconds=_number(READ_SECONDS_ENV, DEFAULT_READ_SECONDS),
    )


def _number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default
