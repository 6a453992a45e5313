"""The tension picture in the chat: per area the level, why, history and next review; the
coordinator sets it, the rhythm tightens, the digest says so; trigger events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlmodel import select

from bot.app import App
from bot.settings import Settings
from bot.transports.memory import MemoryTransport
from core.access import create_invite
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import (
    Area,
    AreaTension,
    Interaction,
    InteractionContact,
    Network,
    Role,
    Signal,
    TriggerEvent,
    User,
)
from tests.bot.conftest import Chat, invite, texts
from tests.bot.test_signal_flow import SKATEPARK, record


async def set_orange(chat: Chat) -> list[str]:
    await chat.say("/spanning Stad-Oost")
    await chat.press("Niveau vaststellen")
    await chat.press("🟠 oranje — oplopende spanningen")
    await chat.say("Drie signalen in een week rond het skatepark en het winkelcentrum.")
    return [r.text for r in await chat.press("Over een week")]


async def test_the_picture_starts_green_and_lists_an_area_once_it_has_signals(
    coordinator: Chat,
) -> None:
    [empty] = await coordinator.say("/spanning")
    await record(coordinator)
    [picture] = await coordinator.say("/tension")

    assert "Alle gebieden zijn groen" in empty.text
    assert empty.text.splitlines()[-1] == (  # the default setting, RHYTHM_TIGHTENING
        "🔁 Contactritme bij spanning (instelling): oranje — oplopende spanningen: 2× zo vaak; "
        "rood — escalatie: 4× zo vaak. Nooit korter dan om de 3 dagen.")
    assert picture.text.splitlines()[2] == (
        "▫️ Stad-Oost: nog niet beoordeeld · 1 open signaal · 💡 beoordeling voorgesteld")
    assert picture.button_labels() == ["Stad-Oost", "Ander gebied"]


async def test_the_coordinator_sets_a_level_with_a_reason_and_a_review_date(
    coordinator: Chat, db: Database,
) -> None:
    for _ in range(3):
        await record(coordinator)

    [reply] = await set_orange(coordinator)

    lines = reply.splitlines()
    assert lines[0] == ("Stad-Oost staat nu op 🟠 oranje — oplopende spanningen. Herbeoordeling "
                        "op zondag 6 december; je krijgt een herinnering.")
    assert "Spanningsbeeld Stad-Oost" in lines
    assert "🟠 oranje — oplopende spanningen — sinds zondag 29 november" in lines
    assert ("Onderbouwing: Drie signalen in een week rond het skatepark en het winkelcentrum."
            in lines)
    assert "Signalen (3):" in lines
    assert ("• S-1 zaterdag 28 november — Zorgen over een groep jongeren, spanning 2 (gemeld)"
            in lines)
    assert "📅 Volgende herbeoordeling: zondag 6 december" in lines
    with db.session() as session:
        assessment = session.exec(select(AreaTension)).one()
    assert (assessment.level, sorted(assessment.signal_ids)) == ("oranje", [1, 2, 3])


async def test_the_history_shows_earlier_levels(coordinator: Chat, clock: FakeClock) -> None:
    await set_orange(coordinator)
    clock.advance(days=3)
    await coordinator.press("Niveau vaststellen")
    await coordinator.press("🟡 geel — sluimerend ongenoegen")
    await coordinator.say("Na het overleg met de jongerenwerkers is het rustiger.")
    [picture] = await coordinator.press("Over twee weken ✓")

    assert "Het contactritme in dit gebied is weer normaal." in picture.text
    assert "Eerder:\n• zondag 29 november: 🟠 oranje — oplopende spanningen" in picture.text
    assert "🔁 Contactritme: normaal." in picture.text


async def test_a_justification_naming_a_person_is_refused(coordinator: Chat, db: Database
                                                          ) -> None:
    await coordinator.say("/spanning Stad-Oost")
    await coordinator.press("Niveau vaststellen")
    await coordinator.press("🔴 rood — escalatie")
    [refusal] = await coordinator.say("Mohammed Ali en zijn vrienden zoeken de confrontatie.")

    assert "wat op een naam lijkt: “Mohammed Ali”" in refusal.text
    with db.session() as session:
        assert session.exec(select(AreaTension)).all() == []


def key_figure_seen_20_days_ago(db: Database, clock: FakeClock) -> None:
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        stad_oost = session.exec(select(Area).where(Area.name == "Stad-Oost")).one()
        contact = create_contact(session, name="Ahmed Yilmaz", network=Network.INFORMAL,
                                 now=clock.now() - timedelta(days=100), owner_user_id=owner.id,
                                 area_ids=[stad_oost.id], roles=["sleutelfiguur"])
        visit = Interaction(occurred_at=clock.now() - timedelta(days=20),
                            created_at=clock.now() - timedelta(days=20))
        session.add(visit)
        session.flush()
        session.add(InteractionContact(interaction_id=visit.id, contact_id=contact.id))


async def test_the_tightening_is_a_setting_shown_by_spanning_and_followed_by_the_digest(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RHYTHM_TIGHTENING="rood=0.25": at oranje the rhythm stays, so the key figure of the
    test above is not in Tuesday's digest; /spanning says what is set."""
    monkeypatch.setenv("RHYTHM_TIGHTENING", "rood=0.25")
    monkeypatch.setenv("RHYTHM_MIN_DAYS", "5")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    app = App(db, [MemoryTransport()], clock, schedule=False, tightening=settings.tightening)
    await app.start()
    try:
        transport = app.transports["memory"]
        assert isinstance(transport, MemoryTransport)
        chat = Chat(app, transport, "u1")
        await chat.say(f"/start {invite(db, clock)}")
        key_figure_seen_20_days_ago(db, clock)

        [overview] = await chat.say("/spanning")
        clock.advance(hours=20, minutes=30)  # Monday 10:30
        reply = "\n".join(await set_orange(chat))
        clock.advance(days=1, hours=-2)  # Tuesday 08:30
        digests = await chat.tick()
    finally:
        await app.stop()

    assert overview.text.splitlines()[-1] == (
        "🔁 Contactritme bij spanning (instelling): rood — escalatie: 4× zo vaak. Nooit korter "
        "dan om de 5 dagen.")
    assert "verscherpt" not in reply
    assert "🔁 Contactritme: normaal." in reply
    assert not any("Ahmed Yilmaz" in digest.text for digest in digests)


