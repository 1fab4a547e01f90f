"""The unit page ("Đơn vị của tôi"): the numbers of its first screen are the ones the `gaps`
command prints, and a leader bound to a unit lands on it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.support.appserver import ROOT
from tests.support.charts import chart_rows

PAGE = "pages/unit_profile.py"


def cli_row(url: str, wave: str, unit: str) -> dict[str, str]:
    """The row of `unit` in `python -m sipas gaps --wave WAVE` (the command, run for real)."""
    printed = subprocess.run(
        [sys.executable, "-m", "sipas", "gaps", "--wave", wave],
        cwd=ROOT,
        env={**os.environ, "SIPAS_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(row for row in csv.DictReader(io.StringIO(printed)) if row["unit_code"] == unit)


def comma(number: str, digits: int = 2) -> str:
    return f"{float(number):.{digits}f}".replace(".", ",")


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_the_leader_lands_on_the_unit_page_with_the_cli_s_figures(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    at = app(role="leader")
    assert not at.exception
    assert at.title[0].value == "Đơn vị của tôi: Ninh Sơn – đợt 2024"
    row = cli_row(demo_url, "2024", "ninh-son")
    shown = metrics(at)
    assert shown["Chỉ số SIPAS"] == f"{comma(row['value'])}%"  # 87,22%
    assert shown["Xếp hạng"] == f"{row['rank']}/{row['of']}"  # 4/7
    assert shown["Cách mục tiêu trên 90%"] == f"{comma(row['gap_pp'])} điểm %"  # 2,78
    assert shown["Cách mục tiêu xếp hạng"] == f"{comma(row['points_to_rank_target'])} điểm %"
    sentences = "\n".join(m.value for m in at.markdown)
    assert (
        f"Cần thêm {comma(row['points_to_rank_target'])} điểm % để bắt kịp Ninh Hải, "
        f"xếp thứ {row['rank_target']}." in sentences
    )
    assert f"cần thêm {row['gap_people']} người hài lòng" not in sentences  # in the card
    people = next(m for m in at.metric if m.label == "Cách mục tiêu trên 90%").proto.delta
    assert people == f"thêm {row['gap_people']} người hài lòng"  # 14
    assert "Thứ hạng chưa ngã ngũ" in sentences  # 36% of the draws: not certain either way


def test_every_peer_is_in_the_chart_with_the_unit_highlighted(
    app: Callable[..., AppTest],
) -> None:
    at = app(PAGE, role="leader")
    groups = {row["label"]: row["group"] for row in chart_rows(at) if "group" in row}
    assert len(groups) == 7  # every district of 2024, not the leader's unit alone
    assert groups["Ninh Sơn"] == "focus"
    assert [label for label, group in groups.items() if group == "inside"] == [
        "Phan Rang – Tháp Chàm",
        "Ninh Phước",
        "Ninh Hải",
    ]  # the top 3 of the rank target, best first


def test_any_unit_by_address(app: Callable[..., AppTest], demo_url: str) -> None:
    at = app(PAGE, {"wave": "2024", "level": "district", "unit": "bac-ai"}, role="admin")
    assert not at.exception
    assert at.title[0].value == "Hồ sơ đơn vị: Bác Ái – đợt 2024"
    row = cli_row(demo_url, "2024", "bac-ai")
    assert metrics(at)["Xếp hạng"] == f"{row['rank']}/{row['of']}"
    assert metrics(at)["Chỉ số SIPAS"] == f"{comma(row['value'])}%"


def test_the_health_department_is_judged_by_the_health_target_as_on_the_overview(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    """Sở Y tế serves health alone: its page, like the overview and the `gaps` command,
    holds it to the health target (80%), which its 87,04% meets."""
    at = app(PAGE, {"wave": "2025", "level": "department", "unit": "so-y-te"})
    assert not at.exception
    row = cli_row(demo_url, "2025", "so-y-te")
    assert (float(row["target"]), row["status"]) == (80.0, "meets")
    shown = metrics(at)
    assert shown["Chỉ số SIPAS"] == f"{comma(row['value'])}%"
    assert shown["Cách mục tiêu 80%"] == "Đã đạt"
    at.switch_page("pages/overview.py").run()
    bars = {r["unit"]: r for r in chart_rows(at, 0) if "mark_text" in r}
    assert bars["so-y-te"]["mark_text"] == f"{comma(row['value'])}% / ≥80%"
    assert bars["so-y-te"]["status_text"] == "✔ Đạt mục tiêu"
