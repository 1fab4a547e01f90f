"""Database errors as sentences for the people who meet them: what happened and what to do,
in Vietnamese, without the SQL statement or the values it carried (an import's failing
INSERT holds respondents' answers). The web app logs the full error on the server."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from sipas.core.i18n import t

# (key of security.database, SQLSTATE codes, words in the driver's message)
KINDS = (
    ("disk_full", ("53100", "53200"), ("database or disk is full", "no space left", "disk full")),
    ("permission", ("42501",), ("readonly database", "permission denied", "read-only")),
    (
        "busy",
        ("55P03", "40001", "40P01"),
        ("database is locked", "deadlock", "could not serialize"),
    ),
    (
        "unreachable",
        ("08000", "08001", "08006", "57P01", "57P03", "28P01", "28000", "3D000"),
        (
            "could not connect",
            "connection refused",
            "unable to open database",
            "server closed the connection",
            "connection is closed",
            "password authentication failed",
        ),
    ),
)


def kind_of(error: SQLAlchemyError) -> str:
    """Which of disk_full, permission, busy, unreachable the error is; "other" otherwise."""
    original = getattr(error, "orig", None)
    state = str(getattr(original, "sqlstate", "") or getattr(original, "pgcode", "") or "")
    text = str(original if original is not None else error).lower()
    for kind, states, words in KINDS:
        if state in states or any(word in text for word in words):
            return kind
    return "other"


def describe(error: SQLAlchemyError) -> str:
    """The Vietnamese sentence for a database error (the caller logs the error itself)."""
    return t(f"security.database.{kind_of(error)}")
