"""Person names in free Dutch text, found with deduce's name lists, also when typed in lower case.

`deduce` (the Dutch de-identification library) knows Dutch first names, surnames, interfixes
("van der"), initials and forms of address, and finds names by patterns over them. Two things
keep it from being used as it ships:

- Its full lookup structures (streets, place names, hospitals) take 1.1 GB of memory and a minute
  to build. We only need the name lists, so deduce is pointed at a lookup folder holding its own
  name and whitelist lists with the location and institution lists left empty (its documented way
  to use custom lookup lists): 30 MB, built in about a second and cached as a pickle in a folder
  of ours (mode 0700; a pickle is code, so never in a shared temporary folder).
- Its patterns need capitals, and a coordinator on a phone types "imam yusuf" and "kevin de
  jong". So a copy of the text is made in which a lower-case word is capitalised when it is in
  deduce's name lists and not an ordinary Dutch word (simplemma's Dutch dictionary), or when it
  follows a form of address or a title; the copy has the same length, so deduce's offsets hold
  for the original.

Titles and forms of address ("imam", "ds.", "mw.", "buurtvader") are never part of a name: they
are returned as the mention's title. An age beside a name ("(17)", "17 jaar", "van 15") is
returned with it, so a minor can be recognised.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType

import simplemma

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- vocabulary

# Forms of address and titles in front of a name. Lower case, without the trailing dot.
TITLES = frozenset({
    "mw", "mevr", "mevrouw", "mej", "dhr", "hr", "heer", "meneer", "mijnheer", "mr", "mrs",
    "ms", "dr", "drs", "ir", "ing", "prof", "ds", "dominee", "pastor", "pastoor", "pater",
    "priester", "kapelaan", "diaken", "ouderling", "predikant", "imam", "hodja", "hoca",
    "rabbijn", "rabbi", "rebbe", "sjeik", "sheikh", "ustadh", "broeder", "zuster", "juf",
    "juffrouw", "meester", "buurtvader", "buurtmoeder", "wijkagent", "agent", "voorzitter",
    "secretaris", "penningmeester", "jongerenwerker", "wijkcoach", "coach", "oom", "tante",
    "opa", "oma", "collega", "sir", "madam",
})
# Words before a name that make the next word a name even when it is an ordinary word
# ("mw. bakker", "imam visser"): forms of address only, not every title.
_ADDRESS = frozenset({"mw", "mevr", "mevrouw", "mej", "dhr", "hr", "meneer", "mijnheer", "mr",
                      "mrs", "ms", "dr", "drs", "ds", "dominee", "pastor", "pastoor", "imam",
                      "rabbijn", "sjeik", "juf", "meester", "buurtvader", "buurtmoeder",
                      "wijkagent", "broeder", "zuster"})
_INTERFIXES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "in", "'t",
                         "el", "al", "ben", "bin", "ibn", "da", "dos", "du", "le", "la", "op",
                         "von"})  # not "vd": typed, it is "van de" ("mw pinas vd schoor")
# Lower-case words that are never taken for a name, whatever the lists say (month and day
# abbreviations, chat words).
_NEVER = frozenset({"feb", "mrt", "apr", "jun", "jul", "aug", "sep", "okt", "nov",
                    "dec", "ma", "di", "wo", "do", "vr", "za", "zo", "ok", "oke", "ff", "nog",
                    "wel", "even", "bel", "app", "mail", "week", "dag", "ben", "wil", "kan"})
_MONTH_NAMES = frozenset({"jan", "mei"})  # also first names
_AGE_AFTER = re.compile(
    r"\s*(?:\(\s*(\d{1,2})\s*(?:jaar|jr\.?|j\.?)?\s*\)|,\s*(\d{1,2})\s*(?:jaar|jr\.?|j\.?)(?!\w)"
    r"|\s(?:van\s|is\s|is\snog\smaar\s)?(\d{1,2})\s*(?:jaar|jr\.?|j\.?)(?!\w)"
    # "jayden van 15 …", "youssef, 16, …": a number of two digits at most, not a time or a date
    r"|\s+van\s+(\d{1,2})(?![\w:.\-/])(?!\s*(?:tot|t/m|tm|uur|u|-)(?!\w))"
    r"|,\s*(\d{1,2})\s*(?:,|$)"
    # "Hamza en Bilal, allebei 17", "David, aged 12", "Noor (age 9)"
    r"|,?\s*(?:allebei|allemaal|beiden|beide|both|all|aged?)\s+(\d{1,2})(?![\w:.\-/])"
    r"|\s*\(\s*(?:aged?|leeftijd)\s+(\d{1,2})\s*\))",
    re.IGNORECASE)
# "meisje van 13, Sara": the age said of a child word right before the name
_AGE_BEFORE = re.compile(
    r"\b(?:jongen|jongetje|jochie|meisje|meid|knul|kind|zoon|zoontje|dochter|dochtertje|broer|"
    r"broertje|zus|zusje|neef|neefje|nicht|nichtje|puber|tiener|jongere|boy|girl|son|daughter)"
    r"\s+(?:van\s+|of\s+)?(\d{1,2})(?:\s*(?:jaar|jr\.?|years?\s+old))?\s*,?\s*$",
    re.IGNORECASE)
# Between the names of one list: "Rayan en Rania van 11", "Hamza, Bilal en Sem (14)".
_LIST_GLUE = re.compile(r"\s*(?:,|en|&|and)\s*(?:en\s+|and\s+)?$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ADULT = 18
# A name right after one of these is a child's ("haar zoontje Adam", "het kind Noor").
_CHILD_WORDS = frozenset({"zoontje", "dochtertje", "broertje", "zusje", "neefje", "nichtje",
                          "kleinzoon", "kleinzoontje", "kleindochter", "kleindochtertje",
                          "kind", "kindje", "baby", "peuter", "kleuter", "pupil", "scholier",
                          "basisschoolleerling"})
_BEFORE = re.compile(r"([^\W\d_]+)[\s,]+$")


@dataclass(frozen=True)
class NameMention:
    """A person's name as written, without any title, with the age written beside it."""

    start: int
    end: int
    text: str
    title: str | None = None  # "imam", "mw" … as written in front, lower case, no dot
    age: int | None = None
    child: bool = False  # named as a child ("zijn zoontje Adam"), whatever the age

    @property
    def minor(self) -> bool:
        return self.child or (self.age is not None and self.age < _ADULT)


