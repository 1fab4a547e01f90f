"""The deployment files of deploy/ made runnable on a test machine: the nginx site with its
ports, certificate and log paths rewritten, and the systemd unit's command line.

Every rewrite insists on finding what it replaces, so a change to the files that the
rewrite does not understand fails the test instead of testing something else.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.appserver import ROOT

SITE = ROOT / "deploy" / "nginx" / "sipas.conf"
UNIT = ROOT / "deploy" / "systemd" / "sipas@.service"
UNIT_PYTHON = "/opt/sipas/.venv/bin/python"
# What the unit binds to; running_app adds the same flags with the test's port.
UNIT_ADDRESS = {"--server.address": "127.0.0.1", "--server.port": "%i"}


@dataclass(frozen=True)
class SitePaths:
    """Where the rendered site reads its certificate and writes its logs."""

    certificate: Path
    key: Path
    access_log: Path
    error_log: Path


def _replace(text: str, pattern: str, replacement: str) -> str:
    """`text` with every match of `pattern` replaced; raises ValueError when none matches."""
    result, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if count == 0:
        raise ValueError(f"{SITE.name}: nothing matches {pattern!r}")
    return result


def _upstream(text: str, ports: Sequence[int]) -> str:
    """The upstream's `server 127.0.0.1:PORT ...;` lines pointed at `ports`, in order."""
    lines = re.findall(r"^\s*server 127\.0\.0\.1:(\d+)\b", text, flags=re.MULTILINE)
    if len(lines) != len(ports):
        raise ValueError(f"{SITE.name} lists {len(lines)} upstream servers, the test {len(ports)}")
    remaining = iter(ports)
    return re.sub(
        r"^(\s*server 127\.0\.0\.1:)\d+\b",
        lambda match: f"{match.group(1)}{next(remaining)}",
        text,
        flags=re.MULTILINE,
    )


def render_site(
    text: str, upstream_ports: Sequence[int], http_port: int, https_port: int, paths: SitePaths
) -> str:
    """The site for a test: upstreams on `upstream_ports`, the plain-HTTP server on
    127.0.0.1:`http_port`, the TLS server on 127.0.0.1:`https_port` (IPv6 listeners dropped),
    a test certificate, logs under the test's folder. Everything else is left as written."""
    text = _upstream(text, upstream_ports)
    text = _replace(text, r"^\s*listen \[::\]:\d+.*\n", "")
    text = _replace(text, r"listen 80;", f"listen 127.0.0.1:{http_port};")
    text = _replace(text, r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    text = _replace(text, r"ssl_certificate\s+\S+;", f"ssl_certificate {paths.certificate};")
    text = _replace(text, r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {paths.key};")
    text = _replace(text, r"access_log\s+\S+", f"access_log {paths.access_log}")
    return _replace(text, r"error_log\s+\S+", f"error_log {paths.error_log}")


def server_name(text: str) -> str:
    """The host name the TLS server answers to (the placeholder admins replace)."""
    names = re.findall(r"^\s*server_name\s+(\S+);", text, flags=re.MULTILINE)
    if not names:
        raise ValueError(f"{SITE.name}: no server_name")
    return str(names[-1])


def unit_command(text: str) -> list[str]:
    """The unit's ExecStart for this machine: this Python instead of the installation's, and
    without the address and port flags (checked to be loopback and the instance name), which
    running_app appends with the test's port."""
    match = re.search(r"^ExecStart=((?:.*\\\n)*.*)$", text, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"{UNIT.name}: no ExecStart")
    words = shlex.split(match.group(1).replace("\\\n", " "))
    if words[:4] != [UNIT_PYTHON, "-m", "streamlit", "run"]:
        raise ValueError(f"{UNIT.name}: ExecStart does not run streamlit: {words[:4]}")
    for flag, value in UNIT_ADDRESS.items():
        at = words.index(flag)
        if words[at + 1] != value:
            raise ValueError(f"{UNIT.name}: {flag} is {words[at + 1]}, not {value}")
        del words[at : at + 2]
    return [sys.executable, *words[1:]]
