"""Time spent on the role: how long a visit took, and hours per week against the budget.

The memo's worry is that the coordinator role has to fit next to another job. So a logged
contact can carry a duration, read from the visit message ("anderhalf uur", "45 minuten",
"2 uur gesproken", "een half uurtje", "van 10 tot half 12") or chosen with a button, and
`/uren` adds up the user's own logged contacts per week against `hours_budget_per_week`.

Reading a duration prefers a miss to a wrong guess (the card shows it and a button fixes it):

- A clock time is not a duration: "om 2 uur", "rond 3 uur", "tot 12 uur", "half 12",
  "10.30 uur" (two digits after the separator), and "2 uur" straight after a day word
  ("vandaag 2 uur") unless a verb of talking follows ("vandaag 2 uur gesproken").
- A span of time away from the visit is not its duration: "over 2 uur", "binnen een uur",
  "2 uur later", "een uur geleden", "2 uur per week", "elke 2 uur".
- Text in a follow-up ("2 uur later bellen") is skipped by the caller (core.understanding).
- More than twelve hours is not a visit; the first duration in the text counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from storage.models import Interaction

MAX_MINUTES = 12 * 60  # a longer "duration" is something else (a time of day, a week)
CHOICES = (15, 30, 45, 60, 90, 120)  # the duration buttons on the card, in minutes
DEFAULT_BUDGET_HOURS = 10.0  # hours per week, when the setting is not given
DEFAULT_WEEKS = 8

# --------------------------------------------------------------------------- reading a duration

_NUMBER_WORDS: dict[str, float] = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15,
    "twintig": 20, "vijfentwintig": 25, "dertig": 30, "veertig": 40, "vijfenveertig": 45,
    "vijftig": 50, "zestig": 60, "negentig": 90, "anderhalf": 1.5, "anderhalve": 1.5,
    "tweeënhalf": 2.5, "tweeenhalf": 2.5, "drieënhalf": 3.5, "drieenhalf": 3.5,
    "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
}
# Longest first, so "vijfenveertig" is not read as "vijf".
_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:[.,]\d(?!\d))?|{_WORD})"
_HOUR = r"(?:uur(?:tje)?|uren|u|hours?)"
_MIN = r"(?:minuten|minuutjes?|minuut|min|mins|minutes?)"
_CLOCK = r"(?:half\s+\d{1,2}|kwart\s+(?:over|voor)\s+\d{1,2}|\d{1,2}(?:[:.]\d{2})?)"

_RANGE = re.compile(rf"\bvan\s+(?P<a>{_CLOCK})(?:\s*uur)?\s*(?:tot|-|–)\s*(?P<b>{_CLOCK})"
                    rf"(?:\s*uur)?(?!\w)|\b(?P<c>\d{{1,2}}[:.]\d{{2}})\s*(?:-|–|tot)\s*"
                    rf"(?P<d>\d{{1,2}}[:.]\d{{2}})(?!\d)")
# "1 uur 20 minuten", "1 uur en 20 min", "1u30"; "1 uur 20" only at the end of a phrase
# ("1 uur 20 jongeren" is not 80 minutes).
_HOURS_MINUTES = re.compile(
    rf"\b(?P<h>{_NUM})\s*{_HOUR}\s*(?:en\s+)?(?P<m>\d{{1,2}})"
    rf"(?:\s*{_MIN}(?!\w)|(?=\s*(?:[,;)]|\.(?!\d)|$)))")
_GLUED = re.compile(r"\b(?P<h>\d{1,2})u(?P<m>\d{2})\b")  # "1u30"
_AND_A_HALF = re.compile(rf"\b(?P<h>{_NUM})\s*(?:en\s+een\s+half|½)\s*{_HOUR}\b")
_HOUR_AND_A_HALF = re.compile(r"\ban\s+hour\s+and\s+a\s+half\b")
_HALF_HOUR = re.compile(
    r"\b(?:een\s+|a\s+)?(?:half\s*uur(?:tje)?|halfuur(?:tje)?|half\s+an\s+hour)\b")
_QUARTERS = re.compile(rf"\b(?:(?P<n>{_NUM})\s+)?kwartier(?:tje)?\b")
_ABOUT = re.compile(rf"\been\s+(?P<unit>uur|minuut|kwartier)\s+of\s+(?P<n>{_NUM})\b")
_HOURS = re.compile(rf"\b(?:(?P<h>{_NUM})\s*{_HOUR}|(?P<bare>uurtje))\b")
_MINUTES = re.compile(rf"\b(?P<m>{_NUM})\s*{_MIN}(?!\w)")

# Before a number: it is a clock time, or a span away from the visit.
_NOT_AFTER = frozenset({
    "om", "omstreeks", "rond", "rondom", "tegen", "vanaf", "tot", "sinds", "over", "binnen",
    "na", "elke", "iedere", "per", "voor", "tussen", "in", "at", "by", "around", "within",
    "every", "after", "before", "until",
})
# After the unit: a span away from the visit, or a part of the day.
_NOT_BEFORE = frozenset({
    "later", "geleden", "eerder", "daarna", "daarvoor", "ervoor", "erna", "voor", "na", "per",
    "ago", "before", "after", "from", "'s", "s", "ochtends", "middags", "avonds", "nachts",
    "terug", "tot", "-",
})
# Before a number: a day, so "vandaag 2 uur" is two o'clock — unless talking follows.
_DAY_WORDS = frozenset({
    "vandaag", "gisteren", "gister", "eergisteren", "morgen", "overmorgen", "vanochtend",
    "vanmorgen", "vanmiddag", "vanavond", "gisterochtend", "gistermiddag", "gisteravond",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "today", "yesterday", "tomorrow",
})
_TALKED = frozenset({
    "gesproken", "gepraat", "gezeten", "geweest", "bezig", "lang", "durend", "gebeld",
    "getelefoneerd", "overlegd", "vergaderd", "gewandeld", "samen",
})
# What could as well be a clock time ("2 uur", "een uur"); "anderhalf uur" never is.
_CLOCK_LIKE = re.compile(r"(?:\d{1,2}|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf"
                         r"|twaalf)\s*uur")
# After a range or a number: it counts something else ("van 12 tot 16 jaar").
_COUNTED = frozenset({"jaar", "jarigen", "jongeren", "kinderen", "mensen", "personen",
                      "deelnemers", "procent", "%", "euro", "years"})
_WORDS = re.compile(r"'s|[\w’'-]+|[^\w\s]")


class Duration(NamedTuple):
    minutes: int
    span: tuple[int, int]  # where in the text it was said
    is_range: bool  # "van 10 tot half 12": the visit's time of day is said as well


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    minutes: float
    is_range: bool


def find_duration(text: str, skip: Sequence[tuple[int, int]] = ()) -> Duration | None:
    """The first time-spent phrase in the text that is not inside one of the `skip` spans."""
    low = text.lower()
    candidates = sorted(_candidates(low), key=lambda c: (c.start, -(c.end - c.start)))
    taken_until = -1
    for candidate in candidates:
        if candidate.start < taken_until:
            continue  # part of a longer phrase already judged ("12 uur" in "van 10 tot 12 uur")
        taken_until = candidate.end
        if any(candidate.start < b and a < candidate.end for a, b in skip):
            continue
        minutes = round(candidate.minutes)
        if not 0 < minutes <= MAX_MINUTES:
            continue
        if not _stands_as_duration(low, candidate):
            continue
        return Duration(minutes, (candidate.start, candidate.end), candidate.is_range)
    return None


def read_duration_answer(text: str) -> int | None:
    """A typed duration after "anders": a phrase, or a bare number of minutes."""
    found = find_duration(text)
    if found is not None:
        return found.minutes
    bare = text.strip().rstrip(".")
    if bare.isdigit() and 0 < int(bare) <= MAX_MINUTES:
        return int(bare)
    return None


def _candidates(low: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for match in _RANGE.finditer(low):
        a, b = (match["a"], match["b"]) if match["a"] else (match["c"], match["d"])
        start, end = _clock_minutes(a), _clock_minutes(b)
        if start is not None and end is not None:
            if end <= start:
                end += 12 * 60  # "van 11 tot 1": one in the afternoon
            found.append(_Candidate(match.start(), match.end(), end - start, True))
    for match in (*_HOURS_MINUTES.finditer(low), *_GLUED.finditer(low)):
        found.append(_Candidate(match.start(), match.end(),
                                _number(match["h"]) * 60 + int(match["m"]), False))
    for match in _AND_A_HALF.finditer(low):
        found.append(_Candidate(match.start(), match.end(), (_number(match["h"]) + 0.5) * 60,
                                False))
    for match in _HOUR_AND_A_HALF.finditer(low):
        found.append(_Candidate(match.start(), match.end(), 90, False))
    for match in _HALF_HOUR.finditer(low):
        found.append(_Candidate(match.start(), match.end(), 30, False))
    for match in _QUARTERS.finditer(low):
        count = _number(match["n"]) if match["n"] else 1
        found.append(_Candidate(match.start(), match.end(), count * 15, False))
    for match in _ABOUT.finditer(low):
        per = {"uur": 60, "minuut": 1, "kwartier": 15}[match["unit"]]
        found.append(_Candidate(match.start(), match.end(), _number(match["n"]) * per, False))
    for match in _HOURS.finditer(low):
        hours = 1.0 if match["bare"] else _number(match["h"])
        found.append(_Candidate(match.start(), match.end(), hours * 60, False))
    for match in _MINUTES.finditer(low):
        found.append(_Candidate(match.start(), match.end(), _number(match["m"]), False))
    return found


def _number(word: str) -> float:
    word = word.strip()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return float(word.replace(",", "."))


def _clock_minutes(clock: str) -> int | None:
    """Minutes after midnight (or noon: only the difference matters) of "half 12", "10:30"."""
    parts = clock.split()
    if parts[0] == "half":
        return (int(parts[1]) - 1) * 60 + 30
    if parts[0] == "kwart":
        full = int(parts[2]) * 60
        return full + 15 if parts[1] == "over" else full - 15
    hour, _, minute = clock.replace(".", ":").partition(":")
    if int(hour) > 24 or (minute and int(minute) > 59):
        return None
    return int(hour) * 60 + (int(minute) if minute else 0)


def _stands_as_duration(low: str, candidate: _Candidate) -> bool:
    before = _WORDS.findall(low[:candidate.start])
    after = _WORDS.findall(low[candidate.end:])
    previous = before[-1] if before else ""
    following = after[0] if after else ""
    if following in _COUNTED:
        return False
    if candidate.is_range:
        return True
    phrase = low[candidate.start:candidate.end]
    if re.search(r"\d[.:]\d\d", phrase):
        return False  # "10.30 uur" is a clock time
    if previous in _NOT_AFTER or following in _NOT_BEFORE:
        return False
    if previous in ("half", "kwart"):
        return False
    clock_like = _CLOCK_LIKE.fullmatch(phrase) is not None
    return not (clock_like and previous in _DAY_WORDS and following not in _TALKED)


def format_duration(minutes: int, lang: str = "nl") -> str:
    """"1 uur 30 min", "45 min", "2 uur" (English: "1 h 30 min")."""
    hours, rest = divmod(max(minutes, 0), 60)
    unit = "uur" if lang == "nl" else "h"
    if hours and rest:
        return f"{hours} {unit} {rest} min"
    if hours:
        return f"{hours} {unit}"
    return f"{rest} min"


# --------------------------------------------------------------------------- hours per week


@dataclass(frozen=True)
class WeekHours:
    monday: date
    minutes: int  # the durations logged for contacts that happened in this week
    contacts: int  # contacts logged in this week
    without_duration: int  # of which no duration was given

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week


@dataclass(frozen=True)
class HoursOverview:
    weeks: list[WeekHours]  # oldest first; the last is the current week
    budget_minutes: int

    def over_budget(self, week: WeekHours) -> bool:
        return week.minutes > self.budget_minutes

    @property
    def weeks_over(self) -> int:
        return sum(1 for week in self.weeks if self.over_budget(week))

    @property
    def without_duration(self) -> int:
        return sum(week.without_duration for week in self.weeks)

    @property
    def total_minutes(self) -> int:
        return sum(week.minutes for week in self.weeks)

    @property
    def average_minutes(self) -> int:
        """Per whole week: the current, unfinished week does not pull the average down."""
        whole = self.weeks[:-1] or self.weeks
        return round(sum(week.minutes for week in whole) / len(whole))


def hours_per_week(session: Session, user_id: int, now: datetime, *,
                   weeks: int = DEFAULT_WEEKS,
                   budget_hours: float = DEFAULT_BUDGET_HOURS) -> HoursOverview:
    """The user's own logged contacts per ISO week, the last `weeks` weeks up to this one.

    Counted by when the contact happened, in the municipality's time zone (`now`'s zone)."""
    tz = now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else ZoneInfo("Europe/Amsterdam")
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=weeks - 1)
    start = datetime.combine(first_monday, time(0), tzinfo=tz)
    end = datetime.combine(this_monday + timedelta(weeks=1), time(0), tzinfo=tz)
    rows = session.exec(
        select(Interaction.occurred_at, Interaction.duration_minutes)
        .where(Interaction.logged_by_user_id == user_id,
               col(Interaction.occurred_at) >= start, col(Interaction.occurred_at) < end)
    ).all()
    minutes = [0] * weeks
    contacts = [0] * weeks
    without = [0] * weeks
    for occurred_at, duration in rows:
        day = occurred_at.astimezone(tz).date()
        index = (day - first_monday).days // 7
        contacts[index] += 1
        if duration is None:
            without[index] += 1
        else:
            minutes[index] += duration
    return HoursOverview(
        weeks=[WeekHours(first_monday + timedelta(weeks=i), minutes[i], contacts[i], without[i])
               for i in range(weeks)],
        budget_minutes=round(budget_hours * 60),
    )


__all__ = [
    "CHOICES", "DEFAULT_BUDGET_HOURS", "DEFAULT_WEEKS", "MAX_MINUTES", "Duration",
    "HoursOverview", "WeekHours", "find_duration", "format_duration", "hours_per_week",
    "read_duration_answer",
]
