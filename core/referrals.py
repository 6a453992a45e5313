"""Handing over a concern about one person (/zorg): a guided handoff, not a file.

Only a handoff record stays (design.md §2.2): area, age band, nature, short facts without a
name, where it went, an external reference and whether feedback came. The facts are wiped a
set term after the feedback, or a longer term when none comes; then only counts remain.

This module also holds the personal-data screen used for every free text about signals and
concerns: names, addresses, phone numbers, e-mail addresses and BSNs are refused there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel
from sqlmodel import Session, col, select

from core.access import audit
from core.reading.names import find_names
from core.understanding import contains_bsn
from core.visits import known, remind_on
from storage.models import (
    Area,
    FollowUp,
    FollowUpLink,
    FollowUpStatus,
    Referral,
    Role,
    User,
)

AGE_BANDS = ("<12", "12-17", "18-23", "24+", "onbekend")
NATURES = ("uitingen", "online", "verandering", "groep", "dreiging", "omgeving", "overig")
DESTINATIONS = ("contactpunt", "zvh", "wijkteam", "veilig_thuis", "politie", "lse", "overig")
MAX_FACTS = 600  # a handoff needs a few sentences, not a file
MAX_REFERENCE = 40
FEEDBACK_CHECKS = (14, 28, 42)  # days until the bot reminds to ask for feedback
DEFAULT_FEEDBACK_CHECK = 28
PURPOSE_FEEDBACK = "terugkoppeling"


@dataclass(frozen=True)
class Retention:
    """How long the facts of a handed-over concern stay (configurable; counts stay)."""

    after_feedback: timedelta = timedelta(days=30)
    without_feedback: timedelta = timedelta(days=365)


DEFAULT_RETENTION = Retention()


# --- the personal-data screen ------------------------------------------------------------------


class Found(StrEnum):
    BSN = "bsn"
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"
    NAME = "name"


@dataclass(frozen=True)
class Finding:
    kind: Found
    text: str  # what was found, to quote back in the refusal (never stored, never logged)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d\s().-]{7,16}\d(?!\w)")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET = re.compile(
    r"\b(?:[A-ZÀ-Ý][\w'-]*(?:straat|laan|weg|plein|gracht|kade|singel|dreef|hof|pad|steeg|"
    r"dijk|baan|ring|markt|boulevard|erf|park|passage|promenade|street|road|avenue)|Markt|Plein|"
    r"Hof|Dreef|Kade|Singel|Boulevard|Promenade|Passage|Erf)\s+\d{1,4}\s?[a-zA-Z]?\b"
    r"(?!\s*(?:jongeren|mensen|personen|jongens|meiden|kinderen|keer|minuten|uur|dagen|weken|"
    r"maanden|man|people|times|hours|days))",
)
_HOUSE_NUMBER = re.compile(r"\b(?:huisnummer|nummer|nr\.?)\s*\d{1,4}\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
_CAPITALISED = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+")
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "el", "al", "ben", "bin", "la", "le",
              "da", "di", "du", "von", "'t"}
# Words that name a person when a capitalised word follows: "mevrouw Jansen", "zoon van Ali".
_NAME_CUES = re.compile(
    r"\b(?:meneer|mevrouw|mevr|dhr|mw|mr|mrs|ms|genaamd|heet|heten|naam|named|called|"
    r"(?:zoon|dochter|broer|zus|vader|moeder|neef|nicht|oom|tante|vriend|vriendin|buurman|"
    r"buurvrouw|son|daughter|brother|sister|father|mother)\s+van|jongen|meisje|jongeman|"
    r"leerling|bewoner|buurman|buurvrouw|buurjongen|buurmeisje|boy|girl|student)\.?[,:]?\s+",
    re.IGNORECASE,
)
# Capitalised words that are not names: sentence starters, days, months, places and platforms
# a coordinator names in a signal. Area and organisation names come from the register.
_NOT_NAMES = {
    "de", "het", "een", "in", "op", "bij", "na", "voor", "sinds", "tijdens", "volgens", "er",
    "hij", "zij", "ze", "wij", "we", "ik", "men", "dit", "dat", "deze", "die", "daar", "hier",
    "ook", "nu", "toen", "vandaag", "gisteren", "morgen", "vorige", "volgende",
    "afgelopen", "komende", "rond", "over", "onder", "tussen", "zorgen", "zorg", "jongeren",
    "jongens", "meiden", "bewoners", "ouders", "leerlingen", "veel", "enkele", "sommige",
    "meerdere", "twee", "drie", "vier", "geen", "al", "nog", "wel", "niet", "maar", "en",
    "of", "omdat", "als", "wat", "wie", "waar", "wanneer", "hoe", "the", "a", "an", "at",
    "on", "since", "during", "after", "before", "according", "some", "several", "young",
    "people", "residents", "parents", "this", "that", "there", "yesterday", "today",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "january", "february", "march", "may", "june", "july",
    "august", "october",
    "almere", "nederland", "amsterdam", "rotterdam", "utrecht", "den", "haag", "flevoland",
    "tiktok", "instagram", "snapchat", "telegram", "whatsapp", "youtube", "facebook", "twitter",
    "discord", "reddit", "signal", "x",
    "politie", "wijkteam", "veilig", "thuis", "gemeente", "school", "moskee", "kerk",
    "synagoge", "tempel", "buurthuis", "jongerenwerk", "ramadan", "pasen", "kerst",
    "suikerfeest", "offerfeest", "keti", "koti", "dodenherdenking", "bevrijdingsdag",
    "gemeentelijk", "contactpunt", "zorg-", "veiligheidshuis", "landelijk", "steunpunt",
    "extremisme", "openbaar", "ministerie", "raad", "college", "burgemeester", "wethouder",
    "vader", "moeder", "zoon", "dochter", "broer", "zus", "oom", "tante", "neef", "nicht",
    "jongen", "meisje", "man", "vrouw", "jongeman", "leerling", "bewoner", "buurman",
    "buurvrouw", "vriend", "vriendin", "father", "mother", "son", "daughter", "brother",
    "sister", "boy", "girl", "woman",
}
def screen(text: str, known_names: Iterable[str] = (), allowed: Iterable[str] = ()
           ) -> list[Finding]:
    """What in `text` identifies a person: BSNs, e-mail addresses, phone numbers, addresses
    and names (known contacts, any name the name finder reads, "mevrouw X", a first and last
    name)."""
    found: list[Finding] = []
    if contains_bsn(text):
        found.append(Finding(Found.BSN, ""))
    found += [Finding(Found.EMAIL, m.group(0)) for m in _EMAIL.finditer(text)]
    without_email = _EMAIL.sub(" ", text)
    for match in _PHONE.finditer(without_email):
        digits = re.sub(r"\D", "", match.group(0))
        if _looks_like_phone(match.group(0), digits) and not contains_bsn(match.group(0)):
            found.append(Finding(Found.PHONE, match.group(0).strip()))
    rest = without_email
    for pattern in (_STREET, _POSTCODE, _HOUSE_NUMBER):
        found += [Finding(Found.ADDRESS, m.group(0).strip()) for m in pattern.finditer(rest)]
        rest = pattern.sub(" ", rest)
    found += [Finding(Found.NAME, name) for name in _names(rest, known_names, allowed)]
    return found


def only_names(findings: list[Finding]) -> bool:
    """True when everything found is a possible name: the writer may say it is none."""
    return bool(findings) and all(f.kind is Found.NAME for f in findings)


def screen_for(session: Session, text: str) -> list[Finding]:
    """`screen` with the register's contact names as names, and its areas and organisations
    as words that are not names."""
    register = known(session)
    allowed = [name for _, name in (*register.areas, *register.organisations)]
    return screen(text, (name for _, name in register.contacts), allowed)


def _looks_like_phone(raw: str, digits: str) -> bool:
    if raw.strip().startswith("+") or digits.startswith("00"):
        return 10 <= len(digits) <= 15
    return len(digits) == 10 and digits.startswith("0")


def _names(text: str, known_names: Iterable[str], allowed: Iterable[str]) -> list[str]:
    not_names = set(_NOT_NAMES)
    places = list(allowed)
    for phrase in places:
        not_names.update(w.lower() for w in _WORD.findall(phrase))
    names: list[str] = []

    def add(name: str) -> None:
        if name and name not in names:
            names.append(name)

    for full in known_names:
        parts = full.split()
        for alias in (full, parts[0] if parts else ""):
            if len(alias) > 2 and re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
                add(alias)
                break
    for cue in _NAME_CUES.finditer(text):
        following = _capitalised_run(text, cue.end(), not_names, first_may_be_common=True)
        if following:
            add(following)
    # The name finder (deduce's Dutch name lists, also at the start of a sentence and in lower
    # case): "Dewi zegt…", "Ilyas heeft…". Titles are not part of the name.
    for mention in find_names(text, places):
        if not all(w.lower() in not_names for w in _WORD.findall(mention.text)):
            add(mention.text)
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not _CAPITALISED.fullmatch(word) or word.lower() in not_names:
            continue
        run = _capitalised_run(text, match.start(), not_names)
        if " " in run:  # a first and a last name: "Youssef El Amrani", "Jan de Vries"
            add(run)
    # A shorter name inside a longer one found (Fatima in Fatima Bakkali) is the same name.
    return [n for n in names if not any(n != other and n in other for other in names)]


def _capitalised_run(text: str, start: int, not_names: set[str], *,
                     first_may_be_common: bool = False) -> str:
    """The capitalised words (with particles like 'van der') starting at `start`."""
    words: list[str] = []
    pending: list[str] = []
    for match in re.finditer(r"\S+", text[start:]):
        raw = match.group(0)
        word = raw.strip(",.;:!?()\"“”'")
        if words and word.lower() in _PARTICLES:
            pending.append(word)
        elif _CAPITALISED.fullmatch(word) and (
            word.lower() not in not_names or (first_may_be_common and not words)
        ):
            words += [*pending, word]
            pending = []
        else:
            break
        if raw != word or len(words) >= 4:
            break
    return " ".join(words)


# --- the handoff -------------------------------------------------------------------------------


class ReferralDraft(BaseModel):
    """The answers so far; kept in the dialogue state until Opslaan."""

    area_id: int | None = None
    age_band: str | None = None
    nature: str | None = None
    facts: str = ""
    referred_to: str | None = None
    external_reference: str | None = None
    feedback_days: int = DEFAULT_FEEDBACK_CHECK

    def missing(self) -> list[str]:
        fields = {"area": self.area_id, "age_band": self.age_band, "nature": self.nature,
                  "facts": self.facts, "referred_to": self.referred_to}
        return [name for name, value in fields.items() if not value]


class ReferralError(ValueError):
    """The draft cannot be stored (a field is missing or holds personal data)."""


def save_referral(session: Session, draft: ReferralDraft, user: User, now: datetime,
                  follow_up_title: str) -> Referral:
    """Record the handoff and the reminder to ask for feedback, in one transaction."""
    missing = draft.missing()
    if missing:
        raise ReferralError(f"missing: {', '.join(missing)}")
    hard = [f for f in screen(draft.facts) if f.kind is not Found.NAME]
    if hard or contains_bsn(draft.external_reference or ""):
        raise ReferralError("the facts hold personal data")
    assert draft.area_id
    assert draft.age_band
    assert draft.nature
    assert draft.referred_to
    assert user.id is not None
    today = now.date()
    check_on = today + timedelta(days=draft.feedback_days)
    referral = Referral(
        area_id=draft.area_id, age_band=draft.age_band, nature=draft.nature,
        facts=draft.facts[:MAX_FACTS], referred_to=draft.referred_to,
        external_reference=(draft.external_reference or None),
        referred_on=today, feedback_check_on=check_on, created_by_user_id=user.id,
        created_at=now,
    )
    session.add(referral)
    session.flush()
    assert referral.id is not None
    follow_up = FollowUp(
        title=follow_up_title.format(ref=reference(referral.id)), owner_user_id=user.id,
        due_at=remind_on(check_on, now.tzinfo), due_grain="day",
        created_at=now,
    )
    session.add(follow_up)
    session.flush()
    assert follow_up.id is not None
    session.add(FollowUpLink(follow_up_id=follow_up.id, purpose=PURPOSE_FEEDBACK,
                             referral_id=referral.id))
    audit(session, now, "referral.created", user.id, f"referral:{referral.id}",
          referred_to=referral.referred_to)
    return referral


def reference(referral_id: int) -> str:
    """How a handoff is named in the chat: Z-12 (never by anything about the person)."""
    return f"Z-{referral_id}"


class Outcome(StrEnum):
    RECORDED = "recorded"
    ALREADY = "already"
    NOT_FOUND = "not_found"


def visible_referrals(session: Session, user: User) -> list[Referral]:
    """Handoffs this user may see: all for a coordinator or admin, their own for others."""
    statement = select(Referral).order_by(col(Referral.referred_on).desc(),
                                          col(Referral.id).desc())
    if user.role not in (Role.COORDINATOR, Role.ADMIN):
        statement = statement.where(Referral.created_by_user_id == user.id)
    return list(session.exec(statement).all())


def referral_for(session: Session, referral_id: int, user: User) -> Referral | None:
    referral = session.get(Referral, referral_id)
    if referral is None:
        return None
    if user.role not in (Role.COORDINATOR, Role.ADMIN) and referral.created_by_user_id != user.id:
        return None
    return referral


def record_feedback(session: Session, referral_id: int, user: User, now: datetime,
                    retention: Retention = DEFAULT_RETENTION) -> tuple[Outcome, Referral | None]:
    """Feedback came: the reminder is done and the facts get their purge date."""
    referral = referral_for(session, referral_id, user)
    if referral is None:
        return Outcome.NOT_FOUND, None
    if referral.feedback_received_on is not None:
        return Outcome.ALREADY, referral
    referral.feedback_received_on = now.date()
    referral.purge_on = now.date() + retention.after_feedback
    session.add(referral)
    for follow_up in _feedback_follow_ups(session, referral_id):
        follow_up.status, follow_up.done_at = FollowUpStatus.DONE, now
        session.add(follow_up)
    audit(session, now, "referral.feedback", user.id, f"referral:{referral_id}")
    return Outcome.RECORDED, referral


def purge_now(session: Session, referral_id: int, user: User, now: datetime) -> Outcome:
    """Wipe the facts at once (the coordinator no longer needs them)."""
    referral = referral_for(session, referral_id, user)
    if referral is None:
        return Outcome.NOT_FOUND
    if referral.purged_at is not None:
        return Outcome.ALREADY
    _purge(session, referral, now, "requested", user.id)
    return Outcome.RECORDED


def purge_due(session: Session, now: datetime, retention: Retention = DEFAULT_RETENTION,
              limit: int = 500) -> int:
    """Wipe the facts of every handoff past its term; returns how many were purged.

    Past the term after feedback, or — when no feedback ever came — past the longer term
    after the handoff. Area, age band, nature, destination and dates stay, for counting.
    """
    today = now.date()
    due = session.exec(
        select(Referral)
        .where(col(Referral.purged_at).is_(None))
        .where(
            (col(Referral.purge_on) <= today)
            | (col(Referral.feedback_received_on).is_(None)
               & (col(Referral.referred_on) <= today - retention.without_feedback))
        )
        .order_by(col(Referral.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for referral in due:
        reason = "after_feedback" if referral.feedback_received_on else "without_feedback"
        _purge(session, referral, now, reason, None)
    return len(due)


def _purge(session: Session, referral: Referral, now: datetime, reason: str,
           actor: int | None) -> None:
    referral.facts = ""
    referral.external_reference = None
    referral.purged_at = now
    referral.purge_on = referral.purge_on or now.date()
    session.add(referral)
    assert referral.id is not None
    for follow_up in _feedback_follow_ups(session, referral.id):
        follow_up.status, follow_up.done_at = FollowUpStatus.DONE, now
        session.add(follow_up)
    audit(session, now, "referral.purged", actor, f"referral:{referral.id}", reason=reason)


def _feedback_follow_ups(session: Session, referral_id: int) -> list[FollowUp]:
    return list(session.exec(
        select(FollowUp)
        .join(FollowUpLink, col(FollowUpLink.follow_up_id) == col(FollowUp.id))
        .where(FollowUpLink.referral_id == referral_id, FollowUp.status == FollowUpStatus.OPEN)
    ).all())


@dataclass(frozen=True)
class Counts:
    """What stays countable of the handoffs: no facts, no references."""

    total: int
    with_feedback: int
    waiting: int
    by_destination: dict[str, int]
    by_area: dict[str, int]


def counts(session: Session, since: date) -> Counts:
    rows = session.exec(
        select(Referral, Area.name)
        .join(Area, col(Area.id) == col(Referral.area_id))
        .where(col(Referral.referred_on) >= since)
    ).all()
    destinations = Counter(r.referred_to for r, _ in rows)
    areas = Counter(name for _, name in rows)
    feedback = sum(1 for r, _ in rows if r.feedback_received_on is not None)
    return Counts(total=len(rows), with_feedback=feedback, waiting=len(rows) - feedback,
                  by_destination=dict(destinations.most_common()),
                  by_area=dict(areas.most_common()))
