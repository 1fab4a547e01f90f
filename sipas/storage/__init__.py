"""Storage: SQLAlchemy engine, models, migrations and repository functions."""
