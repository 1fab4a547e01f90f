"""Running a risky read in a child process that may die without taking the app with it.

calamine is Rust: when it cannot allocate what a file declares it aborts the whole process,
which Python's `try` cannot catch. So the read runs in a child with a memory limit
(`RLIMIT_AS`) and a time limit. Children come from a forkserver started once per process
(the first import pays ~1 s, later ones a fork, ~10–50 ms): forking the Streamlit server
itself, with its threads, is unsafe. The child sends its results as a stream of messages, so
the parent unpickles one batch while the child pickles the next.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

_CHILD_MODULES = ["sipas.ingest.workbook"]
_lock = threading.Lock()
_context: Any = None

Send = Callable[[Any], None]


class ChildDied(RuntimeError):
    """The child process ended without finishing: killed by its memory limit or a crash."""


class ChildTimedOut(RuntimeError):
    """The child process did not finish in time and was stopped."""


def _forkserver() -> Any:
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_CHILD_MODULES)
            _context = context
        return _context


@contextmanager
def child(
    work: Callable[..., None], args: tuple[Any, ...], memory_bytes: int, seconds: float
) -> Iterator[Iterator[Any]]:
    """Start `work(send, *args)` in a child process limited to `memory_bytes` of address
    space and `seconds` of time; yields the iterator of the values it sends, which raises
    ChildDied or ChildTimedOut. The child is stopped when the block ends."""
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_run, args=(sender, work, args, memory_bytes), daemon=True, name="sipas-read"
    )
    process.start()
    sender.close()
    try:
        yield _receive(receiver, _Deadline(seconds))
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()


def _receive(receiver: Connection, deadline: _Deadline) -> Iterator[Any]:
    while True:
        if not receiver.poll(deadline.left()):
            raise ChildTimedOut
        try:
            kind, value = receiver.recv()
        except (EOFError, OSError) as error:
            raise ChildDied from error
        if kind == _DONE:
            return
        yield value


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        return max(self._end - time.monotonic(), 0.0)


_MESSAGE, _DONE = "message", "done"


def _run(sender: Connection, work: Callable[..., None], args: tuple[Any, ...], memory: int) -> None:
    """In the child: limit the address space, run, and say when done. A reader that aborts
    prints one line ("memory allocation of … bytes failed"), not a backtrace, to the log."""
    os.environ["RUST_BACKTRACE"] = "0"
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        work(lambda value: sender.send((_MESSAGE, value)), *args)
    except MemoryError:
        return  # the parent sees the pipe close: the file asked for too much memory
    sender.send((_DONE, None))
    sender.close()
