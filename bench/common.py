"""Shared pieces of the benchmarks: synthetic data, a timing fake Bot API, figures.

Not a benchmark itself. The data are synthetic (Dutch names, Almere areas, visits over
years) and are bulk-inserted with SQLAlchemy core inserts, which bypass the ORM but not the
column types (UTC datetimes are normalised as usual).
"""

from __future__ import annotations

import asyncio
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, Table, insert, select
from sqlmodel import SQLModel

from storage.models import (
    Area,
    Contact,
    ContactArea,
    FollowUp,
    Interaction,
    InteractionContact,
    User,
)
from tests.support.fake_bot_api import FakeBotApi

FIRST_NAMES = (
    "Fatima", "Jan", "Mohamed", "Anouk", "Mehmet", "Sanne", "Ahmed", "Lotte", "Youssef", "Emma",
    "Kees", "Priya", "Ricardo", "Noor", "Sevda", "Pieter", "Ayşe", "Bram", "Latifa", "Daan",
    "Chantal", "Hakan", "Ingrid", "Samir", "Marloes", "Winston", "Esra", "Joost", "Nadia", "Ruud",
)
LAST_NAMES = (
    "Bakkali", "de Vries", "Yilmaz", "Jansen", "El Amrani", "Bakker", "Öztürk", "Visser",
    "Ramdin", "Smit", "Kaya", "de Jong", "Boukhari", "Mulder", "Sitaldin", "van Dijk", "Demir",
    "Bos", "Tahiri", "Vos", "Koç", "Meijer", "Haddou", "de Boer", "Martina", "Peters",
    "Aydın", "Hendriks", "Ouali", "van den Berg",
)
TOPICS = ("jongeren", "overlast", "polarisatie", "eenzaamheid", "veiligheid", "armoede")
SUMMARIES = (
    "Gesprek over de sfeer in de wijk; zorgen over een groepje jongeren bij het skatepark.",
    "Koffie gedronken, nieuwe voorzitter voorgesteld, afspraak voor de iftar gemaakt.",
    "Telefonisch bijgepraat over de bijeenkomst van vorige week, positief gestemd.",
    "Signalen van spanningen na het nieuws; afgesproken om samen op te trekken.",
)
VISIT_TEMPLATES = (
    "Vandaag gesproken met {name} in {area}. Zorgen over een groepje jongeren bij het "
    "skatepark. Volgende week dinsdag terugbellen.",
    "Net koffie gedronken met {name} in {area}. Sfeer is goed, ze willen een buurtavond "
    "organiseren. Over twee weken langsgaan.",
    "Gisteren gebeld met {name} over de onrust in {area}. Vrijdag even terugbellen.",
    "Bezoek aan {name} in {area}: nieuwe vrijwilligers gevonden voor de inloop. "
    "Maandag mailen met de stukken.",
)
# Weeks of the municipality's year, so interactions spread over three years.
EPOCH = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def name_of(index: int) -> str:
    """A deterministic Dutch-ish full name; with 30 x 30 x a number suffix most are unique."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    round_ = index // (len(FIRST_NAMES) * len(LAST_NAMES))
    return f"{first} {last}" if round_ == 0 else f"{first} {last}-{round_}"


def chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def area_ids(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(select(Area.id)).all()]  # type: ignore[call-overload]


def seed_register(
    engine: Engine, *, contacts: int, interactions: int, seed: int = 11, batch: int = 20_000
) -> float:
    """Bulk-insert ``contacts`` contacts (each in an area) and ``interactions`` visits over
    three years, each with one participant; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    areas: list[int | None] = [*area_ids(engine)] or [None]
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for part in chunks(contacts, batch):
            connection.execute(insert(table(Contact)), [
                {"id": i + 1, "display_name": name_of(i),
                 "network": "formal" if i % 3 else "informal", "status": "actief",
                 "roles": [], "created_at": now}
                for i in part
            ])
            if areas[0] is not None:
                connection.execute(insert(table(ContactArea)), [
                    {"contact_id": i + 1, "area_id": areas[i % len(areas)]} for i in part
                ])
    with engine.begin() as connection:
        for part in chunks(interactions, batch):
            rows = []
            links = []
            for i in part:
                when = EPOCH + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                rows.append({
                    "id": i + 1, "occurred_at": when, "occurred_grain": "day",
                    "kind": "bezoek", "area_id": areas[i % len(areas)], "initiated_by": "us",
                    "topics": [TOPICS[i % len(TOPICS)]], "summary": SUMMARIES[i % len(SUMMARIES)],
                    "shared": "", "asked": "", "created_at": when,
                })
                if contacts:
                    links.append({"interaction_id": i + 1,
                                  "contact_id": rng.randrange(contacts) + 1})
            connection.execute(insert(table(Interaction)), rows)
            if links:
                connection.execute(insert(table(InteractionContact)), links)
    return time.perf_counter() - started


