"""Finding statements about a person's special-category data (GDPR art. 9 and 10) in free text.

Design principle 7: every way text enters the register passes one guard, and a sentence that
says something about a person's religion, origin, politics, health, orientation, union
membership or criminal record is not kept. This module only *finds* such statements; the
callers decide what to do (strike the sentence, refuse an import value, warn on a card).

A word alone is not a statement: "de Turkse moskee" names an organisation, "voorlichting over
diabetes" a topic and "spanningen tussen de Turkse en de Koerdische gemeenschap" a theme. Words
are matched by form (simplemma lemmas, listed variants, compounds) after undoing the usual
obfuscations ("m0slim", "m.o.s.l.i.m", "mosliiim").

Decided borderline cases (the tuning corpus holds an example of each):
- Idioms are not health: "ik word er ziek van", "ziek druk", "dat is ziek", "blind voor".
- Negation still says something: "hij is geen moslim", "ze heeft geen strafblad" count.
- The writer counts too: "ik ben ziek vandaag" is health data of a person.
- People named by a category count, also as a group: "Marokkaanse jongens", "die moslims",
  "twee Marokkanen"; a bare plural is a group as a theme ("moslims voelen zich onveilig",
  "verslaafden bij het station"), and so is a target group ("mensen met dementie").
- A condition or a sanction counts when someone has it ("ahmed heeft diabetes"), not as a
  theme ("de griep heerst", "werkplekken voor taakstraffen").
- An insult shouted at someone is not a fact about them ("uitgescholden voor homo").
- Refugee status is not an origin ("statushouders in de wijk"); "vluchteling uit Syrië" about
  a person is.
- A religious office is a function, not a person's belief ("imam", "islamitische geestelijke");
  "moslim voorzitter" and "Marokkaanse jongerenwerker" are about the person.
- An arrest of unnamed people in an incident ("twee jongens opgepakt") is the incident; "hij is
  opgepakt" is about a person.

This module must not import core.understanding (that module imports this one).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

import simplemma

from core.organisations import type_for_word
from core.reading import special_lexicon as lex

CATEGORIES = ("religie", "afkomst", "politiek", "gezondheid", "geaardheid", "vakbond",
              "strafrecht")
# How a message to a user names each category (neutral Dutch).
CATEGORY_NAMES = {"religie": "geloof", "afkomst": "afkomst", "politiek": "politieke voorkeur",
                  "gezondheid": "gezondheid", "geaardheid": "seksuele geaardheid",
                  "vakbond": "vakbondslidmaatschap", "strafrecht": "strafrechtelijk verleden"}


@dataclass(frozen=True)
class Finding:
    """One statement: where the words are, the sentence around them, and the category."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    category: str
    word: str


class _Hit(NamedTuple):
    category: str
    kind: str


class _Tok(NamedTuple):
    start: int
    end: int
    text: str  # folded, de-obfuscated
    cut: bool  # a clause mark (, ; : ( ) ! ? line break, sentence end) before this token


# --------------------------------------------------------------------------- folding


@lru_cache(maxsize=2048)
def _fold_char(char: str) -> str:
    """One character, lower case and without accent (length kept, so spans stay valid)."""
    if char in "’‘`´":
        return "'"
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered[:1] if lowered else char


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower())
                   if not unicodedata.combining(c)).replace("’", "'")


_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                         "!": "i", "|": "i",
                         "$": "s"})
_DIGITS_L = str.maketrans({"1": "l"})
# Words that really contain digits.
_DIGIT_WORDS = frozenset({"d66", "ja21", "50plus", "bij1", "nu'91", "nu91", "covid-19",
                          "covid19"})


_MIXED_SIGN = re.compile(r"[\d@$!*|]")
_LETTER = re.compile(r"[^\W\d_]")


def _has_mixed(word: str) -> bool:
    return (_MIXED_SIGN.search(word) is not None and _LETTER.search(word) is not None
            and word not in _DIGIT_WORDS)


def _clear(word: str) -> str:
    """'m0slim' -> 'moslim', 'd3pr3ss1ef' -> 'depressief' (same length)."""
    return word.translate(_DIGITS) if _has_mixed(word) else word


# --------------------------------------------------------------------------- the lexicon


def _index() -> tuple[dict[str, _Hit], dict[str, str], dict[str, _Hit]]:
    terms: dict[str, _Hit] = {}
    names: dict[str, str] = {}
    squeezed: dict[str, _Hit] = {}
    for category, kinds in lex.LEXICON.items():
        for kind, block in kinds.items():
            for term in lex.words(block):
                key = _fold_word(term)
                if kind == lex.NAME:
                    names.setdefault(key, category)
                    names.setdefault(key.replace("-", ""), category)
                    continue
                hit = _Hit(category, kind)
                terms.setdefault(key, hit)
                terms.setdefault(key.replace("-", ""), hit)
                if kind in (lex.PERSON, lex.HELD) and len(key) >= 6:
                    squeezed.setdefault(_squeeze(key), hit)
    return terms, names, squeezed


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _typo_index(terms: dict[str, _Hit]) -> dict[str, _Hit]:
    """Every long PERSON term and its one-letter deletions: a token one typing error away
    ('depresief', 'diabetis', 'schizofeen') shares one of these keys."""
    index: dict[str, _Hit] = {}
    for term, hit in terms.items():
        if hit.kind in (lex.PERSON, lex.HELD) and len(term) >= _TYPO_LENGTH and term.isalpha():
            for key in _deletions(term) | {term}:
                index.setdefault(key, hit)
    return index


_TYPO_LENGTH = 8
# Names and places one letter away from a term: never a typo ("Christien", "Palestina").
_NOT_TYPOS = ("christ", "crist", "kristi")


