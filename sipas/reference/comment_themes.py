"""The comment themes of data/comment_themes.yaml: keywords per theme, each tied to the SIPAS
element it speaks about, and a fingerprint of their keywords, so that theme counts stored with
the data (sipas.storage.comment_counts) know which keywords they were counted with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.core.config import DATA_DIR
from sipas.core.i18n import t
from sipas.core.textnorm import search_key

THEMES_FILE = DATA_DIR / "comment_themes.yaml"
ThemePhrases = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    element: str
    keywords: tuple[str, ...]

    @property
    def phrases(self) -> tuple[str, ...]:
        """The keywords as padded search keys (" thai do "), for whole-word matching."""
        return tuple(dict.fromkeys(search_key(word) for word in self.keywords))


@cache
def load_themes(path: Path = THEMES_FILE) -> tuple[Theme, ...]:
    """The comment themes, in display order."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Theme(
            str(item["code"]),
            str(item["name_vi"]),
            str(item.get("element", "")),
            tuple(str(k) for k in item["keywords"]),
        )
        for item in raw["themes"]
    )


def themes_by_code() -> dict[str, Theme]:
    """The comment themes by their code, in display order."""
    return {theme.code: theme for theme in load_themes()}


def theme_options() -> dict[str, str]:
    """The theme picker's choices: "" for every theme, then each theme's code and name."""
    return {"": t("comments.all_themes"), **{c: th.name for c, th in themes_by_code().items()}}


def theme_phrases() -> ThemePhrases:
    """Every theme's code with its keyword phrases (hashable, for caching the counts)."""
    return tuple((theme.code, theme.phrases) for theme in load_themes())


def themes_key(phrases: ThemePhrases | Sequence[tuple[str, Sequence[str]]]) -> str:
    """A short fingerprint of the themes' codes and phrases: equal keys, equal counts."""
    text = json.dumps([[code, list(words)] for code, words in phrases], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
