"""The register in the chat: /contact, /organisatie and /kort — find, show, add, edit, archive,
with formal and informal apart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from bot.conversation import texts as catalogue
from core.access import create_invite
from core.clock import FakeClock
from core.contacts import create_contact, create_organisation
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    ButtonPayload,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    FollowUp,
    Interaction,
    InteractionContact,
    Network,
    Organisation,
    Role,
    User,
)
from tests.bot.conftest import Chat, texts
from tests.conftest import REFERENCE_NOW

NOW = REFERENCE_NOW


def t(key: str, **values: object) -> str:
    return catalogue.text("nl", key, **values)


def area_id(session: Session, name: str) -> int:
    found = session.exec(select(Area.id).where(Area.name == name)).one()
    assert found is not None
    return found


def seed_fatima(db: Database) -> int:
    """Fatima: an informal key figure at De Schakel in Stad-Oost, seen five days ago."""
    with db.session() as session:
        schakel = create_organisation(session, name="De Schakel", type_code="buurthuis",
                                      network=Network.FORMAL, now=NOW)
        fatima = create_contact(
            session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW,
            organisation_id=schakel.id, function="voorzitter",
            area_ids=[area_id(session, "Stad-Oost")], roles=["sleutelfiguur"],
            agreed_on=date(2026, 11, 3), phone="06 1234 5678", preferred_channel="app",
        )
        assert fatima.id is not None
        return fatima.id


def seed_jan(db: Database) -> int:
    """Jan: a formal partner (wijkagent) at the police, in Stad-Oost too."""
    with db.session() as session:
        politie = create_organisation(session, name="Politie Almere", type_code="politie",
                                      network=Network.FORMAL, now=NOW)
        jan = create_contact(session, name="Jan de Vries", network=Network.FORMAL, now=NOW,
                             organisation_id=politie.id, function="wijkagent",
                             area_ids=[area_id(session, "Stad-Oost")])
        assert jan.id is not None
        return jan.id


def interaction(db: Database, contact_id: int, *, days_ago: int, summary: str = "",
                shared: str = "", asked: str = "", kind: str = "bezoek") -> None:
    with db.session() as session:
        row = Interaction(occurred_at=NOW - timedelta(days=days_ago), summary=summary,
                          shared=shared, asked=asked, kind=kind, created_at=NOW)
        session.add(row)
        session.flush()
        assert row.id is not None
        session.add(InteractionContact(interaction_id=row.id, contact_id=contact_id))


def follow_up(db: Database, contact_id: int, title: str, days_ahead: int) -> None:
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        assert owner.id is not None
        session.add(FollowUp(title=title, contact_id=contact_id, owner_user_id=owner.id,
                             due_at=NOW + timedelta(days=days_ahead)))


def contact(db: Database, contact_id: int) -> Contact:
    with db.session() as session:
        found = session.get(Contact, contact_id)
        assert found is not None
        session.expunge(found)
        return found


def audits(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        events = list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())
        for event in events:
            session.expunge(event)
        return events


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


async def joined(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock, role: Role,
                 user: str) -> Chat:
    chat = chat_as(user)
    with db.session() as session:
        token = create_invite(session, role, clock.now())
    await chat.say(f"/start {token}")
    return chat


@pytest.fixture
async def admin(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    return await joined(chat_as, db, clock, Role.ADMIN, "admin-1")


@pytest.fixture
async def colleague(chat_as: Callable[[str], Chat], db: Database, clock: FakeClock) -> Chat:
    return await joined(chat_as, db, clock, Role.COLLEAGUE, "colleague-1")


# --- finding and showing ---------------------------------------------------------------------


async def test_contact_with_a_name_shows_the_card_with_what_the_register_knows(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    interaction(db, fatima, days_ago=5, summary="Over de iftar")
    follow_up(db, fatima, "Terugbellen", 2)

    [card] = await coordinator.say("/contact fatima")

    assert card.text.splitlines() == [
        "👤 Fatima Bakkali",
        "Netwerk: informeel · Status: actief",
        "Rollen: sleutelfiguur",
        "🏢 Organisatie: De Schakel (buurthuis / wijkcentrum) — voorzitter",
        "📍 Gebied: Stad-Oost",
        "✅ Akkoord gegeven: dinsdag 3 november · Geïnformeerd over gegevens: nog niet "
        "vastgelegd",
        "📞 Bereikbaar: voorkeur appen · 06 1234 5678",
        "🔁 Contactritme: elke 30 dagen, uiterlijk na 60 (standaard)",
        "🕑 Laatste contact: dinsdag 24 november (5 dagen geleden)",
        "⏰ Open vervolgacties: 1",
    ]
    assert card.button_labels() == ["Kort", "Bezoek loggen", "Bewerken", "Status", "Archiveren"]
    assert card.protect


async def test_several_matching_names_offer_a_choice_and_a_new_contact(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    with db.session() as session:
        create_contact(session, name="Fatima El Amrani", network=Network.INFORMAL, now=NOW)

    [question] = await coordinator.say("/contact Fatima")

    assert question.text == t("reg_contact_choose", query="Fatima")
    assert question.button_labels() == [
        "Fatima Bakkali · De Schakel", "Fatima El Amrani", "Nieuw contact: Fatima",
    ]
    [card] = await coordinator.press("Fatima El Amrani")
    assert card.text.startswith("👤 Fatima El Amrani\n")


async def test_contact_without_a_name_asks_for_one_and_searches_what_is_typed(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)

    asked = await coordinator.say("/contact")
    [card] = await coordinator.say("Bakkali")

    assert texts(asked) == t("reg_contact_ask")
    assert card.text.startswith("👤 Fatima Bakkali\n")


async def test_a_visit_message_typed_while_a_name_is_asked_is_logged_as_a_visit(
    coordinator: Chat,
) -> None:
    await coordinator.say("/contact")

    [card] = await coordinator.say(
        "Vandaag gesproken met Kees Jansen van de bewonersvereniging over het buurtfeest."
    )

    assert card.text.startswith("Bezoek vastleggen")


async def test_looking_someone_up_keeps_an_unsaved_visit_card(coordinator: Chat,
                                                              db: Database) -> None:
    seed_fatima(db)
    await coordinator.say("Gisteren met Jan de Vries van de politie gebeld over de overlast.")

    await coordinator.say("/contact fatima")
    saved = await coordinator.press("Opslaan")

    assert texts(saved).startswith("Opgeslagen.")
    assert count(db, Interaction) == 1


# --- a new contact ---------------------------------------------------------------------------


async def test_no_match_offers_a_new_contact_added_step_by_step(
    coordinator: Chat, db: Database
) -> None:
    none = await coordinator.say("/contact Kees Jansen")
    assert texts(none) == t("reg_contact_none", query="Kees Jansen")

    network = await coordinator.press("Nieuw contact: Kees Jansen")
    assert network[0].button_labels() == ["Formeel netwerk", "Informeel netwerk"]
    organisation = await coordinator.press("Informeel netwerk")
    assert texts(organisation) == t("reg_ask_org", name="Kees Jansen")
    kind = await coordinator.say("Bewonersvereniging Parkwijk")
    assert texts(kind) == t("reg_ask_type", name="Bewonersvereniging Parkwijk")
    function = await coordinator.press("Bewonersorganisatie")
    assert texts(function).startswith("Wat is de functie van Kees Jansen bij Bewoners")
    district = await coordinator.say("secretaris")
    assert "Almere Stad" in district[0].button_labels()
    wijk = await coordinator.press("Almere Stad")
    assert wijk[0].button_labels()[0] == "Heel Almere Stad"
    [card] = await coordinator.press("Parkwijk")

    assert card.text.startswith(t("reg_contact_created") + "\n\n👤 Kees Jansen\n")
    assert ("🏢 Organisatie: Bewonersvereniging Parkwijk (bewonersorganisatie) — secretaris"
            in card.text)
    assert "📍 Gebied: Parkwijk" in card.text
    with db.session() as session:
        kees = session.exec(select(Contact)).one()
        organisation_row = session.exec(select(Organisation)).one()
        link = session.exec(select(ContactOrganisation)).one()
    assert (kees.display_name, kees.network) == ("Kees Jansen", Network.INFORMAL)
    assert (organisation_row.type, organisation_row.network) == ("bewonersorganisatie",
                                                                  Network.INFORMAL)
    assert link.function == "secretaris"
    assert len(audits(db, "contact.created")) == 1


async def test_a_first_name_only_asks_for_the_whole_name(coordinator: Chat) -> None:
    await coordinator.say("/contact Kees")

    asked = await coordinator.press("Nieuw contact: Kees")
    kept = await coordinator.press("Kees")

    assert texts(asked) == t("reg_ask_full_name", name="Kees")
    assert kept[0].button_labels() == ["Formeel netwerk", "Informeel netwerk"]


async def test_a_new_contact_joins_an_existing_organisation_found_despite_a_typo(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say("/contact Anna Smit")
    await coordinator.press("Nieuw contact: Anna Smit")
    await coordinator.press("Formeel netwerk")

    choice = await coordinator.say("de schakle")
    await coordinator.press("De Schakel (buurthuis / wijkcentrum)")
    await coordinator.press("Overslaan")
    [card] = await coordinator.press("Overslaan")

    assert choice[0].button_labels() == [
        "De Schakel (buurthuis / wijkcentrum)", "Nieuwe organisatie: de schakle",
    ]
    assert "🏢 Organisatie: De Schakel (buurthuis / wijkcentrum)\n" in card.text
    assert count(db, Organisation) == 1


async def test_wrong_answers_while_adding_a_contact_are_explained_and_asked_again(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say("/contact")
    await coordinator.press("Nieuw contact")

    digits = await coordinator.say("Kees 2")
    assert texts(digits).startswith(t("reg_name_digits"))
    await coordinator.say("Kees Jansen")
    unsure = await coordinator.say("weet ik niet")
    assert texts(unsure).startswith(t("reg_choose_button"))
    assert unsure[0].button_labels() == ["Formeel netwerk", "Informeel netwerk"]
    await coordinator.say("informeel")
    await coordinator.say("Stichting Samen")
    bad_type = await coordinator.say("iets met mensen")
    assert texts(bad_type).startswith(t("reg_type_unknown"))
    await coordinator.say("zelforganisatie")
    private = await coordinator.say("moslim voorzitter")
    assert texts(private).startswith(t("reg_privacy_refused", words="moslim"))
    labelled = await coordinator.say("informant")
    assert texts(labelled).startswith(t("reg_words_refused", words="informant"))
    await coordinator.say("voorzitter")
    nowhere = await coordinator.say("Nergenshuizen")
    assert texts(nowhere).startswith(t("reg_area_unknown"))
    [card] = await coordinator.say("kruidenwijk")

    assert "— voorzitter" in card.text
    assert "📍 Gebied: Kruidenwijk" in card.text
    assert count(db, Contact) == 1


async def test_pressing_the_last_step_twice_adds_the_contact_once(
    coordinator: Chat, db: Database
) -> None:
    await coordinator.say("/contact Kees Jansen")
    await coordinator.press("Nieuw contact: Kees Jansen")
    await coordinator.press("Formeel netwerk")
    await coordinator.press("Geen organisatie")
    await coordinator.press("Overslaan")

    again = await coordinator.press("Overslaan")

    assert texts(again) == t("already_handled")
    assert count(db, Contact) == 1


# --- editing ---------------------------------------------------------------------------------


async def test_the_status_is_chosen_from_buttons_in_the_order_of_the_lifecycle(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")

    [menu] = await coordinator.press("Status")
    [card] = await coordinator.press("Slapend")

    assert menu.button_labels() == [
        "Prospect", "Benaderd", "✓ Actief", "Slapend", "Gestopt", "Terug naar de kaart",
    ]
    assert card.text.startswith(t("reg_status_set", status="slapend"))
    assert contact(db, fatima).status == ContactStatus.SLAPEND
    assert [e.detail for e in audits(db, "contact.status")] == [{"status": "slapend"}]


async def test_a_role_about_religion_is_refused_and_not_stored(coordinator: Chat,
                                                               db: Database) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Rollen")

    refused = await coordinator.say("sleutelfiguur, moslima, voorzitter")
    [card] = await coordinator.say("sleutelfiguur, voorzitter")

    assert texts(refused).startswith(t("reg_privacy_refused", words="moslima"))
    assert refused[0].button_labels() == ["Leegmaken", "Terug naar de kaart"]
    assert "Rollen: sleutelfiguur, voorzitter" in card.text
    assert contact(db, fatima).roles == ["sleutelfiguur", "voorzitter"]
    assert [e.detail for e in audits(db, "contact.updated")] == [{"field": "roles"}]


async def test_roles_and_a_function_are_unreadable_in_the_database_and_show_on_the_card(
    coordinator: Chat, db: Database,
) -> None:
    seed_fatima(db)  # roles: sleutelfiguur; function at De Schakel: voorzitter
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Rollen")

    [card] = await coordinator.say("sleutelfiguur, buurtmoeder")

    assert "Rollen: sleutelfiguur, buurtmoeder" in card.text
    assert "voorzitter" in card.text
    with db.engine.connect() as conn:
        raw = " ".join(str(v) for v in [
            *conn.execute(text("SELECT roles FROM contact")).scalars(),
            *conn.execute(text("SELECT function FROM contactorganisation")).scalars()])
    assert "nr1:" in raw
    for word in ("sleutelfiguur", "buurtmoeder", "voorzitter"):
        assert word not in raw


@pytest.mark.parametrize(
    ("field", "wrong", "error", "right", "stored"),
    [
        ("Telefoon", "bel me maar", "reg_phone_invalid", "+31 6 9876 5432",
         ("phone", "+31 6 9876 5432")),
        ("E-mail", "fatima at schakel", "reg_email_invalid", "F.Bakkali@Schakel.nl",
         ("email", "f.bakkali@schakel.nl")),
        ("Geïnformeerd", "blauw", "date_not_understood", "afgelopen vrijdag",
         ("informed_on", date(2026, 11, 27))),
        ("Akkoord gegeven", "volgende week dinsdag", "reg_date_in_future", "gisteren",
         ("agreed_on", date(2026, 11, 28))),
        ("Contactritme", "vaak", "reg_rhythm_invalid", "elke 3 weken",
         ("rhythm_ideal_days", 21)),
        ("Naam", "x", "reg_name_invalid", "Fatima  Bakkali-Amrani",
         ("display_name", "Fatima Bakkali-Amrani")),
    ],
)
async def test_typed_details_are_checked_before_they_are_stored(
    coordinator: Chat, db: Database, field: str, wrong: str, error: str, right: str,
    stored: tuple[str, object],
) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press(field)

    refused = await coordinator.say(wrong)
    [card] = await coordinator.say(right)

    assert texts(refused).startswith(t(error))
    assert card.text.startswith(t("reg_saved_field", field=field))
    attribute, value = stored
    assert getattr(contact(db, fatima), attribute) == value


async def test_a_visit_message_typed_while_editing_changes_nothing_and_is_read_as_a_visit(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Rollen")

    replies = await coordinator.say(
        "Vandaag met Fatima gesproken over de jongeren bij het skatepark, volgende week bellen."
    )

    assert replies[0].text == t("reg_edit_left")
    assert replies[1].text.startswith("Bezoek vastleggen")
    assert contact(db, fatima).roles == ["sleutelfiguur"]


async def test_one_tap_answers_set_the_channel_the_rhythm_and_today(coordinator: Chat,
                                                                   db: Database) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Voorkeurskanaal")
    await coordinator.press("Langsgaan")
    await coordinator.press("Bewerken")
    await coordinator.press("Contactritme")
    await coordinator.press("Elke 14 dagen (max 28)")
    await coordinator.press("Bewerken")
    await coordinator.press("Geïnformeerd")
    [card] = await coordinator.press("Vandaag")

    stored = contact(db, fatima)
    assert (stored.preferred_channel, stored.rhythm_ideal_days, stored.rhythm_max_days,
            stored.informed_on) == ("langs", 14, 28, date(2026, 11, 29))
    assert "🔁 Contactritme: elke 14 dagen, uiterlijk na 28\n" in card.text


async def test_a_function_is_changed_and_an_organisation_unlinked(coordinator: Chat,
                                                                  db: Database) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Organisaties")
    await coordinator.press("Functie bij De Schakel")
    [card] = await coordinator.say("penningmeester")
    assert "— penningmeester" in card.text

    await coordinator.press("Bewerken")
    await coordinator.press("Organisaties")
    [card] = await coordinator.press("De Schakel loskoppelen")

    assert "🏢 Organisatie: —" in card.text
    with db.session() as session:
        assert session.exec(select(ContactOrganisation)
                            .where(ContactOrganisation.contact_id == fatima)).first() is None
        assert session.exec(select(Organisation)).one().name == "De Schakel"


async def test_an_area_is_added_by_district_and_wijk_and_removed_again(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Gebieden")
    await coordinator.press("+ Gebied")
    await coordinator.press("Almere Haven")
    [card] = await coordinator.press("De Werven")
    assert "📍 Gebied: De Werven, Stad-Oost" in card.text

    await coordinator.press("Bewerken")
    await coordinator.press("Gebieden")
    [card] = await coordinator.press("Stad-Oost weghalen")

    assert "📍 Gebied: De Werven\n" in card.text
    with db.session() as session:
        linked = session.exec(select(ContactArea).where(ContactArea.contact_id == fatima)).all()
    assert len(linked) == 1


# --- the network: set once, only an admin changes it -----------------------------------------


async def test_a_coordinator_cannot_change_the_network_and_is_told_why(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    [menu] = await coordinator.press("Bewerken")

    [answer] = await coordinator.press("Netwerk 🔒")

    assert "Netwerk 🔒" in menu.button_labels()
    assert answer.text == t("reg_network_locked", name="Fatima Bakkali",
                            network="het informele netwerk")
    assert answer.button_labels() == ["Terug naar de kaart"]
    assert contact(db, fatima).network == Network.INFORMAL


async def test_an_admin_changes_the_network_and_it_is_audited(admin: Chat,
                                                              db: Database) -> None:
    jan = seed_jan(db)
    await admin.say("/contact jan")
    await admin.press("Bewerken")

    [question] = await admin.press("Netwerk")
    [card] = await admin.press("Informeel netwerk")

    assert question.button_labels() == ["✓ Formeel netwerk", "Informeel netwerk",
                                        "Terug naar de kaart"]
    assert card.text.startswith(t("reg_network_changed", network="informeel"))
    assert contact(db, jan).network == Network.INFORMAL
    [event] = audits(db, "contact.network_changed")
    assert event.detail == {"before": "formal", "after": "informal"}
    assert event.subject == f"contact:{jan}"


async def test_a_forged_network_button_changes_nothing_for_a_coordinator(
    coordinator: Chat, db: Database
) -> None:
    jan = seed_jan(db)
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        assert owner.id is not None
        session.add(ButtonPayload(id="forged", user_id=owner.id, action="reg.network",
                                  data={"contact": jan, "network": "informal"}, created_at=NOW))

    await coordinator.transport.press_payload("forged", user="u1")

    assert texts(coordinator.transport.pop("u1")).startswith("Jan de Vries staat in")
    assert contact(db, jan).network == Network.FORMAL
    assert audits(db, "contact.network_changed") == []


# --- formal and informal apart: what a colleague sees ----------------------------------------


async def test_a_colleague_never_sees_informal_contacts(colleague: Chat, db: Database) -> None:
    fatima = seed_fatima(db)
    seed_jan(db)
    with db.session() as session:
        create_contact(session, name="Fatima Jansen", network=Network.FORMAL, now=NOW)

    assert texts(await colleague.say("/contact Fatima Bakkali")) == t(
        "reg_contact_none", query="Fatima Bakkali")
    [choice] = await colleague.say("/contact fatima")
    assert "Fatima Bakkali" not in choice.text + " ".join(choice.button_labels())
    assert texts(await colleague.say("/kort Bakkali")) == t("reg_brief_none", query="Bakkali")
    [schakel] = await colleague.say("/organisatie De Schakel")
    assert "👥 Contactpersonen: —" in schakel.text

    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == "colleague-1")).one()
        assert user.id is not None
        session.add(ButtonPayload(id="old-card", user_id=user.id, action="reg.brief",
                                  data={"contact": fatima}, created_at=NOW))
    await colleague.transport.press_payload("old-card", user="colleague-1")
    assert texts(colleague.transport.pop("colleague-1")) == t("reg_contact_gone")


async def test_a_colleague_sees_informal_organisations_only_with_the_informal_grant(
        colleague: Chat, db: Database) -> None:
    """Attack review #13: an informal organisation's name is informal-network data."""
    with db.session() as session:
        mosque = create_organisation(session, name="Moskee Al Fath",
                                     type_code="gebedshuis-moskee", network=Network.INFORMAL,
                                     now=NOW)
        create_organisation(session, name="Moskeewerkgroep Gemeente", type_code="overheid",
                            network=Network.FORMAL, now=NOW)
        user = session.exec(select(User).where(User.external_id == "colleague-1")).one()
        assert user.id is not None
        session.add(ButtonPayload(id="old-org", user_id=user.id, action="reg.org_show",
                                  data={"organisation": mosque.id}, created_at=NOW))

    found = await colleague.say("/organisatie Moskee Fath")
    ungranted = texts(found) + " ".join(label for r in found for label in r.button_labels())
    await colleague.transport.press_payload("old-org", user="colleague-1")
    pressed = texts(colleague.transport.pop("colleague-1"))
    with db.session() as session:
        user = session.exec(select(User).where(User.external_id == "colleague-1")).one()
        user.informal_granted_at = NOW
        session.add(user)
    granted = texts(await colleague.say("/organisatie Moskee Al Fath"))

    assert "Moskee Al Fath" not in ungranted
    assert ungranted.startswith(t("reg_org_none", query="Moskee Fath"))
    assert pressed == t("reg_org_gone")
    assert "Moskee Al Fath" in granted