def _squeeze(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


_COUNTRY_NAMES = frozenset(_fold_word(w) for w in lex.words(lex.COUNTRIES))
_TERMS: dict[str, _Hit]
_NAMES: dict[str, str]
_SQUEEZED: dict[str, _Hit]
_TERMS, _NAMES, _SQUEEZED = _index()
_TYPOS = _typo_index(_TERMS)
_HEADS = frozenset(_fold_word(w) for w in lex.PERSON_HEADS) | {"genoot", "genoten"}
_NON_PERSON = frozenset(_fold_word(w) for w in lex.NON_PERSON_WORDS)
_ORIGIN_NOUNS = frozenset(lex.ORIGIN_NOUNS)
_JOBS = frozenset(_fold_word(w) for w in lex.JOBS)
_SUFFIXES = ("'s", "s", "e", "en")
# A topic word makes a compound about a person only with a head of membership: "kerkleden",
# "moskeebezoekers"; not the surname "Kerkman".
_MEMBER_HEADS = frozenset({"lid", "leden", "ganger", "gangers", "bezoeker", "bezoekers",
                           "genoot", "genoten", "gelovige", "gelovigen"})
# Category words that keep their meaning as the last part of a compound ("alcoholverslaafd",
# "borstkanker", "slaapstoornis", "drugscrimineel").
_CATEGORY_HEADS = {
    **dict.fromkeys(("verslaafd", "verslaafde", "verslaafden", "verslaving", "stoornis",
                     "kanker", "patient", "patienten", "depressie", "psychose", "infarct",
                     "allergie", "ziekte", "kwaal", "aandoening", "letsel", "syndroom",
                     "zwanger"),
                    "gezondheid"),
    **dict.fromkeys(("delinquent", "crimineel", "criminelen", "gedetineerde",
                     "gedetineerden"), "strafrecht"),
}


@lru_cache(maxsize=16384)
def _lemma(word: str, lang: str) -> str:
    if not word:
        return word
    return _fold_word(simplemma.lemmatize(word, lang=lang))


def _direct(form: str) -> _Hit | None:
    """The form itself, its Dutch or English lemma, or the form without a plural/adjective
    ending."""
    hit = _TERMS.get(form)
    if hit is not None:
        return hit
    for lang in ("nl", "en"):
        hit = _TERMS.get(_lemma(form, lang))
        if hit is not None:
            return hit
    for suffix in _SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 3:
            hit = _TERMS.get(form[:-len(suffix)])
            if hit is not None:
                return hit
    return None


def _is_head(word: str) -> bool:
    return word in _HEADS or _lemma(word, "nl") in _HEADS


def _modifier(mod: str, head: str) -> str | None:
    """The category of the first part of a compound about a person ('moslim', 'pvv'); a
    curse word in front ('kankerjongens') is not a diagnosis."""
    if mod.rstrip("s-") in ("kanker", "tering", "tyfus", "pest", "polish"):
        return None  # curses, and English words hiding in Dutch ones ("polishouder")
    for form in (mod, mod[:-1] if mod.endswith(("s", "-")) else "", mod.rstrip("-")):
        if len(form) < 2:
            continue
        if form in _NAMES:
            return _NAMES[form]
        if len(form) < 4:
            continue  # "rusman" is a surname, not a Russian man
        hit = _TERMS.get(form) or _direct(form)
        if hit is not None and hit.kind != lex.PREDICATE and (
                hit.kind != lex.TOPIC or head in _MEMBER_HEADS):
            return hit.category
    return None


def _compound(form: str) -> _Hit | None:
    """'moslimjongeren', 'diabetespatiënt', 'pvv-stemmer', 'fnv'er', 'marokkaans-nederlands'."""
    for suffix in ("'er", "'ers", "-er", "-ers"):  # "pvv'er"; not "denkers"
        if form.endswith(suffix) and form[:-len(suffix)] in _NAMES:
            return _Hit(_NAMES[form[:-len(suffix)]], lex.PERSON)
    if "-" in form:
        parts = form.split("-")
        head, mod = parts[-1], "-".join(parts[:-1])
        category = _modifier(mod, head)
        if category is not None and (_is_head(head) or head.endswith(("stemmer", "kiezer"))):
            return _Hit(category, lex.PERSON)
        named = _direct(head)
        if category is not None and named is not None and named.kind in (lex.PERSON, lex.HELD):
            return named  # "fnv-kaderlid"
        first, last = _direct(parts[0]), _direct(head)
        if first and last and first.kind == lex.PERSON and last.kind != lex.TOPIC:
            return first
        if (first and last and last.kind == lex.PERSON and first.kind == lex.PREDICATE
                and first.category == last.category):
            return last  # "nederlands-marokkaans", "chinees-indonesisch"
        return None
    if len(form) < 6:
        return None
    for head, category in _CATEGORY_HEADS.items():
        if form.endswith(head) and len(form) - len(head) >= 4:  # not "verziekte"
            named = _TERMS.get(head)
            return named if named is not None and named.kind == lex.PERSON else _Hit(
                category, lex.HELD)
    for i in range(2, len(form) - 2):
        head = form[i:]
        if not _is_head(head):
            continue
        if head in ("stemmer", "stemmers", "kiezer", "kiezers"):
            if form[:i].rstrip("-") in ("links", "rechts", "protest", *_NAMES):
                return _Hit("politiek", lex.PERSON)  # not "pianostemmer"
            continue
        category = _modifier(form[:i], head)
        if category is not None:
            return _Hit(category, lex.PERSON)
    return None


@lru_cache(maxsize=16384)
def _hit(token: str) -> _Hit | None:
    """What a single token is in the lexicon, whatever its form or obfuscation."""
    forms = [token]
    if _has_mixed(token):
        forms += [token.translate(_DIGITS), token.translate(_DIGITS_L).translate(_DIGITS)]
    if "*" in token and token.count("*") <= 2:  # "m*slim": a star for a vowel
        starred = [token]
        for _ in range(token.count("*")):
            starred = [f.replace("*", vowel, 1) for f in starred for vowel in "aeiou"]
        forms += starred
    for form in list(forms):
        if re.search(r"(.)\1\1", form):
            forms += [re.sub(r"(.)\1{2,}", r"\1\1", form), re.sub(r"(.)\1{2,}", r"\1", form)]
    for form in forms:
        hit = _direct(form) or _compound(form)
        if hit is not None:
            return hit
    for form in forms:
        if len(form) >= 5 and re.search(r"(.)\1", form):
            hit = _SQUEEZED.get(_squeeze(form))
            if hit is not None:
                return hit
    if (len(token) >= _TYPO_LENGTH and token.isalpha() and not token.startswith(_NOT_TYPOS)
            and token not in _COUNTRY_NAMES and not _known_word(token)):
        stems = [token] + [token[:-len(end)] for end in ("e", "en", "s") if token.endswith(end)]
        for stem in stems:
            for key in _deletions(stem) | {stem}:
                hit = _TYPOS.get(key)
                if hit is not None:
                    return hit
    return None


@lru_cache(maxsize=16384)
def _known_word(word: str) -> bool:
    """A word simplemma knows (Dutch or English) is a word, not a typo."""
    return simplemma.is_known(word, lang="nl") or simplemma.is_known(word, lang="en")


def _name(token: str) -> str | None:
    return _NAMES.get(_clear(token))


# --------------------------------------------------------------------------- sentences

_BREAK = re.compile(r"[.!?…]+[\"')\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset({"o.a", "bijv", "bv", "dhr", "mevr", "mw", "ca", "evt", "etc", "nr",
                            "st", "jl", "vs", "i.v.m", "m.b.t", "t.a.v", "z.s.m", "d.w.z",
                            "e.d", "ivm", "mbt", "tav", "zsm", "incl", "excl", "tel", "i.p.v",
                            "ipv", "a.s", "n.a.v", "nav", "d.d", "m.i", "v.d", "vd", "mvr",
                            "drs", "ir", "mr", "dr", "ong", "resp", "wo", "za",
                            "ma", "di", "vr", "jan", "feb", "mrt", "apr", "jun", "jul",
                            "aug", "sep", "sept", "okt", "nov", "dec"})


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: ends at . ! ? followed by a space, or a line break; not after an
    initial ('J. de Vries') or a common abbreviation ('o.a.')."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        if match.group().startswith(".") and _abbreviation_before(text, match.start()):
            continue
        _add_span(spans, text, start, match.end())
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def _abbreviation_before(text: str, position: int) -> bool:
    word = re.search(r"(\w+(?:\.\w+)*)$", text[max(0, position - 24):position])
    if word is None:
        return False
    found = word.group(1)
    return (len(found) == 1 and found.isalpha()) or found.lower() in _ABBREVIATIONS


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --------------------------------------------------------------------------- tokens

_CLAUSE_MARK = re.compile(r"[,;:()!?\n]|\.\s")
_TOKEN = re.compile(r"[\w@$]+(?:(?:['\-.]|[!*|]+)[\w@$]+)*")


def _tokens(folded: str) -> list[_Tok]:
    """Word tokens of the folded text, with spelled-out words joined ('m.o.s.l.i.m',
    'm o s l i m') and words glued by a dot split ('ziek.hij')."""
    raw: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(folded):
        word = match.group()
        start = match.start()
        if "." not in word:
            raw.append((start, match.end(), word))
            continue
        parts = word.split(".")
        if (len(parts) >= 3 or _hit("".join(parts)) is not None) and all(
                len(p) == 1 for p in parts):  # "m.o.s.l.i.m", "r.k"
            raw.append((start, start + len(word), "".join(parts)))
        else:
            position = start
            for part in parts:
                if part:
                    raw.append((position, position + len(part), part))
                position += len(part) + 1
    if _SPELLED.search(folded):
        raw = _join_spelled(folded, raw)
    toks: list[_Tok] = []
    previous = -1
    for start, end, word in raw:
        if previous < 0:
            cut = True
        else:
            gap = folded[previous:start]
            cut = gap != " " and _CLAUSE_MARK.search(gap) is not None
        if word.isalpha() and _TRIPLED.search(word) and _name(word) is None:
            word = _TRIPLED.sub(r"\1\1", word)  # "gaaat", "ziiiek"; not "ideeen"
        toks.append(_Tok(start, end, word if word.isalpha() else _clear(word), cut))
        previous = end
    return toks


_TRIPLED = re.compile(r"([a-df-z])\1{2,}|(e)\2{3,}")
# Three or more single letters in a row ('m o s l i m', 'm-o-s-l-i-m'): maybe a spelled word.
_SPELLED = re.compile(r"(?<!\w)\w[\s.\-]{1,2}\w[\s.\-]{1,2}\w(?!\w)")


