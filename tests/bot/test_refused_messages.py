"""The update journal keeps what a message said only until it is handled: a message refused
whole (a BSN, a special-category statement, a group message) is answered "not stored" and
leaves no trace, and a message that was handled keeps only its update id."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import select

from bot.conversation.texts import text as t
from storage.engine import Database
from storage.models import ProcessedUpdate
from tests.bot.conftest import Chat, texts
from tests.bot.test_register_flow import seed_fatima

BSN_MESSAGE = "Bezoek bij de moskee, zijn BSN is 111222333, hij wil hulp."


def journalled(db: Database) -> list[ProcessedUpdate]:
    """Every journal entry, opened."""
    with db.session() as session:
        return list(session.exec(select(ProcessedUpdate)).all())


def raw_payloads(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [str(v) for v in conn.execute(text("SELECT payload FROM processedupdate"))]


def quoted(db: Database, words: str) -> bool:
    return any(words in str(row.payload) for row in journalled(db))


async def test_a_visit_with_a_bsn_is_refused_and_its_journal_entry_keeps_no_text(
    coordinator: Chat, db: Database,
) -> None:
    before = len(journalled(db))

    replies = await coordinator.say(BSN_MESSAGE)

    assert replies[0].text == t("nl", "bsn_refused")
    rows = journalled(db)
    assert len(rows) == before + 1  # the update id stays, so a redelivery is still known
    assert all(row.payload is None and row.handled_at is not None for row in rows)
    assert not quoted(db, "111222333")
    assert not any("111222333" in raw for raw in raw_payloads(db))


async def test_a_handled_message_keeps_only_its_update_id_in_the_journal(
    coordinator: Chat, db: Database,
) -> None:
    before = len(journalled(db))

    await coordinator.say("Vandaag koffie gedronken met de buurtvaders over de zomer.")

    rows = journalled(db)
    assert len(rows) == before + 1  # a redelivery of the same update is still recognised
    assert all(row.payload is None for row in rows if row.handled_at is not None)
    assert not quoted(db, "koffie gedronken met de buurtvaders")


async def test_a_role_refused_for_a_word_about_religion_is_not_kept_in_the_journal(
    coordinator: Chat, db: Database,
) -> None:
    seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Rollen")

    refused = await coordinator.say("sleutelfiguur, moslima, voorzitter")
    await coordinator.say("sleutelfiguur, buurtmoeder")

    assert texts(refused).startswith(t("nl", "reg_privacy_refused", words="moslima"))
    assert not quoted(db, "moslima")


async def test_a_bsn_typed_while_the_register_asks_for_a_name_is_not_kept(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say("/contact")

    replies = await coordinator.say("111222333")

    assert texts(replies).startswith(t("nl", "bsn_refused"))
    assert not quoted(db, "111222333")


async def test_a_group_message_is_refused_and_not_kept(coordinator: Chat, db: Database) -> None:
    await coordinator.transport.say("Groepsbericht over Fatima Bakkali", user="u1",
                                    chat="groep", private=False)

    assert texts(coordinator.transport.pop("groep")) == t("nl", "group_refused")
    assert not quoted(db, "Fatima Bakkali")
