"""Limits on what one import may read, configurable per installation."""

from __future__ import annotations

import os
from dataclasses import dataclass

MAX_MB_ENV = "SIPAS_IMPORT_MAX_MB"
MAX_ROWS_ENV = "SIPAS_IMPORT_MAX_ROWS"
DEFAULT_MAX_MB = 50.0
DEFAULT_MAX_ROWS = 200_000


@dataclass(frozen=True)
class Limits:
    """The largest file (megabytes) and the most rows of a sheet that an import accepts."""

    max_megabytes: float = DEFAULT_MAX_MB
    max_rows: int = DEFAULT_MAX_ROWS

    @property
    def max_bytes(self) -> int:
        return int(self.max_megabytes * 1024 * 1024)


def load_limits() -> Limits:
    """Limits from SIPAS_IMPORT_MAX_MB and SIPAS_IMPORT_MAX_ROWS, defaults 50 MB, 200.000 rows."""
    return Limits(
        max_megabytes=_number(MAX_MB_ENV, DEFAULT_MAX_MB),
        max_rows=int(_number(MAX_ROWS_ENV, DEFAULT_MAX_ROWS)),
    )


def _number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default