def _join_spelled(folded: str, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(raw):
        j = i
        while (len(raw[i][2]) == 1 and j + 1 < len(raw) and len(raw[j + 1][2]) == 1
               and re.fullmatch(r"[\s.\-]{1,2}", folded[raw[j][1]:raw[j + 1][0]])):
            j += 1
        if j - i >= 2:
            word = "".join(r[2] for r in raw[i:j + 1])
            if _hit(_clear(word)) is not None or _name(word) is not None:
                out.append((raw[i][0], raw[j][1], word))
                i = j + 1
                continue
        out.append(raw[i])
        i += 1
    return out


# --------------------------------------------------------------------------- context

_POSSESSIVES = frozenset({"zijn", "haar", "hun", "z'n", "zn", "d'r", "der", "mijn", "m'n", "mn",
                          "je", "jouw", "his", "her", "their", "my"})
_PRONOUNS = frozenset({"hij", "ze", "zij", "hem", "haar", "zijn", "z'n", "zn", "d'r", "hun",
                       "he", "she", "him", "his", "her", "they", "ie", "he's", "she's",
                       "they're"})
_HAVING = frozenset({"heeft", "had", "hebben", "hadden", "kreeg", "krijgt", "kregen", "lijdt",
                     "leed", "draagt", "droeg", "dragen", "kampt", "worstelt", "has", "got",
                     "wears"})
_HAVING_FILLERS = frozenset({"een", "de", "het", "aan", "met", "zware", "zwaar", "lichte",
                             "licht", "ernstige", "beginnende", "erge", "chronische", "al",
                             "ook", "weer", "nog", "sinds", "kort", "a", "an"})
_FIRST_PERSON = frozenset({"ik", "mij", "me", "mijn", "m'n", "mn", "i", "my"})
_COPULAS = frozenset({"is", "was", "ben", "bent", "zijn", "waren", "wordt", "werd", "worden",
                      "werden", "raakt", "raakte", "geworden", "lijkt", "leek", "blijkt",
                      "bleek", "voelt", "voelde", "blijft", "bleef", "zit", "zat", "ligt",
                      "lag", "are", "were", "be", "been", "got", "gets"})
_THEME_MARKERS = frozenset({"over", "about", "rond", "rondom", "omtrent", "voorlichting",
                            "thema", "themaavond", "thema-avond", "lezing", "workshop", "debat",
                            "discriminatie", "haat", "tussen", "tegen", "preventie",
                            "bestrijding", "campagne", "cursus", "training", "informatie", "info",
                            "folder", "onderzoek", "beleid", "verbod", "spreekuur", "between",
                            "against", "on", "regarding", "dialoog", "project", "aantal",
                            "percentage", "cijfers"})
# "mensen met dementie", "jongeren met autisme": a target group, not someone in particular.
_GROUP_PLURALS = frozenset({"mensen", "jongeren", "ouderen", "kinderen", "bewoners", "vrouwen",
                            "mannen", "gezinnen", "ouders", "leerlingen", "personen",
                            "patienten", "people"})
_CLAUSE_OPENERS = frozenset({"dat", "die", "omdat", "of", "waar", "wiens", "wier", "want",
                             "maar", "sinds", "toen", "nu", "that", "who", "because",
                             "whose", "since"})
_FUNCTION_WORDS = frozenset(lex.words("""
en of maar want dus en/of ook niet wel nog al is was zijn waren en, die dat wat wie waar
hoe toen nu dan als of want omdat sinds tot met van voor in op aan bij uit naar door om over
te het de een geen heel erg zeer echt wel best zelf ook al nog maar eigenlijk gewoon hoor
hè he toch and or but is was are were the a an of in on at to with for from by not who that
"""))
_INTENSIFIED = frozenset({"veel", "goed", "mooi", "druk", "vet", "lang", "hard", "chill",
                          "gaaf", "lekker", "leuk", "snel", "duur"})
_LANGUAGE_CUES = frozenset({"spreekt", "spreken", "sprak", "praat", "praten", "praatte",
                            "verstaat", "verstaan", "leert", "vertaald", "vertaalt", "vertaling",
                            "tolk", "les", "cursus", "ondertiteld", "speaks", "spoke"})
# What "verslaafd aan" can mean without health: a habit.
_HABITS = frozenset({"telefoon", "mobiel", "gamen", "games",
                     "tiktok", "instagram", "snapchat", "social", "chocola", "snoep", "koffie",
                     "netflix", "series", "voetbal", "fortnite", "werk"})
# Words that open the name of an organisation: what follows is part of the name.
_NAME_OPENERS = frozenset({"stichting", "vereniging", "platform", "werkgroep", "comite",
                           "federatie", "koepel", "netwerk", "organisatie", "vrouwengroep",
                           "jongerengroep", "moskee", "kerk", "centrum", "buurthuis", "raad"})
# Before a plural: these point at particular people ("die moslims", "twee Marokkanen").
_POINTING = frozenset({"die", "deze", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht",
                       "negen", "tien", "paar", "groepje", "groep", "zijn", "haar", "hun",
                       "z'n", "zn", "d'r", "mijn", "m'n", "mn", "beide", "allebei", "those",
                       "these", "two", "three"})
_LANGUAGE_FILLERS = frozenset({"en", "of", "goed", "vloeiend", "beetje", "een", "alleen", "ook",
                               "geen", "nauwelijks", "wat", "redelijk", "perfect", "zowel",
                               "als", "and", "or", "some", "fluent"})
# Nouns for a person by their work or role: "de Marokkaanse jongerenwerker" is about a person.
_PERSON_NOUN_ENDINGS = ("werker", "werkers", "agent", "agenten", "coach", "docent", "leraar",
                        "lerares", "voorzitter", "bestuurder", "bestuurslid", "ondernemer",
                        "eigenaar", "chauffeur", "arts", "dokter", "kundige", "regisseur",
                        "ambtenaar", "wethouder", "burgemeester", "trainer", "juf",
                        "vrijwilliger", "sleutelfiguur", "winkelier", "student", "scholier")
_ATTRIBUTIVE = frozenset({"afkomst", "religie", "geaardheid", "politiek", "strafrecht"})
_HABITUAL = re.compile(r"\b(?:elke|iedere|elk|ieder|altijd|trouw|vaak|regelmatig|wekelijks|"
                       r"nooit|zondags|vrijdags|meer|dagelijks|steeds|weer|sinds|tegenwoordig|"
                       r"trouw)\b")


def _same_clause(toks: Sequence[_Tok], i: int) -> bool:
    """Token i follows token i-1 without a clause mark between them."""
    return i > 0 and not toks[i].cut


def _next(toks: Sequence[_Tok], i: int, stop: int) -> str | None:
    if i + 1 < stop and _same_clause(toks, i + 1):
        return toks[i + 1].text
    return None


def _prev(toks: Sequence[_Tok], i: int, first: int, back: int = 1) -> str | None:
    j = i - back
    if j < first:
        return None
    for k in range(j + 1, i + 1):
        if not _same_clause(toks, k):
            return None
    return toks[j].text


def _person_word(word: str | None) -> bool:
    return word is not None and (word in _PRONOUNS or _is_head(word))


# Typed on a phone the subject is often left out: "heeft gezeten voor diefstal", "slikt
# antidepressiva", "is doof aan 1 kant" are said of the person the message is about.
_IMPLIED_SUBJECT = frozenset(lex.words("""
heeft had is was zit zat slikt slikte krijgt kreeg gebruikt gebruikte gaat ging loopt liep
staat stond ligt lag woont werkt doet deed hoort hoorde draagt droeg stemt stemde steunt
"""))
_TITLES = frozenset(lex.words("dhr mw mevr mvr meneer mevrouw mr ds dominee imam pastor"))


def _titled_subject(toks: Sequence[_Tok], j: int, first: int) -> bool:
    """'dhr de jong is doof': a form of address up to four words before the verb at j."""
    return any(_prev(toks, j, first, back) in _TITLES for back in range(1, 5))


def _possessed(toks: Sequence[_Tok], i: int, first: int, stop: int) -> bool:
    """'zijn geloof', 'haar eigen afkomst', 'het geloof van zijn vader'; not 'haar geloof in
    het project' (trust, not faith)."""
    after = _next(toks, i, stop)
    if toks[i].text == "geloof" and after == "in":
        return _next(toks, i + 1, stop) in ("god", "allah", "jezus", "de", "een")
    before = _prev(toks, i, first)
    if before in _POSSESSIVES:
        return True
    before2 = _prev(toks, i, first, 2)
    if before2 in _POSSESSIVES and before is not None and (
            before.endswith("e") or before in ("eigen", "oud", "nieuw")):
        return True
    if after in ("van", "of"):
        owner = _next(toks, i + 1, stop)
        if owner is None:
            return False
        if owner in ("hem", "him", "her"):
            return True
        if owner in _GROUP_PLURALS:
            return False  # "de gezondheid van personen": people in general
        noun = _next(toks, i + 2, stop)
        if owner in _POSSESSIVES or owner in ("de", "het", "die", "deze", "the"):
            # "van zijn vader", "van de familie"; not "van haar aanvraag", "van hun wijk"
            return (noun is None and owner in ("haar", "hun")) or _is_head(noun or "")
        return _person_word(owner)
    return False


def _in_theme(toks: Sequence[_Tok], i: int, first: int) -> bool:
    """The word follows 'over', 'voorlichting', 'tussen' ... in its clause, with no person or
    new clause in between: the topic of a talk or a theme, not a statement about someone."""
    for back in range(1, 6):
        word = _prev(toks, i, first, back)
        if word is None:
            return False
        if word in _CLAUSE_OPENERS or word in _POSSESSIVES or _person_word(word):
            return False
        if word in _THEME_MARKERS or word.endswith("haat"):
            return True
        if word in ("met", "with") and _prev(toks, i, first, back + 1) in _GROUP_PLURALS:
            return True
    return False


def _slur(toks: Sequence[_Tok], i: int, first: int) -> bool:
    """'uitgescholden voor homo', 'ze riepen kankerturk': an insult shouted at someone, not a
    fact about them."""
    words = [w for b in range(1, 7) if (w := _prev(toks, i, first, b)) is not None]
    return any(w.startswith(_SLUR_VERBS) for w in words[:4]) or (
        "voor" in words[:3] and any(w.startswith(_SLUR_VERBS) for w in words))


_SLUR_VERBS = ("schel", "uitschel", "uitgeschol", "scheld", "schold", "riep", "roep",
               "geroepen", "noemde", "noemden", "uitmaakt", "uitmaakte", "uitgemaakt")


def _predicated(toks: Sequence[_Tok], i: int, first: int, stop: int, caps: set[int]) -> bool:
    """'hij is rechts', 'zijn zoon is doof', 'is hij links?', 'drie jongens opgepakt'."""
    if _is_head(_next(toks, i, stop) or ""):
        return True
    before = _prev(toks, i, first)
    if before is not None and before.startswith("stem"):
        return True
    for back in range(1, 4):
        word = _prev(toks, i, first, back)
        if word is None:
            return False
        if word in _COPULAS:
            subject = _prev(toks, i, first, back + 1)
            inverted = _prev(toks, i, first, back - 1) if back > 1 else None
            if i - back == first and word in _IMPLIED_SUBJECT:
                return True  # "is doof aan 1 kant"
            return _person_word(subject) or _person_word(inverted) or (
                subject is not None and (i - back - 1) in caps) or _titled_subject(
                    toks, i - back, first)
    return False


def _language(toks: Sequence[_Tok], i: int, first: int) -> bool:
    """'spreekt goed Turks', 'in het Arabisch': a language, not an origin."""
    for back in range(1, 7):
        word = _prev(toks, i, first, back)
        if word is None:
            return False
        if word in _LANGUAGE_CUES or (word == "het" and _prev(toks, i, first, back + 1) == "in"):
            return True
        hit = _hit(word)
        if word not in _LANGUAGE_FILLERS and (hit is None or hit.category != "afkomst"):
            return False
    return False


def _token_finding(toks: Sequence[_Tok], i: int, first: int, stop: int, hit: _Hit,
                   caps: set[int], person: Callable[[], bool]) -> bool:
    """Whether the category word at token i is said about a person here."""
    word = toks[i].text
    if hit.kind == lex.HELD and not (person() or _had(toks, i, first)):
        return False
    after = _next(toks, i, stop)
    if hit.kind == lex.TOPIC:
        return _possessed(toks, i, first, stop)
    if _idiom(toks, i, first, stop, hit):
        return False
    if hit.kind == lex.PREDICATE:
        if hit.category == "afkomst" and (_language(toks, i, first)
                                          or _next(toks, i, stop) == "van"):
            return False
        return _predicated(toks, i, first, stop, caps)
    if (_prev(toks, i, first) in _COPULAS
            and _prev(toks, i, first, 2) in ("het", "dat", "dit", "wat", "alles", "iets")):
        return False  # "dat is ziek" (slang), "het is ziek"
    if (((word.endswith("e") and after in ("en", "of")) or after in ("and", "or"))
            and i + 2 < stop and _hit(toks[i + 2].text) is not None):
        after = _after_coordination(toks, i, stop)  # "de Turkse en Marokkaanse verenigingen"
    if after is not None and after in _JOBS and hit.category == "religie":
        return False
    if _prev(toks, i, first) in _NAME_OPENERS:
        return False  # "Stichting Marokkaanse Ouders": the name of an organisation
    if after is not None and (_is_head(after) or after.endswith("stemmer")):
        organisation = _next(toks, i + 1, stop)
        if organisation is not None and organisation in _NON_PERSON:
            return False  # "de Marokkaanse ouders vereniging"
        return not _slur(toks, i, first)
    if after is not None and after in _THEME_MARKERS and after not in ("over", "tegen", "on"):
        return False  # "burn-out preventie", "diabetes voorlichting"
    if after is not None and _organisation_word(after):
        return after in _ORIGIN_NOUNS and hit.category in ("afkomst", "religie")
    if _organisation_ahead(toks, i, stop):
        return False  # "Turks Islamitisch Cultureel Centrum"
    if hit.category == "afkomst" and _language(toks, i, first):
        return False
    if (word.endswith("e") and after is not None and after not in _FUNCTION_WORDS
            and _hit(after) is None and not after.endswith(_PERSON_NOUN_ENDINGS)):
        if hit.category in _ATTRIBUTIVE or _lemma(word, "nl") == "ziek":
            return False  # "Turkse thee", "islamitische begraafplaats", "een zieke actie"
        if hit.category == "gezondheid" and not (person() or _had(toks, i, first)):
            return False  # "psychische hulp in de wijk"; "zijn moeder heeft psychische klachten"
    if _slur(toks, i, first):
        return False
    if _generic_plural(toks, i, first, hit):
        return False
    return not (_in_theme(toks, i, first) and not _possessed(toks, i, first, stop))


def _after_coordination(toks: Sequence[_Tok], i: int, stop: int) -> str | None:
    """The noun after a list of category adjectives: 'Turkse en Marokkaanse verenigingen'."""
    j = i + 1
    while j < stop and not toks[j].cut and (
            toks[j].text in ("en", "of", "de", "het", "and", "or")
            or _hit(toks[j].text) is not None):
        j += 1
    return toks[j].text if j < stop and not toks[j].cut else None


def _idiom(toks: Sequence[_Tok], i: int, first: int, stop: int, hit: _Hit) -> bool:
    """'ik word er ziek van', 'ziek druk', 'blind voor de problemen', 'links en rechts'."""
    word, before, after = toks[i].text, _prev(toks, i, first), _next(toks, i, stop)
    after2 = _next(toks, i + 1, stop) if after is not None else None
    if hit.category == "gezondheid":
        if before == "er" and "van" in (after, after2):
            return True  # "ik word er ziek van", "ik werd er depressief van"
        if (word in ("ziek", "doodziek") or _lemma(word, "nl") == "ziek") and (
                after == "van" or after in _INTENSIFIED):
            return True  # "ziek van de overlast", "ziek druk"
        if word in ("blind", "doof") and after == "voor":
            return True
        if word == "opgenomen" and after is not None:
            return True  # "opgenomen in het team", "contact opgenomen"; the phrases read
            # "opgenomen in het ziekenhuis"
        if word.startswith("verslaafd") and after == "aan":
            habit = _next(toks, i + 2, stop) if after2 in _POSSESSIVES else after2
            return habit in _HABITS  # "verslaafd aan zijn telefoon"
    sides = ("links", "rechts", "linksaf", "rechtsaf")
    return word in sides and (
        (after in ("en", "of") and after2 in sides)
        or (before in ("en", "of") and _prev(toks, i, first, 2) in sides)
        or before in ("naar", "van", "bovenaan", "onderaan", "beneden"))


@lru_cache(maxsize=8192)
def _organisation_word(word: str) -> bool:
    """An organisation, a group or a thing ('moskee', 'gemeenschap', 'thee'), also every
    organisation type the register knows ('gurdwara', 'wijkcentrum', 'sportvereniging')."""
    return (word in _NON_PERSON or _lemma(word, "nl") in _NON_PERSON
            or type_for_word(word) is not None)


def _organisation_ahead(toks: Sequence[_Tok], i: int, stop: int) -> bool:
    """An organisation word a few adjectives further: 'Turks Islamitisch Cultureel Centrum'."""
    for j in range(i + 1, min(i + 4, stop)):
        if toks[j].cut:
            return False
        word = toks[j].text
        if _organisation_word(word):
            return True
        if _is_head(word) or not (word.endswith(("e", "isch", "eel", "s")) or _hit(word)):
            return False
    return False


def _generic_plural(toks: Sequence[_Tok], i: int, first: int, hit: _Hit) -> bool:
    """'moslims voelen zich onveilig', 'het aantal zieken': a bare plural names a group as a
    theme; 'twee Marokkanen', 'die moslims' point at people."""
    word = toks[i].text
    if hit.kind != lex.PERSON or not word.endswith(("s", "en", "'s")) or word in _TERMS:
        return False
    lemma = _lemma(word, "nl")
    if lemma == word or _TERMS.get(lemma) is None:
        return False
    before = _prev(toks, i, first)
    return not (before is not None and (before.isdigit() or before in _POINTING
                                        or before in _COPULAS))


# --------------------------------------------------------------------------- phrases

_P = r"(?:" + "|".join(re.escape(w) for w in sorted(lex.words(lex.PARTIES), key=len,
                                                         reverse=True)) + r")"
_U = r"(?:fnv|cnv|vcp|aob|abvakabo|nu'?91|fbz|vakbond|vakcentrale)"
_C = r"(?:" + "|".join(re.escape(_fold_word(w)) for w in lex.words(lex.COUNTRIES)) + r")"
_W = r"(?:[\w']+\s+)"
_VD = r"(?:van\s+de|vd|v\.d\.?|v/d)"  # "lid vd kerk", as typed on a phone
_NOT_OWNER = r"(?<!van de )(?<!van )(?<!vd )"  # "de vrouw van de buurman": not the subject
_SHE = (r"(?:ze|zij|she|mw|mevr|mvr|mevrouw|dochter|moeder|zus|zusje|tante|oma|nicht|"
        r"buurvrouw|vrouw)")
_HE = r"(?:hij|he|dhr|meneer|zoon|vader|broer|broertje|oom|opa|neef|buurman|man)"
_JAIL = (r"(?:bak|bajes|gevangenis|cel|nor|lik|jeugdgevangenis|jeugdinrichting|jji|gevang|"
         r"detentie|voorarrest|tbs-kliniek|jail|prison)")
_NOT_PREP = r"(?:(?!op\b|aan\b|bij\b|naast\b|met\b|in\b|achter\b|voor\b|de\b|het\b)[\w']+\s+)"


class _Phrase(NamedTuple):
    category: str
    pattern: re.Pattern[str]
    keys: tuple[str, ...]  # literal words, one of which the text needs before the regex runs
    needs_person: bool = False
    habitual: bool = False


def _phrase(category: str, pattern: str, needs_person: bool = False, habitual: bool = False,
            *, keys: tuple[str, ...]) -> _Phrase:
    """A multi-word statement. It only runs when one of its keys occurs in the text: the
    regexes cost more than these substring checks."""
    return _Phrase(category, re.compile(pattern), keys, needs_person, habitual)


_PARTY_KEYS = tuple(lex.words(lex.PARTIES))
_UNION_KEYS = ("fnv", "cnv", "vcp", "aob", "abvakabo", "nu'91", "nu91", "fbz", "vakbond",
               "vakcentrale")
_COUNTRY_KEYS = tuple(_fold_word(w) for w in lex.words(lex.COUNTRIES))
_JAIL_KEYS = ("bak", "bajes", "gevang", "cel", "nor", "lik", "jji", "detentie", "voorarrest",
              "tbs", "jail", "prison")


_PHRASES: tuple[_Phrase, ...] = (
    # politics
    _phrase("politiek", r"\b(?:stem(?:t|de|den|men)?|gestemd|kiest|koos)\s+" + _W + r"{0,3}?"
            r"(?:op\s+|voor\s+)?(?:de\s+|het\s+)?" + _P + r"\b",
            keys=("stem", "kies", "koos")),
    _phrase("politiek", r"(?<!gaan )(?<!gingen )(?<!gaat )\bstem(?:t|de|den|men)?\s+"
            r"(?:altijd\s+|nog\s+|steeds\s+|gewoon\s+|toch\s+|al\s+jaren\s+|zelf\s+)?op\b",
            keys=("stem",)),
    _phrase("politiek", r"\b(?:stem(?:t|de|den|men)?|gestemd)\s+" + _W +
            r"?(?:extreem)?(?:rechts|links)\b",
            keys=("stem",)),
    _phrase("politiek", r"(?:(?<!de )(?<!het )|(?<=op de )|(?<=op het ))\b" + _P +
            r"\s+(?:ge)?stem(?:t|d|de|den|men|en)\b",
            keys=("stem",)),
    _phrase("politiek", r"\b(?:lid|leden|partijlid|kaderlid|raadslid|gemeenteraadslid|kamerlid|"
            r"kandidaat|actief|aanhanger|aanhangers|fan|sympathisant|sympathiseert|campagne|"
            r"flyert|flyeren|member)\s+" + _W + r"?(?:van|bij|voor|met|of|for|v/d|vd|v\.d\.)\s+"
            r"(?:de\s+|het\s+|the\s+)?" + _P + r"\b",
            keys=_PARTY_KEYS),
    _phrase("politiek", r"\b(?:zit|zat|is|was|ben|bent)\s+(?!lid\b)" + _W + r"?(?:bij|van|in)\s+"
            r"(?:de\s+|het\s+)?" + _P + r"\b(?!\s+(?:geweest|langs|op\s+bezoek|gebeld|"
            r"gesproken))",
            keys=_PARTY_KEYS),
    _phrase("politiek", r"\b(?:is|was|ben)\s+(?:een\s+)?(?:echte\s+|fervente\s+|trouwe\s+)?"
            + _P + r"(?:'?er)?\s*(?:[.,!?]|$|en\b)",
            keys=_PARTY_KEYS),
    _phrase("politiek", r"\b" + _P + r"[\s-]+(?:voter|supporter|member|kiezer|stemmer|aanhanger|"
            r"fan)s?\b",
            keys=_PARTY_KEYS),
    _phrase("politiek", r"\b(?:raadslid|gemeenteraad|wethouder|kamerlid|kandidaat|"
            r"lijsttrekker|fractievoorzitter|fractie)\s+" + _W + r"{0,3}?(?:voor|van)\s+"
            r"(?:de\s+|het\s+)?" + _P + r"\b",
            keys=_PARTY_KEYS),
    _phrase("politiek", r"\b(?:zijn|haar|hun|z'n|zn|d'r|der)\s+" + _W + r"?politieke\s+"
            r"(?:voorkeur|kleur|overtuiging|mening|opvattingen?|ideeen|sympathieen?|"
            r"achtergrond)\b",
            keys=("politieke",)),
    _phrase("politiek", r"\b(?:his|her|their)\s+political\s+(?:views|opinions?|preference)\b",
            keys=("political",)),
    _phrase("politiek", r"\bvot(?:es|ed|ing)\s+(?:for\s+)?(?:the\s+)?(?:" + _P[3:-1] +
            r"|far\s+right|far\s+left|labour|conservative|tory|green|greens)\b|"
            r"\bvote[sd]?\s+for\b",
            keys=("vot",)),
    _phrase("politiek", r"\b(?:extreem[\s-]?)?(?:rechtse|linkse|radicaal-rechtse|populistische|"
            r"nationalistische|communistische|socialistische)\s+(?:ideeen|standpunten|"
            r"opvattingen|denkbeelden|sympathieen|mening|overtuiging)\b", needs_person=True,
            keys=("ideeen", "standpunt", "opvatting", "denkbeeld", "sympathie", "mening",
                  "overtuiging")),
    _phrase("politiek", r"\bpolitiek\s+(?:actief|betrokken|geengageerd)\b", needs_person=True,
            keys=("politiek",)),
    # unions
    _phrase("vakbond", r"\b(?:lid|kaderlid|bestuurslid|actief|aangesloten|georganiseerd|"
            r"ingeschreven|aangemeld|zit|zat|werd)\s+" + _W + r"?(?:van|bij|in|v/d|vd)?\s*"
            r"(?:de\s+|een\s+|het\s+)?"
            + _U + r"\b(?!\s+(?:geweest|langs|voor\s+(?:een\s+)?(?:overleg|gesprek)))",
            keys=_UNION_KEYS),
    _phrase("vakbond", r"\bunion\s+member|\bmember\s+of\s+(?:the\s+|a\s+)?(?:trade\s+)?union\b",
            keys=("union",)),
    _phrase("vakbond", r"\b(?:contributie|lidmaatschap|lidnummer)\s+(?:\w+\s+)?(?:aan|van|bij)\s+"
            r"(?:de\s+|het\s+)?" + _U + r"\b",
            keys=_UNION_KEYS),
    # criminal record
    _phrase("strafrecht", r"\b(?:zit|zat|zaten|zitten|heeft|had|hebben|gezeten|is|was)\s+"
            + _W + r"{0,4}?in\s+(?:de\s+|het\s+)?" + _JAIL + r"\b", needs_person=True,
            keys=_JAIL_KEYS),
    _phrase("strafrecht", r"\b(?:heeft|had|hebben|hadden)\s+" + _NOT_PREP +
            r"{0,3}?(?:vast\s*)?gezeten\b(?!\s+(?:op|aan|bij|naast|met|te|achter))",
            needs_person=True,
            keys=("gezeten",)),
    _phrase("strafrecht", r"\b(?:zit|zat|zaten|zitten)\s+" + _W + r"{0,2}?vast\b(?!\s+(?:in\s+"
            r"(?:de|het)\s+(?:file|verkeer|lift|sneeuw|modder|planning)|met|aan|op|in\s+een))",
            needs_person=True,
            keys=("vast",)),
    _phrase("strafrecht", r"\b(?:komt|kwam|is|was|net)\s+" + _W + r"{0,2}?uit\s+(?:de\s+|het\s+)?"
            + _JAIL + r"\b", needs_person=True,
            keys=_JAIL_KEYS),
    _phrase("strafrecht", r"\bvrijgekomen\s+uit\s+(?:de\s+|het\s+)?" + _JAIL + r"\b",
            keys=("vrijgekomen",)),
    _phrase("strafrecht", r"\b(?:loopt|liep|staat|stond|zit|zat|is|was)\s+" + _W +
            r"{0,2}?(?:bij|onder)\s+(?:toezicht\s+(?:van\s+|bij\s+|vd\s+|v\.d\.?\s*)?)?(?:de\s+)?"
            r"reclassering\b",
            keys=("reclassering",)),
    _phrase("strafrecht", r"\b(?:crimine(?:el|le)|justitie(?:el|le)|strafrechtelijke?)\s+"
            r"verleden\b",
            keys=("verleden",)),
    _phrase("strafrecht", r"\b(?:geen|krijgt\s+geen|kreeg\s+geen)\s+vog\b",
            keys=("vog",)),
    _phrase("strafrecht", r"\bop\s+(?:zijn|haar|z'n|zn|d'r|hun)\s+kerfstok\b",
            keys=("kerfstok",)),
    _phrase("strafrecht", r"\bverdacht\s+van\b",
            keys=("verdacht",)),
    _phrase("strafrecht", r"\bzit\s+(?:\w+\s+)?(?:straf|celstraf|tijd)\s+uit\b|"
            r"\bvoorwaardelijk\s+(?:vrij|veroordeeld|in\s+vrijheid)\b|"
            r"\bdossier\s+bij\s+(?:de\s+)?(?:politie|justitie)\b",
            keys=("uit", "voorwaardelijk", "dossier")),
    _phrase("strafrecht", r"\bin\s+aanraking\s+(?:\w+\s+)?met\s+(?:de\s+)?(?:politie|justitie)\b",
            needs_person=True,
            keys=("aanraking",)),
    _phrase("strafrecht", r"\b(?:heeft|had|kreeg|krijgt|kregen|hebben)\s+(?:een\s+)?" + _W +
            r"?(?:contactverbod|gebiedsverbod|locatieverbod|meldplicht|straf|celstraf|"
            r"voorwaardelijke\s+straf)\b", needs_person=True,
            keys=("verbod", "meldplicht", "straf")),
    _phrase("strafrecht", r"\b(?:moet|moest)\s+(?:\w+\s+)?voorkomen\s+(?:voor|wegens|bij)\b|"
            r"\b(?:staat|stond|moet|"
            r"moest)\s+" + _W + r"?voor\s+de\s+(?:rechter|politierechter|kinderrechter)\b",
            needs_person=True,
            keys=("voorkomen", "rechter")),
    _phrase("strafrecht", r"\b(?:bekend|geregistreerd)\s+bij\s+(?:de\s+)?(?:politie|justitie|"
            r"reclassering)\b", needs_person=True,
            keys=("bekend", "geregistreerd")),
    _phrase("strafrecht", r"\bcriminal\s+record\b|\b(?:served|did|doing|does)\s+time\b",
            keys=("criminal", "served", "time")),
    _phrase("strafrecht", r"\b(?:been|be|is|are|was|were|went|sent|got)\s+(?:\w+\s+)?(?:in|to)\s+"
            r"(?:prison|jail)\b", needs_person=True,
            keys=("prison", "jail")),
    # health
    _phrase("gezondheid", r"\bin\s+het\s+ziekenhuis\s+(?:beland|belandt|opgenomen|"
            r"terechtgekomen|gekomen)\b", needs_person=True,
            keys=("ziekenhuis",)),
    _phrase("gezondheid", r"\b(?:ligt|lag|lagen|liggen|opgenomen|beland|belandt|terechtgekomen)"
            r"\s+" + _W + r"{0,4}?in\s+(?:het\s+|de\s+|een\s+)?(?:ziekenhuis|kliniek|"
            r"psychiatrie|ggz|afkickkliniek|verpleeghuis|crisisopvang|ic|hospice|hospital)\b",
            needs_person=True,
            keys=("ziekenhuis", "kliniek", "psychiatrie", "ggz", "verpleeghuis", "crisisopvang",
                  "ic", "hospice", "hospital")),
    _phrase("gezondheid", r"\b(?:zit|zat)\s+" + _W + r"{0,2}?in\s+(?:een\s+|de\s+)?(?:rolstoel|"
            r"ziektewet|wajong|ggz|therapie|afkickkliniek)\b", needs_person=True,
            keys=("rolstoel", "ziektewet", "wajong", "ggz", "therapie")),
    _phrase("gezondheid", r"\b(?:loopt|liep|is|zit|zat|staat|stond|gaat)\s+" + _W +
            r"{0,2}?(?:bij|naar|onder\s+behandeling\s+(?:bij|van)|in\s+behandeling\s+bij)\s+"
            r"(?:de\s+|een\s+)?(?:ggz|psycholoog|psychiater|therapeut|behandelaar|"
            r"verslavingszorg)\b", needs_person=True,
            keys=("ggz", "psycholoog", "psychiater", "therapeut", "behandelaar",
                  "verslavingszorg")),
    _phrase("gezondheid", r"\bonder\s+behandeling\b|\bin\s+therapie\b|\bin\s+behandeling\s+bij"
            r"\s+(?:een\s+|de\s+)?(?:psycholoog|psychiater|ggz|arts|specialist|ziekenhuis)\b",
            needs_person=True,
            keys=("behandeling", "therapie")),
    _phrase("gezondheid", r"\b(?:heeft|had|hebben|kreeg|krijgt)\s+(?:een\s+)?" + _W +
            r"?(?:beperking|handicap|aandoening|stoornis|hersenletsel|hartaanval|"
            r"hersenbloeding|ongeluk\s+gehad)\b", needs_person=True,
            keys=("beperking", "handicap", "aandoening", "stoornis", "hersenletsel", "hartaanval",
                  "hersenbloeding", "ongeluk")),
    _phrase("gezondheid", r"\b(?:licht\s+)?verstandelijke?\s+beperk(?:t|ing|ten)\b",
            needs_person=True,
            keys=("verstandelijk",)),
    _phrase("gezondheid", r"\b(?:kreeg|krijgt|heeft|kregen|had)\s+(?:de\s+|een\s+)?diagnose\b",
            keys=("diagnose",)),
    _phrase("gezondheid", r"\bniet\s+lekker\s+in\s+(?:zijn|haar|z'n|zn|d'r|der|hun)\s+vel\b",
            keys=("lekker",)),
    _phrase("gezondheid", r"\b(?:heeft|had)\s+(?:suiker|ms)\b",
            keys=("suiker", "ms")),
    _phrase("gezondheid", r"\b(?:slikt|slikte|slikken|krijgt|kreeg|gebruikt|gebruikte)\s+" + _W
            + r"?(?:medicijnen|medicatie|pillen|antidepressiva|methadon|insuline|antipsychotica)\b",
            needs_person=True,
            keys=("medicijn", "medicatie", "pillen", "antidepressiva", "methadon", "insuline",
                  "antipsychotica")),
    _phrase("gezondheid", r"\b(?:gebruikt|gebruikte)\s+(?:\w+\s+)?(?:drugs|coke|cocaine|heroine|"
            r"speed|xtc|lachgas)\b", needs_person=True,
            keys=("drugs", "coke", "cocaine", "heroine", "speed", "xtc", "lachgas")),
    _phrase("gezondheid", r"\b(?:herstellende|herstelt|revalideert)\s+(?:\w+\s+)?(?:van|na)\b",
            keys=("herstel", "revalideer")),
    _phrase("gezondheid", r"\bbeschermd\s+wonen\b|\bin\s+verwachting\b|\bslecht\s+ter\s+been\b|"
            r"\bgesloten\s+afdeling\b", needs_person=True,
            keys=("beschermd", "verwachting", "ter been", "gesloten")),
    _phrase("gezondheid", r"\b(?:begeleiding|hulp|behandeling|zorg)\s+(?:van|vanuit|via|bij)\s+"
            r"(?:de\s+)?ggz\b|\bsyndroom\s+van\s+\w+", needs_person=True,
            keys=("ggz", "syndroom")),
    _phrase("gezondheid", r"\b(?:last|pijn|problemen|klachten)\s+(?:van|aan|in|met)\s+(?:zijn|haar|"
            r"z'n|zn|d'r|der)\s+(?:rug|knie|knieen|hart|hoofd|nek|heup|longen|maag|benen|been|"
            r"arm|schouder|ogen|oren|nieren|lever)\b",
            keys=("last", "pijn", "problemen", "klachten")),
    _phrase("gezondheid", r"\bsnijdt\s+zichzelf\b|\bwil\s+niet\s+meer\s+leven\b",
            keys=("zichzelf", "leven")),
    _phrase("gezondheid", r"\bmental(?:ly)?\s+(?:ill|health\s+(?:issues|problems))\b",
            keys=("mental",)),
    _phrase("gezondheid", r"\bin\s+(?:the\s+)?hospital\b", needs_person=True,
            keys=("hospital",)),
    # religion
    _phrase("religie", r"\b(?:gaat|ging|gaan|gingen|komt|kwam|komen)\s+" + _W +
            r"{0,4}?naar\s+(?:de\s+|het\s+)?(?:kerk|moskee|synagoge|sjoel|tempel|mis|gurdwara|"
            r"mandir|vrijdagsgebed|vrijdaggebed|gebed|kerkdienst|church|mosque)\b",
            needs_person=True, habitual=True,
            keys=("kerk", "moskee", "synagoge", "sjoel", "tempel", "mis", "gurdwara", "mandir",
                  "gebed", "church", "mosque")),
    _phrase("religie", r"\bnaar\s+(?:de\s+|het\s+)?(?:kerk|moskee|synagoge|sjoel|tempel|mis|"
            r"gurdwara|mandir|vrijdagsgebed|kerkdienst)\s+(?:gaat|gaan|ging|gingen)\b",
            needs_person=True,
            habitual=True,
            keys=("kerk", "moskee", "synagoge", "sjoel", "tempel", "mis", "gurdwara", "mandir",
                  "gebed", "kerkdienst")),
    _phrase("religie", r"\bbidt\b|\b(?:is|zijn)\s+aan\s+het\s+(?:bidden|vasten)\b|\bprays\b",
            needs_person=True,
            keys=("bid", "vasten", "pray")),
    _phrase("religie", r"\b(?:doet|deed|doen|houdt|hield|houden)\s+" + _W +
            r"?(?:mee\s+aan\s+)?(?:de\s+)?ramadan\b",
            keys=("ramadan",)),
    _phrase("religie", r"\bvast(?:en|te)?\s+" + _W + r"?(?:tijdens|met|in)\s+de\s+ramadan\b",
            keys=("ramadan",)),
    _phrase("religie", r"\bgetuigen?\s+van\s+jehova\b",
            keys=("jehova",)),
    _phrase("religie", r"\b(?:leest|las|lezen)\s+" + _W + r"{0,3}?(?:de\s+)?(?:koran|bijbel|thora|"
            r"torah)\b|\bstreng\s+in\s+de\s+leer\b", needs_person=True,
            keys=("koran", "bijbel", "thora", "torah", "leer")),
    _phrase("religie", r"\b(?:viert|vieren|vierde|vierden)\s+(?:\w+\s+)?(?:het\s+)?(?:suikerfeest|"
            r"offerfeest|divali|diwali|chanoeka|pesach|holi|vaisakhi|eid|ramadan)\b",
            needs_person=True,
            keys=("viert", "vieren", "vierde")),
    _phrase("religie", r"\beet\s+(?:alleen\s+|geen\s+|wel\s+|strikt\s+)?(?:halal|kosher|koosjer|"
            r"varkensvlees)\b", needs_person=True,
            keys=("halal", "kosher", "koosjer", "varkensvlees")),
    _phrase("religie", r"\bgelooft?\s+" + _W + r"?in\s+(?:god|allah|jezus|de\s+koran|"
            r"de\s+bijbel)\b",
            keys=("geloof",)),
    _phrase("religie", r"\bdraagt\s+(?:een\s+|geen\s+)?(?:kruisje|sluier)\b",
            keys=("kruisje", "sluier")),
    _phrase("religie", r"\blid\s+van\s+(?:de\s+|het\s+|een\s+)?(?:moskee|kerk|synagoge|"
            r"parochie|kerkgemeenschap|geloofsgemeenschap|tempel|gurdwara|kerkgemeente)\b",
            keys=("lid",)),
    _phrase("religie", r"\bvan\s+(?:het|zijn|haar|z'n|d'r)\s+geloof\s+(?:gevallen|afgestapt|"
            r"afgevallen)\b",
            keys=("geloof",)),
    _phrase("religie", r"\b(?:overgestapt|bekeerd|overgegaan)\s+(?:naar|tot)\s+(?:het\s+|de\s+)?"
            r"(?:christendom|islam|jodendom|katholicisme|boeddhisme|hindoeisme|geloof)\b",
            keys=("christendom", "islam", "jodendom", "katholicisme", "boeddhisme", "hindoeisme",
                  "geloof")),
    # origin
    _phrase("afkomst", r"\b(?:komt|kwam|komen|kwamen|afkomstig|geboren|opgegroeid|gevlucht|"
            r"geemigreerd|geimmigreerd|roots|is\s+van)\s+" + _W + r"{0,2}?(?:uit|in|van)\s+"
            + _C + r"\b(?!\s+(?:terug|op\s+vakantie))", needs_person=True,
            keys=_COUNTRY_KEYS),
    _phrase("afkomst", r"\b(?:uit|van)\s+" + _C + r"\s+(?:gekomen|gevlucht|geemigreerd|gemigreerd|"
            r"afkomstig|overgekomen)\b", needs_person=True, keys=_COUNTRY_KEYS),
    _phrase("afkomst", r"\b(?:is|are|was|were|comes?|came|originally|born)\s+(?:\w+\s+)?(?:from|in)"
            r"\s+" + _C + r"\b", needs_person=True,
            keys=_COUNTRY_KEYS),
    _phrase("afkomst", r"\b(?:vluchteling|asielzoeker|statushouder|nieuwkomer|migrant)(?:en|s)?"
            r"\s+(?:uit|van)\s+" + _C + r"\b", needs_person=True,
            keys=_COUNTRY_KEYS),
    _phrase("afkomst", r"\b(?:heeft|had|krijgt|kreeg|met)\s+(?:de\s+|een\s+|geen\s+)?[\w']+\s+"
            r"nationaliteit\b", needs_person=True,
            keys=("nationaliteit",)),
    _phrase("afkomst", r"\b(?:zijn|haar|hun|z'n|zn|d'r|der)\s+(?:culturele|etnische|"
            r"culturele)\s+achtergrond\b",
            keys=("achtergrond",)),
    # orientation
    _phrase("geaardheid", r"\b(?:is|kwam|komt|zijn|kwamen)\s+" + _W +
            r"{0,2}?uit\s+de\s+kast\b",
            keys=("kast",)),
    _phrase("geaardheid", r"\bvalt\s+" + _W + r"?op\s+(?:mannen|vrouwen|jongens|meisjes|"
            r"meiden)\b",
            keys=("valt",)),
    _phrase("geaardheid", r"\bcame\s+out\b", needs_person=True,
            keys=("came",)),
    _phrase("geaardheid", r"\b(?:in|midden\s+in)\s+(?:de\s+|haar\s+|zijn\s+)?transitie\b",
            needs_person=True,
            keys=("transitie",)),
    # Same-sex partners, the subject by its words ("mw de graaf is getrouwd met een vrouw",
    # "haar dochter heeft een relatie met een vrouw"); the other sex's words end the search.
    _phrase("geaardheid", _NOT_OWNER + r"\b" + _SHE + r"\b(?:(?!\b" + _HE + r"\b)[^.!?\n]){0,40}?"
            r"\b(?P<v>(?:getrouwd|trouwt|relatie|verkering|samenwonend|samen)\s+met\s+een\s+"
            r"(?:vrouw|meisje|meid)|haar\s+(?:vrouw|echtgenote)|her\s+(?:girlfriend|wife))\b|"
            + _NOT_OWNER + r"\b" + _HE
            + r"\b(?:(?!\b" + _SHE + r"\b)[^.!?\n]){0,40}?"
            r"\b(?P<w>(?:getrouwd|trouwt|relatie|verkering|samenwonend|samen)\s+met\s+een\s+"
            r"(?:man|jongen)|zijn\s+(?:man|echtgenoot)|his\s+(?:boyfriend|husband))\b",
            keys=("met een", "friend", "man", "echtgeno", "husband", "vrouw", "wife")),
    # health: care and treatment said of someone
    _phrase("gezondheid", r"\b(?:krijgt|kreeg|heeft|had|ontvangt|gebruikt)\s+" + _W + r"{0,2}?"
            r"(?:thuiszorg|wijkverpleging|dialyse|chemo|bestraling|dagbesteding|"
            r"begeleid\s+wonen|gehoorapparaat|prothese|stoma)\b", needs_person=True,
            keys=("thuiszorg", "wijkverpleging", "dialyse", "chemo", "bestraling",
                  "dagbesteding", "begeleid", "gehoorapparaat", "prothese", "stoma")),
    _phrase("gezondheid", r"\b(?:zit|zat|zitten|ligt|lag|is|was|verblijft|opgenomen)\s+" + _W +
            r"{0,3}?in\s+(?:een\s+|de\s+|het\s+)?(?:\w*kliniek|rehab|afkickcentrum|"
            r"psychiatrisch\s+ziekenhuis|instelling\s+voor\s+\w+)\b", needs_person=True,
            keys=("kliniek", "rehab", "afkick", "psychiatrisch", "instelling")),
    _phrase("gezondheid", r"\b(?:in|to|from)\s+rehab\b|\bon\s+(?:methadone|medication|"
            r"antidepressants|meds)\b", needs_person=True,
            keys=("rehab", "methadone", "medication", "antidepressants", "meds")),
    _phrase("gezondheid", r"\b(?:hoort|hoorde|horen)\s+(?:soms\s+|weer\s+|nog\s+)?stemmen\b"
            r"(?!\s+(?:op|uit|dat))", needs_person=True,
            keys=("stemmen",)),
    _phrase("gezondheid", r"\b(?:hij|ze|zij|he|she|ie)\s+(?:is|was|werd|wordt)\s+"
            r"(?:(?!contact\b|in\b|op\b|mee\b)\w+\s+){0,2}?opgenomen(?:\s+geweest)?"
            r"(?=\s*(?:[.,;!?]|$|en\b|sinds\b|nadat\b))",
            keys=("opgenomen",)),
    _phrase("gezondheid", r"\b(?:heeft|had|hebben)\s+het\s+(?:\w+\s+){0,2}?(?:aan|met)\s+"
            r"(?:zijn|haar|z'n|zn|d'r|der)\s+(?:hart|longen|rug|nieren|hoofd|maag|lever|knie|knieen|heup|"
            r"darmen|blaas|ogen|oren)\b",
            keys=("hart", "longen", "rug", "nieren", "hoofd", "maag", "lever", "knie", "heup",
                  "darmen", "blaas", "ogen", "oren")),
    _phrase("gezondheid", r"\b(?:is|zijn)\s+(?:\w+\s+)?aan\s+het\s+(?:dementeren|aftakelen|"
            r"herstellen|revalideren|afkicken)\b",
            keys=("dementeren", "aftakelen", "revalideren", "afkicken")),
    # religion: practice and (un)belief
    _phrase("religie", r"\b(?:gaat|ging|gaan|gingen)\s+" + _W + r"{0,3}?(?:biechten|bidden|"
            r"ter\s+communie|naar\s+de\s+biecht)\b", needs_person=True,
            keys=("biecht", "bidden", "communie")),
    _phrase("religie", r"\bgelooft?\s+(?:zelf\s+|al\s+lang\s+)?niet\s+meer"
            r"(?=\s*(?:[.,;!?]|$|en\b|sinds\b|want\b|dus\b|in\s+god\b))|"
            r"\bgelooft?\s+niet\s+(?:meer\s+)?in\s+(?:god|allah)\b",
            needs_person=True,
            keys=("geloof",)),
    _phrase("religie", r"\b(?:lid|lidmaat|leden)\s+(?:" + _VD + r"|van\s+het|bij\s+de)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:kerk|parochie|moskee|synagoge|tempel|gurdwara|"
            r"geloofsgemeenschap)\b|\b(?:lid|lidmaat|leden)\s+(?:" + _VD + r"|van\s+het|"
            r"bij\s+de)\s+[\w-]+\s+(?:[\w-]+\s+)?gemeente\b",
            keys=("lid", "leden")),
    _phrase("religie", r"\bconvert(?:ed|s)?\s+to\s+(?:islam|christianity|judaism|catholicism|"
            r"buddhism|hinduism|the\s+faith)\b|\bbecame\s+(?:a\s+)?(?:muslim|christian|"
            r"catholic|jew|buddhist|hindu)\b",
            keys=("convert", "became")),
    # politics: support for a party, a leader or a movement
    _phrase("politiek", r"\b(?:steunt|steunde|steunen|sympathiseert\s+met|dweept\s+met|"
            r"adoreert|is\s+fan\s+van)\s+(?:\w+\s+){0,2}?(?:de\s+|het\s+)?(?:" + _P[3:-1] +
            r"|erdogan|akp|mhp|chp|hdp|poetin|putin|trump|grijze\s+wolven)\b"
            r"(?!-|\s+(?:motie|voorstel|plan|amendement))",
            keys=(*_PARTY_KEYS, "erdogan", "akp", "mhp", "chp", "hdp", "poetin", "putin",
                  "trump", "wolven")),
    _phrase("politiek", r"\b(?:vindt|vond|vinden)\s+(?:de\s+|het\s+)?" + _P +
            r"\s+(?:de\s+|een\s+|het\s+)?(?:enige|beste|goede|fijne|prima|geweldig|"
            r"geweldige|top)\b",
            keys=_PARTY_KEYS),
    _phrase("politiek", r"\b(?:aanhanger|aanhangers|lid|leden|fan|sympathisant)\s+(?:" + _VD +
            r"\s+|van\s+)?(?:akp|mhp|hdp|chp|grijze\s+wolven|" + _P[3:-1] + r")\b",
            keys=(*_PARTY_KEYS, "akp", "mhp", "hdp", "chp", "wolven")),
    _phrase("politiek", r"\bgrijze\s+wolven\b", needs_person=True,
            keys=("wolven",)),
    _phrase("politiek", r"\b(?:fel|fanatiek|erg|heel|zwaar|fervent)\s+(?:tegen|voor)\s+(?:de\s+|het"
            r"\s+)?(?:regering|kabinet|overheid|eu|immigratie|migratie|asielbeleid|stikstofbeleid|"
            r"windmolens|monarchie|koningshuis)\b", needs_person=True,
            keys=("tegen", "voor")),
    _phrase("politiek", r"\b(?:gaat|ging|gaan|gingen|loopt|liep|lopen)\s+(?:\w+\s+){0,3}?"
            r"(?:naar|mee\s+(?:in|met|bij))\s+(?:elke|iedere|alle|de|een)\s+\w*(?:demo|demos|"
            r"demonstratie|demonstraties|protestmars|betoging|betogingen|manifestatie)\b",
            needs_person=True, habitual=True,
            keys=("demo", "protestmars", "betoging", "manifestatie")),
    # unions: "fnv lid", "union rep"
    _phrase("vakbond", r"\b(?:fnv|cnv|vcp|aob|fbz|vakbond)[\s-]+(?:lid|leden|kaderlid|member|"
            r"rep|man|vrouw|bestuurder)\b",
            keys=("fnv", "cnv", "vcp", "aob", "fbz", "vakbond")),
    _phrase("vakbond", r"\bunion\s+(?:rep|reps|representative|steward|official|organi[sz]er)\b|"
            r"\bshop\s+steward\b",
            keys=("union", "steward")),
    # criminal record
    _phrase("strafrecht", r"\b(?:is|was|werd|wordt|zijn)\s+(?:\w+\s+){0,2}?"
            r"(?:veroordeeld|berecht)\s+(?:voor|wegens|tot)\b", needs_person=True,
            keys=("veroordeeld", "berecht")),
)




def _sentence_has_person(toks: Sequence[_Tok], first: int, stop: int, caps: set[int],
                         given: bool = False) -> bool:
    """A pronoun, a word for a person or a capitalised name after the first word (or the
    caller says the text is about a person: a contact's role)."""
    if given or (first < stop and toks[first].text in _IMPLIED_SUBJECT):
        return True
    return any(_person_word(toks[j].text) or toks[j].text in _FIRST_PERSON
               or toks[j].text in _TITLES or (j in caps and j > first)
               for j in range(first, stop))


def _had(toks: Sequence[_Tok], i: int, first: int) -> bool:
    """'ahmed heeft diabetes', 'draagt een hoofddoek': a verb of having before the word."""
    for back in range(1, 4):
        word = _prev(toks, i, first, back)
        if word is None:
            return False
        if word in _HAVING:
            return True
        if word not in _HAVING_FILLERS:
            return False
    return False


# --------------------------------------------------------------------------- public


def special_category_findings(text: str) -> list[Finding]:
    """Statements about a person's special-category data, in text order."""
    return _findings(text, person_given=False)


def _findings(text: str, person_given: bool) -> list[Finding]:
    folded = _fold(text)
    toks = _tokens(folded)
    clear = _cleared_text(folded, toks)
    sentences = sentence_spans(text)
    caps = ({j for j, t in enumerate(toks) if text[t.start].isupper()}
            if text != folded else set())
    bounds: list[tuple[int, int]] = []  # token range of each sentence
    t = 0
    found: list[Finding] = []
    for s_start, s_end in sentences:
        first = t
        while t < len(toks) and toks[t].start < s_end:
            t += 1
        bounds.append((first, t))
        person = _lazy(partial(_sentence_has_person, toks, first, t, caps, person_given))
        for i in range(first, t):
            hit = _hit(toks[i].text)
            if hit is not None and _token_finding(toks, i, first, t, hit, caps, person):
                found.append(_finding(text, toks[i].start, toks[i].end, (s_start, s_end),
                                      hit.category))
    if sentences:
        found += _phrase_findings(text, clear, toks, sentences, bounds, caps, person_given)
    return _without_overlaps(found)


def _lazy(compute: Callable[[], bool]) -> Callable[[], bool]:
    """Compute once, on first use (most sentences never ask)."""
    memo: list[bool] = []

    def value() -> bool:
        if not memo:
            memo.append(compute())
        return memo[0]

    return value


def _phrase_findings(text: str, clear: str, toks: Sequence[_Tok],
                     sentences: Sequence[tuple[int, int]], bounds: Sequence[tuple[int, int]],
                     caps: set[int], person_given: bool) -> list[Finding]:
    starts = [s for s, _ in sentences]
    tok_starts = [tok.start for tok in toks]
    person: dict[int, bool] = {}
    found: list[Finding] = []
    gates: dict[int, bool] = {}  # the party, country and jail lists are shared by phrases
    for phrase in _PHRASES:
        gate = gates.get(id(phrase.keys))
        if gate is None:
            gate = gates[id(phrase.keys)] = any(key in clear for key in phrase.keys)
        if not gate:
            continue
        for match in phrase.pattern.finditer(clear):
            k = bisect_right(starts, match.start()) - 1
            if k < 0 or match.end() > sentences[k][1]:
                continue
            if phrase.needs_person and not person_given:
                if k not in person:
                    person[k] = _sentence_has_person(toks, *bounds[k], caps)
                if not person[k]:
                    continue
            if phrase.habitual and not _HABITUAL.search(clear, *sentences[k]):
                continue
            start, end = match.span()
            for name in ("w", "v"):  # a named part is the statement ("zijn man")
                if name in phrase.pattern.groupindex and match.group(name) is not None:
                    start, end = match.span(name)
            while end > start and not clear[end - 1].isalnum():
                end -= 1
            j = bisect_right(tok_starts, end - 1) - 1
            if j >= 0 and toks[j].end > end:
                end = toks[j].end  # a joined word ends where it was written: "p.v.v"
            found.append(_finding(text, start, end, sentences[k], phrase.category))
    return found


def _cleared_text(folded: str, toks: Sequence[_Tok]) -> str:
    """The folded text with obfuscations undone inside words, same length: 'b4k' -> 'bak',
    'p.v.v' -> 'pvv  ' (a joined word padded with spaces), so phrases see the plain words."""
    chars = list(folded)
    for tok in toks:
        width = tok.end - tok.start
        if width >= len(tok.text) and folded[tok.start:tok.end] != tok.text:
            chars[tok.start:tok.end] = tok.text.ljust(width)
    return "".join(chars)


def _finding(text: str, start: int, end: int, sentence: tuple[int, int],
             category: str) -> Finding:
    return Finding(start, end, sentence[0], sentence[1], category, text[start:end].lower())


def _without_overlaps(found: Iterable[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    for finding in sorted(found, key=lambda f: (f.start, -f.end)):
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def label_category(value: str) -> str | None:
    """For a single value with no sentence around it (a contact's role or function, an import
    cell): the category when the value names a special category of a person ("soennitisch",
    "diabetespatiënt", "PVV-stemmer"), else None. An organisation type or a job ("imam",
    "predikant", "jongerenwerker", "wijkagent") is not a category of a person and passes."""
    findings = _findings(value, person_given=True)
    return findings[0].category if findings else None


def strike_sentences(text: str) -> tuple[str, list[tuple[str, Finding]]]:
    """The text without every sentence that holds a finding, and the struck sentences with
    their first finding. Whitespace tidied; nothing else changed."""
    findings = special_category_findings(text)
    first_of: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        first_of.setdefault((finding.sentence_start, finding.sentence_end), finding)
    kept: list[str] = []
    struck: list[tuple[str, Finding]] = []
    previous_end = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if (start, end) in first_of:
            struck.append((sentence, first_of[(start, end)]))
            continue
        tidy = re.sub(r"[ \t]+", " ", sentence)
        if kept:
            kept.append("\n" if "\n" in text[previous_end:start] else " ")
        kept.append(tidy)
        previous_end = end
    return "".join(kept), struck
