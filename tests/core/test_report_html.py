"""The trend report as a web page: the PDF's content and charts, escaped, without names."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlmodel import select

from core.reports import FollowUpSection, NetworkSection, TrendReport, summary, trend_report
from core.reports_html import render_html
from storage.engine import Database
from storage.models import Area, Contact, Organisation, Signal
from tests.core.test_reports import NAMES, NOW, seed_year

EVIL_AREA = '<script>alert("wijk")</script> & Zuid'
EVIL_ORGANISATION = '<img src=x onerror="alert(1)"> Moskee Vrede'


@pytest.fixture
def seeded(db: Database) -> Database:
    with db.session() as session:
        seed_year(session, NOW)
        area = Area(name=EVIL_AREA, kind="stadsdeel")
        session.add(area)
        session.add(Organisation(name=EVIL_ORGANISATION, type="gebedshuis-moskee",
                                 network="informal", created_at=NOW))
        session.flush()
        assert area.id is not None
        for day in range(7):  # enough signals to be shown as a number, not "<5"
            moment = NOW - timedelta(days=70 + day)
            session.add(Signal(observed_on=moment.date(), area_id=area.id, category="online",
                               facts="iets gezien", source_type="eigen_waarneming",
                               reliability="waarschijnlijk", trend="stabiel", urgency="normaal",
                               status="gemeld", created_at=moment, updated_at=moment))
    return db


def page_of(db: Database, lang: str = "nl") -> str:
    with db.session() as session:
        report = trend_report(session, "kwartaal", NOW)
    return render_html(report, lang).decode("utf-8")


def test_the_web_page_is_one_self_contained_file_readable_on_a_phone(seeded: Database) -> None:
    page = page_of(seeded)

    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from elsewhere
    assert "<?xml" not in page  # the charts are inline, not embedded documents


def test_the_web_page_has_the_same_sections_and_charts_as_the_pdf(seeded: Database) -> None:
    with seeded.session() as session:
        report = trend_report(session, "kwartaal", NOW)
    page = render_html(report, "nl").decode("utf-8")

    assert page.count("<svg") == 4  # per area, over time, per category, per level
    for heading in ("Kwartaalrapportage netwerkregie", "Samenvatting", "Signalen per stadsdeel",
                    "Signalen in de tijd", "Signalen per categorie",
                    "Signalen per spanningsniveau", "Formeel netwerk", "Informeel netwerk",
                    "Vervolgacties", "Periode: 1 juli 2026 t/m 30 september 2026"):
        assert heading in page
    assert f"<p class=\"summary\">{summary(report, 'nl').split(' (')[0]}" in page
    english = render_html(report, "en").decode("utf-8")
    assert "Quarterly network coordination report" in english
    assert '<html lang="en">' in english


def test_area_and_organisation_names_are_escaped_and_never_markup(seeded: Database) -> None:
    page = page_of(seeded)

    assert "&lt;script&gt;alert(&quot;wijk&quot;)&lt;/script&gt; &amp; Zuid" in page
    assert "<script" not in page
    assert "onerror" not in page  # organisation names are not in the report at all
    assert "Moskee Vrede" not in page


def test_the_web_page_has_no_names_of_contacts(seeded: Database) -> None:
    page = page_of(seeded)
    with seeded.session() as session:
        names = [c.display_name for c in session.exec(select(Contact)).all()]

    for name in [*names, *NAMES]:
        assert name not in page
        for part in name.split():
            if len(part) > 4:
                assert part not in page


def test_counts_under_five_are_shown_as_less_than_five() -> None:
    report = TrendReport(
        period="maand", start=date(2026, 10, 1), end=date(2026, 11, 1), made_on=date(2026, 11, 2),
        signals=3, signals_before=12, by_area=(("Stad-Oost", 3), ("Almere Haven", 9)),
        by_category=(("online", 3),), by_level=(("1", 3),),
        over_time=((date(2026, 9, 28), 3),), tension=(),
        networks=(NetworkSection("formal", 12, 4, 2, 6, 1, 0),
                  NetworkSection("informal", 7, 3, 3, 5, 2, 1)),
        follow_ups=FollowUpSection(8, 4, 1, 3), summary="")
    page = render_html(report).decode("utf-8")

    cells = re.findall(r'<td class="n">([^<]*)</td>', page)
    assert cells  # the network and follow-up tables
    for cell in cells:
        assert cell in ("&lt;5", "–") or re.fullmatch(r"\d+%", cell) or int(cell) >= 5
    assert '<td class="n">12</td>' in page
    assert '<td class="n">&lt;5</td>' in page
    assert "&lt;5 signalen" in page  # the summary suppresses too


def test_survey_and_sharing_tables_keep_formal_and_informal_in_their_own_columns() -> None:
    from core.reports import (
        AnswerCount,
        DeliveryRow,
        QuestionCounts,
        SharedSection,
        SurveyReach,
        SurveySection,
    )

    report = TrendReport(
        period="maand", start=date(2026, 10, 1), end=date(2026, 11, 1), made_on=date(2026, 11, 2),
        signals=0, signals_before=0, by_area=(), by_category=(), by_level=(("0", 0),),
        over_time=((date(2026, 9, 28), 0),), tension=(),
        networks=(NetworkSection("formal", 0, 0, 0, 0, 0, 0),
                  NetworkSection("informal", 0, 0, 0, 0, 0, 0)),
        follow_ups=FollowUpSection(0, 0, 0, 0), summary="",
        surveys=SurveySection(rounds=2, reach=(SurveyReach("formal", 20, 10),
                                               SurveyReach("informal", 6, 3)),
                              questions=(QuestionCounts("Behoeftepeiling", "Training?", "many",
                                                        (AnswerCount("Online", 8, 2),)),)),
        shared_with_partners=SharedSection(messages=7, urgent=1, delivery=(
            DeliveryRow("formal", 40, 30, 6, 4, 0), DeliveryRow("informal", 12, 9, 3, 0, 0))))
    page = render_html(report).decode("utf-8")

    def row(label: str) -> list[str]:
        found = re.search(rf"<tr><td>{re.escape(label)}</td>(.*?)</tr>", page)
        assert found is not None
        return re.findall(r'<td class="n">([^<]*)</td>', found.group(1))

    assert row("uitgenodigd") == ["20", "6"]
    assert row("gereageerd") == ["10", "&lt;5"]
    assert row("respons") == ["50%", "–"]  # three of six would point at a small group
    assert row("afgeleverd") == ["30", "9"]
    assert row("mislukt") == ["&lt;5", "&lt;5"]
    assert row("afgeleverd (%)") == ["75%", "–"]  # 9 of 12: the three others are few
    assert "Informatieberichten verstuurd: 7, waarvan dringend: 1." in page  # not people
    assert page.count("<svg") == 5  # the four signal charts and the one question
    assert "<h3>Training?</h3>" in page
