"""The line every chart and table carries: wave, method, n, and the demo label."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int
from sipas.core.i18n import t
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import get_method


def source_text(wave: WaveInfo, n: float | None) -> str:
    """The source line: "Đợt 2024 · Phương pháp QĐ 2640 · n = 3.500 phiếu", plus "Số liệu công
    bố" for published tables without questionnaires and "Dữ liệu minh họa" for demo waves."""
    parts = [
        t("app.caption_wave", code=wave.code),
        t("app.caption_method", method=get_method(wave.method_code).short_name),
    ]
    if n:
        parts.append(t("app.caption_n", n=format_int(n)))
    if wave.kind == s.AGGREGATE_KIND:
        parts.append(t("app.caption_published"))
    if wave.is_demo:
        parts.append(t("terms.demo_label"))
    return " · ".join(parts)


def total_n(rows: pd.DataFrame) -> int:
    """The questionnaires behind a chart's or table's rows (their n added up), for its source
    line; each row counts questionnaires no other row counts (units, fields of one unit)."""
    return int(rows[s.N].sum())
