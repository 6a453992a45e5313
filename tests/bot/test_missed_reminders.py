"""After downtime: the reminders missed meanwhile arrive once, many of them as one message."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core.clock import FakeClock
from core.followups import BATCH_OVER
from scheduler.jobs import sweep_follow_ups
from storage.engine import Database
from storage.models import FollowUp, FollowUpStatus, User
from tests.bot.conftest import Chat, texts


def owe(db: Database, clock: FakeClock, external_id: str, count: int) -> None:
    """`count` follow-ups falling due one after another over the next days."""
    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == external_id)).one()
        assert user.id is not None
        for number in range(count):
            session.add(FollowUp(title=f"Terugbellen {number + 1}", owner_user_id=user.id,
                                 due_at=clock.now() + timedelta(hours=6 * (number + 1)),
                                 due_grain="hour"))


async def test_many_reminders_missed_while_down_arrive_once_as_one_message(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, "u1", BATCH_OVER + 3)

    clock.advance(days=3)  # the bot was down; every one of them fell due meanwhile
    (message,) = await coordinator.tick()
    for _ in range(10):  # the sweeps that follow find nothing new
        clock.advance(seconds=30)
        assert await coordinator.tick() == []

    assert message.text.startswith(f"⏰ {BATCH_OVER + 3} vervolgacties zijn tegelijk aan de beurt")
    assert all(f"Terugbellen {n}" in message.text for n in range(1, BATCH_OVER + 4))
    assert message.button_labels()[:3] == ["✓ 1 gedaan", "✓ 2 gedaan", "✓ 3 gedaan"]
    (done,) = await coordinator.press("✓ 1 gedaan")
    assert done.text == "Afgevinkt: Terugbellen 1."
    with db.session() as session:
        statuses = [f.status for f in session.exec(select(FollowUp).order_by(FollowUp.id))]
    assert statuses == [FollowUpStatus.DONE] + [FollowUpStatus.OPEN] * (BATCH_OVER + 2)


async def test_a_few_reminders_missed_while_down_arrive_one_by_one_and_once(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, "u1", 3)

    clock.advance(days=3)
    reminders = await coordinator.tick()
    clock.advance(minutes=5)
    later = await coordinator.tick()

    assert [r.text.splitlines()[0] for r in reminders] == [
        "⏰ Herinnering: Terugbellen 1", "⏰ Herinnering: Terugbellen 2",
        "⏰ Herinnering: Terugbellen 3"]
    assert texts(later) == ""


async def test_reminders_all_done_before_delivery_send_nothing(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    owe(db, clock, "u1", BATCH_OVER + 1)
    clock.advance(days=3)
    app = coordinator.app
    assert await sweep_follow_ups(db, clock.now()) == BATCH_OVER + 1  # owed, not yet sent
    with db.session() as session:
        for follow_up in session.exec(select(FollowUp)).all():
            follow_up.status = FollowUpStatus.DONE
            session.add(follow_up)
    rendered = app.conversation.owed(clock.now(), ["memory"])

    assert len(rendered) == 1  # the one batched message
    assert all(outgoing is None for _, outgoing in rendered)
