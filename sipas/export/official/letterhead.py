"""The province's letterhead values (data/word/letterhead.yaml, or SIPAS_WORD_DIR): issuing
body, place, number symbols, signature and recipients, with {tinh}/{TINH} filled with the name
of the province the reported units belong to; and the decree's way of writing the date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from sipas.core import schema as s
from sipas.core.config import word_dir
from sipas.core.i18n import t

LETTERHEAD_FILE = "letterhead.yaml"
NUMBER_BLANK = "\u00a0" * 6  # the number is written in by the records office when issued


@dataclass(frozen=True)
class Letterhead:
    """The values of data/word/letterhead.yaml, province name filled in."""

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    ten_co_quan: str
    dia_danh: str
    ky_hieu_bao_cao: str
    ky_hieu_cong_van: str
    quyen_han_ky: str
    chuc_vu_ky: str
    nguoi_ky: str
    kinh_gui_bao_cao: tuple[str, ...]
    noi_nhan_bao_cao: tuple[str, ...]
    noi_nhan_cong_van: tuple[str, ...]


class LetterheadError(ValueError):
    """letterhead.yaml cannot be read; Vietnamese message."""


def load_letterhead(province: str, folder: Path | None = None) -> Letterhead:
    """The letterhead of `folder` (default: word_dir()) for the province named `province`."""
    path = (folder or word_dir()) / LETTERHEAD_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise LetterheadError(t("word.letterhead.unreadable", path=path, error=error)) from error
    names = {"tinh": province, "TINH": province.upper()}

    def text(key: str) -> str:
        return str(raw.get(key) or "").format_map(names)

    def lines(key: str) -> tuple[str, ...]:
        return tuple(str(item).format_map(names) for item in raw.get(key) or ())

    return Letterhead(
        **{
            key: text(key)
            for key in ("co_quan_chu_quan", "co_quan_ban_hanh", "ten_co_quan", "dia_danh")
        },
        ky_hieu_bao_cao=text("ky_hieu_bao_cao"),
        ky_hieu_cong_van=text("ky_hieu_cong_van"),
        quyen_han_ky=text("quyen_han_ky"),
        chuc_vu_ky=text("chuc_vu_ky"),
        nguoi_ky=text("nguoi_ky"),
        kinh_gui_bao_cao=lines("kinh_gui_bao_cao"),
        noi_nhan_bao_cao=lines("noi_nhan_bao_cao"),
        noi_nhan_cong_van=lines("noi_nhan_cong_van"),
    )


def province_of(units: pd.DataFrame, codes: tuple[str, ...], day: dt.date) -> str:
    """The name of the province-level unit above the first of `codes`; without codes, the
    first province that existed on `day` ("" when none)."""
    if not codes:
        starts = units["valid_from"].isna() | (units["valid_from"] <= day)
        ends = units["valid_to"].isna() | (units["valid_to"] >= day)
        found = units[(units["level"] == s.PROVINCE) & starts & ends]
        return str(found["name"].iloc[0]) if not found.empty else ""
    parents = dict(zip(units["code"], units["parent_code"], strict=True))
    levels = dict(zip(units["code"], units["level"], strict=True))
    names = dict(zip(units["code"], units["name"], strict=True))
    code = codes[0] if codes else None
    for _ in range(len(units)):
        if not isinstance(code, str) or code not in levels:
            return ""
        if levels[code] == s.PROVINCE:
            return str(names[code])
        code = parents.get(code)
    return ""


def number_line(symbol: str) -> str:
    """ "Số:       /BC-UBND"."""
    return t("word.letterhead.number", blank=NUMBER_BLANK, symbol=symbol)


def place_and_date(place: str, day: dt.date) -> str:
    """ "Ninh Thuận, ngày 05 tháng 02 năm 2026": days below 10 and months 1 and 2 with a
    leading zero, as the decree writes them."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return t("word.letterhead.date", place=place, day=f"{day.day:02d}", month=month, year=day.year)


def recipient_lines(names: tuple[str, ...]) -> str:
    """The "Nơi nhận" list: "- Như trên;" one per line, the last ending with a full stop."""
    return "\n".join(
        f"- {name}{'.' if index == len(names) - 1 else ';'}" for index, name in enumerate(names)
    )


def addressees(names: tuple[str, ...]) -> str:
    """ "Kính gửi: Bộ Nội vụ." for one; for several, each on its own line after a dash."""
    if len(names) == 1:
        return t("word.letterhead.to_one", name=names[0])
    return t("word.letterhead.to_many") + "\n" + recipient_lines(names)
