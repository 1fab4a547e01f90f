"""Published national SIPAS averages (data/national_sipas.yaml), percent 0–100."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from sipas.core.config import DATA_DIR

NATIONAL_FILE = DATA_DIR / "national_sipas.yaml"


@dataclass(frozen=True)
class NationalFigure:
    """The national average of one year; pillars from 2022 (QĐ 1001), None before."""

    year: int
    sipas: float
    policy: float | None = None
    services: float | None = None
    respondents: int | None = None


@cache
def national_figures(path: Path = NATIONAL_FILE) -> dict[int, NationalFigure]:
    """The published national averages by year."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        int(year): NationalFigure(
            year=int(year),
            sipas=float(values["sipas"]),
            policy=values.get("policy"),
            services=values.get("services"),
            respondents=values.get("respondents"),
        )
        for year, values in raw["years"].items()
    }


def national_figure(year: int) -> NationalFigure | None:
    return national_figures().get(year)
