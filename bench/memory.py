"""Peak resident memory of the app's server while it serves the dashboard in Chromium.

    python bench/memory.py [--url SQLALCHEMY_URL]

Starts `streamlit run app.py` on --url (default SIPAS_DATABASE_URL; without one the demo
database, as bench/filter_change.py), logs in once (the leader "bench" it adds to --url, or the
demo staff account) and opens, in one logged-in Chromium tab: the overview of every wave, then
every dashboard page a leader may open. After each it prints the server process's resident
memory now (VmRSS) and its peak so far (VmHWM), from /proc/PID/status, with the same figures
summed over its child processes if it has any. Goal: a peak under 1 GB that does not grow with
the questionnaires stored (the app reads answer counts, not questionnaires).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.browser import logged_in_context, login_cookies
from bench.filter_change import bench_account
from sipas.core import permissions
from sipas.storage.engine import make_engine, transaction
from sipas.storage.waves import list_waves
from tests.support.appserver import chromium, running_app, wait_for_app

# The pages of the dashboard and data sections that a leader opens (not the admin section).
PAGES = (
    "rankings",
    "fields",
    "criteria",
    "trends",
    "comments",
    "gaps",
    "present",
    "targets",
    "tasks",
)
TIMEOUT_MS = 1_800_000


@dataclass(frozen=True)
class Memory:
    """Resident memory in MiB of the server process and of its children (0 without any)."""

    step: str
    seconds: float
    rss: float
    peak: float
    children_rss: float = 0.0
    children_peak: float = 0.0


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (kB) of a process."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def _processes() -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]


def _descendants(pid: int) -> list[int]:
    parents = {}
    for other in _processes():
        try:
            parents[other] = _parent(other)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        children = [p for p, parent in parents.items() if parent == current]
        found += children
        frontier += children
    return found


def server_pid() -> int:
    """The `streamlit run app.py` process this script started (a child of this process)."""
    for pid in _descendants(os.getpid()):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except FileNotFoundError:
            continue
        if b"streamlit" in command and b"app.py" in command:
            return pid
    raise SystemExit("the app's server process was not found")


def snapshot(pid: int, step: str, seconds: float) -> Memory:
    own = _status(pid)
    children = [_status(child) for child in _descendants(pid)]
    return Memory(
        step=step,
        seconds=seconds,
        rss=own["VmRSS"] / 1024,
        peak=own["VmHWM"] / 1024,
        children_rss=sum(c.get("VmRSS", 0) for c in children) / 1024,
        children_peak=sum(c.get("VmHWM", 0) for c in children) / 1024,
    )


def _wave_codes(url: str) -> list[str]:
    engine = make_engine(url) if url else None
    if engine is None:
        return ["2025", "2024", "2023", "2022", "2021"]  # the demo's waves
    with transaction(engine) as session:
        codes = [w.code for w in reversed(list_waves(session))]
    engine.dispose()
    return codes


def _visit(page: Any, address: str) -> None:
    """Open `address` and wait until its run has finished with the user logged in (the logout
    button is drawn before the page) and nothing went wrong."""
    page.goto(address)
    logout = page.locator('button:has-text("Đăng xuất")').first
    logout.wait_for(state="attached", timeout=TIMEOUT_MS)
    wait_for_app(page, timeout=TIMEOUT_MS)
    if page.locator('[data-testid="stException"]').count():
        raise SystemExit(f"{address} shows an error")


def measure(url: str, verbose: bool = True) -> list[Memory]:
    """Memory after start, after login, after each wave's overview and after each page."""
    env = {"SIPAS_DEMO": "1"}
    if url:
        env = {"SIPAS_DEMO": "0", "SIPAS_DATABASE_URL": url}
        env["SIPAS_COOKIE_KEY"] = secrets.token_urlsafe(32)
    username, password = bench_account(url)
    found: list[Memory] = []
    clock = [time.perf_counter()]

    def note(pid: int, step: str) -> None:
        now = time.perf_counter()
        found.append(snapshot(pid, step, now - clock[0]))
        clock[0] = now
        if verbose:
            _print(found[-1])

    with chromium() as browser, running_app(env, timeout=600) as app:
        pid = server_pid()
        note(pid, "server started")
        cookies = login_cookies(browser, app, username, password)
        note(pid, "logged in")
        page = logged_in_context(browser, cookies).new_page()
        for code in _wave_codes(url):
            _visit(page, f"{app}/?wave={code}")
            note(pid, f"overview {code}")
        for path in PAGES:
            _visit(page, f"{app}/{path}")
            note(pid, f"/{path}")
        page.context.close()
    return found


def _print(memory: Memory) -> None:
    children = ""
    if memory.children_peak:
        children = f"; children RSS {memory.children_rss:.0f}, peak {memory.children_peak:.0f}"
    print(
        f"{memory.step:<16} RSS {memory.rss:6.0f} MiB, peak {memory.peak:6.0f} MiB{children} "
        f"({memory.seconds:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("SIPAS_DATABASE_URL", ""))
    args = parser.parse_args()
    assert permissions.LEADER  # the account bench_account adds on --url is a leader
    found = measure(args.url)
    top = max(found, key=lambda m: m.peak + m.children_peak)
    print(
        f"peak resident memory of the server: {top.peak + top.children_peak:.0f} MiB "
        f"(VmHWM{' + children' if top.children_peak else ''}; goal < 1024 MiB)"
    )


if __name__ == "__main__":
    main()
