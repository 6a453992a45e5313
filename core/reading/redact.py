"""The one guard on every way text enters the register (design §2.7).

`redact` takes what a user wrote and returns what may be stored: sentences with a
special-category statement about a person are left out (`core.reading.guards`), and names of
people other than those allowed to stay (the contacts on the card, a requester's own name) are
replaced by a neutral word (`core.reading.names`). A name with an age under 18 beside it is a
minor's: replaced always, even when it was allowed to stay. What was left out and replaced is
returned too, so the user can be told; a minor's name is in it only for the card that shows the
user their own words, never for storage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.organisations import type_for_word
from core.reading.guards import strike_sentences
from core.reading.names import NameMention, find_names

PERSON = "[persoon]"
MINOR = "[jongere]"


@dataclass(frozen=True)
class Replacement:
    """A name as written and the neutral word that took its place."""

    name: str
    word: str
    minor: bool


@dataclass(frozen=True)
class Redacted:
    """What may be stored, and what was left out or replaced on the way."""

    text: str
    struck: list[str] = field(default_factory=list)  # whole sentences, names already replaced
    categories: list[str] = field(default_factory=list)  # the category of each struck sentence
    replaced: list[Replacement] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.struck or self.replaced)

    @property
    def adults(self) -> list[str]:
        """Replaced adult names, once each: people who could be added as a contact instead."""
        return [r.name for r in self.replaced if not r.minor]

    @property
    def minors(self) -> int:
        return sum(1 for r in self.replaced if r.minor)


def redact(text: str, *, keep: Iterable[str] = (), places: Iterable[str] = (),
           replace_names: bool = True, strike: bool = True) -> Redacted:
    """What of `text` may be stored: no special-category sentence, no other person's name.

    With `replace_names=False` (a text whose names the flow already asked about) only a
    minor's name is replaced: that one never stays. With `strike=False` (a copy handed to the
    person a text is about) no sentence is left out: only names are replaced.
    """
    replaced: list[Replacement] = []
    if text.strip():
        text, replaced = _replace_names(text, _words_of(keep), tuple(places), replace_names)
    if not strike:
        return Redacted(text=text, replaced=replaced)
    kept, struck = strike_sentences(text)
    return Redacted(text=kept, struck=[s for s, _ in struck],
                    categories=[f.category for _, f in struck], replaced=replaced)


def _words_of(names: Iterable[str]) -> list[frozenset[str]]:
    return [frozenset(n.lower().split()) for n in names if n.strip()]


def _kept(mention: NameMention, keep: list[frozenset[str]]) -> bool:
    """Allowed to stay: every word of the mention belongs to one of the names to keep."""
    words = set(mention.text.lower().split())
    return not mention.minor and any(words <= name for name in keep)


_ARTICLES = frozenset({"de", "het", "'t", "den"})


def _names_an_organisation(text: str, mention: NameMention) -> bool:
    """ "buurthuis De Schakel", "moskee Al Fath", "stichting Samen": after a kind of
    organisation (core.organisations), a capitalised word names the organisation."""
    words = [w.strip(".,;:()\"'") for w in text[:mention.start].split()[-2:]]
    if words and words[-1].lower() in _ARTICLES:
        words.pop()
    return bool(words) and type_for_word(words[-1].lower()) is not None


def _replace_names(text: str, keep: list[frozenset[str]], places: tuple[str, ...],
                   adults_too: bool) -> tuple[str, list[Replacement]]:
    replaced: list[Replacement] = []
    mentions = find_names(text, places)
    minors = {m.text.lower() for m in mentions if m.minor}
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        # The same name without its age further on is still the minor's.
        minor = mention.minor or mention.text.lower() in minors
        if not minor and (not adults_too or _kept(mention, keep)
                          or _names_an_organisation(text, mention)):
            continue
        word = MINOR if minor else PERSON
        text = text[:mention.start] + word + text[mention.end:]
        if all(r.name.lower() != mention.text.lower() for r in replaced):
            replaced.append(Replacement(name=mention.text, word=word, minor=minor))
    replaced.reverse()
    return text, replaced
