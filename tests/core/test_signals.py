"""Signals: the status workflow with its history and reasons, follow-ups, trigger events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from core.followups import sweep_due
from core.signals import (
    PURPOSE_SOURCE,
    Change,
    EventDraft,
    SignalDraft,
    SignalError,
    Status,
    add_follow_up,
    change_status,
    create_event,
    draft_signal,
    follow_ups,
    guess_category,
    guess_location,
    history,
    recent_events,
    save_signal,
)
from storage.engine import Database
from storage.models import Area, FollowUpLink, Outbox, Signal, User
from tests.conftest import REFERENCE_NOW

TODAY = REFERENCE_NOW.date()


def coordinator(db: Database, external: str = "u1") -> User:
    with db.session() as session:
        user = User(transport="memory", external_id=external, chat_id=external,
                    role="coordinator")
        session.add(user)
        session.flush()
        return user


def area_id(db: Database, name: str = "Stad-Oost") -> int:
    with db.session() as session:
        area = session.exec(select(Area).where(Area.name == name)).one()
        assert area.id is not None
        return area.id


def signal(db: Database, user: User, **fields: object) -> int:
    values: dict[str, object] = {
        "observed_on": TODAY, "area_id": area_id(db), "category": "polarisatie",
        "facts": "Twee groepen jongeren scholden elkaar uit bij het skatepark.",
    }
    values.update(fields)
    with db.session() as session:
        saved = save_signal(session, SignalDraft.model_validate(values), user, REFERENCE_NOW)
        assert saved.id is not None
        return saved.id


def move(db: Database, user: User, signal_id: int, to: Status, reason: str = "",
         days: int = 0) -> Change:
    with db.session() as session:
        return change_status(session, signal_id, to, user, REFERENCE_NOW + timedelta(days=days),
                             reason)


def status_of(db: Database, signal_id: int) -> str:
    with db.session() as session:
        found = session.get(Signal, signal_id)
        assert found is not None
        return found.status


def steps(db: Database, signal_id: int) -> list[tuple[str | None, str, str]]:
    with db.session() as session:
        return [(c.from_status, c.to_status, c.reason) for c in history(session, signal_id)]


def test_a_new_signal_is_reported_and_that_is_the_first_line_of_its_history(
    db: Database,
) -> None:
    me = coordinator(db)

    signal_id = signal(db, me)

    assert status_of(db, signal_id) == Status.GEMELD
    assert steps(db, signal_id) == [(None, "gemeld", "")]


def test_facts_and_interpretation_are_kept_in_separate_fields(db: Database) -> None:
    me = coordinator(db)

    signal_id = signal(db, me, interpretation="Ik denk dat het met de wedstrijd te maken had.")

    with db.session() as session:
        stored = session.get(Signal, signal_id)
    assert stored is not None
    assert stored.facts == "Twee groepen jongeren scholden elkaar uit bij het skatepark."
    assert stored.interpretation == "Ik denk dat het met de wedstrijd te maken had."


def test_a_signal_moves_through_the_workflow_and_every_step_is_kept(db: Database) -> None:
    me = coordinator(db)
    signal_id = signal(db, me)

    outcomes = [
        move(db, me, signal_id, Status.IN_BEHANDELING, days=1),
        move(db, me, signal_id, Status.DOORGEZET, days=2),
        move(db, me, signal_id, Status.MONITOREN, days=3),
        move(db, me, signal_id, Status.AFGEHANDELD, "Rustig gebleven na het overleg.", days=9),
    ]

    assert outcomes == [Change.CHANGED] * 4
    assert steps(db, signal_id) == [
        (None, "gemeld", ""),
        ("gemeld", "in_behandeling", ""),
        ("in_behandeling", "doorgezet", ""),
        ("doorgezet", "monitoren", ""),
        ("monitoren", "afgehandeld", "Rustig gebleven na het overleg."),
    ]


@pytest.mark.parametrize("closing", [Status.AFGEHANDELD, Status.GEANNULEERD])
def test_closing_a_signal_needs_a_short_reason(db: Database, closing: Status) -> None:
    me = coordinator(db)
    signal_id = signal(db, me)

    without = move(db, me, signal_id, closing, "  ")
    too_short = move(db, me, signal_id, closing, "ok")

    assert (without, too_short) == (Change.REASON_NEEDED, Change.REASON_NEEDED)
    assert status_of(db, signal_id) == Status.GEMELD
    assert len(steps(db, signal_id)) == 1


def test_a_closed_signal_can_only_be_reopened_and_reopening_needs_a_reason(
    db: Database,
) -> None:
    me = coordinator(db)
    signal_id = signal(db, me)
    move(db, me, signal_id, Status.AFGEHANDELD, "Opgelost in het gebiedsoverleg.")

    to_monitoring = move(db, me, signal_id, Status.MONITOREN)
    without_reason = move(db, me, signal_id, Status.HEROPEND)
    reopened = move(db, me, signal_id, Status.HEROPEND, "Nieuwe onrust bij het skatepark.")

    assert (to_monitoring, without_reason, reopened) == (
        Change.NOT_ALLOWED, Change.REASON_NEEDED, Change.CHANGED)
    assert steps(db, signal_id)[-1] == (
        "afgehandeld", "heropend", "Nieuwe onrust bij het skatepark.")
    assert move(db, me, signal_id, Status.IN_BEHANDELING) == Change.CHANGED


@pytest.mark.parametrize(("start", "to"), [
    ((), Status.HEROPEND),  # only a closed signal is reopened
    ((), Status.GEMELD),  # nothing goes back to 'gemeld'
    ((Status.IN_BEHANDELING,), Status.IN_BEHANDELING),  # no step to where it already is
    ((Status.GEANNULEERD,), Status.AFGEHANDELD),  # a withdrawn signal is not closed again
])
def test_a_step_the_workflow_does_not_have_is_refused_and_changes_nothing(
    db: Database, start: tuple[Status, ...], to: Status,
) -> None:
    me = coordinator(db)
    signal_id = signal(db, me)
    for step in start:
        move(db, me, signal_id, step, "Een geldige reden.")
    before = steps(db, signal_id)

    assert move(db, me, signal_id, to, "Een geldige reden.") == Change.NOT_ALLOWED
    assert steps(db, signal_id) == before


def test_a_signal_needs_an_area_a_category_and_facts(db: Database) -> None:
    me = coordinator(db)
    with db.session() as session, pytest.raises(SignalError):
        save_signal(session, SignalDraft(observed_on=TODAY, category="polarisatie",
                                         facts="Onrust."), me, REFERENCE_NOW)
    with db.session() as session, pytest.raises(SignalError):
        save_signal(session, SignalDraft(observed_on=TODAY, area_id=area_id(db),
                                         category="onzin", facts="Onrust."), me, REFERENCE_NOW)


def test_reporting_back_to_the_source_is_a_follow_up_reminded_like_any_other(
    db: Database,
) -> None:
    me = coordinator(db)
    signal_id = signal(db, me, source_type="sleutelfiguur")
    due = TODAY + timedelta(days=7)

    with db.session() as session:
        stored = session.get(Signal, signal_id)
        assert stored is not None
        add_follow_up(session, stored, me, title="Terugkoppelen aan de bron", due_on=due,
                      now=REFERENCE_NOW, purpose=PURPOSE_SOURCE)
    with db.session() as session:
        linked = follow_ups(session, signal_id)
        owed = sweep_due(session, REFERENCE_NOW + timedelta(days=7, hours=-4))
        link = session.exec(select(FollowUpLink)).one()
        reminders = session.exec(select(Outbox)).all()

    [(follow_up, purpose)] = linked
    assert (follow_up.title, purpose, link.signal_id) == (
        "Terugkoppelen aan de bron", "bron", signal_id)
    assert follow_up.due_at.astimezone(REFERENCE_NOW.tzinfo).date() == due
    assert owed == 1
    assert [r.ref_id for r in reminders] == [follow_up.id]


@pytest.mark.parametrize(("text", "category", "place"), [
    ("Hakenkruis gekalkt op de muur bij de moskee", "discriminatie", "gebedshuis_organisatie"),
    ("Oproep op TikTok om zaterdag te demonstreren", "demonstratie", "online"),
    ("Groepje jongeren hangt elke avond bij het skatepark", "jongeren", "openbare_ruimte"),
    ("Ouders op school boos over geruchten", "online", "school"),
    ("Mooi initiatief: buurtbewoners koken samen in het buurthuis", "positief",
     "gebedshuis_organisatie"),
    ("Het is rustig", None, None),
])
def test_the_category_and_the_kind_of_place_are_guessed_from_the_words(
    text: str, category: str | None, place: str | None,
) -> None:
    assert (guess_category(text), guess_location(text)) == (category, place)


def test_a_draft_takes_the_area_and_the_day_from_the_message(db: Database) -> None:
    with db.session() as session:
        draft = draft_signal(session, "Gisteren in Kruidenwijk flyers met haatteksten gevonden.",
                             REFERENCE_NOW)

    assert draft.area_id == area_id(db, "Kruidenwijk")
    assert draft.observed_on == date(2026, 11, 28)
    assert draft.category == "discriminatie"


def test_trigger_events_are_offered_nearest_first_also_coming_ones(db: Database) -> None:
    me = coordinator(db)
    with db.session() as session:
        for title, days in (("Herdenking", -20), ("Demonstratie", 3), ("Toespraak", -1),
                            ("Lang geleden", -200)):
            create_event(session, EventDraft(title=title, scope="lokaal", kind="overig",
                                             happens_on=TODAY + timedelta(days=days)),
                         me, REFERENCE_NOW)
    with db.session() as session:
        titles = [e.title for e in recent_events(session, TODAY)]

    assert titles == ["Toespraak", "Demonstratie", "Herdenking"]
