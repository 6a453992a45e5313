"""The words of the special-category guard (GDPR art. 9 and 10), by category and by how they
may be used about a person.

Kinds, so that one table decides both what a word means and when it is about a person:

- PERSON: names a category of a person or a condition a person has ("moslim", "marokkaans",
  "diabetes", "strafblad"). A statement unless the context makes it an organisation, a group
  as a theme or the topic of a talk ("de Turkse moskee", "voorlichting over diabetes").
- HELD: a condition or a sanction a person has ("diabetes", "taakstraf", "hoofddoek"): a
  statement when the sentence names a person ("ze heeft diabetes"), a theme when it does not
  ("de griep heerst in de wijk").
- PREDICATE: only when said of a person ("hij is rechts", "zijn zoon is doof",
  "donkere jongens"); bare, these words are too common ("links af", "het is donker").
- TOPIC: only with a possessive or "van <person>" ("zijn geloof", "haar afkomst").
- NAME: a party, a union or a care organisation: only with membership or voting words
  ("lid van de PVV", "ze zit bij de FNV") or in a compound about a person ("PVV-stemmer").

Words are written with accents; lookups strip them. Inflections come from simplemma; forms it
does not know are listed.
"""

from __future__ import annotations

PERSON = "person"
PREDICATE = "predicate"
TOPIC = "topic"
HELD = "held"
NAME = "name"


def words(block: str) -> tuple[str, ...]:
    """The whitespace-separated terms of a block."""
    return tuple(block.split())

_RELIGION_PERSON = """
moslim moslima islamiet islamitisch muzelman ex-moslim
christen christelijk katholiek rooms-katholiek roomskatholiek protestant protestants
gereformeerd hervormd vrijgemaakt evangelisch evangelist pinkstergelovige pinksterchristen
pinkstergemeentelid baptistisch adventist zevendedagsadventist mormoon jehova
jehova's jehovagetuige anglicaans lutheraans luthers doopsgezind mennoniet remonstrants calvinist
calvinistisch orthodox grieks-orthodox russisch-orthodox syrisch-orthodox koptisch kopt
kerkganger moskeeganger kerks kerkelijk
joods jood jodin chassidisch
hindoe hindoeïstisch sikh boeddhist boeddhistisch rastafari
atheïst atheïstisch agnost agnostisch humanist humanistisch
soenniet soennitisch soenni sunni sjiiet sjiitisch sjia shia alevitisch aleviet alevi
ahmadiyya salafist salafistisch salafi wahabist wahabi soefi
gelovig ongelovig praktiserend religieus bekeerd bekeerling afvallig gedoopt
muslim jewish jew hindu buddhist atheist catholic protestant religious devout
evangelical
gesluierd rk
"""
_RELIGION_PREDICATE = "christian ahmadi baptist vroom"
_RELIGION_HELD = """
hoofddoek hoofddoekje niqaab niqab boerka burka keppel keppeltje tulband
hadj hadzj umrah bedevaart communie vormsel belijdenis
"""
_RELIGION_TOPIC = """
geloof religie godsdienst levensovertuiging geloofsovertuiging levensbeschouwing kerk moskee
synagoge tempel parochie gebedshuis ramadan vasten bekering faith religion
"""

_ORIGIN_PERSON = """
marokkaan marokkaans amazigh riffijn riffijns turk turks koerd koerdisch
surinamer surinaams hindostaan hindostaans hindoestaan hindoestaans creool creools javaan
javaans marron antilliaan antilliaans curaçaoënaar curaçaos arubaan arubaans kaapverdiaan
kaapverdiaans kaapverdisch molukker moluks indo indonesiër indonesisch
vietnamees somaliër somalisch somali eritreeër eritrees ethiopiër ethiopisch soedanees
syriër syrisch irakees iraaks iraniër iraans perzisch afghaan afghaans pakistaan pakistaans
indiër indiaas egyptenaar egyptisch algerijn algerijns tunesiër tunesisch libiër libisch
libanees palestijn palestijns israëli israëlisch jemeniet arabier arabisch pools
bulgaar bulgaars roemeen roemeens hongaar hongaars oekraïner oekraïens russisch litouwer
litouws portugees braziliaan braziliaans colombiaan ghanees nigeriaan nigeriaans kameroener
congolees angolees afrikaan aziaat aziatisch latino roma sinti zigeuner woonwagenbewoner
allochtoon autochtoon buitenlander migrant immigrant bicultureel getint
migratieachtergrond migrantenachtergrond
moroccan turkish surinamese somalian syrian polish kurdish afghan eritrean ethnic immigrant
niet-westers nietwesters
"""
_ORIGIN_PREDICATE = """
nederlands nederlander donker zwart blank wit chinees indisch pool berber berbers
berberse rus
"""
_ORIGIN_TOPIC = "afkomst herkomst roots komaf nationaliteit etniciteit huidskleur ethnicity"

