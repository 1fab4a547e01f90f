"""The wave a view compares with, in words: the filter bar's choices ("Tự động: đợt 2023
(chính thức)", earlier waves with their type) and the line every "change since" carries (the
wave, its type when it is no official baseline, a change of method).

Which wave it is comes from one place, sipas.method.waves.comparison_wave; this module only
names it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_points
from sipas.core.i18n import t
from sipas.dashboard import trends
from sipas.method.waves import WaveInfo, comparison_choices, comparison_wave, is_baseline
from sipas.method.waves import method_changed as changed_method
from sipas.reference.questionnaires import MethodError, get_method

AUTOMATIC = ""  # the filter state's value for "the automatic previous official wave"


def wave_label(wave: WaveInfo) -> str:
    """ "đợt 2023 (chính thức)": the wave's code and its survey type."""
    kind = t(f"statistics.survey_type.{wave.survey_type}")
    return t("comparison.wave_label", wave=wave.code, kind=kind)


def comparison_options(waves: Sequence[WaveInfo], wave: WaveInfo) -> dict[str, str]:
    """The filter bar's choices for `wave` (`waves` oldest first): AUTOMATIC first, named after
    the wave it stands for, then every earlier wave, newest first, with its type."""
    automatic = comparison_wave(waves, wave)
    first = (
        t("comparison.automatic", wave=wave_label(automatic))
        if automatic is not None
        else t("comparison.automatic_none")
    )
    earlier = {w.code: wave_label(w) for w in comparison_choices(waves, wave)}
    return {AUTOMATIC: first, **earlier}


def method_name(code: str) -> str:
    """The questionnaire's short name ("QĐ 2640"); its code when it is not defined."""
    try:
        return get_method(code).short_name
    except MethodError:
        return code


def method_change_text(wave: WaveInfo, compared: WaveInfo | None) -> str:
    """ "đổi phương pháp: QĐ 2640 → QĐ 1001" when `compared` used another questionnaire
    (sipas.method.waves.method_changed), else ""."""
    if compared is None or not changed_method(wave, compared):
        return ""
    return t(
        "comparison.method_changed",
        before=method_name(compared.method_code),
        now=method_name(wave.method_code),
    )


def comparison_caption(wave: WaveInfo, compared: WaveInfo | None, chosen: str) -> str:
    """The line under every "change since": which wave it compares with and how it was
    picked, a wave that is no official baseline marked, a change of method said."""
    if compared is None:
        return t("comparison.none", wave=wave.code)
    how = "chosen" if chosen == compared.code else "automatic"
    parts = [t(f"comparison.caption_{how}", wave=wave_label(compared))]
    if not is_baseline(compared):
        kind = t(f"statistics.survey_type.{compared.survey_type}")
        parts.append(t("comparison.not_baseline", kind=kind))
    if method := method_change_text(wave, compared):
        parts.append(method)
    return " · ".join(parts)


def trend_changes(points: pd.DataFrame, wave: str, compared: WaveInfo | None) -> list[str]:
    """Each series' change from the comparison wave to `wave` (trends.trend_points: percent,
    the change in points), when the series has both points on the same unit structure; a
    change of method is allowed (comparison_caption says it). Series order as in `points`."""
    if compared is None or points.empty:
        return []
    lines = []
    for _, rows in points.groupby(trends.SERIES_KEY, sort=False):
        by_wave = {str(row[trends.WAVE]): row for row in rows.to_dict("records")}
        now, before = by_wave.get(wave), by_wave.get(compared.code)
        if now is None or before is None or now[trends.STRUCTURE] != before[trends.STRUCTURE]:
            continue
        change = float(now[s.VALUE]) - float(before[s.VALUE])
        lines.append(
            t(
                "comparison.trend_change",
                series=now[trends.SERIES],
                points=format_points(change),
                wave=compared.code,
            )
        )
    return lines
