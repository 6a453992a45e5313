"""Time expressions in plain Dutch (and English): "volgende week dinsdag", "morgen half vier".

Why a layer of our own: dateparser misreads everyday Dutch (design §8: "om 10 uur" becomes
"in ten hours"; "volgende week dinsdag", "komende vrijdag", "half vier" fail). So this module
recognises the Dutch forms itself and only asks dateparser about text it does not know;
a dateparser answer never overrides a Dutch one.

Choices a reader could argue with (each is tested):

- Day-month order, always ("14-12" is 14 December). A date without a year is the next such
  date from today on (prefer future) or the latest up to today (prefer past).
- A bare weekday is the next one after today ("dinsdag" said on a Tuesday is next week's);
  "afgelopen/vorige dinsdag" is the latest one before today. "volgende/komende/aanstaande
  dinsdag" is the next one after today; "volgende week dinsdag" and "dinsdag volgende week" are
  the Tuesday of the next ISO week; "deze dinsdag" is today when today is Tuesday.
- Clock hours 1..7 written without a part of day, am/pm or a leading zero are afternoon
  ("om 3 uur" = 15:00, "half acht" = 19:30, "7:30" = 19:30, "07:30" = 07:30): the next
  sensible working time. "'s ochtends", "'s middags", "'s avonds", "'s nachts" override it.
- A time without a day is today when still ahead (prefer future), otherwise tomorrow.
- Parts of the day: ochtend 09:00, middag 14:00, avond 19:00 (grain "hour").
- "begin <maand>" is the 1st, "half/medio <maand>" the 15th, "eind <maand>" the last day
  minus six (the start of the month's last week). "begin/eind van de week": Monday/Friday.
  "eind van de maand" / "eind vd maand" / "eind volgende maand" is a deadline: the month's
  last working day.
  These are working days: a weekend or Dutch public holiday (the `holidays` package) moves
  on to the next working day ("eind december" is 28 December 2026, not Christmas), the end of
  a week back to the Thursday. "begin van de maand/week" once that begin has passed is the
  next month's/week's, "eind van de week" said in the weekend the coming Friday.
- Phone shorthand: "vd" (van de), "wk", "dgn", "mnd"; "di", "wo", "vr", "za" with a dot,
  after "op" or beside a clock time count inside a message; a day name one typo away
  ("dinsdg", "vrijdga") is that day; "14 uur 15" is 14:15.
- dateparser is asked only about short texts (FALLBACK_CHARS): its time grows with length.
- "over 2 uur" counts elapsed time (so it stays two real hours across a DST switch); days,
  weeks and months count on the calendar, keeping the wall-clock time.
- Dates with a dot and two parts are clock times when they can be ("14.30", "10.15"), dates
  otherwise ("31.10"); with three parts they are dates ("31.10.1974").
- A time range means its start: "10-12 uur", "van 10 tot 12", "tussen 2 en 4" (14:00).
- "vandaag/morgen/dinsdag over een week" counts from that day.
- Words that are as often not a time stand alone only as a whole text: "ma", "do", "Jan 2",
  "weekend", "2 uur" (a duration?), "10 tot 12" (a count?). Inside a message find_when skips
  them unless something makes them a time ("om 2 uur", "ma 10:00", "in het weekend").
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import holidays
from rapidfuzz.distance import OSA

from core.reading.names import dutch_word

Grain = Literal["minute", "hour", "day", "week", "month"]
Prefer = Literal["future", "past"]

MAX_INPUT = 500  # characters; longer input is truncated before parsing (ReDoS guard)


@dataclass(frozen=True)
class When:
    """The moment a text refers to, and how precisely it was said."""

    start: datetime
    grain: Grain


@dataclass(frozen=True)
class Found:
    """A time expression found inside a longer text, with where it was."""

    when: When
    span: tuple[int, int]


# --------------------------------------------------------------------------- vocabulary

_WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
# Short forms are everyday words too ("ma", "do", "sun"): alone they only count as a whole text.
_WEEKDAYS_SHORT: dict[str, int] = {
    "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6, "mon": 0, "tue": 1,
    "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
# These are not everyday Dutch words ("ma", "do", "zo" are): with a dot, after "op" or beside a
# clock time they are a day inside a message too ("vr. terugbellen", "op di", "di 10u").
_WEEKDAYS_CLEAR_SHORT = frozenset({"di", "wo", "vr", "za"})
# Typed too fast: one letter missing, extra, wrong, or two swapped ("dinsdg", "vrijdga").
# Real words that close to a day name are not a day.
_NOT_A_TYPO = frozenset({"zondig", "maandags", "dinsdags", "woensdags", "donderdags",
                         "vrijdags", "zaterdags", "zondags"})
_MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "june": 6, "july": 7, "august": 8, "october": 10,
}
# Abbreviations and English words that are also verbs or names ("Jan", "may", "march"):
# they need a day number, a year or "in" before them.
_MONTHS_SHORT: dict[str, int] = {
    "jan": 1, "feb": 2, "mrt": 3, "mar": 3, "march": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_NEXT = frozenset({"volgende", "volgend", "komende", "komend", "aanstaande", "eerstvolgende",
                   "next", "coming"})
_LAST = frozenset({"afgelopen", "vorige", "vorig", "voorbije", "last", "previous", "past"})
_THIS = frozenset({"deze", "dit", "this"})

_NUMBER_WORDS: dict[str, int] = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20, "dertig": 30, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}

_PART_HOURS: dict[str, int] = {"ochtend": 9, "middag": 14, "avond": 19}
_PART_WORDS: dict[str, str] = {
    "ochtend": "ochtend", "morgen": "ochtend", "middag": "middag", "avond": "avond",
    "nacht": "nacht", "morning": "ochtend", "afternoon": "middag", "evening": "avond",
    "night": "nacht",
}
_PART_GENITIVE: dict[str, str] = {  # after "'s": "'s ochtends"
    "ochtends": "ochtend", "morgens": "ochtend", "middags": "middag", "avonds": "avond",
    "nachts": "nacht",
}
_PART_ONE_WORD: dict[str, str] = {
    "sochtends": "ochtend", "smorgens": "ochtend", "smiddags": "middag", "savonds": "avond",
    "snachts": "nacht",
}
_DAY_WORDS: dict[str, int] = {
    "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2, "gisteren": -1,
    "gister": -1, "yesterday": -1, "eergisteren": -2,
}
_DAY_PART_WORDS: dict[str, tuple[int, str]] = {
    "vanochtend": (0, "ochtend"), "vanmorgen": (0, "ochtend"), "vanmiddag": (0, "middag"),
    "vanavond": (0, "avond"), "tonight": (0, "avond"), "morgenochtend": (1, "ochtend"),
    "morgenvroeg": (1, "ochtend"), "morgenmiddag": (1, "middag"), "morgenavond": (1, "avond"),
    "overmorgenochtend": (2, "ochtend"), "gisterochtend": (-1, "ochtend"),
    "gistermorgen": (-1, "ochtend"), "gistermiddag": (-1, "middag"),
    "gisteravond": (-1, "avond"),
}
_DAY_PHRASES: tuple[tuple[tuple[str, ...], int], ...] = (
    (("the", "day", "after", "tomorrow"), 2),
    (("day", "after", "tomorrow"), 2),
    (("the", "day", "before", "yesterday"), -2),
    (("day", "before", "yesterday"), -2),
)
_WEEKDAY_PART = re.compile(
    r"(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    r"(ochtend|morgen|middag|avond|nacht)"
)

_UNITS: dict[str, str] = {
    "minuut": "minute", "minuten": "minute", "minuutje": "minute", "minuutjes": "minute",
    "min": "minute", "minute": "minute", "minutes": "minute", "mins": "minute",
    "kwartier": "quarter", "uur": "hour", "uren": "hour", "uurtje": "hour", "uurtjes": "hour",
    "hour": "hour", "hours": "hour", "dag": "day", "dagen": "day", "dagje": "day",
    "day": "day", "days": "day", "week": "week", "weken": "week", "weekje": "week",
    "weeks": "week", "maand": "month", "maanden": "month", "month": "month",
    "months": "month", "jaar": "year", "jaren": "year", "year": "year", "years": "year",
    "dgn": "day", "dg": "day", "wk": "week", "wkn": "week", "mnd": "month", "mndn": "month",
}
_WEEK_NOUNS = ("week", "wk")
_MONTH_NOUNS = ("maand", "month", "mnd")
_EDGES: dict[str, str] = {
    "begin": "begin", "start": "begin", "beginning": "begin", "early": "begin",
    "eind": "end", "einde": "end", "eindje": "end", "end": "end", "late": "end",
    "half": "mid", "midden": "mid", "medio": "mid", "mid": "mid", "halverwege": "mid",
}
_KNOWN_WORDS = (frozenset(_WEEKDAYS) | frozenset(_MONTHS) | _NEXT | _LAST | _THIS
                | frozenset(_NUMBER_WORDS) | frozenset(_PART_WORDS) | frozenset(_PART_ONE_WORD)
                | frozenset(_DAY_WORDS) | frozenset(_DAY_PART_WORDS) | frozenset(_UNITS)
                | frozenset(_EDGES))
_ORDINAL_SUFFIXES = frozenset({"e", "de", "ste", "st", "nd", "rd", "th"})
_CONNECTORS = frozenset({",", "om", "op", "rond", "rondom", "omstreeks", "tegen", "vanaf",
                         "at", "on", "around", "about", "by", "van", "tussen", "from",
                         "between"})
_TIME_PREPOSITIONS = frozenset({"om", "rond", "rondom", "omstreeks", "tegen", "vanaf", "at",
                                "around", "about", "by"})
# Before a time range ("van 10 tot 12", "tussen 2 en 4"): a bare number counts only in a range.
_RANGE_PREPOSITIONS = frozenset({"van", "tussen", "from", "between"})
_RANGE_WORDS = frozenset({"-", "tot", "until", "till", "to"})
_PUNCTUATION = frozenset({":", ".", "/", ",", "-"})


# --------------------------------------------------------------------------- calendar


@lru_cache(maxsize=256)
def public_holidays(year: int) -> dict[date, str]:
    """Dutch public holidays of `year` by their English names, as the `holidays` package says.

    The package knows the years 1966..2100 and moves King's Day off a Sunday itself. It lists
    Liberation Day only in the years it is an official day off (every fifth year).
    """
    found = holidays.country_holidays("NL", years=year, language="en_US")
    return {day: str(name) for day, name in found.items()}


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Dutch public holiday (design: no reminders on Christmas)."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_day_from(day: date, step: int = 1) -> date:
    """`day` itself when it is a working day, otherwise the next (step 1) or previous (-1) one."""
    for _ in range(14):  # never more than a long weekend plus two holidays
        if is_working_day(day):
            return day
        day += timedelta(days=step)
    return day


def _named_holiday(name: str) -> Callable[[int], date | None]:
    """A holiday the package computes (Easter and the days that hang on it, King's Day)."""
    def rule(year: int) -> date | None:
        days = [day for day, called in public_holidays(year).items()
                if name in called.split("; ")]  # two on one day: "Ascension Day; Liberation Day"
        return days[0] if days else None
    return rule


def _prinsjesdag(year: int) -> date:
    """Third Tuesday of September."""
    first = date(year, 9, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 14)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


_HOLIDAYS: tuple[tuple[tuple[str, ...], Callable[[int], date | None]], ...] = tuple(
    sorted(
        (
            (tuple(name.split()), rule)
            for names, rule in (
                ("kerst|kerstmis|kerstdag|eerste kerstdag|1 e kerstdag|christmas|"
                 "christmas day|xmas", _fixed(12, 25)),
                ("kerstavond|christmas eve", _fixed(12, 24)),
                ("tweede kerstdag|2 e kerstdag|boxing day", _fixed(12, 26)),
                ("oudjaar|oudejaar|oudejaarsdag|oudejaarsavond|oud en nieuw|new year 's eve|"
                 "new years eve|new year eve", _fixed(12, 31)),
                ("nieuwjaar|nieuwjaarsdag|new year 's day|new years day|new year",
                 _fixed(1, 1)),
                ("koningsdag|king 's day|kings day", _named_holiday("King's Day")),
                ("dodenherdenking", _fixed(5, 4)),
                ("bevrijdingsdag|liberation day", _fixed(5, 5)),
                ("sinterklaas|sinterklaasavond|pakjesavond", _fixed(12, 5)),
                ("prinsjesdag", _prinsjesdag),
                ("goede vrijdag|good friday", _named_holiday("Good Friday")),
                ("pasen|eerste paasdag|1 e paasdag|paaszondag|easter|easter sunday",
                 _named_holiday("Easter Sunday")),
                ("tweede paasdag|2 e paasdag|paasmaandag|easter monday",
                 _named_holiday("Easter Monday")),
                ("hemelvaart|hemelvaartsdag|ascension|ascension day",
                 _named_holiday("Ascension Day")),
                ("pinksteren|eerste pinksterdag|1 e pinksterdag|pinksterzondag|pentecost|"
                 "whitsun|whit sunday", _named_holiday("Pentecost")),
                ("tweede pinksterdag|2 e pinksterdag|pinkstermaandag|whit monday",
                 _named_holiday("Pentecost Monday")),
            )
            for name in names.split("|")
        ),
        key=lambda entry: -len(entry[0]),
    )
)


_HOLIDAYS_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], Callable[[int], date | None]]]] = {}
for _entry in _HOLIDAYS:  # longest first within each list too; looked up per token
    _HOLIDAYS_BY_FIRST_WORD.setdefault(_entry[0][0], []).append(_entry)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    """Calendar months, clamping the day (31 January + 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _edge_of_month(year: int, month: int, edge: str) -> date:
    if edge == "begin":
        return date(year, month, 1)
    if edge == "mid":
        return date(year, month, 15)
    return date(year, month, calendar.monthrange(year, month)[1] - 6)


def _localise(wall: datetime, zone: tzinfo | None) -> datetime:
    """Attach `zone` to a wall-clock time; a time skipped by a DST jump moves forward.

    zoneinfo reads a wall time right with a plain replace(); going through UTC and back turns a
    nonexistent time (02:30 on the spring-forward night) into the real one (03:30).
    pytz zones need their own localize().
    """
    if zone is None:
        return wall
    localize = getattr(zone, "localize", None)
    if callable(localize):
        localized = localize(wall)
        normalize = getattr(zone, "normalize", None)
        if callable(normalize):
            localized = normalize(localized)
        if isinstance(localized, datetime):
            return localized
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


# --------------------------------------------------------------------------- tokens


class _Tok(NamedTuple):
    text: str
    start: int
    end: int


# Each alternative is a plain run or a fixed string: no nested quantifiers, linear time.
_TOKEN = re.compile(r"'s(?![^\W\d_])|o'clock|[0-9]+|[^\W\d_]+|[:./,-]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character in, one out: lower case without accents, so spans stay valid.

    Other scripts' digits become ASCII ones; digit-like signs int() cannot read ("²", "①")
    become spaces, so a token that looks like a number always is one.
    """
    if char.isdigit() and not char.isascii():
        value = unicodedata.decimal(char, None)
        return " " if value is None else str(value)
    base = unicodedata.normalize("NFD", char)[:1] or char
    lower = base.lower()
    return lower if len(lower) == 1 else base


