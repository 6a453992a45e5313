"""Reading one free-text visit message: who, where, what, when, and what to do next.

A pure function over the text and what the register already knows, so it can be tested and
property-tested without a database. The guesses are shown on a confirmation card; the
coordinator corrects anything with a button, so here we prefer a clear guess to a refusal.

How a message is read (each step is small and tested through `tests/core/visit_corpus.py`):

1. The text is cut into sentences, and those into clauses at `, ; :` and dashes. A list of
   names ("Fatima, Jan en ik") is not cut.
2. A clause that asks the coordinator to do something is a follow-up: an action verb
   ("terugbellen", "ik stuur", "call back"), or a weaker word ("afspraak", "langs", "om
   tafel") with a time ahead, or anything after a label ("Actie:"). A clause whose subject is
   someone else ("ze willen … organiseren", "hij wil …") or that is negated ("geen
   vervolgactie nodig") is not. "Morgen X bellen en Y mailen" are two follow-ups; the second
   shares the first one's time. The title is the clause without its time, filler ("ik moet",
   "nog", "even") and with a first-person verb put back as an action ("ik bel Ahmed" →
   "Ahmed bellen").
3. Participants, organisation and area are looked for outside the follow-ups: "morgen Petra
   mailen" does not make Petra a participant. Names come after words like "met", "bij",
   "with", a job title ("imam Ahmed"), or before a verb ("Ahmed gebeld", "Fatima belde",
   "Fatima, Jan en ik"); a known contact is recognised anywhere, also in lower case; and
   every name deduce finds (core.reading.names), also typed in lower case. A title ("imam",
   "mw.", "ds.", also with a slip) is kept apart as the mention's `title`, never in the name.
   Organisations and areas are matched to the register by core.reading.matching.
4. The visit date is the first past moment in a clause about the visit, not one that belongs
   to something else ("de vechtpartij van vorige week", "ze is vorige week …").
5. Signal words (design §9) and words that would record a person's religion, ethnicity,
   political opinion, health or sexual orientation are found with their inflections; a
   negation ("geen zorgen"), a look-alike ("zorgvuldig", "zorgen voor") or an organisation
   ("Turkse moskee", "Joodse Gemeente") does not count.

Input is cut at MAX_MESSAGE characters before anything else, and every pattern here is linear.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from rapidfuzz import fuzz, process

from core.areas import ALMERE
from core.dates import Found, When, find_when
from core.hours import find_duration
from core.organisations import ROLE_WORDS, type_at, type_for_role, type_for_word
from core.reading.channel import read_channel
from core.reading.guards import special_category_findings
from core.reading.matching import NameIndex, index_for, normal
from core.reading.names import RELATIVES, TITLES, NameMention, dutch_word, find_names
from core.reading.signal_family import family_of

MAX_MESSAGE = 2000  # characters; a visit note longer than this is cut before reading
_MAX_TIMED_CLAUSES = 24  # clauses searched for a time: a visit note says when early on
_MAX_FOLLOW_UPS = 8

_BSN_CANDIDATE = re.compile(r"(?<![\d.])(\d{3})[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2})(?![\d])")


# --------------------------------------------------------------------------- the reading


@dataclass(frozen=True)
class Known:
    """What the register knows, in plain form (names are decrypted in memory, never queried)."""

    contacts: tuple[tuple[int, str], ...] = ()
    organisations: tuple[tuple[int, str], ...] = ()
    areas: tuple[tuple[int, str], ...] = ()


@dataclass
class PersonMention:
    text: str  # the name as written, never with a title; capitalised when typed in lower case
    contact_id: int | None = None
    candidates: list[int] = field(default_factory=list)
    title: str | None = None  # a title or form of address written before it ("imam", "mw")


@dataclass
class OrgMention:
    name: str
    type_code: str | None = None
    organisation_id: int | None = None


@dataclass
class AreaMention:
    name: str
    area_id: int | None = None


@dataclass
class FollowUpGuess:
    title: str
    due: When | None
    about: list[PersonMention] = field(default_factory=list)  # people named in the follow-up


@dataclass
class VisitReading:
    people: list[PersonMention]
    organisation: OrgMention | None
    area: AreaMention | None
    occurred: When | None
    summary: str
    follow_up: FollowUpGuess | None  # the first of follow_ups, for callers that take one
    signal_words: list[str]
    privacy_words: list[str]
    role_type: str | None = None  # the organisation type a job title implies ("wijkagent")
    follow_ups: list[FollowUpGuess] = field(default_factory=list)
    duration_minutes: int | None = None  # time spent ("anderhalf uur"), core.hours
    # How the contact went (core.reading.channel); None or empty: the message does not say.
    kind: str | None = None  # an InteractionKind value: "telefoon" for "belde me"
    initiated_by: str | None = None  # "us" or "them"
    shared: list[str] = field(default_factory=list)  # what we told or gave them
    asked: list[str] = field(default_factory=list)  # what they asked of the municipality
    promised: list[str] = field(default_factory=list)  # what we said we would do


# --------------------------------------------------------------------------- BSN


def contains_bsn(text: str) -> bool:
    """True when the text holds a 9-digit number that passes the BSN eleven-check."""
    for match in _BSN_CANDIDATE.finditer(text[: MAX_MESSAGE * 2]):
        digits = "".join(match.groups())
        if is_bsn(digits):
            return True
    return False


def is_bsn(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


# --------------------------------------------------------------------------- words

# A word (letters, joined by an apostrophe or hyphen: "foto's", "Stad-Oost"), a number with
# its separators ("14.00", "11:00"), or one sign.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.:]\d+)*|[^\w\s]")


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int


def _tokenise(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), _action_spelled(m.group(0).lower()), m.start(), m.end())
            for m in _TOKEN.finditer(text)]


@functools.lru_cache(maxsize=65536)
def _action_spelled(low: str) -> str:
    """An action word typed with one letter missing, extra or wrong ("terugbelen",
    "terugkopelen", "navargen") is read as the action; a real Dutch word stays itself."""
    if len(low) < 7 or low in _ACTIONS or not low.isalpha():
        return low
    candidates = _ACTION_SLIPS.get(low, set()).union(
        *(_ACTION_SLIPS.get(low[:i] + low[i + 1:], set()) for i in range(len(low))))
    candidates |= {low[:i] + low[i + 1:] for i in range(len(low))} & _ACTIONS.keys()
    if len(candidates) != 1 or dutch_word(low):
        return low
    return next(iter(candidates))


def _is_word(tok: _Tok) -> bool:
    return tok.text[:1].isalpha()


def _is_capitalised(tok: _Tok) -> bool:
    """Written with a capital, but not in all capitals ("DENK", "GGD" are not names)."""
    return tok.text[:1].isupper() and not (len(tok.text) > 1 and tok.text.isupper())


_DAY_WORDS = frozenset({
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "vandaag", "gisteren",
    "gister", "morgen", "overmorgen", "eergisteren", "vanochtend", "vanmorgen", "vanmiddag",
    "vanavond", "gisteravond", "gistermiddag", "gisterochtend", "morgenochtend", "morgenmiddag",
    "morgenavond", "today", "yesterday", "tomorrow", "tonight", "januari", "februari", "maart",
    "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
    "january", "february", "march", "june", "july", "august", "october", "volgende", "vorige",
    "afgelopen", "komende", "aanstaande", "next", "last", "this", "deze", "begin", "eind",
    "half", "over", "om", "op", "week", "weekend",
})
# Written with a capital but never a person's name (capital because a sentence starts there,
# or because it is a holiday, a place, a pronoun).
_NOT_NAMES = _DAY_WORDS | frozenset({
    "de", "het", "een", "the", "a", "an", "ik", "we", "wij", "je", "jij", "u", "hij", "zij",
    "ze", "hun", "haar", "zijn", "mijn", "onze", "ons", "i", "he", "she", "they", "it", "my",
    "our", "his", "her", "their", "er", "daar", "hier", "dit", "dat", "die", "deze", "this",
    "that", "there", "en", "of", "maar", "dus", "and", "but", "so", "met", "bij", "na", "voor",
    "in", "aan", "van", "tijdens", "with", "at", "to", "from", "for", "hoi", "hallo", "hi",
    "hey", "goed", "kort", "net", "even", "ook", "nog", "wel", "niet", "geen", "no", "not",
    "kerst", "kerstmis", "pasen", "pinksteren", "ramadan", "suikerfeest", "offerfeest", "eid",
    "divali", "diwali", "chanoeka", "hanukkah", "iftar", "sinterklaas", "koningsdag",
    "bevrijdingsdag", "christmas", "easter", "almere", "nederland", "actie",
    "todo", "vervolg", "telefonisch", "telefoon", "bezoek", "bezocht", "gesprek", "overleg",
    "gebiedsoverleg", "quick", "call", "had", "spoke", "visited", "called", "veel",
    "uitgebreid", "zojuist", "snel", "toen", "daarna", "eerst", "weer", "fijn", "prima",
    "rustig", "mooie", "mooi", "positief", "negatief", "helaas", "verder", "tot", "sommige",
    "alle", "iedereen", "niemand", "beiden", "samen", "gebeld",
})
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "el", "al", "ben", "bin",
                        "la", "le", "da", "di", "du", "von", "'t", "van't"})
_ARTICLES = frozenset({"de", "het", "een", "the", "a", "an", "onze", "ons", "mijn", "our", "my",
                       "zijn", "haar", "hun", "his", "her", "their", "'t"})
_LIST_GLUE = frozenset({",", "en", "and", "&"})


# --------------------------------------------------------------------------- sentences, clauses

_ABBREVIATIONS = frozenset({"dhr", "mevr", "mw", "hr", "bijv", "ca", "nr", "evt", "etc", "mr",
                            "mrs", "ms", "dr", "st", "vs", "resp", "o.a", "a.s", "i.v.m",
                            "m.b.t", "t.a.v", "z.s.m", "e.d", "m.n"})
_SENTENCE_BREAK = re.compile(r"[.!?]+(?=\s)|\n")
# "vr. terugbellen", "do. 14u": a day's abbreviation with a dot, then lower case or a digit.
_DAY_ABBREVIATIONS = frozenset({"ma", "di", "wo", "do", "vr", "za", "zo"})


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence is; an initial ("J. de Vries") or "dhr." does not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        mark = match.group(0)
        if mark.startswith(".") and len(mark) == 1:
            space = max(text.rfind(" ", start, match.start()), text.rfind("\n", start,
                                                                           match.start()))
            word = text[max(space + 1, start):match.start()]
            if (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS:
                continue
            following = text[match.end():].lstrip()[:1]
            if word.lower() in _DAY_ABBREVIATIONS and (following.islower()
                                                        or following.isdigit()):
                continue
        end = match.start() if mark == "\n" else match.end()
        _add_span(spans, text, start, end)
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in _sentence_spans(text)]


class _Clause(NamedTuple):
    first: int  # token index
    stop: int  # token index, exclusive
    sentence: int


_CLAUSE_MARKS = frozenset({",", ";", ":", "-", "–", "—"})


def _sentence_of_tokens(toks: Sequence[_Tok], sentences: Sequence[tuple[int, int]]) -> list[int]:
    owner: list[int] = []
    index = 0
    for tok in toks:
        while index < len(sentences) - 1 and tok.start >= sentences[index][1]:
            index += 1
        owner.append(index)
    return owner


def _clauses(toks: Sequence[_Tok], owner: Sequence[int]) -> list[_Clause]:
    clauses: list[_Clause] = []
    first = 0
    for i, tok in enumerate(toks):
        if i > first and owner[i] != owner[i - 1]:
            clauses.append(_Clause(first, i, owner[i - 1]))
            first = i
        if tok.text in _CLAUSE_MARKS and not _joins(toks, owner, i):
            if i > first:
                clauses.append(_Clause(first, i, owner[i]))
            first = i + 1
    if first < len(toks):
        clauses.append(_Clause(first, len(toks), owner[-1]))
    return [c for c in clauses if any(_is_word(t) for t in toks[c.first:c.stop])]


def _joins(toks: Sequence[_Tok], owner: Sequence[int], i: int) -> bool:
    """A mark that does not end a clause: "10-12", "1,5", or a comma in a list of names."""
    before = toks[i - 1] if i > 0 else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    if before is None or after is None:
        return False
    if toks[i].text == "-" and (before.end == toks[i].start or toks[i].end == after.start):
        return True
    if toks[i].text == "," and before.end == toks[i].start and toks[i].end == after.start:
        return True
    if toks[i].text == "," and owner[i - 1] == owner[i + 1]:
        return (_is_capitalised(before) and _is_capitalised(after)
                and before.low not in _NOT_NAMES and after.low not in _NOT_NAMES
                and before.low not in ROLE_WORDS and after.low not in ROLE_WORDS)
    return False


# --------------------------------------------------------------------------- follow-ups

# Actions as a coordinator writes them: infinitive → (the "ik" form, separable particle).
_ACTIONS: dict[str, tuple[str, str | None]] = {
    "bellen": ("bel", None), "terugbellen": ("bel", "terug"), "nabellen": ("bel", "na"),
    "opbellen": ("bel", "op"), "mailen": ("mail", None), "e-mailen": ("mail", None),
    "emailen": ("mail", None), "terugmailen": ("mail", "terug"), "appen": ("app", None),
    "whatsappen": ("whatsapp", None), "sturen": ("stuur", None), "versturen": ("verstuur", None),
    "opsturen": ("stuur", "op"), "doorsturen": ("stuur", "door"), "toesturen": ("stuur", "toe"),
    "nasturen": ("stuur", "na"), "langsgaan": ("ga", "langs"), "langskomen": ("kom", "langs"),
    "afspreken": ("spreek", "af"), "inplannen": ("plan", "in"), "plannen": ("plan", None),
    "agenderen": ("agendeer", None), "organiseren": ("organiseer", None),
    "regelen": ("regel", None), "voorbereiden": ("bereid", "voor"),
    "uitnodigen": ("nodig", "uit"), "navragen": ("vraag", "na"), "nagaan": ("ga", "na"),
    "checken": ("check", None), "controleren": ("controleer", None),
    "uitzoeken": ("zoek", "uit"), "opzoeken": ("zoek", "op"), "opvolgen": ("volg", "op"),
    "terugkoppelen": ("koppel", "terug"), "koppelen": ("koppel", None),
    "informeren": ("informeer", None), "inlichten": ("licht", "in"), "melden": ("meld", None),
    "doorgeven": ("geef", "door"), "doorverwijzen": ("verwijs", "door"),
    "verwijzen": ("verwijs", None), "delen": ("deel", None), "bespreken": ("bespreek", None),
    "overleggen": ("overleg", None), "afstemmen": ("stem", "af"),
    "evalueren": ("evalueer", None), "meenemen": ("neem", "mee"),
    "voorleggen": ("leg", "voor"), "opnemen": ("neem", "op"), "benaderen": ("benader", None),
    "contacteren": ("contacteer", None), "uitzetten": ("zet", "uit"),
    "aanvragen": ("vraag", "aan"), "aanmelden": ("meld", "aan"),
    "inschakelen": ("schakel", "in"), "betrekken": ("betrek", None),
    "opstellen": ("stel", "op"), "schrijven": ("schrijf", None), "uitwerken": ("werk", "uit"),
    "kennismaken": ("maak", "kennis"), "bijpraten": ("praat", "bij"),
    "bezoeken": ("bezoek", None), "bijwonen": ("woon", "bij"),
    "aanschuiven": ("schuif", "aan"), "reageren": ("reageer", None),
    "bevestigen": ("bevestig", None), "herinneren": ("herinner", None),
    "doorspreken": ("spreek", "door"), "terugkomen": ("kom", "terug"),
    "ophalen": ("haal", "op"), "vastleggen": ("leg", "vast"), "volgen": ("volg", None),
    "monitoren": ("monitor", None), "verzamelen": ("verzamel", None),
}
# Every action word with one letter left out, for reading slips (`_action_spelled`).
_ACTION_SLIPS: dict[str, set[str]] = {}
for _infinitive in _ACTIONS:
    if len(_infinitive) >= 7:
        for _i in range(len(_infinitive)):
            _ACTION_SLIPS.setdefault(_infinitive[:_i] + _infinitive[_i + 1:], set()).add(
                _infinitive)
_STEMS: dict[str, list[str]] = {}
_GLUED: dict[str, str] = {}  # "terugbel" (dat ik … terugbel) → terugbellen
for _infinitive, (_stem, _particle) in _ACTIONS.items():
    _STEMS.setdefault(_stem, []).append(_infinitive)
    if _particle is not None:
        _GLUED[_particle + _stem] = _infinitive
# Stems that start a note as a command to oneself ("Bel Ahmed terug") and are rarely a noun.
_IMPERATIVES = frozenset({"bel", "stuur", "nodig", "koppel", "informeer", "organiseer",
                          "check", "neem", "verstuur", "zoek"})
# Words that make a follow-up only with a time ahead ("vrijdag afspraak bij de moskee").
_WEAK = frozenset({"afspraak", "afspraakje", "contact", "langs", "overleg", "gesprek", "kijken",
                   "bekijken", "weten",
                   "kennismaking", "lopen", "gaan", "komen", "zitten", "praten", "spreken",
                   "zien", "bezoek", "bijeenkomst", "meeting", "appointment", "catch-up",
                   "proberen", "try"})
_EN_ACTIONS = frozenset({
    "call", "ring", "phone", "email", "e-mail", "mail", "text", "message", "whatsapp", "send",
    "invite", "visit", "check", "ask", "plan", "schedule", "arrange", "organise", "organize",
    "prepare", "discuss", "inform", "share", "contact", "follow", "remind", "update", "book",
    "reply", "write", "forward", "report", "refer", "chase", "meet", "pass", "drop", "set",
    "find", "look", "talk", "speak", "get", "bring", "collect", "draft",
})
# Words only English uses (and only Dutch): an English verb ("plan", "contact", "check") counts
# as an action only in an English sentence, where it is not a Dutch noun.
_ENGLISH = frozenset({"the", "to", "with", "her", "him", "them", "his", "on", "at", "by", "for",
                      "about", "of", "back", "up", "next", "tomorrow", "today", "this", "i",
                      "you", "please", "and", "a", "an", "my", "our", "their", "are", "will",
                      "need", "have", "from", "morning", "afternoon", "evening", "i'll", "we'll",
                      "be", "all", "some", "after", "before", "she", "he", "they", "it"})
_DUTCH = frozenset({"de", "het", "een", "met", "over", "van", "voor", "op", "om", "en", "bij",
                    "naar", "aan", "ik", "ze", "hij", "zij", "nog", "even", "gehad", "zijn", "te",
                    "dat", "die", "er", "morgen", "volgende", "haar", "hem", "niet", "geen",
                    "wel", "ook", "moet", "ga", "gaan", "wil", "besproken", "gesproken", "dit"})


def _is_english(lows: Sequence[str], default: bool) -> bool:
    english = sum(w in _ENGLISH for w in lows)
    dutch = sum(w in _DUTCH for w in lows)
    return english > dutch if english != dutch else default


_LABELS = frozenset({"actie", "acties", "todo", "to-do", "vervolg", "vervolgactie",
                     "vervolgacties", "opvolging", "reminder", "herinnering", "follow-up",
                     "follow-ups", "action", "actions", "afspraak", "afspraken", "next"})
# Words around an action that a title does without.
_FILLERS = frozenset({"nog", "even", "ff", "effe", "eventjes", "wel", "graag", "dan", "daarna",
                      "alvast", "sowieso", "zeker", "straks", "just", "please", "quickly"})
_LEADING = frozenset({"en", "maar", "dus", "verder", "ook", "and", "but", "so", "then", "also",
                      "plus", "daarna", "dan", "of", "or", "te"})
_FRAMES: tuple[tuple[str, ...], ...] = tuple(sorted((
    ("ik", "moet"), ("moet", "ik"), ("we", "moeten"), ("moeten", "we"), ("wij", "moeten"),
    ("ik", "ga"), ("ga", "ik"), ("we", "gaan"), ("gaan", "we"), ("ik", "wil"), ("wil", "ik"),
    ("we", "willen"), ("willen", "we"), ("ik", "zal"), ("zal", "ik"), ("we", "zullen"),
    ("ik", "kan"), ("kan", "ik"), ("ik", "wou"), ("ik", "zou"), ("afgesproken", "dat"),
    ("afgesproken", "om"), ("afgesproken",), ("niet", "vergeten"), ("vergeet", "niet"),
    ("ik", "moet", "niet", "vergeten"), ("moet",), ("i", "need", "to"), ("we", "need", "to"),
    ("need", "to"), ("needs", "to"), ("i", "have", "to"), ("have", "to"), ("i'll",), ("we'll",),
    ("i", "will"), ("we", "will"), ("i", "must"), ("must",), ("i", "should"), ("should",),
    ("let's",), ("remember", "to"), ("don't", "forget", "to"), ("dont", "forget", "to"),
    ("i'm", "going", "to"), ("going", "to"), ("to", "do"), ("i", "want", "to"),
    ("want", "to"),
), key=len, reverse=True))
# A preposition left hanging when its time is taken out ("uitnodigen voor … op [14 december]").
_DANGLING = frozenset({"op", "om", "voor", "vóór", "uiterlijk", "rond", "rondom", "tegen", "in",
                       "per", "van", "vanaf", "tot", "by", "on", "at", "before", "from", "until",
                       "within", "binnen", "na", "after", "this", "deze", "ergens", "coming"})
_NEGATIONS = frozenset({"geen", "niet", "no", "not", "nothing", "niks", "nooit", "never",
                        "hoeft", "hoeven", "nvt", "n.v.t", "none"})
_SUBJECT_PRONOUNS = frozenset({"ze", "zij", "hij", "men", "he", "she", "they", "iemand",
                               "niemand", "iedereen", "everyone", "nobody", "someone"})
_DUMMY_SUBJECTS = frozenset({"het", "er", "it", "there", "dit", "dat", "die", "this", "that"})
_LINKING = frozenset({"is", "was", "waren", "zijn", "wordt", "werd", "werden", "gaat", "ging",
                      "komt", "kwam", "blijft", "bleef", "lijkt", "leek", "valt", "heeft", "had",
                      "are", "were", "has", "seems", "looks", "went", "goes", "zit", "staat",
                      "speelt", "loopt"})
# A finite verb of someone else: with it, the clause reports, it does not ask me to act.
_THIRD_PERSON = frozenset({
    "wil", "wilt", "wilde", "wilden", "willen", "kan", "kon", "konden", "kunnen", "zal",
    "zullen", "zou", "zouden", "gaat", "ging", "gingen", "heeft", "had", "hadden", "is", "was",
    "waren", "wordt", "werd", "werden", "komt", "kwam", "kwamen", "doet", "deed", "deden",
    "zegt", "zei", "zeiden", "vindt", "vond", "vonden", "merkt", "ziet", "zag", "zagen",
    "zoekt", "maakt", "denkt", "dacht", "weet", "wist", "staat", "stond", "loopt", "liep",
    "speelt", "hoort", "hoorde", "vertelt", "vertelde", "belde", "belt", "appte", "mailde",
    "meldde", "liet", "laat", "vraagt", "vroeg", "vroegen", "mag", "mocht", "wants", "wanted",
    "asked", "asks", "said", "says", "told", "tells", "are", "were", "has",
    "will", "would", "can", "could",
})
_SUBORDINATORS = frozenset({"of", "dat", "wat", "waar", "wie", "omdat", "als", "wanneer",
                            "hoe", "whether", "if", "that", "what", "where", "when", "how"})
_FIRST_PERSON = frozenset({"ik", "we", "wij", "i", "i'll", "we'll", "i'm", "let's", "ikzelf"})


class _Part(NamedTuple):
    toks: list[_Tok]
    first_person: bool  # the clause it came from has "ik"/"we" as subject
    english: bool


def _find_follow_ups(
    text: str, toks: Sequence[_Tok], clauses: Sequence[_Clause], now: datetime
) -> tuple[list[tuple[_Clause, FollowUpGuess]], set[int]]:
    """The follow-ups, each with its clause; and the token indices of those clauses."""
    found: list[tuple[_Clause, FollowUpGuess]] = []
    covered: set[int] = set()
    labelled: int | None = None
    message_english = _is_english([t.low for t in toks], False)
    for number, clause in enumerate(clauses):
        words = list(toks[clause.first:clause.stop])
        lows = [t.low for t in words]
        if _is_label(lows):
            labelled = clause.sentence
            continue
        label = labelled == clause.sentence or (bool(lows) and lows[0] in _LABELS - {"afspraak",
                                                                                    "next"})
        if _reports(lows) or len(found) >= _MAX_FOLLOW_UPS:
            continue
        first_person = any(w in _FIRST_PERSON for w in lows)
        english = _is_english(lows, message_english)
        shared: When | None = None
        any_found = False
        for part in _conjuncts(words, first_person, english):
            timed = number < _MAX_TIMED_CLAUSES * 2
            guess = _read_part(text, part, now, label, timed)
            if guess is None:
                continue
            if guess.due is None and shared is not None:
                guess.due = shared
            shared = guess.due or shared
            found.append((clause, guess))
            any_found = True
        if any_found:
            covered.update(range(clause.first, clause.stop))
    return found, covered


def _is_label(lows: Sequence[str]) -> bool:
    words = [w for w in lows if w not in (":", "-", "!")]
    return bool(words) and all(w in _LABELS or w in ("to", "do", "next", "steps", "step")
                               for w in words) and words[0] != "afspraak"


def _reports(lows: Sequence[str]) -> bool:
    """The clause tells what someone else does or thinks; it is no task of mine."""
    words = _without_lead(lows)
    if not words:
        return True
    head = words[0].split("'")[0].split("’")[0]
    if head in _SUBJECT_PRONOUNS:
        return True
    if head in _DUMMY_SUBJECTS and len(words) > 1 and words[1] in _LINKING:
        return True
    main = words[:next((i for i, w in enumerate(words) if w in _SUBORDINATORS and i > 0),
                       len(words))]  # "check of de zaal vrij is": "is" is not the main verb
    if any(w in _FIRST_PERSON for w in main):
        return False
    return any(w in _THIRD_PERSON for w in main)


def _conjuncts(words: list[_Tok], first_person: bool, english: bool) -> list[_Part]:
    """'X bellen en Y mailen' is two actions; 'Kees en Petra bellen' is one."""
    parts: list[_Part] = []
    rest = words
    while True:
        split = None
        for i, tok in enumerate(rest):
            if tok.low in ("en", "and", "&") and 0 < i < len(rest) - 1:
                left, right = rest[:i], rest[i + 1:]
                if _has_action(left, first_person, english) and _has_action(
                        right, first_person, english):
                    split = i
                    break
        if split is None:
            parts.append(_Part(rest, first_person, english))
            return parts
        parts.append(_Part(rest[:split], first_person, english))
        rest = rest[split + 1:]


def _has_action(words: Sequence[_Tok], first_person: bool, english: bool) -> bool:
    lows = [t.low for t in words]
    if any(w in _ACTIONS or w in _GLUED for w in lows):
        return True
    if first_person and any(w in _STEMS for w in lows[:3]):
        return True
    return english and bool(lows) and lows[0] in _EN_ACTIONS


def _read_part(text: str, part: _Part, now: datetime, label: bool,
               timed: bool) -> FollowUpGuess | None:
    if not label and not _could_act(part):
        return None  # looked at first: finding the time is the slow part
    span = (part.toks[0].start, part.toks[-1].end)
    found = find_when(text[span[0]:span[1]], now, prefer="future") if timed else None
    if found is None and timed:
        found = _abbreviated_day(text, part, now)
    skip = (span[0] + found.span[0], span[0] + found.span[1]) if found else None
    words, gap = _as_words(part.toks, skip)
    lows = [_action_spelled(w.text.lower()) for w in words]
    cue, strength = _cue(lows, part.first_person, part.english)
    if cue is None and label and any(w[:1].isalpha() for w in lows):
        cue, strength = 0, "label"
    if cue is None:
        return None
    if _negated(lows, cue):
        return None
    due = found.when if found else None
    if due is not None and _is_past(due, now):
        if strength != "label":
            return None
        due = None
    if strength == "weak" and (due is None or not _is_ahead(due, now)) and not (
            due is None and _VAGUE_TIME.search(" ".join(lows))):
        return None  # "na de zomer weer contact": meant for later, so the card asks when
    title = _title(words, gap, part.first_person)
    if not title and label and due is not None and lows and lows[0] in _LABELS:
        title = lows[0].capitalize()  # "vervolg begin volgende week"
    if not title:
        return None
    return FollowUpGuess(title=title, due=due)


_VAGUE_TIME = re.compile(
    r"\b(?:na\s+de\s+(?:zomer|vakantie|zomervakantie|kerst|feestdagen|ramadan)|binnenkort|"
    r"zsm|z\.s\.m|in\s+het\s+nieuwe\s+jaar|na\s+nieuwjaar|after\s+the\s+summer)\b")
_DAY_NAMES = {"ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag",
               "vr": "vrijdag", "za": "zaterdag", "zo": "zondag"}


def _abbreviated_day(text: str, part: _Part, now: datetime) -> Found | None:
    """'vr terugbellen', 'ma. terugkoppelen': a day abbreviation right before the action is
    that day (alone, "ma" and "do" are everyday words, so the date reader leaves them)."""
    toks = [t for t in part.toks if t.low not in _FILLERS and t.low != "."]
    if len(toks) < 2 or toks[0].low not in _DAY_NAMES:
        return None
    following = toks[1].low
    if not (following in _ACTIONS or following in _IMPERATIVES or following in _GLUED):
        return None
    day = _DAY_NAMES[toks[0].low]
    found = find_when(day, now, prefer="future")
    if found is None:
        return None
    start = toks[0].start - part.toks[0].start
    return Found(found.when, (start, start + len(toks[0].text)))


def _could_act(part: _Part) -> bool:
    for tok in part.toks:
        word = tok.low
        if word in _ACTIONS or word in _GLUED or word in _STEMS or word in _WEAK or (
                part.english and word in _EN_ACTIONS) or word == "tafel" or word.endswith(
                ("gesprek", "overleg")):
            return True
    return False


def _cue(lows: Sequence[str], first_person: bool, english: bool) -> tuple[int | None, str]:
    """Where the action is and how sure we are that it is one."""
    has_first = any(w in ("ik", "we", "wij") for w in lows)
    for i, word in enumerate(lows):
        if word in _ACTIONS and not (i > 0 and lows[i - 1] in ("het", "the", "zijn", "haar")
                                     and not (i > 1 and lows[i - 2] in ("met", "with"))):
            return i, "strong"  # "het bellen" is a noun; "met haar bellen" is to call her
        if word in _GLUED and (has_first or first_person):
            return i, "strong"
    for i, word in enumerate(lows):
        if word in _STEMS and (
            (i > 0 and lows[i - 1] == "ik") or (i + 1 < len(lows) and lows[i + 1] == "ik")
        ):
            return i, "strong"
    lead = _lead(lows)
    if lead is not None:
        word = lows[lead]
        following = lows[lead + 1] if lead + 1 < len(lows) else ""
        if (word in _IMPERATIVES or (first_person and word in _STEMS)) and _verb_for(
                lows, lead) is not None:
            return lead, "strong"
        if english and word in _EN_ACTIONS and not (
                word == "follow" and following not in ("up", "")) \
                and not (word in ("call", "mail", "text", "message")
                         and following in ("with", "from", "van", "met")):
            return lead, "strong"
    for i, word in enumerate(lows):
        if word in _WEAK or word.endswith(("gesprek", "overleg")):
            return i, "weak"
        if word == "weten" and i > 0 and lows[i - 1] == "laten":
            return i, "weak"  # "uiterlijk 26/4 laten weten"
        if word == "tafel" and i > 0 and lows[i - 1] == "om":
            return i, "weak"
    return None, ""


def _lead(lows: Sequence[str]) -> int | None:
    """The first word that carries meaning, after labels, frames and filler."""
    i = 0
    while i < len(lows):
        frame = _frame_at(lows, i)
        if frame:
            i += frame
        elif lows[i] in _FILLERS or lows[i] in _LEADING or lows[i] in _LABELS or (
                not lows[i][:1].isalnum()):
            i += 1
        else:
            return i
    return None


def _frame_at(lows: Sequence[str], i: int) -> int:
    for frame in _FRAMES:
        if tuple(lows[i:i + len(frame)]) == frame:
            return len(frame)
    return 0


def _negated(lows: Sequence[str], cue: int) -> bool:
    for i in range(min(cue, len(lows))):
        if lows[i] in _NEGATIONS:
            if lows[i] == "niet" and ((i > 0 and lows[i - 1] == "vergeet")
                                      or (i + 1 < len(lows) and lows[i + 1] == "vergeten")):
                continue
            if lows[i] in ("not", "don't") and i + 1 < len(lows) and lows[i + 1] == "forget":
                continue
            return True
    return False


def _wall(moment: datetime, now: datetime) -> datetime:
    """A moment as wall-clock time in now's zone, so naive and aware times compare."""
    if moment.tzinfo is not None and now.tzinfo is not None:
        moment = moment.astimezone(now.tzinfo)
    return moment.replace(tzinfo=None)


