"""The rank range on the pages: where a unit's simulated rank spans several places, the unit
page and the rankings table say so in plain words, with the `gaps` command's figures."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.app.test_dashboard import table_with
from tests.app.test_unit_page import PAGE, cli_row


def test_the_unit_page_gives_the_rank_range_of_the_gaps_command(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    row = cli_row(demo_url, "2024", "ninh-son")
    low, high = int(row["rank_range_low"]), int(row["rank_range_high"])
    assert low < high  # the demo's Ninh Sơn: 4th, but 3rd in some of the draws
    at = app(PAGE, {"wave": "2024", "level": "district", "unit": "ninh-son"})
    assert not at.exception
    rank = next(m for m in at.metric if m.label == "Xếp hạng")
    assert rank.value == f"{row['rank']}/{row['of']}"
    assert rank.proto.delta == f"từ {low} đến {high}"
    sentences = "\n".join(m.value for m in at.markdown)
    assert f"Với sai số chọn mẫu, hạng có thể từ {low} đến {high} (trong 95%" in sentences
    # a unit whose every draw gives the same place gets no range
    last = cli_row(demo_url, "2024", "bac-ai")
    assert last["rank_range_low"] == last["rank_range_high"]
    at = app(PAGE, {"wave": "2024", "level": "district", "unit": "bac-ai"})
    assert not next(m for m in at.metric if m.label == "Xếp hạng").proto.delta
    assert "hạng có thể từ" not in "\n".join(m.value for m in at.markdown)


def test_the_rankings_table_gives_the_range_beside_the_rank(
    app: Callable[..., AppTest], demo_url: str
) -> None:
    row = cli_row(demo_url, "2024", "ninh-son")
    at = app("pages/rankings.py", {"wave": "2024", "level": "district"})
    assert not at.exception
    table = table_with(at, "Hạng có thể").set_index("Đơn vị")
    words = f"từ {row['rank_range_low']} đến {row['rank_range_high']}"
    assert table.loc["Ninh Sơn", "Hạng có thể"] == words
    assert table.loc["Ninh Sơn", "Hạng"] == f"{row['rank']}/{row['of']}"
    assert table.loc["Bác Ái", "Hạng có thể"] == ""  # one place in every draw
    # another measure is not the gap table's simulation: no range
    at = app("pages/rankings.py", {"wave": "2024", "level": "district", "measure": "element:YT3"})
    assert table_with(at, "Hạng")["Hạng"].tolist()  # the table is there, without the column
    assert not any("Hạng có thể" in d.value.columns for d in at.dataframe)
