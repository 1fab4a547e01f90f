"""The address a login attempt comes from, as far as it can be known.

A browser's connection reaches the app either directly (the address of the connection) or
through nginx, which adds the address it saw to X-Forwarded-For. That header is believed only
when the connection comes from a configured proxy (SIPAS_TRUSTED_PROXIES); anyone else can
write whatever they like in it. Streamlit-free.
"""

from __future__ import annotations

import ipaddress

from sipas.accounts.lockout import LOCAL

LOOPBACK = "127.0.0.1"


def _clean(value: str) -> str | None:
    text = value.strip().strip("[]")
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The client's address: the connection's own (`peer`; Streamlit gives None for a browser
    on this machine), or, when the connection comes from a trusted proxy, the right-most
    address of X-Forwarded-For that is not itself a trusted proxy (the left part of the
    header is whatever the client sent)."""
    address = _clean(peer) if peer else LOOPBACK
    if address is None:
        return LOCAL
    if address in trusted and forwarded_for:
        for hop in reversed(forwarded_for.split(",")):
            seen = _clean(hop)
            if seen is None:
                return address  # a malformed header: fall back to the proxy itself
            if seen not in trusted:
                return seen
    return LOCAL if address == LOOPBACK and not peer else address