def test_a_tightening_setting_with_an_unknown_level_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RHYTHM_TIGHTENING", "paars=0.5")
    with pytest.raises(ValidationError, match="paars"):
        Settings(_env_file=None)  # type: ignore[call-arg]


async def test_at_level_two_the_rhythm_tightens_and_the_morning_digest_says_so(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    key_figure_seen_20_days_ago(db, clock)
    clock.advance(hours=18, minutes=30)  # Monday 08:30
    assert await coordinator.tick() == []  # 20 days after the last visit is not quiet yet
    clock.advance(hours=2)

    [reply] = await set_orange(coordinator)
    clock.advance(days=1, hours=-2)  # Tuesday 08:30
    [digest] = await coordinator.tick()

    assert ("Het contactritme is verscherpt (2× zo vaak) voor het ene contact in dit gebied; "
            "het ochtendoverzicht laat zien wie aan de beurt is.") in reply
    assert "🔁 Contactritme verscherpt: 2× zo vaak voor het ene contact in dit gebied." in reply
    assert ("1. Ahmed Yilmaz — laatste contact maandag 9 november · verscherpt ritme "
            "(Stad-Oost)") in digest.text
    assert digest.text.splitlines()[-2:] == [
        "Spanning", "🟠 Stad-Oost: oranje — oplopende spanningen — contactritme 2× zo vaak"]


async def test_the_review_date_comes_back_as_a_reminder(coordinator: Chat, clock: FakeClock
                                                        ) -> None:
    await set_orange(coordinator)
    clock.advance(days=7, hours=-5)  # Sunday 6 December, 09:00

    [reminder] = await coordinator.tick()

    assert reminder.text.startswith("⏰ Herinnering: Spanningsbeeld Stad-Oost herbeoordelen")


async def test_a_colleague_sees_the_picture_but_does_not_set_the_level(
    coordinator: Chat, chat_as: Callable[[str], Chat], db: Database, clock: FakeClock,
) -> None:
    await set_orange(coordinator)
    colleague = chat_as("u2")
    with db.session() as session:
        token = create_invite(session, Role.COLLEAGUE, clock.now())
    await colleague.say(f"/start {token}")

    [picture] = await colleague.say("/spanning stad-oost")

    assert "🟠 oranje — oplopende spanningen" in picture.text
    assert picture.button_labels() == ["Signalen", "Alle gebieden"]


async def test_an_area_is_found_by_buttons_when_not_typed(coordinator: Chat) -> None:
    await coordinator.say("/spanning")
    await coordinator.press("Ander gebied")
    [wijken] = await coordinator.press("Almere Haven")
    [picture] = await coordinator.press("De Marken")

    assert wijken.button_labels()[0] == "Heel Almere Haven"
    assert picture.text.startswith("Spanningsbeeld De Marken\n\nNog niet beoordeeld")


async def test_a_trigger_event_is_registered_and_linked_from_the_signal_card(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say(f"/signaal {SKATEPARK}")
    await coordinator.press("Overslaan")
    await coordinator.press("Weet ik niet")
    await coordinator.press("Wijzigen")
    await coordinator.press("Aanleiding")
    await coordinator.press("Nieuwe aanleiding")
    await coordinator.say("Voetbalwedstrijd Almere City tegen Ajax")
    await coordinator.press("lokaal")
    await coordinator.press("incident")
    await coordinator.press("Gisteren")
    await coordinator.press("Almere Stad")
    replies = await coordinator.press("Stad-Oost")
    await coordinator.press("Opslaan")

    assert replies[0].text.startswith("Aanleiding vastgelegd: zaterdag 28 november — "
                                      "Voetbalwedstrijd Almere City tegen Ajax (lokaal, incident)")
    assert "🔗 Aanleiding: zaterdag 28 november — Voetbalwedstrijd" in replies[1].text
    with db.session() as session:
        event = session.exec(select(TriggerEvent)).one()
        signal = session.exec(select(Signal)).one()
    assert signal.trigger_event_id == event.id
    [listed] = await coordinator.say("/aanleiding")
    assert "Voetbalwedstrijd Almere City tegen Ajax (lokaal, incident)" in texts([listed])


async def test_the_morning_digest_proposes_to_assess_an_area_where_signals_accumulate(
    coordinator: Chat, db: Database, clock: FakeClock,
) -> None:
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        create_contact(session, name="Jan de Vries", network=Network.FORMAL,
                       now=clock.now() - timedelta(days=200), owner_user_id=owner.id)
    for _ in range(3):
        await record(coordinator, level="Weet ik niet")
    clock.advance(days=1, hours=18, minutes=30)  # Tuesday 08:30 (no weekly overview)

    [digest] = await coordinator.tick()
    [picture] = await coordinator.press("Spanning Stad-Oost")

    assert digest.text.splitlines()[-2:] == [
        "Spanning", "💡 Stad-Oost: 3 signalen, nog niet beoordeeld — beoordeling voorgesteld"]
    assert picture.text.startswith("Spanningsbeeld Stad-Oost")
