"""The one error type of the import pipeline: its message is Vietnamese and meant for staff."""

from __future__ import annotations


class IngestError(ValueError):
    """A file or request that cannot be imported; the message says why and what to do."""


class MissingColumnError(IngestError):
    """A required column (unit, items, index) is not mapped: staff can still correct the
    mapping, so the pipeline reports it with the mapping rather than failing."""
