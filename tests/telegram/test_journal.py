"""The update journal with the real python-telegram-bot stack (core.journal).

Telegram counts a fetched update as delivered at the next poll, whether or not the bot handled
it; the journal writes each fetched batch down first, so what a crash interrupted is handled at
the next start, once, even when Telegram delivers it again.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text
from sqlmodel import select

from bot.conversation.dispatcher import Conversation
from bot.conversation.events import Incoming
from bot.transports.telegram import TRANSPORT, TelegramTransport
from core.clock import FakeClock
from storage.engine import Database
from storage.models import Interaction, ProcessedUpdate
from tests.support.fake_bot_api import FakeBotApi, JsonDict
from tests.telegram.conftest import MENUS, TOKEN, Chat, StartApp, handled_so_far

VISIT = "Net bij Fatima van buurthuis De Schakel geweest, zorgen over jongeren bij het skatepark"


def as_incoming(update: JsonDict) -> Incoming:
    """What the transport makes of a private text update (the journal's content)."""
    message = update["message"]
    return Incoming(
        transport=TRANSPORT,
        user_id=str(message["from"]["id"]),
        chat_id=str(message["chat"]["id"]),
        text=str(message["text"]),
        language=str(message["from"]["language_code"]),
        update_id=str(update["update_id"]),
    )


def journal_rows(db: Database) -> list[ProcessedUpdate]:
    with db.session() as session:
        return list(session.exec(select(ProcessedUpdate)).all())


async def test_updates_journalled_before_a_crash_are_handled_once_at_the_next_start(
    api: FakeBotApi, db: Database, clock: FakeClock, invite: Callable[..., str],
    start_app: StartApp,
) -> None:
    chat = Chat(api, 4242)
    start = api.text_update(4242, f"/start {invite()}")
    visit = api.text_update(4242, VISIT)
    # The last run fetched both and journalled them, then died before handling them; Telegram
    # never saw the next poll, so it delivers them again as well.
    Conversation(db, clock).journal([as_incoming(start), as_incoming(visit)])
    api.push_update(start)
    api.push_update(visit)

    await start_app()
    welcome, card = await chat.wait_for_messages(2)
    await handled_so_far(api)

    assert str(welcome.params["text"]).startswith("Welkom")
    assert "Fatima" in str(card.params["text"])
    assert len(chat.messages()) == 2
    rows = {row.update_id: row for row in journal_rows(db)}  # the barrier's update too
    assert len(rows) == 3
    assert rows[str(start["update_id"])].handled_at is not None
    assert rows[str(visit["update_id"])].handled_at is not None


async def test_an_update_delivered_again_after_it_was_handled_gets_no_second_answer(
    api: FakeBotApi, db: Database, clock: FakeClock, invite: Callable[..., str],
    start_app: StartApp,
) -> None:
    chat = Chat(api, 4242)
    await start_app()
    await chat.send(f"/start {invite()}")
    update = api.text_update(4242, VISIT)
    api.push_update(dict(update))
    _, card = await chat.wait_for_messages(2)
    assert "Fatima" in str(card.params["text"])

    # The same update once more, as a second process or a webhook retry would see it.
    assert Conversation(db, clock).handle(as_incoming(update)) == []
    await handled_so_far(api)

    assert len(chat.messages()) == 2
    with db.session() as session:
        assert session.exec(select(Interaction)).all() == []  # only the card, nothing saved
    assert len([r for r in journal_rows(db) if r.update_id == str(update["update_id"])]) == 1


async def test_a_fetched_batch_is_journalled_before_it_is_handed_on(
    api: FakeBotApi, db: Database, clock: FakeClock,
) -> None:
    transport = TelegramTransport(TOKEN, base_url=api.base_url, commands=MENUS, poll_timeout=1)
    transport.defer_polling = True  # fetch by hand below, not through PTB's updater
    seen: list[list[str]] = []

    async def journal(incomings: list[Incoming]) -> None:
        seen.append([str(i.update_id) for i in incomings])
        Conversation(db, clock).journal(incomings)

    async def ignore(_incoming: Incoming) -> None:
        return None

    transport.journal_with(journal)
    await transport.start(ignore)
    try:
        ids = [api.push_text(4242, f"bericht {n}") for n in range(3)]
        updates = await transport.app.bot.get_updates(timeout=0)
    finally:
        await transport.stop()

    assert [u.update_id for u in updates] == ids
    assert seen == [[str(i) for i in ids]]
    assert {row.update_id for row in journal_rows(db)} == {str(i) for i in ids}
    assert all(row.handled_at is None for row in journal_rows(db))


async def test_what_the_user_typed_is_sealed_in_the_journal(
    db: Database, clock: FakeClock,
) -> None:
    Conversation(db, clock).journal([Incoming(TRANSPORT, "7", "7", text=VISIT, update_id="9")])

    with db.engine.connect() as connection:
        (raw,) = connection.execute(text("SELECT payload FROM processedupdate")).one()
    assert "Fatima" not in str(raw)
    ((row,),) = [journal_rows(db)]
    assert row.payload is not None
    assert row.payload["text"] == VISIT