def seed_owner(engine: Engine) -> int:
    """One coordinator to own bulk follow-ups; returns their user id."""
    with engine.begin() as connection:
        result = connection.execute(insert(table(User)).values(
            transport="bench", external_id="owner", chat_id="1", role="coordinator",
            language="nl", created_at=datetime.now(UTC)))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def seed_follow_ups(
    engine: Engine, *, rows: int, owner: int, now: datetime, due: int, batch: int = 50_000
) -> float:
    """``rows`` follow-ups shaped like a register that has been used for years: most are done
    (due in the past), some open in the future, some open in the past and already reminded,
    and exactly ``due`` open, unreminded and due now. Returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(rows)
    with engine.begin() as connection:
        for part in chunks(rows - due, batch):
            batch_rows = []
            for _ in part:
                kind = rng.random()
                if kind < 0.80:  # done, long ago
                    at = now - timedelta(minutes=rng.randrange(1, 3 * 365 * 24 * 60))
                    status, reminded, done = "done", at, at
                elif kind < 0.95:  # open, in the future
                    at = now + timedelta(minutes=rng.randrange(1, 365 * 24 * 60))
                    status, reminded, done = "open", None, None
                else:  # open, overdue, already reminded
                    at = now - timedelta(minutes=rng.randrange(1, 90 * 24 * 60))
                    status, reminded, done = "open", at, None
                batch_rows.append({
                    "title": "Terugbellen", "owner_user_id": owner, "due_at": at,
                    "due_grain": "day", "status": status, "reminded_at": reminded,
                    "created_at": at - timedelta(days=7), "done_at": done,
                })
            connection.execute(insert(table(FollowUp)), batch_rows)
        add_due(connection, owner=owner, now=now, count=due)
    return time.perf_counter() - started


def add_due(connection: Any, *, owner: int, now: datetime, count: int) -> None:
    """``count`` open follow-ups that fell due a minute ago and were never reminded."""
    if count:
        connection.execute(insert(table(FollowUp)), [
            {"title": "Terugbellen", "owner_user_id": owner,
             "due_at": now - timedelta(minutes=1), "due_grain": "minute", "status": "open",
             "reminded_at": None, "created_at": now - timedelta(days=1), "done_at": None}
            for _ in range(count)
        ])


# --------------------------------------------------------------------------- the fake, timed


@dataclass(frozen=True)
class Sent:
    """A sendMessage as it reached the fake server: when, and what."""

    at: float
    params: dict[str, Any]
    message: dict[str, Any]


class TimedBotApi(FakeBotApi):
    """FakeBotApi that stamps every sendMessage on arrival and wakes whoever waits for it."""

    def __init__(self, token: str = "123456:TEST") -> None:  # noqa: S107 - a fake token
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
    return f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, {sys.platform}"


def row(label: str, ours: str, baseline: str, note: str = "") -> str:
    return f"{label:<34} {ours:>14} {baseline:>14}  {note}".rstrip()
