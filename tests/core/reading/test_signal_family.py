"""Tension in any wording offers a signal: every form of a signal word, through its lemma."""

from __future__ import annotations

import pytest

from core.reading.signal_family import FAMILIES, family_of
from core.understanding import signal_words

FORMS = {
    "spanning": ["spanning", "spanningen", "gespannen"],
    "polarisatie": ["polariseren", "polariseert", "polariseerde", "gepolariseerd",
                    "polarisatie", "polariserende"],
    "radicalisering": ["radicaliseren", "radicaliseert", "radicalisering", "geradicaliseerd",
                       "radicaliserende"],
    "discriminatie": ["discrimineren", "discrimineert", "discriminatie", "gediscrimineerd",
                      "discriminerende"],
    "intimidatie": ["intimideren", "intimideerde", "intimidatie", "geïntimideerd"],
    "bedreiging": ["bedreigen", "bedreigt", "bedreiging", "bedreigingen", "bedreigd"],
    "ruzie": ["ruzie", "ruzies", "ruziën", "ruziede", "ruzieden", "burenruzie"],
    "onrust": ["onrust", "onrustig", "onrustige"],
    "vechten": ["vechtpartij", "vechtpartijen", "vechten", "vecht", "gevochten", "vochten",
                "gevecht"],
    "escalatie": ["escaleren", "escaleerde", "escalatie"],
    "pesten": ["pesten", "pestte", "gepest", "pesterijen"],
    "schelden": ["scheldt", "scholden", "uitgescholden"],
    "geweld": ["geweld", "gewelddadige", "mishandeld", "agressief", "straatgeweld"],
    "overlast": ["overlast", "jeugdoverlast"],
}


@pytest.mark.parametrize(("family", "word"),
                         [(f, w) for f, words in FORMS.items() for w in words])
def test_every_form_of_a_tension_word_belongs_to_its_family(family: str, word: str) -> None:
    assert family_of(word) == family


@pytest.mark.parametrize("sentence", [
    "De jongeren ruzieden op het plein.",
    "De buurt polariseert sinds de zomer.",
    "Twee jongens werden geïntimideerd bij de ingang.",
    "Er is al weken een burenruzie in de flat.",
    "Bij het station werd gisteren gevochten.",
    "De discussie in de app escaleerde.",
    "Jongeren voelen zich gediscrimineerd bij de sportclub.",
    "Het is onrustig rond de moskee.",
])
def test_tension_in_any_wording_offers_a_signal(sentence: str) -> None:
    assert signal_words(sentence)


@pytest.mark.parametrize("sentence", [
    "Geen spanningen in de wijk.",
    "Er zijn geen ruzies meer.",
    "Niet onrustig, juist gezellig.",
    "Zonder bedreigingen verlopen.",
])
def test_a_denied_tension_offers_no_signal_in_any_form(sentence: str) -> None:
    assert signal_words(sentence) == []


def test_only_the_tension_after_but_counts_when_one_is_denied() -> None:
    assert signal_words("Geen ruzies, maar wel onrustig bij het plein.") == ["onrustig"]


@pytest.mark.parametrize("sentence", [
    "Veel inspanningen gedaan voor het buurtfeest.",
    "Een spannende wedstrijd op het plein.",
    "Het dreigt te gaan regenen tijdens de markt.",
    "Ik zorgde voor koffie en koek.",
    "Ze demonstreerde hoe de app werkt.",
    "Even ontspanning na de vergadering.",
])
def test_ordinary_words_that_look_alike_offer_no_signal(sentence: str) -> None:
    assert signal_words(sentence) == []


def test_each_family_is_named_by_one_of_its_own_words() -> None:
    for name, members in FAMILIES.items():
        assert family_of(name) == name, (name, members)
