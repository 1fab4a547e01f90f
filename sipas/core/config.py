"""Paths and settings, all derived from the project root or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
QUESTIONNAIRE_DIR = DATA_DIR / "questionnaires"
UNITS_DIR = DATA_DIR / "units"
FIELDS_FILE = DATA_DIR / "fields.yaml"
ATTRIBUTES_FILE = DATA_DIR / "attributes.yaml"
DEMO_FILE = DATA_DIR / "demo.yaml"
DEMO_ACCOUNTS_FILE = DATA_DIR / "demo_accounts.yaml"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

DATABASE_URL_ENV = "SIPAS_DATABASE_URL"
DEFAULT_DATABASE_FILE = DATA_DIR / "sipas.db"


def database_url() -> str:
    """The SQLAlchemy URL from `SIPAS_DATABASE_URL`, or the embedded SQLite file under data/."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{DEFAULT_DATABASE_FILE}"


def is_embedded_default(url: str) -> bool:
    """True for the embedded default: the SQLite file under data/ that the app fills itself."""
    return url == f"sqlite:///{DEFAULT_DATABASE_FILE}"


def demo_mode() -> bool:
    """Demo mode fills an empty database with demo data and labels it everywhere.

    On by default for the embedded SQLite file; SIPAS_DEMO=1/0 forces it on or off.
    """
    flag = os.environ.get("SIPAS_DEMO", "").strip().lower()
    if flag:
        return flag in ("1", "true", "yes", "on")
    return is_embedded_default(database_url())


@dataclass(frozen=True)
class Settings:
    """Run-time settings; every field can be overridden by an environment variable."""

    database_url: str


def load_settings() -> Settings:
    """Settings for this process, read from the environment."""
    return Settings(database_url=database_url())