def _fold(text: str) -> str:
    return "".join(_fold_char(char) for char in text.translate(_APOSTROPHES))


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(_respelled(m.group(), text[m.start()].isupper()), m.start(), m.end())
            for m in _TOKEN.finditer(_fold(text))]


# Phone shorthand for "volgende" beside the forms dateparser and the grammar know.
_SHORTHAND = {"vlg": "volgende", "vlgd": "volgende", "vlgnd": "volgende", "vlgnde": "volgende",
              "vlgende": "volgende", "volgnde": "volgende", "volgd": "volgende",
              "volgnd": "volgende"}
# Relative words worth reading through one slip ("morgn", "overmoregn", "vorgie").
_SLIP_WORDS = ("volgende", "morgen", "overmorgen", "vandaag", "gisteren", "vorige", "komende",
               "afgelopen", "aanstaande", "morgenochtend", "morgenmiddag", "morgenavond")


@lru_cache(maxsize=4096)
def _respelled(word: str, capital: bool) -> str:
    """The word as the grammar knows it: shorthand spelled out and a relative word typed with
    one letter missing, extra, wrong or swapped read as itself. A capitalised word may be a
    name ("Morgan"), and a real Dutch word stays what it is ("morgens")."""
    if word in _SHORTHAND:
        return _SHORTHAND[word]
    if capital or len(word) < 5 or not word.isalpha() or word in _KNOWN_WORDS:
        return word
    close = [known for known in _SLIP_WORDS if OSA.distance(word, known, score_cutoff=1) <= 1]
    if len(close) != 1 or dutch_word(word):
        return word
    return close[0]


