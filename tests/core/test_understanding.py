"""Reading a visit message: people, organisation, area, follow-up, and the privacy guards."""

from __future__ import annotations

import pytest

from core.understanding import _PRIVACY_WORDS, Known, contains_bsn, is_bsn, read_visit
from tests.conftest import REFERENCE_NOW

ALMERE = Known(areas=((1, "Almere Buiten"), (2, "Stad-Oost"), (3, "Almere Haven")))


def test_a_whole_visit_message_is_read_into_its_parts() -> None:
    reading = read_visit(
        "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
        "Zorgen over een groepje jongeren bij het skatepark. Volgende week dinsdag terugbellen.",
        REFERENCE_NOW, ALMERE,
    )

    assert [p.text for p in reading.people] == ["Fatima Bakkali"]
    assert reading.organisation is not None
    assert (reading.organisation.name, reading.organisation.type_code) == ("De Schakel",
                                                                           "buurthuis")
    assert reading.area is not None
    assert (reading.area.name, reading.area.area_id) == ("Stad-Oost", 2)
    assert reading.summary == (
        "Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel in Stad-Oost. "
        "Zorgen over een groepje jongeren bij het skatepark."
    )
    assert reading.follow_up is not None
    assert reading.follow_up.title == "Terugbellen"
    assert reading.follow_up.due is not None
    assert reading.follow_up.due.start.date().isoformat() == "2026-12-01"
    assert reading.signal_words == ["zorgen"]


def test_dutch_name_particles_stay_part_of_the_name() -> None:
    reading = read_visit("Gesproken met Jan van der Berg over de wijk.", REFERENCE_NOW, Known())

    assert [p.text for p in reading.people] == ["Jan van der Berg"]


def test_a_known_contact_is_matched_despite_a_typo() -> None:
    known = Known(contacts=((7, "Fatima Bakkali"), (8, "Jan de Vries")))

    reading = read_visit("Gesproken met Fatma Bakali.", REFERENCE_NOW, known)

    assert [(p.text, p.contact_id) for p in reading.people] == [("Fatma Bakali", 7)]


def test_two_contacts_with_the_same_first_name_are_both_candidates() -> None:
    known = Known(contacts=((7, "Fatima Bakkali"), (9, "Fatima El Amrani")))

    [person] = read_visit("Fatima gesproken.", REFERENCE_NOW, known).people

    assert person.contact_id is None
    assert sorted(person.candidates) == [7, 9]


def test_the_word_buiten_is_only_an_area_when_written_as_a_name() -> None:
    outside = read_visit("We zaten buiten op het plein met Ahmed.", REFERENCE_NOW, ALMERE)
    district = read_visit("Bij Ahmed in Buiten geweest.", REFERENCE_NOW, ALMERE)

    assert outside.area is None
    assert district.area is not None
    assert district.area.name == "Almere Buiten"


def test_a_place_of_worship_is_typed_by_its_kind() -> None:
    reading = read_visit("Bezoek aan synagoge Beth Shalom, goed gesprek.", REFERENCE_NOW,
                         Known())

    assert reading.organisation is not None
    assert reading.organisation.type_code == "gebedshuis-synagoge"


@pytest.mark.parametrize("number", ["111222333", "111 22 23 33", "123456782"])
def test_a_number_that_passes_the_eleven_check_is_a_bsn(number: str) -> None:
    assert contains_bsn(f"Zijn nummer is {number}.")


@pytest.mark.parametrize("text", [
    "Bel 0612345678 terug",  # a phone number, ten digits
    "Zaak 123456789 besproken",  # nine digits, fails the eleven-check
    "Postcode 1312 AB, huisnummer 12",
])
def test_other_numbers_are_not_mistaken_for_a_bsn(text: str) -> None:
    assert not contains_bsn(text)


def test_the_eleven_check_follows_the_official_weights() -> None:
    assert is_bsn("111222333")
    assert not is_bsn("111222334")
    assert not is_bsn("000000000")