def _is_past(when: When, now: datetime) -> bool:
    """The whole period it names is over ("gisteren", "vorige week"); today is not past."""
    start, current = _wall(when.start, now), _wall(now, now)
    if when.grain in ("minute", "hour"):
        return start < current
    if when.grain == "week":
        return (current.date() - start.date()).days >= 7
    if when.grain == "month":
        return (start.year, start.month) < (current.year, current.month)
    return start.date() < current.date()


def _is_ahead(when: When, now: datetime) -> bool:
    """It starts after now: later today for a clock time, else on a later day."""
    start, current = _wall(when.start, now), _wall(now, now)
    if when.grain in ("minute", "hour"):
        return start > current
    return start.date() > current.date()


class _W(NamedTuple):
    text: str
    glued: bool  # written against the word before it


def _as_words(toks: Sequence[_Tok], skip: tuple[int, int] | None) -> tuple[list[_W], int | None]:
    words: list[_W] = []
    gap: int | None = None
    previous_end: int | None = None
    for tok in toks:
        if skip is not None and tok.start < skip[1] and skip[0] < tok.end:
            if gap is None:
                gap = len(words)
            previous_end = None
            continue
        words.append(_W(tok.text, previous_end == tok.start))
        previous_end = tok.end
    return words, gap


def _title(words: list[_W], gap: int | None, first_person: bool) -> str:
    """The action as a to-do: no time, no filler, the verb as an infinitive at the end."""
    words = list(words)
    if gap is not None:
        while gap > 0 and words[gap - 1].text.lower() in _DANGLING:
            del words[gap - 1]
            gap -= 1
    words = _as_infinitive(words, first_person)
    changed = True
    while changed:
        changed = False
        lows = [_action_spelled(w.text.lower()) for w in words]
        for i in range(len(lows)):
            size = _frame_at(lows, i)
            if size and (i == 0 or lows[i:i + size] != ["moet"]):
                del words[i:i + size]
                changed = True
                break
    words = [w for i, w in enumerate(words) if w.text.lower() not in _FILLERS or (
        w.text.lower() == "nog" and i + 1 < len(words)
        and words[i + 1].text.lower() in ("een", "eens", "meer"))]  # "nog een keer"
    while words and (words[0].text.lower() in _LEADING | _LABELS - {"afspraak"}
                     or not words[0].text[:1].isalnum()) and not _keeps_label(words):
        del words[0]
    while words and (not words[-1].text[:1].isalnum() or words[-1].text.lower() in _DANGLING
                     or words[-1].text.lower() in _LEADING):
        if words[-1].text in (")", "'", '"') and any(w.text == "(" for w in words):
            break
        del words[-1]
    if len(words) >= 2 and words[-2].text.lower() == "te" and (
            words[-1].text.lower() in _ACTIONS or words[-1].text.lower() in _WEAK):
        del words[-2]
    text = _join(words)
    return text[:1].upper() + text[1:] if text else ""


