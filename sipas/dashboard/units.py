"""The units page's tables: units of one level with codes, validity and successors, searched
without diacritics."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_date
from sipas.core.i18n import t
from sipas.core.textnorm import search_key

# The short name is left out: the full name holds it, and the successors need the width.
COLUMNS = (
    "code",
    "official_code",
    "full_name",
    "unit_type",
    "parent",
    "valid_from",
    "valid_to",
    "successors",
)


def matches(frame: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose code, official code or names hold every word of `query`, diacritics and
    case aside ("lam son" finds Xã Lâm Sơn)."""
    words = search_key(query).split()
    haystack = (
        frame["code"] + " " + frame["official_code"].fillna("") + " " + frame["full_name"]
    ).map(search_key)
    keep = pd.Series(True, index=frame.index)
    for word in words:
        keep &= haystack.str.contains(f" {word}", regex=False)
    return keep


def successor_names(successors: str, names: dict[str, str]) -> str:
    """ "vn34-22015:6; vn34-22045:4" → "Phường Tuy Hòa (6), Phường Bình Kiến (4)" (the number
    of former communes that went into each)."""
    parts = [part.rsplit(":", 1) for part in successors.split("; ") if part]
    return ", ".join(f"{names.get(code, code)} ({weight})" for code, weight in parts)


def units_display(units: pd.DataFrame, level: str, query: str = "") -> pd.DataFrame:
    """Units of `level` from storage.units.list_units, Vietnamese headers, dates dd/mm/yyyy,
    parents and successors by name."""
    names = dict(zip(units["code"], units["full_name"], strict=True))
    chosen = units[units["level"] == level]
    chosen = chosen[matches(chosen, query)] if query.strip() else chosen
    shown = pd.DataFrame(
        {
            "code": chosen["code"],
            "official_code": chosen["official_code"].fillna(""),
            "full_name": chosen["full_name"],
            "unit_type": chosen["unit_type"],
            "parent": chosen["parent_code"].map(lambda c: names.get(c, "") if c else ""),
            "valid_from": chosen["valid_from"].map(_day),
            "valid_to": chosen["valid_to"].map(_day),
            "successors": chosen["successors"].map(lambda s: successor_names(s, names)),
        }
    )
    return shown.rename(columns={c: t(f"units.columns.{c}") for c in COLUMNS})


def _day(value: object) -> str:
    return format_date(value) if isinstance(value, dt.date) else ""


def successor_offer(units: pd.DataFrame, code: str) -> list[str]:
    """The codes of the units that `code`'s territory went into, heaviest first."""
    row = units[units["code"] == code]
    if row.empty or not row.iloc[0]["successors"]:
        return []
    return [part.rsplit(":", 1)[0] for part in str(row.iloc[0]["successors"]).split("; ")]


def successor_lines(units: pd.DataFrame, level: str, query: str, limit: int = 5) -> list[str]:
    """ "Huyện Ninh Sơn → Xã Anh Dũng (2), …" for the legacy units the search found, when it
    found at most `limit` (the table cuts long lists)."""
    if not query.strip():
        return []
    names = dict(zip(units["code"], units["full_name"], strict=True))
    chosen = units[(units["level"] == level) & (units["successors"] != "")]
    chosen = chosen[matches(chosen, query)]
    if len(chosen) > limit:
        return []
    return [
        f"{full} → {successor_names(links, names)}"
        for full, links in zip(chosen["full_name"], chosen["successors"], strict=True)
    ]


def province_missing(units: pd.DataFrame) -> bool:
    """True while a database holds no commune, ward or special zone: a new province's
    database, whose units the administrator has still to choose from the official map."""
    return not (units["level"] == s.COMMUNE).any()