# --------------------------------------------------------------------------- deduce, names only

_LISTS = ("names/lst_first_name", "names/lst_initial", "names/lst_interfix",
          "names/lst_interfix_surname", "names/lst_prefix", "names/lst_surname",
          "whitelist/lst_common_word", "whitelist/lst_eponymous_disease",
          "whitelist/lst_medical_term", "whitelist/lst_stop_word")
_LEFT_EMPTY = ("institutions/lst_healthcare_institution", "institutions/lst_hospital",
               "institutions/lst_hospital_abbr", "locations/lst_placename", "locations/lst_street")
_NAME_TAGS = frozenset({"persoon", "patient"})


def _import_deduce() -> ModuleType:
    """deduce, imported without the root-logger set-up it does at import.

    deduce calls `logging.basicConfig(stream=sys.stdout, level=DEBUG)` when imported: that would
    print every library's debug lines, httpx's with the bot token among them. The root logger is
    put back as it was.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import deduce  # here, so the root logger can be put back
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    module: ModuleType = deduce
    return module


def _package_lookup() -> Path:
    return Path(_import_deduce().__file__ or "").parent / "data" / "lookup" / "src"


def _prepare_lookup(folder: Path) -> None:
    """Deduce's name and whitelist lists under `folder`, the rest empty (written once)."""
    source = _package_lookup()
    src = folder / "src"
    marker = src / ".complete"
    if marker.exists():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    staging = folder / f"src.{os.getpid()}.{threading.get_ident()}"
    shutil.rmtree(staging, ignore_errors=True)
    for name in _LISTS:
        shutil.copytree(source / name, staging / name)
    for name in _LEFT_EMPTY:
        (staging / name).mkdir(parents=True)
        (staging / name / "items.txt").write_text("", encoding="utf-8")
    shutil.copy(source / "__init__.py", staging / "__init__.py")
    (staging / ".complete").write_text("", encoding="utf-8")
    try:
        staging.rename(src)
    except OSError:  # another process finished first; its copy is the same
        shutil.rmtree(staging, ignore_errors=True)


