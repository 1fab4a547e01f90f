"""Lists ordered by text come in code-point order, SQLite's, on PostgreSQL too, whatever the
database's collation: the test server's is Vietnamese (ICU vi-VN), which puts lower case before
upper case and punctuation before digits."""

from __future__ import annotations

from sqlalchemy import Engine

from sipas.accounts.registry import add_account
from sipas.reference.questionnaires import get_method
from sipas.storage.accounts import accounts_frame, active_accounts
from sipas.storage.audit import record_event
from sipas.storage.audit_query import audit_actors
from sipas.storage.engine import transaction
from sipas.storage.profiles import MappingProfile, list_profiles, save_profile
from sipas.storage.waves import create_wave, list_waves

WAVE_CODES = ["2024b", "2024B", "2024-đợt-2", "2024-dot-3", "2024Z"]
NAMES = ["Mẫu huyện", "Mẫu Sở Tư pháp", "Đơn vị cấp xã", "Dân cư", "Zalo", "mẫu xã"]
USERNAMES = ["tran.an", "tran_an", "tran-an", "tran1", "trana"]
PASSWORD = "Sông#Hương2025"


def test_waves_of_the_same_year_are_in_code_order(engine: Engine) -> None:
    with transaction(engine) as session:
        for code in WAVE_CODES:
            create_wave(session, code, get_method("qd2640"), year=2024)
    with transaction(engine) as session:
        codes = [wave.code for wave in list_waves(session)]
    assert codes == sorted(WAVE_CODES)
    assert codes[:3] == ["2024-dot-3", "2024-đợt-2", "2024B"]  # what the sort above means


def test_mapping_profiles_and_audit_actors_are_in_code_point_order(engine: Engine) -> None:
    with transaction(engine) as session:
        for name in NAMES:
            save_profile(session, MappingProfile(name, "respondent", {}, {}), "tester")
            record_event(session, name, "import")
    with transaction(engine) as session:
        profiles = [profile.name for profile in list_profiles(session)]
        actors = audit_actors(session)
    assert profiles == actors == sorted(NAMES)
    assert profiles[:2] == ["Dân cư", "Mẫu Sở Tư pháp"]


def test_accounts_are_in_code_point_order(engine: Engine) -> None:
    with transaction(engine) as session:
        for username in USERNAMES:
            add_account(session, "admin", username, "staff", PASSWORD)
    with transaction(engine) as session:
        listed = accounts_frame(session)["username"].tolist()
        active = [account.username for account in active_accounts(session)]
    assert listed == active == sorted(USERNAMES)
    assert listed[:2] == ["tran-an", "tran.an"]
