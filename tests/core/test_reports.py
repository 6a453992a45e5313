"""The trend report: counts only, small counts suppressed, formal and informal apart."""

from __future__ import annotations

import random
import re
import zlib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from core.reports import (
    SUPPRESSED,
    period_bounds,
    render_pdf,
    share,
    shown,
    summary,
    trend_report,
)
from storage.engine import Database
from storage.models import (
    Area,
    AreaTension,
    Contact,
    ContactArea,
    ContactOrganisation,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    Organisation,
    Role,
    Signal,
    User,
)

NAMES = ("Fatima Zahra", "Kees Jansen", "Priya Ramdin", "Mirjam Cohen", "Harpreet Kaur",
         "Johan de Vries", "Ayşe Yilmaz", "Pieter Bakker")
CATEGORIES = ("polarisatie", "discriminatie", "jongeren", "online", "wantrouwen", "positief")
ORGS = (("gebedshuis-moskee", "informal"), ("gebedshuis-kerk", "informal"),
        ("gebedshuis-synagoge", "informal"), ("gebedshuis-tempel", "informal"),
        ("gebedshuis-gurdwara", "informal"), ("jongerenwerk", "formal"), ("school", "formal"),
        ("politie", "formal"), ("bewonersorganisatie", "informal"), ("welzijn", "formal"))


def seed_year(session: Session, now: datetime, seed: int = 7) -> None:
    """A year of activity: contacts in several areas, visits, signals, tension, follow-ups."""
    rng = random.Random(seed)
    user = User(transport="memory", external_id="seed", chat_id="seed", role=Role.COORDINATOR)
    session.add(user)
    session.flush()
    assert user.id is not None
    areas = [a for a in session.exec(select(Area)).all() if a.id is not None]
    busy = [a for a in areas if a.name in ("Almere Stad", "Stad-Oost", "Almere Buiten",
                                           "Almere Haven", "De Werven", "Almere Poort")]
    orgs = []
    for index, (org_type, network) in enumerate(ORGS):
        org = Organisation(name=f"Organisatie {index}", type=org_type, network=network,
                           created_at=now)
        session.add(org)
        orgs.append(org)
    session.flush()
    contacts = []
    for index in range(40):
        org = orgs[index % len(orgs)]
        contact = Contact(display_name=f"{NAMES[index % len(NAMES)]} {index}",
                          network=org.network, created_at=now)
        session.add(contact)
        session.flush()
        assert contact.id is not None
        assert org.id is not None
        session.add(ContactOrganisation(contact_id=contact.id, organisation_id=org.id))
        area = busy[index % len(busy)]
        assert area.id is not None
        session.add(ContactArea(contact_id=contact.id, area_id=area.id))
        contacts.append(contact)
    session.flush()
    for day in range(365):
        moment = now - timedelta(days=day)
        if rng.random() < 0.5:
            contact = rng.choice(contacts)
            visit = Interaction(occurred_at=moment, summary=f"Gesproken met {contact.display_name}",
                                shared="informatie over subsidie" if rng.random() < 0.4 else "",
                                asked="training" if rng.random() < 0.3 else "")
            session.add(visit)
            session.flush()
            assert visit.id is not None
            assert contact.id is not None
            session.add(InteractionContact(interaction_id=visit.id, contact_id=contact.id))
        if rng.random() < 0.35:
            area = rng.choice(busy[:4])
            assert area.id is not None
            session.add(Signal(
                observed_on=moment.date(), area_id=area.id, category=rng.choice(CATEGORIES),
                facts=f"{rng.choice(NAMES)} zag iets", source_type="eigen_waarneming",
                reliability="waarschijnlijk", tension_level=rng.choice([0, 1, 1, 2, None]),
                trend="stabiel", urgency="normaal", status="gemeld", created_at=moment,
                updated_at=moment))
        if rng.random() < 0.2:
            due = moment + timedelta(days=7)
            done = rng.random() < 0.8
            session.add(FollowUp(
                title=f"{rng.choice(NAMES)} terugbellen", owner_user_id=user.id, due_at=due,
                status=FollowUpStatus.DONE if done else FollowUpStatus.OPEN,
                done_at=due - timedelta(days=rng.choice([-1, 0, 2])) if done else None))
    for area, level in ((busy[0], "oranje"), (busy[2], "geel"), (busy[3], "groen")):
        assert area.id is not None
        session.add(AreaTension(area_id=area.id, level=level, justification="Kees Jansen zei",
                                set_at=now - timedelta(days=60)))
    session.flush()


NOW = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)


@pytest.fixture
def seeded(db: Database) -> Database:
    with db.session() as session:
        seed_year(session, NOW)
    return db


def pdf_text(pdf: bytes) -> str:
    """The text drawn in a matplotlib PDF: inflate each content stream and join the strings
    of its text operators (matplotlib writes kerned `[(a) 0.3 (b)] TJ` arrays)."""
    text = []
    for part in pdf.split(b"stream")[1:]:
        body = part.split(b"endstream")[0].strip(b"\r\n")
        try:
            stream = zlib.decompress(body).decode("latin-1")
        except zlib.error:
            continue
        for array in re.findall(r"\[(.*?)\]\s*TJ", stream, flags=re.S):
            text.append("".join(re.findall(r"\((.*?)(?<!\\)\)", array, flags=re.S)))
        text += re.findall(r"\((.*?)(?<!\\)\)\s*Tj", stream, flags=re.S)
    return " ".join(text)


def test_a_count_under_five_is_shown_as_less_than_five() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == [SUPPRESSED, "<5", "<5", "5", "12"]


