"""Recognising unit names as staff write them, on the administrative map of the wave's date.

"Huyện Bác Ái", "H. Bác Ái", "bac ai" and the NFD form all name the unit bac-ai; "Xã Ninh Sơn"
names only the commune, while "Ninh Sơn" names the district until 30/06/2025 and the commune
after. Unknown names get the closest known units as suggestions.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

import pandas as pd

from sipas.core.formatting import format_date
from sipas.core.i18n import t
from sipas.core.textnorm import clean_text, match_key
from sipas.ingest.vocabulary import load_vocabulary
from sipas.reference.units import name_key, typed_unit_type, valid_on


@dataclass(frozen=True)
class UnitMatch:
    """A unit code, or None and the Vietnamese reason why the name names no single unit."""

    code: str | None
    reason: str = ""
    candidates: tuple[str, ...] = ()  # a name that fits several valid units: which ones


class UnitResolver:
    """Matches names against the units valid on `day` (all units when `day` is None)."""

    def __init__(self, units: pd.DataFrame, aliases: pd.DataFrame, day: dt.date | None) -> None:
        self._units = units.set_index("code")
        self._day = day
        alive = valid_on(units, day) if day is not None else pd.Series(True, index=units.index)
        self._valid = set(units.loc[alive, "code"])
        self._by_key: dict[str, set[str]] = {}
        for key, code in zip(aliases["alias_key"], aliases["code"], strict=True):
            for variant in {key, _variant(key)}:
                self._by_key.setdefault(variant, set()).add(code)
        for code in units["code"]:
            self._by_key.setdefault(match_key(code), set()).add(code)
        # Files from national systems name units by the statistics office's code.
        official = units["official_code"] if "official_code" in units else pd.Series()
        for code, number in zip(units["code"], official, strict=False):
            if isinstance(number, str) and number:
                self._by_key.setdefault(match_key(number), set()).add(code)

    def resolve(self, name: object) -> UnitMatch:
        """The unit a name stands for; a full-name match ("Xã Ninh Sơn") wins over a bare one."""
        text = clean_text(str(name))
        for key in dict.fromkeys((match_key(text), name_key(text))):
            for candidates in (
                self._by_key.get(key, set()),
                self._by_key.get(_variant(key), set()),
            ):
                if candidates:
                    return self._choose(text, candidates)
        return UnitMatch(None, self._unknown(text))

    def _choose(self, text: str, candidates: set[str]) -> UnitMatch:
        valid = sorted(candidates & self._valid)
        typed = typed_unit_type(text)
        if typed and len(valid) > 1:
            # "H. Ninh Sơn" names the huyện, not the xã of the same name
            of_type = [code for code in valid if self._type(code) == typed]
            valid = of_type or valid
        if len(valid) == 1:
            return UnitMatch(valid[0])
        if len(valid) > 1:
            names = ", ".join(self.label(code) for code in valid)
            reason = t("import.units.ambiguous", name=text, units=names)
            return UnitMatch(None, reason, tuple(valid))
        names = ", ".join(self.label(code) for code in sorted(candidates))
        day = format_date(self._day) if self._day else ""
        return UnitMatch(None, t("import.units.not_valid", name=text, units=names, day=day))

    def _unknown(self, text: str) -> str:
        close = self.suggestions(text)
        if close:
            return t("import.units.unknown_suggest", name=text, suggestions=", ".join(close))
        return t("import.units.unknown", name=text)

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        """The full names of the valid units whose names are closest to `text`."""
        keys = {name_key(self._units.at[c, "full_name"]): c for c in sorted(self._valid)}
        close = difflib.get_close_matches(name_key(text), list(keys), n=limit, cutoff=0.6)
        return [self.label(keys[k]) for k in close]

    def label(self, code: str) -> str:
        """The unit's full name."""
        return str(self._units.at[code, "full_name"])

    def _type(self, code: str) -> str:
        return match_key(self._units.at[code, "unit_type"])

    def level_of(self, code: str) -> str:
        return str(self._units.at[code, "level"])


def _variant(key: str) -> str:
    """The key with known spelling variants unified ("krong pac" → "krong pak")."""
    variants = load_vocabulary().unit_variants
    return " ".join(variants.get(word, word) for word in key.split())
