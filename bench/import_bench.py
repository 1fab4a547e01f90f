"""Benchmark: import of a 100.000-row × 30-column respondent .xlsx.

    python bench/import_bench.py [--rows 100000] [--repeat 3] [--file PATH] [--url URL]
    python bench/import_bench.py --postgres   # into a throwaway PostgreSQL server (COPY)

Prints the time `pandas.read_excel(engine="calamine")` alone takes to read the file, the time
our import takes end to end (read, header and column detection, validation of every cell,
preview of the indices, and storing in one transaction: questionnaires, comments, answer
counts), their ratio (goal ≤ 1,5) and the peak memory of the import process (goal < 1 GB).
Each measurement runs in a fresh process (so peak memory is that of one import); the best of
`--repeat` runs is reported, as the machine is shared; the ratio of each pair of runs (one
right after the other) is printed too. The database is created and filled
with reference data before the clock starts; SQLite in a temporary folder unless --url, or
with --postgres a fresh database per run on a throwaway PostgreSQL server (the tests' own,
tests/support/postgres.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

UNITS = [
    "Huyện Bác Ái",
    "Ninh Hải",
    "H. Ninh Phước",
    "Ninh Sơn",
    "Thuận Bắc",
    "Thuận Nam",
    "TP. Phan Rang – Tháp Chàm",
]
FIELDS = ["Đất đai", "Tư pháp – hộ tịch", "Xây dựng", "Cấp giấy chứng nhận quyền sử dụng đất"]
CHANNELS = ["Trực tiếp", "Trực tuyến", "Bưu chính"]


def make_file(path: Path, rows: int) -> None:
    """30 columns: id, unit, field, date, channel, gender, age group, respondent type and 22
    answers (about 5% blank), as survey teams send them."""
    import numpy as np
    from openpyxl import Workbook

    rng = np.random.default_rng(2024)
    answers = rng.integers(1, 6, size=(rows, 22)).astype(object)
    answers[rng.random((rows, 22)) < 0.05] = None
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu")
    sheet.append(
        [
            "Mã phiếu",
            "Đơn vị",
            "Lĩnh vực",
            "Ngày khảo sát",
            "Kênh tiếp nhận",
            "Giới tính",
            "Nhóm tuổi",
            "Đối tượng",
            *(f"Câu {i}" for i in range(1, 23)),
        ]
    )
    start = dt.date(2024, 9, 1)
    for i in range(rows):
        sheet.append(
            [
                f"P{i:06d}",
                UNITS[i % 7],
                FIELDS[i % 4],
                start + dt.timedelta(days=i % 60),
                CHANNELS[i % 3],
                "Nam" if i % 2 else "Nữ",
                "30-44",
                "Cá nhân",
                *answers[i].tolist(),
            ]
        )
    book.save(path)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_read(path: Path) -> dict[str, float]:
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_excel(path, engine="calamine")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": len(frame), "peak_mb": peak_mb()}


def phase_import(path: Path, url: str) -> dict[str, float]:
    from sipas.ingest.commit import commit_import
    from sipas.ingest.pipeline import ImportRequest, prepare
    from sipas.ingest.vocabulary import load_vocabulary
    from sipas.reference.questionnaires import load_methods
    from sipas.setup.bootstrap import initialise
    from sipas.setup.demo_units import sync_demo_units
    from sipas.storage.engine import make_engine, transaction

    engine = make_engine(url)
    initialise(engine)
    with transaction(engine) as session:
        sync_demo_units(session)  # the workbook names Ninh Thuận's districts
    load_methods(), load_vocabulary()  # loaded once when the app starts, not per import
    started = time.perf_counter()
    content = path.read_bytes()
    with transaction(engine) as session:
        prepared = prepare(session, ImportRequest(content, path.name, "2024"))
    read_and_checked = time.perf_counter() - started
    result = commit_import(engine, prepared, "bench")
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "seconds": seconds,
        "prepare_seconds": read_and_checked,
        "rows": result.rows_accepted,
        "rejected": result.rows_rejected,
        "peak_mb": peak_mb(),
    }


def run_phase(*args: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", *args], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file")
    parser.add_argument("--url")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        result = (
            phase_read(Path(rest[0])) if name == "read" else phase_import(Path(rest[0]), rest[1])
        )
        print(json.dumps(result))
        return
    if args.postgres:
        from tests.support.postgres import create_database, postgres_server

        with postgres_server() as server:
            print("database: a throwaway PostgreSQL server, a new database per run")
            measure(args, lambda _attempt, _folder: create_database(server))
        return
    measure(args, lambda attempt, folder: args.url or f"sqlite:///{folder}/bench_{attempt}.db")


def measure(args: argparse.Namespace, database: Callable[[int, str], str]) -> None:
    with tempfile.TemporaryDirectory(prefix="sipas-bench-") as folder:
        path = Path(args.file) if args.file else Path(folder) / f"khao_sat_{args.rows}.xlsx"
        if not path.exists():
            started = time.perf_counter()
            make_file(path, args.rows)
            print(
                f"file: {path.name}, {path.stat().st_size / 1e6:.1f} MB, "
                f"written in {time.perf_counter() - started:.1f} s"
            )
        reads, imports = [], []
        for attempt in range(args.repeat):
            reads.append(run_phase("read", str(path)))
            url = database(attempt, folder)
            imports.append(run_phase("import", str(path), url))
        read = min(reads, key=lambda r: r["seconds"])
        done = min(imports, key=lambda r: r["seconds"])
        assert done["rows"] == read["rows"] == args.rows, (done, read)
        print(f"rows × columns:                      {args.rows} × 30")
        print(f"pandas.read_excel(engine='calamine'): {read['seconds']:.2f} s")
        print(
            f"import (read + validate + store):     {done['seconds']:.2f} s "
            f"(of which read + validate + preview {done['prepare_seconds']:.2f} s)"
        )
        ratio = done["seconds"] / read["seconds"]
        pairs = sorted(i["seconds"] / r["seconds"] for r, i in zip(reads, imports, strict=True))
        print(f"ratio import / read_excel:            {ratio:.2f} (goal ≤ 1.5; best of each)")
        print(
            f"ratio per run, one after the other:   {', '.join(f'{x:.2f}' for x in pairs)}"
            f" (median {pairs[len(pairs) // 2]:.2f})"
        )
        print(f"peak memory of the import process:    {done['peak_mb']:.0f} MB (goal < 1024 MB)")
        print(f"peak memory of read_excel alone:      {read['peak_mb']:.0f} MB")
        print(
            "all runs (s): read_excel "
            + ", ".join(f"{r['seconds']:.2f}" for r in reads)
            + " · import "
            + ", ".join(f"{r['seconds']:.2f}" for r in imports)
        )


if __name__ == "__main__":
    main()
