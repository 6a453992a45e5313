"""Reading one free-text visit message: who, where, what, when, and what to do next.

A pure function over the text and what the register already knows, so it can be tested and
property-tested without a database. The guesses are shown on a confirmation card; the
coordinator corrects anything with a button, so here we prefer a clear guess to a refusal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz, process

from core.dates import When, find_when
from core.organisations import ORG_TYPES, ROLE_WORDS, OrgType, type_for_role, type_for_word

MAX_MESSAGE = 2000  # characters; a visit note longer than this is cut before reading

_FOLLOW_UP_WORDS = re.compile(
    r"\b(terug\s?bellen|terugbellen|nabellen|bellen|terugkoppelen|koppel\w* terug|mailen|"
    r"e-?mailen|appen|langsgaan|langs\s+gaan|langskomen|afspraak|afspreken|opvolgen|"
    r"navragen|nagaan|checken|sturen|opsturen|doorsturen|uitnodigen|regelen|informeren|"
    r"contact\s+opnemen|follow[- ]?up|call\s+back|call|email|send|visit|check)\b",
    re.IGNORECASE,
)
_VISIT_VERBS = re.compile(
    r"\b(gesproken|gesprek|geweest|bezocht|bezoek|gebeld|telefoon|langs\s+geweest|ontmoet|"
    r"gezien|spoke|met|visited|called|met with)\b",
    re.IGNORECASE,
)
_SIGNAL_WORDS = re.compile(
    r"\b(zorg(en)?|bezorgd|spanning(en)?|onrust|incident(en)?|polarisatie|ruzie|"
    r"discriminatie|haat\w*|bedreig\w*|intimidatie|radicalisering|extremis\w*|vechtpartij|"
    r"confrontatie|protest|demonstratie|concern(s|ed)?|tension(s)?|unrest)\b",
    re.IGNORECASE,
)
# Words that would record a special category of personal data (GDPR art. 9) about a person.
_PRIVACY_WORDS = re.compile(
    r"\b(moslim\w*|islamitisch\w*|christelijk\w*|christen\w*|joods\w*|jood|hindoe\w*|"
    r"sikh\w*|atheïst\w*|gelovig\w*|religie|geloof|marokkaan\w*|turks\w*|turk|"
    r"surinaam\w*|antilliaan\w*|somalisch\w*|syrisch\w*|afkomst|etniciteit|huidskleur|"
    r"nationaliteit|stemt|partijlid|politieke\s+voorkeur|politiek|ziek\w*|depress\w*|"
    r"psychisch\w*|psychiatr\w*|diagnose|verslaaf\w*|muslim|jewish|ethnicity|religion)\b",
    re.IGNORECASE,
)
_NAME_TRIGGER = re.compile(
    r"\b(met|bij|gesproken|gebeld|belde|sprak|ontmoette|with|called|spoke\s+to|met)\s+",
    re.IGNORECASE,
)
_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "el", "al", "ben", "bin", "la", "le",
              "da", "di", "du", "von", "'t"}
_ARTICLES = {"De", "Het", "'t", "Den"}
_LEADING_WORDS = {"de", "het", "onze", "hun", "mijn", "the", "our"}
_CAPITALISED = re.compile(r"[A-ZÀ-Ý][\w'’-]*")
_NOT_NAMES = {
    "Vandaag", "Gisteren", "Morgen", "Volgende", "Vorige", "Afgelopen", "Komende", "De", "Het",
    "Een", "Zorgen", "Today", "Yesterday", "Tomorrow", "Next", "Last", "Ik", "We", "Wij",
    "Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9'])|\n+")
_BSN_CANDIDATE = re.compile(r"(?<![\d.])(\d{3})[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2})(?![\d])")


@dataclass(frozen=True)
class Known:
    """What the register knows, in plain form (names are decrypted in memory, never queried)."""

    contacts: tuple[tuple[int, str], ...] = ()
    organisations: tuple[tuple[int, str], ...] = ()
    areas: tuple[tuple[int, str], ...] = ()


@dataclass
class PersonMention:
    text: str
    contact_id: int | None = None
    candidates: list[int] = field(default_factory=list)


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


@dataclass
class VisitReading:
    people: list[PersonMention]
    organisation: OrgMention | None
    area: AreaMention | None
    occurred: When | None
    summary: str
    follow_up: FollowUpGuess | None
    signal_words: list[str]
    privacy_words: list[str]
    role_type: str | None = None  # the organisation type a job title implies ("wijkagent")


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


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def read_visit(text: str, now: datetime, known: Known) -> VisitReading:
    """Find people, organisation, area, date, summary and follow-up in one visit message."""
    text = " ".join(text[:MAX_MESSAGE].split(" ")).strip()
    sentences = split_sentences(text)

    follow_up: FollowUpGuess | None = None
    follow_index: int | None = None
    for index in range(len(sentences) - 1, -1, -1):
        if _FOLLOW_UP_WORDS.search(sentences[index]):
            follow_index = index
            follow_up = _read_follow_up(sentences[index], now)
            break

    occurred: When | None = None
    for index, sentence in enumerate(sentences):
        if index == follow_index:
            continue
        found = find_when(sentence, now, prefer="past")
        if found is not None:
            occurred = found.when
            break

    people = _find_people(text, known)
    organisation = _find_organisation(text, known)
    area = _find_area(text, known)
    summary = _summary(sentences, follow_index)
    return VisitReading(
        people=people,
        organisation=organisation,
        area=area,
        occurred=occurred,
        summary=summary,
        follow_up=follow_up,
        signal_words=_unique(m.group(0).lower() for m in _SIGNAL_WORDS.finditer(text)),
        privacy_words=_unique(m.group(0).lower() for m in _PRIVACY_WORDS.finditer(text)),
        role_type=next((t.code for w in re.findall(r"[\w-]+", text)
                        if (t := type_for_role(w)) is not None), None),
    )


def _read_follow_up(sentence: str, now: datetime) -> FollowUpGuess:
    found = find_when(sentence, now, prefer="future")
    title = sentence
    if found is not None:
        start, end = found.span
        title = sentence[:start] + sentence[end:]
    title = re.sub(r"\s+", " ", title).strip(" ,;:-.")
    title = title[:1].upper() + title[1:] if title else sentence.strip()
    return FollowUpGuess(title=title, due=found.when if found else None)


def _summary(sentences: list[str], follow_index: int | None) -> str:
    rest = [s for i, s in enumerate(sentences) if i != follow_index]
    if len(rest) > 1 and _VISIT_VERBS.search(rest[0]) and not _SIGNAL_WORDS.search(rest[0]):
        rest = rest[1:]
    if not rest:
        rest = sentences
    return " ".join(rest).strip()


def _name_after(text: str, start: int) -> str | None:
    """The capitalised name (with Dutch particles like 'van der') that starts at `start`."""
    words: list[str] = []
    pending: list[str] = []
    for match in re.finditer(r"\S+", text[start:]):
        raw = match.group(0)
        word = raw.strip(",.;:!?()\"")
        if not words and (word.lower() in ROLE_WORDS or word.lower() in _LEADING_WORDS):
            continue  # "met (de) wijkagent Kees Jansen": the title is not part of the name
        if not words and word in _NOT_NAMES:
            return None
        if pending and pending[-1].lower() == "van" and word in _ARTICLES:
            break  # "Anna Jansen van De Brug": a capital article starts an organisation
        if word.lower() in _PARTICLES and words:
            pending.append(word)
        elif _CAPITALISED.fullmatch(word) and word not in _NOT_NAMES:
            if type_for_word(word) is not None and not words:
                return None
            words.extend(pending)
            pending = []
            words.append(word)
        else:
            break
        if raw != word or len(words) >= 4:
            break
    return " ".join(words) if words else None


def _find_people(text: str, known: Known) -> list[PersonMention]:
    mentions: list[str] = []
    for trigger in _NAME_TRIGGER.finditer(text):
        name = _name_after(text, trigger.end())
        if name and name not in mentions:
            mentions.append(name)
    lowered = f" {text.lower()} "
    for _contact_id, name in known.contacts:
        first = name.split()[0]
        for alias in (name, first):
            if len(alias) > 2 and re.search(rf"\b{re.escape(alias.lower())}\b", lowered):
                if not any(_same_person(alias, m) for m in mentions):
                    mentions.append(alias)
                break
    organisation_names = {n.lower() for _, n in known.organisations}
    area_names = {n.lower() for _, n in known.areas}
    people: list[PersonMention] = []
    for mention in mentions:
        if mention.lower() in organisation_names or mention.lower() in area_names:
            continue
        people.append(_match_person(mention, known))
    return people


def _same_person(a: str, b: str) -> bool:
    return a.lower() in b.lower() or b.lower() in a.lower()


def _match_person(mention: str, known: Known) -> PersonMention:
    """Fuzzy-match a written name to known contacts; first names and typos count."""
    if not known.contacts:
        return PersonMention(text=mention)
    scores: dict[int, float] = {}
    for contact_id, name in known.contacts:
        whole = fuzz.ratio(mention.lower(), name.lower())
        parts = name.lower().split()
        first = fuzz.ratio(mention.lower(), parts[0]) if parts else 0.0
        tokens = fuzz.token_set_ratio(mention.lower(), name.lower())
        scores[contact_id] = max(whole, first * 0.95, tokens * 0.9 if " " in mention else 0.0)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    strong = [cid for cid, score in ranked if score >= 85]
    if len(strong) == 1 or (strong and ranked[0][1] - ranked[1][1] >= 10):
        return PersonMention(text=mention, contact_id=strong[0])
    if strong:
        return PersonMention(text=mention, candidates=strong[:5])
    return PersonMention(text=mention)


def _find_organisation(text: str, known: Known) -> OrgMention | None:
    if known.organisations:
        names = dict(known.organisations)
        best = process.extractOne(
            text, names, scorer=fuzz.partial_ratio, processor=str.lower, score_cutoff=90
        )
        if best is not None:
            name, _score, oid = best
            return OrgMention(name=name, organisation_id=int(oid))
    for match in re.finditer(r"\b([\w-]+)\s+(" + _CAPITALISED.pattern + r"(?:\s+"
                             + _CAPITALISED.pattern + r"){0,3})", text):
        org_type = type_for_word(match.group(1))
        if org_type is not None:
            return OrgMention(name=match.group(2).strip(" ,."), type_code=org_type.code)
    named = re.search(r"\bvan\s+((?:De|Het|'t)\s+" + _CAPITALISED.pattern + r"(?:\s+"
                      + _CAPITALISED.pattern + r"){0,2})", text)
    if named is not None:
        return OrgMention(name=named.group(1).strip(" ,."))
    for word in re.findall(r"[\w-]+", text):
        word_type: OrgType | None = type_for_word(word)
        if word_type is not None and word_type in ORG_TYPES and len(word) > 3:
            return OrgMention(name=word.lower(), type_code=word_type.code)
    return None


def _find_area(text: str, known: Known) -> AreaMention | None:
    for area_id, name in sorted(known.areas, key=lambda a: -len(a[1])):
        aliases = [name]
        if name.startswith("Almere "):
            aliases.append(name.removeprefix("Almere "))
        for alias in aliases:
            # Short aliases ('Buiten', 'Haven') are ordinary words: only count them capitalised.
            flags = 0 if alias != name else re.IGNORECASE
            if re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, flags):
                return AreaMention(name=name, area_id=area_id)
    match = re.search(r"\b(?:in|wijk|buurt)\s+(" + _CAPITALISED.pattern + r")", text)
    if match and match.group(1) not in _NOT_NAMES and type_for_word(match.group(1)) is None:
        return AreaMention(name=match.group(1))
    return None


def _unique(words: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for word in words:
        if word not in seen:
            seen.append(word)
    return seen
