"""The audit log's hash chain: each entry's hash covers the previous entry's hash and the
entry's own content (id, time, actor, action, object, outcome, details), so an entry changed,
removed or slipped in afterwards breaks the chain from there on.

On PostgreSQL the database computes the hash and stamps the time itself (a trigger of
migration 0013, whatever the client sends); on SQLite one INSERT … SELECT does it, with the
hash function below registered on every connection (sipas.storage.engine). `verify_chain`
recomputes the chain in id order and names the first entry that does not match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.storage.models.system import AuditEvent

AT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # as PostgreSQL's to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')


def payload(previous: str | None, *fields: object) -> str:
    """The text hashed for one entry: every part as "<length>:<text>", so that no two
    different entries give the same text (None and "" are both empty)."""
    parts = [previous, *fields]
    return "".join(f"{len(text)}:{text}" for text in ("" if p is None else str(p) for p in parts))


def entry_hash(
    previous: str | None,
    id_: int,
    at: str,
    actor: str,
    action: str,
    object_: str,
    outcome: str,
    details: str,
) -> str:
    """SHA-256 (hex) of an entry chained to the `previous` entry's hash; `at` as AT_FORMAT."""
    text = payload(previous, id_, at, actor, action, object_, outcome, details)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """What a check of the chain found: how many entries it read, and the first entry whose
    hash does not match (with the hash stored and the one expected), if any."""

    checked: int
    broken_id: int | None = None
    stored: str | None = None
    expected: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def _rows(session: Session) -> Iterable[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=2_000)
    return session.scalars(query)


def verify_chain(session: Session) -> ChainReport:
    """Recompute the chain from the first entry; stops at the first broken link."""
    previous: str | None = None
    checked = 0
    for row in _rows(session):
        expected = entry_hash(
            previous,
            row.id,
            format_at(row.at),
            row.actor,
            row.action,
            row.object,
            row.outcome,
            row.details,
        )
        checked += 1
        if row.hash != expected:
            return ChainReport(checked, row.id, row.hash, expected)
        previous = row.hash
    return ChainReport(checked)


def format_at(moment: dt.datetime) -> str:
    return moment.strftime(AT_FORMAT)
