"""The trend report for the administration (`/rapport maand|kwartaal|jaar`, task M9).

`trend_report` gathers counts only: signals by area, category, tension level and over time;
the tension picture per area; the formal and the informal network in separate sections; the
follow-ups done on time; how often something was shared with partners; the needs surveys
closed in the period (closed questions only: open answers are never read) and the information
messages sent to partners (counts only: their text is never read). It holds no names of
contacts or persons and no free text. Every count under 5 is shown as "<5" (`shown`), and a
share is only given when it cannot be traced back to a small group (`share`).

`render_pdf` turns a report into a short PDF with matplotlib: page one is the title, the period
and a generated summary; the charts follow.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy.orm import load_only
from sqlalchemy.orm.interfaces import LoaderOption
from sqlmodel import Session, SQLModel, col, select

from core.contacts import last_contact
from core.partners import RecipientStatus
from core.rhythm import rhythm_for
from core.signals import Status
from core.surveys import OPEN, SCALE, SCALE_VALUES
from core.tension import RANK
from storage.models import (
    Area,
    AreaTension,
    Broadcast,
    BroadcastRecipient,
    Contact,
    ContactOrganisation,
    ContactStatus,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionContact,
    Network,
    Organisation,
    Signal,
    Survey,
    SurveyAnswer,
    SurveyParticipant,
    SurveyQuestion,
    SurveyRound,
)

Period = Literal["maand", "kwartaal", "jaar"]
PERIODS: tuple[Period, ...] = ("maand", "kwartaal", "jaar")
SMALL = 5  # counts under this are shown as "<5"
SUPPRESSED = "<5"

if TYPE_CHECKING:  # matplotlib costs ~50 MB and ~0.5 s: imported only when a report is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch


def shown(count: int) -> str:
    """A count as a report may show it: under 5 becomes "<5" (small-cell suppression)."""
    return SUPPRESSED if count < SMALL else str(count)


def share(part: int, whole: int) -> str | None:
    """`part` of `whole` as a rounded percentage, or None when it would reveal a small group
    (the part or the rest under 5)."""
    if whole <= 0 or part < SMALL or (whole - part < SMALL and whole != part):
        return None
    return f"{round(100 * part / whole)}%"


# --- the report's data -------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaTensionRow:
    area: str
    level: str | None  # groen | geel | oranje | rood | nafase; None: not assessed
    assessments: int  # assessments made in the period
    signals: int


@dataclass(frozen=True)
class NetworkSection:
    """One network (formal or informal); the two are never added up."""

    network: str
    active: int  # active contacts now
    contacted: int  # of those, spoken to in the period
    within_rhythm: int  # of those, last contact within their maximum rhythm at the period end
    interactions: int  # contact moments in the period with someone in this network
    shared: int  # of those, where we shared something (reciprocity)
    asked: int  # of those, where they asked something of the municipality


@dataclass(frozen=True)
class FollowUpSection:
    due: int  # follow-ups due in the period
    on_time: int  # done by the end of their due day
    late: int  # done, but later
    open: int  # still open


@dataclass(frozen=True)
class AnswerCount:
    """How often one option (or scale value) was chosen, formal and informal apart."""

    label: str
    formal: int
    informal: int


@dataclass(frozen=True)
class QuestionCounts:
    """One closed question (one or several choices, or a scale) of the rounds closed in the
    period, in the template's own words, with its answer counts."""

    survey: str  # the template's title
    text: str
    kind: str  # one | many | scale
    answers: tuple[AnswerCount, ...]


@dataclass(frozen=True)
class SurveyReach:
    network: str
    invited: int
    responded: int  # answered at least one question


@dataclass(frozen=True)
class SurveySection:
    """Needs surveys closed in the period: counts of closed questions, never an open answer."""

    rounds: int = 0
    reach: tuple[SurveyReach, ...] = ()  # formal first, then informal
    questions: tuple[QuestionCounts, ...] = ()

    def of(self, network: str) -> SurveyReach:
        return next((r for r in self.reach if r.network == network),
                    SurveyReach(network, 0, 0))


@dataclass(frozen=True)
class DeliveryRow:
    """What became of the information messages to one network's partners."""

    network: str
    recipients: int
    delivered: int
    blocked: int  # they blocked the bot or left the chat
    failed: int
    pending: int  # still queued, or skipped because they no longer agreed


@dataclass(frozen=True)
class SharedSection:
    """Information messages sent to partners in the period (/informeer, and a survey's
    "dit doen we ermee"): counts only, the texts are never read."""

    messages: int = 0
    urgent: int = 0
    delivery: tuple[DeliveryRow, ...] = ()  # formal first, then informal

    def of(self, network: str) -> DeliveryRow:
        return next((r for r in self.delivery if r.network == network),
                    DeliveryRow(network, 0, 0, 0, 0, 0))


