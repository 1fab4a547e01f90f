"""Demo data ("Dữ liệu minh họa"), generated deterministically from data/demo.yaml.

Each answer is drawn from a logistic model: a unit's intended share of satisfied answers,
shifted by field, element, criterion and channel effects (percentage points), plus one
random effect per respondent so that a person's answers move together, as they do in real
surveys. A fixed seed makes every machine produce exactly the same questionnaires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from sqlalchemy.orm import Session

from sipas.core import schema as s
from sipas.core.config import DEMO_FILE
from sipas.core.i18n import t
from sipas.core.schema import ROW_NO
from sipas.method.batch import COMMENT, EXTERNAL_ID, PROCEDURE, SURVEY_DATE, ResponseBatch
from sipas.reference.fields import load_fields
from sipas.reference.questionnaires import Method, get_method
from sipas.setup.demo_units import (
    added_communes,
    load_demo_units,
    post_reform_communes,
    read_demo_units,
    standard_unit_code,
)
from sipas.storage.reference import sync_fields
from sipas.storage.surveydata import store_responses
from sipas.storage.waves import create_wave, list_waves

_POSTAL_SHARE = 0.06
_ORGANISATION_SHARE = 0.12
_AGE_SHARES = {"18-29": 0.22, "30-44": 0.36, "45-59": 0.28, "60+": 0.14}


class DemoError(RuntimeError):
    """The demo cannot be loaded (e.g. its waves already exist); Vietnamese message."""


@dataclass(frozen=True)
class DemoWave:
    code: str
    method: Method
    period: tuple[dt.date, dt.date]
    batch: ResponseBatch


@dataclass(frozen=True)
class UnitPlan:
    """What to simulate for one unit in one wave."""

    unit: str
    questionnaires: int
    share: float
    field_shares: Mapping[str, float]
    # The unit's own procedures (else the field's, from the profile).
    procedures: tuple[str, ...] = ()


def load_profile(path: Path = DEMO_FILE) -> dict[str, Any]:
    profile: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return profile


def generate_demo(profile: dict[str, Any] | None = None) -> list[DemoWave]:
    """Every demo wave with its questionnaires; the same profile always gives the same data."""
    profile = profile or load_profile()
    rng = np.random.default_rng(profile["seed"])
    return [*_district_waves(profile, rng), _post_reform_wave(profile, rng)]


def _district_waves(profile: dict[str, Any], rng: np.random.Generator) -> Iterator[DemoWave]:
    spec = profile["district_waves"]
    method = get_method(spec["method"])
    for year_index, (code, wave) in enumerate(spec["waves"].items()):
        plans = [
            UnitPlan(
                unit, spec["questionnaires_per_unit"], shares[year_index], spec["field_shares"]
            )
            for unit, shares in spec["units"].items()
        ]
        period = _period(wave["period"])
        batch = _simulate(profile, rng, method, plans, period, wave["online_share"], code)
        yield DemoWave(str(code), method, period, batch)


def _post_reform_wave(profile: dict[str, Any], rng: np.random.Generator) -> DemoWave:
    """The demo list's communes and departments, drawn from the profile's stream as they
    always were, then the units of the official map the list lacks, from a stream of their
    own: adding units never changes the first ones' questionnaires."""
    spec = profile["post_reform_wave"]
    method = get_method(spec["method"])
    period = _period(spec["period"])
    listed = _listed_plans(spec, rng)
    batch = _simulate(
        profile,
        rng,
        method,
        listed,
        period,
        spec["online_share"],
        spec["code"],
        pillar_offsets=spec["pillar_offsets"],
    )
    added = spec["added"]
    more = np.random.default_rng([profile["seed"], added["stream"]])
    extra = _simulate(
        profile,
        more,
        method,
        _added_plans(spec, more),
        period,
        spec["online_share"],
        spec["code"],
        pillar_offsets=spec["pillar_offsets"],
        first=len(batch),
    )
    joined = ResponseBatch(
        pd.concat([batch.slices, extra.slices], ignore_index=True),
        np.vstack([batch.answers, extra.answers]),
    )
    return DemoWave(str(spec["code"]), method, period, joined)


