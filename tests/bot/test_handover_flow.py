"""/overdracht in the chat: an admin picks who leaves and who takes over with buttons, confirms
with the counts, and gets the handover document as a protected file; nobody else may."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlmodel import select

from bot.conversation import texts as catalogue
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database, make_engine
from storage.models import AuditEvent, Contact, FollowUp, Role, User
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_cli import Bot
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING


async def join(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock, name: str,
               role: Role) -> tuple[Chat, int]:
    chat = chat_as(name)
    await chat.say(f"/start {invite(db, clock, role)}")
    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == name)).one()
        assert user.id is not None
        return chat, user.id


def give_network(db: Database, clock: FakeClock, owner: int) -> None:
    with db.session() as session:
        fatima = create_contact(session, name="Fatima el Amrani", network="informal",
                                now=clock.now(), owner_user_id=owner)
        create_contact(session, name="Jan de Vries", network="formal", now=clock.now(),
                       owner_user_id=owner)
        session.add(FollowUp(title="Fatima terugbellen", owner_user_id=owner,
                             contact_id=fatima.id, due_at=clock.now(), created_at=clock.now()))


async def test_an_admin_hands_a_network_over_with_buttons_and_gets_the_document(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin, admin_id = await join(chat_as, db, clock, "admin", Role.ADMIN)
    _, leaver = await join(chat_as, db, clock, "leaver", Role.COORDINATOR)
    _, successor = await join(chat_as, db, clock, "successor", Role.COORDINATOR)
    give_network(db, clock, leaver)

    [who] = await admin.say("/overdracht")
    [to_whom] = await admin.press(f"Gebruiker {leaver} (netwerkregisseur) · 2 contacten")
    [confirm] = await admin.press(f"Gebruiker {successor} (netwerkregisseur)")
    [done] = await admin.press("Overdragen")
    again = await admin.press("Overdragen")

    assert who.text == catalogue.text("nl", "ho_choose_from")
    assert f"Gebruiker {admin_id} (beheerder) · 0 contacten" in who.button_labels()
    assert f"Gebruiker {leaver} (netwerkregisseur)" not in to_whom.button_labels()
    assert "• 2 contacten\n• 1 open vervolgacties\n• 0 gebiedsoverleggen" in confirm.text
    assert confirm.button_labels() == ["Overdragen", "Annuleren"]
    assert done.protect
    assert done.file is not None
    assert done.file.filename.startswith(f"overdracht-gebruiker-{leaver}-naar-{successor}-")
    document = done.file.content.decode("utf-8")
    assert "Fatima el Amrani" in document
    assert "Fatima terugbellen" in document
    assert texts(again) == catalogue.text("nl", "already_handled")
    with db.session() as session:
        owners = {c.owner_user_id for c in session.exec(select(Contact)).all()}
        audited = session.exec(select(AuditEvent).where(
            AuditEvent.action == "network.handed_over")).all()
    assert owners == {successor}
    assert [(a.actor_user_id, a.detail["to_user"]) for a in audited] == [(admin_id, successor)]


async def test_a_successor_who_cannot_see_the_informal_network_is_refused_with_the_reason(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin, _ = await join(chat_as, db, clock, "admin", Role.ADMIN)
    _, leaver = await join(chat_as, db, clock, "leaver", Role.COORDINATOR)
    _, colleague = await join(chat_as, db, clock, "colleague", Role.COLLEAGUE)
    give_network(db, clock, leaver)

    await admin.say("/overdracht")
    await admin.press(f"Gebruiker {leaver} (netwerkregisseur) · 2 contacten")
    [refused] = await admin.press(f"Gebruiker {colleague} (collega)")

    assert refused.text == catalogue.text("nl", "ho_error_successor_cannot_see",
                                          successor=colleague)
    assert refused.button_labels() == []
    with db.session() as session:
        assert {c.owner_user_id for c in session.exec(select(Contact)).all()} == {leaver}


async def test_annuleren_moves_nothing(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    admin, _ = await join(chat_as, db, clock, "admin", Role.ADMIN)
    _, leaver = await join(chat_as, db, clock, "leaver", Role.COORDINATOR)
    _, successor = await join(chat_as, db, clock, "successor", Role.COORDINATOR)
    give_network(db, clock, leaver)

    await admin.say("/overdracht")
    await admin.press(f"Gebruiker {leaver} (netwerkregisseur) · 2 contacten")
    await admin.press(f"Gebruiker {successor} (netwerkregisseur)")
    stopped = await admin.press("Annuleren")

    assert texts(stopped) == catalogue.text("nl", "ho_cancelled")
    with db.session() as session:
        assert {c.owner_user_id for c in session.exec(select(Contact)).all()} == {leaver}


async def test_only_admins_may_hand_a_network_over(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock, coordinator: Chat
) -> None:
    colleague, _ = await join(chat_as, db, clock, "colleague", Role.COLLEAGUE)
    partner, _ = await join(chat_as, db, clock, "partner", Role.PARTNER)

    for chat in (coordinator, colleague, partner):
        for command in ("/overdracht", "/handover"):
            assert texts(await chat.say(command)) == catalogue.text("nl", "not_allowed")


def test_the_cli_lists_users_without_ids_and_hands_over_to_a_file(tmp_path: Path) -> None:
    bot = Bot(tmp_path)
    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    try:
        migrated(database)
        with database.session() as session:
            ids = []
            for name, role in (("leaver", Role.COORDINATOR), ("successor", Role.COORDINATOR)):
                user = User(transport="memory", external_id=name, chat_id=name, role=role)
                session.add(user)
                session.flush()
                ids.append(user.id)
            session.add(Contact(display_name="Fatima el Amrani", network="informal",
                                owner_user_id=ids[0]))
    finally:
        database.engine.dispose()
    leaver, successor = ids
    out = tmp_path / "overdracht.md"

    listed = bot("handover")
    done = bot("handover", "--from", str(leaver), "--to", str(successor), "--out", out)
    twice = bot("handover", "--from", str(leaver), "--to", str(successor), "--out", out)

    assert listed.code == 2
    assert f"{leaver:>4}  coordinator  1 contacten" in listed.err
    assert done.code == 0, done.err
    assert "1 contacten" in done.out
    assert str(out) in done.out
    assert "Fatima el Amrani" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o600
    assert twice.code == 2  # the document is never overwritten (and nothing moved again)
    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    try:
        with database.session() as session:
            assert session.exec(select(Contact)).one().owner_user_id == successor
            assert len(session.exec(select(AuditEvent)).all()) == 1
    finally:
        database.engine.dispose()
