"""Visit messages the way a netwerkregisseur types them on a phone, and what each one says.

Every message is read at one fixed moment, Sunday 29 November 2026 14:00 in Amsterdam, against
one register (`KNOWN`: a handful of contacts and organisations, and Almere's seeded areas).

How an expectation is written:

- `people`: the participants in the order they are written. A name that is in the register
  (`CONTACTS`) must be matched to that contact; a name ending in "?" is a first name that fits
  several contacts (the card asks which one); any other name is a new contact, unmatched. A
  name that appears only in a follow-up ("morgen Petra mailen") is not a participant.
- `organisation`: (name, type code). A registered organisation must be matched to its id, and
  its type is the register's business; a new one carries the type the message implies. Only
  the organisation the visit was at or with counts, not one that is merely talked about.
- `area`: the most specific configured area the visit is about (a wijk over its stadsdeel).
- `occurred`: the date the visit happened when the message says it, else None.
- `follow_ups`: (title, due, grain); due is a date, or a date and time for a clock time,
  None when no time is said. A title is the action without the time words and filler.
- `signals`: the words that make the card offer to record a signal, lowercase as written.
- `privacy`: whether the card should remind of the privacy rules (a person's religion,
  ethnicity, political opinion or health is written down).

`HELD_OUT` was written together with `CASES`, before the reader was improved, and was not run
while developing: its score is reported as found, never tuned against.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from core.areas import ALMERE
from core.understanding import Known

NOW = datetime(2026, 11, 29, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))

CONTACTS: dict[str, int] = {
    "Fatima Bakkali": 1,
    "Ahmed El Idrissi": 2,
    "Petra de Boer": 3,
    "Jan de Vries": 4,
    "Kees Jansen": 5,
    "Mohammed Amrani": 6,
    "Mohammed Yilmaz": 7,
    "Ruth Cohen": 8,
    "Gurpreet Singh": 9,
    "Marco Verhoeven": 10,
    "Sandra Pinas": 11,
    "Dewi Ramdin": 12,
    "Hans Visser": 13,
}
ORGANISATIONS: dict[str, int] = {
    "De Schakel": 1,
    "Moskee Al Fath": 2,
    "Bewonersvereniging Waterwijk": 3,
    "De Brug": 4,
    "Joodse Gemeente Almere": 5,
    "Shri Krishna Mandir": 6,
    "OBS De Regenboog": 7,
}


def _seeded_areas() -> dict[str, int]:
    areas: dict[str, int] = {}
    for district, wijken in ALMERE.items():
        for name in (district, *wijken):
            areas.setdefault(name, len(areas) + 1)
    return areas


AREAS = _seeded_areas()

KNOWN = Known(
    contacts=tuple((i, n) for n, i in CONTACTS.items()),
    organisations=tuple((i, n) for n, i in ORGANISATIONS.items()),
    areas=tuple((i, n) for n, i in AREAS.items()),
)


class FollowUp(NamedTuple):
    title: str
    due: str | None = None  # "2026-12-01" (a day, week or month) or "2026-12-01T10:00"
    grain: str | None = None


class VisitCase(NamedTuple):
    name: str  # what the case is about, used as the test id
    text: str
    people: tuple[str, ...] = ()
    organisation: tuple[str, str | None] | None = None
    area: str | None = None
    occurred: str | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    signals: tuple[str, ...] = ()
    privacy: bool = False


CASES: list[VisitCase] = [
    VisitCase(
        "a mosque visit with the imam, no worries and a callback next week",
        "Vanochtend bij moskee Al Fath geweest, gesproken met imam Ahmed. Goed gesprek, geen "
        "zorgen. Volgende week donderdag terugbellen over de open dag",
        people=("Ahmed El Idrissi",),
        organisation=("Moskee Al Fath", None),
        occurred="2026-11-29",
        follow_ups=(FollowUp("Terugbellen over de open dag", "2026-12-03", "day"),),
    ),
    VisitCase(
        "two lowercase-known people of the residents association, all lowercase",
        "gisteren met Ahmed en Petra van de bewonersvereniging gesproken over overlast bij het "
        "winkelcentrum in de kruidenwijk",
        people=("Ahmed El Idrissi", "Petra de Boer"),
        organisation=("Bewonersvereniging Waterwijk", None),  # the register's only one
        area="Kruidenwijk",
        occurred="2026-11-28",
        signals=("overlast",),
    ),
    VisitCase(
        "a known first name before belde and a follow-up with filler",
        "Fatima belde, het gaat beter bij het skatepark. Ze vraagt of we in januari een "
        "bijeenkomst kunnen organiseren, ik moet nog even met Marco afstemmen",
        people=("Fatima Bakkali",),
        follow_ups=(FollowUp("Met Marco afstemmen"),),
    ),
    VisitCase(
        "an initial and a surname, the police, tension in a stadsdeel, a callback at ten",
        "Gesproken met J. de Vries van de politie over de spanningen rond de moskee in Almere "
        "Haven. Afgesproken dat ik dinsdag om 10 uur terugbel",
        people=("Jan de Vries",),
        organisation=("politie", "politie"),
        area="Almere Haven",
        follow_ups=(FollowUp("Terugbellen", "2026-12-01T10:00", "hour"),),
        signals=("spanningen",),
    ),
    VisitCase(
        "a name directly before gebeld and extremist flyers in Almere Poort",
        "Ahmed gebeld. Hij maakt zich zorgen over jongeren die flyers van een extremistische "
        "groep uitdelen bij het station in Almere Poort. Vrijdag terugkoppelen aan de wijkagent",
        people=("Ahmed El Idrissi",),
        area="Almere Poort",
        follow_ups=(FollowUp("Terugkoppelen aan de wijkagent", "2026-12-04", "day"),),
        signals=("zorgen", "extremistische"),
    ),
    VisitCase(
        "everything lowercase, a known community centre, two people, no incidents",
        "net bij buurthuis de schakel geweest met fatima en sandra. sfeer was goed, geen "
        "incidenten. ik moet fatima nog even de subsidieregeling mailen",
        people=("Fatima Bakkali", "Sandra Pinas"),
        organisation=("De Schakel", None),
        follow_ups=(FollowUp("Fatima de subsidieregeling mailen"),),
    ),
    VisitCase(
        "a hindu temple by its name, an illness in the family, next month",
        "Bezoek aan de hindoetempel Shri Krishna Mandir met Dewi. Ze vertelde dat haar moeder "
        "ziek is. Volgende maand langsgaan voor het Divali feest",
        people=("Dewi Ramdin",),
        organisation=("Shri Krishna Mandir", None),
        follow_ups=(FollowUp("Langsgaan voor het Divali feest", "2026-12-01", "month"),),
        privacy=True,
    ),
    VisitCase(
        "an area meeting with three people, a fight and an invitation on a date",
        "Gisteravond gebiedsoverleg in Stedenwijk met Kees (wijkagent), Marco en Hans. Onrust "
        "onder jongeren na de vechtpartij van vorige week. Actie: Hans uitnodigen voor het "
        "sleutelfigurenoverleg op 14 december",
        people=("Kees Jansen", "Marco Verhoeven", "Hans Visser"),
        area="Stedenwijk",
        occurred="2026-11-28",
        follow_ups=(FollowUp("Hans uitnodigen voor het sleutelfigurenoverleg", "2026-12-14",
                             "day"),),
        signals=("onrust", "vechtpartij"),
    ),
    VisitCase(
        "english, lowercase, the synagogue today and a send next week",
        "spoke with Ruth from the synagogue today, all calm, she asked for info on the winter "
        "activities. send her the programme next week",
        people=("Ruth Cohen",),
        organisation=("synagogue", "gebedshuis-synagoge"),
        occurred="2026-11-29",
        follow_ups=(FollowUp("Send her the programme", "2026-11-30", "week"),),
    ),
    VisitCase(
        "an ambiguous first name last tuesday in the Filmwijk",
        "Afgelopen dinsdag koffie gedronken met Mohammed in de Filmwijk. Goed contact.",
        people=("Mohammed?",),
        area="Filmwijk",
        occurred="2026-11-24",
    ),
    VisitCase(
        "a chairman without a name, a named-by-origin mosque, a party membership",
        "Gesproken met de voorzitter van de Turkse moskee in Almere Buiten over de spanning na "
        "de verkiezingen, hij is zelf lid van DENK",
        organisation=("Turkse moskee", "gebedshuis-moskee"),
        area="Almere Buiten",
        signals=("spanning",),
        privacy=True,
    ),
    VisitCase(
        "a gurdwara today and a callback without a time",
        "Vandaag met Gurpreet gesproken bij de gurdwara in Almere Poort, ze willen graag "
        "meedoen aan de buurtschoonmaak. Gurpreet terugbellen over een datum",
        people=("Gurpreet Singh",),
        organisation=("gurdwara", "gebedshuis-gurdwara"),
        area="Almere Poort",
        occurred="2026-11-29",
        follow_ups=(FollowUp("Gurpreet terugbellen over een datum"),),
    ),
    VisitCase(
        "a known residents association typed lowercase, polarisation, ik ga woensdag",
        "kort gebeld met petra. bewonersvereniging waterwijk wil een avond over polarisatie "
        "organiseren. ik ga woensdag het draaiboek sturen",
        people=("Petra de Boer",),
        organisation=("Bewonersvereniging Waterwijk", None),
        area="Waterwijk",
        follow_ups=(FollowUp("Het draaiboek sturen", "2026-12-02", "day"),),
        signals=("polarisatie",),
    ),
    VisitCase(
        "a father's mental health is a privacy word, a done referral is no follow-up",
        "Met Sandra van het wijkteam gesproken over een gezin in de Parkwijk waar de vader "
        "psychische problemen heeft. Doorverwezen naar het wijkteam.",
        people=("Sandra Pinas",),
        organisation=("wijkteam", "wijkteam"),
        area="Parkwijk",
        privacy=True,
    ),
    VisitCase(
        "lowercase 'in haven' is the district, a minister by name, half elf tomorrow",
        "bij de kerk in haven geweest, dominee Hans Visser zegt dat er veel eenzaamheid is "
        "onder ouderen. morgen om half 11 even bellen met de diaconie",
        people=("Hans Visser",),
        organisation=("kerk", "gebedshuis-kerk"),
        area="Almere Haven",
        follow_ups=(FollowUp("Bellen met de diaconie", "2026-11-30T10:30", "minute"),),
    ),
    VisitCase(
        "a list of names before en ik, a Moluccan church is an organisation",
        "Vorige week donderdag sleutelfigurenoverleg in Muziekwijk gehad. Ahmed, Petra en ik "
        "waren er, plus twee nieuwe mensen van de Molukse kerk. Goede sfeer.",
        people=("Ahmed El Idrissi", "Petra de Boer"),
        organisation=("Molukse kerk", "gebedshuis-kerk"),
        area="Muziekwijk",
        occurred="2026-11-19",
    ),
    VisitCase(
        "a phone call about a threat, two follow-ups sharing tomorrow morning",
        "Telefoon van Mohammed Yilmaz: er is weer een bedreiging binnengekomen bij de moskee via "
        "social media. Morgenochtend overleggen met Kees en de burgemeester informeren",
        people=("Mohammed Yilmaz",),
        organisation=("Moskee Al Fath", None),  # the register's only mosque
        follow_ups=(
            FollowUp("Overleggen met Kees", "2026-11-30T09:00", "hour"),
            FollowUp("De burgemeester informeren", "2026-11-30T09:00", "hour"),
        ),
        signals=("bedreiging",),
    ),
    VisitCase(
        "three people in a comma list and ik stuur on tuesday",
        "Vanmiddag met Fatima, Sandra en Marco gesproken in De Schakel over de kerstmarkt. Ik "
        "stuur iedereen dinsdag het verslag",
        people=("Fatima Bakkali", "Sandra Pinas", "Marco Verhoeven"),
        organisation=("De Schakel", None),
        occurred="2026-11-29",
        follow_ups=(FollowUp("Iedereen het verslag sturen", "2026-12-01", "day"),),
    ),
    VisitCase(
        "a job title before gebeld is not a name",
        "Imam gebeld over de iftar avond, hij is positief. Geen bijzonderheden",
    ),
    VisitCase(
        "a youth worker by title and name reports a fight yesterday evening",
        "Gisteravond appte jongerenwerker Marco dat er een ruzie was tussen twee groepen "
        "jongeren bij het Stadhuisplein. De wijkagent was erbij. Maandag samen met hem de "
        "situatie bespreken",
        people=("Marco Verhoeven",),
        occurred="2026-11-28",
        follow_ups=(FollowUp("Samen met hem de situatie bespreken", "2026-11-30", "day"),),
        signals=("ruzie",),
    ),
    VisitCase(
        "a new person, a new foundation and a meeting to plan",
        "Gesproken met Ricardo Martis, nieuwe voorzitter van stichting Kaboutertje in Almere "
        "Haven. Hij wil graag aansluiten bij het netwerk. Volgende week dinsdag "
        "kennismakingsgesprek inplannen",
        people=("Ricardo Martis",),
        organisation=("Kaboutertje", "overig"),
        area="Almere Haven",
        follow_ups=(FollowUp("Kennismakingsgesprek inplannen", "2026-12-01", "day"),),
    ),
    VisitCase(
        "two new first names at a known youth centre and a separable verb",
        "Had vanochtend een gesprek met Youssef en Karim van jongerencentrum De Brug. Zij merken "
        "dat jongeren zich gediscrimineerd voelen door de politie. Ik koppel het terug aan Kees",
        people=("Youssef", "Karim"),
        organisation=("De Brug", None),
        occurred="2026-11-29",
        follow_ups=(FollowUp("Het terugkoppelen aan Kees"),),
        signals=("gediscrimineerd",),
    ),
    VisitCase(
        "a full known name in lowercase and a mosque name before its type",
        "Afgelopen vrijdag met mohammed amrani bij de Al Fath moskee, hij heeft zorgen over zijn "
        "zoon die steeds meer radicale filmpjes kijkt. Ik meld het maandag bij het "
        "Veiligheidshuis",
        people=("Mohammed Amrani",),
        organisation=("Moskee Al Fath", None),
        occurred="2026-11-27",
        follow_ups=(FollowUp("Het bij het Veiligheidshuis melden", "2026-11-30", "day"),),
        signals=("zorgen", "radicale"),
    ),
    VisitCase(
        "a walk with the neighbourhood officer and a round again in two weeks",
        "Met wijkagent Kees door de Kruidenwijk gelopen. Rustig, wel wat overlast van "
        "hangjongeren bij de Kruidenhof. Over 2 weken weer een rondje lopen",
        people=("Kees Jansen",),
        area="Kruidenwijk",
        follow_ups=(FollowUp("Weer een rondje lopen", "2026-12-13", "day"),),
        signals=("overlast",),
    ),
    VisitCase(
        "english call yesterday about graffiti and a follow up at 3pm",
        "called Jan de Vries (police) yesterday about the graffiti on the synagogue in Stad-West. "
        "Follow up with Ruth on Thursday at 3pm",
        people=("Jan de Vries",),
        organisation=("police", "politie"),
        area="Stad-West",
        occurred="2026-11-28",
        follow_ups=(FollowUp("Follow up with Ruth", "2026-12-03T15:00", "hour"),),
        signals=("graffiti",),
    ),
    VisitCase(
        "an iftar at a known mosque is no privacy word and the alderman no person",
        "Vanochtend bij de iftar van moskee Al Fath. Mooie opkomst, ook de wethouder was er.",
        organisation=("Moskee Al Fath", None),
        occurred="2026-11-29",
    ),
    VisitCase(
        "a teacher at a known school, pupils and their faith, something to find out",
        "Gesprek gehad met Anouk de Jong, docent op De Regenboog in Almere Buiten, over "
        "leerlingen die elkaar uitschelden om hun geloof. Spanning in de klas. Ik moet nog even "
        "uitzoeken of er een gastles mogelijk is",
        people=("Anouk de Jong",),
        organisation=("OBS De Regenboog", None),
        area="Almere Buiten",
        follow_ups=(FollowUp("Uitzoeken of er een gastles mogelijk is"),),
        signals=("uitschelden", "spanning"),
        privacy=True,
    ),
    VisitCase(
        "two names before gesproken and an evaluation early january",
        "Ahmed en Fatima gesproken na de bijeenkomst in Literatuurwijk. Beiden positief over de "
        "samenwerking. Begin januari evalueren",
        people=("Ahmed El Idrissi", "Fatima Bakkali"),
        area="Literatuurwijk",
        follow_ups=(FollowUp("Evalueren", "2027-01-04", "day"),),  # 1-3 Jan: holiday, weekend
    ),
    VisitCase(
        "a foundation board member by title and a call at two on thursday",
        "Vandaag op bezoek geweest bij Stichting Sarnami in Danswijk. Gesproken met bestuurslid "
        "Ravi Ramcharan. Ze zoeken ruimte voor huiswerkbegeleiding. Ravi donderdag om 14.00 "
        "bellen",
        people=("Ravi Ramcharan",),
        organisation=("Sarnami", "overig"),
        area="Danswijk",
        occurred="2026-11-29",
        follow_ups=(FollowUp("Ravi bellen", "2026-12-03T14:00", "minute"),),
    ),
    VisitCase(
        "a signal to pass on and a question for monday, the municipality is no visit",
        "Telefonisch overleg met Hans. Hij hoorde dat er in Tussen de Vaarten pamfletten tegen de "
        "komst van het azc worden verspreid. Signaal doorgeven aan de gemeente en maandag "
        "navragen bij Petra",
        people=("Hans Visser",),
        area="Tussen de Vaarten",
        follow_ups=(
            FollowUp("Signaal doorgeven aan de gemeente"),
            FollowUp("Navragen bij Petra", "2026-11-30", "day"),
        ),
        signals=("signaal",),
    ),
    VisitCase(
        "gister in lowercase, almere stad and antisemitic slogans",
        "gister bij de synagoge in almere stad geweest met ruth, zorgen over antisemitische "
        "leuzen op de muur. politie is ingelicht",
        people=("Ruth Cohen",),
        organisation=("synagoge", "gebedshuis-synagoge"),
        area="Almere Stad",
        occurred="2026-11-28",
        signals=("zorgen", "antisemitische"),
    ),
    VisitCase(
        "angry residents, a grim mood and an evening to prepare with a partner",
        "Met Petra en 3 bewoners gesproken in Noorderplassen over de komst van een "
        "opvanglocatie. Sommige bewoners zijn boos, sfeer grimmig. Volgende week woensdag "
        "bewonersavond voorbereiden met De Brug",
        people=("Petra de Boer",),
        area="Noorderplassen",
        follow_ups=(FollowUp("Bewonersavond voorbereiden met De Brug", "2026-12-02", "day"),),
        signals=("boos", "grimmig"),
    ),
    VisitCase(
        "the day before yesterday at a hindu temple and a date without a month word",
        "Eergisteren met Dewi Ramdin gesproken bij de hindoetempel over Divali. Geen "
        "bijzonderheden. 8 december samen naar de buurtbijeenkomst gaan",
        people=("Dewi Ramdin",),
        organisation=("hindoetempel", "gebedshuis-tempel"),
        occurred="2026-11-27",
        follow_ups=(FollowUp("Samen naar de buurtbijeenkomst gaan", "2026-12-08", "day"),),
    ),
    VisitCase(
        "Fatima, Jan en ik and ik mail tomorrow",
        "Fatima, Jan en ik hebben gisteren de wijkschouw in Stad-Oost gedaan. Veel zwerfvuil, "
        "verder rustig. Ik mail de gebiedsmanager morgen de foto's",
        people=("Fatima Bakkali", "Jan de Vries"),
        area="Stad-Oost",
        occurred="2026-11-28",
        follow_ups=(FollowUp("De gebiedsmanager de foto's mailen", "2026-11-30", "day"),),
    ),
    VisitCase(
        "english visit to a community centre named by origin, a deadline by friday",
        "visited the Turkish community centre in Almere Hout with Mohammed Yilmaz. Some worries "
        "about youth unemployment. Need to send him the subsidy info by Friday",
        people=("Mohammed Yilmaz",),
        organisation=("Turkish community centre", "buurthuis"),
        area="Almere Hout",
        follow_ups=(FollowUp("Send him the subsidy info", "2026-12-04", "day"),),
        signals=("worries",),
    ),
    VisitCase(
        "a conversion written down about a person brings the privacy reminder",
        "Gebeld met Sandra, ze is vorige week bekeerd tot de islam en vindt het lastig op haar "
        "werk",
        people=("Sandra Pinas",),
        privacy=True,
    ),
    VisitCase(
        "worries about drug use and a drop-by on thursday afternoon",
        "Kort overleg met Marco over de jongeren in de Waterwijk, hij maakt zich zorgen over "
        "drugsgebruik. Donderdagmiddag langs bij het jongerencentrum",
        people=("Marco Verhoeven",),
        area="Waterwijk",
        follow_ups=(FollowUp("Langs bij het jongerencentrum", "2026-12-03T14:00", "hour"),),
        signals=("zorgen",),
    ),
    VisitCase(
        "a new youth worker without a name and a survey before a date",
        "Bij buurthuis De Schakel met de nieuwe opbouwwerker gesproken. Er is behoefte aan een "
        "training over omgaan met polariserende discussies. Peiling uitzetten onder partners "
        "voor 15 januari",
        organisation=("De Schakel", None),
        follow_ups=(FollowUp("Peiling uitzetten onder partners", "2027-01-15", "day"),),
        signals=("polariserende",),
    ),
    VisitCase(
        "a known and a new person with a title, unrest in Oosterwold, a meeting at nine",
        "Met Kees Jansen en wijkcoach Linda Bos gesproken over de onrust rond het azc in "
        "Oosterwold. Volgende week vrijdag om 9 uur overleg met de gebiedsmanager plannen",
        people=("Kees Jansen", "Linda Bos"),
        area="Oosterwold",
        follow_ups=(FollowUp("Overleg met de gebiedsmanager plannen", "2026-12-04T09:00",
                             "hour"),),
        signals=("onrust",),
    ),
    VisitCase(
        "origin and depression written about people, a negated signal",
        "Gisteren met Ahmed gesproken. Hij is Marokkaans en zijn broer is depressief. Geen "
        "signaal verder",
        people=("Ahmed El Idrissi",),
        occurred="2026-11-28",
        privacy=True,
    ),
    VisitCase(
        "a full known name lowercase in a lowercase wijk and an agenda to send tomorrow",
        "vanochtend koffie met petra de boer in de nobelhorst, alles rustig. morgen de agenda "
        "van het gebiedsoverleg naar haar sturen",
        people=("Petra de Boer",),
        area="Nobelhorst",
        occurred="2026-11-29",
        follow_ups=(FollowUp("De agenda van het gebiedsoverleg naar haar sturen", "2026-11-30",
                             "day"),),
    ),
    VisitCase(
        "an imam by first name, a mosque by name, tensions last month and a deadline",
        "Met imam Yusuf en de voorzitter van moskee Ar-Rahman in Almere Haven gesproken over de "
        "gezamenlijke herdenking. Er waren spanningen na het incident bij de kerk vorige maand. "
        "Uiterlijk 10 december uitnodiging versturen voor het interreligieus overleg",
        people=("Yusuf",),
        organisation=("Ar-Rahman", "gebedshuis-moskee"),
        area="Almere Haven",
        follow_ups=(FollowUp("Uitnodiging versturen voor het interreligieus overleg",
                             "2026-12-10", "day"),),
        signals=("spanningen", "incident"),
    ),
    VisitCase(
        "belde met, a wijk with a hyphen and an evaluation in a month",
        "Belde met Kees over de jongeren bij winkelcentrum Stad-Centrum. Het is rustiger sinds "
        "de camera er hangt. Over een maand opnieuw evalueren met hem en Marco",
        people=("Kees Jansen",),
        area="Stad-Centrum",
        follow_ups=(FollowUp("Opnieuw evalueren met hem en Marco", "2026-12-29", "day"),),
    ),
    VisitCase(
        "a greeting first, a sikh couple and something to take to a meeting",
        "hoi, gisteren met gurpreet en zijn vrouw in de gurdwara geweest. ze zijn sikh en voelen "
        "zich niet welkom in de buurt. ik wil dit meenemen naar het sleutelfigurenoverleg",
        people=("Gurpreet Singh",),
        organisation=("gurdwara", "gebedshuis-gurdwara"),
        occurred="2026-11-28",
        follow_ups=(FollowUp("Dit meenemen naar het sleutelfigurenoverleg"),),
        privacy=True,
    ),
    VisitCase(
        "a rabbi by name, a jewish congregation is an organisation not a privacy word",
        "Gesprek met rabbijn Levi en Ruth van de Joodse Gemeente Almere over beveiliging rond "
        "Chanoeka. Ze maken zich zorgen na de bedreigingen in Amsterdam. Volgende week dinsdag "
        "om 11:00 overleg met politie inplannen",
        people=("Levi", "Ruth Cohen"),
        organisation=("Joodse Gemeente Almere", None),
        follow_ups=(FollowUp("Overleg met politie inplannen", "2026-12-01T11:00", "minute"),),
        signals=("zorgen", "bedreigingen"),
    ),
    VisitCase(
        "a known association, a new volunteer and ik neem contact op",
        "Langs geweest bij bewonersvereniging Waterwijk, gesproken met Petra en een nieuwe "
        "vrijwilliger Tom. Ik neem volgende week contact op met Tom over de buurtapp",
        people=("Petra de Boer", "Tom"),
        organisation=("Bewonersvereniging Waterwijk", None),
        area="Waterwijk",
        follow_ups=(FollowUp("Contact opnemen met Tom over de buurtapp", "2026-11-30", "week"),),
    ),
    VisitCase(
        "a call with the minister about christmas and ik app vrijdag",
        "Met Hans gebeld over de kerstviering in de kerk. Ik app hem vrijdag de tijden",
        people=("Hans Visser",),
        organisation=("kerk", "gebedshuis-kerk"),
        follow_ups=(FollowUp("Hem de tijden appen", "2026-12-04", "day"),),
    ),
    VisitCase(
        "an unnamed resident, intimidation and two follow-ups in one sentence",
        "Vanochtend in de Filmwijk een buurtbewoner gesproken die bang is voor zijn dochter "
        "sinds de intimidatie op straat. Doorverwijzen naar wijkteam, morgen bellen",
        area="Filmwijk",
        occurred="2026-11-29",
        follow_ups=(
            FollowUp("Doorverwijzen naar wijkteam"),
            FollowUp("Bellen", "2026-11-30", "day"),
        ),
        signals=("intimidatie",),
    ),
    VisitCase(
        "an appointment at the mosque is a follow-up, not the visit's organisation",
        "met Ahmed gebeld, vrijdag om 10 uur afspraak bij de moskee",
        people=("Ahmed El Idrissi",),
        follow_ups=(FollowUp("Afspraak bij de moskee", "2026-12-04T10:00", "hour"),),
    ),
    VisitCase(
        "english call this morning about a demonstration and a callback tomorrow afternoon",
        "Quick call with Petra this morning: residents in Almere Haven are worried about a "
        "planned demonstration. Call her back tomorrow afternoon",
        people=("Petra de Boer",),
        area="Almere Haven",
        occurred="2026-11-29",
        follow_ups=(FollowUp("Call her back", "2026-11-30T14:00", "hour"),),
        signals=("worried", "demonstration"),
    ),
    VisitCase(
        "a typo in a known name after met and a person's christian faith",
        "Gesprek met Fatma over haar zorgen rond de Kerstmarkt, er was vorig jaar gedoe. Ze is "
        "zelf christelijk en wil graag helpen. Tot volgende keer",
        people=("Fatima Bakkali",),
        signals=("zorgen",),
        privacy=True,
    ),
    VisitCase(
        "a visit in note style with a wijk in brackets and an action in a month",
        "Bezocht: jongerencentrum De Brug (Parkwijk). Gesproken met Marco en jongerenwerker "
        "Samira. Ze zien meer polarisatie online na de oorlog in Gaza. Actie: training "
        "mediawijsheid organiseren in februari",
        people=("Marco Verhoeven", "Samira"),
        organisation=("De Brug", None),
        area="Parkwijk",
        follow_ups=(FollowUp("Training mediawijsheid organiseren", "2027-02-01", "month"),),
        signals=("polarisatie",),
    ),
    VisitCase(
        "youths named by origin and a square named after its wijk",
        "Met Mohammed Amrani gesproken over de Marokkaanse jongeren die rondhangen bij het "
        "Stedenwijkplein. Volgende week met hem en Kees om tafel",
        people=("Mohammed Amrani",),
        area="Stedenwijk",
        follow_ups=(FollowUp("Met hem en Kees om tafel", "2026-11-30", "week"),),
        privacy=True,
    ),
    VisitCase(
        "the shortest message: today a name and gebeld",
        "Vandaag Kees gebeld",
        people=("Kees Jansen",),
        occurred="2026-11-29",
    ),
    VisitCase(
        "sprak ik, a wijk inside a stadsdeel and two follow-ups sharing a date",
        "Tijdens het gebiedsoverleg in Almere Buiten sprak ik Sandra Pinas en Ahmed. Zorgen over "
        "de sluiting van het buurthuis in de Bloemenbuurt. 7 december terugkoppelen aan de "
        "wethouder en de nieuwsbrief sturen",
        people=("Sandra Pinas", "Ahmed El Idrissi"),
        area="Bloemenbuurt",
        follow_ups=(
            FollowUp("Terugkoppelen aan de wethouder", "2026-12-07", "day"),
            FollowUp("De nieuwsbrief sturen", "2026-12-07", "day"),
        ),
        signals=("zorgen",),
    ),
    VisitCase(
        "a new residents committee with its chairman, no tensions, contact again late january",
        "Oosterwold: kennismaking met de nieuwe bewonerscommissie, voorzitter Erik van Dam. Ze "
        "willen een buurtpreventie-app. Geen spanningen. Eind januari weer contact",
        people=("Erik van Dam",),
        organisation=("bewonerscommissie", "bewonersorganisatie"),
        area="Oosterwold",
        follow_ups=(FollowUp("Weer contact", "2027-01-25", "day"),),
    ),
    VisitCase(
        "english with met as a verb, hate mail and ill call monday at nine",
        "Met the imam of the Turkish mosque in Almere Stad today. He's concerned about hate "
        "mail. I'll call Kees on Monday at 9",
        organisation=("Turkish mosque", "gebedshuis-moskee"),
        area="Almere Stad",
        occurred="2026-11-29",
        follow_ups=(FollowUp("Call Kees", "2026-11-30T09:00", "hour"),),
        signals=("concerned", "hate"),
    ),
    VisitCase(
        "english, nothing special and no follow-up needed",
        "Had a chat with Dewi and Sandra at the library in Stedenwijk, nothing special. No "
        "follow-up needed",
        people=("Dewi Ramdin", "Sandra Pinas"),
        area="Stedenwijk",
    ),
    VisitCase(
        "geen vervolgactie nodig is not a follow-up",
        "Vandaag met Jan gesproken. Geen vervolgactie nodig.",
        people=("Jan de Vries",),
        occurred="2026-11-29",
    ),
    VisitCase(
        "zorgvuldig and zorgen voor are not signals, their plans are not my follow-ups",
        "Bij de moskee in de Kruidenwijk geweest. Ze willen de buurt zorgvuldig informeren over "
        "de verbouwing en zorgen voor koffie bij de open dag. Prima contact",
        organisation=("Moskee Al Fath", None),  # the register's only mosque
        area="Kruidenwijk",
    ),
]


HELD_OUT: list[VisitCase] = [
    VisitCase(
        "held out: a lowercase known mosque, a penningmeester and a monday callback",
        "gisteren langs geweest bij moskee al fath, gesproken met ahmed en de penningmeester. ze "
        "maken zich zorgen over de spanningen na de brand bij de moskee in Zwolle. volgende week "
        "maandag terugbellen",
        people=("Ahmed El Idrissi",),
        organisation=("Moskee Al Fath", None),
        occurred="2026-11-28",
        follow_ups=(FollowUp("Terugbellen", "2026-11-30", "day"),),
        signals=("zorgen", "spanningen"),
    ),
    VisitCase(
        "held out: two titled people on a walk and ik bel at a quarter past three",
        "Met wijkagent Kees en jongerenwerker Samir door de Stripheldenbuurt gelopen na meldingen "
        "van overlast. Jongeren werden weggestuurd. Ik bel Samir donderdag om kwart over 3",
        people=("Kees Jansen", "Samir"),
        area="Stripheldenbuurt",
        follow_ups=(FollowUp("Samir bellen", "2026-12-03T15:15", "minute"),),
        signals=("overlast",),
    ),
    VisitCase(
        "held out: an initial and a surname at the gurdwara last wednesday",
        "Afgelopen woensdag gesproken met G. Singh bij de gurdwara in Almere Poort over de langar "
        "voor daklozen. Positief. Begin januari nieuwsbrief sturen",
        people=("Gurpreet Singh",),
        organisation=("gurdwara", "gebedshuis-gurdwara"),
        area="Almere Poort",
        occurred="2026-11-25",
        follow_ups=(FollowUp("Nieuwsbrief sturen", "2027-01-04", "day"),),  # working day
    ),
    VisitCase(
        "held out: english call, tensions between neighbours and a check next week",
        "called Fatima this morning, she is worried about tensions between neighbours in the "
        "Muziekwijk. need to check with the housing association next week",
        people=("Fatima Bakkali",),
        area="Muziekwijk",
        occurred="2026-11-29",
        follow_ups=(FollowUp("Check with the housing association", "2026-11-30", "week"),),
        signals=("worried", "tensions"),
    ),
    VisitCase(
        "held out: a minister by surname, a parishioner's depression, not wel",
        "Gesproken met dominee Visser van de Protestantse kerk in Haven. Hij vertelde dat een "
        "gemeentelid depressief is en zich terugtrekt. Niet verder vastleggen, wel over twee "
        "weken even bellen",
        people=("Hans Visser",),
        organisation=("Protestantse kerk", "gebedshuis-kerk"),
        area="Almere Haven",
        follow_ups=(FollowUp("Bellen", "2026-12-13", "day"),),
        privacy=True,
    ),
    VisitCase(
        "held out: a football club, racist chants and an appointment at four",
        "Vanmiddag met Youssef Amrani van voetbalclub Almere City Juniors gesproken, er waren "
        "racistische spreekkoren bij een wedstrijd. Vrijdag om 16:00 afspraak met het bestuur",
        people=("Youssef Amrani",),
        organisation=("Almere City Juniors", "sport"),
        occurred="2026-11-29",
        follow_ups=(FollowUp("Afspraak met het bestuur", "2026-12-04T16:00", "minute"),),
        signals=("racistische",),
    ),
    VisitCase(
        "held out: jan belde, restlessness and two actions tomorrow morning",
        "Jan belde: onrustig in de Regenboogbuurt na de inbraakgolf, bewoners willen een "
        "buurtwhatsapp. Ik stuur hem morgenochtend de handreiking en plan daarna een "
        "bewonersavond",
        people=("Jan de Vries",),
        area="Regenboogbuurt",
        follow_ups=(
            FollowUp("Hem de handreiking sturen", "2026-11-30T09:00", "hour"),
            FollowUp("Een bewonersavond plannen", "2026-11-30T09:00", "hour"),
        ),
        signals=("onrustig",),
    ),
    VisitCase(
        "held out: a first name and a surname initial, recruitment online, a concern to share",
        "Kort gesprek met Mohammed Y. na het vrijdaggebed. Hij is bezorgd over jongeren die "
        "online worden geronseld. Zorg delen in het sleutelfigurenoverleg van 16 december",
        people=("Mohammed Yilmaz",),
        follow_ups=(FollowUp("Zorg delen in het sleutelfigurenoverleg", "2026-12-16", "day"),),
        signals=("bezorgd", "zorg"),
    ),
    VisitCase(
        "held out: english at a known community centre yesterday evening, no tensions",
        "Spoke to Sandra and Marco at De Schakel yesterday evening about the Sinterklaas party. "
        "All good, no tensions. Send the invitation to all partners on Tuesday",
        people=("Sandra Pinas", "Marco Verhoeven"),
        organisation=("De Schakel", None),
        occurred="2026-11-28",
        follow_ups=(FollowUp("Send the invitation to all partners", "2026-12-01", "day"),),
    ),
    VisitCase(
        "held out: a group of mothers, a jewish woman harassed, a report at the police",
        "vandaag in de Seizoenenbuurt met een groepje moeders gesproken, een van hen is joods en "
        "wordt nageroepen op straat. Melding gemaakt bij de politie. Dinsdag navragen bij Kees",
        area="Seizoenenbuurt",
        occurred="2026-11-29",
        follow_ups=(FollowUp("Navragen bij Kees", "2026-12-01", "day"),),
        signals=("nageroepen",),
        privacy=True,
    ),
]