def _listed_plans(spec: dict[str, Any], rng: np.random.Generator) -> list[UnitPlan]:
    communes = post_reform_communes(read_demo_units())
    plans = [
        UnitPlan(
            unit.code,
            spec["communes"]["questionnaires_per_unit"],
            float(rng.normal(spec["communes"]["mean_share"], spec["communes"]["spread"])),
            spec["commune_field_shares"],
        )
        for unit in communes
    ]
    departments = spec["departments"]
    plans += [
        UnitPlan(
            unit,
            departments["questionnaires_per_unit"],
            float(rng.normal(departments["mean_share"], departments["spread"])),
            {field: 1.0},
        )
        for unit, field in departments["fields"].items()
    ]
    return plans


def _added_plans(spec: dict[str, Any], rng: np.random.Generator) -> list[UnitPlan]:
    """Every other commune and ward of the province's map, then the standard departments and
    agencies the profile names, each with its field (and, if given, its procedures)."""
    added, province = spec["added"], str(spec["province"])
    communes = added["communes"]
    plans = [
        UnitPlan(
            unit.code,
            communes["questionnaires_per_unit"],
            float(rng.normal(communes["mean_share"], communes["spread"])),
            spec["commune_field_shares"],
        )
        for unit in added_communes(province, read_demo_units())
    ]
    for kind in ("departments", "agencies"):
        group = added[kind]
        plans += [
            UnitPlan(
                standard_unit_code(province, slug),
                group["questionnaires_per_unit"],
                float(rng.normal(group["mean_share"], group["spread"])),
                {unit["field"]: 1.0},
                tuple(unit.get("procedures", ())),
            )
            for slug, unit in group["units"].items()
        ]
    return plans


def _period(raw: list[Any]) -> tuple[dt.date, dt.date]:
    start, end = (d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in raw)
    return start, end


def _simulate(
    profile: dict[str, Any],
    rng: np.random.Generator,
    method: Method,
    plans: list[UnitPlan],
    period: tuple[dt.date, dt.date],
    online_share: float,
    wave_code: str,
    pillar_offsets: Mapping[str, float] | None = None,
    first: int = 0,
) -> ResponseBatch:
    """Questionnaires of every planned unit, as one batch; row numbers and external ids
    continue after `first` questionnaires already drawn."""
    parts = [_unit_slices(profile, rng, plan, period, online_share) for plan in plans]
    slices = pd.concat(parts, ignore_index=True)
    shares = _cell_shares(profile, method, slices, pillar_offsets or {})
    answers, satisfied_share = _draw_answers(profile, rng, method, shares)
    slices[COMMENT] = _comments(profile, rng, satisfied_share)
    slices[ROW_NO] = np.arange(first + 2, first + len(slices) + 2)
    slices[EXTERNAL_ID] = [
        f"{wave_code}-{i:05d}" for i in range(first + 1, first + len(slices) + 1)
    ]
    return ResponseBatch(slices, answers)


def _unit_slices(
    profile: dict[str, Any],
    rng: np.random.Generator,
    plan: UnitPlan,
    period: tuple[dt.date, dt.date],
    online_share: float,
) -> pd.DataFrame:
    n = plan.questionnaires
    fields = _choose(rng, plan.field_shares, n)
    channel_shares = {
        "truc_tiep": 1 - online_share - _POSTAL_SHARE,
        "truc_tuyen": online_share,
        "buu_chinh": _POSTAL_SHARE,
    }
    organisation = np.where(fields == "dau_tu", 0.6, _ORGANISATION_SHARE)
    days = (period[1] - period[0]).days
    return pd.DataFrame(
        {
            s.UNIT: plan.unit,
            s.FIELD: fields,
            "_share": plan.share,
            s.CHANNEL: _choose(rng, channel_shares, n),
            s.RESPONDENT_TYPE: np.where(rng.random(n) < organisation, "to_chuc", "ca_nhan"),
            s.GENDER: np.where(rng.random(n) < 0.52, "nam", "nu"),
            s.AGE_GROUP: _choose(rng, _AGE_SHARES, n),
            SURVEY_DATE: [
                period[0] + dt.timedelta(days=int(d)) for d in rng.integers(0, days + 1, n)
            ],
            PROCEDURE: [_procedure(profile, rng, field, plan.procedures) for field in fields],
        }
    )


def _choose(rng: np.random.Generator, shares: Mapping[str, float], n: int) -> np.ndarray:
    codes = list(shares)
    weights = np.array([shares[c] for c in codes], dtype=float)
    return np.asarray(codes, dtype=object)[
        rng.choice(len(codes), size=n, p=weights / weights.sum())
    ]


