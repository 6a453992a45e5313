"""The text catalogues: complete in both languages, and in neutral words."""

from __future__ import annotations

import string

import pytest

from bot.conversation.texts import CATALOGUES, EN, NL


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_dutch_text_also_exists_in_english_and_the_other_way_round() -> None:
    assert set(NL) == set(EN)


@pytest.mark.parametrize("key", sorted(NL))
def test_both_languages_fill_in_the_same_values(key: str) -> None:
    assert placeholders(NL[key]) == placeholders(EN[key])


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_no_text_uses_stigmatising_words_about_people(language: str) -> None:
    words = ("informant", "verdachte", "radicaal", "suspect", "radical")
    for key, value in CATALOGUES[language].items():
        assert not any(word in value.lower() for word in words), key


def test_the_save_and_done_buttons_keep_their_product_names_in_every_language() -> None:
    for catalogue in CATALOGUES.values():
        assert (catalogue["button_save"], catalogue["button_done"]) == ("Opslaan", "Gedaan")


def test_a_text_key_defined_in_two_catalogues_is_refused() -> None:
    from bot.conversation.texts import _join

    with pytest.raises(ValueError, match="defined twice"):
        _join({"help": "a"}, [{"help": "b"}])