def test_words_that_would_record_special_categories_are_flagged() -> None:
    reading = read_visit("Gesproken met Ali, hij is Marokkaans en moslim.", REFERENCE_NOW,
                         Known())

    assert reading.privacy_words == ["marokkaans", "moslim"]


def test_a_mosque_as_organisation_is_not_a_privacy_word() -> None:
    reading = read_visit("Bij moskee Al Fath geweest.", REFERENCE_NOW, Known())

    assert reading.privacy_words == []


def test_a_job_title_before_a_name_is_not_part_of_the_name_or_an_organisation() -> None:
    reading = read_visit("Net gebeld met wijkagent Kees Jansen over onrust in de Kruidenwijk.",
                         REFERENCE_NOW, Known())

    assert [p.text for p in reading.people] == ["Kees Jansen"]
    assert reading.organisation is None
    assert reading.role_type == "politie"


def test_an_organisation_after_van_de_is_not_part_of_the_name() -> None:
    reading = read_visit("Gesproken met Anna Jansen van De Brug over de buurtavond.",
                         REFERENCE_NOW, Known())

    assert [p.text for p in reading.people] == ["Anna Jansen"]
    assert reading.organisation is not None
    assert reading.organisation.name == "De Brug"


# ---------------------------------------------------------------- people

REGISTER = Known(contacts=((1, "Fatima Bakkali"), (2, "Ahmed El Idrissi"), (3, "Jan de Vries"),
                           (4, "Mohammed Amrani"), (5, "Mohammed Yilmaz"), (6, "Sandra Pinas")))


def _people(text: str, known: Known = REGISTER) -> list[tuple[str, int | None]]:
    return [(p.text, p.contact_id) for p in read_visit(text, REFERENCE_NOW, known).people]


def test_several_people_after_met_are_all_found_in_order() -> None:
    assert _people("Gesproken met Karim, Sandra en Youssef van het jongerenwerk.") == [
        ("Karim", None), ("Sandra", 6), ("Youssef", None)]


def test_initials_and_a_surname_match_the_known_contact() -> None:
    assert _people("Gesproken met J. de Vries van de politie.") == [("J. de Vries", 3)]
    assert _people("Kort gesprek met Mohammed Y. na het gebed.") == [("Mohammed Y.", 5)]


def test_a_known_name_in_lower_case_is_still_a_person() -> None:
    assert _people("fatima belde over de buurtapp") == [("fatima", 1)]


def test_a_name_right_before_a_verb_is_a_person_but_a_job_title_is_not() -> None:
    assert _people("Vandaag Karim gebeld.") == [("Karim", None)]
    assert _people("Imam gebeld over de iftar.") == []
    assert _people("Kort gebeld met Sanne de Wit.") == [("Sanne de Wit", None)]


def test_an_honorific_before_a_surname_finds_the_known_contact() -> None:
    assert _people("Gesproken met dhr. El Idrissi over de uitbreiding.") == [("El Idrissi", 2)]


def test_a_month_abbreviation_is_not_a_contact_called_jan() -> None:
    assert _people("Op 15 jan is de volgende bijeenkomst.") == []


def test_someone_named_only_in_a_follow_up_is_not_a_participant() -> None:
    reading = read_visit("Gesproken met Fatima. Morgen Sandra mailen.", REFERENCE_NOW, REGISTER)

    assert [p.contact_id for p in reading.people] == [1]
    assert reading.follow_up is not None
    assert [p.contact_id for p in reading.follow_up.about] == [6]


# ---------------------------------------------------------------- follow-ups


def _follow_ups(text: str) -> list[tuple[str, str | None]]:
    reading = read_visit(text, REFERENCE_NOW, REGISTER)
    assert reading.follow_up == (reading.follow_ups[0] if reading.follow_ups else None)
    return [(f.title, f.due.start.date().isoformat() if f.due else None)
            for f in reading.follow_ups]


