"""Shared pieces of the benchmarks: visit texts, a timing fake Bot API, figures.

Not a benchmark itself. The registers come from `bench/seed.py` (sealed like real data).
"""

from __future__ import annotations

import asyncio
import collections
import os
import resource
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.fake_bot_api import FAKE_TOKEN, FakeBotApi, _ApiError

VISIT_TEMPLATES = (
    "Vandaag gesproken met {name} in {area}. Zorgen over een groepje jongeren bij het "
    "skatepark. Volgende week dinsdag terugbellen.",
    "Net koffie gedronken met {name} in {area}. Sfeer is goed, ze willen een buurtavond "
    "organiseren. Over twee weken langsgaan.",
    "Gisteren gebeld met {name} over de onrust in {area}. Vrijdag even terugbellen.",
    "Bezoek aan {name} in {area}: nieuwe vrijwilligers gevonden voor de inloop. "
    "Maandag mailen met de stukken.",
)


# --------------------------------------------------------------------------- the fake, timed


@dataclass(frozen=True)
class Sent:
    """A sendMessage as it reached the fake server: when, and what."""

    at: float
    params: dict[str, Any]
    message: dict[str, Any]


class TimedBotApi(FakeBotApi):
    """FakeBotApi that stamps every sendMessage on arrival and wakes whoever waits for it."""

    def __init__(self, token: str = FAKE_TOKEN) -> None:
        super().__init__(token)
        self._waiting: dict[int, asyncio.Future[Sent]] = {}

    def expect_reply(self, chat_id: int) -> asyncio.Future[Sent]:
        """Call before pushing: the future resolves with the next sendMessage to ``chat_id``."""
        future: asyncio.Future[Sent] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = future
        return future

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        at = time.perf_counter()
        message = super()._send_message(params)
        future = self._waiting.pop(int(params["chat_id"]), None)
        if future is not None and not future.done():
            future.set_result(Sent(at, params, message))
        return message


class RateLimitedBotApi(TimedBotApi):
    """TimedBotApi that holds the bot to Telegram's global limit for sendMessage: more than
    ``per_second`` messages in any second are refused with 429 and ``retry_after``, as Telegram
    does (it documents about 30 messages per second for a bot). Refusals are counted, and the
    arrival times of the accepted messages are kept, so a benchmark can show both."""

    def __init__(self, token: str = FAKE_TOKEN, per_second: int = 30,
                 retry_after: int = 1) -> None:
        super().__init__(token)
        self.per_second = per_second
        self.retry_after = retry_after
        self.accepted: list[float] = []
        self.accepted_params: list[dict[str, Any]] = []
        self.refused = 0
        self._window: collections.deque[float] = collections.deque()

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        at = time.perf_counter()
        while self._window and at - self._window[0] >= 1.0:
            self._window.popleft()
        if len(self._window) >= self.per_second:
            self.refused += 1
            raise _ApiError(429, f"Too Many Requests: retry after {self.retry_after}",
                            {"retry_after": self.retry_after})
        message = super()._send_message(params)
        self._window.append(at)
        self.accepted.append(at)
        self.accepted_params.append(params)
        return message

    def peak_per_second(self) -> int:
        """The most messages accepted in any one-second window."""
        peak, start = 0, 0
        for end, at in enumerate(self.accepted):
            while at - self.accepted[start] >= 1.0:
                start += 1
            peak = max(peak, end - start + 1)
        return peak


def buttons(sent: Sent) -> list[tuple[str, str]]:
    markup = sent.params.get("reply_markup")
    if not isinstance(markup, dict):
        return []
    return [(str(b["text"]), str(b.get("callback_data")))
            for row in markup.get("inline_keyboard") or [] for b in row]


async def round_trip(
    api: TimedBotApi, chat_id: int, update: dict[str, Any], timeout: float = 30.0  # noqa: ASYNC109
) -> tuple[float, Sent]:
    """Push one update (built with ``api.text_update`` or ``api.callback_update``) and wait for
    the first reply in its chat; returns (seconds, the reply)."""
    future = api.expect_reply(chat_id)
    started = time.perf_counter()
    api.push_update(update)
    sent = await asyncio.wait_for(future, timeout)
    return sent.at - started, sent


# --------------------------------------------------------------------------- figures


def percentile(values: Iterable[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def rss_mb() -> float:
    """This process's resident memory now, in MB (from /proc; the peak where /proc is absent)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    """CPUs, CPU model, memory, Python and the load average: figures on a shared machine are
    only comparable beside the load they ran under."""
    model = memory = ""
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    if meminfo.exists():
        total = next((line.split()[1] for line in meminfo.read_text().splitlines()
                      if line.startswith("MemTotal:")), "0")
        memory = f", {int(total) / 1024 / 1024:.1f} GB RAM"
    return (f"{os.cpu_count()} CPU(s){' ' + model if model else ''}{memory}, "
            f"Python {sys.version.split()[0]}, {sys.platform}, {load()}")


def load() -> str:
    """The 1, 5 and 15 minute load averages now."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def row(label: str, ours: str, baseline: str, note: str = "") -> str:
    return f"{label:<34} {ours:>14} {baseline:>14}  {note}".rstrip()
