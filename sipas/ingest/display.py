"""Import results as tables of Vietnamese-formatted text with Vietnamese headers (pages show
these; numbers stay numbers everywhere else)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_datetime, format_int, format_interval, format_percent
from sipas.core.i18n import t
from sipas.core.schema import CHANGE, INDEX, RANK
from sipas.ingest.columns import Targets
from sipas.ingest.mapping import LABEL, LETTER, SAMPLE, TARGET, target_label
from sipas.ingest.pipeline import Prepared
from sipas.ingest.preview import AFTER, BEFORE, N_AFTER, N_BEFORE
from sipas.ingest.preview import LABEL as UNIT_LABEL
from sipas.ingest.resolve import FIELD_CODE, FIELD_HOW, FIELD_ROWS, FIELD_TEXT
from sipas.ingest.table import COLUMN, ERROR, HEADER, REASON, ROW, SEVERITY, VALUE
from sipas.reference.fields import field_names

VIETNAM_OFFSET = dt.timedelta(hours=7)


def mapping_display(prepared: Prepared) -> pd.DataFrame:
    targets = Targets(prepared.request.kind, prepared.method)
    columns = prepared.columns
    return pd.DataFrame(
        {
            t("import.page.col_letter"): columns[LETTER],
            t("import.page.col_header"): columns[LABEL],
            t("import.page.col_sample"): columns[SAMPLE],
            t("import.page.col_target"): [target_label(x, targets) for x in columns[TARGET]],
        }
    )


def fields_display(review: pd.DataFrame) -> pd.DataFrame:
    names = field_names()
    return pd.DataFrame(
        {
            t("import.page.field_text"): [
                x or t("import.summary.blank") for x in review[FIELD_TEXT]
            ],
            t("import.page.field_code"): [names.get(c, c) for c in review[FIELD_CODE]],
            t("import.page.field_how"): [t(f"import.fields.{h}") for h in review[FIELD_HOW]],
            t("import.page.field_rows"): [format_int(n) for n in review[FIELD_ROWS]],
        }
    )


def issues_display(issues: pd.DataFrame) -> pd.DataFrame:
    levels = {ERROR: t("import.report.error"), "warning": t("import.report.warning")}
    return pd.DataFrame(
        {
            t("import.report.row"): issues[ROW].astype(int),
            t("import.report.column"): issues[COLUMN],
            t("import.report.header"): issues[HEADER],
            t("import.report.value"): issues[VALUE],
            t("import.report.reason"): issues[REASON],
            t("import.report.severity"): issues[SEVERITY].map(levels),
        }
    )


def preview_display(prepared: Prepared) -> pd.DataFrame:
    """Per unit: the wave's SIPAS and n before → after the import (when the wave has data),
    then the file's own figures."""
    preview = prepared.preview
    if prepared.request.kind == s.RESPONDENT_KIND and not prepared.change.empty:
        own = preview.drop(columns=UNIT_LABEL)
        preview = prepared.change.merge(own, on=s.UNIT, how="left")
    label = preview[UNIT_LABEL].where(preview[UNIT_LABEL] != "", t("import.summary.all_units"))
    if prepared.request.kind == s.RESPONDENT_KIND:
        frame: dict[str, object] = {t("import.page.preview_unit"): label}
        if BEFORE in preview:
            frame[t("import.page.preview_change")] = [
                f"{_percent(before)} → {_percent(after)}"
                for before, after in zip(preview[BEFORE], preview[AFTER], strict=True)
            ]
            frame[t("import.page.preview_n_change")] = [
                f"{_count(before)} → {_count(after)}"
                for before, after in zip(preview[N_BEFORE], preview[N_AFTER], strict=True)
            ]
        frame |= {
            t("import.page.preview_n"): preview[s.N].map(_count),
            t("import.page.preview_sipas"): preview[s.SIPAS].map(_percent),
            t("import.page.preview_interval"): [
                format_interval(lo, hi) if pd.notna(lo) else "–"
                for lo, hi in zip(preview[s.SIPAS_LOW], preview[s.SIPAS_HIGH], strict=True)
            ],
        }
        for element in prepared.method.elements:
            frame[element.short_name] = preview[element.code].map(_percent)
        return pd.DataFrame(frame)
    fields = field_names()
    elements = {e.code: e.short_name for e in prepared.method.elements}
    return pd.DataFrame(
        {
            t("import.page.preview_unit"): label,
            t("import.columns.field"): preview[s.FIELD].map(
                lambda c: fields.get(c, "") if c else ""
            ),
            t("import.columns.element"): preview[s.ELEMENT].map(
                lambda c: elements.get(c, "") if c else ""
            ),
            t("import.columns.index"): preview[INDEX].map(format_percent),
            t("import.columns.n"): preview[s.N].map(
                lambda n: format_int(n) if n is not None else "–"
            ),
            t("import.columns.rank"): preview[RANK].map(
                lambda r: format_int(r) if r is not None else "–"
            ),
            t("import.columns.change"): preview[CHANGE].fillna(""),
        }
    )


def _percent(value: float) -> str:
    return format_percent(value) if pd.notna(value) else "–"


def _count(value: float) -> str:
    return format_int(value) if pd.notna(value) else "–"


def history_display(history: pd.DataFrame) -> pd.DataFrame:
    """The import history (sipas.storage.imports.import_history) for reading."""
    return pd.DataFrame(
        {
            t("import.history.col_id"): history["id"],
            t("import.history.col_at"): history["created_at"].map(vietnam_time),
            t("import.history.col_by"): history["created_by"],
            t("import.history.col_file"): history["file_name"],
            t("import.history.col_wave"): history["wave"],
            t("import.history.col_kind"): history["kind"].map(
                lambda k: t(f"import.kinds.{k}_short")
            ),
            t("import.history.col_mode"): history["mode"].map(
                lambda m: t(f"import.history.mode_{m}")
            ),
            t("import.history.col_status"): history["status"].map(
                lambda x: t(f"import.history.status_{x}")
            ),
            t("import.history.col_rows"): [
                t("import.history.rows", accepted=format_int(a), total=format_int(n))
                for a, n in zip(history["rows_accepted"], history["rows_total"], strict=True)
            ],
            t("import.history.col_hash"): history["file_hash"].str[:12],
        }
    )


def vietnam_time(moment: dt.datetime | None) -> str:
    """Stored times are UTC; staff read Vietnam time (UTC+7)."""
    if moment is None or pd.isna(moment):
        return "–"
    return format_datetime(moment + VIETNAM_OFFSET)
