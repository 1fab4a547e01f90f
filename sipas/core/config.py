"""Paths and settings, all derived from the project root or the environment."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
QUESTIONNAIRE_DIR = DATA_DIR / "questionnaires"
UNITS_DIR = DATA_DIR / "units"
FIELDS_FILE = DATA_DIR / "fields.yaml"
ATTRIBUTES_FILE = DATA_DIR / "attributes.yaml"
DEMO_FILE = DATA_DIR / "demo.yaml"
# The demo's own unit list (Ninh Thuận's districts, some of Khánh Hòa's communes and
# departments under short codes), loaded with the demo only, never by `init`.
DEMO_UNITS_FILE = DATA_DIR / "demo" / "units.csv"
DEMO_ACCOUNTS_FILE = DATA_DIR / "demo_accounts.yaml"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
WORD_DIR = DATA_DIR / "word"  # the Word report's letterhead templates and values
WORD_DIR_ENV = "SIPAS_WORD_DIR"

DATABASE_URL_ENV = "SIPAS_DATABASE_URL"
DEFAULT_DATABASE_FILE = DATA_DIR / "sipas.db"


def database_url() -> str:
    """The SQLAlchemy URL from `SIPAS_DATABASE_URL`, or the embedded SQLite file under data/."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{DEFAULT_DATABASE_FILE}"


def word_dir() -> Path:
    """The folder of the Word letterhead (templates and letterhead.yaml): `SIPAS_WORD_DIR`,
    or data/word/."""
    return Path(os.environ.get(WORD_DIR_ENV) or WORD_DIR)


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


SMALL_SAMPLE_ENV = "SIPAS_SMALL_N"
MIN_STATUS_ENV = "SIPAS_MIN_STATUS_N"


def sample_limits() -> tuple[int, int]:
    """(small, minimum): fewer questionnaires or answers than `small` (default 30) are flagged
    as a small sample; fewer than `minimum` (default 10) get no pass/fail status at all.
    Read from SIPAS_SMALL_N and SIPAS_MIN_STATUS_N; a value that is not a whole number ≥ 1
    falls back to the default."""

    def read(name: str, default: int) -> int:
        raw = os.environ.get(name, "").strip()
        return int(raw) if raw.isdigit() and int(raw) >= 1 else default

    small = read(SMALL_SAMPLE_ENV, 30)
    return small, min(read(MIN_STATUS_ENV, 10), small)
