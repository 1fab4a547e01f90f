"""A legacy district chosen for a wave after the 2025 reform: the filter bar offers, in one
click, the communes its territory went into (the demo loads Khánh Hòa's official map)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from sipas.storage.engine import make_engine, transaction
from sipas.storage.models.accounts import Account
from sipas.storage.models.system import AuditEvent
from tests.support.charts import chart_rows, chart_spec


def test_ninh_son_chosen_for_2025_offers_its_successor_communes(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app(None, {"wave": "2025", "level": "district", "units": "ninh-son"})
    assert not at.exception, at.exception
    offers = [i.value for i in at.info if "(cũ) nay thuộc" in i.value]
    assert offers and offers[0].startswith("Ninh Sơn (cũ) nay thuộc: ")
    assert "Xã Lâm Sơn" in offers[0] and "Xã Ninh Sơn" in offers[0]
    assert not any("Đã bỏ chọn Ninh Sơn" in i.value for i in at.info)
    next(b for b in at.button if b.label == "Chọn các đơn vị này").click().run()
    assert not at.exception, at.exception
    chosen = next(m for m in at.multiselect if m.label.startswith("Đơn vị"))
    assert "x-lam-son" in chosen.value and "x-ninh-son" in chosen.value
    assert at.query_params["level"] == "commune"


def test_a_2025_communes_trend_shows_its_predecessor_district_apart(
    app: Callable[..., AppTest], app_env: str
) -> None:
    query = {"wave": "2025", "level": "commune", "units": "x-lam-son"}
    at = app("pages/trends.py", query)
    assert not at.exception, at.exception
    rows = chart_rows(at)
    label = "Xã Lâm Sơn – đơn vị tiền thân: huyện Ninh Sơn"
    before = {r["wave"]: r["value"] for r in rows if r.get("series") == label}
    assert sorted(before) == ["2021", "2022", "2023", "2024"]
    own = {r["wave"] for r in rows if r.get("series") == "Xã Lâm Sơn"}
    assert own == {"2025"}  # never joined with the predecessor's points
    district = dict(zip(*(trends_of_district(at, app, query)), strict=True))
    assert before == district
    # The reform is marked on the chart (a break at 2025) and named under it.
    marks = [r for r in rows if "từ 01/07/2025" in str(r.get("break_text", ""))]
    assert {r["wave"] for r in marks} == {"2025"}
    assert any("từ 01/07/2025" in w.value for w in at.warning)


def trends_of_district(
    at: AppTest, app: Callable[..., AppTest], query: dict[str, str]
) -> tuple[list[str], list[float]]:
    """Ninh Sơn district's own trend points, from the same page chosen for 2024."""
    other = app("pages/trends.py", {"wave": "2024", "level": "district", "units": "ninh-son"})
    rows = [r for r in chart_rows(other) if r.get("series") == "Ninh Sơn"]
    return [r["wave"] for r in rows], [r["value"] for r in rows]


def test_the_rankings_map_places_each_commune_at_its_coordinates(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app("pages/rankings.py", {"wave": "2025", "level": "commune"})
    assert not at.exception, at.exception
    assert any(h.value == "Bản đồ cấp xã" for h in at.subheader)
    spec = chart_spec(at, 1)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["circle", "text"] and spec["projection"]["type"] == "mercator"
    rows = chart_rows(at, 1)
    assert len(rows) == 65  # every commune and ward of Khánh Hòa
    lam_son = next(r for r in rows if r["label"] == "Xã Lâm Sơn")
    # Khánh Hòa's west, inland of Phan Rang (the library's coordinates).
    assert 11.5 < lam_son["latitude"] < 12.0 and 108.6 < lam_son["longitude"] < 108.9
    assert {r["status_text"] for r in rows} <= {
        "✔ Đạt mục tiêu",
        "▲ Thiếu dưới 5 điểm %",
        "✖ Thiếu từ 5 điểm % trở lên",
        "Chưa có mục tiêu",
    }


def test_a_leader_bound_to_a_legacy_district_is_offered_to_rebind(
    app: Callable[..., AppTest], app_env: str
) -> None:
    engine = make_engine(app_env)
    at = app(None, role="leader")
    assert not at.exception, at.exception
    offer = [i.value for i in at.markdown if "đã hết hiệu lực ngày 30/06/2025" in i.value]
    assert offer and "Huyện Ninh Sơn" in offer[0]
    picker = next(s for s in at.selectbox if s.label == "Đơn vị kế thừa")
    assert "Xã Lâm Sơn" in picker.options
    picker.set_value("x-lam-son")
    next(b for b in at.button if b.label == "Gắn tài khoản với đơn vị này").click().run()
    assert not at.exception, at.exception
    with transaction(engine) as session:
        bound = session.scalar(select(Account.unit_code).where(Account.username == "lanhdao"))
        logged = session.execute(
            select(AuditEvent.actor, AuditEvent.action).where(AuditEvent.action == "account_unit")
        ).all()
    engine.dispose()
    assert bound == "x-lam-son"
    assert [tuple(e) for e in logged] == [("lanhdao", "account_unit")]
    assert not any("đã hết hiệu lực ngày" in i.value for i in at.markdown)


def test_the_administrator_rebinds_every_account_of_an_abolished_unit_at_once(
    app: Callable[..., AppTest], app_env: str
) -> None:
    engine = make_engine(app_env)
    at = app("pages/accounts.py")
    assert not at.exception, at.exception
    assert any(h.value == "Tài khoản gắn với đơn vị đã hết hiệu lực" for h in at.subheader)
    table = next(d.value for d in at.dataframe if "Đơn vị kế thừa đề xuất" in list(d.value.columns))
    row = table[table["Tài khoản"] == "lanhdao"].iloc[0]
    assert row["Đơn vị đang gắn (đã hết hiệu lực)"] == "Huyện Ninh Sơn"
    assert row["Đơn vị kế thừa đề xuất"] == "Xã Ninh Sơn"  # the heaviest, named like it
    button = next(b for b in at.button if b.label.startswith("Gắn lại cả"))
    button.click().run()
    assert not at.exception, at.exception
    assert any(s.value.startswith("Đã gắn lại") for s in at.success)
    with transaction(engine) as session:
        bound = session.scalar(select(Account.unit_code).where(Account.username == "lanhdao"))
        logged = session.execute(
            select(AuditEvent.actor, AuditEvent.details).where(AuditEvent.action == "account_unit")
        ).all()
    engine.dispose()
    assert bound == "x-ninh-son"
    assert [actor for actor, _details in logged] == ["quantri"]
    assert not any(h.value == "Tài khoản gắn với đơn vị đã hết hiệu lực" for h in at.subheader)


def test_the_overview_maps_the_level_below_its_grid(
    app: Callable[..., AppTest], app_env: str
) -> None:
    at = app(None, {"wave": "2025", "level": "commune"})
    assert not at.exception, at.exception
    assert any(h.value == "Bản đồ cấp xã" for h in at.subheader)
    maps = [
        i
        for i in range(len(at.get("vega_lite_chart")))
        if chart_spec(at, i).get("projection", {}).get("type") == "mercator"
    ]
    assert len(maps) == 1
    rows = chart_rows(at, maps[0])
    ranked = {r["label"] for r in chart_rows(at, 0) if "label" in r}
    assert {r["label"] for r in rows} <= ranked and len(rows) > 12
    assert all(r["status_text"] for r in rows)
    # the units furthest below their target are named on the map, the others on hover
    named = {r["label"] for r in rows if r["named"]}
    assert named == {r["label"] for r in rows if r["status_text"].startswith("✖")}
