"""Organisation types: a controlled list, each with the network it usually belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Network


@dataclass(frozen=True)
class OrgType:
    code: str
    label_nl: str
    label_en: str
    network: Network | None  # None: could be either, the coordinator chooses
    words: tuple[str, ...]  # how people write it in a message


ORG_TYPES: tuple[OrgType, ...] = (
    OrgType("gebedshuis-moskee", "gebedshuis – moskee", "place of worship – mosque",
            Network.INFORMAL, ("moskee", "moskeeën", "mosque", "moskeevereniging", "masjid")),
    OrgType("gebedshuis-kerk", "gebedshuis – kerk", "place of worship – church",
            Network.INFORMAL, ("kerk", "parochie", "gemeente kerk", "church", "kerkgemeente",
                               "kerkgenootschap", "evangeliegemeente", "pinkstergemeente",
                               "baptistengemeente")),
    OrgType("gebedshuis-synagoge", "gebedshuis – synagoge", "place of worship – synagogue",
            Network.INFORMAL, ("synagoge", "sjoel", "synagogue")),
    OrgType("gebedshuis-tempel", "gebedshuis – tempel", "place of worship – temple",
            Network.INFORMAL, ("tempel", "mandir", "temple", "hindoetempel", "vihara")),
    OrgType("gebedshuis-gurdwara", "gebedshuis – gurdwara", "place of worship – gurdwara",
            Network.INFORMAL, ("gurdwara", "gurudwara")),
    OrgType("levensbeschouwelijk", "levensbeschouwelijke organisatie", "belief organisation",
            Network.INFORMAL, ("levensbeschouwelijk", "humanistisch")),
    OrgType("zelforganisatie", "migranten- of zelforganisatie", "community self-organisation",
            Network.INFORMAL, ("zelforganisatie", "migrantenorganisatie",
                               "migrantenvereniging")),
    OrgType("bewonersorganisatie", "bewonersorganisatie", "residents' association",
            Network.INFORMAL, ("bewonersvereniging", "bewonerscommissie", "bewonersraad",
                               "bewonersplatform", "buurtvereniging", "huurdersvereniging",
                               "residents association", "residents' association")),
    OrgType("buurthuis", "buurthuis / wijkcentrum", "community centre",
            Network.FORMAL, ("buurthuis", "wijkcentrum", "buurtcentrum", "community centre",
                             "community center", "wijkhuis", "buurtkamer",
                             "ontmoetingscentrum")),
    OrgType("jongerenwerk", "jongerenwerk", "youth work",
            Network.FORMAL, ("jongerenwerk", "jeugdwerk", "youth work", "jongerencentrum",
                             "jongerenhuis", "youth centre", "youth center")),
    OrgType("welzijn", "welzijn", "welfare", Network.FORMAL, ("welzijn", "welzijnsorganisatie")),
    OrgType("wijkteam", "wijkteam", "neighbourhood team", Network.FORMAL, ("wijkteam",)),
    OrgType("school", "school / onderwijs", "school", Network.FORMAL,
            ("school", "basisschool", "mbo", "hogeschool", "college", "obs", "cbs", "roc",
             "lyceum", "gymnasium")),
    OrgType("sport", "sportvereniging", "sports club", Network.INFORMAL,
            ("sportvereniging", "voetbalclub", "sportschool", "club", "voetbalvereniging",
             "sportclub", "football club")),
    OrgType("woningcorporatie", "woningcorporatie", "housing association", Network.FORMAL,
            ("woningcorporatie", "corporatie", "woningbouwvereniging", "housing association")),
    OrgType("politie", "politie", "police", Network.FORMAL,
            ("politie", "police", "politiebureau")),
    OrgType("zorg", "zorg / GGD", "health", Network.FORMAL, ("ggd", "huisartsenpraktijk", "ggz")),
    OrgType("gemeente", "gemeente", "municipality", Network.FORMAL,
            ("gemeente", "municipality")),
    # A foundation or association can be anything; the coordinator sets the type.
    OrgType("overig", "overig", "other", None, ("stichting", "vereniging", "foundation")),
)

BY_CODE = {t.code: t for t in ORG_TYPES}


# Job titles written before a name ("met wijkagent Kees Jansen"): they are not part of the
# name and say which kind of organisation the person works for (None: could be any).
ROLE_WORDS: dict[str, str | None] = {
    "wijkagent": "politie", "agent": "politie", "politieagent": "politie",
    "jongerenwerker": "jongerenwerk", "jongerencoach": "jongerenwerk",
    "straatcoach": "jongerenwerk", "gebiedsmanager": "gemeente", "gebiedsregisseur": "gemeente",
    "wijkregisseur": "gemeente", "wijkmanager": "gemeente", "ambtenaar": "gemeente",
    "wethouder": "gemeente", "burgemeester": "gemeente", "handhaver": "gemeente",
    "boa": "gemeente", "wijkcoach": "welzijn", "buurtcoach": "welzijn",
    "opbouwwerker": "welzijn", "buurtsportcoach": "sport", "trainer": "sport",
    "imam": "gebedshuis-moskee", "pastoor": "gebedshuis-kerk", "dominee": "gebedshuis-kerk",
    "predikant": "gebedshuis-kerk", "priester": "gebedshuis-kerk", "pater": "gebedshuis-kerk",
    "ouderling": "gebedshuis-kerk", "diaken": "gebedshuis-kerk",
    "rabbijn": "gebedshuis-synagoge", "pandit": "gebedshuis-tempel",
    "granthi": "gebedshuis-gurdwara", "voorganger": None,
    "docent": "school", "leerkracht": "school", "mentor": "school", "schoolleider": "school",
    "directeur": None, "huisarts": "zorg", "wijkverpleegkundige": "zorg", "voorzitter": None,
    "bestuurslid": None, "bestuurder": None, "secretaris": None, "penningmeester": None,
    "coördinator": None, "coordinator": None, "vrijwilliger": None, "teamleider": None,
    "rabbi": "gebedshuis-synagoge", "priest": "gebedshuis-kerk",
    "pastor": "gebedshuis-kerk", "teacher": "school", "principal": "school",
    "chairman": None, "chairwoman": None, "chairperson": None, "volunteer": None,
    "director": None, "officer": "politie",
}

# Parts of a compound that keep the type of its first part ("moskeebestuur": a mosque's board).
_COMPOUND_TAILS = ("bestuur", "bestuurslid", "bestuurder", "vereniging", "comité", "commissie")
# Types that name their kind at the end of a compound ("hindoetempel", "pinksterkerk").
_COMPOUND_HEADS = ("moskee", "kerk", "synagoge", "tempel", "gurdwara", "school")


def type_for_role(word: str) -> OrgType | None:
    """The organisation type a job title points at ('wijkagent' → politie), if any."""
    code = ROLE_WORDS.get(word.lower())
    return BY_CODE[code] if code else None


def _exact_type(lowered: str) -> OrgType | None:
    for org_type in ORG_TYPES:
        if lowered in org_type.words:
            return org_type
    return None


def type_for_word(word: str) -> OrgType | None:
    """The organisation type a word in a message names ('moskee' → gebedshuis – moskee).

    A compound counts by its kind: 'pinksterkerk' is a church, 'moskeebestuur' a mosque's.
    """
    lowered = word.lower()
    found = _exact_type(lowered)
    if found is not None or len(lowered) < 7:
        return found
    for head in _COMPOUND_HEADS:
        if lowered.endswith(head) and len(lowered) - len(head) >= 3:
            return _exact_type(head)
    for tail in _COMPOUND_TAILS:
        stem = lowered.removesuffix(tail)
        if stem != lowered and len(stem) >= 4:
            return _exact_type(stem)
    return None


_PHRASES: dict[tuple[str, ...], OrgType] = {
    tuple(word.split()): org_type
    for org_type in ORG_TYPES for word in org_type.words if " " in word
}
_LONGEST_PHRASE = max(len(p) for p in _PHRASES)


def type_at(words: list[str], index: int) -> tuple[OrgType, int] | None:
    """The organisation type named at words[index] and how many words name it.

    Several words ('community centre') before one; `words` is the message cut into words.
    """
    for size in range(_LONGEST_PHRASE, 1, -1):
        phrase = tuple(w.lower() for w in words[index:index + size])
        if len(phrase) == size and phrase in _PHRASES:
            return _PHRASES[phrase], size
    if index < len(words):
        found = type_for_word(words[index])
        if found is not None:
            return found, 1
    return None
