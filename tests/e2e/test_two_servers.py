"""Province scale as docs/DEPLOY.md installs it: one PostgreSQL database owned by an owner role
and used by the app's own role (only INSERT and SELECT on the audit log), two app processes
started with the command of deploy/systemd/sipas@.service (production settings: SIPAS_DEMO=0,
one cookie key), and nginx in front running deploy/nginx/sipas.conf itself (ports,
certificate and log paths rewritten by tests/support/deploy.py), over HTTPS.

What is proven, and how:
- the site works through nginx: login, reruns over the WebSocket (wss through the proxy),
  an upload; the browser reaches it by the site's server_name (Chromium maps the name to
  127.0.0.1), so Streamlit's same-origin check of the WebSocket sees Host and Origin agree;
- routing is sticky: nginx's access log shows every request of that browser, the upload and
  the WebSocket included, on one process. ip_hash cannot send a second browser on the same
  machine elsewhere (all come from 127.0.0.1), so the second browser opens the OTHER process
  directly on its loopback port, as named in the log;
- an import committed through the first process's upload page appears in the other
  process's open page at its next rerun (a filter change), without a reload or a restart,
  and the numbers before and after are the domain layer's for the database at that moment;
- when the process a browser is pinned to stops, nginx moves that browser to the other one:
  the open page reconnects by itself, is logged in again by its cookie (the same key on both),
  and is never reloaded (the last test: it stops a process);
- the plain-HTTP server redirects to HTTPS, and nginx refuses an upload body above 50 MiB;
- the site's security headers are sent (CSP, HSTS, nosniff, framing, referrer, permissions),
  nginx hides its version and Streamlit's metrics, and under that CSP the login, the cookie
  component and the charts work with no violation reported by Chromium; the login cookie is
  Secure and SameSite=Strict over HTTPS (not HttpOnly: the login library writes it from
  JavaScript).

Not proven: systemd itself (the unit's command line is run, not the unit), and browsers coming
back to a restarted process.
"""

from __future__ import annotations

import http.client
import re
import secrets
import ssl
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from sipas.cli.main import main as sipas_cli
from sipas.core.formatting import format_int, format_percent
from sipas.dashboard.tables import indices_table
from sipas.method.results import Selection, select
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.reference import units_frame
from tests.support.appserver import (
    ROOT,
    choose_option,
    free_port,
    launched_chromium,
    log_in,
    running_app,
    wait_for_app,
)
from tests.support.deploy import SITE, UNIT, SitePaths, render_site, server_name, unit_command
from tests.support.nginx import nginx_prefix, running_nginx, self_signed
from tests.support.postgres import _administer
from tests.support.workbooks import respondent_rows, xlsx

pytestmark = pytest.mark.postgres

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SCREEN = {"width": 1366, "height": 768}
ADMIN, PASSWORD = "quantri", "Kiem-Thu-Hai-May-2025"
VIEW = "?wave=2024&units=ninh-son"
METRIC = '[data-testid="stMetricValue"]'
# A line of the site's access log; `to` lists every process nginx tried ("A, B" after A failed).
LOGGED = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) '
    r".* upstream=(?P<to>.+?) upstream_status="
)


@dataclass(frozen=True)
class Deployment:
    database: str
    apps: list[str]  # base URLs of the processes, http://127.0.0.1:PORT
    stops: dict[str, Callable[[], None]]  # base URL → stop that process
    front: str  # https://server_name:PORT, through nginx
    host: str
    http_port: int
    https_port: int
    access_log: Path


