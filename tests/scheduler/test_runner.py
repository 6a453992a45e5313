"""The scheduler's jobs: stopping the bot while one runs leaves no traceback in the log."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import pytest

from core.clock import FakeClock
from scheduler.runner import build_scheduler
from storage.engine import Database
from storage.models import FollowUp, User


def due_follow_up(db: Database, clock: FakeClock) -> None:
    with db.session() as session:
        user = User(transport="memory", external_id="u1", chat_id="u1", role="coordinator")
        session.add(user)
        session.flush()
        assert user.id is not None
        session.add(FollowUp(title="Terugbellen", owner_user_id=user.id, due_at=clock.now()))


@pytest.mark.parametrize("job_id", ["follow_ups", "outbox_delivery"])
async def test_a_job_cancelled_because_the_bot_stops_ends_without_an_error(
    db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture, job_id: str,
) -> None:
    started = asyncio.Event()

    async def deliver_slowly(_now: datetime) -> None:
        started.set()
        await asyncio.Event().wait()  # a long delivery, still running when the bot stops

    due_follow_up(db, clock)  # the follow-up job delivers right after it owed a reminder
    job = build_scheduler(db, clock, deliver_slowly, 30).get_job(job_id)
    running = asyncio.create_task(job.func())
    await started.wait()

    with caplog.at_level(logging.INFO):
        running.cancel()
        await running

    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("stopped with the bot" in r.getMessage() for r in caplog.records)
