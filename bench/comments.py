"""What the comments page's queries cost as the comments grow.

    python bench/comments.py SQLALCHEMY_URL [SQLALCHEMY_URL ...] [--rounds 5]

For each database (e.g. the artifacts/bench/growth-*.db files of bench/growth.py): the app's
start (bootstrap.initialise: migrations, then counting the comments of waves never counted or
counted with other theme keywords: once), and then, on the newest wave, the best of --rounds
for the page's queries: the theme counts and the count of all comments (from the stored
counts), the first page of 20 and the tenth (read in index order), the same for one unit and
one theme, and, for contrast, a word search (which reads the comments themselves).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import indices
from sipas.core import schema as s
from sipas.dashboard import comments
from sipas.reference import comment_themes
from sipas.setup.bootstrap import initialise
from sipas.storage.comments import CommentFilter, count_by_theme, count_comments, read_comments
from sipas.storage.engine import make_engine, transaction
from sipas.storage.waves import list_waves


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for url in args.urls:
        measure(url, args.rounds)


def measure(url: str, rounds: int) -> None:
    engine = make_engine(url)
    start = time.perf_counter()
    initialise(engine)
    started = time.perf_counter() - start
    with transaction(engine) as session:
        wave = [w for w in list_waves(session) if w.kind == s.RESPONDENT_KIND][-1]
        everything = CommentFilter(wave_id=wave.id)
        total = count_comments(session, everything)
        unit = str(read_comments(session, everything, 1)[s.UNIT].iloc[0])
    theme = comments.load_themes()[0]
    themes = dict(comment_themes.theme_phrases())
    cases: dict[str, Callable[[], object]] = {}

    def query(name: str, run: Callable[..., object], *args: object) -> None:
        def timed() -> None:
            with transaction(engine) as session:
                run(session, *args)

        cases[name] = timed

    query("theme counts, all units", count_by_theme, everything, themes)
    query("count, all units", count_comments, everything)
    query("page 1 of 20", read_comments, everything, comments.PAGE_SIZE, 0)
    query("page 10 of 20", read_comments, everything, comments.PAGE_SIZE, 9 * comments.PAGE_SIZE)
    one_unit = CommentFilter(wave_id=wave.id, units=(unit,))
    query("theme counts, one unit", count_by_theme, one_unit, themes)
    query("page 1, one unit", read_comments, one_unit, comments.PAGE_SIZE, 0)
    themed = CommentFilter(wave_id=wave.id, phrases=theme.phrases)
    query(f"count, theme {theme.code}", count_comments, themed)
    query(f"page 1, theme {theme.code}", read_comments, themed, comments.PAGE_SIZE, 0)
    searched = CommentFilter(wave_id=wave.id, words=("ho", "so"))
    query("count, words 'hồ sơ' (reads the comments)", count_comments, searched)
    print(f"{url}: app start (migrate, count comments once) {started:.2f} s")
    print(f"  wave {wave.code}: {total} comments")
    for name, run in cases.items():
        best = indices.timing(run, rounds).best
        print(f"  {name}: {best * 1000:.1f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
