"""The app's caches, in one place and with one rule each.

- `read`: a loader of stored data, `load(session, *args)`, becomes `loader(*args)` cached per
  database URL, data version and arguments. Every commit raises the data version, so a
  loader never serves data older than the last commit and never re-reads unchanged data.
- `derived`: a computation over loaded data (`compute(*args)`), cached the same way and
  per language.
- `memo`: anything derived from a dashboard view, cached per name, filter state, explicit
  inputs, language, database URL and data version. Its `compute` may depend on nothing else:
  whatever else it reads must be passed as an input.
- `engine`: one SQLAlchemy engine per database URL and process.
The data version is read once per script run (`current_version`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sipas.core.config import database_url
from sipas.core.i18n import current_language
from sipas.dashboard.filterstate import FilterState, to_query
from sipas.storage.engine import make_engine, transaction
from sipas.storage.state import data_version, raises_committed
from sipas.ui import compat

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
_RUN_VERSION = "sipas_run_data_version"


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """The process's engine for `url`."""
    return make_engine(url)


def engine() -> Engine:
    """The process's engine for the configured database."""
    return engine_for(database_url())


def current_version() -> int:
    """The data version, read once per script run (a page asks for it a dozen times) and read
    again after this process committed a change. Every run (a fragment's too) starts with a
    fresh read, so another process's import is seen at the next rerun."""
    run = compat.this_run()
    raised = raises_committed()
    known = st.session_state.get(_RUN_VERSION) if run is not None else None
    if known is not None and known[0] is run and known[1] == raised:
        return int(known[2])
    with transaction(engine()) as session:
        version = data_version(session)
    if run is not None:
        st.session_state[_RUN_VERSION] = (run, raised, version)
    return version


def read(
    *, shared: bool = False, max_entries: int | None = None
) -> Callable[[Callable[Concatenate[Session, P], R]], Callable[P, R]]:
    """Make `load(session, *args)` a loader `(*args)` cached per database URL, data version
    and arguments. `shared` keeps one object for all sessions (st.cache_resource: callers must
    not change it in place); otherwise each call gets its own copy (st.cache_data)."""

    def decorate(load: Callable[Concatenate[Session, P], R]) -> Callable[P, R]:
        def stored(url: str, version: int, *args: Any) -> R:
            with transaction(engine_for(url)) as session:
                return load(session, *args)  # type: ignore[call-arg]

        kept = _cached(stored, load, shared, max_entries)
        signature = _without_session(load)

        @functools.wraps(load)
        def loader(*args: P.args, **kwargs: P.kwargs) -> R:
            return kept(database_url(), current_version(), *_bound(signature, args, kwargs))

        loader.clear = kept.clear  # type: ignore[attr-defined]  # benchmarks start cold
        return loader

    return decorate


def derived(*, max_entries: int | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Make `compute(*args)`, which reads stored data through the loaders, cached per database
    URL, data version, language and arguments (its texts are in the language of the run)."""

    def decorate(compute: Callable[P, R]) -> Callable[P, R]:
        def stored(url: str, version: int, language: str, *args: Any) -> R:
            return compute(*args)  # type: ignore[call-arg]

        kept = _cached(stored, compute, False, max_entries)
        signature = inspect.signature(compute)

        @functools.wraps(compute)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = _bound(signature, args, kwargs)
            return kept(database_url(), current_version(), current_language(), *bound)

        cached.clear = kept.clear  # type: ignore[attr-defined]  # benchmarks start cold
        return cached

    return decorate


def _cached(
    stored: Callable[..., R], named_after: Callable[..., Any], shared: bool, entries: int | None
) -> Callable[..., R]:
    # Streamlit keys a cache on the function's module and qualified name: one per function.
    stored.__module__ = named_after.__module__
    stored.__qualname__ = f"{named_after.__qualname__}.stored"
    cache = st.cache_resource if shared else st.cache_data
    return cache(show_spinner=False, max_entries=entries)(stored)


def _without_session(load: Callable[..., Any]) -> inspect.Signature:
    signature = inspect.signature(load)
    return signature.replace(parameters=list(signature.parameters.values())[1:])


def _bound(signature: inspect.Signature, args: Any, kwargs: Any) -> tuple[Any, ...]:
    """The arguments in their declared order, defaults filled in: one cache key per call."""
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return tuple(bound.arguments.values())


def memo(name: str, state: FilterState, compute: Callable[[], T], *inputs: Hashable) -> T:
    """`compute()` once per name, filter state, `inputs`, language and data version in this
    process (the 512 most recent kept): going back to a view a leader has seen is instant.
    `compute` must depend only on the state, the inputs and the stored data."""
    key = tuple(sorted(to_query(state).items()))
    result: T = _memo(
        name, key, inputs, current_language(), database_url(), current_version(), compute
    )
    return result


def clear_memo() -> None:
    """Forget every memoised result (benchmarks measure the computation)."""
    _memo.clear()


@st.cache_data(show_spinner=False, max_entries=512)
def _memo(
    name: str,
    key: tuple[tuple[str, str], ...],
    inputs: tuple[Hashable, ...],
    language: str,
    url: str,
    version: int,
    _compute: Callable[[], Any],
) -> Any:
    return _compute()
