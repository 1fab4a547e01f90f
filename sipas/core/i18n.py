"""User-facing texts, one catalogue per language under sipas/core/locales/<language>/*.yaml.

Keys are "<file>.<nested.key>": `t("errors.wave.unknown", code="2030")` reads the key
`wave.unknown` of locales/vi/errors.yaml. The app speaks Vietnamese only: a second language
is a new folder of the same files plus its code in LANGUAGES, and then needs a test that
compares its keys with the Vietnamese ones (there was once an `en` setting without a
catalogue, which changed nothing).
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sipas.core.config import LOCALES_DIR

DEFAULT_LANGUAGE = "vi"
LANGUAGES = (DEFAULT_LANGUAGE,)
_language: ContextVar[str] = ContextVar("sipas_language", default=DEFAULT_LANGUAGE)


def set_language(language: str) -> None:
    """Use `language` for texts in the current context (a Streamlit run, a CLI call)."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _language.get()


def t(key: str, /, **params: Any) -> str:
    """The text for `key` in the current language, with `params` filled in.

    Raises KeyError for a key that the Vietnamese catalogue lacks: a missing text is a bug.
    """
    template = catalogue(current_language()).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    return template.format(**params) if params else template


@cache
def catalogue(language: str, directory: Path = LOCALES_DIR) -> dict[str, str]:
    """Every text of one language, flattened to dotted keys."""
    texts: dict[str, str] = {}
    for path in sorted((directory / language).glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts.update(_flatten(raw, path.stem))
    return texts


def _flatten(raw: dict[str, Any], prefix: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in raw.items():
        dotted = f"{prefix}.{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted))
        else:
            flat[dotted] = str(value)
    return flat
