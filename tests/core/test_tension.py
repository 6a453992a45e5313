"""The tension picture per area, review proposals, and the rhythm that tightens by itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from core.contacts import create_contact
from core.rhythm import quiet_contacts
from core.signals import EventDraft, SignalDraft, create_event, save_signal
from core.tension import (
    Tightening,
    assess,
    contacts_in,
    current,
    history,
    justification,
    picture,
    proposal,
    proposals,
)
from storage.engine import Database
from storage.models import Area, FollowUp, Interaction, InteractionContact, Network, User
from tests.conftest import REFERENCE_NOW

TODAY = REFERENCE_NOW.date()


def coordinator(db: Database) -> User:
    with db.session() as session:
        user = User(transport="memory", external_id="u1", chat_id="u1", role="coordinator")
        session.add(user)
        session.flush()
        return user


def area_id(db: Database, name: str = "Stad-Oost") -> int:
    with db.session() as session:
        area = session.exec(select(Area).where(Area.name == name)).one()
        assert area.id is not None
        return area.id


def signal(db: Database, user: User, area: str = "Stad-Oost", days_ago: int = 0,
           level: int | None = None, event: int | None = None, hours_later: int = 0) -> int:
    with db.session() as session:
        saved = save_signal(session, SignalDraft(
            observed_on=TODAY - timedelta(days=days_ago), area_id=area_id(db, area),
            category="polarisatie", facts="Onrust tussen groepen bij het winkelcentrum.",
            tension_level=level, trigger_event_id=event,
        ), user, REFERENCE_NOW + timedelta(hours=hours_later))
        assert saved.id is not None
        return saved.id


def set_level(db: Database, user: User, level: str, area: str = "Stad-Oost",
              hours_later: int = 0, review_days: int | None = 14) -> None:
    review = TODAY + timedelta(days=review_days) if review_days is not None else None
    with db.session() as session:
        assess(session, area_id(db, area), level, "Toenemende onrust rond het winkelcentrum.",
               review, user, REFERENCE_NOW + timedelta(hours=hours_later),
               review_title=f"Spanningsbeeld {area} herbeoordelen")


def test_an_area_never_assessed_has_no_current_level_and_no_rhythm_change(db: Database) -> None:
    with db.session() as session:
        assert current(session, area_id(db)) is None
        assert picture(session, TODAY) == []


def test_an_assessment_is_justified_by_the_open_signals_and_their_trigger_events(
    db: Database,
) -> None:
    me = coordinator(db)
    with db.session() as session:
        event = create_event(session, EventDraft(title="Demonstratie bij het station",
                                                 scope="lokaal", kind="demonstratie",
                                                 happens_on=TODAY), me, REFERENCE_NOW)
        assert event.id is not None
        event_id = event.id
    first = signal(db, me, event=event_id)
    second = signal(db, me, area="Kruidenwijk")
    old = signal(db, me, days_ago=90)

    set_level(db, me, "oranje", hours_later=1)

    with db.session() as session:
        assessment = current(session, area_id(db))
        assert assessment is not None
        linked, events = justification(session, assessment)
    assert assessment.level == "oranje"
    assert [s.id for s in linked] == [first]
    assert second not in assessment.signal_ids
    assert old not in assessment.signal_ids
    assert [e.title for e in events] == ["Demonstratie bij het station"]


def test_a_stadsdeel_picture_includes_the_signals_of_its_wijken(db: Database) -> None:
    me = coordinator(db)
    in_wijk = signal(db, me, area="Stad-Oost")

    set_level(db, me, "geel", area="Almere Stad", hours_later=1)

    with db.session() as session:
        assessment = current(session, area_id(db, "Almere Stad"))
    assert assessment is not None
    assert assessment.signal_ids == [in_wijk]


def test_the_history_keeps_every_assessment_newest_first(db: Database) -> None:
    me = coordinator(db)
    for hours, level in ((1, "geel"), (2, "oranje"), (3, "rood"), (4, "nafase")):
        set_level(db, me, level, hours_later=hours)

    with db.session() as session:
        levels = [row.level for row in history(session, area_id(db))]

    assert levels == ["nafase", "rood", "oranje", "geel"]


def test_the_review_date_is_a_reminder_and_a_new_assessment_replaces_it(db: Database) -> None:
    me = coordinator(db)

    set_level(db, me, "oranje", review_days=7)
    set_level(db, me, "geel", hours_later=1, review_days=28)

    with db.session() as session:
        reviews = session.exec(select(FollowUp).order_by(FollowUp.id)).all()
    assert [(r.title, r.status) for r in reviews] == [
        ("Spanningsbeeld Stad-Oost herbeoordelen", "done"),
        ("Spanningsbeeld Stad-Oost herbeoordelen", "open"),
    ]
    assert reviews[1].due_at.astimezone(REFERENCE_NOW.tzinfo).date() == TODAY + timedelta(28)


def test_a_review_is_proposed_when_three_signals_accumulate_since_the_last_assessment(
    db: Database,
) -> None:
    me = coordinator(db)
    set_level(db, me, "geel")
    signal(db, me, hours_later=1)
    signal(db, me, hours_later=2)

    with db.session() as session:
        after_two = proposal(session, area_id(db), TODAY)
    signal(db, me, hours_later=3)
    with db.session() as session:
        after_three = proposal(session, area_id(db), TODAY)

    assert after_two is None
    assert after_three is not None
    assert (after_three.area, after_three.new_signals, after_three.since) == (
        "Stad-Oost", 3, TODAY)


def test_signals_from_before_the_assessment_or_long_ago_do_not_count(db: Database) -> None:
    me = coordinator(db)
    signal(db, me)
    signal(db, me)
    set_level(db, me, "geel", hours_later=1)
    signal(db, me, days_ago=45, hours_later=2)

    with db.session() as session:
        assert proposal(session, area_id(db), TODAY) is None


def test_one_signal_judged_above_the_current_level_proposes_a_review(db: Database) -> None:
    me = coordinator(db)
    set_level(db, me, "geel")

    signal(db, me, level=3, hours_later=1)

    with db.session() as session:
        found = proposal(session, area_id(db), TODAY)
    assert found is not None
    assert found.above_level


def test_a_wijk_proposed_for_review_is_not_proposed_again_as_its_stadsdeel(
    db: Database,
) -> None:
    me = coordinator(db)
    for _ in range(3):
        signal(db, me)

    with db.session() as session:
        areas = [p.area for p in proposals(session, TODAY)]

    assert areas == ["Stad-Oost"]


@pytest.mark.parametrize(("level", "factor"), [
    ("groen", None), ("geel", None), ("oranje", 0.5), ("rood", 0.25), ("nafase", None),
])
def test_from_level_two_the_rhythm_tightens_and_more_at_escalation(
    level: str, factor: float | None,
) -> None:
    assert Tightening().factor(level) == factor


def test_the_tightening_is_configurable_also_for_the_aftermath() -> None:
    stricter = Tightening(from_level=1, factors=((1, 0.75), (2, 0.5)), aftermath=0.75)

    assert [stricter.factor(level) for level in ("groen", "geel", "rood", "nafase")] == [
        None, 0.75, 0.5, 0.75]
    assert stricter.apply(30, 60, 0.5) == (15, 30)
    assert Tightening(min_days=3).apply(10, 20, 0.25) == (3, 5)


def test_the_tightening_setting_names_levels_and_factors() -> None:
    assert Tightening.parse("oranje=0.5,rood=0.25") == Tightening()
    custom = Tightening.parse("geel=0.75, rood=0.5; nafase=0.75", min_days=5)
    assert [custom.factor(level) for level in ("groen", "geel", "oranje", "rood", "nafase")] == [
        None, 0.75, 0.75, 0.5, 0.75]
    assert custom.min_days == 5
    assert custom.by_level() == [("geel", 0.75), ("oranje", 0.75), ("rood", 0.5),
                                 ("nafase", 0.75)]
    assert Tightening.parse("geen").by_level() == []
    for wrong in ("paars=0.5", "groen=0.5", "oranje=0", "oranje=1.5", "oranje", "rood=veel"):
        with pytest.raises(ValueError):  # noqa: PT011 - the message names the wrong part
            Tightening.parse(wrong)


def contact_seen(db: Database, owner: User, days_ago: int, area: str = "Stad-Oost") -> None:
    with db.session() as session:
        contact = create_contact(session, name="Ahmed Yilmaz", network=Network.INFORMAL,
                                 now=REFERENCE_NOW - timedelta(days=200), owner_user_id=owner.id,
                                 area_ids=[area_id(db, area)], roles=["sleutelfiguur"])
        visit = Interaction(occurred_at=REFERENCE_NOW - timedelta(days=days_ago),
                            created_at=REFERENCE_NOW - timedelta(days=days_ago))
        session.add(visit)
        session.flush()
        assert visit.id is not None
        assert contact.id is not None
        session.add(InteractionContact(interaction_id=visit.id, contact_id=contact.id))


def quiet(db: Database, user: User) -> list[tuple[str, str | None]]:
    with db.session() as session:
        return [(q.name, q.tightened_in) for q in quiet_contacts(session, user, TODAY)]


def test_at_level_two_a_key_figure_in_the_area_is_due_twice_as_soon(db: Database) -> None:
    me = coordinator(db)
    contact_seen(db, me, days_ago=20)  # a key figure's rhythm is 30 days
    calm = quiet(db, me)

    set_level(db, me, "oranje")
    tense = quiet(db, me)
    set_level(db, me, "groen", hours_later=1)
    calm_again = quiet(db, me)

    assert calm == []
    assert tense == [("Ahmed Yilmaz", "Stad-Oost")]
    assert calm_again == []


def test_a_tense_stadsdeel_tightens_the_rhythm_in_its_wijken(db: Database) -> None:
    me = coordinator(db)
    contact_seen(db, me, days_ago=10, area="Kruidenwijk")

    set_level(db, me, "rood", area="Almere Stad")

    assert quiet(db, me) == [("Ahmed Yilmaz", "Almere Stad")]
    with db.session() as session:
        assert contacts_in(session, area_id(db, "Almere Stad")) == 1
        assert contacts_in(session, area_id(db, "Almere Haven")) == 0


def test_signals_covered_by_their_wijk_assessment_do_not_make_the_stadsdeel_due(
    db: Database,
) -> None:
    me = coordinator(db)
    for hour in range(3):
        signal(db, me, hours_later=hour)
    set_level(db, me, "oranje", hours_later=4)
    signal(db, me, hours_later=5)

    with db.session() as session:
        assert proposal(session, area_id(db, "Almere Stad"), TODAY) is None
        assert proposals(session, TODAY) == []