_POLITICS_PERSON = """
partijlid extreemrechts extreemlinks rechts-extremist links-extremist communist communistisch
socialist socialistisch fascist fascistisch nationalist nationalistisch nazi neonazi anarchist
marxist populist
"""
_POLITICS_PREDICATE = "rechts links conservatief progressief liberaal rechtse linkse"
_POLITICS_TOPIC = "politiek partij stemgedrag"
PARTIES = """
pvv vvd cda d66 sp denk fvd groenlinks gl pvda gl-pvda groenlinks-pvda bbb ja21 sgp
christenunie cu pvdd volt nsc bij1 50plus nida leefbaar wilders baudet yesilgoz
"""

_ORIENTATION_PERSON = """
homo homoseksueel homosexueel homofiel gay lesbisch lesbienne lesbo biseksueel bisexueel
bisexual panseksueel
aseksueel queer transgender transvrouw transman transseksueel non-binair nonbinair
interseksueel lhbti lhbtiq lhbtiq+ lgbt lgbtq flikker lesbian homosexual
hetero heteroseksueel heterosexual
"""
_ORIENTATION_PREDICATE = "bi trans"
_ORIENTATION_TOPIC = "geaardheid seksualiteit sexuality"

_HEALTH_PERSON = """
ziek zieke ziekgemeld doodziek depressief depri overspannen psychisch psychiatrisch psychotisch
schizofreen bipolair manisch manisch-depressief borderline borderliner getraumatiseerd
autistisch autist lvb lvb'er gehandicapt invalide rolstoelgebonden slechtziend slechthorend
dement dementerend epileptisch diabeet diabetisch hartpatiënt hiv-positief zwanger
onvruchtbaar verslaafd verslaafde junkie alcoholist gokverslaafd afkicken suïcidaal
geopereerd arbeidsongeschikt patiënt
depressed schizophrenic bipolar autistic diabetic pregnant disabled addicted addict
alcoholic hospitalised hospitalized
uitbehandeld hoogzwanger
"""
_HEALTH_HELD = """
depressie depressiviteit burn-out burnout psychose schizofrenie persoonlijkheidsstoornis
angststoornis paniekstoornis paniekaanval paniekaanvallen dwangstoornis ocd ptss trauma adhd
autisme asperger pdd-nos handicap rolstoel dementie alzheimer parkinson epilepsie diabetes
suikerziekte kanker tumor leukemie chemo chemotherapie bestraling hartaanval hartinfarct
herseninfarct beroerte copd astma hiv aids hepatitis soa tbc corona covid griep zwangerschap
miskraam abortus ivf anorexia boulimia eetstoornis obesitas verslaving alcoholisme
drankprobleem drugsprobleem alcoholprobleem gokprobleem gokverslaving methadon suïcide
zelfmoordpoging zelfmoordgedachten suïcidepoging automutilatie zelfbeschadiging antidepressiva
hersenletsel wajong ziektewet overgewicht hartproblemen hartklachten rugklachten
hernia migraine allergie
illness depression anxiety schizophrenia autism cancer disability addiction dementia ptsd
wheelchair
hoortoestel rollator scootmobiel
"""
_HEALTH_PREDICATE = "blind doof opgenomen verkouden junk terminaal sick ill"
_HEALTH_TOPIC = """
gezondheid ziekte ziektebeeld diagnose medicatie medicijnen pillen therapie
psycholoog psychiater behandelaar aandoening kwaal beperking operatie revalidatie health
medication
"""
CARE_NAMES = "ggz ggz-instelling"

_UNION_PERSON = """
vakbondslid vakbondsleden vakbondsman vakbondsvrouw vakbondsbestuurder vakbondsactivist
vakbondskaderlid kaderlid gesyndiceerd bondslid unionist vakbondslidmaatschap
vakbondsafgevaardigde vakbondsvertegenwoordiger kaderleden fnv'er cnv'er
"""
_UNION_TOPIC = "vakbond"
UNIONS = """
fnv cnv vcp aob abvakabo nu'91 nu91 fbz vakbond vakcentrale union
"""

_CRIME_PERSON = """
crimineel ex-crimineel gedetineerd gedetineerde ex-gedetineerde exgedetineerde gevangene
ex-gevangene veroordeelde tbs'er veelpleger draaideurcrimineel delinquent
jeugddelinquent justitiabele vastgezeten bajesklant convicted inmate ex-con
"""
_CRIME_HELD = """
strafblad taakstraf werkstraf celstraf gevangenisstraf jeugdstraf leerstraf enkelband tbs
voorarrest hechtenis detentie strafzaak contactverbod gebiedsverbod locatieverbod meldplicht
probation
dagvaarding proces-verbaal
"""
_CRIME_PREDICATE = """
verdachte verdacht opgepakt gearresteerd aangehouden veroordeeld vrijgelaten arrested jailed
"""
_CRIME_TOPIC = "gevangenis straf veroordeling arrestatie"
CRIME_NAMES = "reclassering"

COUNTRIES = """
marokko turkije suriname syrië somalië eritrea ethiopië afghanistan irak iran polen ghana
nigeria curaçao aruba bonaire antillen china indonesië pakistan india egypte algerije tunesië
libië soedan oekraïne rusland bulgarije roemenië hongarije koerdistan kaapverdië molukken
jemen libanon palestina gaza israël congo angola kameroen vietnam colombia brazilië
morocco turkey syria somalia ethiopia iraq poland china pakistan egypt algeria tunisia libya
sudan ukraine russia bulgaria romania hungary kurdistan yemen lebanon palestine israel
"""

