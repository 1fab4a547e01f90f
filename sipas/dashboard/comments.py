"""Citizens' comments for the dashboard: themes (as data), search terms and display.

Themes come from data/comment_themes.yaml (sipas.comment_themes): keywords per theme, each tied
to the SIPAS element it speaks about. Matching is by whole words without diacritics, in SQL
(sipas.storage.comments) and, for checking, in Python (`themes_of`), with the same keys.
"""

from __future__ import annotations

import pandas as pd

from sipas.core import schema as s
from sipas.core.formatting import format_date, format_int, format_percent
from sipas.core.i18n import t
from sipas.core.textnorm import search_key
from sipas.dashboard import captions
from sipas.dashboard.scope import Scope
from sipas.method.waves import WaveInfo
from sipas.reference.comment_themes import Theme, load_themes
from sipas.reference.fields import field_names, load_attributes
from sipas.storage.comments import DATE, TEXT, CommentFilter

THEME = "theme"
LABEL = "label"
ELEMENT_LABEL = "element_label"
COUNT = "count"
SHARE = "share"
COUNT_TEXT = "count_text"
PAGE_SIZE = 20


def themes_of(text: str, themes: tuple[Theme, ...] | None = None) -> list[str]:
    """The codes of the themes a comment belongs to (the Python twin of the SQL match)."""
    key = search_key(text)
    return [th.code for th in themes or load_themes() if any(p in key for p in th.phrases)]


def search_words(query: str) -> tuple[str, ...]:
    """The words of a search box entry as search keys: "Thái  độ!" → ("thai", "do")."""
    return tuple(dict.fromkeys(search_key(query).split()))


def comment_filter(
    scope: Scope, wave_id: int, query: str = "", theme: Theme | None = None
) -> CommentFilter:
    """The comments of the scope's chosen units, fields and channels, searched and themed."""
    return CommentFilter(
        wave_id=wave_id,
        units=scope.unit_codes,
        fields=scope.fields,
        channels=scope.channels,
        words=search_words(query),
        phrases=theme.phrases if theme else (),
    )


def theme_table(total: int, counts: dict[str, int], element_names: dict[str, str]) -> pd.DataFrame:
    """THEME, LABEL, ELEMENT_LABEL, COUNT, SHARE (percent of all comments) and COUNT_TEXT
    ("42 (12%)"), most frequent first; themes without comments are kept (count 0)."""
    rows = []
    for theme in load_themes():
        count = counts.get(theme.code, 0)
        share = 100 * count / total if total else 0.0
        rows.append(
            {
                THEME: theme.code,
                LABEL: theme.name,
                ELEMENT_LABEL: element_names.get(theme.element, theme.element),
                COUNT: count,
                SHARE: share,
                COUNT_TEXT: f"{format_int(count)} ({format_percent(share, 0)})",
            }
        )
    table = pd.DataFrame(rows)
    return table.sort_values(COUNT, ascending=False, kind="stable").reset_index(drop=True)


def comments_display(comments: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """A page of comments with dates dd/mm/yyyy and unit, field and channel names; the text
    is kept exactly as stored (shown as plain text by the page)."""
    fields = field_names()
    channels = load_attributes()[s.CHANNEL].value_names()
    return pd.DataFrame(
        {
            t("comments.col_date"): comments[DATE].map(format_date),
            t("comments.col_unit"): comments[s.UNIT].map(lambda c: labels.get(c, c)),
            t("comments.col_field"): comments[s.FIELD].map(lambda c: fields.get(c, c)),
            t("comments.col_channel"): comments[s.CHANNEL].map(
                lambda c: channels.get(c, "–") if isinstance(c, str) else "–"
            ),
            t("comments.col_text"): comments[TEXT],
        }
    )


def keywords_display(table: pd.DataFrame) -> pd.DataFrame:
    """Themes with their element, count and keywords, as Vietnamese text columns."""
    keywords = {theme.code: ", ".join(theme.keywords) for theme in load_themes()}
    return pd.DataFrame(
        {
            t("comments.col_theme"): table[LABEL],
            t("comments.col_element"): table[ELEMENT_LABEL],
            t("comments.col_count"): table[COUNT_TEXT],
            t("comments.col_keywords"): table[THEME].map(keywords),
        }
    )


def page_offset(page: int) -> int:
    """How many comments come before page `page` (1-based)."""
    return (page - 1) * PAGE_SIZE


def page_count(found: int) -> int:
    """Pages of PAGE_SIZE comments needed for `found` comments (at least 1)."""
    return max(1, -(-found // PAGE_SIZE))


def source_line(wave: WaveInfo, count: int) -> str:
    """The source line of the comments: "Đợt 2024 · Phương pháp QĐ 2640 · 412 ý kiến"."""
    return t("comments.source", wave=captions.source_text(wave, None), count=format_int(count))


def comment_lines(comments: pd.DataFrame, labels: dict[str, str]) -> list[tuple[str, str]]:
    """(meta line, text) per comment: "27/02/2024 · Ninh Sơn · Đất đai · Trực tuyến"."""
    shown = comments_display(comments, labels)
    columns = [t("comments.col_date"), t("comments.col_unit"), t("comments.col_field")]
    columns.append(t("comments.col_channel"))
    metas = [" · ".join(str(v) for v in row) for row in shown[columns].itertuples(index=False)]
    return list(zip(metas, comments[TEXT].astype(str), strict=True))
