"""The source line under every chart and table: wave, method, n, demo label."""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.dashboard.captions import source_text, total_n
from tests.support.builders import wave


def test_the_source_line_names_wave_method_n_and_demo_data() -> None:
    line = source_text(wave("2024", demo=True), total_n(pd.DataFrame({s.N: [1_200, 2_300]})))
    assert line == "Đợt 2024 · Phương pháp QĐ 2640 · n = 3.500 phiếu · Dữ liệu minh họa"


def test_no_questionnaires_no_n() -> None:
    assert total_n(pd.DataFrame({s.N: []})) == 0
    assert source_text(wave("2025", "qd1001"), 0) == "Đợt 2025 · Phương pháp QĐ 1001"
