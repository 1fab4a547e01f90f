"""How much a secret key really holds: a long key made of a pattern ("abcdefgh" × 4, "0123…",
a word repeated) is as guessable as the pattern. Streamlit-free, no configuration."""

from __future__ import annotations

import itertools
import math
from collections import Counter

# Bits a key must hold by the character-frequency estimate: 32 random hex digits give about
# 118 (rarely below 95), 32 characters of secrets.token_urlsafe about 150; "abcd" × 8 gives 64.
MIN_KEY_BITS = 90


def estimated_bits(key: str) -> float:
    """The key's length times the Shannon entropy of its characters' frequencies (bits):
    an upper bound of what it holds, so a low figure proves a key weak."""
    counts, total = Counter(key), len(key)
    return -sum(n * math.log2(n / total) for n in counts.values())


def periodic(key: str) -> bool:
    """Whether the key is a shorter piece repeated (the last repeat may be cut short)."""
    return any(
        key == (key[:p] * (len(key) // p + 1))[: len(key)] for p in range(1, len(key) // 2 + 1)
    )


def sequential(key: str) -> bool:
    """Whether half or more of neighbouring characters repeat or count up or down by one
    ("aaaa", "abcd", "4321"), which random keys almost never do."""
    steps = [abs(ord(b) - ord(a)) for a, b in itertools.pairwise(key)]
    return sum(step <= 1 for step in steps) * 2 >= len(steps)


def patterned(key: str) -> bool:
    """True for a key too regular to be random (see the three checks above)."""
    return estimated_bits(key) < MIN_KEY_BITS or periodic(key) or sequential(key)