def test_a_follow_up_is_found_in_the_middle_of_a_message() -> None:
    assert _follow_ups("Gesproken met Jan. Morgen terugbellen. Verder was het rustig.") == [
        ("Terugbellen", "2026-11-30")]


def test_two_actions_joined_by_en_are_two_follow_ups_sharing_a_time() -> None:
    assert _follow_ups("Gesproken met Jan. Maandag Ahmed bellen en de flyer sturen.") == [
        ("Ahmed bellen", "2026-11-30"), ("De flyer sturen", "2026-11-30")]


def test_filler_and_time_words_are_not_part_of_the_title() -> None:
    assert _follow_ups("ik moet nog even de notulen naar Sandra mailen voor vrijdag") == [
        ("De notulen naar Sandra mailen", "2026-12-04")]


def test_a_first_person_verb_becomes_an_action_in_the_title() -> None:
    assert _follow_ups("Morgen bel ik Ahmed terug over de iftar.") == [
        ("Ahmed terugbellen over de iftar", "2026-11-30")]
    assert _follow_ups("Ik vraag na bij Jan of de camera er komt.") == [
        ("Navragen bij Jan of de camera er komt", None)]


def test_what_someone_else_will_do_is_not_my_follow_up() -> None:
    assert _follow_ups("De jongeren willen een toernooi organiseren.") == []
    assert _follow_ups("Ze vraagt of we in januari iets kunnen organiseren.") == []


def test_a_negated_or_done_action_is_not_a_follow_up() -> None:
    assert _follow_ups("Geen vervolgactie nodig.") == []
    assert _follow_ups("No follow-up needed.") == []
    assert _follow_ups("Doorverwezen naar het wijkteam.") == []


def test_an_appointment_word_is_a_follow_up_only_with_a_time_ahead() -> None:
    assert _follow_ups("Vrijdag om 10 uur afspraak bij de moskee.") == [
        ("Afspraak bij de moskee", "2026-12-04")]
    assert _follow_ups("Goed contact gehad met Sandra.") == []


def test_english_verbs_are_actions_only_in_english() -> None:
    assert _follow_ups("Call her back tomorrow afternoon.") == [("Call her back", "2026-11-30")]
    assert _follow_ups("Plan voor de zomer besproken.") == []
    assert _follow_ups("Contact met Fatima gehad over de buurtapp.") == []


def test_a_label_makes_the_next_clause_a_follow_up() -> None:
    assert _follow_ups("Actie: flyer buurtavond.") == [("Flyer buurtavond", None)]


# ---------------------------------------------------------------- areas and organisations

SEEDED = Known(areas=((1, "Almere Stad"), (2, "Stedenwijk"), (3, "Almere Haven"),
                      (4, "Kruidenwijk"), (5, "Almere Poort"), (6, "De Werven")))


def _area(text: str) -> str | None:
    area = read_visit(text, REFERENCE_NOW, SEEDED).area
    return area.name if area else None


def test_a_wijk_is_found_despite_a_typo_or_inside_a_compound() -> None:
    assert _area("overlast in de kruidewijk") == "Kruidenwijk"
    assert _area("jongeren bij het Stedenwijkplein") == "Stedenwijk"


def test_a_wijk_is_preferred_over_its_stadsdeel() -> None:
    assert _area("Overleg in Almere Stad over de Stedenwijk.") == "Stedenwijk"


def test_ordinary_words_are_not_areas() -> None:
    assert _area("We hebben buiten in de haven koffie gedronken bij de poort.") is None
    assert _area("Haven en school besproken.") is None  # a capital at the sentence's start
    assert _area("In Haven geweest.") == "Almere Haven"
    assert _area("gesprek over de werven van vrijwilligers") is None


