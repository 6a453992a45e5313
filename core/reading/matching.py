"""One matcher for names the register already holds: organisations, areas, contacts by name.

A coordinator types "moskee al fath", "al fath moskee", "el feth", "de schoor", "protestantse
kerk" or "stad west" for what the register calls "Moskee Al-Fath", "Welzijn Almere (De
Schoor)", "Protestantse Kerk Almere Haven" and "Stad-West". Everything that reads a name the
user typed (the visit card, Wijzigen on it, `/organisatie`, `/contact`, the importer) asks this
matcher first, so an existing entry is found before a new one is proposed. Steps, first that
fits wins, so an exact name always beats a near one:

1. the whole name, ignoring case, accents, hyphens, dots and spaces;
2. a short form of the name: without its type word ("Al Fath"), with the type word moved
   ("Al Fath moskee"), without the place at its end ("Protestantse Kerk"), the part in
   brackets ("De Schoor") or the part before them; a short form two entries share counts for
   neither;
3. the same words in another order;
4. every word typed is a word of the name (a name cut short: "protestantse kerk" for the
   church in Haven when it is the only one);
5. a near spelling (rapidfuzz), when one entry is clearly closest.

`NameIndex` is built once per register revision (the callers cache it) and answers in a few
dictionary look-ups; only step 5 compares with every name, and only when 1-4 found nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from core.organisations import type_for_word

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_ARTICLES = frozenset({"de", "het", "the", "t"})
# A word of the name this short says too little alone ("de", "al", "van").
_MIN_WORD = 3


def normal(text: str) -> str:
    """Lower case, accents off, every run of other signs one space ("Stad-West" → "stad west")."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", plain.replace("'", "")).strip()


@dataclass(frozen=True)
class Match:
    """What a typed name matched: the ids, best first; `exact` when the name itself was typed."""

    ids: tuple[int, ...] = ()
    exact: bool = False

    @property
    def one(self) -> int | None:
        """The id meant, when exactly one entry fits."""
        return self.ids[0] if len(self.ids) == 1 else None


def _is_type(word: str) -> bool:
    return type_for_word(word) is not None


