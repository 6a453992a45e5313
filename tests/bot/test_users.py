"""`/gebruikers`: an admin sees who has access, changes roles, grants a colleague the informal
network, revokes people and invites — each change audited, and never the last admin gone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import col, select

from bot.conversation import texts as catalogue
from core.access import (
    AccessError,
    Identity,
    RedeemError,
    create_invite,
    redeem_invite,
    revoke_invite,
    revoke_user,
)
from core.clock import FakeClock
from core.permissions import visible_networks
from storage.engine import Database
from storage.models import Area, AuditEvent, Contact, Invite, Network, Role, User
from tests.bot.conftest import Chat, invite, texts


async def joined(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock, role: Role,
                 name: str) -> Chat:
    chat = chat_as(name)
    await chat.say(f"/start {invite(db, clock, role)}")
    return chat


def user_id(db: Database, name: str) -> int:
    with db.session() as session:
        found = session.exec(select(User).where(User.external_id == name)).one().id
    assert found is not None
    return found


def stored(db: Database, name: str) -> User:
    with db.session() as session:
        return session.exec(select(User).where(User.external_id == name)).one()


def audit_trail(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
async def admin(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    return await joined(chat_as, db, clock, Role.ADMIN, "admin-chat-77")


@pytest.fixture
async def colleague(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    return await joined(chat_as, db, clock, Role.COLLEAGUE, "colleague-chat-88")


def card_of(number: int, role: str) -> str:
    return f"Gebruiker {number} ({role})"


# --- the list --------------------------------------------------------------------------------


async def test_the_list_shows_role_transport_and_since_when_but_no_account_ids(
    admin: Chat, colleague: Chat, clock: FakeClock, db: Database
) -> None:
    await colleague.say("/help")

    [listing] = await admin.say("/gebruikers")

    colleague_number = user_id(db, "colleague-chat-88")
    assert listing.text.startswith("Gebruikers (2).")
    assert (f"• Gebruiker {colleague_number}: collega, via memory, sinds zondag 29 november, "
            "laatst actief zondag 29 november") in listing.text
    assert "(jij)" in listing.text
    assert "chat-77" not in listing.text
    assert "chat-88" not in listing.text
    assert card_of(colleague_number, "collega") in listing.button_labels()
    assert "Open uitnodigingen (0)" in listing.button_labels()


async def test_a_revoked_user_is_no_longer_listed(admin: Chat, colleague: Chat,
                                                 db: Database) -> None:
    number = user_id(db, "colleague-chat-88")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    await admin.press("Toegang intrekken")
    await admin.press("Ja, intrekken")

    [listing] = await admin.say("/gebruikers")

    assert listing.text.startswith("Gebruikers (1).")
    assert f"Gebruiker {number}" not in listing.text


async def test_a_coordinator_is_refused_the_user_list(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/gebruikers")) == catalogue.text("nl", "not_allowed")


# --- roles -----------------------------------------------------------------------------------


async def test_an_admin_makes_a_colleague_coordinator_and_it_is_audited_without_content(
    admin: Chat, colleague: Chat, db: Database
) -> None:
    number = user_id(db, "colleague-chat-88")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    await admin.press("Rol wijzigen")

    changed = await admin.press("Netwerkregisseur")

    assert changed[0].text == f"Gebruiker {number} is nu netwerkregisseur."
    assert stored(db, "colleague-chat-88").role == Role.COORDINATOR
    [entry] = audit_trail(db, "user.role_changed")
    assert (entry.actor_user_id, entry.subject) == (user_id(db, "admin-chat-77"),
                                                    f"user:{number}")
    assert entry.detail == {"before": "colleague", "after": "coordinator"}


async def test_a_demoted_admin_loses_the_user_list_from_the_next_message(
    admin: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    second = await joined(chat_as, db, clock, Role.ADMIN, "admin-chat-2")
    number = user_id(db, "admin-chat-2")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "beheerder"))
    await admin.press("Rol wijzigen")
    await admin.press("Collega")

    assert texts(await second.say("/gebruikers")) == catalogue.text("nl", "not_allowed")


async def test_a_demoted_admin_cannot_finish_a_flow_opened_under_the_old_role(
    admin: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    second = await joined(chat_as, db, clock, Role.ADMIN, "admin-chat-2")
    await second.say("/gebied")
    await second.press("Gebied toevoegen")
    await second.press("Almere Poort")  # the bot now waits for the new area's name
    await admin.say("/gebruikers")
    await admin.press(card_of(user_id(db, "admin-chat-2"), "beheerder"))
    await admin.press("Rol wijzigen")
    await admin.press("Netwerkregisseur")

    await second.say("Duinvoet")

    with db.session() as session:
        assert session.exec(select(Area).where(Area.name == "Duinvoet")).first() is None


async def test_the_last_admin_cannot_demote_or_revoke_themselves(admin: Chat,
                                                                db: Database) -> None:
    number = user_id(db, "admin-chat-77")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "beheerder"))
    await admin.press("Rol wijzigen")
    demoted = await admin.press("Netwerkregisseur")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "beheerder"))
    await admin.press("Toegang intrekken")
    revoked = await admin.press("Ja, intrekken")

    refusal = catalogue.text("nl", "users_error_last_admin", number=number)
    assert texts(demoted) == refusal
    assert texts(revoked) == refusal
    me = stored(db, "admin-chat-77")
    assert (me.role, me.revoked_at) == (Role.ADMIN, None)
    assert audit_trail(db, "user.role_changed") == []
    assert audit_trail(db, "user.revoked") == []


async def test_with_a_second_admin_an_admin_may_step_down(
    admin: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock
) -> None:
    await joined(chat_as, db, clock, Role.ADMIN, "admin-chat-2")
    number = user_id(db, "admin-chat-77")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "beheerder"))
    await admin.press("Rol wijzigen")

    stepped_down = await admin.press("Netwerkregisseur")

    assert texts(stepped_down) == f"Gebruiker {number} is nu netwerkregisseur."
    assert stored(db, "admin-chat-77").role == Role.COORDINATOR


def test_two_admins_cannot_both_revoke_each_other_into_no_admin(db: Database,
                                                               clock: FakeClock) -> None:
    with db.session() as session:
        one = User(transport="t", external_id="1", chat_id="1", role=Role.ADMIN)
        two = User(transport="t", external_id="2", chat_id="2", role=Role.ADMIN)
        session.add_all([one, two])
        session.flush()
        first = revoke_user(session, one, two, clock.now())
        second = revoke_user(session, two, one, clock.now())

    assert (first, second) == (None, AccessError.LAST_ADMIN)


# --- the informal network --------------------------------------------------------------------


async def test_a_granted_colleague_sees_informal_names_and_loses_them_when_withdrawn(
    admin: Chat, colleague: Chat, db: Database
) -> None:
    with db.session() as session:
        session.add(Contact(display_name="Fatima Bakkali", network=Network.INFORMAL))
    number = user_id(db, "colleague-chat-88")
    [before] = await colleague.say("Vandaag Fatima gesproken over de buurtavond.")
    await colleague.say("/annuleer")

    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    granted = await admin.press("Informeel netwerk tonen")
    [during] = await colleague.say("Vandaag Fatima gesproken over de buurtavond.")
    await colleague.say("/annuleer")
    withdrawn = await admin.press("Informeel netwerk niet meer tonen")
    [after] = await colleague.say("Vandaag Fatima gesproken over de buurtavond.")

    assert "Bakkali" not in before.text
    assert granted[0].text == catalogue.text("nl", "users_granted", number=number)
    assert "Ziet sleutelfiguren uit het informele netwerk bij naam: ja" in granted[1].text
    assert "Fatima Bakkali" in during.text
    assert withdrawn[0].text == catalogue.text("nl", "users_withdrawn", number=number)
    assert "Bakkali" not in after.text
    assert [e.subject for e in audit_trail(db, "user.informal_granted")] == [f"user:{number}"]
    assert [e.subject for e in audit_trail(db, "user.informal_withdrawn")] == [f"user:{number}"]


async def test_only_a_colleagues_card_offers_the_informal_grant(admin: Chat,
                                                               db: Database) -> None:
    await admin.say("/gebruikers")
    [card] = await admin.press(card_of(user_id(db, "admin-chat-77"), "beheerder"))

    assert "Informeel netwerk tonen" not in card.button_labels()
    assert card.button_labels() == ["Rol wijzigen", "Toegang intrekken", "Terug naar de lijst"]


def test_what_each_user_sees_by_name_follows_the_role_and_the_grant(clock: FakeClock) -> None:
    def user(role: Role, granted: bool = False) -> User:
        return User(transport="t", external_id="x", chat_id="x", role=role,
                    informal_granted_at=clock.now() if granted else None)

    both = {Network.FORMAL, Network.INFORMAL}
    assert visible_networks(user(Role.ADMIN)) == both
    assert visible_networks(user(Role.COORDINATOR)) == both
    assert visible_networks(user(Role.COLLEAGUE)) == {Network.FORMAL}
    assert visible_networks(user(Role.COLLEAGUE, granted=True)) == both
    assert visible_networks(user(Role.PARTNER, granted=True)) == set()


async def test_a_new_role_lets_an_earlier_grant_lapse(admin: Chat, colleague: Chat,
                                                     db: Database) -> None:
    number = user_id(db, "colleague-chat-88")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    await admin.press("Informeel netwerk tonen")
    await admin.press("Rol wijzigen")
    await admin.press("Partner")
    await admin.press("Rol wijzigen")
    await admin.press("Collega")

    assert stored(db, "colleague-chat-88").informal_granted_at is None


# --- revoking access -------------------------------------------------------------------------


async def test_a_revoked_user_is_treated_like_a_stranger_from_the_next_message_on(
    admin: Chat, colleague: Chat, db: Database
) -> None:
    number = user_id(db, "colleague-chat-88")
    await colleague.say("/acties")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    asked = await admin.press("Toegang intrekken")

    done = await admin.press("Ja, intrekken")
    first = await colleague.say("/acties")
    second = await colleague.say("Gesproken met Fatima")

    assert "nu intrekken?" in asked[0].text
    assert done[0].text == f"De toegang van gebruiker {number} is ingetrokken."
    assert texts(first) == catalogue.text("nl", "refusal")
    assert second == []
    [entry] = audit_trail(db, "user.revoked")
    assert (entry.subject, entry.detail) == (f"user:{number}", {"role": "colleague"})


async def test_a_revoked_colleague_invited_again_starts_without_the_old_grant(
    admin: Chat, colleague: Chat, db: Database, clock: FakeClock
) -> None:
    number = user_id(db, "colleague-chat-88")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    await admin.press("Informeel netwerk tonen")
    await admin.press("Toegang intrekken")
    await admin.press("Ja, intrekken")

    welcome = await colleague.say(f"/start {invite(db, clock, Role.COLLEAGUE)}")

    assert texts(welcome).startswith("Welkom")
    again = stored(db, "colleague-chat-88")
    assert (again.id, again.revoked_at, again.informal_granted_at) == (number, None, None)


async def test_a_revoked_users_old_buttons_do_nothing(admin: Chat, colleague: Chat,
                                                     db: Database) -> None:
    await colleague.say("Gesproken met Fatima van de moskee over de buurtavond")
    number = user_id(db, "colleague-chat-88")
    await admin.say("/gebruikers")
    await admin.press(card_of(number, "collega"))
    await admin.press("Toegang intrekken")
    await admin.press("Ja, intrekken")

    pressed = await colleague.press("Opslaan")

    assert texts(pressed) == catalogue.text("nl", "refusal")
    with db.session() as session:
        assert session.exec(select(Contact)).all() == []


# --- invites ---------------------------------------------------------------------------------


async def test_open_invites_are_listed_with_role_and_expiry_and_one_can_be_revoked(
    admin: Chat, stranger: Chat, db: Database, clock: FakeClock
) -> None:
    token = invite(db, clock, Role.PARTNER)
    await admin.say("/gebruikers")

    [listing] = await admin.press("Open uitnodigingen (1)")
    revoked = await admin.press("Intrekken: partner, tot woensdag 2 december om 14:00")
    refused = await stranger.say(f"/start {token}")

    assert listing.text == ("Open uitnodigingen (1):\n"
                            "• partner, geldig tot woensdag 2 december om 14:00")
    assert revoked[0].text.startswith("Uitnodiging ingetrokken (partner")
    assert texts(revoked[1:]) == catalogue.text("nl", "users_invites_none")
    assert texts(refused) == catalogue.text("nl", "invite_revoked")
    [entry] = audit_trail(db, "invite.revoked")
    assert entry.actor_user_id == user_id(db, "admin-chat-77")
    assert token not in str(entry.detail) + entry.subject


async def test_an_invite_used_before_the_revoke_button_is_pressed_stays_used(
    admin: Chat, stranger: Chat, db: Database, clock: FakeClock
) -> None:
    token = invite(db, clock, Role.COLLEAGUE)
    await admin.say("/gebruikers")
    await admin.press("Open uitnodigingen (1)")
    await stranger.say(f"/start {token}")

    late = await admin.press("Intrekken: collega, tot woensdag 2 december om 14:00")

    assert texts(late).startswith(catalogue.text("nl", "users_invite_gone"))
    assert stored(db, "stranger").revoked_at is None


def test_revoking_and_redeeming_one_invite_never_both_succeed(db: Database,
                                                             clock: FakeClock) -> None:
    who = Identity("memory", "x", "x")
    with db.session() as session:
        token = create_invite(session, Role.COLLEAGUE, clock.now())
        first_id = session.exec(select(Invite)).one().id
        assert first_id is not None
        assert revoke_invite(session, None, first_id, clock.now())
        assert redeem_invite(session, token, who, "nl", clock.now()) is RedeemError.REVOKED

        other = create_invite(session, Role.COLLEAGUE, clock.now())
        user = redeem_invite(session, other, who, "nl", clock.now())
        assert isinstance(user, User)
        used_id = session.exec(select(Invite).where(col(Invite.used_at).is_not(None))).one().id
        assert used_id is not None
        assert not revoke_invite(session, None, used_id, clock.now())
