"""Benchmark: what the read guard costs (sipas/ingest/sandbox.py, sheetsize.py).

    python bench/read_guard.py [--rows 100000] [--repeat 3] [--file PATH]

Prints, best of `--repeat`: calamine's bare read of the sheet (`to_python` from A1, in this
process), the guarded read (`read_sheet`: declared-size scan here while a forkserver child
reads and streams the rows back), the scan alone, and the cost of a guarded read of a
one-row file: the first in a process (starts the forkserver) and the next ones (a fork).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    import python_calamine as calamine

    from bench.import_bench import make_file
    from sipas.ingest.limits import Limits
    from sipas.ingest.reading import read_sheet
    from sipas.ingest.sheetsize import check_xlsx_sheet
    from tests.support.workbooks import xlsx

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file")
    args = parser.parse_args()
    limits = Limits()
    tiny = xlsx([["Đơn vị", "Câu 1"], ["Ninh Hải", 4]])
    started = time.perf_counter()
    read_sheet(tiny, "a.xlsx", limits)
    first = time.perf_counter() - started
    later = best(10, lambda: read_sheet(tiny, "a.xlsx", limits))
    print(f"guarded read of a one-row file: first {first:.3f} s, then {later * 1000:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="sipas-bench-") as folder:
        path = Path(args.file) if args.file else Path(folder) / "khao_sat.xlsx"
        if not path.exists():
            make_file(path, args.rows)
        content = path.read_bytes()

        def bare() -> object:
            book = calamine.CalamineWorkbook.from_path(str(path))
            return book.get_sheet_by_index(0).to_python(skip_empty_area=False)

        part = "xl/worksheets/sheet1.xml"
        times = {
            "calamine bare read (to_python from A1)": best(args.repeat, bare),
            "guarded read (read_sheet)": best(
                args.repeat, lambda: read_sheet(content, path.name, limits)
            ),
            "declared-size scan alone": best(
                args.repeat, lambda: check_xlsx_sheet(content, part, limits)
            ),
        }
        assert read_sheet(content, path.name, limits).cells == bare()
    for name, seconds in times.items():
        print(f"{name + ':':42} {seconds:.2f} s")
    ratio = times["guarded read (read_sheet)"] / times["calamine bare read (to_python from A1)"]
    print(f"{'ratio guarded / bare:':42} {ratio:.2f}")


if __name__ == "__main__":
    main()
