"""Normalising Vietnamese text for matching names, headers and answer labels."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s_\-–—.,;:/()'’`\"]+")


def nfc(text: str) -> str:
    """The text in Unicode NFC form (files from old Windows tools often carry NFD)."""
    return unicodedata.normalize("NFC", text)


_BLANKS = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Text as people meant to type it: Unicode NFKC (compatibility forms such as the
    non-breaking space become plain ones), invisible format characters (zero-width space and
    joiners, byte-order mark, soft hyphen) removed, every run of spaces one space, trimmed.
    "Ninh\u00a0Sơn\u200b" → "Ninh Sơn"."""
    composed = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in composed if unicodedata.category(ch) != "Cf")
    return _BLANKS.sub(" ", visible).strip()


def strip_diacritics(text: str) -> str:
    """Vietnamese text without diacritics; "đ" becomes "d"."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def match_key(text: object) -> str:
    """A key for comparing names: no diacritics, lower case, punctuation and spacing collapsed.

    "Huyện  Bác Ái", "huyen bac ai" and the NFD form of the first all give "huyen bac ai".
    """
    if text is None:
        return ""
    lowered = strip_diacritics(clean_text(str(text))).casefold()
    return _SPACES.sub(" ", lowered).strip()


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def search_key(text: object) -> str:
    """A key for searching free text by whole words: no diacritics, lower case, every run of
    other characters one space, with a space at both ends so that " phi " finds the word
    "phí" but not "phiếu". "Phí, lệ phí?" → " phi le phi "."""
    if text is None:
        return " "
    bare = strip_diacritics(clean_text(str(text))).casefold()
    return f" {_NOT_WORD.sub(' ', bare).strip()} "


def matching(labels: dict[str, str], query: object) -> list[str]:
    """The keys whose label (or key) holds every word of `query`, compared without diacritics
    or case: "lam son" finds "Xã Lâm Sơn", "ninh  son" finds "Huyện Ninh Sơn"; labels holding
    the words in the typed order come first. Every key, in order, for an empty query."""
    phrase = match_key(query)
    if not phrase:
        return list(labels)
    keys = {key: match_key(f"{label} {key}") for key, label in labels.items()}
    found = [key for key, text in keys.items() if all(w in text for w in phrase.split())]
    # the words in the order typed first: "lam son" gives Xã Lâm Sơn before Xã Sơn Lâm
    return sorted(found, key=lambda key: phrase not in keys[key])