def test_a_share_is_only_given_when_neither_part_nor_rest_is_a_small_group() -> None:
    assert share(8, 10) is None  # the two that were not done would be visible
    assert share(3, 20) is None
    assert share(10, 20) == "50%"
    assert share(7, 7) == "100%"
    assert share(0, 0) is None


def test_the_period_is_the_last_complete_month_quarter_or_year() -> None:
    today = date(2026, 11, 29)
    assert period_bounds("maand", today) == (date(2026, 10, 1), date(2026, 11, 1))
    assert period_bounds("kwartaal", today) == (date(2026, 7, 1), date(2026, 10, 1))
    assert period_bounds("jaar", today) == (date(2025, 1, 1), date(2026, 1, 1))
    assert period_bounds("kwartaal", date(2026, 2, 3)) == (date(2025, 10, 1), date(2026, 1, 1))


def test_the_report_counts_signals_by_area_category_level_and_time(seeded: Database) -> None:
    with seeded.session() as session:
        report = trend_report(session, "kwartaal", NOW)
        in_period = [s for s in session.exec(select(Signal)).all()
                     if date(2026, 7, 1) <= s.observed_on < date(2026, 10, 1)]
    assert report.signals == len(in_period) > 0
    assert sum(c for _, c in report.by_area) == report.signals
    assert sum(c for _, c in report.by_category) == report.signals
    assert sum(c for _, c in report.by_level) == report.signals
    assert sum(c for _, c in report.over_time) == report.signals
    assert len(report.over_time) == 3
    assert dict(report.by_area)["Almere Stad"] > 0  # a wijk counts with its stadsdeel


def test_formal_and_informal_are_separate_sections_never_added_up(seeded: Database) -> None:
    with seeded.session() as session:
        report = trend_report(session, "jaar", NOW.replace(year=2027, month=1, day=5))
        formal = session.exec(select(Contact).where(Contact.network == "formal")).all()
    assert [s.network for s in report.networks] == ["formal", "informal"]
    assert report.network("formal").active == len(formal)
    assert report.network("informal").active == 40 - len(formal)
    for section in report.networks:
        assert section.contacted <= section.active
        assert section.shared <= section.interactions


def test_the_summary_is_dutch_and_suppresses_small_counts(db: Database) -> None:
    with db.session() as session:
        area = session.exec(select(Area).where(Area.name == "Almere Haven")).one()
        assert area.id is not None
        for day in (3, 4, 5):
            moment = datetime(2026, 10, day, 12, tzinfo=UTC)
            session.add(Signal(observed_on=moment.date(), area_id=area.id, category="online",
                               facts="x", source_type="media", reliability="mogelijk",
                               trend="stabiel", urgency="laag", status="gemeld",
                               created_at=moment, updated_at=moment))
        session.flush()
        report = trend_report(session, "maand", NOW)
    assert report.signals == 3
    assert "<5 signalen" in report.summary
    assert " 3 " not in report.summary
    sentences = [s for s in report.summary.split(". ") if s]
    assert 3 <= len(sentences) <= 5
    assert "formele netwerk" in report.summary
    assert "informele netwerk" in report.summary
    assert "signals" in summary(report, "en")


def test_the_report_never_contains_a_contacts_name(seeded: Database) -> None:
    with seeded.session() as session:
        report = trend_report(session, "kwartaal", NOW)
        names = [c.display_name for c in session.exec(select(Contact)).all()]
    data = repr(report)
    for name in [*names, *NAMES]:
        assert name not in data
        for part in name.split():
            if len(part) > 4:
                assert part not in data


def test_the_pdf_is_a_pdf_with_its_summary_and_no_names(seeded: Database) -> None:
    with seeded.session() as session:
        report = trend_report(session, "kwartaal", NOW)
    pdf = render_pdf(report, "nl")
    assert pdf.startswith(b"%PDF")
    # front page, signals, networks, surveys and sharing (no survey closed: no answer charts)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 4
    text = pdf_text(pdf)
    assert "Samenvatting" in text
    assert "Formeel netwerk" in text
    assert "Informeel netwerk" in text
    assert "<5" in text
    for part in {p for name in NAMES for p in name.split() if len(p) > 3}:
        assert part not in text
    assert render_pdf(report, "en").startswith(b"%PDF")


def test_an_empty_register_still_renders_a_report() -> None:
    from core.reports import FollowUpSection, NetworkSection, TrendReport

    report = TrendReport(
        period="maand", start=date(2026, 10, 1), end=date(2026, 11, 1), made_on=date(2026, 11, 2),
        signals=0, signals_before=0, by_area=(), by_category=(), by_level=(("0", 0),),
        over_time=((date(2026, 10, 1), 0),), tension=(),
        networks=(NetworkSection("formal", 0, 0, 0, 0, 0, 0),
                  NetworkSection("informal", 0, 0, 0, 0, 0, 0)),
        follow_ups=FollowUpSection(0, 0, 0, 0), summary="")
    assert render_pdf(report).startswith(b"%PDF")
    assert "<5 signalen" in summary(report)


def test_a_period_without_surveys_or_messages_says_so_and_draws_no_answer_charts(
        seeded: Database) -> None:
    with seeded.session() as session:
        report = trend_report(session, "kwartaal", NOW)
    pdf = render_pdf(report)
    text = pdf_text(pdf)

    assert report.surveys.rounds == 0
    assert report.surveys.questions == ()
    assert report.shared_with_partners.messages == 0
    assert "In deze periode is geen peiling afgesloten." in text
    assert "Gedeeld met partners" in text
    assert "Informatieberichten verstuurd: 0, waarvan dringend: 0." in text
    assert "Behoeftepeilingen: de antwoorden" not in text  # no page of empty charts
