"""The one guard: special-category sentences out, other people's names replaced, minors always."""

from core.reading.redact import MINOR, PERSON, Replacement, redact

VISIT = ("Bezoek bij Fatima Bakkali. Hij is moslim en zijn vrouw is depressief. "
         "Zijn neef Jayden (17) dealt op het plein.")


def test_a_special_category_sentence_is_not_kept() -> None:
    result = redact(VISIT, keep=["Fatima Bakkali"])
    assert "moslim" not in result.text
    assert "depressief" not in result.text
    assert result.struck == ["Hij is moslim en zijn vrouw is depressief."]
    assert result.categories == ["religie"]


def test_a_minor_is_replaced_by_a_neutral_word() -> None:
    result = redact(VISIT, keep=["Fatima Bakkali"])
    assert "Jayden" not in result.text
    assert f"Zijn neef {MINOR} (17) dealt op het plein." in result.text
    assert result.replaced == [Replacement(name="Jayden", word=MINOR, minor=True)]


def test_a_minor_is_replaced_even_when_asked_to_keep_the_name() -> None:
    result = redact("Jayden (15) kwam langs.", keep=["Jayden"])
    assert "Jayden" not in result.text


def test_a_minors_name_written_again_without_the_age_is_still_replaced() -> None:
    result = redact("Jayden (15) kwam langs. Later zag ik Jayden weer.")
    assert "Jayden" not in result.text
    assert result.minors == 1


def test_the_contacts_on_the_card_keep_their_names_also_by_first_name() -> None:
    result = redact("Met Fatima Bakkali gesproken. Volgende week Fatima bellen.",
                    keep=["Fatima Bakkali"])
    assert result.text == "Met Fatima Bakkali gesproken. Volgende week Fatima bellen."
    assert not result.changed


def test_another_adults_name_is_replaced_and_offered_as_a_contact() -> None:
    result = redact("Met Fatima Bakkali gesproken. Youssef El Amrani was er ook.",
                    keep=["Fatima Bakkali"])
    assert result.text == f"Met Fatima Bakkali gesproken. {PERSON} was er ook."
    assert result.adults == ["Youssef El Amrani"]


def test_names_can_be_left_alone_where_only_sentences_are_guarded() -> None:
    result = redact("Youssef El Amrani belde. Hij is moslim.", replace_names=False)
    assert result.text == "Youssef El Amrani belde."
    assert result.replaced == []


def test_a_text_without_people_or_categories_is_unchanged() -> None:
    text = "Gesprek in de moskee over de iftar."
    assert redact(text).text == text
    assert not redact(text).changed


def test_a_minor_is_replaced_even_where_other_names_are_left_alone() -> None:
    result = redact("Youssef El Amrani zag Jayden (16) op het plein.", replace_names=False)
    assert result.text == f"Youssef El Amrani zag {MINOR} (16) op het plein."


def test_a_minors_name_is_not_echoed_in_a_struck_sentence() -> None:
    result = redact("Jayden (16) is moslim.")
    assert result.struck == [f"{MINOR} (16) is moslim."]


def test_a_name_after_a_kind_of_organisation_names_the_organisation() -> None:
    text = "Informatieavond in buurthuis De Schakel, 19:30."
    assert redact(text).text == text


def test_the_registers_organisations_and_areas_are_not_names() -> None:
    text = "Rustig in Stad-Oost en bij Al Fath."
    assert redact(text, places=["Stad-Oost", "Al Fath"]).text == text