# --------------------------------------------------------------------------- grammar


@dataclass(frozen=True)
class _Clock:
    hour: int  # 0..23, or 0..11 when `twelve` (0 meaning twelve o'clock)
    minute: int
    twelve: bool  # said on a 12-hour dial: needs a part of day to place it
    exact: bool  # minutes were said ("10:00", "half vier") rather than a whole hour
    ampm: str | None = None


@dataclass(frozen=True)
class _Parts:
    """What an expression said so far; each slot is filled at most once."""

    day: date | None = None
    weekday: int | None = None
    weekday_mode: str = "bare"  # bare | next | last | this
    week: date | None = None  # Monday of the week meant
    month: date | None = None  # first of the month meant
    part: str | None = None  # ochtend | middag | avond | nacht
    clock: _Clock | None = None
    delta: timedelta | None = None  # elapsed time ("over 2 uur")
    delta_grain: Grain = "minute"
    shifted: bool = False  # "over een week" after a day: counts from that day
    weak: bool = False  # nothing but an everyday word ("do", "weekend", "10 uur")
    hint: bool = False  # weak alone, but a clock time beside it makes both a time ("di 10u")


_SLOTS = ("day", "weekday", "week", "month", "part", "clock", "delta")


def _merge(have: _Parts, new: _Parts) -> _Parts | None:
    """Combine two pieces ("dinsdag" + "om 10 uur"), or None when they contradict."""
    empty = all(getattr(have, slot) is None for slot in _SLOTS)
    if empty:
        return new
    if have.delta is not None or new.delta is not None:
        return None
    if have.month is not None or new.month is not None:
        return None
    if new.shifted and have.day is not None:
        return replace(have, day=new.day)
    changes: dict[str, Any] = {}
    for field in fields(_Parts):
        name = field.name
        if name not in _SLOTS:
            continue
        mine, theirs = getattr(have, name), getattr(new, name)
        if theirs is None:
            continue
        if mine is not None:
            return None
        changes[name] = theirs
    if new.weekday is not None:
        changes["weekday_mode"] = new.weekday_mode
    hinted = (have.hint and new.clock is not None) or (new.hint and have.clock is not None)
    merged = replace(have, **changes, weak=have.weak and new.weak and not hinted,
                     hint=have.hint or new.hint)
    if merged.day is not None and merged.week is not None:
        return None
    if merged.week is not None and merged.weekday is not None and merged.weekday_mode != "bare":
        return None
    return merged


def _complete(parts: _Parts) -> bool:
    """Whether the pieces so far make a time on their own."""
    if parts.delta is not None or parts.month is not None:
        return True
    if parts.part == "nacht" and parts.clock is None:
        return False  # "'s nachts" alone has no sensible default hour
    if parts.week is not None and parts.weekday is None:
        return parts.clock is None and parts.part is None
    return any(
        value is not None
        for value in (parts.day, parts.weekday, parts.week, parts.clock, parts.part)
    )


def _one_edit_apart(word: str, name: str) -> bool:
    """One letter left out, added or changed, or two neighbours swapped (Damerau distance 1)."""
    if word == name or abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        diffs = [n for n in range(len(word)) if word[n] != name[n]]
        if len(diffs) == 1:
            return True
        first = diffs[0]
        return (len(diffs) == 2 and diffs[1] == first + 1
                and word[first] == name[first + 1] and word[first + 1] == name[first])
    short, long = (word, name) if len(word) < len(name) else (name, word)
    n = 0
    while n < len(short) and short[n] == long[n]:
        n += 1
    return short[n:] == long[n + 1:]


@lru_cache(maxsize=4096)
def _typo_weekday(word: str) -> int | None:
    """The Dutch day name a mistyped word stands for ("dinsdg", "donderdga"), if exactly one."""
    if not 5 <= len(word) <= 10 or not word.isalpha() or word in _NOT_A_TYPO:
        return None
    found = {day for name, day in _WEEKDAYS.items() if name[:1] == word[:1]
             and name.endswith("dag") and _one_edit_apart(word, name)}
    return found.pop() if len(found) == 1 else None


class _Match(NamedTuple):
    first: int  # token index
    stop: int  # token index after the last
    parts: _Parts


_Step = tuple[int, _Parts] | None


