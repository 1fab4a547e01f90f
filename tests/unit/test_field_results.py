"""Fields against their own default targets (land 85%, health 80%, others 90%), weakest
unit × field cells first."""

from __future__ import annotations

import pytest

from sipas.core import schema as s
from sipas.core.schema import SMALL_SAMPLE
from sipas.dashboard import field_results
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import resolve
from sipas.targets.seeds import default_thresholds
from sipas.targets.status import BELOW, GAP, MEETS, NEAR, TARGET
from tests.support.builders import uniform_counts, units, wave

UNITS = units([("d1", s.DISTRICT, "p"), ("d2", s.DISTRICT, "p")])
INFO = wave("2024")
COUNTS = uniform_counts(
    INFO,
    {
        ("d1", "dat_dai"): (80, 100),  # 80% vs 85%: −5, near
        ("d1", "y_te"): (16, 20),  # 80% vs 80%: meets, but only 20 answers
        ("d1", "tu_phap"): (88, 100),  # 88% vs 90%: −2, near
        ("d2", "dat_dai"): (70, 100),  # 70% vs 85%: −15, below
    },
)


def scope():
    found = resolve(FilterState(), INFO, COUNTS, UNITS).scope
    assert found is not None
    return found


def test_every_cell_has_its_fields_target_and_weakest_come_first() -> None:
    grid = field_results.field_grid(
        COUNTS, scope(), {"d1": "Một", "d2": "Hai"}, default_thresholds()
    )
    weakest = field_results.weakest_cells(grid)
    assert list(zip(weakest[s.UNIT], weakest[s.FIELD], strict=True)) == [
        ("d2", "dat_dai"),
        ("d1", "dat_dai"),
        ("d1", "tu_phap"),
        ("d1", "y_te"),
    ]
    assert weakest[TARGET].tolist() == [85.0, 85.0, 90.0, 80.0]
    assert weakest[GAP].tolist() == pytest.approx([-15.0, -5.0, -2.0, 0.0])
    assert weakest[s.TARGET_STATUS].tolist() == [BELOW, NEAR, NEAR, MEETS]
    assert weakest[SMALL_SAMPLE].tolist() == [False, False, False, True]
    assert weakest[field_results.CELL_TEXT].tolist() == ["70,0 ✖", "80,0 ▲", "88,0 ▲", "80,0 ✔*"]


def test_field_summary_pools_the_units() -> None:
    summary = field_results.field_summary(COUNTS, scope(), default_thresholds())
    # land pooled: (80 + 70) / 200 = 75% against 85%
    assert summary[s.FIELD].tolist() == ["dat_dai", "tu_phap", "y_te"]
    assert summary[s.VALUE].tolist() == pytest.approx([75.0, 88.0, 80.0])
    assert summary[field_results.UNITS_WITH_DATA].tolist() == [2, 1, 1]
    note = field_results.targets_note(summary)
    assert "Đất đai 85%" in note and "Y tế 80%" in note and "Tư pháp – hộ tịch 90%" in note


def test_cells_as_vietnamese_text() -> None:
    grid = field_results.field_grid(COUNTS, scope(), {"d2": "Hai"}, default_thresholds())
    table = field_results.cells_display(field_results.weakest_cells(grid))
    first = table.iloc[0]
    assert first["Đơn vị"] == "Hai"
    assert first["SIPAS"] == "70,00%"
    assert first["Chênh lệch"] == "−15,00 điểm %"
    assert table.iloc[3]["Ghi chú"] == "* dưới 30 phiếu"
