"""The rules of a running deck, on a clock moved by hand (seconds)."""

from __future__ import annotations

from sipas.present.slideshow import Position, moved, on_run, toggled

EVERY = 20


def test_a_deck_opens_on_its_first_slide_and_moves_on_at_each_tick() -> None:
    opened = on_run(Position(), total=6, now=100.0, every=EVERY)
    assert (opened.index, opened.shown_at) == (0, 100.0)
    assert on_run(opened, 6, 120.0, EVERY).index == 1
    assert on_run(Position(5, 100.0, 100.0), 6, 120.0, EVERY).index == 0  # round the deck


def test_a_tick_soon_after_a_click_leaves_the_chosen_slide_up() -> None:
    clicked = moved(Position(0, 100.0, 118.0), +1, total=6, now=118.0)
    assert clicked.index == 1
    assert on_run(clicked, 6, 120.0, EVERY).index == 1  # 2 s after the click: stays
    assert on_run(on_run(clicked, 6, 120.0, EVERY), 6, 140.0, EVERY).index == 2
    assert moved(Position(0, 0.0, 0.0), -1, total=6, now=1.0).index == 5


def test_a_paused_deck_stays_and_a_resumed_one_waits_a_full_interval() -> None:
    paused = toggled(Position(2, 100.0, 100.0), now=105.0)
    for now in (120.0, 140.0, 160.0):
        paused = on_run(paused, 6, now, EVERY)
        assert paused.index == 2
    resumed = toggled(paused, now=165.0)
    assert on_run(resumed, 6, 170.0, EVERY).index == 2
    assert on_run(resumed, 6, 180.0, EVERY).index == 3


def test_a_deck_left_and_opened_again_starts_at_the_first_slide() -> None:
    left = Position(4, 100.0, 100.0, paused=True)
    assert on_run(left, 6, 100.0 + 2 * EVERY + 6, EVERY) == Position(0, 146.0, 146.0)
    assert on_run(Position(3, 100.0, 100.0), 4, 105.0, EVERY).index == 3  # not left yet


def test_a_shorter_deck_keeps_the_position_in_range() -> None:
    assert on_run(Position(7, 100.0, 100.0), 6, 101.0, EVERY).index == 1
