"""The rule that guards rolling back a large import."""

from __future__ import annotations

from sipas.ingest.rollback import TYPED_NUMBER_ROWS, rollback_allowed


def test_a_large_import_is_rolled_back_only_with_its_number_typed() -> None:
    small, large = TYPED_NUMBER_ROWS, TYPED_NUMBER_ROWS + 1
    assert rollback_allowed(7, small, True, None)
    assert not rollback_allowed(7, small, False, None)
    assert not rollback_allowed(7, large, True, None)
    assert not rollback_allowed(7, large, True, "17")
    assert rollback_allowed(7, large, True, " 7 ")