class _Scanner:
    """Reads time expressions from tokens; every method looks a bounded distance ahead."""

    def __init__(self, toks: list[_Tok], today: date, prefer: Prefer) -> None:
        self.toks = toks
        self.texts = [tok.text for tok in toks] + [""] * 16  # readers look a few tokens on
        self.today = today
        self.prefer = prefer
        self.readers = (self.relative, self.holiday, self.calendar_date, self.edge, self.weekday,
                        self.day_word, self.week, self.month, self.part)
        self.number_readers = (self.relative, self.holiday, self.calendar_date)

    # ---- token helpers

    def t(self, i: int) -> str:
        if i < 0:
            return ""
        try:
            return self.texts[i]
        except IndexError:
            return ""

    def glued(self, i: int) -> bool:
        """Token i follows token i-1 without a space ("14:30", "17u10")."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def number(self, i: int, digits: int = 4) -> int | None:
        text = self.t(i)
        if text.isdigit() and text.isascii() and len(text) <= digits:
            return int(text)
        return None

    def word_number(self, i: int) -> int | None:
        return self.number(i, 2) if self.t(i).isdigit() else _NUMBER_WORDS.get(self.t(i))

    def hour12(self, i: int) -> int | None:
        """An hour on the dial, as digits or a word (1..12)."""
        value = self.word_number(i)
        return value if value is not None and 1 <= value <= 12 else None

    def seq(self, i: int, words: tuple[str, ...]) -> bool:
        return all(self.t(i + n) == word for n, word in enumerate(words))

    def year_at(self, i: int) -> int | None:
        value = self.number(i)
        four_digits = value is not None and len(self.t(i)) == 4
        return value if four_digits and value is not None and 1900 <= value <= 2199 else None

    def pick(self, make: Callable[[int], date | None]) -> date | None:
        """The next (or, preferring the past, latest) date a yearless rule gives."""
        years = (
            range(self.today.year, self.today.year + 9)
            if self.prefer == "future"
            else range(self.today.year, self.today.year - 9, -1)
        )
        for year in years:
            try:
                day = make(year)
            except ValueError:
                day = None
            if day is None:
                continue
            if (day >= self.today) if self.prefer == "future" else (day <= self.today):
                return day
        return None

    # ---- the expression loop

    def matches(self) -> list[_Match]:
        found: list[_Match] = []
        i = 0
        while i < len(self.toks):
            match = None if self.t(i) in _PUNCTUATION else self.expression(i)
            if match is None:
                i += 1
            else:
                found.append(match)
                i = match.stop
        return found

    def expression(self, first: int) -> _Match | None:
        parts = _Parts()
        at = first
        best: _Match | None = None
        for _ in range(8):
            k, preposition = at, ""
            while k < len(self.toks) and k - at < 2 and self.t(k) in _CONNECTORS:
                if self.t(k) in _TIME_PREPOSITIONS or self.t(k) in _RANGE_PREPOSITIONS:
                    preposition = self.t(k)
                k += 1
            step = self.component(k, preposition, parts)
            if step is None:
                break
            stop, piece = step
            merged = _merge(parts, piece)
            if merged is None:
                break
            parts, at = merged, stop
            if _complete(parts):
                best = _Match(first, at, parts)
        return best

    def component(self, k: int, preposition: str, parts: _Parts) -> _Step:
        if k >= len(self.toks):
            return None
        # Only these readers can start at a number; skipping the others keeps a text of
        # nothing but numbers (a crafted message) as quick as any other.
        readers = self.number_readers if self.t(k).isdigit() else self.readers
        for read in readers:
            step = read(k, parts)
            if step is not None:
                return step
        return self.clock(k, preposition)

    # ---- pieces

    def relative(self, k: int, parts: _Parts) -> _Step:
        """over 3 dagen, in 2 weeks, 3 dagen geleden, an hour ago, over een half uur."""
        lead = self.t(k) in ("over", "in")
        amount = self.amount(k + 1 if lead else k)
        if amount is None:
            return None
        i, count, half = amount
        unit = _UNITS.get(self.t(i))
        if unit is None:
            return None
        i, sign = i + 1, 1
        if self.t(i) in ("geleden", "ago") and not lead:
            sign, i = -1, i + 1
        elif (self.seq(i, ("from", "now")) or self.seq(i, ("from", "today"))) and not lead:
            i += 2
        elif not lead:
            return None
        if half and unit != "hour":
            return None
        if unit == "minute":
            return i, _Parts(delta=timedelta(minutes=sign * count), delta_grain="minute")
        if unit == "quarter":
            return i, _Parts(delta=timedelta(minutes=sign * 15 * count), delta_grain="minute")
        if unit == "hour":
            minutes = count * 60 + (30 if half else 0)  # "over een uur" at 14:07 is 15:07
            return i, _Parts(delta=timedelta(minutes=sign * minutes), delta_grain="minute")
        # "vandaag over een week", "dinsdag over twee weken": counted from that day
        shifted = self.t(k) == "over" and parts.day is not None
        base = parts.day if parts.day is not None and shifted else self.today
        if self.t(k) == "over" and parts.weekday is not None and parts.day is None:
            if parts.week is not None:
                return None
            base = _weekday_date(self.today, parts.weekday, parts.weekday_mode, self.prefer)
        try:
            if unit == "day":
                day = base + timedelta(days=sign * count)
            elif unit == "week":
                day = base + timedelta(weeks=sign * count)
            else:
                day = _add_months(base, sign * count * (12 if unit == "year" else 1))
        except (OverflowError, ValueError):
            return None
        return i, _Parts(day=day, shifted=shifted)

    def amount(self, i: int) -> tuple[int, int, bool] | None:
        """A count before a unit: 3, drie, een, a(n), anderhalf, een half, half an."""
        word = self.t(i)
        if word in ("anderhalf", "anderhalve"):
            return i + 1, 1, True
        if word in ("een", "a", "an") and self.t(i + 1) in ("half", "halve"):
            return i + 2, 0, True
        if word == "half" and self.t(i + 1) in ("a", "an", "een"):
            return i + 2, 0, True
        if word in ("a", "an"):
            return i + 1, 1, False
        value = self.number(i) if word.isdigit() else _NUMBER_WORDS.get(word)
        if value is None:
            return None
        if self.t(i + 1) in (",", ".") and self.t(i + 2) == "5" and self.glued(i + 2):
            return (i + 3, value, True) if self.glued(i + 1) else None  # 1,5 uur
        return i + 1, value, False

    def holiday(self, k: int, parts: _Parts) -> _Step:
        for words, rule in _HOLIDAYS_BY_FIRST_WORD.get(self.t(k), ()):
            if self.seq(k, words):
                stop = k + len(words)
                year = self.year_at(stop)
                if year is not None:
                    exact = rule(year)
                    return None if exact is None else (stop + 1, _Parts(day=exact))
                day = self.pick(rule)
                return None if day is None else (stop, _Parts(day=day))
        return None

    def calendar_date(self, k: int, parts: _Parts) -> _Step:
        """14-12, 14/12/2026, 31.10.1974, 2026-12-14, 3 maart, 18de juli, March 3, de 14e."""
        if self.t(k) in ("de", "the"):
            return self.day_month(k + 1, allow_bare_ordinal=True)
        if self.t(k).isdigit():  # "Tue 8th": after a weekday an ordinal alone is a date
            after_weekday = parts.weekday is not None
            return self.numeric_date(k) or self.day_month(k, allow_bare_ordinal=after_weekday)
        month = _MONTHS.get(self.t(k)) or _MONTHS_SHORT.get(self.t(k))
        if month is None:
            return None
        i = k + 2 if self.t(k + 1) == "." and self.glued(k + 1) else k + 1
        day = self.number(i, 2)
        if day is None or not 1 <= day <= 31 or self.t(i + 1) in (":", "uur", "u"):
            return None
        i += 1
        if self.t(i) in _ORDINAL_SUFFIXES and self.glued(i):
            i += 1
        if self.t(i) == "," and self.year_at(i + 1) is not None:
            i += 1
        step = self.resolve_day_month(i, day, month)
        if step is None or self.t(k) in _MONTHS:
            return step
        return step[0], replace(step[1], weak=True)  # "Jan 2" is as likely a name and a count

    def numeric_date(self, k: int) -> _Step:
        numbers, separator, i = [self.t(k)], "", k + 1
        while len(numbers) < 4 and self.t(i) in ("-", "/", ".") and self.glued(i):
            if separator and self.t(i) != separator:
                break
            if not (self.t(i + 1).isdigit() and self.glued(i + 1)):
                break
            separator = self.t(i)
            numbers.append(self.t(i + 1))
            i += 2
        if len(numbers) not in (2, 3) or any(len(n) > 4 for n in numbers):
            return None
        if len(numbers) == 3 and len(numbers[0]) == 4 and separator in ("-", "/"):
            year, month, day = (int(n) for n in numbers)  # ISO 2026-12-14, 2026/12/14
        else:
            if len(numbers[0]) > 2 or len(numbers[1]) > 2:
                return None
            day, month = int(numbers[0]), int(numbers[1])
            if len(numbers) == 2:
                if self.t(i) in ("uur", "u", "h") or (
                    separator == "." and day <= 23 and len(numbers[1]) == 2 and month <= 59
                ):
                    return None  # a clock time or range: 14.30, 10-12 uur
                return self.resolve_day_month(i, day, month, allow_year=False)
            if len(numbers[2]) not in (2, 4):
                return None
            year = int(numbers[2]) + (2000 if len(numbers[2]) == 2 else 0)
        try:
            return i, _Parts(day=date(year, month, day))
        except ValueError:
            return None

    def day_month(self, k: int, *, allow_bare_ordinal: bool) -> _Step:
        day = self.number(k, 2)
        if day is None or not 1 <= day <= 31:
            return None
        i, ordinal = k + 1, False
        if self.t(i) in _ORDINAL_SUFFIXES and self.glued(i):
            i, ordinal = i + 1, True
        if self.t(i) in ("of", "van"):
            i += 1
        month = _MONTHS.get(self.t(i)) or _MONTHS_SHORT.get(self.t(i))
        if month is None:
            if allow_bare_ordinal and ordinal:  # "de 14e": that day of a month
                return i, _Parts(day=self.pick_day_of_month(day))
            return None
        i += 1
        if self.t(i) == "." and self.glued(i):
            i += 1
        return self.resolve_day_month(i, day, month)

    def pick_day_of_month(self, day: int) -> date | None:
        step = 1 if self.prefer == "future" else -1
        first = self.today.replace(day=1)
        for n in range(13):
            month = _add_months(first, step * n)
            if day <= calendar.monthrange(month.year, month.month)[1]:
                candidate = month.replace(day=day)
                if (candidate >= self.today) if step == 1 else (candidate <= self.today):
                    return candidate
        return None

    def resolve_day_month(self, i: int, day: int, month: int, *, allow_year: bool = True) -> _Step:
        year = self.year_at(i) if allow_year else None
        if year is not None:
            try:
                return i + 1, _Parts(day=date(year, month, day))
            except ValueError:
                return None
        if not 1 <= month <= 12:
            return None
        found = self.pick(lambda y: date(y, month, day))
        return None if found is None else (i, _Parts(day=found))

    def edge(self, k: int, parts: _Parts) -> _Step:
        """begin maart, eind januari, half december, end of the month, eind volgende week."""
        i = k + 1 if self.t(k) in ("het", "the", "de") else k
        edge = _EDGES.get(self.t(i))
        if edge is None:
            return None
        i += 1
        if self.t(i) == "-":
            i += 1
        if self.t(i) in ("van", "of"):
            i += 1
        article = self.t(i) in ("de", "het", "the")
        if article:
            i += 1
        elif self.t(i) == "vd":  # "eind vd maand": van de
            article, i = True, i + 1
        elif self.seq(i, ("v", ".", "d")):  # "eind v.d. week"
            article, i = True, i + 4 if self.t(i + 3) == "." else i + 3
        word = self.t(i)
        month = _MONTHS.get(word) or _MONTHS_SHORT.get(word)
        if month is not None:
            year = self.year_at(i + 1)
            if year is not None:
                return i + 2, _Parts(day=working_day_from(_edge_of_month(year, month, edge)))
            found = self.pick(lambda y: working_day_from(_edge_of_month(y, month, edge)))
            return None if found is None else (i + 1, _Parts(day=found))
        day: date | None = None
        step = 1  # a weekend or holiday moves on to the next working day, ...
        offset, stop = self.offset_before(i, _MONTH_NOUNS, article)
        if offset is not None:
            target = _add_months(self.today.replace(day=1), offset)
            day = _edge_of_month(target.year, target.month, edge)
            if edge == "end":  # "eind vd maand": by then, so its last working day
                day = date(target.year, target.month,
                           calendar.monthrange(target.year, target.month)[1])
                step = -1
            if offset == 0 and edge == "begin" and day < self.today and self.prefer == "future":
                day = _add_months(day, 1)  # "begin vd maand" said on the 20th: the next one
        else:
            offset, stop = self.offset_before(i, _WEEK_NOUNS, article)
            if offset is None:
                return None
            monday = _monday(self.today) + timedelta(weeks=offset)
            day = monday + timedelta(days={"begin": 0, "mid": 2, "end": 4}[edge])
            step = -1 if edge == "end" else 1  # ... but the end of a week is the Thursday
            if offset == 0 and edge != "mid" and day < self.today and self.prefer == "future":
                day += timedelta(weeks=1)  # said in the weekend: the coming week's
        passed = (day < self.today) if self.prefer == "future" else (day > self.today)
        if offset == 0 and passed:  # "eind van de maand" said on the 29th: by now, not past
            day, step = self.today, 1 if self.prefer == "future" else -1
        moved = working_day_from(day, step)
        if offset == 0 and step == -1 and self.prefer == "future" and moved < self.today:
            moved = working_day_from(day, 1)  # a holiday Friday said on that Friday
        return stop, _Parts(day=moved)

    def offset_before(
        self, i: int, nouns: tuple[str, ...], article: bool
    ) -> tuple[int | None, int]:
        """'volgende maand' -> +1, 'deze week' -> 0; 'de maand' (after an article) -> 0."""
        if article and self.t(i) in nouns:
            return 0, i + 1
        if self.t(i + 1) not in nouns:
            return None, i
        word = self.t(i)
        if word in _NEXT:
            return 1, i + 2
        if word in _LAST:
            return -1, i + 2
        if word in _THIS:
            return 0, i + 2
        return None, i

    def weekday(self, k: int, parts: _Parts) -> _Step:
        """dinsdag, di., volgende dinsdag, afgelopen vrijdag, vrijdagmiddag, vrijdag a.s."""
        mode, i = "bare", k
        word = self.t(k)
        if word in _NEXT:
            mode, i = "next", k + 1
        elif word in _LAST:
            mode, i = "last", k + 1
        elif word in _THIS:
            mode, i = "this", k + 1
        word = self.t(i)
        part: str | None = None
        weak = hint = False
        if word in _WEEKDAYS:
            weekday = _WEEKDAYS[word]
        elif word in _WEEKDAYS_SHORT:
            weekday, weak = _WEEKDAYS_SHORT[word], mode == "bare"
            dotted = self.t(i + 1) == "." and self.glued(i + 1)
            if weak and word in _WEEKDAYS_CLEAR_SHORT:
                weak = not (dotted or self.t(k - 1) == "op")
                hint = weak
            elif weak and word in ("ma", "do", "zo"):
                hint = True  # everyday words alone, but "do 10u terugbellen" is Thursday
            if dotted:
                i += 1
        else:
            compound = _WEEKDAY_PART.fullmatch(word)
            typo = _typo_weekday(word) if compound is None else None
            if compound is not None:
                weekday, part = _WEEKDAYS[compound.group(1)], _PART_WORDS[compound.group(2)]
            elif typo is not None:
                weekday = typo
            else:
                return None
        i += 1
        if mode == "bare" and self.seq(i, ("a", ".", "s")):
            mode, i = "next", i + 3
            if self.t(i) == ".":
                i += 1
        return i, _Parts(weekday=weekday, weekday_mode=mode, part=part, weak=weak, hint=hint)

    def day_word(self, k: int, parts: _Parts) -> _Step:
        """vandaag, morgen, overmorgen, gisteren, vanavond, morgenochtend, this morning."""
        word = self.t(k)
        if word == "morgen" and parts.weekday is not None and parts.day is None:
            return (k + 1, _Parts(part="ochtend")) if parts.part is None else None
        if word in _DAY_WORDS:
            return k + 1, _Parts(day=self.today + timedelta(days=_DAY_WORDS[word]))
        if word in _DAY_PART_WORDS:
            offset, part = _DAY_PART_WORDS[word]
            return k + 1, _Parts(day=self.today + timedelta(days=offset), part=part)
        if word == "this" and self.t(k + 1) in ("morning", "afternoon", "evening"):
            return k + 2, _Parts(day=self.today, part=_PART_WORDS[self.t(k + 1)])
        for words, offset in _DAY_PHRASES:
            if self.seq(k, words):
                return k + len(words), _Parts(day=self.today + timedelta(days=offset))
        return None

    def week(self, k: int, parts: _Parts) -> _Step:
        """volgende week, deze week, last week, week 50, dit weekend, in het weekend."""
        offset, stop = self.offset_before(k, _WEEK_NOUNS, False)
        if offset is not None:
            return stop, _Parts(week=_monday(self.today) + timedelta(weeks=offset))
        if (self.t(k) == "vd" and self.t(k + 1) in _WEEK_NOUNS) or (
                self.seq(k, ("van", "de")) and self.t(k + 2) in _WEEK_NOUNS):
            # "vd week nog afstemmen", "zoals van de week besproken": this week
            return k + (2 if self.t(k) == "vd" else 3), _Parts(week=_monday(self.today))
        if self.t(k) in ("week", "wk"):
            number = self.number(k + 1, 2)
            if number is None or not 1 <= number <= 53:
                return None
            return self.iso_week(k + 2, number)
        return self.weekend(k)

    def iso_week(self, i: int, number: int) -> _Step:
        year = self.year_at(i)
        if year is not None:
            years, i = [year], i + 1
        else:
            now_year = self.today.isocalendar().year
            step = 1 if self.prefer == "future" else -1
            years = [now_year, now_year + step]
        this_monday = _monday(self.today)
        for year in years:
            try:
                monday = date.fromisocalendar(year, number, 1)
            except ValueError:
                continue
            if len(years) == 1 or (
                monday >= this_monday if self.prefer == "future" else monday <= this_monday
            ):
                return i, _Parts(week=monday)
        return None

    def weekend(self, k: int) -> _Step:
        i, strong = k, False
        if self.t(i) == "in":
            i, strong = i + 1, True
        if self.t(i) in ("het", "the"):
            i += 1
        word = self.t(i)
        mode = "this"
        if word in ("komend", "komende", "aanstaande", "coming"):
            mode, i, strong = "coming", i + 1, True
        elif word in _NEXT:
            mode, i, strong = "next", i + 1, True
        elif word in _LAST:
            mode, i, strong = "last", i + 1, True
        elif word in _THIS:
            i, strong = i + 1, True
        if self.t(i) != "weekend":
            return None
        saturday = _monday(self.today) + timedelta(days=5)
        if mode == "coming":
            day = self.today + timedelta(days=(5 - self.today.weekday()) % 7 or 7)
        elif mode == "next":
            day = saturday + timedelta(weeks=1)
        elif mode == "last":
            day = self.today - timedelta(days=(self.today.weekday() - 5) % 7 or 7)
        elif self.prefer == "future":
            day = max(saturday, self.today)
        else:
            day = saturday if saturday <= self.today else saturday - timedelta(weeks=1)
        return i + 1, _Parts(day=day, weak=not strong)

    def month(self, k: int, parts: _Parts) -> _Step:
        """december, in mei, december 2026, volgende maand, deze maand."""
        offset, stop = self.offset_before(k, _MONTH_NOUNS, False)
        if offset is not None:
            return stop, _Parts(month=_add_months(self.today.replace(day=1), offset))
        i, said_in = k, False
        if self.t(i) == "in":
            i, said_in = i + 1, True
        word = self.t(i)
        number = _MONTHS.get(word) or _MONTHS_SHORT.get(word)
        if number is None:
            return None
        year = self.year_at(i + 1)
        if year is None and word not in _MONTHS and not said_in:
            return None
        if year is not None:
            return i + 2, _Parts(month=date(year, number, 1))
        this_month = self.today.replace(day=1)
        first = this_month.replace(month=number)
        if self.prefer == "future" and first < this_month:
            first = first.replace(year=first.year + 1)
        elif self.prefer == "past" and first > this_month:
            first = first.replace(year=first.year - 1)
        return i + 1, _Parts(month=first)

    def part(self, k: int, parts: _Parts) -> _Step:
        """'s ochtends, smiddags, in de avond, in the morning; 'avond' after a day."""
        word = self.t(k)
        if word in ("'s", "s") and self.t(k + 1) in _PART_GENITIVE:
            return k + 2, _Parts(part=_PART_GENITIVE[self.t(k + 1)])
        if word in _PART_ONE_WORD:
            return k + 1, _Parts(part=_PART_ONE_WORD[word])
        if word == "in" and self.t(k + 1) in ("de", "the") and self.t(k + 2) in _PART_WORDS:
            return k + 3, _Parts(part=_PART_WORDS[self.t(k + 2)])
        has_day = parts.day is not None or parts.weekday is not None
        if has_day and word in _PART_WORDS and word != "morgen":
            return k + 1, _Parts(part=_PART_WORDS[word])
        return None

    def clock(self, k: int, preposition: str, *, allow_range: bool = True) -> _Step:
        """om 10 uur, 14:30, 14.30 uur, 17u10, 3pm, half vier, kwart over twee, 10 voor half 4.

        A range ("10-12 uur", "van 10 tot 12") means its start; the end is read and passed over.
        """
        range_stop = self.range_end(k + 1, preposition) if allow_range else None
        step = self.single_clock(k, preposition, ranged=range_stop is not None)
        if step is None or not allow_range:
            return step
        stop = self.range_end(step[0], preposition)
        return step if stop is None else (stop, step[1])

    def range_end(self, i: int, preposition: str) -> int | None:
        """Where a time range's second half ends, if a range continues at token i."""
        word = self.t(i)
        joins = word in _RANGE_WORDS or (
            word in ("en", "and") and preposition in ("tussen", "between")
        )
        if not joins:
            return None
        step = self.clock(i + 1, "om", allow_range=False)
        return None if step is None else step[0]

    def single_clock(self, k: int, preposition: str, *, ranged: bool) -> _Step:
        plain = preposition in _TIME_PREPOSITIONS
        word = self.t(k)
        if word in ("noon", "midday", "twaalfuur"):
            return k + 1, _Parts(clock=_Clock(12, 0, twelve=False, exact=False))
        if word in ("midnight", "middernacht"):
            return k + 1, _Parts(clock=_Clock(0, 0, twelve=False, exact=False))
        # In a range, "9 to 11" is nine until eleven, not nine minutes to eleven.
        spoken = None if ranged else self.spoken_clock(k)
        if spoken is not None:
            return spoken
        if word.isdigit():
            return self.digital_clock(k, preposition, ranged=ranged)
        hour = self.hour12(k)
        if hour is None or word in ("a", "an"):
            return self.spoken_clock(k) if ranged else None
        i, weak = k + 1, False
        if self.t(i) == "uur":
            i, weak = i + 1, not preposition
        elif self.t(i) == "o'clock":
            i += 1
        elif self.t(i) in ("am", "pm"):
            pass
        elif not (plain or ranged):
            return None
        weak = weak or (ranged and not preposition)  # "10 tot 12 deelnemers"
        return self.finish_clock(i, hour % 12, 0, twelve=True, exact=False, weak=weak)

    def spoken_clock(self, k: int) -> _Step:
        """The Dutch (and English) way of saying minutes: half vier, kwart voor drie, ..."""
        word, after = self.t(k), self.t(k + 1)
        if word == "half":
            if after == "past":
                hour = self.hour12(k + 2)
                return None if hour is None else self.dial(k + 3, hour, 30)
            hour = self.hour12(k + 1)
            return None if hour is None else self.dial(k + 2, hour, -30)
        start = k + 1 if word == "a" and after == "quarter" else k
        if self.t(start) in ("kwart", "quarter"):
            return self.minutes_around(start + 1, 15)
        minutes = self.word_number(k)
        if minutes is not None and 1 <= minutes <= 29 and not self.glued(k + 1):
            return self.minutes_around(k + 1, minutes)
        return None

    def minutes_around(self, i: int, minutes: int) -> _Step:
        direction = self.t(i)
        if direction not in ("over", "voor", "past", "to"):
            return None
        sign = 1 if direction in ("over", "past") else -1
        if direction in ("over", "voor") and self.t(i + 1) == "half":
            hour = self.hour12(i + 2)
            return None if hour is None else self.dial(i + 3, hour, -30 + sign * minutes)
        hour = self.hour12(i + 1)
        return None if hour is None else self.dial(i + 2, hour, sign * minutes)

    def dial(self, i: int, hour: int, minutes: int) -> _Step:
        """A time relative to a full hour on the 12-hour dial ('half vier' = 4:00 - 30)."""
        total = ((hour % 12) * 60 + minutes) % 720
        return self.finish_clock(i, total // 60, total % 60, twelve=True, exact=True)

    def digital_clock(self, k: int, preposition: str, *, ranged: bool) -> _Step:
        text = self.t(k)
        hour = self.number(k, 2)
        if hour is None or hour > 23:
            return None
        i, minute, exact, said_unit = k + 1, 0, False, False
        if self.t(i) in (":", ".", "u", "h") and self.glued(i):
            minutes_text = self.t(i + 1)
            if minutes_text.isdigit() and len(minutes_text) == 2 and self.glued(i + 1):
                minute, exact, i = int(minutes_text), True, i + 2
                seconds = self.t(i + 1)
                if self.t(i) == ":" and len(seconds) == 2 and self.glued(i + 1) and (
                    seconds.isdigit() and int(seconds) <= 59
                ):
                    i += 2  # seconds: 14:00:00
                if minute > 59 or (self.t(i) in (":", ".") and self.t(i + 1).isdigit()
                                   and self.glued(i + 1)):
                    return None  # not a time (a date or a longer number)
            elif self.t(i) in ("u", "h"):
                said_unit, i = True, i + 1
            else:
                return None
        elif self.t(i) in ("uur", "u"):
            said_unit, i = True, i + 1
            minutes_text = self.t(i)  # "14 uur 15": the minutes said after the hour
            if (len(minutes_text) == 2 and minutes_text.isdigit() and int(minutes_text) <= 59
                    and (self.t(i + 1) in ("", ",", ".") or hour >= 13)):
                minute, exact, i = int(minutes_text), True, i + 1
        if exact and self.t(i) in ("uur", "u", "h"):
            i += 1
        ampm = self.ampm(i)
        plain = preposition in _TIME_PREPOSITIONS
        if not (exact or said_unit or ampm or plain or ranged or self.t(i) == "o'clock"):
            return None
        twelve = 1 <= hour <= 12 and not (len(text) == 2 and text.startswith("0"))
        # "2 uur" may be a duration and "10 tot 12" a count; with "om" or a minute it is a time
        weak = (said_unit or ranged) and twelve and not exact and not ampm and not preposition
        return self.finish_clock(i, hour % 12 if twelve else hour, minute, twelve=twelve,
                                 exact=exact, weak=weak)

    def ampm(self, i: int) -> str | None:
        word = self.t(i)
        if word in ("am", "pm"):
            return word
        if word in ("a", "p") and self.seq(i + 1, (".", "m")):
            return word + "m"
        return None

    def finish_clock(self, i: int, hour: int, minute: int, *, twelve: bool, exact: bool,
                     weak: bool = False) -> _Step:
        ampm = self.ampm(i) if twelve else None
        if ampm is not None:
            i += 1 if self.t(i) in ("am", "pm") else 3
            if self.t(i) == "." and self.glued(i):
                i += 1
        elif self.t(i) == "o'clock":
            i += 1
        clock = _Clock(hour, minute, twelve=twelve, exact=exact, ampm=ampm)
        return i, _Parts(clock=clock, weak=weak)


# --------------------------------------------------------------------------- resolving


def _hour24(clock: _Clock, part: str | None) -> int:
    """Place a clock time on the 24-hour day, the way a Dutch speaker means it."""
    if not clock.twelve:
        return clock.hour
    hour = clock.hour  # 0..11, 0 meaning twelve o'clock
    if clock.ampm == "am":
        return hour
    if clock.ampm == "pm":
        return hour + 12
    if part == "ochtend":
        return hour
    if part in ("middag", "avond"):
        return hour + 12
    if part == "nacht":
        return hour + 12 if hour >= 7 else hour
    if hour == 0:
        return 12
    return hour + 12 if hour <= 7 else hour


def _weekday_date(today: date, weekday: int, mode: str, prefer: Prefer) -> date:
    ahead = (weekday - today.weekday()) % 7 or 7
    behind = (today.weekday() - weekday) % 7 or 7
    if mode == "this" and weekday == today.weekday():
        return today
    if mode == "next" or (mode in ("bare", "this") and prefer == "future"):
        return today + timedelta(days=ahead)
    return today - timedelta(days=behind)


class _Resolved(NamedTuple):
    wall: datetime | None  # a wall-clock time, or
    delta: timedelta | None  # elapsed time from now
    grain: Grain


def _resolve(parts: _Parts, now_wall: datetime, prefer: Prefer) -> _Resolved:
    today = now_wall.date()
    if parts.delta is not None:
        return _Resolved(None, parts.delta, parts.delta_grain)
    if parts.month is not None:
        return _Resolved(datetime.combine(parts.month, time()), None, "month")
    day = parts.day
    if day is None and parts.weekday is not None:
        if parts.week is not None:
            day = parts.week + timedelta(days=parts.weekday)
        else:
            day = _weekday_date(today, parts.weekday, parts.weekday_mode, prefer)
    if day is None and parts.week is not None:
        return _Resolved(datetime.combine(parts.week, time()), None, "week")
    grain: Grain
    if parts.clock is not None:
        moment = time(_hour24(parts.clock, parts.part), parts.clock.minute)
        grain = "minute" if parts.clock.exact else "hour"
    elif parts.part is not None:
        moment, grain = time(_PART_HOURS[parts.part]), "hour"
    else:
        assert day is not None
        return _Resolved(datetime.combine(day, time()), None, "day")
    if day is None:
        candidate = datetime.combine(today, moment)
        if prefer == "future":
            day = today if candidate > now_wall else today + timedelta(days=1)
        else:
            day = today if candidate <= now_wall else today - timedelta(days=1)
    return _Resolved(datetime.combine(day, moment), None, grain)


def _finish(resolved: _Resolved, now: datetime) -> When:
    if resolved.delta is not None:
        if now.tzinfo is None:
            moment = now + resolved.delta
        else:
            moment = (now.astimezone(UTC) + resolved.delta).astimezone(now.tzinfo)
        return When(moment.replace(second=0, microsecond=0), resolved.grain)
    assert resolved.wall is not None
    return When(_localise(resolved.wall, now.tzinfo), resolved.grain)


class _Candidate(NamedTuple):
    when: When
    span: tuple[int, int]
    weak: bool
    whole: bool  # the expression is all the text says (bar punctuation)


def _candidates(text: str, now: datetime, prefer: Prefer) -> list[_Candidate]:
    toks = _tokens(text)
    now_wall = now.replace(tzinfo=None)
    scanner = _Scanner(toks, now_wall.date(), prefer)
    found: list[_Candidate] = []
    for match in scanner.matches():
        try:
            when = _finish(_resolve(match.parts, now_wall, prefer), now)
        except (OverflowError, ValueError):
            continue
        rest = toks[: match.first] + toks[match.stop :]
        whole = all(tok.text in _PUNCTUATION for tok in rest)
        span = (toks[match.first].start, toks[match.stop - 1].end)
        found.append(_Candidate(when, span, match.parts.weak, whole))
    return found


def _period_end(when: When) -> datetime:
    start = when.start
    if when.grain == "month":
        following = _add_months(start.date().replace(day=1), 1)
        return _localise(datetime.combine(following, time()), start.tzinfo)
    length = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1),
              "day": timedelta(days=1), "week": timedelta(weeks=1)}[when.grain]
    return start + length


