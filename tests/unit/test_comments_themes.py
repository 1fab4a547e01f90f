"""Comment themes as data, matched by whole words without diacritics."""

from __future__ import annotations

import pandas as pd

from sipas.core.textnorm import search_key
from sipas.dashboard import comments
from sipas.reference import comment_themes


def test_search_key_finds_words_not_parts_of_words() -> None:
    key = search_key("Phí, lệ phí?  Phiếu <b>đẹp</b>")
    assert key == " phi le phi phieu b dep b "
    assert " phi " in key
    assert " phie " not in key


def test_themes_of_a_comment() -> None:
    assert comments.themes_of("Công chức THÁI ĐỘ cộc lốc, bắt chờ lâu.") == ["thai_do", "thoi_gian"]
    assert comments.themes_of("Chưa niêm yết rõ mức phí, lệ phí phải nộp.") == ["phi"]
    # "phiếu" is not "phí"; NFD text (old Windows tools) matches like NFC
    assert comments.themes_of("Phiếu khảo sát dài") == []
    nfd = "Tha\u0301i đo\u0323\u0302"
    assert comments.themes_of(nfd) == ["thai_do"]


def test_every_theme_names_an_element_and_has_keywords() -> None:
    themes = comments.load_themes()
    assert {t.code for t in themes} >= {"thai_do", "thoi_gian", "ho_so", "phi", "co_so_vat_chat"}
    assert all(t.keywords and t.element.startswith("YT") for t in themes)


def test_search_words_and_theme_table() -> None:
    assert comments.search_words("  Thái  độ!! ") == ("thai", "do")
    table = comments.theme_table(20, {"thai_do": 5, "phi": 1}, {"YT3": "Công chức"})
    first = table.iloc[0]
    assert (first[comments.THEME], first[comments.COUNT_TEXT]) == ("thai_do", "5 (25%)")
    assert first[comments.ELEMENT_LABEL] == "Công chức"
    assert table[comments.COUNT].tolist()[:2] == [5, 1]
    assert len(table) == len(comments.load_themes())


def test_comment_lines_show_text_exactly() -> None:
    page = pd.DataFrame(
        {
            "id": [1],
            "unit": ["u"],
            "field": ["dat_dai"],
            "channel": ["truc_tuyen"],
            "survey_date": [pd.Timestamp("2024-02-27").date()],
            "text": ["<script>alert(1)</script> **đậm**"],
        }
    )
    [(meta, text)] = comments.comment_lines(page, {"u": "Ninh Sơn"})
    assert meta == "27/02/2024 · Ninh Sơn · Đất đai · Trực tuyến"
    assert text == "<script>alert(1)</script> **đậm**"


def test_themes_by_code_keep_the_display_order() -> None:
    themes = comment_themes.themes_by_code()
    assert list(themes) == [theme.code for theme in comment_themes.load_themes()]
    assert themes["thai_do"].name.startswith("Thái độ")
