"""The quarterly trend report with charts from a year of data (issue 11, item 6).

    python bench/report_bench.py               # 1,000 contacts, 50,000 interactions, 5,000 signals
    python bench/report_bench.py --profile 25  # adds a cProfile of one report
    python bench/report_bench.py --smoke       # a small register, a few seconds

A large municipality's year (bench/seed.py: formal and informal contacts in Almere's areas,
visits with follow-ups, signals with tension levels, tension assessments, referrals, all
sealed) is written to a SQLite file; then the report `/rapport kwartaal` asks for is made the
way the chat flow makes it: `core.reports.trend_report` (gather the counts) and
`core.reports.render_pdf` (draw the charts into a PDF). Each is timed --repeat times in a fresh
session (the figure is the median; the first report of a process also pays for importing
matplotlib, shown apart). The baseline beside it is the same report on a register a tenth the
size, so the growth with the data shows. Target: under 5 s.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from common import machine, median, row
from seed import Size, open_register, seed

from core.reports import render_pdf, trend_report
from storage.engine import Database

# The present of the benchmark's register: the quarterly report covers July to September.
NOW = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)


def one_report(db: Database) -> tuple[float, float, int]:
    """(seconds gathering, seconds drawing, PDF bytes) for one quarterly report."""
    started = time.perf_counter()
    with db.session() as session:
        report = trend_report(session, "kwartaal", NOW)
    gathered = time.perf_counter()
    pdf = render_pdf(report, "nl")
    return gathered - started, time.perf_counter() - gathered, len(pdf)


def measure(size: Size, repeat: int, tmp: Path, name: str,
            profile: cProfile.Profile | None = None) -> dict[str, float]:
    db = open_register(f"sqlite:///{tmp / name}")
    try:
        seeded = seed(db, size, now=NOW)
        print(seeded.line())
        gather, draw = [], []
        pdf_bytes = 0
        for _ in range(repeat):
            g, d, pdf_bytes = one_report(db)
            gather.append(g)
            draw.append(d)
        if profile is not None:
            profile.runcall(one_report, db)
        return {"gather": median(gather), "draw": median(draw),
                "total": median(g + d for g, d in zip(gather, draw, strict=True)),
                "pdf_kb": pdf_bytes / 1024, "seeded": seeded.seconds}
    finally:
        db.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--interactions", type=int, default=50_000)
    parser.add_argument("--signals", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print the N costliest functions of one report (large register)")
    parser.add_argument("--smoke", action="store_true", help="a small register, a few seconds")
    args = parser.parse_args()
    if args.smoke:
        args.contacts, args.interactions, args.signals, args.repeat = 100, 2_000, 300, 1

    large = Size(contacts=args.contacts, interactions=args.interactions, signals=args.signals,
                 referrals=args.signals // 10, years=1.0)
    small = Size(contacts=max(args.contacts // 10, 1), interactions=args.interactions // 10,
                 signals=args.signals // 10, referrals=args.signals // 100, years=1.0)
    profile = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        # The first report of the process imports matplotlib: time that once, on its own.
        started = time.perf_counter()
        import matplotlib.backends.backend_pdf  # noqa: F401 - timing the import the bot pays once

        first_import = time.perf_counter() - started
        baseline = measure(small, args.repeat, Path(tmp), "small.db")
        ours = measure(large, args.repeat, Path(tmp), "large.db", profile)

    print(f"machine: {machine()}; median of {args.repeat} report(s), SQLite file")
    print(row("figure", f"{args.contacts:,} c.", f"{small.contacts:,} c."))
    print(row("quarterly report total s", f"{ours['total']:.2f}", f"{baseline['total']:.2f}",
              f"target < 5 s; {args.interactions:,} interactions, {args.signals:,} signals "
              f"in a year (baseline a tenth)"))
    print(row("gathering the counts s", f"{ours['gather']:.2f}", f"{baseline['gather']:.2f}",
              "core.reports.trend_report"))
    print(row("drawing the PDF s", f"{ours['draw']:.2f}", f"{baseline['draw']:.2f}",
              f"core.reports.render_pdf, {ours['pdf_kb']:.0f} KB"))
    print(row("importing matplotlib (once) s", f"{first_import:.2f}", "-",
              "paid by the first report of a process"))
    print(row("seeding the register s", f"{ours['seeded']:.1f}", f"{baseline['seeded']:.1f}",
              "bench/seed.py"))
    if profile is not None:
        print(f"profile of one report on the large register (cumulative, top {args.profile}):")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