def _procedure(
    profile: dict[str, Any], rng: np.random.Generator, field: str, own: tuple[str, ...] = ()
) -> str:
    options = own or profile["procedures"][field]
    return str(options[int(rng.integers(len(options)))])


def _cell_shares(
    profile: dict[str, Any],
    method: Method,
    slices: pd.DataFrame,
    pillar_offsets: Mapping[str, float],
) -> np.ndarray:
    """Intended share (%) of a satisfied answer for every questionnaire × item."""
    row = (
        slices["_share"].to_numpy(dtype=float)
        + slices[s.FIELD].map(profile["field_effects"]).fillna(0).to_numpy(dtype=float)
        + slices[s.CHANNEL].map(profile["channel_effects"]).fillna(0).to_numpy(dtype=float)
    )
    column = np.array(
        [
            profile["element_effects"].get(element.code, 0.0)
            + profile["item_effects"].get(item.code, 0.0)
            + pillar_offsets.get(pillar.code, 0.0)
            for pillar, element, item in method.walk()
        ]
    )
    shares: np.ndarray = np.clip(row[:, None] + column[None, :], 5.0, 99.0)
    return shares


def _draw_answers(
    profile: dict[str, Any], rng: np.random.Generator, method: Method, shares: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Answers 1–5 (0 = blank) and each respondent's share of satisfied answers."""
    spread = float(profile["respondent_spread"])
    # A respondent effect lowers the average share; scaling the logit keeps it near intended.
    scale = math.sqrt(1 + math.pi * spread**2 / 8)
    logits = np.log(shares / (100 - shares)) * scale
    n, k = shares.shape
    person = rng.normal(0.0, spread, size=(n, 1))
    satisfied = rng.random((n, k)) < 1 / (1 + np.exp(-(logits + person)))
    top = rng.random((n, k)) < 0.42
    low = rng.choice(np.array([3, 2, 1], dtype=np.uint8), size=(n, k), p=[0.6, 0.3, 0.1])
    answers = np.where(satisfied, np.where(top, 5, 4), low).astype(np.uint8)
    feedback = np.array([e.code == "YT5" for _, e, _ in method.walk()])
    missing_share = np.where(feedback, profile["missing_share_feedback"], profile["missing_share"])
    answers[rng.random((n, k)) < missing_share[None, :]] = 0
    answered = (answers > 0).sum(axis=1)
    happy = ((answers >= 4).sum(axis=1) / np.maximum(answered, 1)).astype(float)
    return answers, happy


def _comments(
    profile: dict[str, Any], rng: np.random.Generator, happy: np.ndarray
) -> list[str | None]:
    texts = profile["comments"]
    writes = rng.random(len(happy)) < profile["comment_share"]
    picks = rng.random(len(happy))
    comments: list[str | None] = []
    for wrote, share, pick in zip(writes, happy, picks, strict=True):
        kind = "negative" if share < 0.75 else "positive" if share > 0.95 else "suggestions"
        options = texts[kind]
        comments.append(str(options[int(pick * len(options))]) if wrote else None)
    return comments


def load_demo(session: Session, profile: dict[str, Any] | None = None) -> list[str]:
    """Store reference data and every demo wave; returns the wave codes.

    Raises DemoError when a demo wave code already exists (nothing is written then).
    """
    profile = profile or load_profile()
    waves = generate_demo(profile)
    taken = {w.code for w in list_waves(session)} & {w.code for w in waves}
    if taken:
        raise DemoError(t("errors.demo.waves_exist", codes=", ".join(sorted(taken))))
    sync_fields(session, load_fields())
    load_demo_units(session, str(profile["post_reform_wave"]["province"]))
    digest = hashlib.sha256(yaml.safe_dump(profile).encode("utf-8")).hexdigest()
    for wave in waves:
        stored = create_wave(
            session,
            wave.code,
            wave.method,
            name=f"{t('terms.wave_name', code=wave.code)} ({t('terms.demo_label')})",
            period_start=wave.period[0],
            period_end=wave.period[1],
            is_demo=True,
        )
        slices = wave.batch.slices.drop(columns="_share")
        store_responses(
            session,
            stored,
            ResponseBatch(slices, wave.batch.answers),
            file_name=t("terms.demo_label"),
            file_hash=f"demo-{wave.code}-{digest[:16]}",
            created_by="demo",
        )
    return [w.code for w in waves]
