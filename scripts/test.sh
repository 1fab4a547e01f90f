#!/usr/bin/env bash
# Set up everything the tests need (system packages included) and run the whole suite:
# lint, type checks, the layer contracts, unit, storage (SQLite and a throwaway PostgreSQL), AppTest and
# real-Chromium tests (one behind nginx, as docs/DEPLOY.md deploys the app). Extra arguments
# go to pytest.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_packages chromium chromium-driver postgresql nginx libreoffice-calc libreoffice-writer \
  poppler-utils fonts-liberation2 \
  fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji
ensure_venv requirements-dev.txt
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/mypy"
"$VENV/bin/lint-imports" --no-cache  # the layer contracts of pyproject.toml
"$VENV/bin/python" -m pytest "$@"