def _rank(candidate: _Candidate, now: datetime, prefer: Prefer) -> tuple[int, int, int]:
    """Which of several expressions in one text is the one meant.

    Preferring the future, a time still ahead beats one that is going on now ("vandaag"),
    which beats one already past; then the longer expression; then the earlier one.
    """
    start, end = candidate.when.start, _period_end(candidate.when)
    if prefer == "future":
        tier = 2 if start > now else (1 if end > now else 0)
    else:
        tier = 2 if end <= now else (1 if start <= now else 0)
    first, last = candidate.span
    return tier, last - first, -first


# --------------------------------------------------------------------------- dateparser

_CLOCKISH = re.compile(r"\d[:.hu]\d\d|\d\s?(?:am|pm|uur|u|h)\b|\b(?:noon|midnight|uur|hours?|"
                       r"minut\w{0,3}|minutes?|kwartier)\b")
_LETTERS = re.compile(r"[^\W\d_]{3,}")
# The entries of dateparser's own Dutch and English data that no date can do without: with
# none of them and no digit in a text, dateparser finds nothing there, so it is not asked (a
# visit message's clauses without a time are most clauses: asking took ~8 ms each,
# bench/throughput.py). Joining words like "this", "next" and "in" only come with one of these.
_NOT_ON_THEIR_OWN = frozenset({"in", "ago", "skip", "pertain", "name", "date_order",
                               "sentence_splitter_group", "relative-type-regex",
                               "locale_specific", "simplifications"})
