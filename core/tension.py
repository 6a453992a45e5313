"""The tension picture per area: the level the coordinator set, why, its history, the next
review, and a proposal to review when signals accumulate.

Levels follow the Dutch phases of social unrest: 0 rustig (groen), 1 sluimerend ongenoegen
(geel), 2 oplopende spanningen (oranje), 3 escalatie (rood), plus the nafase. From level 2 the
keep-in-touch rhythm of contacts in the area tightens (see `Tightening`; core.rhythm applies it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, func, select

from core.access import audit
from core.signals import CLOSED, Status, area_and_children
from core.visits import remind_on
from storage.models import (
    Area,
    AreaTension,
    Contact,
    ContactArea,
    ContactStatus,
    FollowUp,
    FollowUpLink,
    FollowUpStatus,
    Signal,
    TriggerEvent,
    User,
)

LEVELS = ("groen", "geel", "oranje", "rood", "nafase")
RANK = {"groen": 0, "geel": 1, "oranje": 2, "rood": 3}  # the nafase has no rank of its own
AFTERMATH = "nafase"
PURPOSE_REVIEW = "herbeoordeling"
REVIEW_CHOICES = (7, 14, 28)  # days until the next review, offered as buttons
DEFAULT_REVIEW_DAYS = {"groen": 28, "geel": 28, "oranje": 14, "rood": 7, "nafase": 14}
_FOLLOWED = (ContactStatus.BENADERD, ContactStatus.ACTIEF, ContactStatus.SLAPEND)


@dataclass(frozen=True)
class Tightening:
    """How much more often contacts in a tense area are spoken to (configurable).

    From `from_level` up each level has a factor on the contact rhythm (0.5: twice as often);
    the nafase keeps the rhythm unless `aftermath` gives it a factor too.
    """

    from_level: int = 2
    factors: tuple[tuple[int, float], ...] = ((2, 0.5), (3, 0.25))
    aftermath: float | None = None
    min_days: int = 3

    def factor(self, level: str) -> float | None:
        if level == AFTERMATH:
            return self.aftermath
        rank = RANK.get(level)
        if rank is None or rank < self.from_level:
            return None
        chosen = None
        for at, factor in self.factors:
            if rank >= at:
                chosen = factor
        return chosen

    def apply(self, ideal_days: int, max_days: int, factor: float) -> tuple[int, int]:
        ideal = max(self.min_days, round(ideal_days * factor))
        return ideal, max(ideal, round(max_days * factor))

    @classmethod
    def parse(cls, text: str, min_days: int = 3) -> Tightening:
        """From a setting such as "oranje=0.5,rood=0.25" (each level from the first one named
        up tightens by its factor, a higher level by its own; "nafase=0.75" tightens the
        aftermath too; "geen" or nothing: the rhythm never tightens). Raises ValueError."""
        factors: dict[int, float] = {}
        aftermath = None
        for part in text.replace(";", ",").split(","):
            part = part.strip().lower()
            if part in ("", "geen", "none"):
                continue
            level, sep, value = part.partition("=")
            level = level.strip()
            if not sep or level not in LEVELS or level == "groen":
                raise ValueError(f"unknown tension level in {part!r} (geel, oranje, rood, nafase)")
            factor = float(value)
            if not 0 < factor <= 1:
                raise ValueError(f"factor in {part!r} must be above 0 and at most 1")
            if level == AFTERMATH:
                aftermath = factor
            else:
                factors[RANK[level]] = factor
        if min_days < 1:
            raise ValueError("min_days must be at least 1")
        ranks = sorted(factors)
        return cls(from_level=ranks[0] if ranks else len(RANK),
                   factors=tuple((rank, factors[rank]) for rank in ranks),
                   aftermath=aftermath, min_days=min_days)

    def by_level(self) -> list[tuple[str, float]]:
        """The factor of each level that tightens, in level order (for /spanning)."""
        return [(level, factor) for level in LEVELS
                if (factor := self.factor(level)) is not None]


@dataclass(frozen=True)
class ReviewPolicy:
    """When the bot proposes to review an area: this many signals since the last assessment,
    within the window (and a signal judged above the area's level always)."""

    threshold: int = 3
    window_days: int = 30


DEFAULT_TIGHTENING = Tightening()
DEFAULT_REVIEW = ReviewPolicy()


@dataclass(frozen=True)
class Tightened:
    area: str
    level: str
    factor: float


@dataclass(frozen=True)
class Proposal:
    """Why an area's picture should be looked at again."""

    area_id: int
    area: str
    new_signals: int
    since: date | None  # the last assessment, or None when the area was never assessed
    above_level: bool  # a signal was judged higher than the area's current level


@dataclass(frozen=True)
class AreaPicture:
    area_id: int
    area: str
    current: AreaTension | None
    open_signals: int
    proposal: Proposal | None


# --- reading the picture -----------------------------------------------------------------------


def current(session: Session, area_id: int) -> AreaTension | None:
    return session.exec(
        select(AreaTension).where(AreaTension.area_id == area_id)
        .order_by(col(AreaTension.set_at).desc(), col(AreaTension.id).desc())
    ).first()


def current_all(session: Session) -> dict[int, AreaTension]:
    """The latest assessment of every assessed area."""
    latest: dict[int, AreaTension] = {}
    for row in session.exec(
        select(AreaTension).order_by(col(AreaTension.set_at), col(AreaTension.id))
    ).all():
        latest[row.area_id] = row
    return latest


def history(session: Session, area_id: int, limit: int = 6) -> list[AreaTension]:
    """Earlier assessments, the newest first (the current one included)."""
    return list(session.exec(
        select(AreaTension).where(AreaTension.area_id == area_id)
        .order_by(col(AreaTension.set_at).desc(), col(AreaTension.id).desc()).limit(limit)
    ).all())


def level_rank(assessment: AreaTension | None) -> int:
    if assessment is None:
        return 0
    return RANK.get(assessment.level, 1)  # the nafase: still more than rustig


def proposal(session: Session, area_id: int, today: date,
             policy: ReviewPolicy = DEFAULT_REVIEW) -> Proposal | None:
    """A review proposal for the area when signals accumulate, else None."""
    area = session.get(Area, area_id)
    if area is None:
        return None
    assessment = current(session, area_id)
    window_start = today - timedelta(days=policy.window_days)
    statement = select(Signal).where(
        col(Signal.area_id).in_(area_and_children(session, area_id)),
        col(Signal.status) != Status.GEANNULEERD,
        col(Signal.observed_on) >= window_start,
    )
    if assessment is not None:
        statement = statement.where(col(Signal.created_at) > assessment.set_at)
    # A signal in a wijk assessed after it was recorded is covered by that assessment.
    latest = current_all(session)
    fresh = [s for s in session.exec(statement).all()
             if s.area_id == area_id or s.area_id not in latest
             or s.created_at > latest[s.area_id].set_at]
    rank = level_rank(assessment)
    above = any(s.tension_level is not None and s.tension_level > rank for s in fresh)
    if len(fresh) < policy.threshold and not above:
        return None
    assert area.id is not None
    return Proposal(area_id=area.id, area=area.name, new_signals=len(fresh),
                    since=assessment.set_at.date() if assessment else None, above_level=above)


def proposals(session: Session, today: date, policy: ReviewPolicy = DEFAULT_REVIEW
              ) -> list[Proposal]:
    """Every area whose picture should be reviewed, the most signals first."""
    window_start = today - timedelta(days=policy.window_days)
    area_ids = set(session.exec(
        select(Signal.area_id).where(col(Signal.observed_on) >= window_start)
    ).all())
    parents = set(session.exec(
        select(Area.parent_id).where(col(Area.id).in_(list(area_ids)))
    ).all())
    found = [p for area_id in sorted(area_ids | {a for a in parents if a is not None})
             if (p := proposal(session, area_id, today, policy)) is not None]
    # A stadsdeel proposed because of a wijk that is proposed itself adds nothing: keep the wijk.
    proposed = {p.area_id for p in found}
    found = [p for p in found
             if not set(area_and_children(session, p.area_id)[1:]) & proposed]
    return sorted(found, key=lambda p: (-p.new_signals, p.area))


def picture(session: Session, today: date, policy: ReviewPolicy = DEFAULT_REVIEW
            ) -> list[AreaPicture]:
    """Every area with an assessment or open signals, the tensest first."""
    latest = current_all(session)
    window_start = today - timedelta(days=policy.window_days)
    counts = dict(session.exec(
        select(Signal.area_id, func.count(col(Signal.id)))
        .where(col(Signal.status).not_in(list(CLOSED)), col(Signal.observed_on) >= window_start)
        .group_by(col(Signal.area_id))
    ).all())
    area_ids = set(latest) | set(counts)
    pictures: list[AreaPicture] = []
    for area_id in area_ids:
        area = session.get(Area, area_id)
        if area is None:
            continue
        assessment = latest.get(area_id)
        open_count = sum(counts.get(a, 0) for a in area_and_children(session, area_id))
        if assessment is not None and assessment.level == "groen" and not open_count:
            continue  # back to rustig without open signals: nothing to show
        pictures.append(AreaPicture(area_id, area.name, assessment, open_count,
                                    proposal(session, area_id, today, policy)))
    pictures.sort(key=lambda p: (-level_rank(p.current), -p.open_signals, p.area))
    return pictures


def justification(session: Session, assessment: AreaTension
                  ) -> tuple[list[Signal], list[TriggerEvent]]:
    """The signals and trigger events an assessment rests on."""
    found_signals = [s for i in assessment.signal_ids if (s := session.get(Signal, i))]
    events = [e for i in assessment.trigger_event_ids if (e := session.get(TriggerEvent, i))]
    return found_signals, events


# --- setting the level -------------------------------------------------------------------------


def assess(session: Session, area_id: int, level: str, reason: str, review_on: date | None,
           user: User, now: datetime, review_title: str = "",
           policy: ReviewPolicy = DEFAULT_REVIEW) -> AreaTension:
    """Record the coordinator's assessment of an area.

    The justification links the open signals of the last window in the area (and its wijken)
    and their trigger events, plus events in the area itself; the review date becomes a
    follow-up, and the previous review follow-up is done.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    window_start = now.date() - timedelta(days=policy.window_days)
    area_ids = area_and_children(session, area_id)
    linked = session.exec(
        select(Signal).where(col(Signal.area_id).in_(area_ids),
                             col(Signal.status).not_in(list(CLOSED)),
                             col(Signal.observed_on) >= window_start)
        .order_by(col(Signal.observed_on).desc(), col(Signal.id).desc())
    ).all()
    event_ids = [s.trigger_event_id for s in linked if s.trigger_event_id is not None]
    event_ids += [e for e in session.exec(
        select(TriggerEvent.id).where(col(TriggerEvent.area_id).in_(area_ids),
                                      col(TriggerEvent.happens_on) >= window_start)
    ).all() if e is not None]
    assessment = AreaTension(
        area_id=area_id, level=level, justification=" ".join(reason.split())[:600],
        signal_ids=[s.id for s in linked if s.id is not None],
        trigger_event_ids=sorted(set(event_ids)), review_on=review_on,
        set_by_user_id=user.id, set_at=now,
    )
    session.add(assessment)
    session.flush()
    for follow_up in _open_reviews(session, area_id):
        follow_up.status, follow_up.done_at = FollowUpStatus.DONE, now
        session.add(follow_up)
    if review_on is not None and review_title and user.id is not None:
        follow_up = FollowUp(title=review_title[:200], owner_user_id=user.id,
                             due_at=remind_on(review_on, now.tzinfo),
                             due_grain="day", created_at=now)
        session.add(follow_up)
        session.flush()
        assert follow_up.id is not None
        session.add(FollowUpLink(follow_up_id=follow_up.id, purpose=PURPOSE_REVIEW,
                                 area_tension_id=assessment.id))
    audit(session, now, "tension.assessed", user.id, f"area:{area_id}", level=level)
    return assessment


def _open_reviews(session: Session, area_id: int) -> list[FollowUp]:
    return list(session.exec(
        select(FollowUp)
        .join(FollowUpLink, col(FollowUpLink.follow_up_id) == col(FollowUp.id))
        .join(AreaTension, col(AreaTension.id) == col(FollowUpLink.area_tension_id))
        .where(AreaTension.area_id == area_id, FollowUp.status == FollowUpStatus.OPEN)
    ).all())


# --- the tightened rhythm ----------------------------------------------------------------------


def tense_areas(session: Session, tightening: Tightening = DEFAULT_TIGHTENING
                ) -> dict[int, tuple[AreaTension, float]]:
    """Areas whose current level tightens the rhythm, with the factor."""
    found: dict[int, tuple[AreaTension, float]] = {}
    for area_id, assessment in current_all(session).items():
        factor = tightening.factor(assessment.level)
        if factor is not None:
            found[area_id] = (assessment, factor)
    return found


def contact_tightening(session: Session, contact_ids: list[int],
                       tightening: Tightening = DEFAULT_TIGHTENING) -> dict[int, Tightened]:
    """For contacts in a tense area (or in a wijk of a tense stadsdeel): how it tightens."""
    tense = tense_areas(session, tightening)
    if not tense or not contact_ids:
        return {}
    rows = session.exec(
        select(ContactArea.contact_id, Area.id, Area.parent_id, Area.name)
        .join(Area, col(Area.id) == col(ContactArea.area_id))
        .where(col(ContactArea.contact_id).in_(contact_ids))
    ).all()
    names = dict(session.exec(select(Area.id, Area.name)
                              .where(col(Area.id).in_(list(tense)))).all())
    result: dict[int, Tightened] = {}
    for contact_id, area_id, parent_id, _name in rows:
        for tense_id in (area_id, parent_id):
            if tense_id in tense:
                assessment, factor = tense[tense_id]
                known = result.get(contact_id)
                if known is None or factor < known.factor:
                    result[contact_id] = Tightened(names[tense_id], assessment.level, factor)
    return result


def contacts_in(session: Session, area_id: int) -> int:
    """Followed contacts in the area or its wijken: whose rhythm a level change touches."""
    return int(session.exec(
        select(func.count(func.distinct(col(Contact.id))))
        .join(ContactArea, col(ContactArea.contact_id) == col(Contact.id))
        .where(col(ContactArea.area_id).in_(area_and_children(session, area_id)),
               col(Contact.archived_at).is_(None), col(Contact.status).in_(list(_FOLLOWED)))
    ).one())