async def test_a_colleague_sees_formal_contacts_and_their_briefing(colleague: Chat,
                                                                   db: Database) -> None:
    jan = seed_jan(db)
    interaction(db, jan, days_ago=3, summary="Overlast bij het winkelcentrum")

    [card] = await colleague.say("/contact jan de vries")
    [brief] = await colleague.say("/kort jan")

    assert card.text.startswith("👤 Jan de Vries\n")
    assert "Overlast bij het winkelcentrum" in brief.text


async def test_an_informal_contact_added_by_a_colleague_is_saved_but_not_shown_to_them(
    colleague: Chat, db: Database
) -> None:
    await colleague.say("/contact Kees Jansen")
    await colleague.press("Nieuw contact: Kees Jansen")
    await colleague.press("Informeel netwerk")
    await colleague.press("Geen organisatie")

    saved = await colleague.press("Overslaan")

    assert texts(saved) == t("reg_created_informal_hidden", name="Kees Jansen")
    assert count(db, Contact) == 1


async def test_a_partner_cannot_use_the_register(chat_as: Callable[[str], Chat], db: Database,
                                                 clock: FakeClock) -> None:
    partner = await joined(chat_as, db, clock, Role.PARTNER, "partner-1")

    for command in ("/contact Fatima", "/kort Fatima", "/organisatie Schakel", "/stapsgewijs"):
        assert texts(await partner.say(command)) == t("not_allowed")