_JOINING = frozenset({"this", "last", "next", "the", "till", "early", "small", "wee", "een",
                      "deze", "vorige", "volgende", "binnen", "afgelopen", "komende", "over"})


@lru_cache(maxsize=1)
def _dateparser_words() -> frozenset[str]:
    from dateparser.languages.loader import default_loader  # late, like dateparser itself

    words: set[str] = set()
    for code in ("nl", "en"):
        for key, value in default_loader.get_locale(code).info.items():
            if key in _NOT_ON_THEIR_OWN:
                continue
            phrases = ([p for ps in value.values() for p in ps] if isinstance(value, dict)
                       else value if isinstance(value, list) else [])
            words.update(w for p in phrases if isinstance(p, str)
                         for w in _LETTERS.findall(_fold(p)))
        for simplification in default_loader.get_locale(code).info.get("simplifications", []):
            for written in simplification:  # "(?:12\\s+)?noon", "tonight": the words in them
                words.update(_LETTERS.findall(_fold(written)))
    return frozenset(words - _JOINING)


def _worth_asking(text: str) -> bool:
    """Could dateparser find a date here: a digit, or a word of its date vocabulary."""
    folded = _fold(text)
    if any(char.isdigit() for char in folded):
        return True
    vocabulary = _dateparser_words()
    return any(word in vocabulary for word in _LETTERS.findall(folded))


