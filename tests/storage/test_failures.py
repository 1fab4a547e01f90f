"""Database errors reach people as Vietnamese sentences, never as SQL with its values: a real
full SQLite database (its page limit reached), a refused write and an unreachable server."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

from sipas.storage import failures

SECRET_ANSWER = "Nguyễn Văn A, 0912345678, rất không hài lòng"


def error_of(url: str, *statements: str) -> SQLAlchemyError:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement), {"value": SECRET_ANSWER * 2000})
    except SQLAlchemyError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("no error")


def test_a_full_database_says_so_without_sql_or_data(tmp_path) -> None:
    error = error_of(
        f"sqlite:///{tmp_path / 'full.db'}",
        "CREATE TABLE answers (text TEXT)",
        "PRAGMA max_page_count = 3",  # what a full disk does to SQLite: no page can be added
        "INSERT INTO answers VALUES (:value)",
    )
    assert "database or disk is full" in str(error) and SECRET_ANSWER in str(error)
    message = failures.describe(error)
    assert message.startswith("Cơ sở dữ liệu hết chỗ lưu trữ (đĩa đầy)")
    assert "INSERT" not in message and "Nguyễn Văn A" not in message


def test_a_read_only_database_and_a_missing_one(tmp_path) -> None:
    path = tmp_path / "ro.db"
    writer = create_engine(f"sqlite:///{path}")
    with writer.begin() as connection:
        connection.execute(text("CREATE TABLE answers (text TEXT)"))
    writer.dispose()
    read_only = error_of(
        f"sqlite:///file:{path}?mode=ro&uri=true", "INSERT INTO answers VALUES (:value)"
    )
    assert failures.kind_of(read_only) == "permission"
    missing = error_of(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}", "SELECT 1")
    assert failures.describe(missing).startswith("Không kết nối được cơ sở dữ liệu.")


@pytest.mark.postgres
def test_postgres_errors_are_told_by_their_sqlstate(postgres_url: str) -> None:
    refused = error_of(
        postgres_url.rsplit("@", 1)[0] + "@127.0.0.1:1/sipas",  # nothing listens on port 1
        "SELECT 1",
    )
    assert failures.kind_of(refused) == "unreachable"
    other = error_of(postgres_url, "SELECT no_such_column FROM pg_class WHERE relname = :value")
    assert failures.kind_of(other) == "other"
    assert SECRET_ANSWER not in failures.describe(other)
