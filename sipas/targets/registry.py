"""The target registry: add, edit, retire and restore targets, with validation, permission,
history, audit log and data version in one transaction; seeding from data/targets.yaml; and
reading the registry as ThresholdTarget / RankTarget lists for the gap computations.

Targets are never deleted: retiring one from a day on keeps it for the waves surveyed before,
so past reports still show the target that applied then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from sipas.core.i18n import t
from sipas.core.permissions import MANAGE_TARGETS, User
from sipas.storage import targets as store
from sipas.storage.audit import record_event
from sipas.storage.state import bump_data_version
from sipas.storage.targets import SYSTEM_ACTOR, TargetRecord, TargetSpec
from sipas.storage.waves import list_waves
from sipas.targets.rules import GTE, THRESHOLD, RankTarget, ThresholdTarget
from sipas.targets.seeds import load_seeds
from sipas.targets.validation import RegistryContext, registry_context, validate_spec

_R = TypeVar("_R")


class TargetError(ValueError):
    """A change of targets that is refused; `messages` are Vietnamese, one per problem."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


@dataclass(frozen=True)
class TargetSet:
    """Every target of the registry (retired ones included: they still apply to old waves)."""

    thresholds: tuple[ThresholdTarget, ...] = ()
    ranks: tuple[RankTarget, ...] = ()


def _require(user: User) -> None:
    if not user.can(MANAGE_TARGETS):
        raise TargetError([t("targets.errors.forbidden")])


def _checked(
    session: Session, spec: TargetSpec, target_id: int | None = None
) -> tuple[TargetSpec, RegistryContext]:
    context = registry_context(session)
    spec, problems = validate_spec(spec, context, store.list_targets(session), target_id)
    if problems:
        raise TargetError(problems)
    return spec, context


def _record_change(
    session: Session, actor: str, action: str, record: TargetRecord, details: dict[str, Any]
) -> None:
    record_event(session, actor, f"target.{action}", f"target:{record.id}", details=details)
    bump_data_version(session)


def create_target(session: Session, spec: TargetSpec, user: User) -> TargetRecord:
    """Add a target after validation; raises TargetError (nothing written) when refused."""
    _require(user)
    spec, _ = _checked(session, spec)
    record = store.insert_target(session, spec, user.username)
    _record_change(session, user.username, "create", record, asdict(spec))
    return record


def edit_target(
    session: Session,
    target_id: int,
    spec: TargetSpec,
    user: User,
    expected_version: int,
    reason: str = "",
) -> TargetRecord:
    """Correct what a target says. A retired target must be restored first; a changed plan is
    a new target (retire the old one), so that past reports keep what applied then."""
    _require(user)
    current = _existing(session, target_id)
    if current.is_retired:
        raise TargetError([t("targets.errors.edit_retired", id=target_id)])
    spec, _ = _checked(session, spec, target_id)
    record = _stored(
        lambda: store.update_target(
            session, target_id, spec, user.username, expected_version, reason.strip()
        )
    )
    if record.version != current.version:
        changed = {key: [before, after] for key, before, after in _diff(current.spec, record.spec)}
        _record_change(session, user.username, "edit", record, {"changes": changed})
    return record


def retire_target(
    session: Session,
    target_id: int,
    user: User,
    expected_version: int,
    retired_from: dt.date,
    reason: str,
) -> TargetRecord:
    """Stop a target from `retired_from` on: waves surveyed until the day before keep it."""
    _require(user)
    current = _existing(session, target_id)
    problems = []
    if current.is_retired:
        problems.append(t("targets.errors.already_retired", id=target_id))
    if not reason.strip():
        problems.append(t("targets.errors.reason_required"))
    if problems:
        raise TargetError(problems)
    record = _stored(
        lambda: store.set_retired(
            session, target_id, user.username, expected_version, retired_from, reason.strip()
        )
    )
    details = {"retired_from": retired_from.isoformat(), "reason": reason.strip()}
    _record_change(session, user.username, "retire", record, details)
    return record


