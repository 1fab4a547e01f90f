"""SQLAlchemy 2.x models, one module per concept. Importing this package puts every table on
`Base.metadata` (for Alembic and for the tests that create a schema).
"""

from sipas.storage.models import accounts, base, reference, survey, system, targets, tasks  # noqa: F401
