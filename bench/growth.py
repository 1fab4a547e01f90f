"""How the dashboard's costs grow with the questionnaires stored: 10k, 100k, 1M and 10M.

    python bench/growth.py [--sizes 10k,100k,1m,10m] [--rounds 5] [--million PATH]

For each size, a SQLite database artifacts/bench/growth-SIZE.db (git-ignored) is generated with
bench/generate.py when missing; the 1M one is copied from --million (default
artifacts/bench/million.db, generate.py's own default) when that exists. Then, per size:
- the indices of the newest wave and of all waves, ours against DuckDB (bench/indices.py), and
  the count rows our path reads;
- the overview's server-side run time, cold / compute / rerun (bench/overview.py);
- the server's peak resident memory after the overview of every wave, and after every page
  (bench/memory.py);
- the comments page's three queries on the newest wave (theme counts, count, first page of 20),
  which read stored comment counts and the comments index (bench/comments.py has the details).
Prints the details as it goes and one table at the end.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import indices, memory, overview
from sipas.core import schema as s
from sipas.dashboard import comments
from sipas.reference import comment_themes
from sipas.storage.comments import CommentFilter, count_by_theme, count_comments, read_comments
from sipas.storage.engine import make_engine, transaction
from sipas.storage.waves import list_waves

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "artifacts" / "bench"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
BYTES_PER_QUESTIONNAIRE = 200  # SQLite file (176 MB per million) and its Parquet export


@dataclass(frozen=True)
class Row:
    size: str
    indices: list[indices.Figures]
    overview: overview.OverviewTimes
    comments: int
    comment_queries: float
    overview_peak: float
    pages_peak: float


def database(size: str, million: Path) -> str:
    """The URL of the SIZE database, generated (or copied) when missing."""
    path = BENCH / f"growth-{size}.db"
    if not path.exists():
        _check_disk(SIZES[size])
        if size == "1m" and million.exists():
            print(f"copying {million} to {path}")
            _copy(million, path)
        else:
            command = [sys.executable, "bench/generate.py", "--url", f"sqlite:///{path}"]
            subprocess.run([*command, "--total", str(SIZES[size])], cwd=ROOT, check=True)
    return f"sqlite:///{path}"


def _check_disk(total: int) -> None:
    BENCH.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(BENCH).free
    if free < 2 * total * BYTES_PER_QUESTIONNAIRE:
        raise SystemExit(f"{free / 1e9:.1f} GB free: too little for {total:,} questionnaires")


def _copy(source: Path, target: Path) -> None:
    """A consistent copy, even while another process reads or writes the source."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def measure(size: str, url: str, rounds: int) -> Row:
    print(f"\n== {size}: {url}")
    found = indices.measure(url, rounds=rounds)
    times = overview.measure(url, rounds=rounds)
    for t in times:
        print(
            f"  overview run, wave {t.wave}: cold {1000 * t.cold:.0f} ms, compute "
            f"{1000 * t.compute:.0f} ms, rerun {1000 * t.rerun:.0f} ms"
        )
    stored, seconds = comment_queries(url, rounds)
    print(f"  comments page queries: {1000 * seconds:.0f} ms over {stored:,} comments of the wave")
    steps = memory.measure(url)
    overview_steps = [m for m in steps if m.step.startswith("overview")]
    return Row(
        size=size,
        indices=found,
        overview=times[0],
        comments=stored,
        comment_queries=seconds,
        overview_peak=max(m.peak + m.children_peak for m in overview_steps),
        pages_peak=max(m.peak + m.children_peak for m in steps),
    )


def comment_queries(url: str, rounds: int) -> tuple[int, float]:
    """(comments of the newest wave, best seconds of the comments page's queries on it)."""
    engine = make_engine(url)
    with transaction(engine) as session:
        wave = [w for w in list_waves(session) if w.kind == s.RESPONDENT_KIND][-1]
        wanted = CommentFilter(wave_id=wave.id)
        stored = count_comments(session, wanted)

    def queries() -> None:
        with transaction(engine) as session:
            count_by_theme(session, wanted, dict(comment_themes.theme_phrases()))
            count_comments(session, wanted)
            read_comments(session, wanted, comments.PAGE_SIZE, 0)

    seconds = indices.timing(queries, rounds).best
    engine.dispose()
    return stored, seconds


def table(rows: list[Row]) -> str:
    head = (
        "| questionnaires | count rows read, wave / all waves | indices of the wave: ours / "
        "DuckDB (ratio) | all waves: ours / DuckDB (ratio) | overview run: cold / compute / "
        "rerun | peak memory: overviews / all pages | comments page queries (comments) |\n"
        "|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for row in rows:
        wave, every = row.indices
        o = row.overview
        lines.append(
            f"| {every.questionnaires:,} | {wave.answer_rows + wave.respondent_rows:,} / "
            f"{every.answer_rows + every.respondent_rows:,} | {_pair(wave)} | {_pair(every)} | "
            f"{1000 * o.cold:.0f} / {1000 * o.compute:.0f} / {1000 * o.rerun:.0f} ms | "
            f"{row.overview_peak:.0f} / {row.pages_peak:.0f} MiB | "
            f"{1000 * row.comment_queries:.0f} ms ({row.comments:,}) |"
        )
    return "\n".join(lines)


def _pair(f: indices.Figures) -> str:
    return f"{1000 * f.ours.best:.0f} / {1000 * f.duckdb.best:.0f} ms ({f.ratio:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--million", type=Path, default=BENCH / "million.db")
    args = parser.parse_args()
    sizes = args.sizes.split(",")
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise SystemExit(f"unknown sizes {unknown}; known: {', '.join(SIZES)}")
    urls = {size: database(size, args.million) for size in sizes}
    rows = [measure(size, url, args.rounds) for size, url in urls.items()]
    wave = rows[0].indices[0].scope
    print(f"\nIndices of {wave} and of all waves; overview of {rows[0].overview.wave}; best times.")
    print(table(rows))


if __name__ == "__main__":
    main()