# --- archiving -------------------------------------------------------------------------------


async def test_archiving_asks_first_and_a_double_press_archives_once(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    follow_up(db, fatima, "Terugbellen", 2)
    await coordinator.say("/contact fatima")

    [question] = await coordinator.press("Archiveren")
    assert question.button_labels() == ["Ja, archiveren", "Nee, terug"]
    assert contact(db, fatima).archived_at is None
    done = await coordinator.press("Ja, archiveren")
    again = await coordinator.press("Ja, archiveren")

    assert texts(done) == (t("reg_archived", name="Fatima Bakkali") + "\n"
                           + t("reg_archived_follow_ups", count=1))
    assert texts(again) == t("already_handled")
    assert contact(db, fatima).archived_at is not None
    assert len(audits(db, "contact.archived")) == 1
    assert texts(await coordinator.say("/contact Fatima Bakkali")) == t(
        "reg_contact_none", query="Fatima Bakkali")
    assert texts(await coordinator.press("Kort")) == t("reg_contact_gone")


async def test_nee_keeps_the_contact(coordinator: Chat, db: Database) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Archiveren")

    [card] = await coordinator.press("Nee, terug")

    assert card.text.startswith("👤 Fatima Bakkali")
    assert contact(db, fatima).archived_at is None


# --- organisations ---------------------------------------------------------------------------


async def test_an_organisation_is_added_with_its_type_network_and_area(
    coordinator: Chat, db: Database
) -> None:
    none = await coordinator.say("/organisatie Al Fath")
    assert texts(none) == t("reg_org_none", query="Al Fath")
    await coordinator.press("Nieuwe organisatie: Al Fath")
    [network] = await coordinator.press("Gebedshuis – moskee")
    assert network.button_labels() == ["Informeel netwerk (gebruikelijk)", "Formeel netwerk"]
    await coordinator.press("Informeel netwerk (gebruikelijk)")
    await coordinator.press("Almere Buiten")
    [card] = await coordinator.press("Bloemenbuurt")

    assert card.text.splitlines()[:6] == [
        t("reg_org_created"), "", "🏢 Al Fath",
        "Type: gebedshuis – moskee · Netwerk: informeel", "📍 Gebied: Bloemenbuurt",
        "👥 Contactpersonen: —",
    ]
    with db.session() as session:
        organisation = session.exec(select(Organisation)).one()
    assert (organisation.type, organisation.network) == ("gebedshuis-moskee", Network.INFORMAL)


async def test_an_organisation_card_lists_its_contacts_and_is_edited_by_buttons(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)

    [card] = await coordinator.say("/organisatie schakel")
    assert "👥 Contactpersonen: Fatima Bakkali (voorzitter)" in card.text
    await coordinator.press("Bewerken")
    await coordinator.press("Type")
    [card] = await coordinator.press("Welzijn")
    assert "Type: welzijn · Netwerk: formeel" in card.text
    await coordinator.press("Bewerken")
    await coordinator.press("Netwerk")
    [card] = await coordinator.press("Informeel netwerk")

    assert "Netwerk: informeel" in card.text
    assert [e.detail for e in audits(db, "organisation.network_changed")] == [
        {"before": "formal", "after": "informal"},
    ]
    assert [e.detail for e in audits(db, "organisation.updated")] == [{"field": "type"}]


async def test_an_organisation_is_renamed_and_archived(coordinator: Chat, db: Database) -> None:
    seed_fatima(db)
    await coordinator.say("/organisatie schakel")
    await coordinator.press("Bewerken")
    await coordinator.press("Naam")
    [card] = await coordinator.say("Buurthuis De Schakel")
    assert "🏢 Buurthuis De Schakel" in card.text

    await coordinator.press("Archiveren")
    done = await coordinator.press("Ja, archiveren")
    again = await coordinator.press("Ja, archiveren")

    assert texts(done) == t("reg_org_archived", name="Buurthuis De Schakel")
    assert texts(again) == t("already_handled")
    assert texts(await coordinator.say("/organisatie schakel")) == t("reg_org_none",
                                                                       query="schakel")
    with db.session() as session:
        assert session.exec(select(Organisation)).one().archived_at is not None


async def test_a_colleague_may_not_move_an_organisation_between_networks(
    colleague: Chat, db: Database
) -> None:
    seed_jan(db)
    await colleague.say("/organisatie politie")
    await colleague.press("Bewerken")

    [answer] = await colleague.press("Netwerk")

    assert answer.text == t("reg_org_network_locked", name="Politie Almere",
                            network="het formele netwerk")


# --- the briefing (/kort) --------------------------------------------------------------------


async def test_kort_shows_the_last_contacts_by_date_and_the_open_follow_ups(
    coordinator: Chat, db: Database
) -> None:
    fatima = seed_fatima(db)
    interaction(db, fatima, days_ago=40, summary="Kennismaking in het buurthuis",
                asked="Ruimte voor de iftar")
    interaction(db, fatima, days_ago=5, summary="Zorgen over jongeren bij het skatepark",
                shared="Uitnodiging gebiedsoverleg", kind="telefoon")
    interaction(db, fatima, days_ago=12, summary="Buurtfeest voorbereid")
    interaction(db, fatima, days_ago=60, summary="Eerste contact")
    follow_up(db, fatima, "Terugbellen over de iftar", 2)

    [brief] = await coordinator.say("/kort fatima")

    assert brief.protect
    assert brief.text.splitlines() == [
        "📋 Kort: Fatima Bakkali",
        "informeel · actief · sleutelfiguur",
        "🏢 De Schakel (buurthuis / wijkcentrum) — voorzitter",
        "📍 Stad-Oost",
        "",
        "🕑 Laatste 3 van 4 contacten:",
        "• dinsdag 24 november — telefoon, op ons initiatief: Zorgen over jongeren bij het "
        "skatepark",
        "• dinsdag 17 november — bezoek, op ons initiatief: Buurtfeest voorbereid",
        "• dinsdag 20 oktober — bezoek, op ons initiatief: Kennismaking in het buurthuis",
        "",
        "⏰ Open vervolgacties:",
        "• Terugbellen over de iftar — dinsdag 1 december",
        "",
        "↗️ Wat wij deelden of toezegden:",
        "• dinsdag 24 november: Uitnodiging gebiedsoverleg",
        "",
        "↙️ Wat zij vroegen:",
        "• dinsdag 20 oktober: Ruimte voor de iftar",
    ]
    assert brief.button_labels() == ["Bezoek loggen", "Kaart"]


async def test_kort_from_the_card_and_bezoek_loggen_from_the_briefing(
    coordinator: Chat, db: Database
) -> None:
    seed_fatima(db)
    await coordinator.say("/contact fatima")

    [brief] = await coordinator.press("Kort")
    prompt = await coordinator.press("Bezoek loggen")
    [card] = await coordinator.say("Rustig gesprek over het buurtfeest, alles loopt goed.")

    assert brief.text.startswith("📋 Kort: Fatima Bakkali")
    assert texts(prompt) == t("visit_prompt_for", name="Fatima Bakkali")
    assert "👤 Wie: Fatima Bakkali" in card.text


async def test_kort_in_english(coordinator: Chat, db: Database) -> None:
    seed_fatima(db)
    await coordinator.say("/language en")

    [brief] = await coordinator.say("/brief fatima")

    assert brief.text.startswith("📋 Briefing: Fatima Bakkali\ninformal · active · sleutelfiguur")
    assert "🕑 Last contacts:\nNo contact recorded yet." in brief.text


async def test_an_unknown_name_after_kort_is_said_plainly(coordinator: Chat) -> None:
    assert texts(await coordinator.say("/kort Niemand")) == t("reg_brief_none", query="Niemand")


async def test_every_register_command_is_in_the_help(coordinator: Chat) -> None:
    help_text = texts(await coordinator.say("/help"))

    for command in ("/contact", "/organisatie", "/kort", "/stapsgewijs"):
        assert command in help_text


def test_no_register_text_asks_about_special_categories() -> None:
    from bot.conversation.catalogue import register

    for catalogue_texts in (register.NL, register.EN):
        for key, value in catalogue_texts.items():
            if key in ("reg_privacy_refused",):
                continue
            lowered = value.lower()
            assert not any(word in lowered for word in (
                "religie", "geloof", "etniciteit", "nationaliteit", "familie", "religion",
                "ethnicity", "nationality", "family",
            )), key


async def test_a_role_naming_a_denomination_is_refused_with_a_reason(coordinator: Chat,
                                                                     db: Database) -> None:
    fatima = seed_fatima(db)
    await coordinator.say("/contact fatima")
    await coordinator.press("Bewerken")
    await coordinator.press("Rollen")

    refused = await coordinator.say("soenniet")

    assert texts(refused).startswith(t("reg_privacy_refused", words="soenniet"))
    assert "soenniet" not in contact(db, fatima).roles
