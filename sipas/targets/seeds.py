"""The targets of data/targets.yaml: national defaults and examples on the demo data.

Each seed has a stable key (set key, kind, measure, unit, field), so seeding the registry is
idempotent and a target staff edited or retired is never added again or overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.core import schema as s
from sipas.core.config import DATA_DIR
from sipas.storage.targets import TargetSpec
from sipas.targets.rules import RANK_GAIN, RANK_TOP, THRESHOLD, ThresholdTarget

TARGETS_FILE = DATA_DIR / "targets.yaml"
_SCOPE_KEYS = ("unit", "field", "level", "parent", "measure")


@dataclass(frozen=True)
class Seed:
    key: str
    spec: TargetSpec
    example: bool


@cache
def load_seeds(path: Path = TARGETS_FILE) -> tuple[Seed, ...]:
    """Every target of the file, in file order."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(seed for entry in raw["sets"] for seed in _set_seeds(entry))


def _set_seeds(entry: dict[str, Any]) -> list[Seed]:
    shared = {key: entry[key] for key in _SCOPE_KEYS if key in entry}
    seeds = [
        _seed(entry, {**shared, **target}, THRESHOLD) for target in entry.get("thresholds", [])
    ]
    for target in entry.get("ranks", []):
        kind = RANK_TOP if "top" in target else RANK_GAIN
        seeds.append(_seed(entry, {**shared, **target}, kind))
    return seeds


def _seed(entry: dict[str, Any], target: dict[str, Any], kind: str) -> Seed:
    first, last = (int(year) for year in entry["years"])
    measure = str(target.get("measure", s.SIPAS))
    is_threshold = kind == THRESHOLD
    spec = TargetSpec(
        kind=kind,
        measure=measure,
        source=str(entry["source"]),
        first_year=first,
        last_year=last,
        value=float(target["value"]) if is_threshold else None,
        comparison=str(target["comparison"]) if is_threshold else None,
        rank_n=None if is_threshold else int(target.get("top") or target["gain"]),
        unit_code=target.get("unit"),
        field_code=target.get("field"),
        level=target.get("level"),
        parent_code=target.get("parent"),
        note=str(entry.get("note", "")),
    )
    parts = [entry["key"], kind, measure, spec.unit_code or "*", spec.field_code or "*"]
    return Seed(":".join(parts), spec, bool(entry.get("examples", False)))


def default_thresholds() -> tuple[ThresholdTarget, ...]:
    """The national thresholds of the file (not the examples) as targets."""
    return tuple(
        ThresholdTarget(
            float(seed.spec.value or 0),
            seed.spec.source,
            seed.spec.first_year,
            seed.spec.last_year,
            seed.spec.measure,
            seed.spec.unit_code,
            seed.spec.field_code,
            seed.spec.level,
            comparison=seed.spec.comparison or "gte",
            parent=seed.spec.parent_code,
        )
        for seed in load_seeds()
        if seed.spec.kind == THRESHOLD and not seed.example
    )
