"""Where a running deck is: which slide, since when, paused or not – and how that changes on
a timer tick, a click on next / previous or pause. Times are seconds of a monotonic clock.

Streamlit-free, so the rules are unit-tested; sipas.ui.presenting keeps one Position per
session and asks these functions on every run of the deck."""

from __future__ import annotations

from dataclasses import dataclass, replace

# A deck not drawn for this many intervals (plus a few seconds) was left and is opened
# anew: it starts again at the first slide, running.
_LEFT_AFTER = 2


@dataclass(frozen=True)
class Position:
    """The slide shown (0-based), when it came up, when the deck was last drawn, paused."""

    index: int = 0
    shown_at: float | None = None
    drawn_at: float | None = None
    paused: bool = False


def on_run(position: Position, total: int, now: float, every: float) -> Position:
    """The position for a run of the deck at `now` (a timer tick every `every` seconds, or a
    page run): the next slide once the current one has been up for half an interval or more
    (ticks do not wait for a slide moved by hand), unless paused; the first slide when the
    deck was left and opened again. `total` slides, at least one."""
    if position.drawn_at is None or now - position.drawn_at > _LEFT_AFTER * every + 5:
        return Position(0, now, now)
    index = position.index % total
    shown_at = position.shown_at if position.shown_at is not None else now
    if not position.paused and now - shown_at >= every / 2:
        index, shown_at = (index + 1) % total, now
    return replace(position, index=index, shown_at=shown_at, drawn_at=now)


def moved(position: Position, step: int, total: int, now: float) -> Position:
    """After a click on next (+1) or previous (−1): that slide, shown from now."""
    return replace(position, index=(position.index + step) % total, shown_at=now, drawn_at=now)


def toggled(position: Position, now: float) -> Position:
    """After a click on pause / resume; a resumed slide gets a full interval again."""
    return replace(position, paused=not position.paused, shown_at=now, drawn_at=now)