def _keeps_label(words: Sequence[_W]) -> bool:
    """'Follow up with Ruth': here "follow" is the action, not a label."""
    return (len(words) > 1 and words[0].text.lower() == "follow"
            and words[1].text.lower() == "up")


def _join(words: Sequence[_W]) -> str:
    out: list[str] = []
    for word in words:
        if out and not word.glued:
            out.append(" ")
        out.append(word.text)
    return "".join(out).strip()


def _verb_for(lows: Sequence[str], at: int) -> tuple[str, int | None] | None:
    """The action a finite form stands for, and where its particle is ("neem … contact op")."""
    plain: str | None = None
    for infinitive in _STEMS.get(lows[at], []):
        particle = _ACTIONS[infinitive][1]
        if particle is None:
            plain = plain or infinitive
            continue
        places = [j for j in range(at + 1, len(lows)) if lows[j] == particle]
        if places:
            return infinitive, places[-1]
    return (plain, None) if plain else None


def _as_infinitive(words: list[_W], first_person: bool) -> list[_W]:
    """'Ik stuur iedereen het verslag' → 'iedereen het verslag sturen'."""
    lows = [_action_spelled(w.text.lower()) for w in words]
    subjects = [i for i, w in enumerate(lows) if w in ("ik", "we", "wij")]
    has_infinitive = any(w in _ACTIONS for w in lows)
    if subjects:
        subject = subjects[0]
        for i, word in enumerate(lows):
            if word in _GLUED:
                words = list(words)
                words[i] = _W(_GLUED[word], words[i].glued)
                del words[subject]
                return words
        if has_infinitive:
            for i in (subject + 1, subject - 1):
                if 0 <= i < len(lows) and lows[i] in _ACTIONS and lows[subject] != "ik":
                    return _move_to_end(words, i, subject)
            return words
        for i in (subject + 1, subject - 1):
            if 0 <= i < len(lows) and lows[i] in _STEMS:
                return _rewrite(words, lows, i, subject)
        return words
    lead = _lead(lows)
    if lead is not None and not has_infinitive and (
            lows[lead] in _IMPERATIVES or (first_person and lows[lead] in _STEMS)):
        return _rewrite(words, lows, lead, None)
    return words


def _rewrite(words: list[_W], lows: Sequence[str], at: int, subject: int | None) -> list[_W]:
    verb = _verb_for(lows, at)
    if verb is None:
        return words
    infinitive, particle_at = verb
    out = list(words)
    if particle_at is not None:
        out[particle_at] = _W(infinitive, False)
    drop = {at} if subject is None else {at, subject}
    out = [w for j, w in enumerate(out) if j not in drop]
    if particle_at is None:
        out.insert(_verb_place(out), _W(infinitive, False))
    return out


def _verb_place(words: Sequence[_W]) -> int:
    """Where Dutch puts the verb of a to-do: at the end, but before 'of/dat …'."""
    end = len(words)
    while end > 0 and not words[end - 1].text[:1].isalnum():
        end -= 1
    for i, word in enumerate(words[:end]):
        if i > 0 and word.text.lower() in _SUBORDINATORS:
            return i
    return end


def _move_to_end(words: list[_W], verb: int, subject: int) -> list[_W]:
    infinitive = words[verb]
    out = [w for j, w in enumerate(words) if j not in (verb, subject)]
    out.insert(_verb_place(out), _W(infinitive.text, False))
    return out


# --------------------------------------------------------------------------- the register


class _Contact(NamedTuple):
    contact_id: int
    name: str
    parts: tuple[str, ...]  # lower-case words of the name
    first: str
    surname: str  # everything after the first name, lower case ("de vries")
    last: str  # the last word ("vries")


