"""The demo's national tables (data/demo_national.yaml): INVENTED per-province values whose
means are the published national averages, imported as `national` waves like a real table.

Each table is written as the CSV a staff member would import ("STT, Tỉnh, thành phố, Chỉ số
(%), Xếp hạng", pillar columns from 2022) and goes through the import pipeline, so the demo
shows exactly what an imported table shows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sqlalchemy import Engine, update

from sipas.core import schema as s
from sipas.core.config import DATA_DIR
from sipas.core.i18n import t
from sipas.ingest.commit import commit_import
from sipas.ingest.national import ensure_provinces
from sipas.ingest.pipeline import ImportRequest, prepare
from sipas.reference.admin_map import LEGACY_PREFIX, NEW_PREFIX, national_map
from sipas.storage.engine import transaction
from sipas.storage.models.survey import Wave
from sipas.storage.waves import list_waves

DEMO_NATIONAL_FILE = DATA_DIR / "demo_national.yaml"
DEMO_ACTOR = "demo"
METHOD = "qd1001"
PILLAR_HEADERS = {"CS": "Trụ cột chính sách (%)", "DV": "Trụ cột dịch vụ công (%)"}


def load_profile(path: Path = DEMO_NATIONAL_FILE) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def national_tables(profile: dict[str, Any] | None = None) -> dict[str, list[list[object]]]:
    """Wave code → the rows of its invented table (header first), deterministic."""
    profile = profile or load_profile()
    rng = np.random.default_rng(int(profile["seed"]))
    return {spec["wave"]: _table(spec, profile, rng) for spec in profile["tables"]}


def _table(
    spec: dict[str, Any], profile: dict[str, Any], rng: np.random.Generator
) -> list[list[object]]:
    prefix = LEGACY_PREFIX if spec["map"] == "legacy" else NEW_PREFIX
    provinces = [u for u in national_map().units if u.code.startswith(prefix)]
    count = len(provinces)
    ordered = np.sort(rng.normal(0.0, float(profile["spread"]), count))[::-1]
    places = {str(code): int(place) for code, place in (spec.get("places") or {}).items()}
    slots = [i for i in range(count) if i + 1 not in places.values()]
    rng.shuffle(slots)
    others = iter(slots)
    position = {
        p.official_code: places[p.official_code] - 1 if p.official_code in places else next(others)
        for p in provinces
    }
    offsets = np.array([ordered[position[p.official_code]] for p in provinces])
    values = _with_mean(float(spec["mean"]) + offsets, float(spec["mean"]))
    # The pillars straddle the overall value: one above by d/2, the other below.
    spread = rng.normal(0.0, float(profile["pillar_spread"]), count) / 2
    pillars = {
        code: _with_mean(values + (-1) ** side * spread, float(mean))
        for side, (code, mean) in enumerate((spec.get("pillars") or {}).items())
    }
    hundredths = np.round(values * 100)
    ranks = [1 + int((hundredths > h).sum()) for h in hundredths]
    header: list[object] = ["STT", "Tỉnh, thành phố", "Chỉ số (%)", "Xếp hạng"]
    header += [PILLAR_HEADERS[code] for code in pillars]
    rows: list[list[object]] = [header]
    order = sorted(range(count), key=lambda i: (ranks[i], provinces[i].official_code))
    for number, i in enumerate(order, start=1):
        row: list[object] = [number, provinces[i].full_name, f"{values[i]:.2f}", ranks[i]]
        row += [f"{pillars[code][i]:.2f}" for code in pillars]
        rows.append(row)
    return rows


def _with_mean(values: np.ndarray, mean: float) -> np.ndarray:
    """The values rounded to 2 decimals, shifted so that their mean rounds to `mean`: the
    rounding rest goes, one hundredth each, to the highest values."""
    hundredths = np.round((values - values.mean() + mean) * 100).astype(int)
    rest = round(mean * 100 * len(values)) - int(hundredths.sum())
    top = np.argsort(-hundredths, kind="stable")[: abs(rest)]
    hundredths[top] += np.sign(rest)
    result: np.ndarray = hundredths / 100
    return result


def as_csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def ensure_demo_national(engine: Engine) -> list[str]:
    """Import the invented national tables when the database holds the demo and no national
    table yet; returns the wave codes imported (none when there was nothing to do)."""
    with transaction(engine) as session:
        demo = any(wave.is_demo for wave in list_waves(session))
        if not demo or list_waves(session, national=True):
            return []
    ensure_provinces(engine, DEMO_ACTOR)
    codes = []
    for wave, rows in national_tables().items():
        request = ImportRequest(
            as_csv(rows),
            f"sipas_toan_quoc_{wave[:4]}_minh_hoa.csv",
            wave,
            kind=s.AGGREGATE_KIND,
            method_code=METHOD,
            survey_type=s.NATIONAL,
        )
        with transaction(engine) as session:
            prepared = prepare(session, request)
        commit_import(engine, prepared, DEMO_ACTOR)
        codes.append(wave)
    name = t("terms.demo_label")
    with transaction(engine) as session:
        session.execute(
            update(Wave)
            .where(Wave.code.in_(codes), Wave.survey_type == s.NATIONAL)
            .values(is_demo=True, name=Wave.name + f" ({name})")
        )
    return codes