def _raw(name: str) -> set[str]:
    path = _package_lookup() / name / "items.txt"
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()}


class NameFinder:
    """Finds person names with deduce over a names-only lookup kept in `cache_dir`."""

    def __init__(self, cache_dir: Path) -> None:
        _prepare_lookup(cache_dir)
        deduce = _import_deduce()
        try:
            self._deduce = deduce.Deduce(lookup_data_path=cache_dir, cache_path=cache_dir)
        except Exception:  # any damage to the cache: it is only a cache
            # deduce writes its pickle in place: a process killed while writing it (or two
            # starting together) leaves a cut-off file that would stop every later start.
            log.warning("the name lists' cache was unreadable; building it again")
            shutil.rmtree(cache_dir / "cache", ignore_errors=True)
            self._deduce = deduce.Deduce(lookup_data_path=cache_dir, cache_path=cache_dir,
                                         build_lookup_structs=True)
        common = {w.lower() for w in _raw("whitelist/lst_common_word")
                  | _raw("whitelist/lst_stop_word")}
        self._first = {w.lower() for w in _raw("names/lst_first_name")} - common - _NEVER
        self._surname = {w.lower() for w in _raw("names/lst_surname")} - common - _NEVER
        self._surname_all = {w.lower() for w in _raw("names/lst_surname")
                             | _raw("names/lst_interfix_surname")}
        # any first name, also one that is an ordinary word ("mark", "roos"): taken only where
        # the words around it say a person is meant
        self._first_all = {w.lower() for w in _raw("names/lst_first_name")} - _NEVER
        self._first = self._first - _MONTH_NAMES  # "jan", "mei": names only where a person is meant

    # ----------------------------------------------------------------- casing

    def _namelike(self, low: str) -> bool:
        """A lower-case word that reads as a name rather than as an ordinary Dutch word."""
        if len(low) < 2 or low in _NEVER or (low not in self._first and low not in self._surname):
            return False
        return not dutch_word(low)

    def _cased(self, text: str) -> str:
        """The text with lower-case names capitalised, same length."""
        chars = list(text)
        words = list(_WORD.finditer(text))
        lows = [m.group(0).lower() for m in words]
        named = [False] * len(words)
        for k, low in enumerate(lows):
            if low in _INTERFIXES or len(low) < 2:
                continue
            if low in _MONTH_NAMES and _beside_a_number(text, words[k]):
                continue  # "3 jan", "mei 2027"
            before = lows[k - 1] if k else ""
            lead = _lead_of(lows, k)  # the word before any interfixes in front of this one
            if (lead in _ADDRESS or self._namelike(low)
                    or (low in self._first_all and (
                        before in RELATIVES or before in _TRIGGERS
                        or (before in {"en", ","} and k > 1 and named[k - 2])
                        or _AGE_AFTER.match(text, words[k].end()) is not None))):
                named[k] = True
            elif k and lead != before and _named_before_interfix(named, lows, k) and (
                    low not in _STOP) and (low in self._surname_all or not dutch_word(low)):
                named[k] = True  # "kevin de jong", "said el amrani"
            elif k and named[k - 1] and low in self._surname:
                named[k] = True  # "fatima bakker": a surname straight after a first name
        for k, flag in enumerate(named):
            if flag and words[k].group(0).islower():
                chars[words[k].start()] = chars[words[k].start()].upper()
        return "".join(chars)

    # ----------------------------------------------------------------- finding

    def find(self, text: str, places: Iterable[str] = ()) -> list[NameMention]:
        """Every person name in `text`, in order, without titles, with an age if one is given.

        `places`: names of organisations and areas the register knows ("Almere Haven",
        "Stad-Oost"); a mention inside one of them is not a person.
        """
        if not text.strip():
            return []
        cased = self._cased(text)
        found: list[NameMention] = []
        # Sentence by sentence: deduce joins names that touch, also across a full stop
        # ("… De Schakel. Youssef El Amrani …" would be one person).
        for start, end in _sentences(text):
            document = self._deduce.deidentify(cased[start:end], disabled=_NOT_NAMES)
            for annotation in sorted(document.annotations, key=lambda a: a.start_char):
                if annotation.tag not in _NAME_TAGS and "persoon" not in annotation.tag:
                    continue
                mention = _strip_titles(text, start + annotation.start_char,
                                        start + annotation.end_char)
                if mention is not None and not _inside_a_place(text, mention, places):
                    found.append(mention)
        return _ages_shared_in_lists(text, found)


