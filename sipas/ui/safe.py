"""User text made inert before Streamlit renders it.

`st.markdown`, `st.caption`, `st.info`, `st.success`, `st.warning`, `st.error`, `st.write`,
`st.toast`, headings, and the labels and help texts of widgets read their text as Markdown:
images (which the browser fetches), links (`javascript:` included), HTML, `:red[…]` colours,
`:material/…:` icons and `$…$` formulas. Only `st.text`, `st.code` and data frames show text
as it is. Every sheet name, file name, unit name, target source, task text, note, display name
or profile name that goes into a Markdown-rendering call goes through `escape_markdown` (or
`md`, for catalogue texts that carry Markdown of their own); tests/unit/test_inert_text.py
checks every such call of the pages and of sipas.ui.
"""

from __future__ import annotations

import re

from sipas.core.i18n import t

# What can start Markdown in one line of text (line breaks are removed first): emphasis and
# code (* _ `), links, images, footnotes and Streamlit's ":red[…]" and badges ([ ]), HTML,
# autolinks and quotes (< >), entities (&), strikethrough (~), math ($), headings (#) and the
# backslash itself.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&~$#|])")
# GitHub's autolinks ("www.", "http://", e-mail) and Streamlit's emoji, ":material/…:" icons
# and ":red[…]" directives are found in the text after the backslashes are gone, so there an
# invisible WORD JOINER (U+2060) goes between the characters they need side by side: after a
# colon before a letter or "/", between "www" and its dot, before an at sign.
_JOINS = re.compile(r"(?<=:)(?=[A-Za-z/])|(?<=[wW]{3})(?=\.)|(?=@)")
JOINER = "\u2060"
# A list item at the very start ("- ", "+ ", "1. ", "2) ").
_LIST_START = re.compile(r"^(\s*)([-+]|\d+(?=[.)]))")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def escape_markdown(text: object) -> str:
    """`text` as Markdown that renders exactly as the characters typed: every character that
    could start Markdown, HTML, math or a Streamlit directive backslash-escaped (CommonMark
    shows "\\x" as "x"), line breaks turned into spaces (a line of its own could start a
    heading, a list or a code block), autolinks and shortcodes broken by an invisible joiner.
    Text without such characters comes back unchanged."""
    flat = _LINE_BREAKS.sub(" ", str(text))
    escaped = _JOINS.sub(JOINER, _SPECIAL.sub(r"\\\1", flat))
    return _LIST_START.sub(_escape_list_marker, escaped)


def _escape_list_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    return match.group(1) + (f"\\{marker}" if marker in "-+" else marker + "\\")


def md(key: str, **params: object) -> str:
    """The catalogue text `key`, whose own Markdown (bold) stays, with every parameter escaped."""
    return t(key, **{name: escape_markdown(value) for name, value in params.items()})