# First names that are ordinary words in lower case ("roos", "mark", "hoop") count alone only
# when written with a capital; the rest are in simplemma's Dutch dictionary (dutch_word).
_ORDINARY = frozenset({"jan"})


@functools.lru_cache(maxsize=8)
def _register_for(contacts: tuple[tuple[int, str], ...]) -> _Register:
    """The name index of a register, built once per distinct set of names.

    Tokenising 10,000 names for every message was most of the time a message took
    (bench/throughput.py); the index only changes when a name does.
    """
    return _Register(Known(contacts=contacts))


class _Register:
    def __init__(self, known: Known) -> None:
        self.contacts: list[_Contact] = []
        self.by_first_token: dict[str, list[_Contact]] = {}
        self.by_first_name: dict[str, list[_Contact]] = {}
        self.by_parts: dict[tuple[str, ...], list[_Contact]] = {}
        self.by_surname: dict[str, list[_Contact]] = {}  # the surname, and its last word
        for contact_id, name in known.contacts:
            parts = tuple(_plain(t.low) for t in _tokenise(name) if _is_word(t))
            if not parts:
                continue
            contact = _Contact(contact_id, name, parts, parts[0], " ".join(parts[1:]), parts[-1])
            self.contacts.append(contact)
            self.by_first_token.setdefault(parts[0], []).append(contact)
            self.by_first_name.setdefault(parts[0], []).append(contact)
            self.by_parts.setdefault(parts, []).append(contact)
            self.by_surname.setdefault(contact.surname, []).append(contact)
            if contact.last != contact.surname:
                self.by_surname.setdefault(contact.last, []).append(contact)
        # for the near spellings, compared in rapidfuzz's C loop rather than one by one
        # the lengths of the names of more than one word, longest first (known_at)
        self.sizes = sorted({len(p) for p in self.by_parts if len(p) > 1}, reverse=True)
        self.firsts = list(self.by_first_name)
        self.full_names = [" ".join(c.parts) for c in self.contacts]
        self.order: dict[int, int] = {}  # where a contact is in the register's order
        for position, contact in enumerate(self.contacts):
            self.order.setdefault(contact.contact_id, position)

    def known_at(self, toks: Sequence[_Tok], i: int) -> int | None:
        """The end of a known name written at toks[i], a full name first, then a first name
        (with the initial of a surname after it: "fatima b.")."""
        tok = toks[i]
        low = _plain(tok.low)
        if low in self.by_first_token:
            for size in self.sizes:  # longest first; a dictionary look-up per length
                if i + size <= len(toks) and tuple(
                        _plain(t.low) for t in toks[i:i + size]) in self.by_parts:
                    return i + size
        if low in self.by_first_name and len(low) >= 3 and (
                _is_capitalised(tok) or (low not in _ORDINARY and len(low) >= 4
                                         and not dutch_word(low))):
            if (i + 2 < len(toks) and len(toks[i + 1].text) == 1 and toks[i + 1].text.isalpha()
                    and toks[i + 2].text == "."
                    and any(c.last.startswith(toks[i + 1].low) or c.surname.startswith(
                        toks[i + 1].low) for c in self.by_first_name[low])):
                return i + 3  # through the dot
            return i + 1
        return None

    def match(self, mention: str) -> PersonMention:
        """Fuzzy-match a written name to known contacts; first names, initials and typos count."""
        result = PersonMention(text=mention)
        if not self.contacts:
            return result
        toks = [t for t in _tokenise(mention) if _is_word(t)]
        words = [_plain(t.low) for t in toks]
        if not words:
            return result
        # an initial: a capital alone, or any single letter after the first name ("fatima b.")
        initials = [t.low for k, t in enumerate(toks)
                    if len(t.text) == 1 and (t.text.isupper() or k > 0)]
        exact = self.by_parts.get(tuple(words), [])
        if exact:
            return _decided(result, exact)
        if initials and len(words) > len(initials):
            if len(toks[0].text) == 1:  # "J. de Vries"
                surname = " ".join(w for w in words if w not in initials or len(w) > 1)
                rest = " ".join(words[len(initials):])
                fits = [c for key in dict.fromkeys((surname, rest))
                        for c in self.by_surname.get(key, [])
                        if c.surname == key and c.first.startswith(initials[0])]
                return _decided(result, fits)
            first = words[0]  # "Mohammed Y."
            fits = [c for c in self.by_first_name.get(first, [])
                    if c.last.startswith(initials[-1])]
            return _decided(result, fits)
        if len(words) == 1:
            word = words[0]
            firsts = self.by_first_name.get(word, [])
            if firsts:
                return _decided(result, firsts)
            surnames = self.by_surname.get(word, [])
            if surnames and len(word) >= 4:
                return _decided(result, surnames)
            if len(word) >= 4:
                near = process.extract(word, self.firsts, scorer=fuzz.ratio, score_cutoff=85,
                                       limit=None)
                close = [c for first, _, _ in near for c in self.by_first_name[first]]
                return _decided(result, sorted(close, key=lambda c: self.order[c.contact_id]))
            return result
        whole = " ".join(words)
        surnames = [c for c in self.by_surname.get(whole, [])
                    if c.surname == whole and len(c.parts) > 1]
        if surnames:  # "(dhr.) El Idrissi"
            return _decided(result, surnames)
        scored = process.extract(whole, self.full_names, scorer=fuzz.ratio, limit=2)
        if scored and scored[0][1] >= 85 and (len(scored) == 1 or scored[0][1] - scored[1][1]
                                              >= 8):
            return _decided(result, [self.contacts[scored[0][2]]])
        same_first = [c for c in self.by_first_name.get(words[0], [])
                      if fuzz.ratio(" ".join(words[1:]), c.surname) >= 80]
        return _decided(result, same_first)


_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "đ": "d", "æ": "ae"})


@functools.lru_cache(maxsize=65536)
def _plain(low: str) -> str:
    """A name word without accents, as typed on a phone: "hüseyin" → "huseyin", "wiśniewski"
    → "wisniewski", "aydın" → "aydin"."""
    if low.isascii():
        return low
    folded = unicodedata.normalize("NFKD", low.translate(_PLAIN_LETTERS))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _decided(result: PersonMention, fits: Sequence[_Contact]) -> PersonMention:
    ids = list(dict.fromkeys(c.contact_id for c in fits))
    if len(ids) == 1:
        result.contact_id = ids[0]
    elif ids:
        result.candidates = ids[:5]
    return result


# --------------------------------------------------------------------------- people

_TRIGGERS = frozenset({"met", "bij", "with", "sprak", "spraken", "ontmoette", "ontmoet",
                       "appte", "mailde", "belde", "called", "visited", "spoke", "talked",
                       "chatted", "phoned", "rang", "texted"})
_TRIGGER_PAIRS = frozenset({("telefoon", "van"), ("telefoontje", "van"), ("appje", "van"),
                            ("mail", "van"), ("mailtje", "van"), ("bericht", "van"),
                            ("call", "from"), ("message", "from"), ("text", "from"),
                            ("spoke", "to"), ("talked", "to"), ("spoken", "to"),
                            ("bezoek", "aan"), ("langs", "bij"), ("call", "with"),
                            ("chat", "with"), ("meeting", "with")})
# After these a name is said without a trigger: "Ahmed gebeld", "Fatima belde".
_PARTICIPLES = frozenset({"gebeld", "gesproken", "gezien", "bezocht", "ontmoet", "geappt",
                          "gemaild", "opgezocht", "teruggebeld", "bijgepraat"})
_FINITES = frozenset({"belde", "appte", "mailde", "sprak", "vertelde", "zei", "meldde", "liet",
                      "vroeg", "gaf", "belt", "appt", "mailt", "vertelt", "zegt", "vraagt",
                      "meldt", "laat", "called", "said", "told", "asked", "texted",
                      "mentioned", "rang", "emailed"})
_CLAUSE_OWNERS = frozenset({"ik", "i"})
# Words that say a contact took place, in the sentence of a name only deduce found.
_CONTACT_CUES = _PARTICIPLES | _FINITES | frozenset({
    "sprak", "spraken", "ontmoette", "koffie", "thee", "langs", "langsgegaan", "gesprek",
    "geweest", "bezoek", "bezocht", "kennismaking", "spoke", "talked", "visited"})
# Written before a surname ("dhr. El Idrissi"): like a job title, not part of the name.
_HONORIFICS = frozenset({"dhr", "mevr", "mw", "meneer", "mevrouw", "hr", "mr", "mrs", "ms",
                         "juf", "meester", "mister", "miss", "sir"})


# Titles and forms of address: never part of a name (core.reading.names.TITLES, the job titles
# of core.organisations and the forms of address above).
_TITLE_WORDS = TITLES | frozenset(ROLE_WORDS) | _HONORIFICS
_LONG_TITLES = tuple(sorted(w for w in _TITLE_WORDS if len(w) >= 4))


@functools.lru_cache(maxsize=4096)
def _title_of(low: str) -> str | None:
    """The title a word is, also typed with a slip ("imaam", "wijkagnet"); None if it is none."""
    if low in _TITLE_WORDS:
        return low
    if len(low) < 5 or dutch_word(low):
        return None
    best = max(_LONG_TITLES, key=lambda t: fuzz.ratio(low, t))
    return best if fuzz.ratio(low, best) >= 85 else None


def _capitalised(name: str) -> str:
    """'kevin de jong' → 'Kevin de Jong': a name typed in lower case, as a card shows it."""
    words = name.split(" ")
    return " ".join(w if (k and w in _PARTICLES) else w[:1].upper() + w[1:]
                    for k, w in enumerate(words))


