"""Needs surveys (issue 6, task M8): templates of a few questions, rounds sent to a segment of
partners, answered one question at a time with buttons, and a summary for the coordinator.

Where a partner is in a round is a row (`SurveyParticipant.position`), so answering resumes
after a restart or a week's pause. Only partners who agreed are included, and what is owed
to them goes through the outbox with a unique key: the first question once, one reminder
before the deadline, one summary when the round closes. Results show small counts as "<5";
open answers go only to the coordinator, and an open answer that reads like a concern is
offered as a draft signal, never saved as one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from core import outbox, partners
from core.access import audit
from core.partners import Segment
from core.reading.redact import redact
from core.understanding import signal_words
from storage.models import (
    Broadcast,
    Contact,
    Outbox,
    Survey,
    SurveyAnswer,
    SurveyParticipant,
    SurveyQuestion,
    SurveyRound,
    SurveySchedule,
    User,
)

ONE, MANY, SCALE, OPEN = "one", "many", "scale", "open"
KINDS = (ONE, MANY, SCALE, OPEN)
SCALE_VALUES = (1, 2, 3, 4, 5)

QUESTION = "survey.question"  # outbox kind: a round's first question, to a partner
REMINDER = "survey.reminder"  # outbox kind: the one reminder, to a partner not finished
SUMMARY = "survey.summary"  # outbox kind: the results of a closed round, to its coordinator

DEFAULT_DEADLINE = timedelta(days=14)
REMIND_BEFORE = timedelta(days=3)
DEFAULT_CRON = "0 9 1 1,4,7,10 *"  # quarterly: the first of January, April, July, October
MAX_OPEN = 500  # characters of an open answer kept
SMALL = 5  # counts from 1 up to this (exclusive) are shown as "<5"

DEFAULT_TITLE = "Behoeftepeiling"
# (kind, question, options, optional): the behoeftepeiling every register starts with.
DEFAULT_QUESTIONS: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    (ONE, "Heb je behoefte aan een bijeenkomst met de gemeente en andere partners? "
          "Zo ja, hoe vaak?",
     ("Ja, elke maand", "Ja, elk kwartaal", "Ja, twee keer per jaar", "Nee, nu niet"), False),
    (MANY, "Over welke onderwerpen zou je een training willen? Kies er een of meer.",
     ("Herkennen van radicalisering", "Omgaan met spanningen", "Online polarisatie",
      "Gesprekken over gevoelige onderwerpen", "Geen training nodig"), False),
    (MANY, "Waarover wil je meer informatie van de gemeente? Kies er een of meer.",
     ("Wat er speelt in de wijk", "Wie wat doet bij de gemeente", "Ondersteuning en subsidies",
      "Veiligheid en incidenten"), False),
    (ONE, "Wanneer en waar komt een bijeenkomst je het best uit?",
     ("Overdag, in de wijk", "’s Avonds, in de wijk", "Overdag, op het stadhuis",
      "Online"), False),
    (SCALE, "Hoe tevreden ben je over de samenwerking met de gemeente? "
            "(1 = ontevreden, 5 = zeer tevreden)", (), False),
    (OPEN, "Wat speelt er bij jou of in je wijk? Typ het in een paar zinnen (niet verplicht).",
     (), True),
)


class Outcome(StrEnum):
    NEXT = "next"  # answered; the next question (or the end) follows
    TOGGLED = "toggled"  # a choice ticked or unticked; the question stays
    CLOSED = "closed"  # the round is closed: no more answers
    STALE = "stale"  # not the question they are on (an old button)
    EMPTY = "empty"  # Klaar with nothing ticked, or an empty text


# --- templates -------------------------------------------------------------------------------


def seed_surveys(session: Session, now: datetime) -> int:
    """Add the default behoeftepeiling to a register without templates; returns how many
    templates were added (0 once there are any: then they are the municipality's)."""
    if session.exec(select(Survey.id)).first() is not None:
        return 0
    survey = Survey(title=DEFAULT_TITLE, created_at=now)
    session.add(survey)
    session.flush()
    assert survey.id is not None
    for position, (kind, text, options, optional) in enumerate(DEFAULT_QUESTIONS):
        session.add(SurveyQuestion(survey_id=survey.id, position=position, kind=kind, text=text,
                                   options=list(options), optional=optional))
    session.flush()
    return 1


def templates(session: Session, now: datetime) -> list[Survey]:
    seed_surveys(session, now)
    return list(session.exec(select(Survey).order_by(col(Survey.id))).all())


def questions(session: Session, survey_id: int) -> list[SurveyQuestion]:
    return list(session.exec(
        select(SurveyQuestion).where(SurveyQuestion.survey_id == survey_id)
        .order_by(col(SurveyQuestion.position))
    ).all())


# --- rounds ----------------------------------------------------------------------------------


def segment_of(item: SurveyRound | SurveySchedule) -> Segment:
    return Segment(area_id=item.area_id, network=item.network,
                   organisation_type=item.organisation_type)


def open_round(session: Session, survey_id: int, segment: Segment, deadline: datetime, *,
               actor_id: int | None, now: datetime, tz: ZoneInfo,
               schedule_id: int | None = None, scheduled_for: datetime | None = None
               ) -> SurveyRound | None:
    """Send a template to the partners in a segment who agreed: the first question is owed
    to each (in the morning when it is night). None when nobody in the segment may receive."""
    reached = partners.recipients(session, segment)
    if not reached or deadline <= now:
        return None
    survey_round = SurveyRound(
        survey_id=survey_id, area_id=segment.area_id, network=segment.network,
        organisation_type=segment.organisation_type, opened_at=now, deadline=deadline,
        created_by_user_id=actor_id, schedule_id=schedule_id, scheduled_for=scheduled_for,
    )
    session.add(survey_round)
    session.flush()
    assert survey_round.id is not None
    send_at = partners.first_daytime(now, tz)
    for contact, user in reached:
        assert contact.id is not None
        assert user.id is not None
        participant = SurveyParticipant(round_id=survey_round.id, contact_id=contact.id,
                                        user_id=user.id, network=contact.network)
        session.add(participant)
        session.flush()
        _owe(session, participant, QUESTION, f"{QUESTION}:{participant.id}", now, send_at)
    audit(session, now, "survey.opened", actor_id, f"survey_round:{survey_round.id}",
          recipients=len(reached))
    return survey_round


def participant_of(session: Session, user: User, participant_id: int
                   ) -> SurveyParticipant | None:
    """A partner's own place in a round (never someone else's)."""
    participant = session.get(SurveyParticipant, participant_id)
    if participant is None or participant.user_id != user.id:
        return None
    if user.contact_id is None or participant.contact_id != user.contact_id:
        return None
    return participant


def is_open(survey_round: SurveyRound, now: datetime) -> bool:
    return survey_round.closed_at is None and now < survey_round.deadline


def round_of(session: Session, participant: SurveyParticipant) -> SurveyRound:
    found = session.get(SurveyRound, participant.round_id)
    assert found is not None
    return found


def current(session: Session, participant: SurveyParticipant) -> SurveyQuestion | None:
    """The question the participant is on; None when they finished."""
    if participant.finished_at is not None:
        return None
    listed = questions(session, round_of(session, participant).survey_id)
    return listed[participant.position] if participant.position < len(listed) else None


def answer_of(session: Session, participant_id: int, question_id: int) -> SurveyAnswer | None:
    return session.exec(
        select(SurveyAnswer).where(SurveyAnswer.participant_id == participant_id,
                                   SurveyAnswer.question_id == question_id)
    ).first()


def choose(session: Session, participant: SurveyParticipant, question_id: int, option: int,
           now: datetime) -> Outcome:
    """A pressed option: for one choice the answer, for several a tick (or untick)."""
    question = _answerable(session, participant, question_id, now)
    if isinstance(question, Outcome):
        return question
    if question.kind not in (ONE, MANY) or not 0 <= option < len(question.options):
        return Outcome.STALE
    answer = _answer_row(session, participant, question)
    if question.kind == ONE:
        answer.choices = [option]
        return _advance(session, participant, question, answer, now)
    ticked = set(answer.choices) ^ {option}
    answer.choices = sorted(ticked)
    session.add(answer)
    return Outcome.TOGGLED


def done(session: Session, participant: SurveyParticipant, question_id: int, now: datetime
         ) -> Outcome:
    """Klaar under a several-choice question: at least one ticked."""
    question = _answerable(session, participant, question_id, now)
    if isinstance(question, Outcome):
        return question
    answer = answer_of(session, participant.id or 0, question.id or 0)
    if question.kind != MANY or answer is None or not answer.choices:
        return Outcome.EMPTY
    return _advance(session, participant, question, answer, now)


def rate(session: Session, participant: SurveyParticipant, question_id: int, value: int,
         now: datetime) -> Outcome:
    question = _answerable(session, participant, question_id, now)
    if isinstance(question, Outcome):
        return question
    if question.kind != SCALE or value not in SCALE_VALUES:
        return Outcome.STALE
    answer = _answer_row(session, participant, question)
    answer.scale = value
    return _advance(session, participant, question, answer, now)


def write(session: Session, participant: SurveyParticipant, question_id: int, text: str,
          now: datetime) -> Outcome:
    """A typed open answer (kept sealed, at most MAX_OPEN characters)."""
    question = _answerable(session, participant, question_id, now)
    if isinstance(question, Outcome):
        return question
    # The one guard (core.reading.redact): no special category, no person's name.
    written = redact(" ".join(text.split())).text[:MAX_OPEN]
    if question.kind != OPEN:
        return Outcome.STALE
    if not written:
        return Outcome.EMPTY
    answer = _answer_row(session, participant, question)
    answer.text = written
    return _advance(session, participant, question, answer, now)


def skip(session: Session, participant: SurveyParticipant, question_id: int, now: datetime
         ) -> Outcome:
    """Pass an optional question without answering it."""
    question = _answerable(session, participant, question_id, now)
    if isinstance(question, Outcome):
        return question
    if not question.optional:
        return Outcome.STALE
    return _advance(session, participant, question, None, now)


def open_for(session: Session, user: User, now: datetime) -> list[SurveyParticipant]:
    """A partner's rounds still open and not finished, oldest first."""
    rows = session.exec(
        select(SurveyParticipant, SurveyRound)
        .join(SurveyRound, col(SurveyRound.id) == col(SurveyParticipant.round_id))
        .where(SurveyParticipant.user_id == user.id, col(SurveyParticipant.finished_at).is_(None),
               col(SurveyRound.closed_at).is_(None))
        .order_by(col(SurveyParticipant.id))
    ).all()
    return [p for p, r in rows if r.deadline > now and p.contact_id == user.contact_id]


def recent_rounds(session: Session, limit: int = 8) -> list[SurveyRound]:
    return list(session.exec(
        select(SurveyRound).order_by(col(SurveyRound.id).desc()).limit(limit)
    ).all())


def participants(session: Session, round_id: int) -> list[SurveyParticipant]:
    return list(session.exec(
        select(SurveyParticipant).where(SurveyParticipant.round_id == round_id)
        .order_by(col(SurveyParticipant.id))
    ).all())


# --- schedules -------------------------------------------------------------------------------


def add_schedule(session: Session, survey_id: int, segment: Segment, cron: str,
                 next_run_at: datetime, *, actor_id: int | None, now: datetime,
                 deadline_days: int = DEFAULT_DEADLINE.days) -> SurveySchedule:
    """Send a template to a segment on a schedule; `next_run_at` comes from the cron
    expression (the scheduler computes it: core knows no cron)."""
    schedule = SurveySchedule(
        survey_id=survey_id, area_id=segment.area_id, network=segment.network,
        organisation_type=segment.organisation_type, cron=cron, deadline_days=deadline_days,
        next_run_at=next_run_at, created_by_user_id=actor_id, created_at=now,
    )
    session.add(schedule)
    session.flush()
    audit(session, now, "survey.scheduled", actor_id, f"survey_schedule:{schedule.id}")
    return schedule


def due_schedules(session: Session, now: datetime) -> list[SurveySchedule]:
    return list(session.exec(
        select(SurveySchedule).where(col(SurveySchedule.ended_at).is_(None),
                                     col(SurveySchedule.next_run_at) <= now)
        .order_by(col(SurveySchedule.id))
    ).all())


def run_schedule(session: Session, schedule: SurveySchedule, next_run_at: datetime,
                 now: datetime, tz: ZoneInfo) -> SurveyRound | None:
    """Open the round a schedule owes and move it to its next time; claimed by a conditional
    update, so of two processes one opens it (and the round is unique per fire time)."""
    fire_at = schedule.next_run_at
    claimed = session.execute(
        update(SurveySchedule)
        .where(col(SurveySchedule.id) == schedule.id,
               col(SurveySchedule.next_run_at) == fire_at)
        .values(next_run_at=next_run_at)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return open_round(session, schedule.survey_id, segment_of(schedule),
                      now + timedelta(days=schedule.deadline_days),
                      actor_id=schedule.created_by_user_id, now=now, tz=tz,
                      schedule_id=schedule.id, scheduled_for=fire_at)


def schedules(session: Session) -> list[SurveySchedule]:
    return list(session.exec(
        select(SurveySchedule).where(col(SurveySchedule.ended_at).is_(None))
        .order_by(col(SurveySchedule.id))
    ).all())


def end_schedule(session: Session, schedule_id: int, actor_id: int | None, now: datetime
                 ) -> bool:
    schedule = session.get(SurveySchedule, schedule_id)
    if schedule is None or schedule.ended_at is not None:
        return False
    schedule.ended_at = now
    session.add(schedule)
    audit(session, now, "survey.schedule_ended", actor_id, f"survey_schedule:{schedule_id}")
    return True


# --- the sweep: one reminder, then closing ---------------------------------------------------


def remind_at(survey_round: SurveyRound) -> datetime:
    """REMIND_BEFORE the deadline, but not in the first half of a short round."""
    halfway = survey_round.opened_at + (survey_round.deadline - survey_round.opened_at) / 2
    return max(survey_round.deadline - REMIND_BEFORE, halfway)


@dataclass
class SweepResult:
    opened: int = 0  # scheduled rounds (the scheduler fills it in)
    reminded: int = 0
    closed: int = 0


def sweep(session: Session, now: datetime, tz: ZoneInfo) -> SweepResult:
    """Owe the one reminder to partners not finished, and close rounds at their deadline
    (their summary owed to the coordinator). Safe to run twice or in two processes."""
    result = SweepResult()
    open_rounds = session.exec(
        select(SurveyRound).where(col(SurveyRound.closed_at).is_(None))
        .order_by(col(SurveyRound.id))
    ).all()
    for survey_round in open_rounds:
        assert survey_round.id is not None
        if survey_round.deadline <= now:
            if close(session, survey_round, now):
                result.closed += 1
            continue
        if remind_at(survey_round) > now:
            continue
        send_at = partners.first_daytime(now, tz)
        for participant in participants(session, survey_round.id):
            if participant.finished_at is not None or participant.reminded_at is not None:
                continue
            if _owe(session, participant, REMINDER, f"{REMINDER}:{participant.id}", now,
                    send_at):
                participant.reminded_at = now
                session.add(participant)
                result.reminded += 1
    return result


def close(session: Session, survey_round: SurveyRound, now: datetime) -> bool:
    """Close a round once; its summary is owed to whoever started it."""
    claimed = session.execute(
        update(SurveyRound)
        .where(col(SurveyRound.id) == survey_round.id, col(SurveyRound.closed_at).is_(None))
        .values(closed_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if survey_round.created_by_user_id is not None:
        outbox.enqueue(session, user_id=survey_round.created_by_user_id, kind=SUMMARY,
                       ref_id=survey_round.id, dedupe_key=f"{SUMMARY}:{survey_round.id}",
                       now=now)
    audit(session, now, "survey.closed", None, f"survey_round:{survey_round.id}")
    return True


# --- results ---------------------------------------------------------------------------------


def shown(count: int) -> str:
    """A count as the summary shows it: 0, "<5" for 1–4, else the number."""
    return "<5" if 0 < count < SMALL else str(count)


@dataclass(frozen=True)
class Tally:
    label: str
    total: int
    formal: int
    informal: int


@dataclass(frozen=True)
class OpenAnswer:
    answer_id: int
    text: str
    concern: tuple[str, ...]  # signal words: a draft signal is worth offering


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    tallies: list[Tally] = field(default_factory=list)
    open_answers: list[OpenAnswer] = field(default_factory=list)


@dataclass
class Summary:
    survey_round: SurveyRound
    title: str
    invited: int
    responded: int  # answered at least one question
    finished: int
    results: list[QuestionResult]

    @property
    def rate(self) -> int:
        return round(100 * self.responded / self.invited) if self.invited else 0


def summary(session: Session, round_id: int) -> Summary | None:
    """Counts per answer, formal and informal apart, and the open answers (coordinator only)."""
    survey_round = session.get(SurveyRound, round_id)
    if survey_round is None:
        return None
    survey = session.get(Survey, survey_round.survey_id)
    people = participants(session, round_id)
    network = {p.id: p.network for p in people}
    answers = session.exec(
        select(SurveyAnswer).where(col(SurveyAnswer.participant_id).in_(list(network)),
                                   col(SurveyAnswer.answered_at).is_not(None))
        .order_by(col(SurveyAnswer.id))
    ).all() if network else []
    by_question: dict[int, list[SurveyAnswer]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    results = []
    for question in questions(session, survey_round.survey_id):
        given = by_question.get(question.id or 0, [])
        result = QuestionResult(question=question, answered=len(given))
        labels = (list(question.options) if question.kind in (ONE, MANY)
                  else [str(v) for v in SCALE_VALUES] if question.kind == SCALE else [])
        for index, label in enumerate(labels):
            chosen = [a for a in given if _picked(question, a, index)]
            formal = sum(1 for a in chosen if network.get(a.participant_id) == "formal")
            result.tallies.append(Tally(label, len(chosen), formal, len(chosen) - formal))
        if question.kind == OPEN:
            result.open_answers = [OpenAnswer(a.id or 0, a.text, tuple(signal_words(a.text)))
                                   for a in given if a.text]
        results.append(result)
    responded = {a.participant_id for a in answers}
    return Summary(survey_round=survey_round, title=survey.title if survey else "",
                   invited=len(people), responded=len(responded),
                   finished=sum(1 for p in people if p.finished_at is not None),
                   results=results)


def open_answer(session: Session, answer_id: int) -> SurveyAnswer | None:
    """An open answer, for the coordinator turning it into a draft signal."""
    answer = session.get(SurveyAnswer, answer_id)
    if answer is None or not answer.text:
        return None
    return answer


# --- closing the loop ------------------------------------------------------------------------


def loop_recipients(session: Session, round_id: int) -> list[tuple[Contact, User]]:
    """The round's partners who may still receive a message."""
    reached = []
    for participant in participants(session, round_id):
        user = session.get(User, participant.user_id)
        contact = session.get(Contact, participant.contact_id)
        if user is not None and contact is not None and partners.may_receive(session, user):
            reached.append((contact, user))
    return reached


def close_the_loop(session: Session, survey_round: SurveyRound, actor: User, message: str,
                   now: datetime, tz: ZoneInfo) -> Broadcast | None:
    """Send the round's partners "dit doen we ermee": delivered and recorded as shared like
    information from /informeer. Once per round; None when already sent or nobody is left."""
    text = message.strip()[:partners.MAX_TEXT]
    reached = loop_recipients(session, survey_round.id or 0)
    if not text or not reached or survey_round.loop_broadcast_id is not None:
        return None
    broadcast = partners.broadcast_to(session, actor, reached, segment_of(survey_round), text,
                                      urgent=False, now=now, tz=tz)
    survey_round.loop_broadcast_id = broadcast.id
    session.add(survey_round)
    audit(session, now, "survey.loop_closed", actor.id, f"survey_round:{survey_round.id}")
    return broadcast


# --- shared ----------------------------------------------------------------------------------


def _picked(question: SurveyQuestion, answer: SurveyAnswer, index: int) -> bool:
    if question.kind == SCALE:
        return answer.scale == SCALE_VALUES[index]
    return index in answer.choices


def _answerable(session: Session, participant: SurveyParticipant, question_id: int,
                now: datetime) -> SurveyQuestion | Outcome:
    if not is_open(round_of(session, participant), now):
        return Outcome.CLOSED
    question = current(session, participant)
    if question is None or question.id != question_id:
        return Outcome.STALE
    return question


def _answer_row(session: Session, participant: SurveyParticipant, question: SurveyQuestion
                ) -> SurveyAnswer:
    assert participant.id is not None
    assert question.id is not None
    answer = answer_of(session, participant.id, question.id)
    if answer is None:
        answer = SurveyAnswer(participant_id=participant.id, question_id=question.id)
    return answer


def _advance(session: Session, participant: SurveyParticipant, question: SurveyQuestion,
             answer: SurveyAnswer | None, now: datetime) -> Outcome:
    """Keep the answer and move to the next question; a double press moves once."""
    last = len(questions(session, round_of(session, participant).survey_id)) - 1
    finished = now if question.position >= last else None
    moved = session.execute(
        update(SurveyParticipant)
        .where(col(SurveyParticipant.id) == participant.id,
               col(SurveyParticipant.position) == question.position,
               col(SurveyParticipant.finished_at).is_(None))
        .values(position=question.position + 1, finished_at=finished)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        return Outcome.STALE
    if answer is not None:
        answer.answered_at = now
        session.add(answer)
    session.flush()
    session.refresh(participant)
    return Outcome.NEXT


def _owe(session: Session, participant: SurveyParticipant, kind: str, key: str, now: datetime,
         send_at: datetime) -> bool:
    assert participant.id is not None
    added = outbox.enqueue(session, user_id=participant.user_id, kind=kind,
                           ref_id=participant.id, dedupe_key=key, now=now)
    if added and send_at > now:
        row = session.exec(select(Outbox).where(Outbox.dedupe_key == key)).one()
        row.not_before = send_at
        session.add(row)
    return added

