"""Area meetings in core: the rhythm, the agenda proposal from what is open in the area, the
messages owed once per date, cancelling a date, and the log that becomes an interaction and
follow-ups. The reference now is Sunday 29 November 2026, 14:00 in Amsterdam."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from core import meetings
from core.access import Identity, create_invite, redeem_invite
from core.clock import FakeClock
from core.contacts import create_contact
from core.signals import SignalDraft, change_status, save_signal
from core.tension import assess
from storage.engine import Database
from storage.models import (
    Area,
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    InteractionKind,
    Meeting,
    Network,
    Outbox,
    Role,
    User,
)
from tests.conftest import AMSTERDAM

TUESDAY_EVENING = datetime(2026, 12, 8, 19, 30, tzinfo=AMSTERDAM)


def user(session: Session, role: Role = Role.COORDINATOR, name: str = "u1") -> User:
    found = User(transport="memory", external_id=name, chat_id=name, role=role)
    session.add(found)
    session.flush()
    return found


def area(session: Session, name: str) -> int:
    found = session.exec(select(Area).where(Area.name == name)).one()
    assert found.id is not None
    return found.id


def contact(session: Session, name: str, network: Network, area_name: str, now: datetime
            ) -> int:
    made = create_contact(session, name=name, network=network, now=now,
                          area_ids=[area(session, area_name)])
    assert made.id is not None
    return made.id


def plan(session: Session, organiser: User, now: datetime, invitees: list[int]) -> Meeting:
    meeting = meetings.plan_meeting(
        session, area_id=area(session, "Stad-Oost"), organiser=organiser, every_weeks=4,
        first=TUESDAY_EVENING, place="buurthuis De Schakel", invitee_ids=invitees, now=now)
    assert isinstance(meeting, Meeting)
    return meeting


def owed(session: Session, kind: str) -> list[Outbox]:
    return list(session.exec(select(Outbox).where(Outbox.kind == kind)
                             .order_by(col(Outbox.id))).all())


def test_a_typed_schedule_gives_the_rhythm_and_the_next_such_moment(clock: FakeClock) -> None:
    read = meetings.read_schedule("elke 4 weken op dinsdag om 19:30", clock.now())
    fortnightly = meetings.read_schedule("om de twee weken, donderdag 10 december 10 uur",
                                         clock.now())

    assert read.every_weeks == 4
    assert read.first == datetime(2026, 12, 1, 19, 30, tzinfo=AMSTERDAM)
    assert read.timed
    assert fortnightly.every_weeks == 2
    assert fortnightly.first == datetime(2026, 12, 10, 10, 0, tzinfo=AMSTERDAM)


def test_a_day_without_a_time_is_not_yet_a_schedule(clock: FakeClock) -> None:
    read = meetings.read_schedule("dinsdag 8 december", clock.now())

    assert read.every_weeks is None
    assert read.first is not None
    assert not read.timed


def test_a_first_meeting_in_the_past_is_refused(db: Database, clock: FakeClock) -> None:
    with db.session() as session:
        result = meetings.plan_meeting(
            session, area_id=area(session, "Stad-Oost"), organiser=user(session), every_weeks=4,
            first=clock.now() - timedelta(hours=1), place="", invitee_ids=[], now=clock.now())

    assert result is meetings.PlanError.PAST


def test_the_agenda_is_owed_two_working_days_ahead_and_only_once(
    db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        organiser = user(session)
        plan(session, organiser, clock.now(), [])
    thursday = datetime(2026, 12, 3, 17, 0, tzinfo=AMSTERDAM)
    friday = datetime(2026, 12, 4, 9, 0, tzinfo=AMSTERDAM)

    with db.session() as session:
        early = meetings.sweep(session, thursday)
    with db.session() as session:
        due = meetings.sweep(session, friday)
    with db.session() as session:
        again = meetings.sweep(session, friday + timedelta(minutes=1))
        agendas = owed(session, meetings.AGENDA)

    assert (early, due, again) == (0, 1, 0)
    assert [row.user_id for row in agendas] == [organiser.id]


def test_the_agenda_proposes_what_is_open_in_the_area_and_its_tension(
    db: Database, clock: FakeClock
) -> None:
    now = clock.now()
    with db.session() as session:
        organiser = user(session)
        oost = area(session, "Stad-Oost")
        jan = contact(session, "Jan de Vries", Network.FORMAL, "Stad-Oost", now)
        anna = contact(session, "Anna Jansen", Network.FORMAL, "Haven-Centrum", now)
        open_signal = save_signal(session, SignalDraft(
            observed_on=date(2026, 11, 27), area_id=oost, category="polarisatie",
            facts="Spanning tussen jongeren bij het skatepark."), organiser, now)
        closed = save_signal(session, SignalDraft(
            observed_on=date(2026, 11, 20), area_id=oost, category="polarisatie",
            facts="Bekladding bij het station, inmiddels verwijderd."), organiser, now)
        assert closed.id is not None
        change_status(session, closed.id, "afgehandeld", organiser, now,
                      reason="Opgelost door de wijkagent.")
        elsewhere = save_signal(session, SignalDraft(
            observed_on=date(2026, 11, 27), area_id=area(session, "Haven-Centrum"),
            category="polarisatie", facts="Discussie op het schoolplein."), organiser, now)
        assert organiser.id is not None
        session.add(FollowUp(title="Jan terugbellen over de buurtavond", contact_id=jan,
                             owner_user_id=organiser.id, due_at=now + timedelta(days=3),
                             created_at=now))
        session.add(FollowUp(title="Anna mailen", contact_id=anna, owner_user_id=organiser.id,
                             due_at=now + timedelta(days=3), created_at=now))
        assess(session, oost, "geel", "Meer meldingen rond het skatepark.", None, organiser, now)
        meeting = plan(session, organiser, now, [jan])

        agenda = meetings.agenda(session, meeting, organiser, now.date(),
                                 {Network.FORMAL, Network.INFORMAL})

        assert [s.id for s in agenda.signals] == [open_signal.id]
        assert elsewhere.id not in [s.id for s in agenda.signals]
        assert [f.title for f in agenda.follow_ups] == ["Jan terugbellen over de buurtavond"]
        assert agenda.tension is not None
        assert agenda.tension.level == "geel"


def test_follow_ups_about_contacts_a_colleague_may_not_see_stay_off_their_agenda(
    db: Database, clock: FakeClock
) -> None:
    now = clock.now()
    with db.session() as session:
        colleague = user(session, Role.COLLEAGUE)
        fatima = contact(session, "Fatima Bakkali", Network.INFORMAL, "Stad-Oost", now)
        jan = contact(session, "Jan de Vries", Network.FORMAL, "Stad-Oost", now)
        assert colleague.id is not None
        for title, about in (("Fatima bellen", fatima), ("Jan bellen", jan)):
            session.add(FollowUp(title=title, contact_id=about, owner_user_id=colleague.id,
                                 due_at=now + timedelta(days=2), created_at=now))
        meeting = plan(session, colleague, now, [jan])

        agenda = meetings.agenda(session, meeting, colleague, now.date(), {Network.FORMAL})

        assert [f.title for f in agenda.follow_ups] == ["Jan bellen"]


def test_a_cancelled_date_gets_no_agenda_and_the_next_date_takes_its_place(
    db: Database, clock: FakeClock
) -> None:
    with db.session() as session:
        organiser = user(session)
        meeting = plan(session, organiser, clock.now(), [])
        result = meetings.cancel_date(session, meeting, date(2026, 12, 8), organiser,
                                      clock.now())
        assert result is not None
        assert result[0].cancelled_at is not None
        assert meetings.next_held(session, meeting, clock.now()) == date(2027, 1, 5)
        assert meetings.cancel_date(session, meeting, date(2026, 12, 9), organiser,
                                    clock.now()) is None  # not a date of this meeting

    with db.session() as session:
        before_cancelled = meetings.sweep(session, datetime(2026, 12, 4, 9, 0,
                                                            tzinfo=AMSTERDAM))
    with db.session() as session:
        before_next = meetings.sweep(session, datetime(2027, 1, 1, 9, 0, tzinfo=AMSTERDAM))
        agendas = owed(session, meetings.AGENDA)

    assert before_cancelled == 0
    assert before_next == 1  # Friday 1 January, 09:00
    assert len(agendas) == 1


def test_a_partner_invitee_gets_the_date_and_one_reminder_only_after_agreeing(
    db: Database, clock: FakeClock
) -> None:
    now = clock.now()
    with db.session() as session:
        organiser = user(session)
        fatima = contact(session, "Fatima Bakkali", Network.INFORMAL, "Stad-Oost", now)
        token = create_invite(session, Role.PARTNER, now, contact_id=fatima)
        partner = redeem_invite(session, token, Identity("memory", "p1", "p1"), "nl", now)
        assert isinstance(partner, User)
        plan(session, organiser, now, [fatima])
        not_agreed = meetings.sweep(session, now)
        agreed = session.get(Contact, fatima)
        assert agreed is not None
        agreed.agreed_on = now.date()
        session.add(agreed)

    with db.session() as session:
        first = meetings.sweep(session, now + timedelta(minutes=1))
    with db.session() as session:
        second = meetings.sweep(session, now + timedelta(minutes=2))
    day_before = TUESDAY_EVENING - timedelta(hours=20)
    with db.session() as session:
        reminded = meetings.sweep(session, day_before)
    with db.session() as session:
        reminded_again = meetings.sweep(session, day_before + timedelta(minutes=1))
        dates = owed(session, meetings.DATE)
        reminders = owed(session, meetings.REMINDER)

    # the day before, the organiser's agenda proposal is owed as well as the reminder
    assert (not_agreed, first, second, reminded, reminded_again) == (0, 1, 0, 2, 0)
    assert [row.user_id for row in dates] == [partner.id]
    assert [row.user_id for row in reminders] == [partner.id]


def test_actions_take_their_due_date_from_the_line_or_get_two_weeks(clock: FakeClock) -> None:
    actions = meetings.read_actions(
        "Jongerenwerk uitnodigen, vrijdag 11 december\n- Verslag rondsturen", date(2026, 12, 8),
        clock.now())

    assert [a.title for a in actions] == ["Jongerenwerk uitnodigen", "Verslag rondsturen"]
    assert actions[0].due_at == datetime(2026, 12, 11, 9, 0, tzinfo=AMSTERDAM)
    assert not actions[0].guessed
    assert actions[1].due_at == datetime(2026, 12, 22, 9, 0, tzinfo=AMSTERDAM)
    assert actions[1].guessed


def test_the_log_becomes_an_interaction_with_those_present_and_follow_ups_once(
    db: Database, clock: FakeClock
) -> None:
    now = clock.now()
    with db.session() as session:
        organiser = user(session)
        jan = contact(session, "Jan de Vries", Network.FORMAL, "Stad-Oost", now)
        anna = contact(session, "Anna Jansen", Network.FORMAL, "Stad-Oost", now)
        meeting = plan(session, organiser, now, [jan, anna])
        after = TUESDAY_EVENING + timedelta(hours=3)
        prompts = meetings.sweep(session, after)
        row = meetings.occurrence(session, meeting, date(2026, 12, 8), AMSTERDAM)
        actions = meetings.read_actions("Jan belt de school, vrijdag", date(2026, 12, 8), after)

        logged = meetings.log_meeting(session, row, organiser, present=[jan],
                                      decisions=["Buurtavond in januari"], actions=actions,
                                      now=after)
        twice = meetings.log_meeting(session, row, organiser, present=[jan, anna],
                                     decisions=[], actions=actions, now=after)

        assert prompts == 1
        assert isinstance(logged, meetings.Logged)
        assert twice is meetings.LogError.ALREADY
        interaction = session.get(Interaction, logged.interaction.id)
        assert interaction is not None
        assert interaction.kind == InteractionKind.GEBIEDSOVERLEG
        assert interaction.summary == "Buurtavond in januari"
        people = session.exec(select(InteractionContact.contact_id).where(
            InteractionContact.interaction_id == interaction.id)).all()
        assert list(people) == [jan]
        follow_ups = session.exec(select(FollowUp).where(
            FollowUp.interaction_id == interaction.id)).all()
        assert [(f.title, f.owner_user_id) for f in follow_ups] == [
            ("Jan belt de school", organiser.id)]
        assert row.decisions == "Buurtavond in januari"
        assert meetings.sweep(session, after + timedelta(hours=1)) == 0  # no second prompt


def test_the_agenda_brings_recent_survey_results_from_the_area_in_counts_only(
    db: Database, clock: FakeClock
) -> None:
    from tests.core.test_report_render import INJECTED, add_partners, run_round

    now = clock.now()
    with db.session() as session:
        organiser = user(session)
        add_partners(session, 10, Network.INFORMAL, "Stad-Oost", now)
        add_partners(session, 3, Network.FORMAL, "Stad-Oost", now, first=10)
        add_partners(session, 6, Network.INFORMAL, "Haven-Centrum", now, first=13)
        run_round(session, datetime(2026, 10, 20, 9, 0, tzinfo=AMSTERDAM))  # the whole city
        run_round(session, datetime(2026, 6, 1, 9, 0, tzinfo=AMSTERDAM))  # closed too long ago
        run_round(session, datetime(2026, 11, 2, 9, 0, tzinfo=AMSTERDAM),
                  area_name="Haven-Centrum")  # reached no one in Stad-Oost
        meeting = plan(session, organiser, now, [])

        seen = meetings.agenda(session, meeting, organiser, now.date(),
                               {Network.FORMAL, Network.INFORMAL})
        colleague = meetings.agenda(session, meeting, organiser, now.date(), {Network.FORMAL})

    assert len(seen.surveys) == 1
    line = seen.surveys[0]
    assert (line.title, line.closed_on) == ("Behoeftepeiling", date(2026, 11, 3))
    informal, formal = sorted(line.parts, key=lambda p: p.network, reverse=True)
    assert (informal.network, informal.invited, informal.responded) == ("informal", "10", "10")
    assert informal.top == ("Ja, elke maand", "Herkennen van radicalisering",
                            "Wat er speelt in de wijk", "Overdag, in de wijk")
    assert (formal.invited, formal.responded, formal.top) == ("<5", "<5", ())  # three people
    assert [p.network for p in colleague.surveys[0].parts] == ["formal"]
    for name in INJECTED:  # typed into the open answers, never on an agenda
        assert name.split()[0] not in repr(seen.surveys)
    assert "onrustig" not in repr(seen.surveys)