def test_an_unconfigured_register_still_finds_a_wijk_by_its_shape() -> None:
    area = read_visit("Onrust in de Kruidenwijk.", REFERENCE_NOW, Known()).area

    assert area is not None
    assert (area.name, area.area_id) == ("Kruidenwijk", None)


def test_a_place_named_by_its_type_is_not_the_organisation_when_only_talked_about() -> None:
    reading = read_visit("Zorgen over de sluiting van het buurthuis.", REFERENCE_NOW, Known())

    assert reading.organisation is None


def test_an_adjective_before_a_type_names_the_organisation() -> None:
    reading = read_visit("Gesproken met de voorzitter van de Turkse moskee.", REFERENCE_NOW,
                         Known())

    assert reading.organisation is not None
    assert (reading.organisation.name, reading.organisation.type_code) == (
        "Turkse moskee", "gebedshuis-moskee")
    assert reading.privacy_words == []


def test_a_known_organisation_is_found_by_its_name_without_its_type() -> None:
    known = Known(organisations=((5, "Moskee Al Fath"), (6, "De Brug")))

    at_mosque = read_visit("Bij Al Fath geweest.", REFERENCE_NOW, known).organisation
    over_bridge = read_visit("We liepen over de brug naar huis.", REFERENCE_NOW, known)

    assert at_mosque is not None
    assert at_mosque.organisation_id == 5
    assert over_bridge.organisation is None


# ---------------------------------------------------------------- signal and privacy words


@pytest.mark.parametrize(("text", "words"), [
    ("Ze maakt zich zorgen over de jongeren.", ["zorgen"]),
    ("Geen zorgen, alles rustig.", []),
    ("Ze willen zorgvuldig te werk gaan en zorgen voor koffie.", []),
    ("Gesprek over haar zorgverzekering.", []),
    ("Geen spanningen, wel overlast.", ["overlast"]),
    ("Er waren spanningen en de sfeer was onrustig.", ["spanningen", "onrustig"]),
    ("De buurt is gepolariseerd na het incident.", ["gepolariseerd", "incident"]),
    ("No tensions, but residents are worried.", ["worried"]),
    ("Het was een geweldige avond, incidenteel wat lawaai.", []),
])
def test_signal_words_are_found_with_their_inflections_but_not_look_alikes(
    text: str, words: list[str]
) -> None:
    assert read_visit(text, REFERENCE_NOW, Known()).signal_words == words


@pytest.mark.parametrize(("text", "words"), [
    ("Ze is moslima en draagt een hoofddoek.", ["moslima", "hoofddoek"]),
    ("Zijn vader is ziek.", ["ziek"]),
    ("Hij stemt op een kleine partij.", ["stemt op"]),
    ("Het gaat over zijn geloof.", ["geloof"]),
    ("Veel Marokkaanse jongeren op het plein.", ["marokkaanse"]),
    ("Moslimjongeren willen een voetbaltoernooi.", ["moslimjongeren"]),
    ("She is Jewish and pregnant.", ["jewish", "pregnant"]),
    ("Bezoek aan de Turkse moskee en de Joodse Gemeente.", []),
    ("Gesprek over geloof en opvoeding.", []),
    ("Ik geloof dat het goed gaat.", []),
    ("De iftar in de moskee was druk.", []),
    ("Visited the Turkish community centre.", []),
    ("Ze zit bij de FNV.", ["zit bij de fnv"]),
    ("Hij heeft een strafblad.", ["strafblad"]),
    ("Hij is m0slim.", ["m0slim"]),
    ("Voorlichting over diabetes in het wijkcentrum.", []),
])
def test_privacy_words_are_about_people_not_organisations_or_themes(
    text: str, words: list[str]
) -> None:
    assert read_visit(text, REFERENCE_NOW, Known()).privacy_words == words


def test_the_broad_privacy_list_still_names_a_religion_column_for_the_importer() -> None:
    assert _PRIVACY_WORDS.search("religie")
