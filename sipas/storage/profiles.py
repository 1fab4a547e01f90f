"""Named mapping profiles: how the columns (and field texts) of a recurring file shape map."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sipas.core import clock
from sipas.core.i18n import t
from sipas.storage.models.survey import ImportProfile
from sipas.storage.textorder import by_code_point


class ProfileError(ValueError):
    """A profile that cannot be found or saved; the message is Vietnamese."""


@dataclass(frozen=True)
class MappingProfile:
    """Header key → target column ("ignore" to skip), field text key → field code."""

    name: str
    kind: str
    columns: dict[str, str]
    fields: dict[str, str]


def save_profile(session: Session, profile: MappingProfile, actor: str) -> None:
    """Create the profile, or replace the one with the same name (same kind only)."""
    name = profile.name.strip()
    if not name or len(name) > 100:
        raise ProfileError(t("import.profile.bad_name"))
    row = session.scalar(select(ImportProfile).where(ImportProfile.name == name))
    if row is not None and row.kind != profile.kind:
        raise ProfileError(t("import.profile.other_kind", name=name))
    row = row or ImportProfile(name=name, kind=profile.kind)
    row.columns = json.dumps(profile.columns, ensure_ascii=False, sort_keys=True)
    row.field_map = json.dumps(profile.fields, ensure_ascii=False, sort_keys=True)
    row.updated_by = actor
    row.updated_at = clock.now()
    session.add(row)
    session.flush()


def load_profile(session: Session, name: str) -> MappingProfile:
    """The profile with this name; raises ProfileError naming the saved ones."""
    row = session.scalar(select(ImportProfile).where(ImportProfile.name == name.strip()))
    if row is None:
        known = ", ".join(p.name for p in list_profiles(session)) or t("import.profile.none")
        raise ProfileError(t("import.profile.unknown", name=name, known=known))
    return MappingProfile(row.name, row.kind, json.loads(row.columns), json.loads(row.field_map))


def list_profiles(session: Session, kind: str | None = None) -> list[MappingProfile]:
    query = select(ImportProfile).order_by(by_code_point(session, ImportProfile.name))
    if kind:
        query = query.where(ImportProfile.kind == kind)
    return [
        MappingProfile(r.name, r.kind, json.loads(r.columns), json.loads(r.field_map))
        for r in session.scalars(query)
    ]
