#!/usr/bin/env bash
# Set up and start SIPAS Dashboard. With no SIPAS_DATABASE_URL it runs on the embedded default:
# a SQLite file under data/, created and filled with demo data on first start.
# Extra arguments go to `streamlit run` (e.g. --server.port 8502).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_packages fonts-dejavu-core  # the PDF brief's font, with every Vietnamese letter
ensure_venv requirements.txt
exec "$VENV/bin/python" -m streamlit run app.py --server.headless true \
  --browser.gatherUsageStats false "$@"