def _plausible(fragment: str) -> bool:
    """Weed out what dateparser turns into a date from almost anything ("a", "ma", "10")."""
    words = fragment.split()
    if not words or fragment.strip().isdigit():
        return False
    if any(char.isdigit() for char in fragment):
        return True
    return len(words) > 1 or len(words[0]) >= 5


_OUR_WORDS = frozenset(_WEEKDAYS_SHORT) | frozenset(_MONTHS_SHORT) | frozenset(_NUMBER_WORDS)
# Small words dateparser takes along with a name it reads as a month ("bij Jan of de …").
_GLUE_WORDS = frozenset({"of", "the", "de", "het", "en", "and", "a", "een"})


def _only_our_words(fragment: str) -> bool:
    """The Dutch layer saw these words and chose not to read them as a time ("Jan 2", "ma")."""
    words = [tok.text for tok in _tokens(fragment) if not tok.text.isdigit()]
    return all(word in _OUR_WORDS or word in _PUNCTUATION or word in _CONNECTORS
               or word in _GLUE_WORDS for word in words)


def _settings(now: datetime, prefer: Prefer) -> dict[str, Any]:
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def _dateparser_when(text: str, now: datetime, prefer: Prefer) -> When | None:
    """Ask dateparser, Dutch and English only, day-month order, relative to our wall time."""
    if not _plausible(text) or not _worth_asking(text):
        return None
    from dateparser.date import DateDataParser  # imported late: it takes a while to load

    try:
        reader = DateDataParser(languages=["nl", "en"], settings=_settings(now, prefer))
        data = reader.get_date_data(text)
    except Exception:  # dateparser has many ways to fail on odd text; all of them mean "no"
        return None
    found, period = data.date_obj, data.period
    if found is None or period == "year":
        return None
    wall = found.replace(tzinfo=None)
    grain: Grain
    if period == "month":
        wall, grain = datetime.combine(wall.date().replace(day=1), time()), "month"
    elif period == "week":
        wall, grain = datetime.combine(_monday(wall.date()), time()), "week"
    elif period == "time" or _CLOCKISH.search(_fold(text)):
        wall = wall.replace(second=0, microsecond=0)
        grain = "hour" if wall.minute == 0 else "minute"
    else:
        wall, grain = datetime.combine(wall.date(), time()), "day"
    try:
        return When(_localise(wall, now.tzinfo), grain)
    except (OverflowError, ValueError):
        return None