class NameIndex:
    """The names of one kind of entry (organisations or areas or contacts), ready to match.

    `places`: names of areas; an organisation's name ending in one ("… Almere Haven") is also
    known without it. `is_type`: which words name a kind of organisation (core.organisations).
    """

    def __init__(self, entries: Iterable[tuple[int, str]], *, places: Iterable[str] = (),
                 is_type: Callable[[str], bool] = _is_type) -> None:
        self._is_type = is_type
        self.names: dict[int, str] = {}
        self._full: dict[str, list[int]] = {}
        self._short: dict[str, set[int]] = {}
        self._sorted: dict[str, set[int]] = {}
        self._by_word: dict[str, set[int]] = {}
        self._words: dict[int, frozenset[str]] = {}
        place_words = sorted({tuple(normal(p).split()) for p in places if normal(p)},
                             key=len, reverse=True)
        place_words.append(("almere",))
        self._places = frozenset(place_words)
        for entry_id, name in entries:
            key = normal(name)
            if not key:
                continue
            self.names[entry_id] = name
            self._full.setdefault(key, []).append(entry_id)
            for form in self._forms(name, place_words):
                self._short.setdefault(" ".join(form), set()).add(entry_id)
                self._sorted.setdefault(" ".join(sorted(form)), set()).add(entry_id)
            words = frozenset(key.split())
            self._words[entry_id] = words
            for word in words:
                self._by_word.setdefault(word, set()).add(entry_id)
        self._choices = {entry_id: normal(name) for entry_id, name in self.names.items()}

    def _forms(self, name: str, places: Sequence[tuple[str, ...]]) -> set[tuple[str, ...]]:
        """The short forms a name is written in (see the module's step 2)."""
        whole = tuple(normal(name).split())
        bases = {whole}
        inside = [normal(m) for m in _BRACKETS.findall(name) if normal(m)]
        outside = tuple(normal(_BRACKETS.sub(" ", name)).split())
        if inside:
            bases.update(tuple(part.split()) for part in inside)
            if outside:
                bases.add(outside)
        forms: set[tuple[str, ...]] = set()
        for base in bases:
            forms.add(base)
            for place in places:
                if len(base) > len(place) and base[-len(place):] == place:
                    forms.add(base[:-len(place)])
        for form in list(forms):
            if len(form) > 1 and self._is_type(form[0]):
                forms.add(form[1:])
                forms.add((*form[1:], form[0]))
            if len(form) > 1 and self._is_type(form[-1]):
                forms.add(form[:-1])
                forms.add((form[-1], *form[:-1]))
            if len(form) > 1 and form[0] in _ARTICLES:
                forms.add(form[1:])
        return {f for f in forms if f and len("".join(f)) >= _MIN_WORD
                and (f == whole or f not in self._places)  # "Waterwijk" is the area
                and not all(self._is_type(w) or w in _ARTICLES for w in f)}

    def knows_word(self, word: str) -> bool:
        """Some name holds this word (lower case, as `normal` gives it): a cheap first test."""
        return word in self._by_word

    def written(self, typed: str) -> tuple[int, ...]:
        """The entries whose name or short form `typed` is, word for word (steps 1-3 only):
        for finding a name inside a message, where a near spelling would find too much."""
        key = normal(typed)
        if not key:
            return ()
        if key in self._full:
            return tuple(self._full[key])
        words = key.split()
        if len(words) > 1 and words[0] in _ARTICLES and " ".join(words[1:]) in self._short:
            words = words[1:]  # "de protestantse kerk"
        found = self._short.get(" ".join(words)) or self._sorted.get(" ".join(sorted(words)))
        return tuple(sorted(found)) if found else ()

    def holding(self, typed: str) -> tuple[int, ...]:
        """The entries whose name has every word typed ("razem", "wi na wan", "moskee" for
        "Moskee Al Fath"); nothing for articles or a place alone. For a word inside a message
        the caller decides it is said as a name (not an ordinary word)."""
        words = [w for w in normal(typed).split() if w not in _ARTICLES]
        if not words or any(w in place for w in words for place in self._places):
            return ()  # "in stad oost": the area, whatever organisation has "stad" in it
        return tuple(sorted(set.intersection(*(self._by_word.get(w, set()) for w in words))))

    def match(self, typed: str, *, near: float = 85.0) -> Match:
        """The entries `typed` names (see the module's steps); `near`: the least rapidfuzz
        score a near spelling needs (a name typed on its own may use a lower one)."""
        key = normal(typed)
        if not key:
            return Match()
        full = self._full.get(key)
        if full:
            return Match(tuple(full), exact=True)
        words = tuple(key.split())
        tries = [words]
        if words[0] in _ARTICLES and len(words) > 1:
            tries.append(words[1:])
        for attempt in tries:
            found = self._short.get(" ".join(attempt))
            if found:
                return Match(tuple(sorted(found)))
        for attempt in tries:
            found = self._sorted.get(" ".join(sorted(attempt)))
            if found:
                return Match(tuple(sorted(found)))
        telling = [w for w in words if w not in _ARTICLES and not self._is_type(w)
                   and len(w) >= _MIN_WORD]
        if not telling or tuple(w for w in words if w not in _ARTICLES) in self._places:
            return Match()  # "moskee", "de kerk", "waterwijk": a kind or a place, not a name
        fits = set.intersection(*(self._by_word.get(w, set()) for w in words
                                  if w not in _ARTICLES))
        if fits:
            return Match(tuple(sorted(fits, key=lambda i: (len(self._words[i]), i))))
        return self._near(key, near)

    def _near(self, key: str, cutoff: float) -> Match:
        if len(key) < 4 or not self._choices:
            return Match()
        found = process.extract(key, self._choices, scorer=_score, limit=3,
                                score_cutoff=cutoff)
        if not found:
            return Match()
        best = found[0][1]
        close = [entry_id for _, score, entry_id in found if best - score < 5]
        return Match(tuple(close))


def _score(typed: str, name: str, **_: object) -> float:
    """How near a typed name is to a stored one: spelled whole, in another order, or as the
    name's own words without the ones the typist left off ("el feth" for "moskee al fath")."""
    whole = fuzz.ratio(typed, name)
    order = fuzz.token_sort_ratio(typed, name)
    words = name.split()
    part = 0.0
    size = len(typed.split())
    if size < len(words):
        part = max(fuzz.ratio(typed, " ".join(words[i:i + size]))
                   for i in range(len(words) - size + 1)) - 3
    core = " ".join(w for w in words if w not in _ARTICLES and not _is_type(w))
    typed_core = " ".join(w for w in typed.split() if w not in _ARTICLES and not _is_type(w))
    bare = fuzz.ratio(typed_core, core) - 1 if core and typed_core and core != name else 0.0
    return max(whole, order, part, bare)


@functools.lru_cache(maxsize=16)
def index_for(entries: tuple[tuple[int, str], ...],
              places: tuple[str, ...] = ()) -> NameIndex:
    """The index of a register's names, built once per distinct set of names."""
    return NameIndex(entries, places=places)


__all__ = ["Match", "NameIndex", "index_for", "normal"]
