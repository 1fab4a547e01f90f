#!/usr/bin/env bash
# Set up and start SIPAS Dashboard. With no SIPAS_DATABASE_URL it runs on the embedded default:
# a SQLite file under data/, created and filled with demo data on first start.
# Extra arguments go to `streamlit run` (e.g. --server.port 8502).
# It listens on this machine only (127.0.0.1): in demo mode the login page lists the demo
# administrator's password. To open it to a network, set SIPAS_ADDRESS=0.0.0.0 (or an
# address of this machine) or pass --server.address; then set SIPAS_DEMO=0 and a cookie key.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
ensure_packages fonts-dejavu-core  # the PDF brief's font, with every Vietnamese letter
ensure_venv requirements.txt
exec "$VENV/bin/python" -m streamlit run app.py --server.headless true \
  --browser.gatherUsageStats false --server.address "${SIPAS_ADDRESS:-127.0.0.1}" "$@"
