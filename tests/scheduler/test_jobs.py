"""Each kind of proactive work is its own scheduler job: one failing on every run is logged
without content, counted for /status and retried with a growing pause, while the reminders
still arrive on time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import select

from bot.app import App
from bot.conversation.flows.status import status_lines
from bot.transports.memory import MemoryTransport
from core.clock import FakeClock
from core.status import record_job_failure, record_job_ok, store_status
from scheduler.jobs import DIGEST, FOLLOW_UPS, Work, proactive_work
from scheduler.runner import MAX_BACKOFF, OUTBOX_DELIVERY, build_scheduler
from storage.engine import Database
from storage.models import FollowUp, JobStatus, User
from tests.conftest import AMSTERDAM

SECRET = "Fatima van De Schakel"  # what a failing job's error text might quote
STANDARD_JOBS = {"follow_ups", "digest", "weekly_overview", "survey_rounds",
                 "scheduled_reports", "meetings", "retention", "housekeeping"}


@pytest.fixture
async def app(db: Database, clock: FakeClock) -> AsyncIterator[App]:
    application = App(db, [MemoryTransport()], clock, schedule=False)
    await application.start()
    yield application
    await application.stop()


def coordinator(db: Database) -> int:
    with db.session() as session:
        user = User(transport="memory", external_id="u1", chat_id="u1", role="coordinator")
        session.add(user)
        session.flush()
        assert user.id is not None
        return user.id


def follow_up_at(db: Database, owner: int, due: datetime, title: str) -> None:
    with db.session() as session:
        session.add(FollowUp(title=title, owner_user_id=owner, due_at=due, due_grain="minute"))


def broken(work: list[Work], name: str, calls: list[datetime]) -> list[Work]:
    """The standard work with job `name` raising on every run (its error text quotes a name)."""
    async def fail(now: datetime) -> int:
        calls.append(now)
        raise RuntimeError(f"could not compose the digest for {SECRET}")

    return [replace(item, run=fail) if item.name == name else item for item in work]


async def run_due_jobs(scheduler: AsyncIOScheduler) -> None:
    """What the scheduler does at a moment all its jobs are due, in its order (time, then id);
    driven by hand so the test moves an injected clock instead of sleeping."""
    for job in sorted(scheduler.get_jobs(), key=lambda job: job.id):
        await job.func()


async def test_a_job_failing_on_every_run_leaves_the_reminders_on_time(
    app: App, db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture,
) -> None:
    owner = coordinator(db)
    start = clock.now()
    due = [start + timedelta(minutes=5), start + timedelta(minutes=20, seconds=10)]
    for number, moment in enumerate(due):
        follow_up_at(db, owner, moment, f"Terugbellen {number}")
    digest_calls: list[datetime] = []
    work = broken(proactive_work(db, clock, 30, app._digest_time), DIGEST, digest_calls)
    scheduler = build_scheduler(db, clock, app.delivery.run_once, 30, work=work)
    transport = app.transports["memory"]
    assert isinstance(transport, MemoryTransport)

    arrived: list[tuple[datetime, str]] = []
    with caplog.at_level(logging.INFO):
        for _ in range(60):  # half an hour, a round every 30 s
            await run_due_jobs(scheduler)
            arrived += [(clock.now(), reply.text) for reply in transport.pop("u1")]
            clock.advance(seconds=30)

    assert [text.count("Terugbellen") for _, text in arrived] == [1, 1]
    assert "Terugbellen 0" in arrived[0][1]
    assert "Terugbellen 1" in arrived[1][1]
    # Each arrived at the first round at or after its time: no later than one round late.
    for (at, _), moment in zip(arrived, due, strict=True):
        assert moment <= at < moment + timedelta(seconds=30)
    # The broken job was tried again after 30 s, 60 s, 2, 4, 8 min: a growing pause.
    assert [(call - start).total_seconds() for call in digest_calls] == [
        0, 30, 90, 210, 450, 930]
    with db.session() as session:
        health = session.get(JobStatus, DIGEST)
        assert health is not None
        assert (health.failures_in_row, health.failures_total) == (6, 6)
        assert health.error == "RuntimeError"
        assert session.get(JobStatus, FOLLOW_UPS) is not None
        assert session.exec(select(JobStatus).where(JobStatus.failures_in_row > 0)
                            ).all() == [health]
    failures = [r for r in caplog.records if "digest" in r.getMessage()
                and "failed" in r.getMessage()]
    assert len(failures) == 6
    assert all(r.levelno == logging.ERROR and r.exc_info is None for r in failures)
    assert "RuntimeError" in failures[0].getMessage()
    assert not [r for r in caplog.records
                if SECRET in r.getMessage() or "Terugbellen" in r.getMessage()
                or (r.exc_text and SECRET in r.exc_text)]


async def test_a_job_that_works_again_is_no_longer_failing_and_its_pause_ends(
    app: App, db: Database, clock: FakeClock,
) -> None:
    healthy = {"now": False}
    calls: list[datetime] = []

    async def flaky(now: datetime) -> int:
        calls.append(now)
        if not healthy["now"]:
            raise ConnectionError("database away")
        return 0

    work = [Work("flaky", flaky, 30, delivers=False)]
    job = build_scheduler(db, clock, app.delivery.run_once, 30, work=work).get_job("flaky")
    for _ in range(3):  # fails at 0, 30 and 90 s; the next try is due at 210 s
        await job.func()
        clock.advance(seconds=30)
        await job.func()
        clock.advance(seconds=30)
    healthy["now"] = True
    clock.advance(seconds=30)  # 210 s
    await job.func()
    clock.advance(seconds=30)
    await job.func()  # no pause any more: every round runs

    assert len(calls) == 5
    with db.session() as session:
        assert store_status(session, clock.now()).failing == ()
        health = session.get(JobStatus, "flaky")
        assert health is not None
        assert (health.failures_in_row, health.failures_total) == (0, 3)
        assert health.last_ok_at == calls[-2]


def test_every_kind_of_work_is_its_own_job_with_coalescing_and_a_misfire_grace(
    db: Database, clock: FakeClock,
) -> None:
    async def deliver(_now: datetime) -> None:
        return None

    scheduler = build_scheduler(db, clock, deliver, 30)
    jobs = {job.id: job for job in scheduler.get_jobs()}

    assert set(jobs) == STANDARD_JOBS | {OUTBOX_DELIVERY}
    assert all(job.coalesce and job.max_instances == 1 for job in jobs.values())
    assert all(job.name == job.id for job in jobs.values())  # the scheduler's logs name it
    assert jobs[FOLLOW_UPS].misfire_grace_time is None  # a late reminder is still owed
    assert jobs["retention"].misfire_grace_time == 300


def test_the_pause_after_failures_doubles_up_to_fifteen_minutes() -> None:
    from scheduler.runner import backoff

    async def nothing(_now: datetime) -> int:
        return 0

    work = Work("x", nothing, 30)
    assert [backoff(work, n).total_seconds() for n in (1, 2, 3, 4, 5, 6, 50)] == [
        30, 60, 120, 240, 480, 900, 900]
    assert backoff(work, 50) == MAX_BACKOFF


def test_status_names_a_failing_job_and_counts_failures_from_every_process(
    db: Database, clock: FakeClock,
) -> None:
    first = clock.now()
    with db.session() as session:
        record_job_ok(session, DIGEST, first)
        record_job_failure(session, DIGEST, "OperationalError", first)
    with db.session() as session:  # a second process meets the same failure
        record_job_failure(session, DIGEST, "OperationalError", clock.advance(seconds=30))
        record_job_ok(session, FOLLOW_UPS, clock.now())
    with db.session() as session:
        store = store_status(session, clock.now())

    (failing,) = store.failing
    assert (failing.job, failing.failures_in_row, failing.error) == (DIGEST, 2, "OperationalError")
    assert failing.failing_since == first
    lines = status_lines("nl", AMSTERDAM, clock.now(), store)
    assert ("LET OP: taak ‘ochtendoverzicht’ mislukt, 2 keer op rij sinds 29-11-2026 14:00 "
            "(OperationalError); de andere taken lopen door") in lines
    assert "Vaste taken (herinneringen, overzichten, rapporten, ...): geen fouten" not in lines


async def test_a_delivery_failing_right_after_a_job_is_no_failure_of_the_job(
    db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture,
) -> None:
    follow_up_at(db, coordinator(db), clock.now(), "Terugbellen")

    async def deliver_fails(_now: datetime) -> None:
        raise ConnectionError("chat service away")

    job = build_scheduler(db, clock, deliver_fails, 30).get_job(FOLLOW_UPS)
    with caplog.at_level(logging.WARNING):
        await job.func()

    with db.session() as session:
        assert store_status(session, clock.now()).failing == ()
    assert any("delivering right after job follow_ups failed (ConnectionError)"
               in r.getMessage() for r in caplog.records)
