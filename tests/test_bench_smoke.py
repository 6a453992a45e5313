"""Every benchmark still runs: each bench/ script's --smoke mode exits cleanly and prints its
figures (design.md §7: benchmarks are scripts, never timed assertions, so nothing here looks
at how fast anything was)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HANG_GUARD = 180  # seconds; only reached when a script hangs, never a performance limit

SMOKE_RUNS = {
    "throughput.py": [
        "updates/s", "latency p50 ms (all updates)", "latency p95 ms (all updates)",
        "one user alone: p95 ms", "ratio ours/echo",
    ],
    "sweep.py": ["sqlite sweep_due,", "sqlite + commit,", "sqlite: 5,000/1,000 rows ="],
    "memory.py": ["start-up to first reply s", "RSS idle MB", "RSS after the messages MB"],
    "memory_growth.py --trace": ["RSS idle MB", "RSS after 10 visits MB",
                                 "traced growth over the visits"],
    "dates_bench.py": ["core.dates", "plain dateparser"],
    "seed.py": ["seeded", "contacts", "interactions", "signals", "referrals",
                "read back: first contact"],
    "report_bench.py": ["quarterly report total s", "gathering the counts s",
                        "drawing the PDF s"],
    "lateness.py": ["last reminder handed over s", "ratio to the floor", "given up",
                    "refused by the rate limit (429)"],
    "lateness.py --scheduled": ["APScheduler every", "last reminder handed over s",
                                "ratio to the floor"],
}


@pytest.mark.parametrize(("script", "figures"), SMOKE_RUNS.items(), ids=SMOKE_RUNS.keys())
def test_the_benchmark_runs_in_smoke_mode_and_prints_its_figures(
    script: str, figures: list[str]
) -> None:
    name, *options = script.split()
    result = subprocess.run(  # noqa: S603 - our own script, run by the interpreter under test
        [sys.executable, str(ROOT / "bench" / name), *options, "--smoke"],
        cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD, check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    missing = [figure for figure in figures if figure not in result.stdout]
    assert missing == [], result.stdout