@pytest.fixture(scope="module")
def database(postgres_url: str) -> str:
    """A new PostgreSQL database set up as the guide says: an owner role owning it, the app's
    own role, `init --owner-url` (migrations as the owner, the app's privileges granted), the
    first administrator, and the demo waves as its survey data; the app's URL."""
    suffix = uuid.uuid4().hex[:8]
    owner, app, name = f"sipas_owner_{suffix}", f"sipas_app_{suffix}", f"sipas_{suffix}"
    for statement in (
        f'CREATE ROLE "{owner}" LOGIN',
        f'CREATE ROLE "{app}" LOGIN',
        f'CREATE DATABASE "{name}" OWNER "{owner}"',
    ):
        _administer(postgres_url, statement)
    base = make_url(postgres_url).set(database=name)
    url = base.set(username=app).render_as_string(hide_password=False)
    owner_url = base.set(username=owner).render_as_string(hide_password=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIPAS_DATABASE_URL", url)
        commands = (
            ["init", "--owner-url", owner_url],
            ["demo"],
            ["users", "add", ADMIN, "--role", "admin", "--password", PASSWORD],
        )
        for command in commands:
            assert sipas_cli(command) == 0, command
    return url


@pytest.fixture(scope="module")
def deployment(database: str) -> Iterator[Deployment]:
    env = {
        "SIPAS_DATABASE_URL": database,
        "SIPAS_DEMO": "0",
        "SIPAS_COOKIE_KEY": secrets.token_urlsafe(48),
        "SIPAS_TRUSTED_PROXIES": "127.0.0.1",
    }
    command = unit_command(UNIT.read_text(encoding="utf-8"))
    site_text = SITE.read_text(encoding="utf-8")
    host = server_name(site_text)
    ports = [free_port(), free_port()]
    http_port, https_port = free_port(), free_port()
    with ExitStack() as stack:
        prefix = stack.enter_context(nginx_prefix())
        certificate, key = self_signed(prefix, host)
        paths = SitePaths(certificate, key, prefix / "access.log", prefix / "error.log")
        site = render_site(site_text, ports, http_port, https_port, paths)
        apps, stops = [], {}
        for port in ports:
            own = stack.enter_context(ExitStack())  # so that a test can stop one process
            apps.append(own.enter_context(running_app(env, port, timeout=120, command=command)))
            stops[apps[-1]] = own.close
        stack.enter_context(running_nginx(prefix, site, [http_port, https_port]))
        front = f"https://{host}:{https_port}"
        yield Deployment(
            database, apps, stops, front, host, http_port, https_port, paths.access_log
        )


@pytest.fixture(scope="module")
def browser(playwright: Any, deployment: Deployment) -> Iterator[Any]:
    """Chromium that resolves the site's name to this machine."""
    rules = f"--host-resolver-rules=MAP {deployment.host} 127.0.0.1"
    with launched_chromium(playwright, [rules]) as launched:
        yield launched


def shown_numbers(page: Any) -> tuple[str, str]:
    """SIPAS and n as the overview's cards show them."""
    values = page.locator(METRIC).all_text_contents()
    return values[0], values[2]


def domain_numbers(url: str) -> tuple[str, str]:
    """SIPAS and n of Ninh Sơn in 2024, computed from the database by the domain layer (the
    same computation as `python -m sipas indices`), written the way the cards write them."""
    engine = make_engine(url)
    with transaction(engine) as session:
        counts = load_wave_counts(session, "2024", "")
        units = units_frame(session)
    engine.dispose()
    names = dict(zip(units["code"], units["name"], strict=True))
    row = indices_table(select(counts, Selection(units=("ninh-son",))), names, ["unit"]).iloc[0]
    return format_percent(row["sipas"]), format_int(row["n"])


def logged_requests(access_log: Path) -> list[dict[str, str]]:
    lines = access_log.read_text(encoding="utf-8").splitlines()
    return [match.groupdict() for line in lines if (match := LOGGED.search(line))]


def wait_for_logged(
    access_log: Path, wanted: Callable[[dict[str, str]], bool], after: int = 0, timeout: float = 30
) -> None:
    """Wait for a `wanted` request among the log's lines from the `after`-th on (nginx logs a
    request when it ends: a WebSocket when it is closed)."""
    deadline = time.monotonic() + timeout
    while not any(wanted(r) for r in logged_requests(access_log)[after:]):
        assert time.monotonic() < deadline, "the request was never logged"
        time.sleep(0.2)


def open_overview(page: Any, base: str) -> Any:
    page.goto(f"{base}/{VIEW}")
    log_in(page, ADMIN, PASSWORD, timeout=90_000)
    return page


def import_through_the_page(page: Any, upload: Path) -> None:
    """Staff's way: Nhập dữ liệu, wave 2024, the file, confirm the columns, import."""
    page.get_by_role("link", name="Nhập dữ liệu", exact=True).click()
    page.get_by_text("Nhập dữ liệu khảo sát từ tệp Excel").wait_for()
    wait_for_app(page)
    choose_option(page, "Đợt khảo sát", "2024")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(upload))
    page.get_by_role("heading", name="Kiểm tra cách hiểu các cột").wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    page.get_by_text("Tôi đã kiểm tra cách hiểu các cột.").click()
    wait_for_app(page)
    page.get_by_role("button", name="Nhập dữ liệu").click()
    page.get_by_text(re.compile(r"Đã nhập lần số \d+ vào đợt 2024: 300 dòng")).wait_for(
        timeout=60_000
    )


