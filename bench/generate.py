"""Fill a database with about 1,000,000 demo questionnaires for the benchmarks.

    python bench/generate.py [--url SQLALCHEMY_URL] [--total 1000000]

Uses the demo generator (sipas.demo, data/demo.yaml) with more questionnaires per unit: the
same 7 districts in 2021–2024 and the 2025 communes and departments, so that 70% of the
questionnaires fall in the four district waves, 24% in communes and 6% in departments. The
waves are labelled as demo data. Default target: artifacts/bench/million.db (SQLite); any
SQLAlchemy URL works (PostgreSQL is loaded with COPY). Prints the time each step took.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipas.setup.bootstrap import initialise
from sipas.setup.demo import load_demo, load_profile
from sipas.storage.engine import make_engine, transaction

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "artifacts" / "bench" / "million.db"


def scaled_profile(total: int) -> dict[str, Any]:
    """The demo profile with questionnaire counts raised to about `total` in all."""
    profile = load_profile()
    districts = profile["district_waves"]
    reform = profile["post_reform_wave"]
    waves, units = len(districts["waves"]), len(districts["units"])
    added = reform["added"]
    communes = 65  # Khánh Hòa's communes and wards: 24 listed, the rest from the map
    departments = len(reform["departments"]["fields"])
    departments += len(added["departments"]["units"]) + len(added["agencies"]["units"])
    districts["questionnaires_per_unit"] = round(total * 0.70 / (waves * units))
    for group in (reform["communes"], added["communes"]):
        group["questionnaires_per_unit"] = round(total * 0.24 / communes)
    for group in (reform["departments"], added["departments"], added["agencies"]):
        group["questionnaires_per_unit"] = round(total * 0.06 / departments)
    return profile


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=f"sqlite:///{DEFAULT}")
    parser.add_argument("--total", type=int, default=1_000_000)
    args = parser.parse_args()
    if args.url.startswith("sqlite:///"):
        path = Path(args.url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            sys.exit(f"{path} exists; remove it first")
    engine = make_engine(args.url)
    start = time.perf_counter()
    initialise(engine)
    with transaction(engine) as session:
        codes = load_demo(session, scaled_profile(args.total))
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT count(*) FROM responses").scalar()
    engine.dispose()
    print(
        f"{stored:,} questionnaires in waves {', '.join(codes)} stored in "
        f"{time.perf_counter() - start:.0f} s at {args.url}"
    )


if __name__ == "__main__":
    main()
