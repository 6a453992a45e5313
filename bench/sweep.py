"""The due-work sweep as the register grows (issue 11, item 3).

    python bench/sweep.py                 # 10k and 100k follow-up rows, SQLite and PostgreSQL
    python bench/sweep.py --large         # also 1M rows (seeding takes a few minutes)
    python bench/sweep.py --smoke         # 1k and 5k rows, a few seconds
    python bench/sweep.py --large --try-index partial   # the same with one more index

Times `core.followups.sweep_due` (find the due follow-ups, claim them, owe a reminder each,
commit) over a register shaped like years of use (bench/seed.py, titles sealed): 80 % done,
15 % open in the future, 5 % open, overdue and already reminded. Before every timed sweep a
few rows (--due, default 5) fall due; the figure is the median of --sweeps sweeps. The
baseline beside it is the smallest size, so a flat sweep shows a ratio near 1 (target:
largest/10k <= 2, and under 5 ms at 1M). The query plan is printed for the largest size.

SQLite runs on a file in a temporary directory. PostgreSQL is used when a server answers
on 127.0.0.1:5432 (user postgres, trust auth; override with BENCH_POSTGRES_URL): the
script creates its own database and drops it again.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from common import machine, median, row
from seed import add_due, keyring_from_environment, seed_follow_ups, seed_users
from sqlalchemy import Engine, text

from core.audit import begin
from core.followups import sweep_due
from storage.engine import Database, make_engine
from storage.migrate import upgrade

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")

# Indexes the sweep's query could want, added by --try-index to the benchmark's own database
# only: equality on status, IS NULL on reminded_at, then the range and the order on due_at; or
# due_at over only the rows still to remind (a partial index: tiny, and its size tells the
# planner how few rows qualify).
TRY_INDEX = {
    "composite": "CREATE INDEX bench_followup_due_open ON followup (status, reminded_at, due_at)",
    "partial": "CREATE INDEX bench_followup_due_open ON followup (due_at) "
               "WHERE status = 'open' AND reminded_at IS NULL",
}
SWEEP_SQL = (
    "SELECT * FROM followup WHERE status = 'open' AND reminded_at IS NULL AND due_at <= {now} "
    "ORDER BY due_at LIMIT 500"
)


@contextlib.contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'sweep.db'}"


@contextlib.contextmanager
def postgres_url() -> Iterator[str | None]:
    """A fresh database on the local server, dropped afterwards; None when none answers."""
    try:
        import psycopg
    except ImportError:
        yield None
        return
    admin = POSTGRES.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    name = f"bench_sweep_{uuid.uuid4().hex[:10]}"
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{POSTGRES}/{name}"
        finally:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_database(backend: str) -> contextlib.AbstractContextManager[str | None]:
    return sqlite_url() if backend == "sqlite" else postgres_url()


def plan(engine: Engine, now: datetime) -> str:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            query = SWEEP_SQL.format(now=f"'{now.replace(tzinfo=None).isoformat(' ')}'")
            rows = connection.execute(text("EXPLAIN QUERY PLAN " + query)).all()
            return "; ".join(str(r[-1]) for r in rows)
        query = SWEEP_SQL.format(now=f"'{now.isoformat()}'")
        rows = connection.execute(text("EXPLAIN ANALYZE " + query)).all()
        return "\n      ".join(str(r[0]) for r in rows)


def measure(
    url: str, rows: int, *, sweeps: int, due: int, show_plan: bool, try_index: str | None = None,
    profile: cProfile.Profile | None = None,
) -> tuple[float, float, float]:
    """(median seconds of the sweep_due call, median seconds including its commit, seconds
    spent seeding)."""
    db = Database(make_engine(url), keyring_from_environment())
    try:
        upgrade(db.engine)
        with db.session() as session:
            begin(session, db.keyring)  # the signed start, as the bot's first start writes it
        if try_index:
            with db.engine.begin() as connection:
                connection.execute(text(TRY_INDEX[try_index]))
        now = datetime.now(UTC).replace(microsecond=0)
        owner = seed_users(db, 1, now)[0]
        seeded = seed_follow_ups(db, rows=rows, owner=owner, now=now, due=0)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                connection.execute(text("ANALYZE"))
                connection.commit()
        calls, totals = [], []
        for _ in range(sweeps + 1):  # the first sweep warms the caches and is dropped
            add_due(db, owners=[owner], now=now, count=due)
            if profile is not None:
                profile.enable()
            started = time.perf_counter()
            with db.session() as session:
                claimed = sweep_due(session, now)
                calls.append(time.perf_counter() - started)
            totals.append(time.perf_counter() - started)
            if profile is not None:
                profile.disable()
            if claimed != due:
                raise SystemExit(f"the sweep claimed {claimed} follow-ups, expected {due}")
        if show_plan:
            print(f"    plan ({db.engine.dialect.name}, {rows:,} rows): {plan(db.engine, now)}")
        return median(calls[1:]), median(totals[1:]), seeded
    finally:
        db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--large", action="store_true", help="add 1,000,000 rows")
    parser.add_argument("--sweeps", type=int, default=15)
    parser.add_argument("--due", type=int, default=5, help="rows due before each sweep")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--try-index", choices=sorted(TRY_INDEX),
                        help="add one more index on follow-ups first, to compare")
    parser.add_argument("--smoke", action="store_true", help="1k and 5k rows, a few seconds")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the N costliest functions of the largest size's sweeps "
                             "(session and commit included; the timings then are not figures)")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes + ([1_000_000] if args.large else [])))
    if args.smoke:
        sizes, args.sweeps = [1_000, 5_000], 5

    print(f"machine: {machine()}; median of {args.sweeps} sweeps, {args.due} rows due each")
    if args.try_index:
        print(f"with the extra index: {TRY_INDEX[args.try_index]}")
    print(row("figure", "this size", f"{sizes[0]:,} rows"))
    backends = ["sqlite"] if args.sqlite_only else ["sqlite", "postgresql"]
    for backend in backends:
        results: dict[int, float] = {}
        committed: dict[int, float] = {}
        for size in sizes:
            with fresh_database(backend) as url:
                if url is None:
                    print(f"{backend}: no server reachable, skipped")
                    break
                profile = cProfile.Profile() if args.profile and size == sizes[-1] else None
                seconds, total, seeded = measure(url, size, sweeps=args.sweeps, due=args.due,
                                                 show_plan=size == sizes[-1],
                                                 try_index=args.try_index, profile=profile)
                results[size], committed[size] = seconds, total
                base, base_total = results[sizes[0]], committed[sizes[0]]
                print(row(f"{backend} sweep_due, {size:>9,} rows", f"{seconds * 1000:.2f} ms",
                          f"{base * 1000:.2f} ms",
                          f"ratio {seconds / base:.2f}; seeded in {seeded:.1f} s"))
                print(row(f"{backend} + commit, {size:>9,} rows", f"{total * 1000:.2f} ms",
                          f"{base_total * 1000:.2f} ms", f"ratio {total / base_total:.2f}"))
                if profile is not None:
                    print(f"profile of {backend}'s {args.sweeps + 1} sweeps at {size:,} rows:")
                    stats = pstats.Stats(profile)
                    stats.sort_stats("cumulative").print_stats(args.profile)
        if len(results) > 1:
            largest = max(results)
            ratio = results[largest] / results[min(results)]
            verdict = "flat" if ratio <= 2 else "NOT flat"
            print(f"{backend}: {largest:,}/{min(results):,} rows = {ratio:.2f} ({verdict}; "
                  f"target <= 2), {results[largest] * 1000:.2f} ms at {largest:,} "
                  f"(target < 5 ms at 1M)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
