"""The indices of every unit × field × item, element and SIPAS of a wave and of all waves: our
code path against the same aggregation written in DuckDB over the raw questionnaires.

    python bench/indices.py [--url SQLALCHEMY_URL ...] [--wave CODE] [--rounds 5]

Ours is what the dashboard does per view: read the wave's answer counts (sipas.results.
load_wave_counts: answer_counts and respondent_counts summed over the wave's active imports)
and compute item, element and SIPAS indices per unit × field from them. DuckDB reads the
questionnaires as stored (responses.answers, one character per item, of active imports) and
computes the same numbers in one SQL statement. DuckDB's sqlite scanner cannot be installed
offline, so the tables it needs (responses, imports, units) are exported once to Parquet under
artifacts/bench/parquet/ before any clock starts (re-exported when the responses change);
the method's structure (item → element → pillar, pillar weights) is a small table given to
DuckDB as data. Both results must agree within 1e-9 (n exactly) or the script stops.

Prints, per database: questionnaires stored, count rows read, the SQL statements of our path
and the tables and query plans they use, then each side's best and median time of --rounds and
their ratio (the best is the steadier figure on a shared machine).
Defaults: artifacts/bench/growth-1m.db and growth-10m.db (bench/growth.py makes them).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url

from sipas.core import schema as s
from sipas.method.results import wave_element_indices, wave_indices, wave_item_indices
from sipas.method.waves import WaveInfo
from sipas.reference.questionnaires import get_method
from sipas.storage.counts import load_wave_counts
from sipas.storage.engine import make_engine, transaction
from sipas.storage.waves import list_waves

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "artifacts" / "bench"
DEFAULT_URLS = [f"sqlite:///{BENCH / 'growth-1m.db'}", f"sqlite:///{BENCH / 'growth-10m.db'}"]
TOLERANCE = 1e-9
BY = [s.UNIT, s.FIELD]
WAVE = "wave"
ELEMENT_INDEX, SIPAS_N = "element_index", "sipas_n"
KEYS = {
    "items": [WAVE, s.UNIT, s.FIELD, s.ITEM],
    "elements": [WAVE, s.UNIT, s.FIELD, s.ELEMENT],
    "sipas": [WAVE, s.UNIT, s.FIELD],
}
VALUES = {
    "items": [s.N, s.SATISFIED, s.INDEX, s.MEAN_SCORE],
    "elements": [s.INDEX],
    "sipas": [s.SIPAS, s.N],
}
EXACT = {s.N, s.SATISFIED}
EXPORTS = {
    "responses": "SELECT import_id, wave_id, unit_id, field_code, answers FROM responses "
    "ORDER BY id",
    "imports": "SELECT id, status FROM imports",
    "units": "SELECT id, code FROM units",
}

Results = dict[str, pd.DataFrame]


# --- ours: the dashboard's path -------------------------------------------------------------


def ours(engine: Engine, codes: list[str]) -> Results:
    """Read each wave's counts and compute its indices per unit × field, as pages do."""
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in KEYS}
    with transaction(engine) as session:
        for code in codes:
            counts = load_wave_counts(session, code)
            parts["items"].append(wave_item_indices(counts, BY).assign(**{WAVE: code}))
            parts["elements"].append(wave_element_indices(counts, BY).assign(**{WAVE: code}))
            parts["sipas"].append(wave_indices(counts, BY).assign(**{WAVE: code}))
    return {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}


# --- DuckDB over the raw questionnaires -----------------------------------------------------


def structure(waves: list[WaveInfo]) -> pd.DataFrame:
    """Per wave and answer position: the item, its element and pillar (None when the method
    lacks the item) and the pillar's weight in SIPAS. Configuration, not survey data."""
    rows = []
    for wave in waves:
        method = get_method(wave.method_code)
        weights = method.pillar_weights(wave.weighting)
        place = {i.code: (e.code, p.code, weights[p.code]) for p, e, i in method.walk()}
        for position, item in enumerate(wave.item_codes, start=1):
            rows.append((wave.id, wave.code, position, item, *place.get(item, (None, None, None))))
    columns = ["wave_id", WAVE, "pos", s.ITEM, s.ELEMENT, s.PILLAR, "weight"]
    return pd.DataFrame(rows, columns=columns)