class _Finder:
    """Names in a message, within the tokens `allowed` lets us look at."""

    def __init__(self, text: str, toks: Sequence[_Tok], owner: Sequence[int],
                 register: _Register, blocked: set[int],
                 names: Sequence[NameMention] = ()) -> None:
        self.text = text
        self.toks = toks
        self.owner = owner
        self.register = register
        self.blocked = blocked
        self.sentence_start = {i for i in range(len(toks)) if i == 0 or owner[i] != owner[i - 1]
                               or toks[i - 1].text in (":", ";")}
        self.words = [t.text for t in toks]
        # deduce's names (core.reading.names) as token spans, with the title written before
        self.named: list[tuple[int, int]] = []
        self.titles: dict[int, str] = {}
        starts = {t.start: i for i, t in enumerate(toks)}
        ends = {t.end: i for i, t in enumerate(toks)}
        for name in names:
            a, b = starts.get(name.start), ends.get(name.end)
            if name.minor or (a is not None and a > 0 and toks[a - 1].low in RELATIVES):
                continue  # "haar dochter Sara (15)": talked about, not met; a minor never
            if a is not None and b is not None and a <= b:
                self.named.append((a, b + 1))
                if name.title:
                    self.titles[a] = name.title

    def people(self, allowed: Callable[[int], bool]) -> list[PersonMention]:
        spans: list[tuple[int, int]] = []
        toks = self.toks
        for i, tok in enumerate(toks):
            if not allowed(i):
                continue
            if tok.low in _TRIGGERS or (i + 1 < len(toks) and (tok.low, toks[i + 1].low)
                                         in _TRIGGER_PAIRS):
                start = i + 1 if tok.low in _TRIGGERS else i + 2
                if start < len(toks) and toks[start].low in _CLAUSE_OWNERS:
                    start += 1  # "sprak ik Sandra"
                spans.extend(self.name_list(start, allowed))
            elif tok.low in ROLE_WORDS or tok.low in _HONORIFICS:
                at = self.past_honorific(i) if tok.low in _HONORIFICS else i + 1
                name = self.name_at(at, allowed)
                if name is not None:
                    spans.append((at, name))
            elif tok.low in _PARTICIPLES or tok.low in _FINITES or (
                    tok.low in _CLAUSE_OWNERS and i > 0 and toks[i - 1].low in ("en", "and")):
                spans.extend(self.names_before(i, allowed))
                if tok.low in _PARTICIPLES:  # "vandaag gebeld Ahmed", typed in a hurry
                    spans.extend(self.name_list(i + 1, allowed))
        for i in range(len(toks)):
            if allowed(i) and i not in self.blocked and _is_word(toks[i]):
                stop = self.register.known_at(toks, i)
                if stop is not None and not (i > 0 and toks[i - 1].text.isdigit()):
                    spans.append((i, stop))
        for a, b in self.named:
            b = self.name_end(a, b)
            if b > a and all(allowed(k) for k in range(a, b)) and self.plausible(a, b) and (
                    a in self.titles or self.about_contact(a)):
                spans.append((a, b))
        return self.mentions(spans)

    def about_contact(self, i: int) -> bool:
        """The sentence of token i says a contact took place ("gesproken", "belde", "koffie"):
        a name deduce found there is someone met. A name elsewhere ("Youssef helpt mee met het
        buurtfeest") is someone talked about: not a person of the visit, and the guard
        (core.reading.redact) replaces it unless the user adds them as a contact."""
        sentence = self.owner[i]
        return any(self.owner[k] == sentence and self.toks[k].low in _CONTACT_CUES
                   for k in range(len(self.toks)))

    def name_end(self, a: int, b: int) -> int:
        """Where a name deduce found really ends: not in an organisation or area ("Youssef van
        het jongerenwerk", "Petra van de bewonersvereniging")."""
        toks = self.toks
        for k in range(a, b):
            if k in self.blocked:
                return k
            if toks[k].low in _PARTICLES and any(
                    type_at(self.words, m) is not None or toks[m].low in ROLE_WORDS
                    for m in range(k + 1, b)):
                return k
        return b

    def plausible(self, a: int, b: int) -> bool:
        """A name only deduce found and the register does not hold: after an article, or one
        word that is an ordinary word ("Haven") or one the privacy guard knows ("islam"), it is
        no person."""
        if self.register.by_first_name.get(_plain(self.toks[a].low)):
            return True
        if a > 0 and self.toks[a - 1].low in ("de", "het", "een", "the") and a not in self.titles:
            return False  # "bij de Albert Heijn": an article says a place or a thing
        if b - a > 1:
            return True
        low = self.toks[a].low
        if low in _NOT_NAMES or _PRIVACY_WORDS.fullmatch(low):
            return False  # "de islam": a religion, not a person called Islam
        return a in self.titles or not dutch_word(low)

    def mentions(self, spans: Iterable[tuple[int, int]]) -> list[PersonMention]:
        chosen: list[tuple[int, int]] = []
        for start, stop in sorted(set(spans), key=lambda s: (s[0], -s[1])):
            if any(start < b and a < stop for a, b in chosen):
                continue
            chosen.append((start, stop))
        people: list[PersonMention] = []
        for start, stop in chosen:
            start, title = self.untitled(start, stop)
            if start >= stop:
                continue
            mention = self.text[self.toks[start].start:self.toks[stop - 1].end]
            person = self.register.match(mention)
            person.title = title
            if person.contact_id is None and mention.islower():
                person.text = _capitalised(mention)
            if any((person.contact_id is not None and p.contact_id == person.contact_id)
                   or p.text.lower() == person.text.lower() for p in people):
                continue
            people.append(person)
        return people

    def untitled(self, start: int, stop: int) -> tuple[int, str | None]:
        """Where the name itself starts, past any title in the span ("Ds. Bakker", "imaam
        Yusuf", typed with a slip); and the title, also one written just before the span."""
        toks = self.toks
        title = self.titles.get(start)
        while start + 1 < stop:
            word = _title_of(toks[start].low)
            if word is None or self.register.by_first_name.get(_plain(toks[start].low)):
                break
            title = word
            start = self.past_honorific(start)
        if title is None:
            before = start - 1
            if before > 0 and toks[before].text == ".":
                before -= 1
            if before >= 0:
                title = _title_of(toks[before].low)
        return start, title

    def name_list(self, start: int, allowed: Callable[[int], bool]) -> list[tuple[int, int]]:
        """'Ahmed en Petra', 'Fatima, Sandra en Marco', 'Kees (wijkagent), Marco en Hans'."""
        toks = self.toks
        found: list[tuple[int, int]] = []
        j = start
        while j < len(toks) and len(found) < 8:
            at = self.after_title(j)
            if at is None:
                break
            stop = self.name_at(at, allowed)
            if stop is None:
                break
            found.append((at, stop))
            j = stop
            if j < len(toks) and toks[j].text == "(":
                close = next((k for k in range(j, min(j + 6, len(toks)))
                              if toks[k].text == ")"), None)
                if close is not None:
                    j = close + 1
            if j < len(toks) and toks[j].low in _LIST_GLUE:
                j += 1
                if j < len(toks) and toks[j].low in ("en", "and"):
                    j += 1
                continue
            break
        return found

    def after_title(self, j: int) -> int | None:
        """Past 'de nieuwe opbouwwerker' or 'wijkagent': where the name itself starts."""
        toks = self.toks
        k = j
        if (k < len(toks) and toks[k].low in _ARTICLES and toks[k].low not in ("de",)) or (
                k < len(toks) and toks[k].text in ("de", "het", "the", "een", "a")):
            k += 1
        if k < len(toks) and toks[k].low in _HONORIFICS:
            return self.past_honorific(k)
        m = k
        while m < min(k + 3, len(toks)) and toks[m].low not in ROLE_WORDS and \
                toks[m].text.islower() and toks[m].low not in _LIST_GLUE:
            m += 1
        if m < len(toks) and toks[m].low in ROLE_WORDS:
            return m + 1
        return None if k > j else j

    def past_honorific(self, i: int) -> int:
        toks = self.toks
        if i + 1 < len(toks) and toks[i + 1].text == "." and toks[i + 1].start == toks[i].end:
            return i + 2
        return i + 1

    def name_at(self, i: int, allowed: Callable[[int], bool]) -> int | None:
        """The end of a person's name that starts at toks[i], or None."""
        toks = self.toks
        n = len(toks)
        if i >= n or i in self.blocked or not allowed(i):
            return None
        known = self.register.known_at(toks, i)
        if known is not None and not any(k in self.blocked for k in range(i, known)):
            return self.with_initial(known)
        j = i
        while j + 1 < n and self.initial(j):
            j += 2
        words = 1 if j > i else 0
        stop = j if j > i else None
        while j < n and j not in self.blocked and allowed(j):
            tok = toks[j]
            capital_article = tok.text in ("De", "Het") and toks[j - 1].low == "van"
            if tok.low in _PARTICLES and words and not capital_article:
                j += 1
                continue
            if not self.name_word(tok):
                break
            if toks[j - 1].low == "van" and tok.low in ("de", "het", "den"):
                break
            if j + 1 < n and type_at(self.words, j + 1) is not None:
                break  # "Turkse moskee", "Molukse kerk": an organisation's description
            words += 1
            j += 1
            stop = j
            if words >= 4:
                break
        if stop is None or (words == 1 and stop - i == 2 and self.initial(i)):
            return None
        return self.with_initial(stop)

    def with_initial(self, stop: int) -> int:
        """'Mohammed Y.': a surname written as an initial belongs to the name."""
        return stop + 2 if stop + 1 < len(self.toks) and self.initial(stop) else stop

    def initial(self, j: int) -> bool:
        toks = self.toks
        return (len(toks[j].text) == 1 and toks[j].text.isupper() and j + 1 < len(toks)
                and toks[j + 1].text == "." and toks[j + 1].start == toks[j].end)

    def name_word(self, tok: _Tok) -> bool:
        return (_is_word(tok) and _is_capitalised(tok) and tok.low not in _NOT_NAMES
                and tok.low not in ROLE_WORDS and type_for_word(tok.text) is None)

    def names_before(self, anchor: int, allowed: Callable[[int], bool]) -> list[tuple[int, int]]:
        """'Ahmed gebeld', 'Fatima belde', 'Fatima, Jan en ik': names ending at the verb."""
        toks = self.toks
        end = anchor - 1 if toks[anchor].low in _CLAUSE_OWNERS else anchor
        k = end
        while k > 0 and self.owner[k - 1] == self.owner[anchor] and allowed(k - 1) and (
                toks[k - 1].low in _LIST_GLUE or toks[k - 1].low in _PARTICLES
                or toks[k - 1].text == "." or self.name_word(toks[k - 1])
                or self.register.known_at(toks, k - 1) is not None):
            k -= 1
        while k < end and (toks[k].low in _LIST_GLUE or toks[k].text == "."):
            k += 1
        if k >= end:
            return []
        names = [s for s in self.name_list(k, allowed) if s[1] <= end]
        strong = toks[anchor].low in _FINITES or toks[anchor].low in _CLAUSE_OWNERS or len(
            names) > 1
        return [(a, b) for a, b in names
                if strong or a not in self.sentence_start
                or self.register.known_at(toks, a) is not None]


# --------------------------------------------------------------------------- organisations


class _OrgAlias(NamedTuple):
    words: tuple[str, ...]
    exact_case: bool
    organisation_id: int
    name: str


class _AliasIndex:
    """The organisations' aliases, looked up by the words a message has instead of each alias
    tried against the message: exact by (number of words, lower-case text); the long ones that
    may carry a typo by (number of words, first letter), so a message compares with a few dozen
    aliases, not all of them (bench/throughput.py: trying all 2,000 aliases of 1,250
    organisations was a quarter of every visit message)."""

    def __init__(self, aliases: Sequence[_OrgAlias]) -> None:
        self.exact: dict[tuple[int, str], list[int]] = {}
        self.fuzzy: dict[tuple[int, str, int], list[tuple[int, str]]] = {}  # words, letter,
        # length: a near spelling is within two letters of the length, so five look-ups
        self.aliases = tuple(aliases)
        for position, alias in enumerate(self.aliases):
            wanted = " ".join(w.lower() for w in alias.words)
            self.exact.setdefault((len(alias.words), wanted), []).append(position)
            if not alias.exact_case and len(wanted) >= 10:
                self.fuzzy.setdefault((len(alias.words), wanted[:1], len(wanted)), []).append(
                    (position, wanted))
        self.sizes = sorted({len(alias.words) for alias in self.aliases})


def _org_aliases(known: Known) -> _AliasIndex:
    return _org_aliases_for(known.organisations, known.areas)


@functools.lru_cache(maxsize=8)
def _org_aliases_for(organisations: tuple[tuple[int, str], ...],
                     areas: tuple[tuple[int, str], ...]) -> _AliasIndex:
    """Built once per set of names, like the contact index (bench/throughput.py: rebuilding
    1,250 organisations' aliases was a large share of every message)."""
    aliases: list[_OrgAlias] = []
    area_names = {n.lower() for _, n in areas}
    for organisation_id, name in organisations:
        toks = [t for t in _tokenise(name) if _is_word(t) or t.text.isdigit()]
        forms = [toks]
        if len(toks) > 1 and type_for_word(toks[0].text) is not None:
            forms.append(toks[1:])  # "Moskee Al Fath" → "Al Fath"
        if len(toks) > 1 and type_for_word(toks[-1].text) is not None:
            forms.append(toks[:-1])  # "Shri Krishna Mandir" → "Shri Krishna"
        for form in forms:
            written = " ".join(t.text for t in form)
            if not form or (form is not toks and (written.lower() in area_names
                                                   or len(written) < 4)):
                continue
            aliases.append(_OrgAlias(tuple(t.text for t in form), len(written) < 10,
                                     organisation_id, name))
    return _AliasIndex(aliases)


def _find_organisation(
    toks: Sequence[_Tok], owner: Sequence[int], allowed: Callable[[int], bool],
    aliases: _AliasIndex, areas: Sequence[tuple[int, int, str, int | None]],
) -> tuple[OrgMention | None, set[int]]:
    """The organisation the visit was at or with; and the tokens any organisation name covers."""
    known: list[tuple[int, int, OrgMention]] = []
    covered: set[int] = set()
    for start, stop, alias in _alias_hits(toks, aliases):
        covered.update(range(start, stop))
        if all(allowed(i) for i in range(start, stop)):
            code = next((t.code for w in alias.name.split() if (t := type_for_word(w))), None)
            if _typed_before(toks, start, code):
                continue  # "buurthuis De Brug" is not the church De Brug
            known.append((start, stop, OrgMention(alias.name, code, alias.organisation_id)))
    if known:
        return min(known, key=lambda k: k[0])[2], covered
    words = [t.text for t in toks]
    area_tokens = {i for a, b, _, _ in areas for i in range(a, b)}
    named: list[tuple[int, OrgMention]] = []
    bare: list[tuple[int, OrgMention]] = []
    i = 0
    while i < len(toks):
        hit = type_at(words, i) if allowed(i) and _is_word(toks[i]) else None
        if hit is None:
            i += 1
            continue
        org_type, size = hit
        stop = i + size
        after = _proper_name(toks, stop, allowed, area_tokens)
        before = _described_by(toks, owner, i, allowed)
        written = " ".join(words[i:stop])
        if after is not None and after > stop:
            name = " ".join(words[stop:after])
            if name.islower():  # typed on a phone: "al fath" is the name "Al Fath"
                name = " ".join(w[:1].upper() + w[1:] for w in name.split())
            if all(j in area_tokens for j in range(stop, after)):
                name = f"{written[:1].upper()}{written[1:]} {name}"
            named.append((i, OrgMention(name, org_type.code)))
            covered.update(range(i, after))
        elif before is not None:
            named.append((before, OrgMention(" ".join(words[before:stop]), org_type.code)))
            covered.update(range(before, stop))
        elif _related(toks, owner, i):
            proper = _is_capitalised(toks[i]) and i > 0 and owner[i - 1] == owner[i]
            bare.append((i, OrgMention(written if proper else written.lower(), org_type.code)))
        i = stop
    if named:
        return min(named, key=lambda n: n[0])[1], covered
    van = _van_de_name(toks, allowed, area_tokens)
    if van is not None:
        return van, covered
    if bare:
        return min(bare, key=lambda n: n[0])[1], covered
    return None, covered