def _ages_shared_in_lists(text: str, found: list[NameMention]) -> list[NameMention]:
    """An age after a list of names is each one's ("Hamza en Bilal, allebei 17", "de tweeling,
    Rayan en Rania van 11"): given from the last name back to the first of the list."""
    shared = list(found)
    for i in range(len(shared) - 2, -1, -1):
        mention, following = shared[i], shared[i + 1]
        if (mention.age is None and following.age is not None
                and _LIST_GLUE.fullmatch(text[mention.end:following.start]) is not None):
            shared[i] = replace(mention, age=following.age)
    return shared


_NOT_NAMES = frozenset({"dates", "ages", "identifiers", "phone_numbers", "email_addresses",
                        "urls", "locations", "institutions"})
# A sentence ends at . ! ? or a line break, but not after a title ("mw."), an initial ("J.")
# or an abbreviation of one or two letters ("vd.").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


# deduce's context patterns take time that grows with the square of the names in one text
# ("Ahmed " 400 times: 15 s): a sentence longer than this is read in pieces, cut at a space.
_PIECE = 240


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        word = re.search(r"([^\W\d_]{1,20})\.$", text[max(start, end.start() - 21):end.start()])
        if word and (word.group(1).lower() in TITLES or len(word.group(1)) <= 2):
            continue
        spans.append((start, end.start()))
        start = end.end()
    spans.append((start, len(text)))
    return [piece for a, b in spans if b > a for piece in _pieces(text, a, b)]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > _PIECE:
        cut = text.rfind(" ", start + _PIECE // 2, start + _PIECE)
        cut = cut if cut > start else start + _PIECE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


@lru_cache(maxsize=8)
def _lowered(places: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """The places in lower case, and all of them in one string to search at once: built once
    per register (a thousand organisations, looked through for every name)."""
    lowered = tuple(p for p in (place.lower().strip() for place in places) if p)
    return lowered, "\n".join(lowered)


def _inside_a_place(text: str, mention: NameMention, places: Iterable[str]) -> bool:
    low = text.lower()
    lowered, joined = _lowered(places if isinstance(places, tuple) else tuple(places))
    if mention.text.lower() not in joined:
        return False
    for place_low in lowered:
        if mention.text.lower() in place_low and len(mention.text) >= 2:
            for m in re.finditer(re.escape(place_low), low):
                if m.start() <= mention.start and mention.end <= m.end():
                    return True
            if mention.text.lower() == place_low:
                return True
    return False


# Words after which a first name is a person ("zijn zoon mohammed", "gesproken met mark").
RELATIVES = _CHILD_WORDS | frozenset({
    "zoon", "dochter", "neef", "nicht", "broer", "zus", "vriend", "vriendje", "vriendin", "man",
    "vrouw", "moeder", "vader", "oom", "tante", "buurman", "buurvrouw", "collega", "jongen",
    "meisje", "leerling", "cliënt", "client", "son", "daughter", "brother", "sister", "mother",
    "father", "husband", "wife", "uncle", "aunt", "nephew", "niece", "cousin", "friend",
    "neighbour", "neighbor"})
_TRIGGERS = frozenset({"met", "bij", "sprak", "spraken", "ontmoette", "belde", "appte",
                       "mailde", "and", "with"})
_STOP = frozenset({"en", "of", "is", "was", "zei", "die", "dat", "heeft", "had", "van", "de",
                   "het", "een", "in", "op", "bij", "met", "over", "voor", "naar", "om"})


def _beside_a_number(text: str, word: re.Match[str]) -> bool:
    return bool(re.search(r"\d\s*$", text[:word.start()]) or re.match(r"\s*\d", text[word.end():]))


def _lead_of(lows: list[str], k: int) -> str:
    j = k - 1
    while j >= 0 and lows[j] in _INTERFIXES:
        j -= 1
    return lows[j] if j >= 0 else ""


def _named_before_interfix(named: list[bool], lows: list[str], k: int) -> bool:
    """Interfixes right before word k, and a name right before them."""
    j = k - 1
    if lows[j] not in _INTERFIXES:
        return False
    while j >= 0 and lows[j] in _INTERFIXES:
        j -= 1
    return j >= 0 and named[j]


@cache
def dutch_word(low: str) -> bool:
    """An ordinary Dutch word (in simplemma's dictionary as itself, not as a proper name)."""
    if not simplemma.is_known(low, lang="nl"):
        return False
    return not simplemma.lemmatize(low, lang="nl")[:1].isupper()


def _strip_titles(text: str, start: int, end: int) -> NameMention | None:
    """The mention without the titles in front of it, with the title and age found beside it."""
    title: str | None = None
    while True:
        m = _WORD.match(text, start)
        if m is None or m.end() > end:
            break
        low = m.group(0).lower()
        after = _WORD.match(text, m.end() + 1)
        if low in RELATIVES and after is not None and after.end() <= end:
            start = m.end() + 1  # "son David": who he is to someone, not his name
            continue
        if low not in TITLES and not (low == "de" and after is not None
                                      and after.group(0).lower() == "heer"):
            break  # "de" only in "de heer": "dhr. de Jong" keeps its "de"
        if low not in {"de"}:
            title = low
        start = m.end()
        while start < end and text[start] in ". ":
            start += 1
    # a title right before the mention that deduce left out ("imam Yusuf")
    before = re.search(r"([^\W\d_]+)\.?\s+$", text[:start])
    if title is None and before and before.group(1).lower() in TITLES:
        title = before.group(1).lower()
    name = text[start:end].strip(" .,;:")
    if not name or not any(c.isalpha() for c in name):
        return None
    start = text.index(name, start)
    end = start + len(name)
    age_match = _AGE_AFTER.match(text, end)
    age = None
    if age_match:
        age = int(next(g for g in age_match.groups() if g is not None))
    else:
        said_before = _AGE_BEFORE.search(text[max(0, start - 40):start])
        if said_before:
            age = int(said_before.group(1))
    word_before = _BEFORE.search(text[:start])
    child = word_before is not None and word_before.group(1).lower() in _CHILD_WORDS
    return NameMention(start=start, end=end, text=name, title=title, age=age, child=child)


# --------------------------------------------------------------------------- one per process

_LOCK = threading.Lock()
_FINDER: NameFinder | None = None
_CACHE_DIR: Path | None = None


def use_cache_dir(folder: Path) -> None:
    """Where the composition root wants deduce's names-only lookup kept (before first use)."""
    global _CACHE_DIR
    _CACHE_DIR = folder


def name_finder() -> NameFinder:
    """The process's finder, built on first use (about a second; then from the cache)."""
    global _FINDER
    with _LOCK:
        if _FINDER is None:
            folder = _CACHE_DIR or _default_cache_dir()
            finder = NameFinder(folder)
            finder.find("met jan de vries gesproken")  # loads simplemma's Dutch words too
            _FINDER = finder
        return _FINDER


def _default_cache_dir() -> Path:
    """A per-user cache folder, never a shared temporary one."""
    version = _import_deduce().__version__
    return Path.home() / ".cache" / "netwerkregie" / f"deduce-{version}"


def find_names(text: str, places: Iterable[str] = ()) -> list[NameMention]:
    """Person names in `text` (see NameFinder.find)."""
    return name_finder().find(text, places)
