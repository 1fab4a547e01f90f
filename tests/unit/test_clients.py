"""The client address of a login attempt: X-Forwarded-For counts only from a trusted proxy,
and only its right-most part that the proxy itself wrote."""

from __future__ import annotations

import pytest

from sipas.accounts.clients import client_address

NGINX = frozenset({"127.0.0.1"})


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.5", None, frozenset(), "203.0.113.5"),  # straight to the app
        ("203.0.113.5", "10.0.0.1", frozenset(), "203.0.113.5"),  # a header anyone can write
        (None, "198.51.100.7", NGINX, "198.51.100.7"),  # nginx on this machine (no peer)
        (None, "1.2.3.4, 198.51.100.7", NGINX, "198.51.100.7"),  # the client's own part
        (None, "198.51.100.7, 127.0.0.1", NGINX, "198.51.100.7"),  # proxies are skipped
        (None, None, frozenset(), "local"),  # a browser on this machine
        (None, "198.51.100.7", frozenset(), "local"),  # not trusted: the header is ignored
        (None, "not-an-address", NGINX, "127.0.0.1"),  # garbage: the proxy itself
        ("2001:db8::1", None, frozenset(), "2001:db8::1"),
        ("[2001:db8::1]", None, frozenset(), "2001:db8::1"),
    ],
)
def test_client_address(
    peer: str | None, forwarded: str | None, trusted: frozenset[str], expected: str
) -> None:
    assert client_address(peer, forwarded, trusted) == expected
