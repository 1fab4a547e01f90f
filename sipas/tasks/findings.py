"""What a remediation task starts from: a measure of one unit (in one field or all) at one
wave, its value there, and the finding in one Vietnamese sentence, as a directive writes it:

"Tiêu chí 19 – Cơ quan có bố trí hình thức tiếp nhận góp ý… đạt 71,2% tại Bác Ái, thấp hơn
trung bình tỉnh 9,4 điểm %; n = 212".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_int, format_number, format_percent, round_half
from sipas.core.i18n import t
from sipas.dashboard.criteria import AVERAGE, DIFF
from sipas.dashboard.scope import Scope
from sipas.method.measure_values import MEASURE, measure_values
from sipas.method.measures import ELEMENT, ITEM, PILLAR, SIPAS, measure_kind
from sipas.method.results import WaveCounts
from sipas.reference.fields import field_names
from sipas.reference.questionnaires import Method
from sipas.targets.status import Shortfall

SHORT_TEXT = 70  # characters of a criterion's wording kept in a sentence


@dataclass(frozen=True)
class Snapshot:
    """A measure's value for one unit (and field) at one wave: percent, 95% interval, n."""

    value: float
    low: float | None
    high: float | None
    n: int | None


def snapshot(
    counts: WaveCounts, measure: str, unit: str, field: str | None = None
) -> Snapshot | None:
    """The measure for `unit` (in `field`, or over all fields) at the counts' wave, over all
    channels; None when the wave's method lacks the measure or the unit has no data."""
    return pick(wave_values(counts, measure, field is not None), measure, unit, field)


def wave_values(counts: WaveCounts, measure: str, by_field: bool) -> pd.DataFrame | None:
    """The measure for every unit (× field) of the wave; None when its method lacks it."""
    if measure_kind(measure, counts.method) is None:
        return None
    return measure_values(counts, [measure], by_field=by_field)


def pick(
    values: pd.DataFrame | None, measure: str, unit: str, field: str | None = None
) -> Snapshot | None:
    """One unit's (and field's) value out of `wave_values`."""
    if values is None:
        return None
    chosen = values[(values[s.UNIT] == unit) & (values[MEASURE] == measure)]
    if field is not None:
        chosen = chosen[chosen[s.FIELD] == field]
    if chosen.empty or pd.isna(chosen.iloc[0][s.INDEX]):
        return None
    row = chosen.iloc[0]
    return Snapshot(
        value=float(row[s.INDEX]),
        low=_number(row[s.LOW]),
        high=_number(row[s.HIGH]),
        n=None if _number(row[s.N]) is None else int(row[s.N]),
    )


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """A long wording cut at a word boundary with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def measure_subject(measure: str, method: Method, field_name: str | None = None) -> str:
    """What was measured, as a sentence starts: "Tiêu chí 19 – …", "Yếu tố 3 – Công chức",
    "Chỉ số SIPAS", with "lĩnh vực đất đai" when about one field."""
    kind = measure_kind(measure, method)
    if kind == ITEM:
        item = next(i for _, _, i in method.walk() if i.code == measure)
        subject = t("tasks.finding.item", number=item.number, text=shorten(item.text))
    elif kind == ELEMENT:
        element = next(e for e in method.elements if e.code == measure)
        subject = t("tasks.finding.element", number=element.number, name=element.short_name)
    elif kind == PILLAR:
        pillar = next(p for p in method.pillars if p.code == measure)
        subject = t("tasks.finding.pillar", name=pillar.short_name)
    elif kind == SIPAS:
        subject = t("tasks.finding.sipas")
    else:
        subject = measure
    if field_name:
        subject = t("tasks.finding.in_field", subject=subject, field=field_name.lower())
    return subject


def points(value: float) -> str:
    return t("tasks.finding.points", points=format_number(abs(value), 1))


def versus_average(value: float, average: float, average_label: str) -> str:
    """ "thấp hơn trung bình tỉnh 9,4 điểm %" (or higher, or equal)."""
    difference = value - average
    if round_half(difference, 1) == 0:
        return t("tasks.finding.equal_average", average=average_label)
    key = "below_average" if difference < 0 else "above_average"
    return t(f"tasks.finding.{key}", average=average_label, points=points(difference))


def versus_target(value: float, target: float, target_text: str) -> str:
    """ "thấp hơn mục tiêu 85% 6,9 điểm %" (or "đạt mục tiêu trên 90%")."""
    difference = value - target
    if difference >= 0:
        return t("tasks.finding.meets_target", target=target_text)
    return t("tasks.finding.below_target", target=target_text, points=points(difference))


def finding_sentence(
    subject: str, value: float, unit_name: str, comparison: str, n: int | None
) -> str:
    """The finding in one sentence: "{subject} đạt 71,2% tại Bác Ái, {comparison}; n = 212"."""
    sentence = t(
        "tasks.finding.sentence",
        subject=subject,
        value=format_percent(value, 1),
        unit=unit_name,
        comparison=comparison,
    )
    if n is not None:
        sentence += t("tasks.finding.n", n=format_int(n))
    return sentence


@dataclass(frozen=True)
class Draft:
    """A task pre-filled from a weak cell: the finding sentence, what it measured and the
    value there. Staff add the solution, the units, the deadline and the aim."""

    finding: str
    measure: str
    unit_code: str
    wave_code: str
    field_code: str | None = None
    value: float | None = None
    n: int | None = None


@dataclass(frozen=True)
class Where:
    """The unit (and field) a page shows, and the wave."""

    method: Method
    wave_code: str
    unit_code: str
    unit_name: str
    field_code: str | None = None
    field_name: str | None = None


def unit_where(method: Method, scope: Scope, unit_code: str, unit_name: str) -> Where:
    """Where a unit page's findings are: the wave, the unit and the one chosen field if any."""
    field = scope.single_field
    name = field_names().get(field) if field else None
    return Where(method, scope.wave.code, unit_code, unit_name, field, name)


