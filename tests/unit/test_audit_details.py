"""The audit log's details column reads in Vietnamese ("vai trò: Quản trị; đơn vị: –")."""

from __future__ import annotations

import json

import pandas as pd

from sipas.accounts.audit import display_frame


def details(raw: dict[str, object]) -> str:
    events = pd.DataFrame(
        {
            "at": [pd.Timestamp("2025-01-02 03:04:05", tz="UTC")],
            "actor": ["quantri"],
            "action": ["login"],
            "object": ["quantri"],
            "outcome": ["ok"],
            "details": [json.dumps(raw)],
        }
    )
    return str(display_frame(events).iloc[0, -1])


def test_keys_and_roles_are_in_vietnamese_and_nothing_is_a_dash() -> None:
    assert details({"role": "admin", "unit": None}) == "vai trò: Quản trị; đơn vị: –"
    assert details({"valid_rows_only": False, "rows_total": 12}) == (
        "chỉ nhập dòng hợp lệ: không; tổng số dòng: 12"
    )


def test_an_unknown_key_is_kept_as_stored() -> None:
    assert details({"something_new": "x"}) == "something_new: x"