# dateparser's time grows with the length of what it is given (a crafted 500-character text
# of digits took over a second in search_dates), so it only ever sees short pieces, and few of
# them: a text up to FALLBACK_CHARS long, or in a message at most FALLBACK_CLAUSES clauses of
# that length. Longer clauses are left to the Dutch layer, which reads any text in linear time.
FALLBACK_CHARS = 40
FALLBACK_CLAUSES = 2
_CLAUSE_BREAK = re.compile(r"[;!?\n,]|\.(?=\s|$)")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the pieces between sentence marks and commas, surrounding spaces left out."""
    spans, first = [], 0
    for mark in [*_CLAUSE_BREAK.finditer(text), None]:
        last = len(text) if mark is None else mark.start()
        piece = text[first:last]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            spans.append((first + lead, first + trail))
        if mark is not None:
            first = mark.end()
    return spans


def _dateparser_find(
    text: str, now: datetime, prefer: Prefer, declined: list[tuple[int, int]]
) -> Found | None:
    """A short clause dateparser reads as a whole, minus what the Dutch layer declined."""
    asked = 0
    for span in _clauses(text):
        if asked == FALLBACK_CLAUSES:
            break
        fragment = text[span[0]:span[1]]
        if len(fragment) > FALLBACK_CHARS or not _plausible(fragment):
            continue
        if _only_our_words(fragment) or not _worth_asking(fragment):
            continue
        if any(first < span[1] and span[0] < last for first, last in declined):
            continue
        asked += 1
        when = _dateparser_when(fragment, now, prefer)
        if when is not None:
            return Found(when, span)
    return None


# --------------------------------------------------------------------------- public


def parse_when(text: str, now: datetime, *, prefer: Prefer = "future") -> When | None:
    """The whole text is a time expression (or contains one); returns the time it refers to."""
    text = text[:MAX_INPUT]
    candidates = _candidates(text, now, prefer)
    whole = [c for c in candidates if c.whole]
    if whole:
        return whole[0].when
    strong = [c for c in candidates if not c.weak]
    if strong:
        return max(strong, key=lambda c: _rank(c, now, prefer)).when
    if len(text.strip()) > FALLBACK_CHARS:
        return None
    return _dateparser_when(text.strip(), now, prefer)


def find_when(text: str, now: datetime, *, prefer: Prefer = "future") -> Found | None:
    """Finds the time expression inside a longer sentence/message.

    For example 'Volgende week dinsdag terugbellen over de subsidie'. With several, the one
    ahead of now (preferring the future) or behind it (preferring the past) wins, then the
    longest: in "Vandaag gesproken, volgende week dinsdag terugbellen" it is the Tuesday.
    """
    text = text[:MAX_INPUT]
    candidates = _candidates(text, now, prefer)
    strong = [c for c in candidates if not c.weak or c.whole]
    if strong:
        best = max(strong, key=lambda c: _rank(c, now, prefer))
        return Found(best.when, best.span)
    return _dateparser_find(text, now, prefer, [c.span for c in candidates])


# --------------------------------------------------------------------------- formatting

_DAY_NAMES_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_DAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                   "september", "oktober", "november", "december")
_MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December")


def format_when(when: When, lang: str = "nl", today: date | None = None) -> str:
    """Human text: 'dinsdag 8 december om 10:00', 'week van maandag 7 december', 'december 2026'.

    The year is shown only when `today` is given and in another year: no hidden clock here.
    """
    dutch = lang.lower().startswith("nl")
    days = _DAY_NAMES_NL if dutch else _DAY_NAMES_EN
    months = _MONTH_NAMES_NL if dutch else _MONTH_NAMES_EN
    start = when.start
    if when.grain == "month":
        return f"{months[start.month - 1]} {start.year}"
    text = f"{days[start.weekday()]} {start.day} {months[start.month - 1]}"
    if today is not None and start.year != today.year:
        text += f" {start.year}"
    if when.grain == "week":
        return ("week van " if dutch else "week of ") + text
    if when.grain in ("hour", "minute"):
        return text + (" om " if dutch else " at ") + f"{start.hour:02d}:{start.minute:02d}"
    return text
