"""Helpers shared by tests, benchmarks and the screenshot script (never imported by the app)."""