def _alias_hits(toks: Sequence[_Tok],
                index: _AliasIndex) -> list[tuple[int, int, _OrgAlias]]:
    """Where known organisation names are written: exactly, or with a typo when long.

    In the aliases' own order, each alias's exact places before its near ones, as when every
    alias was tried in turn (the first of two hits at one place wins)."""
    lows = [t.low for t in toks]
    texts = [t.text for t in toks]
    found: dict[int, tuple[list[int], list[int]]] = {}  # alias → exact places, near places
    for size in index.sizes:
        places: dict[str, list[int]] = {}
        for i in range(len(toks) - size + 1):
            places.setdefault(" ".join(lows[i:i + size]), []).append(i)
        for written, at in places.items():
            for position in index.exact.get((size, written), ()):
                found.setdefault(position, ([], []))[0].extend(at)
            if len(written) < 8:
                continue
            for length in range(len(written) - 2, len(written) + 3):
                for position, wanted in index.fuzzy.get((size, written[:1], length), ()):
                    if written != wanted and fuzz.ratio(written, wanted) >= 90:
                        found.setdefault(position, ([], []))[1].extend(at)
    hits: list[tuple[int, int, _OrgAlias]] = []
    for position in sorted(found):
        alias = index.aliases[position]
        size = len(alias.words)
        exact, near = found[position]
        for i in exact + near:
            if alias.exact_case and not all(
                    a == b or (a.lower() == b.lower() and a.lower() in ("de", "het"))
                    for a, b in zip(texts[i:i + size], alias.words, strict=True)):
                continue
            hits.append((i, i + size, alias))
    return hits


def _proper_name(toks: Sequence[_Tok], i: int, allowed: Callable[[int], bool],
                 area_tokens: set[int]) -> int | None:
    """'buurthuis De Schakel', 'stichting Kaboutertje': the capitalised name after a type."""
    j = i
    words = 0
    while j < len(toks) and words < 4 and allowed(j):
        tok = toks[j]
        if _is_word(tok) and _is_capitalised(tok) and (
                tok.low not in _DAY_WORDS or j in area_tokens) and tok.low not in (
                "ik", "we", "i") and type_for_word(tok.text) is None:
            words += 1
            j += 1
            continue
        if words and tok.low in ("van", "de", "der", "al", "el", "'t") and j + 1 < len(toks) \
                and _is_capitalised(toks[j + 1]):
            j += 1
            continue
        if _lower_name_word(toks, i, j, words):
            words += 1
            j += 1
            continue
        if (tok.low in _NAME_PARTICLES and j + 1 < len(toks) and allowed(j + 1)
                and _lower_name_word(toks, i, j + 1, words)):
            j += 1  # "moskee al fath", "buurthuis de schakel"
            continue
        break
    return j if words else None


_NAME_PARTICLES = frozenset({"de", "het", "'t", "al", "el", "van", "der", "den"})
# What ends a name typed in lower case: "buurthuis de schakel geweest", "… over de jongeren".
_NAME_ENDS = frozenset({"geweest", "gesproken", "gebeld", "bezocht", "over", "in", "met",
                        "voor", "en", "om", "op", "bij", "van", "naar", "want", "maar", "ivm",
                        "vandaag", "gisteren", "morgen", "langs", "gaan", "gegaan"})


def _lower_name_word(toks: Sequence[_Tok], i: int, j: int, words: int) -> bool:
    """A name typed in lower case after a type word: a word that is no Dutch word ("razem",
    "fath"), or one Dutch word right after an article that ends the name ("de schakel")."""
    tok = toks[j]
    if not (_is_word(tok) and tok.text.islower()) or words >= 3 or tok.low in _NAME_ENDS:
        return False
    if tok.low in _DAY_WORDS or tok.low in _NAME_PARTICLES or type_for_word(tok.text):
        return False
    if len(tok.low) >= 3 and not dutch_word(tok.low) and tok.low not in ROLE_WORDS:
        return True
    after = toks[j + 1] if j + 1 < len(toks) else None
    return (j > i and toks[j - 1].low in ("de", "het", "'t") and words == 0
            and (after is None or not _is_word(after) or after.low in _NAME_ENDS))


def _described_by(toks: Sequence[_Tok], owner: Sequence[int], i: int,
                  allowed: Callable[[int], bool]) -> int | None:
    """'de Turkse moskee', 'Al Fath moskee': capitalised words just before the type word."""
    k = i
    while k > 0 and owner[k - 1] == owner[i] and allowed(k - 1) and _is_word(toks[k - 1]) and \
            _is_capitalised(toks[k - 1]) and toks[k - 1].low not in _NOT_NAMES and \
            toks[k - 1].low not in ROLE_WORDS and i - k < 3:
        k -= 1
    if k == i or k == 0 or owner[k - 1] != owner[i] or toks[k - 1].text in (":", ";"):
        return None  # nothing before, or the first word of a sentence (capital anyway)
    return k


_RELATIONS = frozenset({"bij", "in", "naar", "aan", "op", "met", "at", "to", "from", "of",
                        "visited", "bezocht", "bezoek", "in'"})


def _related(toks: Sequence[_Tok], owner: Sequence[int], i: int) -> bool:
    """A type word names the visit's organisation when the visit was at or with it."""
    k = i - 1
    while k >= 0 and (toks[k].low in ("de", "het", "the", "een", "a", "an", "onze", "our")
                      or (toks[k].text.islower() and toks[k].low.endswith("e")
                          and toks[k].low not in _RELATIONS and k > 0
                          and toks[k - 1].low in ("de", "het", "een", "the"))):
        k -= 1
    if k < 0 or owner[k] != owner[i] or toks[k].text in (":", ";", ","):
        return True  # "Moskee bezocht", "Bezocht: jongerencentrum …"
    word = toks[k].low
    if word in _RELATIONS:
        return True
    if word in ("van", "(") and k > 0:  # "Petra van de bewonersvereniging", "Jan (police)";
        # not "de sluiting van het buurthuis"
        before = toks[k - 1]
        return (_is_capitalised(before) and before.low not in _NOT_NAMES) or \
            before.low in ROLE_WORDS or before.text == ")"
    return False


def _van_de_name(toks: Sequence[_Tok], allowed: Callable[[int], bool],
                 area_tokens: set[int]) -> OrgMention | None:
    """'Anna Jansen van De Brug': a capital article after "van" starts an organisation."""
    for i in range(len(toks) - 2):
        if toks[i].low == "van" and toks[i + 1].text in ("De", "Het", "'t") and allowed(i + 1):
            stop = _proper_name(toks, i + 2, allowed, area_tokens)
            if stop is not None and not all(j in area_tokens for j in range(i + 2, stop)):
                return OrgMention(" ".join(t.text for t in toks[i + 1:stop]))
    return None


def _organisation_index(known: Known) -> NameIndex:
    """The organisations' names for the matcher (core.reading.matching), built once per
    register revision; an organisation is also known without the area its name ends in."""
    return index_for(known.organisations, tuple(name for _, name in known.areas))


def _type_code_of(name: str) -> str | None:
    return next((t.code for w in name.split() if (t := type_for_word(w))), None)


def _typed_before(toks: Sequence[_Tok], start: int, registered: str | None) -> bool:
    """A type word right before a name says another type than the registered one's."""
    if start == 0:
        return False
    written = type_for_word(toks[start - 1].text)
    return _types_clash(written.code if written else None, registered)


def _types_clash(written: str | None, registered: str | None) -> bool:
    """"buurthuis De Brug" is not the church "Kerk De Brug": both say a type, and not one."""
    return written is not None and registered is not None and written != registered


_MAX_ORG_WORDS = 5
_ORG_RELATIONS = frozenset({"bij", "in", "naar", "aan", "op", "met", "van", "at", "to", "from",
                            "of", "bezocht", "bezoek", "langs"})


def _after_relation(toks: Sequence[_Tok], start: int) -> bool:
    """'bij de schoor', 'vd regenboog', 'naar razem', '(basisteam)': said as a place one goes."""
    before = start - 1
    while before >= 0 and toks[before].low in _ARTICLES:
        before -= 1
    if before >= 0 and toks[before].low in _ORG_RELATIONS | {"vd", "vh", "v/d"}:
        return True
    return before >= 0 and toks[before].text == "("


def _one_word_name(toks: Sequence[_Tok], start: int) -> bool:
    """A register name's one-word short form ('razem', 'hiil', 'bethel') counts when it is not
    an ordinary word, or when it is said as a place one goes ('bij de regenboog')."""
    tok = toks[start]
    if len(tok.low) < 4 or tok.low in _ARTICLES:
        return False
    return not dutch_word(tok.low) or _after_relation(toks, start)


def _known_organisation(
    toks: Sequence[_Tok], allowed: Callable[[int], bool], index: NameIndex,
    found: OrgMention | None, covered: set[int],
) -> tuple[OrgMention | None, set[int]]:
    """An organisation of the register written another way than the alias search knows:
    lower case, hyphens or not, words in another order, the place left off, the part in
    brackets ("bij de schoor"); else the organisation the heuristics named, matched to the
    register when it is clearly one."""
    if found is not None and found.organisation_id is not None:
        return found, covered
    for start in range(len(toks)):
        if not (allowed(start) and _is_word(toks[start])) or not any(
                index.knows_word(w) for w in normal(toks[start].low).split()[:1]):
            continue  # no organisation's name has this word: nothing starts here
        for size in range(min(_MAX_ORG_WORDS, len(toks) - start), 0, -1):
            span = toks[start:start + size]
            if not all(_is_word(t) and allowed(start + k) for k, t in enumerate(span)):
                continue
            if size == 1 and not _one_word_name(toks, start):
                continue
            ids = index.written(" ".join(t.low for t in span))
            if len(ids) != 1 or _typed_before(toks, start, _type_code_of(index.names[ids[0]])):
                continue
            ordinary = all(t.text.islower() and (t.low in _ARTICLES or dutch_word(t.low))
                           and type_for_word(t.text) is None for t in span)
            before = start - 1
            while before >= 0 and toks[before].low in _ARTICLES:
                before -= 1
            if ordinary and not (before >= 0 and toks[before].low in _ORG_RELATIONS):
                continue  # "over de brug": words, not the church De Brug
            name = index.names[ids[0]]
            return (OrgMention(name, _type_code_of(name), ids[0]),
                    covered | set(range(start, start + size)))
    for start in range(len(toks)):  # "politie almere stad": every word typed is in the name
        for size in range(min(_MAX_ORG_WORDS, len(toks) - start), 0, -1):
            span = toks[start:start + size]
            if not (all(_is_word(t) and allowed(start + k) for k, t in enumerate(span))
                    and (type_for_word(span[0].text) or type_for_word(span[-1].text))):
                continue
            if size == 1 and not (len(span[0].low) >= 4 and _after_relation(toks, start)):
                continue  # "bij de moskee", "(basisteam)": the register's only one of that kind
            match = index.match(" ".join(t.low for t in span), near=101)
            if match.one is not None:
                name = index.names[match.one]
                return (OrgMention(name, _type_code_of(name), match.one),
                        covered | set(range(start, start + size)))
    for start in range(len(toks)):  # "naar razem", "wi na wan", "vd moskee", "(basisteam)"
        for size in range(min(_MAX_ORG_WORDS - 1, len(toks) - start), 0, -1):
            span = toks[start:start + size]
            if not all(_is_word(t) and allowed(start + k) and t.low not in _ARTICLES
                       for k, t in enumerate(span)):
                continue
            typed = " ".join(t.low for t in span)
            if size == 1 and type_for_word(span[0].text) and not (
                    found is None or normal(found.name) == typed):
                continue  # "spanningen rond de moskee" while the visit was to the police
            ids = index.holding(typed)
            if len(ids) != 1:
                continue
            if (_after_relation(toks, start)
                    or any(len(t.low) >= 4 and not dutch_word(t.low) for t in span)
                    or (size >= 3 and f" {typed} " in f" {normal(index.names[ids[0]])} ")):
                # said as a name, or three words written as in the name ("wi na wan")
                name = index.names[ids[0]]
                return (OrgMention(name, _type_code_of(name), ids[0]),
                        covered | set(range(start, start + size)))
    if found is not None:
        match = index.match(found.name, near=90)
        if match.one is not None and not _types_clash(found.type_code,
                                                     _type_code_of(index.names[match.one])):
            name = index.names[match.one]
            return OrgMention(name, _type_code_of(name) or found.type_code, match.one), covered
    return found, covered


# --------------------------------------------------------------------------- areas

_DISTRICTS = frozenset(ALMERE)


class _AreaAlias(NamedTuple):
    words: tuple[str, ...]
    exact_case: bool
    fuzzy: bool
    area_id: int | None
    name: str


def _area_aliases(known: Known) -> tuple[_AreaAlias, ...]:
    return _area_aliases_for(known.areas)


@functools.lru_cache(maxsize=8)
def _area_aliases_for(areas: tuple[tuple[int, str], ...]) -> tuple[_AreaAlias, ...]:
    aliases: list[_AreaAlias] = []
    for area_id, name in areas:
        forms = {name, name.replace("-", " ")}
        if name.count(" ") == 1:
            forms.add(name.replace(" ", "-"))  # "almere-stad"
        if name.startswith("Almere ") and len(name) > len("Almere "):
            forms.add(name.removeprefix("Almere "))
        for form in forms:
            words = tuple(t.text for t in _tokenise(form) if _is_word(t))
            if not words:
                continue
            compact = "".join(words)
            distinctive = (len(words) == 1 and len(compact) >= 8) or (
                len([w for w in words if w.lower() not in _ARTICLES]) > 1)
            aliases.append(_AreaAlias(words, not distinctive,
                                      distinctive and len(words) == 1, area_id, name))
    return tuple(aliases)