def duck_sql(wave_ids: list[int]) -> list[str]:
    """The statements: three temporary tables, then items, elements and SIPAS per slice.

    The answer strings are split into one row per answer (position, character) and counted;
    of the ways tried this was the fastest (a conditional count per position and answer kind,
    `count(*) FILTER (WHERE substr(answers, k, 1) ...)`, took 0.7–1.2 times as long)."""
    active = f"""FROM responses r JOIN imports i ON i.id = r.import_id
        WHERE i.status = 'active' AND r.wave_id IN ({", ".join(str(int(w)) for w in wave_ids)})"""
    return [
        f"""CREATE OR REPLACE TEMP TABLE slices AS
        SELECT r.wave_id, r.unit_id, r.field_code,
               count(*) FILTER (WHERE regexp_matches(r.answers, '[1-5]')) AS respondents
        {active}
        GROUP BY r.wave_id, r.unit_id, r.field_code""",
        f"""CREATE OR REPLACE TEMP TABLE cells AS
        WITH split AS (
            SELECT r.wave_id, r.unit_id, r.field_code, string_split(r.answers, '') AS chars
            {active}),
        answers AS (
            SELECT wave_id, unit_id, field_code, generate_subscripts(chars, 1) AS pos,
                   unnest(chars) AS answer
            FROM split)
        SELECT wave_id, unit_id, field_code, pos, answer, count(*) AS answers
        FROM answers WHERE answer BETWEEN '1' AND '5'
        GROUP BY wave_id, unit_id, field_code, pos, answer""",
        """CREATE OR REPLACE TEMP TABLE item_rows AS
        WITH items AS (
            SELECT wave_id, unit_id, field_code, pos, sum(answers)::BIGINT AS n,
                   coalesce(sum(answers) FILTER (WHERE answer >= '4'), 0)::BIGINT AS satisfied,
                   sum(answers * (ascii(answer) - 48))::DOUBLE AS points
            FROM cells GROUP BY wave_id, unit_id, field_code, pos)
        SELECT w.wave, u.code AS unit, c.field_code AS field, w.item, w.element, w.pillar,
               w.weight, c.n, c.satisfied, 100.0::DOUBLE * c.satisfied / c.n AS "index",
               c.points / c.n AS mean_score
        FROM items c JOIN units u ON u.id = c.unit_id
        JOIN structure w ON w.wave_id = c.wave_id AND w.pos = c.pos""",
        """SELECT wave, unit, field, item, n, satisfied, "index", mean_score FROM item_rows""",
        """SELECT wave, unit, field, element, avg("index") AS "index" FROM item_rows
        WHERE element IS NOT NULL GROUP BY wave, unit, field, element""",
        """WITH elements AS (
            SELECT wave, unit, field, pillar, any_value(weight) AS weight,
                   avg("index") AS "index"
            FROM item_rows WHERE element IS NOT NULL
            GROUP BY wave, unit, field, pillar, element),
        pillars AS (
            SELECT wave, unit, field, avg("index") AS "index", any_value(weight) AS weight
            FROM elements GROUP BY wave, unit, field, pillar),
        respondents AS (
            SELECT w.code AS wave, u.code AS unit, r.field_code AS field,
                   sum(r.respondents) AS n
            FROM slices r JOIN units u ON u.id = r.unit_id
            JOIN (SELECT DISTINCT wave_id, wave AS code FROM structure) w
              ON w.wave_id = r.wave_id
            GROUP BY ALL)
        SELECT p.wave, p.unit, p.field, sum(p."index" * p.weight) / sum(p.weight) AS sipas,
               coalesce(any_value(r.n), 0) AS n
        FROM pillars p LEFT JOIN respondents r USING (wave, unit, field)
        GROUP BY p.wave, p.unit, p.field""",
    ]


def duck_connection(folder: Path, waves: list[WaveInfo]) -> duckdb.DuckDBPyConnection:
    """DuckDB in memory, with views on the exported Parquet files and the method structure."""
    connection = duckdb.connect()
    for table in EXPORTS:
        path = (folder / f"{table}.parquet").as_posix()
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    connection.register("structure", structure(waves))
    return connection


def theirs(connection: duckdb.DuckDBPyConnection, waves: list[WaveInfo]) -> Results:
    """Items, elements and SIPAS per unit × field of `waves`, computed by DuckDB."""
    statements = duck_sql([w.id for w in waves])
    for statement in statements[:3]:
        connection.execute(statement)
    frames = [connection.execute(statement).df() for statement in statements[3:]]
    return dict(zip(KEYS, frames, strict=True))


