"""Across the 2025 reform: the units that replaced a legacy unit chosen for a newer wave."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from sipas.accounts import audit as auditlog
from sipas.accounts import registry as accounts
from sipas.accounts.registry import AccountError
from sipas.core import schema as s
from sipas.core.i18n import t
from sipas.dashboard.filterstate import FilterState
from sipas.dashboard.scope import unit_labels
from sipas.method.results import WaveCounts
from sipas.reference.units import name_key


@dataclass(frozen=True)
class SuccessorOffer:
    """Choose `successors` (at `level`) instead of the legacy unit `unit`, which the wave does
    not have; `text` is the Vietnamese offer, `button` its one-click label."""

    unit: str
    level: str
    successors: tuple[str, ...]
    text: str
    button: str


def successor_offer(
    state: FilterState, counts: WaveCounts, units: pd.DataFrame, successors: pd.DataFrame
) -> SuccessorOffer | None:
    """For the first chosen unit (or the unit in focus) without answers in this wave that has
    successors with answers: the offer to choose those (heaviest first); else None.

    `successors` is storage.units.successors_frame (unit_code, successor_code, weight)."""
    present = counts.unit_codes
    labels = unit_labels(units)
    level_of = dict(zip(units["code"], units["level"], strict=True))
    for code in dict.fromkeys((*state.units, state.focus)):
        if not code or code in present:
            continue
        links = successors[successors["unit_code"] == code]
        found = tuple(c for c in links["successor_code"] if c in present)
        if not found:
            continue
        names = ", ".join(labels.get(c, c) for c in found)
        return SuccessorOffer(
            unit=code,
            level=level_of.get(found[0], s.COMMUNE),
            successors=found,
            text=t("units.offer.text", unit=labels.get(code, code), successors=names),
            button=t("units.offer.button"),
        )
    return None


def without_offered(notes: tuple[str, ...], offer: SuccessorOffer | None, label: str) -> list[str]:
    """The filter notes, less the one that only said the offered unit was dropped."""
    if offer is None:
        return list(notes)
    return [note for note in notes if label not in note]


def rebind_choices(
    unit_code: str | None, units: pd.DataFrame, successors: pd.DataFrame, today: dt.date
) -> tuple[str, ...]:
    """The successors of the unit an account is bound to, when that unit's period ended
    before `today` (heaviest first; among equals, the one that kept the unit's name first:
    huyện Ninh Sơn → Xã Ninh Sơn); () otherwise."""
    if not unit_code:
        return ()
    row = units[units["code"] == unit_code]
    if row.empty:
        return ()
    end = row.iloc[0]["valid_to"]
    if not isinstance(end, dt.date) or end >= today:
        return ()
    links = successors[successors["unit_code"] == unit_code]
    names = dict(zip(units["code"], units["name"].map(name_key), strict=True))
    own = name_key(row.iloc[0]["name"])
    ranked = sorted(
        zip(links["successor_code"], links["weight"], strict=True),
        key=lambda link: (-link[1], names.get(link[0]) != own),
    )
    return tuple(code for code, _weight in ranked)


@dataclass(frozen=True)
class Rebinding:
    """An account bound to an ended unit and the successor proposed for it (the heaviest)."""

    username: str
    old: str
    new: str


def rebindings(
    bound: Iterable[tuple[str, str]], units: pd.DataFrame, successors: pd.DataFrame, today: dt.date
) -> list[Rebinding]:
    """For (username, unit code) pairs, the accounts whose unit ended before `today` with the
    first of its rebind_choices; accounts of units without a successor are left out."""
    return [
        Rebinding(username, old, choices[0])
        for username, old in bound
        if (choices := rebind_choices(old, units, successors, today))
    ]


def rebind(engine: Engine, actor: str, move: Rebinding, via: str) -> None:
    """Bind the account to the proposed successor: the audited account_unit change."""
    change = auditlog.Change(actor, auditlog.ACCOUNT_UNIT, move.username, {"via": via})
    work = functools.partial(
        accounts.set_unit, actor=actor, username=move.username, unit_code=move.new
    )
    auditlog.audited(engine, change, work, (AccountError,))