def test_an_import_through_one_server_shows_on_the_other_at_its_next_rerun(
    browser: Any, deployment: Deployment, tmp_path: Path
) -> None:
    header, rows, _ = respondent_rows(300, seed=8, units=["Huyện Ninh Sơn"])
    upload = tmp_path / "bo_sung_ninh_son_2024.xlsx"
    upload.write_bytes(xlsx([header, *rows]))
    before = domain_numbers(deployment.database)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # Through nginx: where does ip_hash pin this browser?
    sockets: list[str] = []
    proxied = browser.new_context(viewport=SCREEN, ignore_https_errors=True).new_page()
    proxied.on("websocket", lambda socket: sockets.append(socket.url))
    open_overview(proxied, deployment.front)
    assert shown_numbers(proxied) == before
    assert sockets == [f"wss://{deployment.host}:{deployment.https_port}/_stcore/stream"]
    pinned = {r["to"] for r in logged_requests(deployment.access_log)}
    assert len(pinned) == 1 and pinned <= {a.removeprefix("http://") for a in deployment.apps}
    other = next(a for a in deployment.apps if a.removeprefix("http://") not in pinned)

    # The other process, directly: ip_hash would send this browser where the first one is.
    direct = open_overview(browser.new_context(viewport=SCREEN).new_page(), other)
    assert shown_numbers(direct) == before
    direct.evaluate("window.__sipasNoReload = 1")
    direct.screenshot(path=str(SCREENSHOTS / "e2e_two_servers_other_before.png"))

    import_through_the_page(proxied, upload)
    proxied.screenshot(path=str(SCREENSHOTS / "e2e_two_servers_imported.png"), full_page=True)
    after = domain_numbers(deployment.database)
    assert after != before and after[1] == format_int(int(before[1].replace(".", "")) + 300)
    assert shown_numbers(direct) == before  # nothing is pushed: the other page has not rerun

    choose_option(direct, "Đợt khảo sát", "2023")  # the next rerun of the other process …
    wait_for_app(direct, timeout=60_000)
    choose_option(direct, "Đợt khảo sát", "2024")  # … and back to the same view
    direct.wait_for_function(
        "([selector, wanted]) => document.querySelector(selector)?.textContent === wanted",
        arg=[METRIC, after[0]],
        timeout=60_000,
    )
    wait_for_app(direct, timeout=60_000)
    assert shown_numbers(direct) == after
    assert direct.evaluate("window.__sipasNoReload") == 1  # the same page, never reloaded
    direct.screenshot(path=str(SCREENSHOTS / "e2e_two_servers_other_after.png"))

    proxied.context.close()  # ends the WebSocket, so nginx logs it
    wait_for_logged(deployment.access_log, lambda r: r["path"] == "/_stcore/stream")
    requests = logged_requests(deployment.access_log)
    assert {r["to"] for r in requests} == pinned
    assert {"GET /_stcore/stream 101", "PUT /_stcore/upload_file 204"} <= {
        f"{r['method']} {'/'.join(r['path'].split('/')[:3])} {r['status']}" for r in requests
    }
    direct.context.close()


def test_plain_http_is_redirected_and_large_uploads_are_refused(deployment: Deployment) -> None:
    plain = http.client.HTTPConnection("127.0.0.1", deployment.http_port, timeout=10)
    plain.request("GET", f"/{VIEW}", headers={"Host": deployment.host})
    response = plain.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://{deployment.host}/{VIEW}"
    plain.close()

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    secure = http.client.HTTPSConnection("127.0.0.1", deployment.https_port, context=context)
    secure.request("GET", "/_stcore/health", headers={"Host": deployment.host})
    health = secure.getresponse()
    assert (health.status, health.read()) == (200, b"ok")
    assert health.getheader("Strict-Transport-Security") == "max-age=31536000"
    secure.putrequest("PUT", "/_stcore/upload_file/session/file", skip_host=True)
    secure.putheader("Host", deployment.host)
    secure.putheader("Content-Length", str(50 * 1024 * 1024 + 1))
    secure.endheaders()  # no body: nginx answers from the header alone
    refused = secure.getresponse()
    assert refused.status == 413 and refused.getheader("Server", "").startswith("nginx")
    secure.close()