# --- the raw data exported once ---------------------------------------------------------------


def export_folder(url: str) -> Path:
    parsed = make_url(url)
    name = Path(parsed.database or "db").stem if parsed.get_backend_name() == "sqlite" else None
    return BENCH / "parquet" / (name or re.sub(r"\W+", "_", parsed.render_as_string(False)))


def export_raw(engine: Engine, folder: Path) -> float | None:
    """Write responses, imports and units to Parquet unless an export of the same data is
    there; seconds taken, or None when the export was reused."""
    with engine.connect() as connection:
        stamp = [list(r) for r in connection.execute(text(_STAMP)).all()]
    stamp_file = folder / "stamp.json"
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        return None
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    for table, query in EXPORTS.items():
        _export_query(engine, query, folder / f"{table}.parquet")
    stamp_file.write_text(json.dumps(stamp))
    return time.perf_counter() - start


_STAMP = (
    "SELECT 'responses', count(*), max(id) FROM responses "
    "UNION ALL SELECT status, count(*), max(id) FROM imports GROUP BY status"
)


def _export_query(engine: Engine, query: str, path: Path) -> None:
    writer: pq.ParquetWriter | None = None
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(text(query))
        names = list(result.keys())
        for part in result.partitions(500_000):
            columns = [pa.array(values) for values in zip(*part, strict=True)]
            batch = pa.RecordBatch.from_arrays(columns, names=names)
            writer = writer or pq.ParquetWriter(path, batch.schema)
            writer.write_batch(batch)
    if writer is None:
        raise SystemExit(f"nothing to export for {path.name}")
    writer.close()


# --- checks and counts ------------------------------------------------------------------------


def compare(mine: Results, other: Results) -> float:
    """Largest absolute difference between the two results; stops on any other mismatch."""
    largest = 0.0
    for name, keys in KEYS.items():
        left, right = mine[name], other[name]
        joined = left.merge(right, on=keys, how="outer", suffixes=("", "_duck"), indicator=True)
        alone = joined[joined["_merge"] != "both"]
        if not alone.empty:
            raise SystemExit(f"{name}: rows in one result only:\n{alone[[*keys, '_merge']]}")
        for column in VALUES[name]:
            a = joined[column].to_numpy(dtype=float)
            b = joined[f"{column}_duck"].to_numpy(dtype=float)
            gap = float(np.nanmax(np.abs(a - b), initial=0.0))
            same_missing = np.array_equal(np.isnan(a), np.isnan(b))
            limit = 0 if column in EXACT else TOLERANCE
            if gap > limit or not same_missing:
                raise SystemExit(f"{name}.{column} differs: largest gap {gap}")
            largest = max(largest, gap)
    return largest


def count_rows(engine: Engine, waves: list[WaveInfo]) -> dict[str, int]:
    """Rows of the count tables our queries sum (active imports, totals), and questionnaires."""
    ids = {"ids": [w.id for w in waves]}
    found = {}
    with engine.connect() as connection:
        for table in ("answer_counts", "respondent_counts"):
            query = text(
                f"SELECT count(*) FROM {table} c JOIN imports i ON i.id = c.import_id "
                "WHERE c.wave_id IN :ids AND c.attribute = '' AND i.status = 'active'"
            ).bindparams(_expanding("ids"))
            found[table] = int(connection.execute(query, ids).scalar_one())
        query = text("SELECT count(*) FROM responses WHERE wave_id IN :ids")
        found["questionnaires"] = int(
            connection.execute(query.bindparams(_expanding("ids")), ids).scalar_one()
        )
    return found


