"""The province's national rank across years: one line per series (the province, each
predecessor before the 2025 merger), rank 1 at the top, each point labelled "14/34"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from sipas.present.charts import finish, slim


def national_rank_chart(
    history: pd.DataFrame, title: str, subtitle: Sequence[str], y_title: str
) -> Any:
    """history: dashboard.national.rank_history (year, series, rank, of, label)."""
    data = slim(history)
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("rank:Q", title=y_title, scale=alt.Scale(reverse=True, zero=False, nice=False))
    legend = alt.Legend(orient="bottom", labelLimit=0, direction="vertical")
    colour = alt.Color("series:N", title=None, legend=legend)
    base = alt.Chart(data).encode(x=x, y=y, color=colour)
    lines = base.mark_line(point=True, strokeWidth=2)
    labels = base.mark_text(dy=-10, fontSize=12).encode(text="label:N")
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("year:O"), alt.Tooltip("label:N")]
    chart = alt.layer(lines.encode(tooltip=tooltip), labels)
    return finish(chart, title, list(subtitle), height=360)
