"""Default threshold targets (share of satisfied citizens, percent 0–100) from data/targets.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.config import DATA_DIR

TARGETS_FILE = DATA_DIR / "targets.yaml"


@dataclass(frozen=True)
class DefaultTarget:
    source: str
    first_year: int
    last_year: int
    overall: float
    fields: dict[str, float]


@cache
def load_default_targets(path: Path = TARGETS_FILE) -> tuple[DefaultTarget, ...]:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        DefaultTarget(
            source=entry["source"],
            first_year=int(entry["years"][0]),
            last_year=int(entry["years"][1]),
            overall=float(entry["overall"]),
            fields={code: float(v) for code, v in (entry.get("fields") or {}).items()},
        )
        for entry in raw["thresholds"]
    )


def default_threshold(year: int) -> DefaultTarget | None:
    """The default target entry covering `year`, or None when no plan covers it."""
    for target in load_default_targets():
        if target.first_year <= year <= target.last_year:
            return target
    return None


def threshold_value(year: int, field: str | None = None) -> float | None:
    """The target (%) for SIPAS in `year`, for one field when given; None when none applies."""
    target = default_threshold(year)
    if target is None:
        return None
    return target.fields.get(field, target.overall) if field else target.overall