def _expanding(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


@dataclass
class Statements:
    """The SQL our path sent, the tables it named and the plans the database chose."""

    sql: list[tuple[str, Any]]

    @property
    def tables(self) -> list[str]:
        found = re.findall(r"\b(?:FROM|JOIN)\s+\"?(\w+)", " ".join(q for q, _ in self.sql), re.I)
        return sorted(set(found))

    def plans(self, engine: Engine) -> list[str]:
        """Distinct plan lines of the statements (SQLite: EXPLAIN QUERY PLAN)."""
        if engine.dialect.name != "sqlite":
            prefix, pick = "EXPLAIN ", (lambda row: str(row[0]).strip())
        else:
            prefix, pick = "EXPLAIN QUERY PLAN ", (lambda row: str(row[3]))
        lines: list[str] = []
        with engine.connect() as connection:
            for statement, parameters in self.sql:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                rows = connection.exec_driver_sql(prefix + statement, parameters).all()
                lines += [line for line in map(pick, rows) if line not in lines]
        return lines


def capture(engine: Engine, work: Callable[[], object]) -> Statements:
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return Statements(sent)


@dataclass(frozen=True)
class Timing:
    """Seconds: the best and the median of several rounds."""

    best: float
    median: float

    def text(self) -> str:
        return f"{1000 * self.best:.1f} ms (median {1000 * self.median:.1f})"


def timing(work: Callable[[], object], rounds: int) -> Timing:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return Timing(min(times), statistics.median(times))


# --- one database -----------------------------------------------------------------------------


@dataclass
class Figures:
    """What one scope (a wave, or all waves) of one database measured."""

    scope: str
    questionnaires: int
    answer_rows: int
    respondent_rows: int
    ours: Timing
    duckdb: Timing
    largest_gap: float
    result_rows: int

    @property
    def ratio(self) -> float:
        """Ours / DuckDB, of the best times."""
        return self.ours.best / self.duckdb.best


def measure(
    url: str, wave: str | None = None, rounds: int = 5, verbose: bool = True
) -> list[Figures]:
    """Figures for the newest (or the given) wave and for all waves of the database at `url`."""
    engine = make_engine(url)
    with transaction(engine) as session:
        waves = [w for w in list_waves(session) if w.kind == s.RESPONDENT_KIND]
    folder = export_folder(url)
    exported = export_raw(engine, folder)
    if verbose:
        took = "reused" if exported is None else f"written in {exported:.1f} s"
        print(f"  Parquet export of responses, imports, units ({folder}): {took}")
    connection = duck_connection(folder, waves)
    chosen = next(w for w in waves if w.code == wave) if wave else waves[-1]
    figures = [
        _measure_scope(engine, connection, f"wave {chosen.code}", [chosen], rounds, verbose),
        _measure_scope(engine, connection, "all waves", waves, rounds, verbose),
    ]
    connection.close()
    engine.dispose()
    return figures


def _measure_scope(
    engine: Engine,
    connection: duckdb.DuckDBPyConnection,
    scope: str,
    waves: list[WaveInfo],
    rounds: int,
    verbose: bool,
) -> Figures:
    codes = [w.code for w in waves]
    mine: Results = {}
    sent = capture(engine, lambda: mine.update(ours(engine, codes)))
    largest = compare(mine, theirs(connection, waves))
    rows = count_rows(engine, waves)
    figures = Figures(
        scope=scope,
        questionnaires=rows["questionnaires"],
        answer_rows=rows["answer_counts"],
        respondent_rows=rows["respondent_counts"],
        ours=timing(lambda: ours(engine, codes), rounds),
        duckdb=timing(lambda: theirs(connection, waves), rounds),
        largest_gap=largest,
        result_rows=sum(len(frame) for frame in mine.values()),
    )
    if verbose:
        _report(figures, sent, engine)
    return figures


def _report(figures: Figures, sent: Statements, engine: Engine) -> None:
    f = figures
    print(f"  {f.scope}: {f.questionnaires:,} questionnaires stored")
    print(
        f"    same numbers: {f.result_rows:,} item/element/SIPAS rows agree, largest "
        f"difference {f.largest_gap:.2e} (≤ {TOLERANCE:.0e}; n exactly)"
    )
    print(
        f"    our path read {f.answer_rows:,} answer_counts + {f.respondent_rows:,} "
        f"respondent_counts rows ({len(sent.sql)} statements; tables: {', '.join(sent.tables)}; "
        f"reads responses: {'YES' if 'responses' in sent.tables else 'no'})"
    )
    for line in sent.plans(engine):
        print(f"      plan: {line}")
    print(
        f"    ours {f.ours.text()}, DuckDB {f.duckdb.text()}: ratio ours/DuckDB {f.ratio:.2f} "
        f"(of the medians {f.ours.median / f.duckdb.median:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", action="append", help="SQLAlchemy URL; repeat for several")
    parser.add_argument("--wave", help="wave code (default: the newest wave with questionnaires)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()
    print(f"DuckDB {duckdb.__version__} ({threads[0] if threads else '?'} threads)")
    for url in args.url or DEFAULT_URLS:
        print(url)
        measure(url, args.wave, args.rounds)


if __name__ == "__main__":
    main()