# Category -> kind -> words.
LEXICON: dict[str, dict[str, str]] = {
    "religie": {PERSON: _RELIGION_PERSON, HELD: _RELIGION_HELD, PREDICATE: _RELIGION_PREDICATE,
                TOPIC: _RELIGION_TOPIC},
    "afkomst": {PERSON: _ORIGIN_PERSON, PREDICATE: _ORIGIN_PREDICATE, TOPIC: _ORIGIN_TOPIC},
    "politiek": {PERSON: _POLITICS_PERSON, PREDICATE: _POLITICS_PREDICATE,
                 TOPIC: _POLITICS_TOPIC, NAME: PARTIES},
    "gezondheid": {PERSON: _HEALTH_PERSON, HELD: _HEALTH_HELD, PREDICATE: _HEALTH_PREDICATE,
                   TOPIC: _HEALTH_TOPIC, NAME: CARE_NAMES},
    "geaardheid": {PERSON: _ORIENTATION_PERSON, PREDICATE: _ORIENTATION_PREDICATE,
                   TOPIC: _ORIENTATION_TOPIC},
    "vakbond": {PERSON: _UNION_PERSON, TOPIC: _UNION_TOPIC, NAME: UNIONS},
    "strafrecht": {PERSON: _CRIME_PERSON, HELD: _CRIME_HELD, PREDICATE: _CRIME_PREDICATE,
                   TOPIC: _CRIME_TOPIC, NAME: CRIME_NAMES},
}

# Nouns for people: after a category adjective ("marokkaanse jongens") or as the head of a
# compound ("moslimjongeren", "diabetespatiënt", "pvv-stemmer") they make it about persons.
PERSON_HEADS = frozenset(words("""
jongen jongens jongeren jongere jochie jochies knul knullen gast gasten meid meiden meisje
meisjes man mannen vrouw vrouwen heer dame mevrouw meneer persoon personen mens mensen
mw mevr mvr dhr vader vaders moeder moeders ouder ouders zoon zonen dochter dochters
broer broers zus zussen
 kind kinderen baby tiener tieners puber pubers leerling leerlingen student studenten
scholier scholieren buurman buurvrouw buren buurtbewoner buurtbewoners bewoner bewoners
huurder huurders gezin gezinnen familie families echtgenoot echtgenote partner vriend vrienden
vriendin vriendinnen neef neven nicht nichten oom ooms tante tantes opa oma grootouders
collega collega's klant klanten cliënt cliënten patiënt patiënten stemmer stemmers kiezer
fan fans kiezers aanhanger aanhangers lid leden jongeman jongemannen stel koppel tweeling
deelnemer deelnemers vrijwilliger vrijwilligers sleutelfiguur sleutelfiguren ondernemer
ondernemers winkelier eigenaar bezoeker bezoekers gelovige gelovigen
boy boys girl girls man men woman women guy guys people youth father mother son daughter
brother sister neighbour neighbor family client patient member voter
"""))

# After a category word these make it an organisation, a group or a thing, not a person.
NON_PERSON_WORDS = frozenset(words("""
gemeenschap gemeenschappen community communities organisatie organisaties vereniging
verenigingen stichting stichtingen verbond centrum centra omroep feest feesten feestdag
feestdagen les
lessen winkel winkels bakker bakkerij slager slagerij restaurant restaurants supermarkt
keuken eten gerecht gerechten thee koffie cultuur taal muziek gemeente koor school scholen
basisschool kerk kerken moskee moskeeën tempel synagoge onderwijs partij partijen bond club
clubs zender kliniek klinieken instelling instellingen afdeling zorg zorgverlening
voorlichting avond avonden bijeenkomst bijeenkomsten dienst diensten fonds week dag dagen
vereniging kring raad bestuur federatie koepel stichting huis huizen buurthuis wijk wijken
buurt buurten markt bruiloft begraafplaats boek boeken bijbel koran les vlag vlaggen
organisation organization association congregation festival party centre center church
mosque food music school restaurant shop union organisations organizations institutions
groups
afkomst herkomst achtergrond roots komaf origine
"""))

# Nouns that, after a category adjective, say where a person comes from or what they believe:
# "van Marokkaanse afkomst", "een islamitische achtergrond".
ORIGIN_NOUNS = frozenset(words("afkomst herkomst achtergrond roots komaf origine opvoeding"))

# Religious offices: "islamitische geestelijke", "christelijke predikant" name the office (its
# religion goes with the job), not a private belief of the person.
JOBS = frozenset(words("""
imam imams predikant predikanten pastoor pastoors dominee dominees rabbijn rabbijnen pandit
priester priesters pater diaken ouderling geestelijke geestelijken voorganger voorgangers
"""))


def term_count() -> dict[str, int]:
    """How many distinct terms each category has (lemmas and listed forms)."""
    counts: dict[str, int] = {}
    for category, kinds in LEXICON.items():
        counts[category] = len({term for block in kinds.values() for term in words(block)})
    return counts