def restore_target(
    session: Session, target_id: int, user: User, expected_version: int, reason: str
) -> TargetRecord:
    """Make a retired target apply again (for example after a retirement by mistake)."""
    _require(user)
    current = _existing(session, target_id)
    problems = []
    if not current.is_retired:
        problems.append(t("targets.errors.not_retired", id=target_id))
    if not reason.strip():
        problems.append(t("targets.errors.reason_required"))
    if problems:
        raise TargetError(problems)
    _checked(session, current.spec, target_id)  # it must not duplicate an active target
    record = _stored(
        lambda: store.set_retired(
            session, target_id, user.username, expected_version, None, reason.strip()
        )
    )
    _record_change(session, user.username, "restore", record, {"reason": reason.strip()})
    return record


def _existing(session: Session, target_id: int) -> TargetRecord:
    return _stored(lambda: store.get_target(session, target_id))


def _stored(action: Callable[[], _R]) -> _R:
    try:
        return action()
    except store.TargetStorageError as error:
        raise TargetError([str(error)]) from error


def _diff(before: TargetSpec, after: TargetSpec) -> list[tuple[str, object, object]]:
    old, new = asdict(before), asdict(after)
    return [(key, old[key], new[key]) for key in old if old[key] != new[key]]


def seed_targets(session: Session, *, examples: bool = False, actor: str = SYSTEM_ACTOR) -> int:
    """Add the targets of data/targets.yaml that were never seeded (the examples on the demo
    data only when `examples`). Targets seeded before are left as staff left them; a seed
    that would duplicate a target staff added is skipped. Returns how many were added."""
    done = store.seed_keys(session)
    context: RegistryContext | None = None
    added = 0
    for seed in load_seeds():
        if seed.key in done or (seed.example and not examples):
            continue
        context = context or registry_context(session)
        spec, problems = validate_spec(seed.spec, context, store.list_targets(session))
        if problems:
            continue
        store.insert_target(session, spec, actor, seed_key=seed.key)
        added += 1
    if added:
        # Not a user action, so not in the audit log; each target's history says "seeded".
        bump_data_version(session)
    return added


def load_targets(session: Session) -> TargetSet:
    """The registry as targets; wave ranges are resolved to the wave codes they span."""
    order = [wave.code for wave in list_waves(session)]
    thresholds: list[ThresholdTarget] = []
    ranks: list[RankTarget] = []
    for record in store.list_targets(session):
        target = as_target(record, order)
        if isinstance(target, ThresholdTarget):
            thresholds.append(target)
        else:
            ranks.append(target)
    return TargetSet(tuple(thresholds), tuple(ranks))


def as_target(record: TargetRecord, wave_order: Sequence[str]) -> ThresholdTarget | RankTarget:
    """The stored target as a ThresholdTarget or RankTarget."""
    spec = record.spec
    common = {
        "parent": spec.parent_code,
        "waves": _wave_span(spec, wave_order),
        "retired_from": record.retired_from,
        "id": record.id,
        "note": spec.note,
    }
    scope = (spec.measure, spec.unit_code, spec.field_code, spec.level)
    if spec.kind == THRESHOLD:
        return ThresholdTarget(
            float(spec.value or 0),
            spec.source,
            spec.first_year,
            spec.last_year,
            *scope,
            comparison=spec.comparison or GTE,
            **common,  # type: ignore[arg-type]
        )
    return RankTarget(
        spec.kind,
        int(spec.rank_n or 0),
        spec.source,
        spec.first_year,
        spec.last_year,
        *scope,
        **common,  # type: ignore[arg-type]
    )


def _wave_span(spec: TargetSpec, order: Sequence[str]) -> frozenset[str] | None:
    """The waves from first_wave to last_wave (inclusive); None without a wave range or when
    either end no longer exists (then the years decide)."""
    if not spec.first_wave or not spec.last_wave:
        return None
    if spec.first_wave not in order or spec.last_wave not in order:
        return None
    first, last = order.index(spec.first_wave), order.index(spec.last_wave)
    return frozenset(order[first : last + 1])
