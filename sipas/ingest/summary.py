"""The validation summary as Vietnamese text lines (the command line prints these)."""

from __future__ import annotations

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_percent
from sipas.core.i18n import t
from sipas.core.schema import INDEX
from sipas.ingest.columns import Targets
from sipas.ingest.mapping import LABEL, LETTER, TARGET, target_label
from sipas.ingest.pipeline import Prepared
from sipas.ingest.preview import AFTER, BEFORE, N_AFTER, N_BEFORE
from sipas.ingest.preview import LABEL as UNIT_LABEL
from sipas.ingest.resolve import FIELD_CODE, FIELD_HOW, FIELD_ROWS, FIELD_TEXT
from sipas.ingest.table import COLUMN, REASON, ROW, VALUE
from sipas.reference.fields import field_names

SHOWN_ISSUES = 20


def summary_lines(prepared: Prepared) -> list[str]:
    """What was read, how columns were understood, the counts, the problems and the preview."""
    targets = Targets(prepared.request.kind, prepared.method)
    lines = [
        t(
            "import.summary.read",
            file=prepared.request.file_name,
            sheet=prepared.sheet.name or "CSV",
            row=prepared.header.excel_row,
        ),
        *prepared.notes,
        t("import.summary.columns"),
    ]
    for record in prepared.columns.to_dict("records"):
        lines.append(
            f"  {record[LETTER]} «{record[LABEL]}» → {target_label(record[TARGET], targets)}"
        )
    lines += _field_lines(prepared)
    lines.append(
        t(
            "import.summary.counts",
            total=format_int(prepared.rows_total),
            accepted=format_int(prepared.rows_accepted),
            rejected=format_int(prepared.rows_rejected),
        )
    )
    lines += _issue_lines(prepared)
    lines += _preview_lines(prepared)
    return lines


def _field_lines(prepared: Prepared) -> list[str]:
    review = prepared.field_review
    if review.empty:
        return []
    names = field_names()
    lines = [t("import.summary.fields")]
    for text, code, rows, how in zip(
        review[FIELD_TEXT], review[FIELD_CODE], review[FIELD_ROWS], review[FIELD_HOW], strict=True
    ):
        shown = text or t("import.summary.blank")
        how_text = t(f"import.fields.{how}")
        lines.append(f"  «{shown}» → {names.get(code, code)} ({how_text}, {format_int(rows)})")
    return lines


def _issue_lines(prepared: Prepared) -> list[str]:
    issues = prepared.issues
    if issues.empty:
        return []
    lines = [t("import.summary.issues")]
    for record in issues.head(SHOWN_ISSUES).to_dict("records"):
        where = f"{record[COLUMN]}{record[ROW]}" if record[COLUMN] else str(record[ROW])
        lines.append(f"  {where} «{record[VALUE]}»: {record[REASON]}")
    if len(issues) > SHOWN_ISSUES:
        lines.append(
            "  " + t("import.validate.more_issues", count=format_int(len(issues) - SHOWN_ISSUES))
        )
    return lines


def _preview_lines(prepared: Prepared) -> list[str]:
    preview = prepared.preview
    if preview.empty:
        return []
    if not prepared.change.empty:
        return _change_lines(prepared)
    lines = [t("import.summary.preview")]
    value = s.SIPAS if s.SIPAS in preview else INDEX
    for record in preview.head(40).to_dict("records"):
        label = record[UNIT_LABEL] or t("import.summary.all_units")
        n = record.get(s.N)
        n_text = format_int(n) if n is not None and n == n else "–"
        lines.append(f"  {label}: {format_percent(record[value])} (n = {n_text})")
    return lines


def _change_lines(prepared: Prepared) -> list[str]:
    """Per unit: the wave's SIPAS and n before → after, then the file's own n."""
    own = dict(zip(prepared.preview[s.UNIT], prepared.preview[s.N], strict=True))
    lines = [t("import.summary.change")]
    for record in prepared.change.head(40).to_dict("records"):
        lines.append(
            "  "
            + t(
                "import.summary.change_line",
                unit=record[UNIT_LABEL] or t("import.summary.all_units"),
                before=_percent(record[BEFORE]),
                after=_percent(record[AFTER]),
                n_before=_count(record[N_BEFORE]),
                n_after=_count(record[N_AFTER]),
                n_file=_count(own.get(record[s.UNIT], float("nan"))),
            )
        )
    return lines


def _percent(value: float) -> str:
    return format_percent(value) if value == value else "–"


def _count(value: float) -> str:
    return format_int(value) if value is not None and value == value else "–"
