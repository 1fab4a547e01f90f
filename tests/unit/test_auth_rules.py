"""Rules of the login design that hold by themselves: what each role may do, and the parts
of streamlit-authenticator that must never be switched on."""

from __future__ import annotations

import re
from pathlib import Path

from sipas.core import permissions as p
from sipas.core.permissions import User

ROOT = Path(__file__).resolve().parents[2]


def test_roles_grant_what_the_accounts_and_export_issues_say() -> None:
    assert p.GRANTS[p.LEADER] == {p.VIEW, p.EXPORT}  # issue 7: leaders take reports away
    assert p.GRANTS[p.STAFF] == {
        p.VIEW, p.EXPORT, p.IMPORT, p.ROLLBACK, p.MANAGE_TARGETS, p.MANAGE_TASKS, p.MANAGE_UNITS,
    }  # fmt: skip
    assert p.GRANTS[p.ADMIN] == p.GRANTS[p.STAFF] | {p.MANAGE_ACCOUNTS, p.READ_AUDIT}
    assert not User("x", "x", "").can(p.VIEW)  # no role (before login): nothing
    assert not User("x", "x", "superuser").can(p.VIEW)


def test_library_mail_and_self_service_features_are_never_used() -> None:
    """Forgot-password, registration and two-factor codes go through the library author's
    mail server; passwords are checked by sipas.login, not by the library's login form."""
    sources = [*ROOT.glob("sipas/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
    forbidden = re.compile(
        r"api_key\s*=|two_factor_auth|send_email|forgot_password|forgot_username|"
        r"register_user|reset_password|update_user_details|guest_login|\.login\("
    )
    used = {path.name for path in sources if forbidden.search(path.read_text(encoding="utf-8"))}
    assert used == set()
    cookies = (ROOT / "sipas/ui/shell/cookies.py").read_text(encoding="utf-8")
    assert "auto_hash=False" in cookies  # hashes from the database, never re-hashed
