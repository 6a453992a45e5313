"""Special-category statements about a person: found per sentence, so they can be left out.

A simple detector on top of the visit reader's word lists (`core.understanding.privacy_words`):
a sentence is struck when it holds a word that would record a person's religion, origin,
politics, health or orientation. An organisation or a theme described with the same word
("Gesprek in de moskee over de iftar", "de Turkse moskee") is not about a person and is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.understanding import (
    _GROUP_WORDS,
    _HEALTH,
    _ORIENTATION,
    _ORIGIN,
    _POLITICS,
    _POSSESSED,
    _RELIGION,
    privacy_words,
    split_sentences,
)


@dataclass(frozen=True)
class Finding:
    """One special-category word, where it stands and the sentence around it."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    category: str
    word: str


CATEGORIES = ("religie", "afkomst", "politiek", "gezondheid", "geaardheid", "vakbond",
              "strafrecht")

_BY_CATEGORY = (
    ("religie", re.compile(r"^(?:" + "|".join((*_RELIGION, "islam", r"\w*(?:moslim|christen|"
                                               r"joodse|hindoe)\w*")) + r")$", re.I)),
    ("afkomst", re.compile(r"^(?:" + "|".join((*_ORIGIN, r"\w*(?:marokkaans|turks|surinaams|"
                                               r"antilliaans|somalisch)\w*")) + r")$", re.I)),
    ("politiek", re.compile(r"^(?:" + "|".join((*_POLITICS, "politiek")) + r")$", re.I)),
    ("gezondheid", re.compile(r"^(?:" + "|".join(_HEALTH) + r")$", re.I)),
    ("geaardheid", re.compile(r"^(?:" + "|".join((*_ORIENTATION, "geaardheid")) + r")$", re.I)),
    ("religie", re.compile(r"^(?:" + "|".join(_POSSESSED) + r")$", re.I)),
)


# Denominations and movements the visit reader's list does not hold.
_EXTRA = re.compile(r"\b(soenni\w*|sunni\w*|sji(?:ie|ii|i)t\w*|shia|alevi\w*|ahmadi\w*|"
                    r"hervormd\w*|gereformeerd\w*|evangelisch\w*|pinkster\w*|"
                    r"jehova\w*|mormo\w*)\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    found = privacy_words(text)
    for match in _EXTRA.finditer(text):
        after = text[match.end():].split()[:1]
        if after and after[0].lower().strip(".,;:") in _GROUP_WORDS:
            continue  # "de gereformeerde kerk": an organisation, not a person
        if match.group(0).lower() not in found:
            found.append(match.group(0).lower())
    return found


def _category(word: str) -> str:
    for category, pattern in _BY_CATEGORY:
        if pattern.match(word):
            return category
    return "religie"


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, cursor)
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans


def special_category_findings(text: str) -> list[Finding]:
    """Every special-category word about a person, with its sentence, in reading order."""
    findings: list[Finding] = []
    for s_start, s_end in _sentence_spans(text):
        sentence = text[s_start:s_end]
        lowered = sentence.lower()
        for word in _words(sentence):
            at = lowered.find(word)
            if at < 0:
                continue
            findings.append(Finding(
                start=s_start + at, end=s_start + at + len(word), sentence_start=s_start,
                sentence_end=s_end, category=_category(word), word=sentence[at:at + len(word)],
            ))
    return findings


def label_category(value: str) -> str | None:
    """The category a single value (a role, a function, an import cell) would record, if any."""
    words = _words(value)
    return _category(words[0]) if words else None


def strike_sentences(text: str) -> tuple[str, list[tuple[str, Finding]]]:
    """The text without the sentences that hold a finding, and those sentences with one each."""
    struck: list[tuple[str, Finding]] = []
    seen: set[tuple[int, int]] = set()
    for finding in special_category_findings(text):
        span = (finding.sentence_start, finding.sentence_end)
        if span not in seen:
            seen.add(span)
            struck.append((text[span[0]:span[1]], finding))
    if not struck:
        return text, []
    kept = text
    for start, end in sorted(seen, reverse=True):
        kept = kept[:start] + kept[end:]
    return re.sub(r"[ \t]{2,}", " ", kept).strip(), struck
