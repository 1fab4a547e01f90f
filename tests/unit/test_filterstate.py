"""The filter state and its URL form: what a copied link carries."""

from __future__ import annotations

from sipas.dashboard.filterstate import FilterState, from_query, to_query


def test_state_round_trips_through_the_query_string() -> None:
    state = FilterState(
        wave="2024",
        level="district",
        parent="ninh-thuan",
        units=("ninh-son", "bac-ai"),
        fields=("dat_dai",),
        channels=("truc_tuyen",),
        focus="ninh-son",
        measure="element:YT3",
        search="trễ hẹn",
        theme="thoi_gian",
        compare="2022",
    )
    query = to_query(state)
    assert query["units"] == "ninh-son,bac-ai"
    assert query["vs"] == "2022"
    assert query["unit"] == "ninh-son"
    assert from_query(query) == state


def test_empty_parts_are_left_out_of_the_url() -> None:
    assert to_query(FilterState(wave="2025")) == {"wave": "2025"}
    assert to_query(FilterState()) == {}


def test_reading_a_link_is_tolerant() -> None:
    state = from_query(
        {
            "wave": " 2023 ",
            "units": "a,,b, a ,c",
            "fields": ["x", "y"],  # a repeated key, as some tools write lists
            "q": "x" * 500,
            "utm_source": "zalo",  # keys the app does not know are ignored
        }
    )
    assert state.wave == "2023"
    assert state.units == ("a", "b", "c")  # blanks and duplicates dropped, order kept
    assert state.fields == ("x", "y")
    assert len(state.search) == 200


def test_with_changes_normalises_lists() -> None:
    state = FilterState().with_changes(units=["a", "a", " b "], wave="2024")
    assert state.units == ("a", "b")
    assert state.wave == "2024"