def https_get(deployment: Deployment, path: str) -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    secure = http.client.HTTPSConnection("127.0.0.1", deployment.https_port, context=context)
    secure.request("GET", path, headers={"Host": deployment.host})
    response = secure.getresponse()
    response.read()
    secure.close()
    return response


def test_the_site_sends_its_security_headers_and_hides_metrics(deployment: Deployment) -> None:
    page = https_get(deployment, f"/{VIEW}")
    assert page.status == 200
    policy = page.getheader("Content-Security-Policy", "")
    for directive in (
        "default-src 'self'",
        "script-src 'self' 'sha256-",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy, directive
    assert "https:" not in policy and "*" not in policy  # nothing from elsewhere
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    assert page.getheader("Strict-Transport-Security") == "max-age=31536000"
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert page.getheader("X-Frame-Options") == "DENY"
    assert page.getheader("Referrer-Policy") == "same-origin"
    assert "camera=()" in page.getheader("Permissions-Policy", "")
    assert page.getheader("Server") == "nginx"  # no version
    # the cookie component is an iframe of the app itself: only it may be framed, by the app
    component = https_get(deployment, "/component/cookie_manager/index.html")
    assert component.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in component.getheader("Content-Security-Policy", "")
    # Streamlit's metrics answer on the process itself, never through nginx
    process = http.client.HTTPConnection(deployment.apps[0].removeprefix("http://"), timeout=10)
    process.request("GET", "/_stcore/metrics")
    assert process.getresponse().status == 200
    process.close()
    assert https_get(deployment, "/_stcore/metrics").status == 404


VIOLATIONS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def test_the_app_and_its_charts_work_under_the_content_security_policy(
    browser: Any, deployment: Deployment
) -> None:
    context = browser.new_context(viewport=SCREEN, ignore_https_errors=True)
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    open_overview(page, deployment.front)
    page.get_by_role("link", name="Xếp hạng", exact=True).click()
    page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    page.wait_for_function(
        "document.cookie.includes('sipas_session=')", timeout=30_000
    )  # the cookie component ran inside the policy
    cookie = next(c for c in context.cookies() if c["name"] == "sipas_session")
    assert (cookie["secure"], cookie["sameSite"], cookie["httpOnly"]) == (True, "Strict", False)
    page.screenshot(path=str(SCREENSHOTS / "e2e_csp_rankings.png"))
    frames = [frame.evaluate("window.__cspViolations || []") for frame in page.frames]
    assert [v for found in frames for v in found] == []
    assert [text for text in console if "Content Security Policy" in text] == []
    context.close()


def test_a_stopped_process_hands_its_browsers_to_the_other_still_logged_in(
    browser: Any, deployment: Deployment
) -> None:
    """Last in the module: it stops a process. The page stays open, is never reloaded, and
    carries on with the other process, logged in again by its cookie."""
    page = browser.new_context(viewport=SCREEN, ignore_https_errors=True).new_page()
    open_overview(page, deployment.front)
    page.evaluate("window.__sipasNoReload = 1")
    pinned = logged_requests(deployment.access_log)[-1]["to"]
    other = next(a for a in deployment.apps if a.removeprefix("http://") != pinned)
    other = other.removeprefix("http://")
    moment = len(logged_requests(deployment.access_log))
    deployment.stops[f"http://{pinned}"]()
    # The page reconnects by itself; nginx finds the pinned process gone and tries the other.
    wait_for_logged(deployment.access_log, lambda r: r["to"].endswith(other), moment, 60)
    page.get_by_role("link", name="Xếp hạng", exact=True).click()
    page.wait_for_url("**/rankings**", timeout=60_000)
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    assert page.evaluate("window.__sipasNoReload") == 1
    page.screenshot(path=str(SCREENSHOTS / "e2e_two_servers_after_failover.png"))
    page.context.close()  # nginx logs the new WebSocket
    new_socket = lambda r: r["path"] == "/_stcore/stream" and r["to"].endswith(other)  # noqa: E731
    wait_for_logged(deployment.access_log, new_socket, moment)
    since = logged_requests(deployment.access_log)[moment:]
    cut = {"path": "/_stcore/stream", "to": pinned}  # the old WebSocket, ended by the stop
    rest = [r for r in since if {"path": r["path"], "to": r["to"]} != cut]
    assert {r["to"].split(", ")[-1] for r in rest} == {other}, since
    assert any(r["to"] == f"{pinned}, {other}" for r in rest), since  # tried first, then moved