@dataclass(frozen=True)
class TrendReport:
    period: Period
    start: date
    end: date  # exclusive
    made_on: date
    signals: int
    signals_before: int  # in the period before, for the trend
    by_area: tuple[tuple[str, int], ...]
    by_category: tuple[tuple[str, int], ...]
    by_level: tuple[tuple[str, int], ...]  # "0".."3" and "-" (not judged)
    over_time: tuple[tuple[date, int], ...]  # bins: weeks for a month, months otherwise
    tension: tuple[AreaTensionRow, ...]
    networks: tuple[NetworkSection, ...]  # formal first, then informal
    follow_ups: FollowUpSection
    summary: str  # Dutch, from the numbers
    surveys: SurveySection = SurveySection()
    shared_with_partners: SharedSection = SharedSection()

    def network(self, network: str) -> NetworkSection:
        return next(s for s in self.networks if s.network == network)


def period_bounds(period: Period, today: date) -> tuple[date, date]:
    """The last complete calendar month, quarter or year before `today` (end exclusive)."""
    if period == "maand":
        end = today.replace(day=1)
        start = (end - timedelta(days=1)).replace(day=1)
    elif period == "kwartaal":
        end = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        start = _add_months(end, -3)
    else:
        end = date(today.year, 1, 1)
        start = date(today.year - 1, 1, 1)
    return start, end


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _bins(period: Period, start: date, end: date) -> list[date]:
    if period == "maand":
        first = start - timedelta(days=start.weekday())
        return [first + timedelta(weeks=n) for n in range((end - first).days // 7 + 1)
                if first + timedelta(weeks=n) < end]
    months = 3 if period == "kwartaal" else 12
    return [_add_months(start, n) for n in range(months)]


def top_areas(session: Session) -> dict[int, str]:
    """Every area id mapped to its stadsdeel's name (a wijk counts with its stadsdeel)."""
    areas = {a.id: a for a in session.exec(select(Area)).all() if a.id is not None}
    result: dict[int, str] = {}
    for area_id, area in areas.items():
        top = area
        while top.parent_id is not None and top.parent_id in areas:
            top = areas[top.parent_id]
        result[area_id] = top.name
    return result


def districts(session: Session) -> list[str]:
    return sorted(a.name for a in session.exec(select(Area).where(col(Area.parent_id).is_(None))))


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


def _only(model: type[SQLModel], *names: str) -> LoaderOption:
    """Load just these columns: every sealed value loaded is decrypted, and a report over a
    large register needs none of the texts (bench/report_bench.py: 16.8 s -> under 5 s)."""
    return load_only(*(getattr(model, name) for name in names))


def _midnight(day: date) -> datetime:
    """The first moment whose `_day` is `day`: periods are cut in SQL where `_day` cuts them."""
    return datetime.combine(day, datetime.min.time(), UTC)


def trend_report(session: Session, period: Period, now: datetime) -> TrendReport:
    today = now.date()
    start, end = period_bounds(period, today)
    before = {"maand": _add_months(start, -1), "kwartaal": _add_months(start, -3),
              "jaar": _add_months(start, -12)}[period]
    tops = top_areas(session)
    names = districts(session)

    rows = session.exec(
        select(Signal).where(col(Signal.observed_on) >= before, col(Signal.observed_on) < end,
                             col(Signal.status) != Status.GEANNULEERD)
        .options(_only(Signal, "id", "observed_on", "area_id", "category", "tension_level"))
    ).all()
    current = [s for s in rows if s.observed_on >= start]
    by_area = Counter(tops.get(s.area_id, "?") for s in current)
    by_category = Counter(s.category for s in current)
    by_level = Counter("-" if s.tension_level is None else str(s.tension_level) for s in current)
    bins = _bins(period, start, end)
    over_time = Counter(max(b for b in bins if b <= s.observed_on) for s in current)

    tension = _tension(session, tops, names, start, end, by_area)
    networks = tuple(_network(session, network, start, end) for network in Network)
    follow_ups = _follow_ups(session, start, end, now)
    report = TrendReport(
        period=period, start=start, end=end, made_on=today,
        signals=len(current), signals_before=len(rows) - len(current),
        by_area=tuple((name, by_area.get(name, 0)) for name in names),
        by_category=tuple(by_category.most_common()),
        by_level=tuple((level, by_level.get(level, 0)) for level in ("0", "1", "2", "3", "-")),
        over_time=tuple((b, over_time.get(b, 0)) for b in bins),
        tension=tension, networks=networks, follow_ups=follow_ups, summary="",
        surveys=_surveys(session, start, end), shared_with_partners=_shared(session, start, end),
    )
    return TrendReport(**{**report.__dict__, "summary": summary(report, "nl")})


def _tension(session: Session, tops: dict[int, str], names: list[str], start: date, end: date,
             signals: Counter[str]) -> tuple[AreaTensionRow, ...]:
    """Per stadsdeel: the highest level among it and its wijken at the period end."""
    level: dict[str, str] = {}
    latest: dict[int, AreaTension] = {}
    made: Counter[str] = Counter()
    for row in session.exec(select(AreaTension).order_by(col(AreaTension.set_at),
                                                         col(AreaTension.id))).all():
        day = _day(row.set_at)
        if day >= end:
            continue
        latest[row.area_id] = row
        if day >= start:
            made[tops.get(row.area_id, "?")] += 1
    for area_id, row in latest.items():
        name = tops.get(area_id, "?")
        if name not in level or RANK.get(row.level, -1) > RANK.get(level[name], -1):
            level[name] = row.level
    return tuple(AreaTensionRow(name, level.get(name), made.get(name, 0), signals.get(name, 0))
                 for name in names)


def _organisation_types(session: Session) -> dict[int, list[str]]:
    types: dict[int, list[str]] = {}
    for contact_id, org_type in session.exec(
        select(ContactOrganisation.contact_id, Organisation.type)
        .join(Organisation, col(Organisation.id) == col(ContactOrganisation.organisation_id))
    ).all():
        types.setdefault(contact_id, []).append(org_type)
    return types


def active_contacts(session: Session, network: str | None = None) -> list[Contact]:
    statement = select(Contact).where(Contact.status == ContactStatus.ACTIEF,
                                      col(Contact.archived_at).is_(None))
    if network is not None:
        statement = statement.where(Contact.network == network)
    return list(session.exec(statement).all())


def _network(session: Session, network: str, start: date, end: date) -> NetworkSection:
    contacts = active_contacts(session, network)
    ids = [c.id for c in contacts if c.id is not None]
    types = _organisation_types(session)
    met: dict[int, set[date]] = {}
    interactions: dict[int, Interaction] = {}
    # Only the period's interactions, and not their summaries: each loaded value is decrypted,
    # and a year of a large municipality is tens of thousands of rows (bench/report_bench.py).
    for contact_id, interaction in session.exec(
        select(InteractionContact.contact_id, Interaction)
        .join(Interaction, col(Interaction.id) == col(InteractionContact.interaction_id))
        .join(Contact, col(Contact.id) == col(InteractionContact.contact_id))
        .where(Contact.network == network,
               col(Interaction.occurred_at) >= _midnight(start),
               col(Interaction.occurred_at) < _midnight(end))
        .options(_only(Interaction, "id", "occurred_at", "shared", "asked"))
    ).all():
        day = _day(interaction.occurred_at)
        if start <= day < end:
            met.setdefault(contact_id, set()).add(day)
            assert interaction.id is not None
            interactions[interaction.id] = interaction
    last = last_contact(session, ids)
    within = 0
    for contact in contacts:
        assert contact.id is not None
        seen = last.get(contact.id)
        rhythm = rhythm_for(contact, types.get(contact.id, ()))
        if seen is not None and _day(seen) < end and (end - _day(seen)).days <= rhythm.max_days:
            within += 1
    return NetworkSection(
        network=network, active=len(contacts),
        contacted=sum(1 for i in ids if i in met), within_rhythm=within,
        interactions=len(interactions),
        shared=sum(1 for i in interactions.values() if i.shared.strip()),
        asked=sum(1 for i in interactions.values() if i.asked.strip()),
    )


def _follow_ups(session: Session, start: date, end: date, now: datetime) -> FollowUpSection:
    on_time = late = still_open = due = 0
    for row in session.exec(
        select(FollowUp)
        .where(col(FollowUp.due_at) >= _midnight(start), col(FollowUp.due_at) < _midnight(end))
        .options(_only(FollowUp, "id", "due_at", "status", "done_at"))
    ).all():
        day = _day(row.due_at)
        if not start <= day < end:
            continue
        due += 1
        if row.status == FollowUpStatus.DONE and row.done_at is not None:
            if _day(row.done_at) <= day:
                on_time += 1
            else:
                late += 1
        else:
            still_open += 1
    return FollowUpSection(due=due, on_time=on_time, late=late, open=still_open)


def _surveys(session: Session, start: date, end: date) -> SurveySection:
    """The rounds closed in the period, tallied over their closed questions."""
    rounds = [r for r in session.exec(
        select(SurveyRound).where(col(SurveyRound.closed_at) >= _midnight(start),
                                  col(SurveyRound.closed_at) < _midnight(end))
    ).all() if r.closed_at is not None and start <= _day(r.closed_at) < end]
    reach, questions = survey_counts(session, rounds)
    return SurveySection(rounds=len(rounds), reach=reach, questions=questions)


def survey_counts(session: Session, rounds: Sequence[SurveyRound],
                  contact_ids: set[int] | None = None
                  ) -> tuple[tuple[SurveyReach, ...], tuple[QuestionCounts, ...]]:
    """Who was invited and responded, and the answers to the closed questions, formal and
    informal apart; only the participants in `contact_ids` when given (an area's). Open
    answers are not even loaded: each loaded value would be decrypted, and none may show."""
    round_ids = [r.id for r in rounds if r.id is not None]
    people = [p for p in session.exec(
        select(SurveyParticipant).where(col(SurveyParticipant.round_id).in_(round_ids))
    ).all() if contact_ids is None or p.contact_id in contact_ids] if round_ids else []
    network = {p.id: p.network for p in people if p.id is not None}
    answers = session.exec(
        select(SurveyAnswer).where(col(SurveyAnswer.participant_id).in_(list(network)),
                                   col(SurveyAnswer.answered_at).is_not(None))
        .options(_only(SurveyAnswer, "id", "participant_id", "question_id", "choices", "scale"))
    ).all() if network else []
    responded = {a.participant_id for a in answers}
    reach = tuple(
        SurveyReach(str(n), sum(1 for v in network.values() if v == n),
                    sum(1 for i in responded if network.get(i) == n))
        for n in Network)
    survey_ids = sorted({r.survey_id for r in rounds})
    titles = {s.id: s.title for s in session.exec(
        select(Survey).where(col(Survey.id).in_(survey_ids))).all()} if survey_ids else {}
    by_question: dict[int, list[SurveyAnswer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    counted: list[QuestionCounts] = []
    for question in session.exec(
        select(SurveyQuestion).where(col(SurveyQuestion.survey_id).in_(survey_ids),
                                     SurveyQuestion.kind != OPEN)
        .order_by(col(SurveyQuestion.survey_id), col(SurveyQuestion.position))
    ).all() if survey_ids else []:
        given = by_question.get(question.id or 0, [])
        scale = question.kind == SCALE
        labels = [str(v) for v in SCALE_VALUES] if scale else list(question.options)
        tallies = []
        for index, label in enumerate(labels):
            chosen = [a for a in given
                      if (a.scale == SCALE_VALUES[index] if scale else index in a.choices)]
            formal = sum(1 for a in chosen if network.get(a.participant_id) == Network.FORMAL)
            tallies.append(AnswerCount(label, formal, len(chosen) - formal))
        counted.append(QuestionCounts(titles.get(question.survey_id, ""), question.text,
                                      question.kind, tuple(tallies)))
    return reach, tuple(counted)


def _shared(session: Session, start: date, end: date) -> SharedSection:
    """Messages made in the period and what became of them per network."""
    messages = [b for b in session.exec(
        select(Broadcast).where(col(Broadcast.created_at) >= _midnight(start),
                                col(Broadcast.created_at) < _midnight(end))
        .options(_only(Broadcast, "id", "urgent", "created_at"))
    ).all() if start <= _day(b.created_at) < end]
    ids = [b.id for b in messages if b.id is not None]
    states: dict[str, Counter[str]] = {str(n): Counter() for n in Network}
    for status, network in session.exec(
        select(BroadcastRecipient.status, Contact.network)
        .join(Contact, col(Contact.id) == col(BroadcastRecipient.contact_id))
        .where(col(BroadcastRecipient.broadcast_id).in_(ids))
    ).all() if ids else []:
        states.setdefault(network, Counter())[status] += 1
    delivery = []
    for network in Network:
        count = states[str(network)]
        done = (count[RecipientStatus.DELIVERED], count[RecipientStatus.BLOCKED],
                count[RecipientStatus.FAILED])
        delivery.append(DeliveryRow(str(network), count.total(), *done,
                                    pending=count.total() - sum(done)))
    return SharedSection(messages=len(messages), urgent=sum(1 for b in messages if b.urgent),
                         delivery=tuple(delivery))


# --- words -------------------------------------------------------------------------------------

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Trendrapportage netwerkregie",
        "title_maand": "Maandrapportage netwerkregie",
        "title_kwartaal": "Kwartaalrapportage netwerkregie",
        "title_jaar": "Jaarrapportage netwerkregie",
        "period": "Periode: {start} t/m {end}",
        "made": "Gemaakt op {date}. Aantallen onder 5 staan als “<5”; er staan geen namen "
                "van personen in dit rapport.",
        "summary": "Samenvatting",
        "signals_area": "Signalen per stadsdeel",
        "signals_time": "Signalen in de tijd",
        "signals_category": "Signalen per categorie",
        "signals_level": "Signalen per spanningsniveau",
        "tension": "Spanningsbeeld per stadsdeel (aan het eind van de periode)",
        "formal": "Formeel netwerk",
        "informal": "Informeel netwerk",
        "networks_note": "Formeel en informeel netwerk worden apart gerapporteerd, nooit opgeteld.",
        "follow_ups": "Vervolgacties",
        "count": "aantal",
        "week": "week van {date}",
        "not_assessed": "niet beoordeeld",
        "level_-": "niet ingeschat",
        "level_0": "0 rustig", "level_1": "1 sluimerend", "level_2": "2 oplopend",
        "level_3": "3 escalatie",
        "groen": "groen", "geel": "geel", "oranje": "oranje", "rood": "rood",
        "nafase": "nafase",
        "col_area": "stadsdeel", "col_level": "niveau", "col_assessments": "beoordelingen",
        "col_signals": "signalen",
        "active": "actieve contacten", "contacted": "gesproken in de periode",
        "within_rhythm": "contact binnen het ritme", "interactions": "contactmomenten",
        "shared": "waarbij wij iets deelden", "asked": "waarbij zij iets vroegen",
        "due": "gepland in de periode", "on_time": "op tijd gedaan", "late": "te laat gedaan",
        "open": "nog open",
        "none": "geen",
        "surveys": "Behoeftepeilingen",
        "surveys_rounds": "Peilingen afgesloten in de periode: {count}.",
        "surveys_none": "In deze periode is geen peiling afgesloten.",
        "surveys_note": "Alleen de vragen met vaste antwoorden; open antwoorden staan nooit in "
                        "een rapport. Een percentage staat er alleen als het niet naar een "
                        "kleine groep te herleiden is.",
        "survey_charts": "Behoeftepeilingen: de antwoorden",
        "col_formal": "formeel", "col_informal": "informeel",
        "invited": "uitgenodigd", "responded": "gereageerd", "response": "respons",
        "shared_partners": "Gedeeld met partners",
        "shared_messages": "Informatieberichten verstuurd: {count}, waarvan dringend: {urgent}.",
        "recipients": "ontvangers", "delivered": "afgeleverd",
        "blocked": "geblokkeerd of chat verlaten", "failed": "mislukt",
        "pending": "(nog) niet verstuurd", "delivery_rate": "afgeleverd (%)",
        "no_share": "–",
    },
    "en": {
        "title": "Network coordination trend report",
        "title_maand": "Monthly network coordination report",
        "title_kwartaal": "Quarterly network coordination report",
        "title_jaar": "Annual network coordination report",
        "period": "Period: {start} to {end}",
        "made": "Made on {date}. Counts under 5 are shown as “<5”; this report contains no "
                "names of persons.",
        "summary": "Summary",
        "signals_area": "Signals per district",
        "signals_time": "Signals over time",
        "signals_category": "Signals per category",
        "signals_level": "Signals per tension level",
        "tension": "Tension picture per district (at the end of the period)",
        "formal": "Formal network",
        "informal": "Informal network",
        "networks_note": "The formal and informal networks are reported apart, never added up.",
        "follow_ups": "Follow-ups",
        "count": "count",
        "week": "week of {date}",
        "not_assessed": "not assessed",
        "level_-": "not judged",
        "level_0": "0 calm", "level_1": "1 simmering", "level_2": "2 rising",
        "level_3": "3 escalation",
        "groen": "green", "geel": "yellow", "oranje": "orange", "rood": "red",
        "nafase": "aftermath",
        "col_area": "district", "col_level": "level", "col_assessments": "assessments",
        "col_signals": "signals",
        "active": "active contacts", "contacted": "spoken to in the period",
        "within_rhythm": "contact within rhythm", "interactions": "contact moments",
        "shared": "where we shared something", "asked": "where they asked something",
        "due": "due in the period", "on_time": "done on time", "late": "done late",
        "open": "still open",
        "none": "none",
        "surveys": "Needs surveys",
        "surveys_rounds": "Survey rounds closed in the period: {count}.",
        "surveys_none": "No survey round was closed in this period.",
        "surveys_note": "Closed questions only; open answers never appear in a report. A "
                        "percentage is only given when it cannot be traced to a small group.",
        "survey_charts": "Needs surveys: the answers",
        "col_formal": "formal", "col_informal": "informal",
        "invited": "invited", "responded": "responded", "response": "response",
        "shared_partners": "Shared with partners",
        "shared_messages": "Information messages sent: {count}, of which urgent: {urgent}.",
        "recipients": "recipients", "delivered": "delivered",
        "blocked": "blocked or left the chat", "failed": "failed",
        "pending": "not (yet) sent", "delivery_rate": "delivered (%)",
        "no_share": "–",
    },
}


def _words(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["nl"])


def long_date(day: date, lang: str) -> str:
    months = _MONTHS.get(lang, _MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def period_text(report: TrendReport, lang: str) -> str:
    return _words(lang)["period"].format(start=long_date(report.start, lang),
                                         end=long_date(report.end - timedelta(days=1), lang))


def title(report: TrendReport, lang: str) -> str:
    return _words(lang)[f"title_{report.period}"]


def summary(report: TrendReport, lang: str = "nl") -> str:
    """Three to five sentences from the numbers, with the same suppression as the tables."""
    nl = lang != "en"
    parts: list[str] = []
    total, before = report.signals, report.signals_before
    if nl:
        trend = ("meer dan" if total > before else "minder dan" if total < before
                 else "evenveel als")
        parts.append(f"In deze periode zijn {shown(total)} signalen vastgelegd, {trend} in de "
                     f"periode ervoor ({shown(before)}).")
    else:
        trend = "more than" if total > before else "fewer than" if total < before else "as many as"
        parts.append(f"{shown(total)} signals were recorded in this period, {trend} in the "
                     f"period before ({shown(before)}).")
    busiest = [(n, c) for n, c in report.by_area if c >= SMALL]
    if busiest:
        name, count = max(busiest, key=lambda item: item[1])
        parts.append(f"De meeste signalen kwamen uit {name} ({shown(count)})." if nl else
                     f"Most signals came from {name} ({shown(count)}).")
    if report.by_category and report.by_category[0][1] >= SMALL:
        category = report.by_category[0][0].replace("_", " ")
        parts.append(f"De meest voorkomende categorie was {category}." if nl else
                     f"The most frequent category was {category}.")
    tense = [row.area for row in report.tension if row.level in ("oranje", "rood")]
    if tense:
        parts.append(("Verhoogde spanning (oranje of rood) aan het eind van de periode in: "
                      if nl else "Raised tension (orange or red) at the end of the period in: ")
                     + ", ".join(tense) + ".")
    else:
        parts.append("Geen enkel stadsdeel stond aan het eind van de periode op oranje of rood."
                     if nl else "No district was at orange or red at the end of the period.")
    formal, informal = report.network(Network.FORMAL), report.network(Network.INFORMAL)
    if nl:
        parts.append(f"In het formele netwerk is met {shown(formal.contacted)} van "
                     f"{shown(formal.active)} actieve contacten gesproken, in het informele "
                     f"netwerk met {shown(informal.contacted)} van {shown(informal.active)}.")
    else:
        parts.append(f"In the formal network {shown(formal.contacted)} of "
                     f"{shown(formal.active)} active contacts were spoken to, in the informal "
                     f"network {shown(informal.contacted)} of {shown(informal.active)}.")
    on_time = share(report.follow_ups.on_time, report.follow_ups.due)
    if on_time is not None and len(parts) < 5:
        parts.append(f"{on_time} van de vervolgacties is op tijd gedaan." if nl else
                     f"{on_time} of the follow-ups were done on time.")
    return " ".join(parts[:5])


# --- the PDF -----------------------------------------------------------------------------------

_LEVEL_COLOURS = {"groen": "#4caf50", "geel": "#fdd835", "oranje": "#fb8c00", "rood": "#e53935",
                  "nafase": "#9e9e9e", None: "#eeeeee"}
_BAR = "#1f5f8b"
# Formal and informal side by side in the survey charts; a count under 5 is a pale hatched bar.
NETWORK_COLOURS = {"formal": _BAR, "informal": "#d9822b"}
_PALE = {"formal": "#c9d9e6", "informal": "#f4dcc6"}
_A4 = (8.27, 11.69)
CHARTS_PER_PAGE = 4  # survey questions charted on one page


def render_pdf(report: TrendReport, lang: str = "nl") -> bytes:
    """The report as a PDF: page one the title, period and summary, then charts and tables."""
    buffer = io.BytesIO()
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(buffer, metadata={"Title": title(report, lang), "Creator": "Netwerkregie"}
                  ) as pdf:
        for figure in figures(report, lang):
            pdf.savefig(figure)
    return buffer.getvalue()


def figures(report: TrendReport, lang: str = "nl") -> list[Figure]:
    """The report's pages as figures, in order: what the PDF and the PNG images are made of."""
    return [_front_page(report, lang), _signal_page(report, lang), _network_page(report, lang),
            _partners_page(report, lang), *_survey_pages(report, lang)]


def pages_png(report: TrendReport, lang: str = "nl") -> list[bytes]:
    """The same pages as PNG images (to look at a report without a PDF viewer)."""
    images = []
    for figure in figures(report, lang):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=80)
        images.append(buffer.getvalue())
    return images


def _front_page(report: TrendReport, lang: str) -> Figure:
    words = _words(lang)
    figure = _figure(_A4)
    figure.text(0.08, 0.92, title(report, lang), fontsize=20, weight="bold")
    figure.text(0.08, 0.885, period_text(report, lang), fontsize=12)
    figure.text(0.08, 0.86, _wrap(words["made"].format(date=long_date(report.made_on, lang)), 95),
                fontsize=8, color="#555555", va="top")
    figure.text(0.08, 0.80, words["summary"], fontsize=14, weight="bold")
    figure.text(0.08, 0.775, _wrap(summary(report, lang), 80), fontsize=11, va="top",
                linespacing=1.5)
    axes = figure.add_axes((0.08, 0.2, 0.84, 0.4))
    _tension_table(axes, report, lang)
    axes.set_title(words["tension"], fontsize=11, loc="left")
    return figure


def _signal_page(report: TrendReport, lang: str) -> Figure:
    words = _words(lang)
    figure = _figure(_A4)
    figure.subplots_adjust(left=0.27, right=0.93, top=0.96, bottom=0.05, hspace=0.45)
    axes = figure.subplots(4, 1, gridspec_kw={"height_ratios": [1, 1, 1.1, 0.8]})
    _bars(axes[0], [n for n, _ in report.by_area], [c for _, c in report.by_area],
          words["signals_area"], words)
    _line(axes[1], report, lang)
    categories = report.by_category or (("-", 0),)
    _bars(axes[2], [c.replace("_", " ") for c, _ in categories], [n for _, n in categories],
          words["signals_category"], words)
    _bars(axes[3], [words[f"level_{lv}"] for lv, _ in report.by_level],
          [n for _, n in report.by_level], words["signals_level"], words,
          colours=["#4caf50", "#fdd835", "#fb8c00", "#e53935", "#bdbdbd"])
    return figure


def _network_page(report: TrendReport, lang: str) -> Figure:
    words = _words(lang)
    figure = _figure(_A4)
    figure.text(0.08, 0.94, words["networks_note"], fontsize=10, style="italic")
    keys = ("active", "contacted", "within_rhythm", "interactions", "shared", "asked")
    for index, section in enumerate(report.networks):
        top = 0.88 - index * 0.3
        figure.text(0.08, top, words[section.network], fontsize=14, weight="bold")
        axes = figure.add_axes((0.08, top - 0.24, 0.84, 0.21))
        _table(axes, [[words[k], shown(getattr(section, k))] for k in keys])
    follow = report.follow_ups
    figure.text(0.08, 0.26, words["follow_ups"], fontsize=14, weight="bold")
    axes = figure.add_axes((0.08, 0.06, 0.84, 0.17))
    rows = [[words[k], shown(getattr(follow, k))] for k in ("due", "on_time", "late", "open")]
    _table(axes, rows)
    return figure


def survey_rows(report: TrendReport, lang: str) -> list[list[str]]:
    """Invited, responded and response rate, formal and informal in their own column."""
    words = _words(lang)
    reach = [report.surveys.of(n) for n in Network]
    return [[words["invited"], *(shown(r.invited) for r in reach)],
            [words["responded"], *(shown(r.responded) for r in reach)],
            [words["response"], *(share(r.responded, r.invited) or words["no_share"]
                                  for r in reach)]]


def delivery_rows(report: TrendReport, lang: str) -> list[list[str]]:
    """What became of the messages, per network; the rate only where no small group shows."""
    words = _words(lang)
    rows = [report.shared_with_partners.of(n) for n in Network]
    keys = ("recipients", "delivered", "blocked", "failed", "pending")
    return [*([words[k], *(shown(getattr(r, k)) for r in rows)] for k in keys),
            [words["delivery_rate"], *(share(r.delivered, r.recipients) or words["no_share"]
                                       for r in rows)]]


def network_header(lang: str) -> list[str]:
    words = _words(lang)
    return ["", words["col_formal"], words["col_informal"]]


def messages_text(report: TrendReport, lang: str) -> str:
    """Messages and rounds are the municipality's own actions, not people: exact counts."""
    shared = report.shared_with_partners
    return _words(lang)["shared_messages"].format(count=shared.messages, urgent=shared.urgent)


def rounds_text(report: TrendReport, lang: str) -> str:
    words = _words(lang)
    if not report.surveys.rounds:
        return words["surveys_none"]
    return words["surveys_rounds"].format(count=report.surveys.rounds)


def _partners_page(report: TrendReport, lang: str) -> Figure:
    """Needs surveys closed in the period and what was shared with partners: counts only."""
    words = _words(lang)
    figure = _figure(_A4)
    figure.text(0.08, 0.94, words["surveys"], fontsize=14, weight="bold")
    figure.text(0.08, 0.915, rounds_text(report, lang), fontsize=11, va="top")
    figure.text(0.08, 0.89, _wrap(words["surveys_note"], 100), fontsize=8, style="italic",
                color="#555555", va="top")
    axes = figure.add_axes((0.08, 0.66, 0.84, 0.17))
    _table(axes, survey_rows(report, lang), network_header(lang))
    figure.text(0.08, 0.55, words["shared_partners"], fontsize=14, weight="bold")
    figure.text(0.08, 0.525, messages_text(report, lang), fontsize=11, va="top")
    axes = figure.add_axes((0.08, 0.2, 0.84, 0.29))
    _table(axes, delivery_rows(report, lang), network_header(lang))
    return figure


def _survey_pages(report: TrendReport, lang: str) -> list[Figure]:
    """The closed questions' answers as charts, CHARTS_PER_PAGE to a page (none: no page)."""
    words = _words(lang)
    questions = report.surveys.questions
    pages = []
    for first in range(0, len(questions), CHARTS_PER_PAGE):
        chunk = questions[first:first + CHARTS_PER_PAGE]
        figure = _figure(_A4)
        figure.text(0.08, 0.965, words["survey_charts"], fontsize=14, weight="bold")
        figure.subplots_adjust(left=0.3, right=0.93, top=0.9, bottom=0.05, hspace=0.6)
        ratios = [max(len(q.answers), 2) for q in chunk]
        ratios += [2] * (CHARTS_PER_PAGE - len(chunk))
        grid = figure.add_gridspec(CHARTS_PER_PAGE, 1, height_ratios=ratios)
        for index, question in enumerate(chunk):
            survey_chart(figure.add_subplot(grid[index]), question, lang)
        figure.legend(handles=network_legend(lang), loc="upper right", ncols=2, fontsize=9,
                      bbox_to_anchor=(0.93, 0.985), frameon=False)
        pages.append(figure)
    return pages


def survey_chart(axes: Axes, question: QuestionCounts, lang: str, heading: bool = True) -> None:
    """One question's answers: a formal and an informal bar per answer, each labelled with its
    count; a count under 5 is a pale hatched bar up to 5 labelled <5."""
    words = _words(lang)
    labels = [_wrap(a.label, 30) for a in question.answers] or ["–"]
    positions = list(range(len(labels)))
    height = 0.38
    for offset, network in ((-height / 2, "formal"), (height / 2, "informal")):
        counts = [getattr(a, network) for a in question.answers] or [0]
        bars = axes.barh([p + offset for p in positions], [max(c, SMALL) for c in counts],
                         height=height,
                         color=[NETWORK_COLOURS[network] if c >= SMALL else _PALE[network]
                                for c in counts],
                         edgecolor=NETWORK_COLOURS[network], linewidth=0.6)
        for bar, count in zip(bars, counts, strict=True):
            if count < SMALL:
                bar.set_hatch("//")
            axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {shown(count)}",
                      va="center", fontsize=7)
    axes.set_yticks(positions, labels, fontsize=7)
    axes.invert_yaxis()
    if heading:
        axes.set_title(_wrap(question.text, 72), fontsize=9, loc="left")
    else:  # on its own (the web page): the legend above the bars
        axes.legend(handles=network_legend(lang), loc="lower right", ncols=2, fontsize=8,
                    bbox_to_anchor=(1.0, 1.0), frameon=False)
    axes.set_xlabel(words["count"], fontsize=7)
    axes.margins(x=0.12)
    axes.spines[["top", "right"]].set_visible(False)


