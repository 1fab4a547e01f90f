"""Small hand-made survey data for unit tests: waves, units and counts whose indices are easy
to work out by hand (every item of a slice gets the same answers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from sipas.core import schema as s
from sipas.method.results import WaveCounts
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import get_method
from sipas.storage.reference import UNIT_COLUMNS


def wave(
    code: str = "2024",
    method: str = "qd2640",
    *,
    year: int | None = None,
    kind: str = s.RESPONDENT_KIND,
    wave_id: int = 1,
    demo: bool = False,
) -> WaveInfo:
    year = year or int(code[:4])
    return WaveInfo(
        id=wave_id,
        code=code,
        name=f"Khảo sát {code}",
        year=year,
        method_code=method,
        kind=kind,
        period_start=dt.date(year, 9, 1),
        period_end=dt.date(year, 10, 31),
        item_codes=get_method(method).item_codes,
        weighting=None,
        is_demo=demo,
    )


def units(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """A units frame from (code, level, parent_code) rows; names are the codes upper-cased."""
    records = [
        {
            "id": i + 1,
            "code": code,
            "name": code.upper(),
            "full_name": f"Xã {code.upper()}" if level == s.COMMUNE else code.upper(),
            "level": level,
            "unit_type": "",
            "parent_code": parent,
            "valid_from": None,
            "valid_to": None,
            "sort_order": i,
        }
        for i, (code, level, parent) in enumerate(rows)
    ]
    return pd.DataFrame(records, columns=UNIT_COLUMNS)


Slices = Mapping[tuple[str, str], tuple[int, int]]


def uniform_counts(
    info: WaveInfo,
    slices: Slices,
    channels: Mapping[tuple[str, str, str], tuple[int, int]] | None = None,
) -> WaveCounts:
    """Counts where every item of a (unit, field) slice got `satisfied` answers 4 and the rest
    of `total` answers 1, from {(unit, field): (satisfied, total)}; so each item, element and
    SIPAS of the slice is 100 × satisfied / total and n = total. With `channels`
    ({(unit, field, channel): (satisfied, total)}) the counts are split by channel instead."""
    method = get_method(info.method_code)
    if channels is None:
        keyed = {(unit, field, ""): value for (unit, field), value in slices.items()}
        attribute = ""
    else:
        keyed, attribute = dict(channels), s.CHANNEL
    answers = [
        {
            s.UNIT: unit,
            s.FIELD: field,
            s.ATTRIBUTE_VALUE: value,
            s.ITEM: item,
            "n1": total - satisfied,
            "n2": 0,
            "n3": 0,
            "n4": satisfied,
            "n5": 0,
        }
        for (unit, field, value), (satisfied, total) in keyed.items()
        for item in method.item_codes
    ]
    respondents = [
        {s.UNIT: unit, s.FIELD: field, s.ATTRIBUTE_VALUE: value, s.RESPONDENTS: total}
        for (unit, field, value), (_, total) in keyed.items()
    ]
    return WaveCounts(
        wave=info,
        method=method,
        attribute=attribute,
        answers=pd.DataFrame(
            answers, columns=[s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.ITEM, *s.COUNT_COLUMNS]
        ),
        respondents=pd.DataFrame(
            respondents, columns=[s.UNIT, s.FIELD, s.ATTRIBUTE_VALUE, s.RESPONDENTS]
        ),
    )
