"""Text put in order the same way on every database: by code point, as SQLite does.

SQLite orders text with its BINARY collation (UTF-8 bytes, which is code-point order);
PostgreSQL orders it with the database's collation, which on a server set up in Vietnamese
puts lower case before upper case and "Đ" right after "D". An ORDER BY on text goes through
`by_code_point`, which names the collation that compares bytes: "C" on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlalchemy.orm import QueryableAttribute, Session


def by_code_point(session: Session, column: QueryableAttribute[str]) -> ColumnElement[str]:
    """`column` to order by, compared by code point on the database of `session`."""
    postgres = session.get_bind().dialect.name == "postgresql"
    return column.collate("C" if postgres else "BINARY")
