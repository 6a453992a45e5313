"""The trend report's survey outcomes and what was shared with partners, and the report looked
at: its PDF rendered to images (pypdfium2) shows every chart, its web page embeds every chart,
and a year of seeded activity (bench/seed.py) renders. Open answers and message texts, with
names typed into them, never reach a report; counts under 5 are "<5"."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pypdfium2 as pdfium
import pytest
from numpy.typing import NDArray
from sqlmodel import Session, col, select

from bench.seed import Size, seed
from core import outbox, partners, surveys
from core.contacts import create_contact
from core.reports import (
    _LEVEL_COLOURS,
    NETWORK_COLOURS,
    TrendReport,
    figures,
    render_pdf,
    trend_report,
)
from core.reports_html import render_html
from core.surveys import MANY, ONE, OPEN, SCALE
from storage.engine import Database
from storage.models import (
    Area,
    AreaTension,
    Contact,
    Network,
    Outbox,
    Role,
    SurveyRound,
    User,
)
from tests.conftest import AMSTERDAM
from tests.core.test_reports import NOW, pdf_text, seed_year

# Typed by partners into open answers, and by the coordinator into messages: never in a report.
INJECTED = ("Yusuf Demirci", "Marieke Hoogendoorn", "Rashida Wolters")
QUARTER = (date(2026, 7, 1), date(2026, 10, 1))  # NOW's kwartaal report
IN_QUARTER = datetime(2026, 8, 3, 10, 0, tzinfo=UTC)


def coordinator(session: Session) -> User:
    found = session.exec(select(User).where(User.role == Role.COORDINATOR)).first()
    if found is None:
        found = User(transport="memory", external_id="coord", chat_id="coord",
                     role=Role.COORDINATOR)
        session.add(found)
        session.flush()
    return found


def add_partners(session: Session, count: int, network: Network, area_name: str,
                 now: datetime, first: int = 0) -> list[User]:
    """`count` partners who agreed, each a contact in the area with a name in the register."""
    area = session.exec(select(Area).where(Area.name == area_name)).one()
    assert area.id is not None
    made = []
    for index in range(first, first + count):
        contact = create_contact(session, name=f"{INJECTED[index % 3]} {network} {index}",
                                 network=network, now=now, area_ids=[area.id],
                                 agreed_on=now.date() - timedelta(days=30))
        user = User(transport="memory", external_id=f"p-{network}-{index}",
                    chat_id=f"p-{network}-{index}", role=Role.PARTNER, contact_id=contact.id)
        session.add(user)
        made.append(user)
    session.flush()
    return made


def run_round(session: Session, opened: datetime, *, silent: Collection[int] = (),
              area_name: str | None = None) -> SurveyRound:
    """The default behoeftepeiling to every partner (or an area's), answered by all but the
    `silent` ones (by their place in the round), then closed at its deadline. Participant i
    picks the first option when i is even, else option i mod n; rates 4 when i is even, else
    i mod 5 + 1; and types a name into the open question."""
    template = surveys.templates(session, opened)[0]
    assert template.id is not None
    area_id = None
    if area_name is not None:
        area_id = session.exec(select(Area).where(Area.name == area_name)).one().id
    survey_round = surveys.open_round(
        session, template.id, partners.Segment(area_id=area_id), opened + timedelta(days=14),
        actor_id=coordinator(session).id, now=opened, tz=AMSTERDAM)
    assert survey_round is not None
    assert survey_round.id is not None
    listed = surveys.questions(session, template.id)
    people = surveys.participants(session, survey_round.id)
    moment = opened + timedelta(days=1)
    for index, participant in enumerate(people):
        if index in silent:
            continue
        for question in listed:
            assert question.id is not None
            option = 0 if index % 2 == 0 else index % max(len(question.options), 1)
            if question.kind == ONE:
                surveys.choose(session, participant, question.id, option, moment)
            elif question.kind == MANY:
                surveys.choose(session, participant, question.id, option, moment)
                surveys.done(session, participant, question.id, moment)
            elif question.kind == SCALE:
                surveys.rate(session, participant, question.id,
                             4 if index % 2 == 0 else index % 5 + 1, moment)
            else:
                surveys.write(session, participant, question.id,
                              f"{INJECTED[index % 3]} zegt dat het onrustig is", moment)
    surveys.close(session, survey_round, opened + timedelta(days=14))
    session.flush()
    return survey_round


def send_messages(session: Session, when: datetime, urgent: Sequence[bool],
                  outcomes: Sequence[str]) -> None:
    """Messages to every partner (names typed into the text); the outbox rows settled in
    turn as `outcomes` says: sent, blocked (the partner blocked the bot), failed, or left."""
    actor = coordinator(session)
    settled = 0
    for index, is_urgent in enumerate(urgent):
        broadcast = partners.send_broadcast(
            session, actor, partners.Segment(),
            f"Bericht {index}: {INJECTED[index % 3]} organiseert een bijeenkomst",
            urgent=is_urgent, now=when, tz=AMSTERDAM)
        assert broadcast is not None
    rows = session.exec(select(Outbox).where(Outbox.kind == partners.BROADCAST)
                        .order_by(col(Outbox.id))).all()
    for row in rows:
        if row.sent_at is not None or row.failed_at is not None:
            continue
        outcome = outcomes[settled % len(outcomes)]
        settled += 1
        if outcome == "sent":
            outbox.mark_sent(session, row, when)
        elif outcome == "blocked":
            outbox.mark_failed(session, row, when, "blocked by the user")
        elif outcome == "failed":
            outbox.mark_failed(session, row, when, "chat not found")
    session.flush()


def quarter_report(db: Database) -> TrendReport:
    with db.session() as session:
        return trend_report(session, "kwartaal", NOW)


@pytest.fixture
def active(db: Database) -> Database:
    """A quarter with signals, a closed round answered by 12 formal and 14 informal partners
    (and 3 who did not answer), and messages shared with them."""
    with db.session() as session:
        seed_year(session, NOW)
        add_partners(session, 14, Network.FORMAL, "Almere Haven", IN_QUARTER)
        add_partners(session, 15, Network.INFORMAL, "Almere Buiten", IN_QUARTER)
        run_round(session, IN_QUARTER, silent={12, 13, 28})  # two formal, one informal
        send_messages(session, IN_QUARTER + timedelta(days=20), [False, True, False],
                      ["sent", "sent", "sent", "sent", "blocked", "failed", "sent"])
    return db


# --- survey outcomes ---------------------------------------------------------------------------


def test_a_closed_round_shows_response_and_answer_counts_formal_and_informal_apart(
        active: Database) -> None:
    report = quarter_report(active)
    section = report.surveys

    assert section.rounds == 1
    assert (section.of("formal").invited, section.of("formal").responded) == (14, 12)
    assert (section.of("informal").invited, section.of("informal").responded) == (15, 14)
    kinds = [q.kind for q in section.questions]
    assert OPEN not in kinds
    assert kinds == [ONE, MANY, MANY, ONE, SCALE]
    satisfaction = section.questions[-1]
    assert [a.label for a in satisfaction.answers] == ["1", "2", "3", "4", "5"]
    assert sum(a.formal for a in satisfaction.answers) == 12
    assert sum(a.informal for a in satisfaction.answers) == 14
    for question in section.questions[:4]:  # one choice each, so every answerer counted once
        assert sum(a.formal for a in question.answers) == 12
        assert sum(a.informal for a in question.answers) == 14


def test_a_round_still_open_or_closed_outside_the_period_is_not_counted(db: Database) -> None:
    with db.session() as session:
        add_partners(session, 6, Network.FORMAL, "Almere Haven", IN_QUARTER)
        run_round(session, datetime(2026, 6, 1, 9, tzinfo=UTC))  # closed 15 June: before
        run_round(session, datetime(2026, 9, 25, 9, tzinfo=UTC))  # closed 9 October: after
        template = surveys.templates(session, IN_QUARTER)[0]
        assert template.id is not None
        still_open = surveys.open_round(
            session, template.id, partners.Segment(), datetime(2026, 12, 30, tzinfo=UTC),
            actor_id=coordinator(session).id, now=IN_QUARTER, tz=AMSTERDAM)
        assert still_open is not None

    section = quarter_report(db).surveys

    assert section.rounds == 0
    assert section.questions == ()
    assert section.of("formal").invited == 0


def test_survey_counts_under_five_are_shown_as_less_than_five_and_give_no_share(
        db: Database) -> None:
    with db.session() as session:
        add_partners(session, 3, Network.FORMAL, "Almere Haven", IN_QUARTER)
        add_partners(session, 9, Network.INFORMAL, "Almere Haven", IN_QUARTER)
        run_round(session, IN_QUARTER)
    report = quarter_report(db)

    pdf = pdf_text(render_pdf(report))
    page = render_html(report).decode("utf-8")

    assert "uitgenodigd <5 9" in pdf  # the formal column "<5", the informal 9
    assert re.search(r"respons \S 100%", pdf)  # "–": no share of three people
    assert "<td>uitgenodigd</td><td class=\"n\">&lt;5</td><td class=\"n\">9</td>" in page
    assert "<td>respons</td><td class=\"n\">–</td><td class=\"n\">100%</td>" in page
    for question in report.surveys.questions:
        for answer in question.answers:
            assert answer.formal < 5  # every formal count is drawn as "<5"


def test_open_answers_and_message_texts_never_reach_the_report(active: Database) -> None:
    report = quarter_report(active)
    pdf = pdf_text(render_pdf(report))
    page = render_html(report).decode("utf-8")
    with active.session() as session:
        names = [c.display_name for c in session.exec(select(Contact)).all()]

    for text in (repr(report), pdf, page):
        assert "onrustig" not in text  # the open answers' words
        assert "organiseert" not in text  # the messages' words
        for name in [*INJECTED, *names]:
            for part in name.split():
                if len(part) > 4 and not part.isdigit() and part not in ("formal", "informal"):
                    assert part not in text, part
    assert "Wat speelt er bij jou" not in pdf + page  # the open question is left out entirely


# --- what was shared with partners ------------------------------------------------------------


def test_messages_shared_with_partners_are_counted_with_what_became_of_them(
        active: Database) -> None:
    shared = quarter_report(active).shared_with_partners

    assert (shared.messages, shared.urgent) == (3, 1)
    formal, informal = shared.of("formal"), shared.of("informal")
    assert (formal.recipients, informal.recipients) == (3 * 14, 3 * 15)
    total = [formal.delivered + informal.delivered, formal.blocked + informal.blocked,
             formal.failed + informal.failed]
    assert sum(total) == 87
    assert total == [63, 12, 12]  # 5 of every 7 sent, 1 blocked, 1 failed
    assert formal.pending == informal.pending == 0


def test_what_was_shared_shows_in_the_pdf_and_the_web_page(active: Database) -> None:
    report = quarter_report(active)
    pdf = pdf_text(render_pdf(report))
    page = render_html(report).decode("utf-8")

    for text in (pdf, page):
        assert "Gedeeld met partners" in text
        # messages and rounds are the municipality's own actions, not people: exact counts
        assert "Informatieberichten verstuurd: 3, waarvan dringend: 1." in text
        assert "Behoeftepeilingen" in text
        assert "Peilingen afgesloten in de periode: 1." in text
    delivered = report.shared_with_partners.of("formal").delivered
    assert f"afgeleverd {delivered}" in pdf


# --- looking at the report -----------------------------------------------------------------------


def rendered(pdf: bytes, scale: float = 1.5) -> list[NDArray[np.uint8]]:
    """Every page of the PDF as an RGB image, drawn by PDFium (not by matplotlib)."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [np.asarray(page.render(scale=scale).to_pil().convert("RGB")) for page in document]
    finally:
        document.close()


def pixels_of(image: NDArray[np.uint8], colour: str, tolerance: int = 6) -> int:
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    return int(np.all(np.abs(image.astype(int) - rgb) <= tolerance, axis=-1).sum())


def region(image: NDArray[np.uint8], box: Sequence[float]) -> NDArray[np.uint8]:
    """The part of a page under a figure-fraction box (x0, y0, x1, y1; y up, as matplotlib)."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box
    return image[int((1 - y1) * height):int((1 - y0) * height), int(x0 * width):int(x1 * width)]


def test_the_pdf_rendered_to_images_shows_every_chart(active: Database) -> None:
    with active.session() as session:
        haven = session.exec(select(Area).where(Area.name == "Almere Poort")).one()
        assert haven.id is not None
        session.add(AreaTension(area_id=haven.id, level="rood", justification="x",
                                set_at=IN_QUARTER))
    report = quarter_report(active)
    pages = rendered(render_pdf(report))
    drawn = figures(report)

    assert len(pages) == len(drawn) == 6  # front, signals, networks, surveys, 2 answer pages
    for image in pages:
        assert image.shape[0] > image.shape[1]  # A4 portrait
        assert (image < 250).any(axis=-1).mean() > 0.01  # something is on every page
    assert pixels_of(pages[0], _LEVEL_COLOURS["rood"]) > 100  # the tension table's colours
    assert pixels_of(pages[0], _LEVEL_COLOURS["oranje"]) > 100
    signal_axes = drawn[1].axes
    assert len(signal_axes) == 4  # per area, over time, per category, per level
    for axes in signal_axes[:3]:
        box = axes.get_position().extents
        assert pixels_of(region(pages[1], box), NETWORK_COLOURS["formal"]) > 30
    levels = region(pages[1], signal_axes[3].get_position().extents)
    assert pixels_of(levels, "#fdd835") + pixels_of(levels, "#4caf50") > 100
    charts = [a for figure in drawn[4:] for a in figure.axes]
    assert len(charts) == len(report.surveys.questions) == 5
    for page, figure in zip(pages[4:], drawn[4:], strict=True):
        for axes in figure.axes:  # every question: a formal and an informal bar drawn
            part = region(page, axes.get_position().extents)
            # a filled bar, not only the thin outline of a pale one (a count under 5)
            assert pixels_of(part, NETWORK_COLOURS["formal"]) > 1000
            assert pixels_of(part, NETWORK_COLOURS["informal"]) > 1000


def test_the_web_page_embeds_every_chart_inline(active: Database) -> None:
    report = quarter_report(active)
    page = render_html(report).decode("utf-8")

    assert page.count("<svg") == 4 + len(report.surveys.questions) == 9
    assert "<img" not in page
    for question in report.surveys.questions:
        assert f"<h3>{question.text}</h3>" in page
    for colour in NETWORK_COLOURS.values():
        assert colour in page  # the survey charts' bars, formal and informal


# --- a year of seeded activity ------------------------------------------------------------------

YEAR_NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)


def test_a_year_of_seeded_activity_renders_to_pdf_and_web_page(db: Database) -> None:
    """A small municipality's year from the benchmark generator, with four quarterly survey
    rounds and messages each month, as the annual report."""
    made = seed(db, Size(contacts=120, interactions=1_500, signals=250, users=2, years=1.0),
                now=YEAR_NOW, seed=7)
    assert made.counts["interactions"] > 0
    with db.session() as session:
        add_partners(session, 8, Network.FORMAL, "Almere Haven", YEAR_NOW - timedelta(days=400))
        add_partners(session, 10, Network.INFORMAL, "Almere Buiten",
                     YEAR_NOW - timedelta(days=400))
        for month in (1, 4, 7, 10):
            run_round(session, datetime(2026, month, 2, 9, tzinfo=UTC), silent={15, 16, 17})
        for month in range(1, 13):
            send_messages(session, datetime(2026, month, 15, 10, tzinfo=UTC),
                          [month % 4 == 0], ["sent", "sent", "sent", "blocked"])
        report = trend_report(session, "jaar", YEAR_NOW)

    assert (report.start, report.end) == (date(2026, 1, 1), date(2027, 1, 1))
    assert report.signals > 0
    assert len(report.over_time) == 12
    assert report.surveys.rounds == 4
    assert report.surveys.of("formal").invited == 4 * 8
    assert report.surveys.of("informal").invited == 4 * 10
    assert report.surveys.of("formal").responded == 4 * 8
    assert report.surveys.of("informal").responded == 4 * 7
    assert (report.shared_with_partners.messages, report.shared_with_partners.urgent) == (12, 3)
    assert report.network("formal").active > 0
    assert report.network("informal").active > 0
    pdf = render_pdf(report)
    text = pdf_text(pdf)
    for heading in ("Jaarrapportage netwerkregie", "Samenvatting", "Formeel netwerk",
                    "Informeel netwerk", "Vervolgacties", "Behoeftepeilingen",
                    "Gedeeld met partners"):
        assert heading in text
    assert len(rendered(pdf, scale=0.5)) == 6
    page = render_html(report).decode("utf-8")
    assert page.count("<svg") == 9
    assert "Periode: 1 januari 2026 t/m 31 december 2026" in page
    with db.session() as session:
        names = [c.display_name for c in session.exec(select(Contact)).all()]
    for name in names:
        assert name not in text
        assert name not in page
