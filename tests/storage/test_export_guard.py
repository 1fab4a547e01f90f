"""A download's file is made only for a session that still may have it, and every file made
is in the audit log: sipas.accounts.exports on SQLite and PostgreSQL, called as Streamlit's
deferred-file request calls it (outside any page run)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine

from sipas.accounts import registry
from sipas.accounts.exports import ExportRefused, ExportRequest, produce
from sipas.core.permissions import EXPORT, LEADER, READ_AUDIT
from sipas.storage.audit import audit_frame
from sipas.storage.engine import transaction

PASSWORD = "Mật-khẩu-đủ-dài-9"


def leader(engine: Engine) -> ExportRequest:
    with transaction(engine) as session:
        account = registry.add_account(session, "quantri", "lanhdao.moi", LEADER, PASSWORD)
    details = {"kind": "report_xlsx", "filters": {"wave": "2024"}}
    return ExportRequest(
        account.username, account.session_version, None, EXPORT, "bao-cao.xlsx", details
    )


def exports(engine: Engine) -> list[dict[str, object]]:
    with transaction(engine) as session:
        log = audit_frame(session)
    return log[log["action"] == "export"].to_dict("records")


def test_a_file_made_for_a_valid_session_is_audited_with_its_details(engine: Engine) -> None:
    request = leader(engine)
    assert produce(engine, request, lambda: b"PK-file") == b"PK-file"
    (entry,) = exports(engine)
    assert (entry["actor"], entry["object"], entry["outcome"]) == (
        "lanhdao.moi",
        "bao-cao.xlsx",
        "ok",
    )
    assert json.loads(str(entry["details"])) == {"kind": "report_xlsx", "filters": {"wave": "2024"}}


def test_a_deactivated_accounts_open_session_gets_no_file(engine: Engine) -> None:
    request = leader(engine)
    with transaction(engine) as session:
        registry.deactivate(session, "quantri", "lanhdao.moi")
    made: list[bool] = []
    with pytest.raises(ExportRefused, match="Phiên làm việc đã kết thúc"):
        produce(engine, request, lambda: made.append(True) or b"data")
    assert not made  # the file was never built
    (entry,) = exports(engine)
    assert entry["outcome"] == "denied"
    assert json.loads(str(entry["details"]))["reason"] == "session_ended"


def test_a_session_from_before_a_role_change_gets_no_file(engine: Engine) -> None:
    request = leader(engine)
    with transaction(engine) as session:
        registry.set_role(session, "quantri", "lanhdao.moi", "staff")
    with pytest.raises(ExportRefused):
        produce(engine, request, lambda: b"data")


def test_a_permission_the_role_lacks_is_refused_and_recorded(engine: Engine) -> None:
    request = leader(engine)
    audit_file = ExportRequest(
        request.username, request.session_version, None, READ_AUDIT, "nhat-ky.csv"
    )
    with pytest.raises(ExportRefused, match="không có quyền"):
        produce(engine, audit_file, lambda: b"data")
    (entry,) = exports(engine)
    assert (entry["object"], entry["outcome"]) == ("nhat-ky.csv", "denied")
    assert json.loads(str(entry["details"])) == {
        "reason": "not_permitted",
        "permission": "read_audit",
    }