def comparison_drafts(
    where: Where, items: pd.DataFrame, elements: pd.DataFrame, average_label: str
) -> list[Draft]:
    """Drafts from the criteria page: its criteria, then its elements, against the average."""
    label = average_label.lower()
    return average_drafts(where, items, s.ITEM, label) + average_drafts(
        where, elements, s.ELEMENT, label
    )


def _count(value: object) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _draft(where: Where, measure: str, value: float, comparison: str, n: int | None) -> Draft:
    subject = measure_subject(measure, where.method, where.field_name)
    return Draft(
        finding=finding_sentence(subject, value, where.unit_name, comparison, n),
        measure=measure,
        unit_code=where.unit_code,
        wave_code=where.wave_code,
        field_code=where.field_code,
        value=value,
        n=n,
    )


def average_drafts(
    where: Where, rows: pd.DataFrame, code_column: str, average_label: str
) -> list[Draft]:
    """Drafts from a unit's criteria or elements against the average of its peers (the
    criteria page's frames: `code_column`, VALUE, AVERAGE, N), weakest first."""
    if rows.empty:
        return []
    ordered = rows.sort_values([s.VALUE, DIFF], kind="stable")
    return [
        _draft(
            where,
            str(row[code_column]),
            float(row[s.VALUE]),
            versus_average(float(row[s.VALUE]), float(row[AVERAGE]), average_label),
            _count(row[s.N]),
        )
        for row in ordered.to_dict("records")
        if _number(row[s.VALUE]) is not None and _number(row[AVERAGE]) is not None
    ]


def target_draft(
    where: Where, measure: str, value: float, target: tuple[float, str], n: int | None
) -> Draft:
    """A draft from a value against its target, given as (percent, "trên 90%")."""
    return _draft(where, measure, value, versus_target(value, *target), n)


def shortfall_drafts(
    shortfalls: Sequence[Shortfall], method: Method, wave_code: str, measure: str
) -> list[Draft]:
    """Drafts from the values under their targets, furthest below first."""
    below = sorted(
        (item for item in shortfalls if item.value < item.target),
        key=lambda item: item.value - item.target,
    )
    return [
        target_draft(
            Where(
                method, wave_code, item.unit_code, item.unit_name, item.field_code, item.field_name
            ),
            measure,
            item.value,
            (item.target, item.target_text),
            item.n,
        )
        for item in below
    ]
