"""The command line (`python -m sipas`): one module per command group, each a thin layer over the
features; `main` only parses and dispatches.
"""
