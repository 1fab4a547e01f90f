"""The import vocabulary of data/import.yaml: column aliases, answer words, totals words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.core.config import DATA_DIR
from sipas.core.textnorm import match_key

IMPORT_FILE = DATA_DIR / "import.yaml"
IGNORE = "ignore"


@dataclass(frozen=True)
class Vocabulary:
    """Normalised keys (sipas.textnorm.match_key) for everything the importer recognises."""

    column_aliases: dict[str, str]  # alias key → target column
    item_prefixes: tuple[str, ...]
    answers: dict[str, int]  # word key → answer 1–5
    no_answer: frozenset[str]
    totals: frozenset[str]
    unit_variants: dict[str, str]
    example_marker: str


@cache
def load_vocabulary(path: Path = IMPORT_FILE) -> Vocabulary:
    """The vocabulary, with every word reduced to its match key."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases = {
        match_key(alias): target
        for target, words in raw["columns"].items()
        for alias in [target, *words]
    }
    answers = {
        match_key(word): int(value) for value, words in raw["answers"].items() for word in words
    }
    return Vocabulary(
        column_aliases=aliases,
        item_prefixes=tuple(
            sorted((match_key(p) for p in raw["item_prefixes"]), key=len, reverse=True)
        ),
        answers=answers,
        no_answer=frozenset(match_key(str(w)) for w in raw["no_answer"]),
        totals=frozenset(match_key(w) for w in raw["totals"]),
        unit_variants={str(k): str(v) for k, v in raw["unit_variants"].items()},
        example_marker=match_key(raw["example_marker"]),
    )