def network_legend(lang: str) -> list[Patch]:
    from matplotlib.patches import Patch

    words = _words(lang)
    return [Patch(facecolor=NETWORK_COLOURS[n], label=words[f"col_{n}"])
            for n in ("formal", "informal")]


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _table(axes: Axes, rows: Sequence[Sequence[str]], header: Sequence[str] | None = None,
           colours: Sequence[Sequence[str]] | None = None) -> None:
    axes.axis("off")
    table = axes.table(cellText=[list(r) for r in rows],
                       colLabels=list(header) if header else None,
                       cellColours=[list(c) for c in colours] if colours else None,
                       loc="upper center", cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(10)
    table.scale(1, 1.5)


def _tension_table(axes: Axes, report: TrendReport, lang: str) -> None:
    words = _words(lang)
    rows, colours = [], []
    for row in report.tension:
        level = words[row.level] if row.level else words["not_assessed"]
        rows.append([row.area, level, shown(row.assessments), shown(row.signals)])
        colours.append(["white", _LEVEL_COLOURS[row.level], "white", "white"])
    header = [words["col_area"], words["col_level"], words["col_assessments"],
              words["col_signals"]]
    _table(axes, rows or [["-", "-", "-", "-"]], header, colours or None)


def _bars(axes: Axes, labels: Sequence[str], counts: Sequence[int], heading: str,
          words: dict[str, str], colours: Sequence[str] | None = None) -> None:
    """Horizontal bars; a count under 5 is drawn as a pale hatched bar up to 5, labelled <5."""
    if not labels:
        labels, counts = ["–"], [0]
    positions = list(range(len(labels)))
    heights = [max(c, SMALL) if c >= SMALL else SMALL for c in counts]
    bar_colours = [
        (colours[i] if colours else _BAR) if c >= SMALL else "#e0e0e0"
        for i, c in enumerate(counts)
    ]
    bars = axes.barh(positions, heights, color=bar_colours, edgecolor="#9e9e9e")
    for bar, count in zip(bars, counts, strict=True):
        if count < SMALL:
            bar.set_hatch("//")
        axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {shown(count)}",
                  va="center", fontsize=8)
    axes.set_yticks(positions, list(labels), fontsize=8)
    axes.invert_yaxis()
    axes.set_title(heading, fontsize=11, loc="left")
    axes.set_xlabel(words["count"], fontsize=8)
    axes.margins(x=0.12)
    axes.spines[["top", "right"]].set_visible(False)


