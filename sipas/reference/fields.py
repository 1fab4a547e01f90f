"""Fields of administrative procedures (lĩnh vực) and respondent attributes, as data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.core.config import ATTRIBUTES_FILE, FIELDS_FILE
from sipas.core.textnorm import match_key


@dataclass(frozen=True)
class Field:
    code: str
    name_vi: str
    name_en: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class AttributeValue:
    code: str
    name_vi: str
    name_en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Attribute:
    code: str
    name_vi: str
    name_en: str
    values: tuple[AttributeValue, ...]

    def value_names(self, language: str = "vi") -> dict[str, str]:
        return {v.code: v.name_vi if language == "vi" else v.name_en for v in self.values}


@cache
def load_fields(path: Path = FIELDS_FILE) -> tuple[Field, ...]:
    """The field code list, in display order."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Field(f["code"], f["name_vi"], f["name_en"], tuple(f.get("keywords") or ()))
        for f in raw["fields"]
    )


@cache
def load_attributes(path: Path = ATTRIBUTES_FILE) -> dict[str, Attribute]:
    """Respondent attributes (channel, respondent type, gender, age group) by code."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        code: Attribute(
            code,
            spec["name_vi"],
            spec["name_en"],
            tuple(
                AttributeValue(v["code"], v["name_vi"], v["name_en"], tuple(v.get("aliases", ())))
                for v in spec["values"]
            ),
        )
        for code, spec in raw.items()
    }


def field_names(language: str = "vi") -> dict[str, str]:
    return {f.code: f.name_vi if language == "vi" else f.name_en for f in load_fields()}


def field_for_text(text: object) -> str | None:
    """The field code whose keyword occurs in a free-text description, longest keyword first;
    None when nothing matches. "Cấp giấy chứng nhận quyền sử dụng đất" → "dat_dai"."""
    key = f" {match_key(text)} "
    candidates = [
        (len(match_key(word)), field.code)
        for field in load_fields()
        for word in (*field.keywords, field.name_vi, field.code)
        if f" {match_key(word)} " in key
    ]
    return max(candidates)[1] if candidates else None
