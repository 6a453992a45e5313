"""A contact's rights in the chat (/inzage, /beperken, /wissen), the admins' retention note,
and the visit card that asks before contact details are stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlmodel import select

from bot.conversation.context import Ctx
from bot.conversation.flows.privacy import name_removed_text
from bot.settings import Settings
from core.clock import FakeClock
from core.contacts import create_contact
from core.name_removal import NameRemoved
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    ButtonPayload,
    Contact,
    Interaction,
    InteractionContact,
    Network,
    Role,
    Tombstone,
    User,
)
from tests.bot.conftest import Chat, invite
from tests.core.test_name_removal import FOUND, everything_written
from tests.core.test_name_removal import seed as seed_others_writing


def seed_fatima(db: Database, clock: FakeClock) -> int:
    """Fatima with one contact moment of her own."""
    with db.session() as session:
        area = session.exec(select(Area)).first()
        assert area is not None
        assert area.id is not None
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=clock.now(), area_ids=[area.id], phone="0612345678")
        moment = Interaction(occurred_at=clock.now() - timedelta(days=3),
                             summary="Gesprek over de iftar", created_at=clock.now())
        session.add(moment)
        session.flush()
        assert moment.id is not None
        assert fatima.id is not None
        session.add(InteractionContact(interaction_id=moment.id, contact_id=fatima.id))
        return fatima.id


async def as_role(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock, role: Role,
                  user: str) -> Chat:
    chat = chat_as(user)
    await chat.say(f"/start {invite(db, clock, role)}")
    return chat


async def test_inzage_sends_a_readable_text_and_json_with_everything_about_the_contact(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    seed_fatima(db, clock)

    [choose] = await coordinator.say("/inzage fatima")
    readable, machine = await coordinator.press("Fatima Bakkali")

    assert choose.button_labels() == ["Fatima Bakkali"]
    assert readable.file is not None
    assert machine.file is not None
    assert readable.protect
    assert machine.protect
    text = readable.file.content.decode()
    assert text.startswith("Inzage: wat het netwerkregister van de gemeente over Fatima "
                           "Bakkali bewaart")
    assert "• Telefoon: 0612345678" in text
    assert "Gesprek over de iftar" in text
    document = json.loads(machine.file.content)
    assert document["contact"]["display_name"] == "Fatima Bakkali"
    assert [i["summary"] for i in document["interactions"]] == ["Gesprek over de iftar"]
    assert "Gegevens corrigeren" in machine.button_labels()


async def test_correcting_from_the_export_opens_the_register_edit(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    seed_fatima(db, clock)
    await coordinator.say("/inzage fatima")
    await coordinator.press("Fatima Bakkali")

    [menu] = await coordinator.press("Gegevens corrigeren")

    assert "Fatima Bakkali" in menu.text
    assert len(menu.button_labels()) > 3


async def test_beperken_marks_the_contact_and_stops_recognising_them_in_visits(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    fatima_id = seed_fatima(db, clock)
    await coordinator.say("/beperken")
    await coordinator.say("Fatima")
    await coordinator.press("Fatima Bakkali")
    [done] = await coordinator.press("Verwerking beperken")

    [choose] = await coordinator.say("/inzage fatima")
    [card] = await coordinator.say("Net bij Fatima Bakkali geweest, rustig gesprek")

    assert done.text.startswith("Beperkt.")
    assert done.button_labels() == ["Beperking opheffen"]
    assert choose.button_labels() == ["Fatima Bakkali (beperkt)"]
    assert "(nieuw contact)" in card.text
    with db.session() as session:
        contact = session.get(Contact, fatima_id)
        assert contact is not None
        assert contact.restricted_at is not None


async def test_a_coordinator_may_not_erase_and_an_admin_must_confirm_the_counts(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    fatima_id = seed_fatima(db, clock)
    admin = await as_role(chat_as, db, clock, Role.ADMIN, "boss")

    [refused] = await coordinator.say("/wissen fatima")
    await admin.say("/wissen fatima")
    [confirm] = await admin.press("Fatima Bakkali")
    with db.session() as session:
        still_there = session.get(Contact, fatima_id) is not None
    [erased] = await admin.press("Ja, definitief wissen")
    [again] = await admin.press("Ja, definitief wissen")

    assert refused.text.startswith("Dat kan ik voor jouw rol niet doen.")
    assert still_there
    assert "• 1 contactmoment(en) alleen met Fatima Bakkali: verwijderd" in confirm.text
    assert confirm.button_labels() == ["Ja, definitief wissen", "Annuleren"]
    assert erased.text.startswith("Gewist. 1 contactmoment(en)")
    # The buttons about her went with her: a second press finds nothing to do.
    assert again.text == "Deze knop hoort bij iets dat al is afgerond of vervangen."
    with db.session() as session:
        assert session.get(Contact, fatima_id) is None
        assert session.exec(select(Interaction)).all() == []
        stone = session.exec(select(Tombstone).where(Tombstone.record_type == "contact")).one()
    assert stone.reason == "erasure_request"


async def test_a_colleague_and_a_partner_get_no_subject_rights(
    chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    seed_fatima(db, clock)
    colleague = await as_role(chat_as, db, clock, Role.COLLEAGUE, "colleague")
    partner = await as_role(chat_as, db, clock, Role.PARTNER, "partner")

    replies = [*(await colleague.say("/inzage fatima")), *(await partner.say("/beperken fatima")),
               *(await partner.say("/wissen fatima"))]

    assert [r.text for r in replies] == ["Dat kan ik voor jouw rol niet doen. Typ /help voor "
                                         "wat wel kan."] * 3


async def test_admins_hear_the_counts_of_the_night_run_and_no_content(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    admin = await as_role(chat_as, db, clock, Role.ADMIN, "boss")
    with db.session() as session:
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL,
                                now=clock.now() - timedelta(days=2000))
        moment = Interaction(occurred_at=clock.now() - timedelta(days=4 * 365),
                             summary="Gesprek over de iftar", created_at=clock.now())
        session.add(moment)
        session.flush()
        assert moment.id is not None
        assert fatima.id is not None
        session.add(InteractionContact(interaction_id=moment.id, contact_id=fatima.id))

    [note] = await admin.tick()
    nothing_for_the_coordinator = coordinator.transport.pop("u1")
    later = await admin.tick()

    assert note.text.splitlines()[0].startswith("🗂 Bewaartermijnen: wat vannacht")
    assert "• contactmomenten verwijderd: 1" in note.text
    assert "Fatima" not in note.text
    assert "iftar" not in note.text
    assert nothing_for_the_coordinator == []
    assert later == []


async def test_the_retention_terms_are_read_from_the_settings() -> None:
    settings = Settings(_env_file=None, retention_interactions_years=7,  # type: ignore[call-arg]
                        retention_referral_without_feedback_days=90)

    policy = settings.retention

    assert policy.interactions_years == 7
    assert policy.referrals.without_feedback == timedelta(days=90)
    assert Settings(_env_file=None).retention.signals_years == 5  # type: ignore[call-arg]


async def test_contact_details_in_a_visit_are_flagged_on_the_card_and_can_be_removed(
    coordinator: Chat, db: Database,
) -> None:
    [card] = await coordinator.say(
        "Vandaag bij Fatima van buurthuis De Schakel geweest, bel haar op 06-12345678, "
        "volgende week terugbellen")
    await coordinator.press("Morgen")  # "bel haar op …" is a follow-up without a date: asked
    [blocked] = await coordinator.press("Opslaan")
    [cleaned] = await coordinator.press("Weghalen")
    [saved] = await coordinator.press("Opslaan")

    assert saved.text.startswith("Opgeslagen")
    assert "📵 Je noteert contactgegevens: 06-12345678." in card.text
    assert card.button_labels()[:2] == ["Weghalen", "Toch bewaren"]
    assert blocked.text.startswith("Kies eerst of de contactgegevens")
    assert "06-12345678" not in cleaned.text
    assert "📵" not in cleaned.text
    with db.session() as session:
        [stored] = session.exec(select(Interaction)).all()
    assert "06-12345678" not in stored.summary


async def test_contact_details_are_stored_when_the_writer_keeps_them(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say("Vandaag bij Fatima van buurthuis De Schakel geweest, mail "
                          "fatima@example.nl")
    [kept] = await coordinator.press("Toch bewaren")
    [saved] = await coordinator.press("Opslaan")

    assert "Contactgegevens in de tekst bewaard op jouw verzoek." in kept.text
    assert saved.text.startswith("Opgeslagen")
    with db.session() as session:
        [stored] = session.exec(select(Interaction)).all()
    assert "fatima@example.nl" in stored.summary


async def test_wissen_takes_the_name_out_of_every_other_text_the_journal_and_the_buttons(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    seed_others_writing(db, journal_and_buttons=False)
    await coordinator.say("/contact Fatima Bakkali")  # a journal entry and buttons naming her
    await coordinator.say("Gebeld met Fatima Bakkali over de iftar")  # a visit card, unsaved
    admin = await as_role(chat_as, db, clock, Role.ADMIN, "boss")
    await admin.say("/wissen fatima")
    await admin.press("Fatima Bakkali")
    with db.session() as session:
        buttons_before = len(session.exec(select(ButtonPayload)).all())
    assert FOUND.search(everything_written(db))

    [erased] = await admin.press("Ja, definitief wissen")

    with db.session() as session:
        buttons_after = len(session.exec(select(ButtonPayload)).all())
        audited = session.exec(select(AuditEvent)
                               .where(AuditEvent.action == "subject.name_removed")).one()
    assert FOUND.search(everything_written(db)) is None
    counts = audited.detail
    assert counts["buttons"] == buttons_before - buttons_after
    # handled messages keep no text in the journal (core.journal.take): nothing to change there
    assert (counts["texts"], counts["journal"]) == (11, 0)
    assert erased.text.endswith(
        f"Naam verwijderd uit 11 andere teksten en {counts['buttons']} knoppen.")
    # the unsaved card about her went too: saving it would bring her back
    [late] = await coordinator.press("Opslaan")
    assert late.text == "Dit bezoek is al opgeslagen of geannuleerd."
    assert FOUND.search(everything_written(db)) is None


@pytest.mark.parametrize(("language", "removed", "expected"), [
    ("nl", NameRemoved(7, 2, 3),
     "Naam verwijderd uit 7 andere teksten, 2 berichten in het journaal en 3 knoppen."),
    ("nl", NameRemoved(1, 0, 1), "Naam verwijderd uit 1 andere tekst en 1 knop."),
    ("nl", NameRemoved(0, 1, 0), "Naam verwijderd uit 1 bericht in het journaal."),
    ("nl", NameRemoved(), "De naam stond nergens anders."),
    ("en", NameRemoved(7, 2, 3),
     "Name removed from 7 other texts, 2 messages in the journal and 3 buttons."),
    ("en", NameRemoved(1, 1, 0), "Name removed from 1 other text and 1 message in the journal."),
])
def test_where_the_name_was_removed_reads_naturally_in_dutch_and_english(
    db: Database, clock: FakeClock, language: str, removed: NameRemoved, expected: str,
) -> None:
    with db.session() as session:
        admin = User(transport="memory", external_id="a", chat_id="a", role=Role.ADMIN,
                     language=language)
        ctx = Ctx(session=session, user=admin, now=clock.now(), tz=clock.tz)

        assert name_removed_text(ctx, removed) == expected