def _find_areas(toks: Sequence[_Tok], owner: Sequence[int],
                aliases: Sequence[_AreaAlias]) -> list[tuple[int, int, str, int | None]]:
    hits: list[tuple[int, int, str, int | None]] = []
    texts = [t.text for t in toks]
    lows = [t.low for t in toks]
    # where each word and each first letter is: an alias is tried only where it could start
    # (bench/reading.py: trying every alias at every word was a tenth of a message)
    at_word: dict[str, list[int]] = {}
    at_letter: dict[str, list[int]] = {}
    for i, low in enumerate(lows):
        at_word.setdefault(low, []).append(i)
        at_letter.setdefault(low[:1], []).append(i)
    for alias in aliases:
        size = len(alias.words)
        wanted = tuple(w.lower() for w in alias.words)
        starts = at_letter.get(wanted[0][:1], []) if alias.fuzzy else at_word.get(wanted[0], [])
        for i in starts:
            if i + size > len(toks):
                break
            if alias.exact_case:
                same = all(a == b or (a.lower() == b.lower() and b in ("De", "Het"))
                           for a, b in zip(texts[i:i + size], alias.words, strict=True))
                if same and size == 1 and (i == 0 or owner[i - 1] != owner[i]
                                           or texts[i - 1] in (":", ";", "!", "?")):
                    same = False  # "Buiten gesproken met …": a capital at a sentence's start
                if not same and tuple(lows[i:i + size]) == wanted and _after_in(lows, i):
                    same = True  # "in haven", "in de hoven": typed in lower case
            else:
                same = tuple(lows[i:i + size]) == wanted
                if not same and alias.fuzzy:
                    word, target = lows[i], wanted[0]
                    same = (word[:1] == target[:1] and abs(len(word) - len(target)) <= 2
                            and fuzz.ratio(word, target) >= 88) or (
                        word.startswith(target) and len(word) - len(target) >= 3)
            if same:
                hits.append((i, i + size, alias.name, alias.area_id))
    return hits


def _after_in(lows: Sequence[str], i: int) -> bool:
    """The words at i follow "in" straight away: a place, whatever its capitals ("in haven",
    "in de hoven" for De Hoven); "in de haven" is a harbour."""
    return i > 0 and lows[i - 1] in ("in", "rond", "naar", "uit")


def _choose_area(hits: Sequence[tuple[int, int, str, int | None]],
                 allowed: Callable[[int], bool]) -> AreaMention | None:
    if not hits:
        return None
    inside = [h for h in hits if allowed(h[0])] or list(hits)
    # The most specific: a wijk over its stadsdeel; then the first, then the longest.
    best = min(inside, key=lambda h: (h[2] in _DISTRICTS, h[0], -(h[1] - h[0])))
    return AreaMention(name=best[2], area_id=best[3])


_AREA_WORD = re.compile(r"(?:wijk|buurt|kwartier|horst|plassen|dorp|park)$")


def _unconfigured_area(toks: Sequence[_Tok], allowed: Callable[[int], bool]) -> AreaMention | None:
    """Without configured areas: 'in de Kruidenwijk', 'wijk Noord'."""
    for i in range(1, len(toks)):
        tok = toks[i]
        if not (allowed(i) and _is_word(tok) and _is_capitalised(tok)) or tok.low in _NOT_NAMES:
            continue
        before = toks[i - 1].low
        before2 = toks[i - 2].low if i > 1 else ""
        if before in ("wijk", "buurt") or (
                (before == "in" or (before == "de" and before2 == "in"))
                and _AREA_WORD.search(tok.low) and type_for_word(tok.text) is None):
            return AreaMention(name=tok.text)
    return None


# --------------------------------------------------------------------------- when it happened

_VISIT_WORDS = re.compile(
    r"\b(gesproken|gesprek|geweest|bezocht|bezoek|gebeld|belde|telefoon\w*|telefonisch|"
    r"\w*overleg|koffie|ontmoet\w*|gezien|sprak|spraken|appte|mailde|bijeenkomst|"
    r"kennismaking|langs|spoke|called|visited|met|meeting|chat|call|talked|visit)\b",
    re.IGNORECASE,
)
_NOT_THE_VISIT = frozenset({"van", "na", "sinds", "since", "after", "vanaf", "tot", "until",
                            "voor", "before"})


def _find_occurred(text: str, toks: Sequence[_Tok], clauses: Sequence[_Clause],
                   follow_up_tokens: set[int], now: datetime) -> When | None:
    """The first past moment in a clause about the visit (one with a visit verb first)."""
    candidates = [c for c in clauses[:_MAX_TIMED_CLAUSES]
                  if c.first not in follow_up_tokens
                  and not _reports_of_others([t.low for t in toks[c.first:c.stop]])]
    about_visit = [c for c in candidates if _VISIT_WORDS.search(_clause_text(text, toks, c))]
    for clause in about_visit:
        when = _past_moment(_clause_text(text, toks, clause), now, strict=False)
        if when is not None:
            return when
    for clause in candidates:  # elsewhere only what is past anyway ("gisteren", "vorige week")
        if clause not in about_visit:
            when = _past_moment(_clause_text(text, toks, clause), now, strict=True)
            if when is not None:
                return when
    return None


def _without_lead(lows: Sequence[str]) -> list[str]:
    """The words from the first one that is not 'en', 'maar', 'dus' or a comma."""
    start = 0
    while start < len(lows) and (lows[start] in _LEADING or lows[start] == ","):
        start += 1
    return list(lows[start:])


def _reports_of_others(lows: Sequence[str]) -> bool:
    words = _without_lead(lows)
    if not words:
        return True
    head = words[0].split("'")[0]
    return head in _SUBJECT_PRONOUNS or (head in _DUMMY_SUBJECTS and len(words) > 1
                                         and words[1] in _LINKING)


def _clause_text(text: str, toks: Sequence[_Tok], clause: _Clause) -> str:
    return text[toks[clause.first].start:toks[clause.stop - 1].end]


def _past_moment(clause: str, now: datetime, *, strict: bool) -> When | None:
    """A past moment in the clause; strict: one that is past however it is read ("donderdag"
    next to a visit verb was last Thursday, alone it may well be next Thursday)."""
    for _ in range(3):
        found: Found | None = find_when(clause, now, prefer="past")
        if found is None:
            return None
        start, end = found.span
        before = clause[:start].split()
        belongs_elsewhere = bool(before) and before[-1].lower() in _NOT_THE_VISIT
        if strict and not belongs_elsewhere:
            ahead = find_when(clause[start:end], now, prefer="future")
            belongs_elsewhere = ahead is None or _is_future(ahead.when, now)
        if not belongs_elsewhere and not _is_future(found.when, now):
            return found.when
        clause = clause[:start] + " " * (end - start) + clause[end:]
    return None


def _is_future(when: When, now: datetime) -> bool:
    return _wall(when.start, now) > _wall(now, now)


# --------------------------------------------------------------------------- signal words


def _forms(*patterns: str) -> str:
    return "|".join(patterns)


_SIGNAL_WORDS = re.compile(r"\b(" + _forms(
    r"zorg(?:en)?", r"bezorgd(?:e|heid)?", r"zorgelijk(?:e)?", r"zorgwekkend(?:e)?",
    r"signa(?:al|len)", r"gesignaleerd", r"spanning(?:en)?", r"gespannen", r"onrust",
    r"onrustig(?:e)?", r"polarisatie", r"polariser\w*", r"gepolariseerd(?:e)?",
    r"incident(?:en|je|jes)?", r"ruzie(?:s)?", r"conflict(?:en)?", r"discriminatie",
    r"discrimin(?:eren|eert|eerde|erend|erende)", r"gediscrimineerd(?:e)?", r"racisme",
    r"racist(?:isch|ische|en)?", r"antisemitisme", r"antisemitisch(?:e)?", r"moslimhaat",
    r"islamofob\w*", r"haat", r"haatzaai\w*", r"haatdragend(?:e)?", r"bedreig(?:ing|ingen|d|de|"
    r"end|ende)", r"dreiging(?:en)?", r"dreigement(?:en)?", r"intimidatie",
    r"intimider(?:en|end|ende)", r"geïntimideerd", r"radicalisering",
    r"radicaliser(?:en|t|end|ende)", r"geradicaliseerd(?:e)?", r"radica(?:al|le)",
    r"extremisme", r"extremist(?:en|isch|ische)?", r"vechtpartij(?:en)?", r"gevecht(?:en)?",
    r"geweld", r"gewelddadig(?:e)?", r"mishandel\w*", r"confrontatie(?:s)?", r"escalatie",
    r"escaler(?:en|eert|eerde)", r"geëscaleerd", r"overlast", r"vandalisme",
    r"vernieling(?:en)?", r"vernield", r"graffiti", r"bekladding(?:en)?", r"beklad",
    r"hakenkruis(?:en)?", r"rel(?:len)?", r"pesten", r"gepest", r"uitschelden",
    r"uitgescholden", r"schelden", r"scheldpartij(?:en)?", r"boos", r"boze", r"woede",
    r"woedend(?:e)?", r"grimmig(?:e)?", r"angst(?:ig|ige)?", r"onveilig(?:e|heid)?",
    r"protest(?:en)?", r"demonstratie(?:s)?", r"betoging(?:en)?", r"steekpartij(?:en)?",
    r"schietpartij(?:en)?", r"brandstichting", r"aanslag(?:en)?", r"ronsel\w*",
    r"geronseld", r"concern(?:s|ed)?", r"worr(?:y|ied|ies|ying)", r"tension(?:s)?", r"tense",
    r"unrest", r"polari[sz]ation", r"polari[sz]ed", r"incidents?", r"threat(?:s|ened|ening)?",
    r"intimidat\w*", r"harass\w*", r"hate", r"hatred", r"discriminat\w*", r"racis[mt]\w*",
    r"antisemit\w*", r"islamophob\w*", r"extremis[mt]\w*", r"radicali[sz]\w*", r"violen(?:ce|t)",
    r"fights?", r"fighting", r"conflicts?", r"vandalism", r"demonstrations?", r"protests?",
    r"riots?", r"nuisance", r"unsafe", r"angry", r"anger", r"bullying", r"abuse",
) + r")\b", re.IGNORECASE)
# "zorgen voor koffie", "ervoor zorgen dat": arranging, not worrying.
_ARRANGE_AFTER = frozenset({"voor", "dat", "ervoor"})
_ARRANGE_BEFORE = frozenset({"te", "ervoor", "om", "zal", "zullen", "wil", "willen", "moet",
                             "moeten", "kan", "kunnen", "gaan", "ga"})
_NEGATION_SCOPE = re.compile(r"[^.,;:!?\n]{0,40}$")


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _signal_spans(text: str) -> list[tuple[int, int]]:
    """Where signal words stand: the listed forms, and any word whose lemma is in a tension
    family (core.reading.signal_family: "ruziede", "gepolariseerd", "burenruzie")."""
    spans = [(m.start(), m.end()) for m in _SIGNAL_WORDS.finditer(text)]
    taken = {i for a, b in spans for i in range(a, b)}
    spans += [(m.start(), m.end()) for m in _WORD.finditer(text)
              if m.start() not in taken and family_of(m.group(0)) is not None]
    return sorted(spans)


def signal_words(text: str) -> list[str]:
    """Words that suggest a signal worth recording, lower case, each once."""
    found: list[str] = []
    for start, end in _signal_spans(text):
        word = text[start:end].lower()
        before = text[max(0, start - 40):start]
        after = text[end:end + 12].lower().split()
        previous = before.lower().split()[-1:] or [""]
        if word in ("zorg", "zorgen") and (
                (after and after[0] in _ARRANGE_AFTER) or previous[0] in _ARRANGE_BEFORE):
            continue
        if _negated_before(before):
            continue
        if word not in found:
            found.append(word)
    return found


def _negated_before(before: str) -> bool:
    """'geen zorgen', 'no tensions', 'niet onrustig' (within the same clause, close by)."""
    scope = _NEGATION_SCOPE.search(before)
    words = scope.group(0).lower().split()[-3:] if scope else []
    if not words:
        return False
    if any(w in ("maar", "wel", "but") for w in words):
        words = words[max(i for i, w in enumerate(words) if w in ("maar", "wel", "but")) + 1:]
    return any(w in ("geen", "no", "niet", "not", "zonder", "without", "nauwelijks") for w in
               words)


# --------------------------------------------------------------------------- privacy words

