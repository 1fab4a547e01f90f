"""Recognising columns by their header, whatever the case, diacritics, Unicode form and spacing.

A header may be a label ("Đơn vị", "MaPhieu"), an item reference ("Câu 1", "q_1", "TC01",
"C15", "Tiêu chí 1", "1.2" for element 1 item 2) or an item's full statement. Targets are the
column names of sipas.batch / sipas.schema, item codes of the wave's method, and IGNORE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sipas.core import schema as s
from sipas.core.schema import CHANGE, INDEX, RANK
from sipas.core.textnorm import match_key
from sipas.ingest.vocabulary import IGNORE, Vocabulary, load_vocabulary
from sipas.method.batch import COMMENT, EXTERNAL_ID, PROCEDURE, SURVEY_DATE
from sipas.reference.questionnaires import Method

N = s.N
RESPONDENT_COLUMNS = (
    s.UNIT,
    s.FIELD,
    PROCEDURE,
    SURVEY_DATE,
    EXTERNAL_ID,
    *s.ATTRIBUTES,
    COMMENT,
)
AGGREGATE_COLUMNS = (s.UNIT, s.FIELD, s.ELEMENT, INDEX, N, RANK, CHANGE)
_NUMBERED = re.compile(r"^(?P<prefix>[a-z ]*?)\s*0*(?P<number>\d{1,3})(?: .*)?$")
_ELEMENT_ITEM = re.compile(r"^(?:yt|yeu to)?\s*(?P<element>\d)\s+(?P<item>\d{1,2})$")


@dataclass(frozen=True)
class Targets:
    """What columns of one kind of file can be, in display order."""

    kind: str
    method: Method

    @property
    def fixed(self) -> tuple[str, ...]:
        return RESPONDENT_COLUMNS if self.kind == s.RESPONDENT_KIND else AGGREGATE_COLUMNS

    @property
    def items(self) -> tuple[str, ...]:
        return self.method.item_codes if self.kind == s.RESPONDENT_KIND else ()

    @property
    def pillars(self) -> tuple[str, ...]:
        """Pillar columns of a published table ("Chính sách", "Dịch vụ") when the method
        has several pillars."""
        if self.kind == s.RESPONDENT_KIND or len(self.method.pillars) < 2:
            return ()
        return tuple(p.code for p in self.method.pillars)

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.fixed, *self.items, *self.pillars, IGNORE)


def guess_target(
    parts: Sequence[str], targets: Targets, vocabulary: Vocabulary | None = None
) -> str | None:
    """The target a header (its parts from the top header row down) names, or None.

    Exact names are tried first (the whole label, then each part from the bottom up), then
    item references, then labels that start with a known name: a merged group title above
    "Số phiếu" or "Câu 1" must not hide what the column is.
    """
    words = vocabulary or load_vocabulary()
    texts = [" ".join(p for p in parts if p), *reversed([p for p in parts if p])]
    keys = [k for k in dict.fromkeys(match_key(text) for text in texts) if k]
    allowed = set(targets.all)
    for key in keys:
        exact = _alias(key, words)
        if exact in allowed:
            return exact
    for key in keys if targets.items else ():
        item = _item(key, targets.method, words)
        if item:
            return item
    for key in keys if targets.pillars else ():
        pillar = _pillar(key, targets.method)
        if pillar:
            return pillar
    for key in keys:
        prefixed = _alias_prefix(key, words)
        if prefixed in allowed:
            return prefixed
    return None


def _alias(key: str, words: Vocabulary) -> str | None:
    found = words.column_aliases.get(key)
    if found:
        return found
    compact = key.replace(" ", "")
    for alias, target in words.column_aliases.items():
        if alias.replace(" ", "") == compact:
            return target
    return None


def _alias_prefix(key: str, words: Vocabulary) -> str | None:
    """A header that starts with an alias: "Chỉ số (%) năm 2024" → index."""
    best = max(
        (
            alias
            for alias in words.column_aliases
            if len(alias) >= 4 and key.startswith(alias + " ")
        ),
        key=len,
        default=None,
    )
    return words.column_aliases[best] if best else None


def _item(key: str, method: Method, words: Vocabulary) -> str | None:
    codes = {code.lower(): code for code in method.item_codes}
    compact = key.replace(" ", "")
    if compact in codes:
        return codes[compact]
    pair = _ELEMENT_ITEM.match(key)
    if pair:
        return _item_in_element(method, int(pair.group("element")), int(pair.group("item")))
    numbered = _NUMBERED.match(key)
    if numbered and _is_item_prefix(numbered.group("prefix").strip(), words):
        return _item_by_number(method, int(numbered.group("number")))
    texts = {match_key(item.text): item.code for item in method.items}
    return texts.get(key)


def _pillar(key: str, method: Method) -> str | None:
    """The one pillar a header names by its code, its name or the first two words of its
    short name ("Chỉ số trụ cột chính sách", "Dịch vụ", "Cung ứng dịch vụ hành chính công")."""
    found = {
        p.code
        for p in method.pillars
        if key in (match_key(p.code), match_key(p.name))
        or f" {' '.join(match_key(p.short_name).split()[:2])} " in f" {key} "
    }
    return found.pop() if len(found) == 1 else None


def _is_item_prefix(prefix: str, words: Vocabulary) -> bool:
    compact = prefix.replace(" ", "")
    return prefix == "" or any(compact == p.replace(" ", "") for p in words.item_prefixes)


def _item_by_number(method: Method, number: int) -> str | None:
    return next((item.code for item in method.items if item.number == number), None)


def _item_in_element(method: Method, element: int, position: int) -> str | None:
    for candidate in method.elements:
        if candidate.number == element and 1 <= position <= len(candidate.items):
            return candidate.items[position - 1].code
    return None


def auto_mapping(labels: Sequence[Sequence[str]], targets: Targets) -> dict[int, str]:
    """Column index → target for every recognised column; a target claimed by an earlier
    column is not given to a later one (the later column stays unmapped, for staff to see)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for column, parts in enumerate(labels):
        target = guess_target(parts, targets)
        if target is None or (target in taken and target != IGNORE):
            continue
        mapping[column] = target
        taken.add(target)
    return mapping
