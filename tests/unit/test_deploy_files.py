"""The deployment files agree with the app: nginx's body limit with Streamlit's upload limit
and the import limit, and the example environment with the production rules (the browser test
tests/e2e/test_two_servers.py runs the files themselves)."""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
from pathlib import Path

import extra_streamlit_components
import streamlit

from sipas.accounts.settings import weak_key
from sipas.ingest.limits import DEFAULT_MAX_MB
from tests.support.appserver import ROOT
from tests.support.deploy import SITE

ENV_EXAMPLE = ROOT / "deploy" / "sipas.env.example"


def example_environment() -> dict[str, str]:
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return {key: value for key, value in pairs}


def test_nginx_accepts_exactly_what_streamlit_and_the_import_accept() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limits = re.findall(r"client_max_body_size (\d+)m;", SITE.read_text(encoding="utf-8"))
    assert limits == [str(config["server"]["maxUploadSize"])]
    assert float(limits[0]) == DEFAULT_MAX_MB


def test_the_example_environment_is_production_and_its_key_is_refused() -> None:
    environment = example_environment()
    assert environment["SIPAS_DEMO"] == "0"
    assert environment["SIPAS_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert weak_key(environment["SIPAS_COOKIE_KEY"])  # an admin who forgets to change it is told


def inline_script_hashes(page: Path) -> set[str]:
    scripts = re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in scripts
    }


def test_the_content_security_policy_allows_exactly_the_installed_inline_scripts() -> None:
    """The site allows inline scripts by hash only; a new streamlit or extra-streamlit-
    components brings other ones, and then the page (or the login cookie) would not run."""
    allowed = dict(re.findall(r"^\s*(~\^/component/|default)\s+\"'self' ('sha256-[^']+')",
                              SITE.read_text(encoding="utf-8"), re.M))  # fmt: skip
    streamlit_page = Path(streamlit.__file__).parent / "static" / "index.html"
    component = Path(extra_streamlit_components.__file__).parent / "CookieManager"
    assert {allowed["default"]} == inline_script_hashes(streamlit_page)
    assert {allowed["~^/component/"]} == inline_script_hashes(
        component / "frontend" / "build" / "index.html"
    )