def _line(axes: Axes, report: TrendReport, lang: str) -> None:
    """Signals per week or month; points under 5 sit in a grey band marked <5."""
    words = _words(lang)
    months = _MONTHS.get(lang, _MONTHS["nl"])
    labels = [
        words["week"].format(date=f"{b.day}-{b.month}") if report.period == "maand"
        else f"{months[b.month - 1][:3]} {b.year % 100:02d}"
        for b, _ in report.over_time
    ]
    values = [c if c >= SMALL else SMALL / 2 for _, c in report.over_time]
    positions = list(range(len(values)))
    axes.axhspan(0, SMALL, color="#eeeeee", zorder=0)
    axes.text(len(values) - 0.5, SMALL / 2, SUPPRESSED, va="center", ha="right", fontsize=8,
              color="#757575")
    axes.plot(positions, values, color=_BAR, zorder=2)
    for x, (_, count) in zip(positions, report.over_time, strict=True):
        small = count < SMALL
        axes.plot(x, values[x], "o", zorder=3, color=_BAR,
                  markerfacecolor="white" if small else _BAR)
    axes.set_xticks(positions, labels, fontsize=8, rotation=30 if len(labels) > 6 else 0)
    axes.set_ylim(0, max([*values, SMALL]) * 1.2 + 1)
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(words["signals_time"], fontsize=11, loc="left")
    axes.set_ylabel(words["count"], fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)


def _figure(size: tuple[float, float]) -> Figure:
    """A figure without pyplot or a display (matplotlib loaded on first use)."""
    from matplotlib.figure import Figure

    return Figure(figsize=size)