_RELIGION = (
    r"moslim(?:s|a|a's)?", r"islamitisch(?:e)?", r"christen(?:en)?", r"christelijk(?:e)?",
    r"katholiek(?:e|en)?", r"rooms-katholiek(?:e)?", r"protestant(?:s|se|en)?",
    r"joods(?:e)?", r"jood", r"joden", r"hindoe(?:s)?", r"hindoeïstisch(?:e)?", r"sikh(?:s)?",
    r"boeddhist(?:isch|ische|en)?", r"atheïst(?:en|isch|ische)?", r"atheist", r"agnost\w*",
    r"gelovig(?:e|en)?", r"ongelovig(?:e|en)?", r"religieu(?:s|ze)", r"vroom", r"vrome",
    r"praktiserend(?:e)?", r"bekeerd(?:e)?", r"bekeerling(?:en)?", r"salafist\w*", r"salafi",
    r"orthodox(?:e)?", r"hoofddoek(?:je)?", r"boerka", r"niqaab", r"keppel(?:tje)?",
    r"muslims?", r"christians?", r"jewish", r"jews?", r"hindus?", r"catholic", r"religious",
    r"converted",
)
_ORIGIN = (
    r"marokkaan(?:s|se|en)?", r"turk(?:s|se|en)?", r"surina(?:ams|amse|mer|mers)",
    r"antilliaan(?:s|se|en)?", r"arubaan(?:s|se)?", r"somali(?:sch|sche|ër|ërs)",
    r"syri(?:sch|sche|ër|ërs)", r"eritre(?:ees|eeër|eeërs|se)", r"afghaan(?:s|se)?",
    r"irakees", r"irakese", r"iraans(?:e)?", r"koerd(?:en|isch|ische)?", r"pool", r"poolse",
    r"polen", r"ghane(?:es|se)", r"nigeriaans(?:e)?", r"kaapverdi(?:aan|aans|aanse)",
    r"molukker(?:s)?", r"moluks(?:e)?", r"hindosta(?:ans|anse|nen)", r"hindoestaan(?:s|se)?",
    r"creool(?:s|se)?", r"allochto(?:on|ne|nen)", r"autochto(?:on|ne|nen)",
    r"migratieachtergrond", r"afkomst(?:ig)?", r"etnisch(?:e)?", r"etniciteit", r"huidskleur",
    r"nationaliteit", r"moroccans?", r"turkish", r"surinamese", r"somalis?", r"syrians?",
    r"eritreans?", r"afghans?", r"kurd(?:s|ish)?", r"polish", r"ethnic\w*", r"nationality",
    r"skin colou?r", r"race",
)
_POLITICS = (
    r"politieke (?:voorkeur|kleur|overtuiging|mening|opvatting(?:en)?|ideeën)", r"partijlid",
    r"stem(?:t|de|den|men) op", r"\w*stemmer(?:s)?", r"aanhanger(?:s)?", r"sympathisant(?:en)?",
    r"lid van (?:de )?(?-i:PVV|VVD|CDA|D66|SP|DENK|FvD|FVD|GroenLinks|PvdA|GL-PvdA|BBB|JA21|SGP|"
    r"ChristenUnie|PvdD|Volt|NSC|BIJ1|50PLUS)", r"extreemrechts(?:e)?", r"extreemlinks(?:e)?",
    r"communist(?:isch|ische)?", r"political (?:views|opinion|preference)", r"votes? for",
    r"voted for",
)
_HEALTH = (
    r"ziek(?:e|te|ten)?", r"depress\w*", r"psychisch(?:e)?", r"psychiatr\w*", r"psychose",
    r"psychotisch(?:e)?", r"schizofren\w*", r"bipolair(?:e)?", r"adhd", r"autis\w*",
    r"diagnose", r"gediagnosticeerd", r"verslaafd(?:e)?", r"verslaving", r"alcoholist",
    r"kanker", r"dement(?:e|ie)?", r"burn-?out", r"overspannen", r"suïcida\w*",
    r"zelfmoordgedachten", r"getraumatiseerd(?:e)?", r"ptss", r"gehandicapt(?:e)?",
    r"beperking", r"zwanger(?:schap)?", r"medicatie", r"medicijnen", r"hiv", r"aids",
    r"sick", r"illness", r"depressed", r"depression", r"mental health", r"mentally ill",
    r"diagnosed", r"addict(?:ed|ion)", r"cancer", r"dementia", r"pregnant", r"disabled",
    r"disability",
)
_ORIENTATION = (
    r"homo(?:seksueel|seksuele|'s)?", r"lesbi(?:sch|sche|enne|ennes)", r"biseksue(?:el|le)",
    r"transgender(?:s)?", r"gay", r"lesbian", r"bisexual",
)
# Words that describe a person only next to a possessive ("zijn geloof", "haar afkomst").
_POSSESSED = (r"geloof", r"religie", r"godsdienst", r"geaardheid", r"faith")
# The broad list (also bare 'religie', 'geloof'): for column names in an import file, where
# no sentence tells what the word is about. Messages use privacy_words().
_PRIVACY_WORDS = re.compile(r"\b(" + _forms(*_RELIGION, *_ORIGIN, *_POLITICS, *_HEALTH,
                                              *_ORIENTATION, *_POSSESSED, r"islam",
                                              r"politiek") + r")\b", re.IGNORECASE)


def privacy_words(text: str) -> list[str]:
    """Words that would record a person's religion, origin, politics, health, orientation,
    union membership or criminal record: the words of the special-category guard's findings.

    An organisation or a group described with the same word ("de Turkse moskee", "de Joodse
    Gemeente", "Turkish community centre") is not a person, and neither is a theme without a
    possessive ("een gesprek over geloof"); core.reading.guards decides.
    """
    return _unique(finding.word for finding in special_category_findings(text))


# --------------------------------------------------------------------------- summary


# Words that may stand beside a date in a clause that says nothing else ("op 3 december").
_DATE_GLUE = frozenset({"op", "om", "in", "van", "de", "het", "rond", "rondom", "tegen", "sinds",
                        "vanaf", "on", "at", "the", "since", "around"}) | _LEADING | _FILLERS


def _date_only_clauses(text: str, toks: Sequence[_Tok], clauses: Sequence[_Clause],
                       skip: set[int], occurred: When | None, now: datetime
                       ) -> list[tuple[int, int]]:
    """Clauses that only say when the visit was ("Gisteren.", "Afgelopen maandag"): the card
    shows that date, so the summary need not repeat it. Any other date ("…, in januari") says
    something about what was told, and stays."""
    spans: list[tuple[int, int]] = []
    if occurred is None:
        return spans
    for clause in clauses[:_MAX_TIMED_CLAUSES]:
        if clause.first in skip:
            continue
        words = [t.low for t in toks[clause.first:clause.stop] if _is_word(t)]
        if not words or len(words) > 6:
            continue
        said = _clause_text(text, toks, clause)
        found = find_when(said, now, prefer="past")
        if found is None or (found.when.start, found.when.grain) != (occurred.start,
                                                                     occurred.grain):
            continue
        rest = (said[:found.span[0]] + " " + said[found.span[1]:]).lower()
        if all(w in _DATE_GLUE for w in re.findall(r"[^\W\d_]+", rest)):
            spans.append((toks[clause.first].start, toks[clause.stop - 1].end))
    return spans


def _summary(text: str, sentences: Sequence[tuple[int, int]], cut: Sequence[tuple[int, int]]
             ) -> str:
    """The message without the follow-ups and the clauses that only give the visit's date: every
    other sentence stays, also one that only says whom the visit was with (the card's lines
    are read from it, and the writer sees on the card what will be kept)."""
    kept: list[str] = []
    for start, end in sentences:
        pieces: list[str] = []
        position = start
        for a, b in sorted(cut):
            if b <= start or a >= end:
                continue
            pieces.append(text[position:max(a, position)])
            position = max(position, min(b, end))
        pieces.append(text[position:end])
        sentence = re.sub(r"\s+([,;:.!?])", r"\1", " ".join("".join(pieces).split()))
        sentence = sentence.strip(" ,;:-–—")
        if sentence and any(c.isalpha() for c in sentence):
            original = text[start:end].rstrip()
            if original[-1:] in ".!?" and sentence[-1:] not in ".!?":
                sentence += original[-1]
            if original[:1].isupper() and sentence[:1].islower():  # its first clause was cut
                sentence = sentence[:1].upper() + sentence[1:]
            kept.append(sentence)
    if not kept:
        kept = [text[s:e] for s, e in sentences]
    return " ".join(kept).strip()[:MAX_MESSAGE]


# --------------------------------------------------------------------------- reading


def _normalise(text: str) -> str:
    text = text[:MAX_MESSAGE].replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t\f\v\u00a0\u2000-\u200b\u202f]+", " ", text).strip()


def read_visit(text: str, now: datetime, known: Known) -> VisitReading:
    """Find people, organisation, area, date, summary and follow-ups in one visit message."""
    text = _normalise(text)
    toks = _tokenise(text)
    sentences = _sentence_spans(text)
    owner = _sentence_of_tokens(toks, sentences)
    clauses = _clauses(toks, owner)
    register = _register_for(known.contacts)

    follow_ups, follow_tokens = _find_follow_ups(text, toks, clauses, now)

    def outside(i: int) -> bool:
        return i not in follow_tokens

    area_hits = _find_areas(toks, owner, _area_aliases(known))
    organisation, org_tokens = _find_organisation(toks, owner, outside, _org_aliases(known),
                                                  area_hits)
    organisation, org_tokens = _known_organisation(toks, outside, _organisation_index(known),
                                                   organisation, org_tokens)
    area_tokens = {i for a, b, _, _ in area_hits for i in range(a, b)}
    area = _choose_area(area_hits, outside)
    if area is None and not known.areas:
        area = _unconfigured_area(toks, outside)
    places = _places(known)
    names = find_names(text, places)
    finder = _Finder(text, toks, owner, register, org_tokens | area_tokens, names)
    people = finder.people(outside)
    for clause, guess in follow_ups:
        guess.about = finder.people(_within(clause))
    cut = [(toks[c.first].start, toks[c.stop - 1].end) for c, _ in follow_ups]
    # Time spent, outside the follow-ups ("2 uur later bellen" is when, not how long). A plain
    # duration is no time of day: "vandaag 2 uur gesproken" did not happen at two o'clock.
    duration = find_duration(text, skip=cut)
    timed = text
    if duration is not None and not duration.is_range:
        a, b = duration.span
        timed = text[:a] + " " * (b - a) + text[b:]
    occurred = _find_occurred(timed, toks, clauses, follow_tokens, now)
    guesses = [guess for _, guess in follow_ups]
    channel = read_channel(text, skip=cut)
    return VisitReading(
        people=people,
        organisation=organisation,
        area=area,
        occurred=occurred,
        summary=_summary(text, sentences,
                         cut + _date_only_clauses(text, toks, clauses, follow_tokens,
                                                  occurred, now)),
        follow_up=guesses[0] if guesses else None,
        signal_words=signal_words(text),
        privacy_words=privacy_words(text),
        role_type=next((t.code for i, tok in enumerate(toks)
                        if outside(i) and (t := type_for_role(tok.low)) is not None), None),
        follow_ups=guesses,
        duration_minutes=duration.minutes if duration is not None else None,
        kind=channel.kind,
        initiated_by=channel.initiated_by,
        shared=channel.shared,
        asked=channel.asked,
        promised=channel.promised,
    )


# --------------------------------------------------------------------------- typed alone


def match_person(typed: str, known: Known) -> PersonMention:
    """A person's name typed on its own (a correction on the card): the contact it means, with
    any title kept apart ("imam yusuf", "mw. bakkali", "mark")."""
    register = _register_for(known.contacts)
    toks = [t for t in _tokenise(typed) if _is_word(t)]
    title: str | None = None
    while len(toks) > 1 and not register.by_first_name.get(_plain(toks[0].low)) and (
            word := _title_of(toks[0].low)) is not None:
        title, toks = word, toks[1:]
    name = typed[toks[0].start:toks[-1].end] if toks else typed.strip()
    person = register.match(name)
    person.title = title
    if person.contact_id is None and name.islower():
        person.text = _capitalised(name)
    return person


def match_organisation(typed: str, known: Known) -> OrgMention:
    """An organisation's name typed on its own: the register's one it means (core.reading.
    matching, a near spelling allowed), else a new one with the type its first word names."""
    index = _organisation_index(known)
    match = index.match(typed, near=_TYPED_NEAR)
    chosen = match.ids[0] if match.exact and match.ids else match.one
    words = typed.split()
    org_type = type_for_word(words[0]) if words else None
    if chosen is not None and (match.exact or not _types_clash(
            org_type.code if org_type else None, _type_code_of(index.names[chosen]))):
        name = index.names[chosen]
        return OrgMention(name, _type_code_of(name), chosen)
    name = " ".join(words[1:]) if org_type and len(words) > 1 else typed.strip()
    return OrgMention(name, org_type.code if org_type else None)


def match_area(typed: str, known: Known) -> AreaMention:
    """An area's name typed on its own: the register's one it means, else the name as typed."""
    index = _area_index(known.areas)
    match = index.match(typed, near=_TYPED_NEAR)
    chosen = match.ids[0] if match.exact and match.ids else match.one
    if chosen is not None:
        return AreaMention(index.names[chosen], chosen)
    return AreaMention(typed.strip())


# A name typed alone, in answer to "which organisation?", may be further off than one inside a
# message: "el feth" for Al Fath (rapidfuzz 71), when no other name is as near.
_TYPED_NEAR = 70.0


@functools.lru_cache(maxsize=8)
def _area_index(areas: tuple[tuple[int, str], ...]) -> NameIndex:
    return NameIndex(areas, is_type=lambda word: False)


@functools.lru_cache(maxsize=8)
def _places_for(organisations: tuple[tuple[int, str], ...],
                areas: tuple[tuple[int, str], ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name in (*organisations, *areas)))


def _places(known: Known) -> tuple[str, ...]:
    """The register's organisation and area names: a person's name is never inside one."""
    return _places_for(known.organisations, known.areas)


def _within(clause: _Clause) -> Callable[[int], bool]:
    return lambda i: clause.first <= i < clause.stop


def _unique(words: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word not in seen:
            seen.append(word)
    return seen


__all__ = [
    "MAX_MESSAGE", "AreaMention", "FollowUpGuess", "Known", "OrgMention",
    "PersonMention", "VisitReading", "contains_bsn", "is_bsn", "match_area",
    "match_organisation", "match_person", "privacy_words", "read_visit",
    "signal_words", "split_sentences",
]
