"""Visit messages typed the way coordinators type them on a phone (issue 16): lower case, typos,
abbreviations, titles and forms of address, several people, brackets, and organisations and
areas written otherwise than the register holds them. An area named inside an organisation's
name ("wijkteam stad-oost") is the visit's area too. For tuning the reading of people,
organisations and areas; scored by tests/core/reading/test_field_corpus.py.

Expected people: a contact id (a known contact), "Name" (a new person proposed with that
name), or "Name?" (the reader should ask which of several contacts). Expected organisation:
an organisation id, a name (a new one proposed), or None. Expected area: the area's name.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from core.areas import ALMERE
from core.understanding import Known

NOW = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)

CONTACTS: dict[int, str] = {
    1: "Kevin de Jong",
    2: "Fatima Bakkali",
    3: "Yusuf Demir",
    4: "Mark Visser",
    5: "Ingrid Bakker",
    6: "Said El Amrani",
    7: "Anouk Pieters",
    8: "Ruth Cohen",
    9: "Mohamed Tahiri",
    10: "Mohamed Ouali",
    11: "Priya Ramdin",
    12: "Joost Hendriks",
    13: "Esra Kaya",
    14: "Winston Martina",
    15: "Latifa Haddou",
    16: "Pieter Smit",
    17: "Sevda Öztürk",
}
ORGANISATIONS: dict[int, str] = {
    1: "Moskee Al-Fath",
    2: "Protestantse Kerk Almere Haven",
    3: "Welzijn Almere (De Schoor)",
    4: "Politie Basisteam Almere-Stad",
    5: "Buurthuis De Schakel",
    6: "Stichting Mevlana",
    7: "Joodse Gemeente Almere",
    8: "Jongerencentrum De Werf",
    9: "OBS De Regenboog",
    10: "Bewonersvereniging Kruidenwijk",
    11: "Wijkteam Stad-Oost",
    12: "Hindoetempel Shanti",
}


def _areas() -> dict[int, str]:
    names: list[str] = []
    for district, wijken in ALMERE.items():
        for name in (district, *wijken):
            if name not in names:
                names.append(name)
    return {i + 1: name for i, name in enumerate(names)}


AREAS = _areas()
KNOWN = Known(contacts=tuple(CONTACTS.items()), organisations=tuple(ORGANISATIONS.items()),
              areas=tuple(AREAS.items()))

Person = int | str


class FieldCase(NamedTuple):
    text: str
    people: tuple[Person, ...] = ()
    organisation: int | str | None = None
    area: str | None = None


FIELD: list[FieldCase] = [
    FieldCase("net koffie gedronken met kevin, ging over de jongeren op het plein", (1,)),
    FieldCase("imam yusuf gesproken bij moskee al fath, rustig", (3,), 1),
    FieldCase("bij de schoor geweest, fatima was er ook", (2,), 3),
    FieldCase("overleg politie basisteam almere-stad met wijkagent mark", (4,), 4,
              "Almere Stad"),
    FieldCase("Gesprek met ds. pieters van de protestantse kerk over de kerstmarkt", (7,), 2),
    FieldCase("mw. bakkali belde over overlast in stad west, morgen terugbellen", (2,), None,
              "Stad-West"),
    FieldCase("dhr. el amrani gesproken (stichting mevlana), zorgen over spanningen", (6,), 6),
    FieldCase("met rabbijn cohen van de joodse gemeente gebeld", (8,), 7),
    FieldCase("gesproken met mohamed over het buurthuis de schakel", ("Mohamed?",), 5),
    # "de moskee" is the register's only mosque (a kind alone names the only one of it)
    FieldCase("mohamed tahiri en mohamed ouali gesproken bij de moskee", (9, 10), 1),
    FieldCase("koffie met buurtvader said in de kruidenwijk", (6,), None, "Kruidenwijk"),
    FieldCase("langs geweest bij het jongerencentrum de werf, joost hendriks en esra gesproken",
              (12, 13), 8),
    FieldCase("telefoontje van priya (wijkteam stad-oost) over een gezin", (11,), 11, "Stad-Oost"),
    FieldCase("bezoek al fath moskee, imam yusuf en fatima bakkali aanwezig", (3, 2), 1),
    FieldCase("Welzijn Almere (De Schoor): gesprek met ingrid over eenzaamheid", (5,), 3),
    FieldCase("gesprek met winston martina in haven", (14,), None, "Almere Haven"),
    FieldCase("met latifa en sevda gesproken over de iftar in de moskee", (15, 17), 1),
    FieldCase("vandaag de schakel bezocht, pieter smit vertelde over de wijk", (16,), 5),
    FieldCase("imaam yusuf gebeld over de open dag", (3,)),
    FieldCase("gesproken met wijkagnet mark visser over de overlast", (4,)),
    FieldCase("pastor smit gebeld, alles rustig in de hoven", (16,), None, "De Hoven"),
    FieldCase("met juf anouk van obs de regenboog gesproken", (7,), 9),
    FieldCase("bij bewonersvereniging kruidenwijk langs geweest, kevin de jong en ingrid bakker",
              (1, 5), 10, "Kruidenwijk"),
    FieldCase("kevin de jong gebeld", (1,)),
    FieldCase("net met (fatima) en (yusuf) gesproken", (2, 3)),
    FieldCase("kort overleg met esra kaya en winston over stad oost", (13, 14), None,
              "Stad-Oost"),
    FieldCase("mevr. haddou gesproken over de zomerschool", (15,)),
    FieldCase("gesprek met imam ahmed bij de moskee al-fath", ("Ahmed",), 1),
    FieldCase("met pastor johannes van de protestantse kerk haven gesproken", ("Johannes",), 2),
    FieldCase("koffie met ruth in de synagoge", (8,), "synagoge"),
    FieldCase("langs bij hindoetempel shanti, priya ramdin gesproken", (11,), 12),
    FieldCase("gesproken met buurtmoeder latifa over de muziekwijk", (15,), None, "Muziekwijk"),
    FieldCase("bellen met kevin volgende week", ()),
    FieldCase("met fatima bakali gesproken over de buurtavond", (2,)),
    FieldCase("gesproken met anouk pieters en joost", (7, 12)),
    FieldCase("yusuf en kevin gesproken bij de schoor", (3, 1), 3),
    FieldCase("Gesproken met Mark over de jongeren bij het winkelcentrum", (4,)),
    FieldCase("met dhr. visser gesproken, wijkteam stad-oost was er ook", (4,), 11, "Stad-Oost"),
    FieldCase("overleg in almere-stad met ingrid en priya", (5, 11), None, "Almere Stad"),
    FieldCase("gesproken met sevda öztürk bij stichting mevlana", (17,), 6),
    FieldCase("bezoek politie almere stad, wijkagent pieter smit", (16,), 4, "Almere Stad"),
    FieldCase("kevin belde, zorgen over de spanningen in de waterwijk", (1,), None, "Waterwijk"),
    FieldCase("gesproken met mw. kaya over de moskee al fath", (13,), 1),
    FieldCase("said el amrani (buurtvader) en latifa gesproken in de werven", (6, 15), None,
              "De Werven"),
    FieldCase("met voorzitter esra van bewonersvereniging kruidenwijk gebeld", (13,), 10,
              "Kruidenwijk"),
]
