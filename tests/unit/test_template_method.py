"""The template tab's default questionnaire follows the survey year."""

from __future__ import annotations

from sipas.ingest.template import method_for_year
from sipas.reference.questionnaires import load_methods


def test_qd1001_from_2025_qd2640_before() -> None:
    assert method_for_year(2024) == "qd2640"
    assert method_for_year(2025) == "qd1001"
    assert method_for_year(2030) == "qd1001"
    assert {method_for_year(2024), method_for_year(2025)} <= set(load_methods())
