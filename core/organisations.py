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
            Network.INFORMAL, ("moskee", "mosque")),
    OrgType("gebedshuis-kerk", "gebedshuis – kerk", "place of worship – church",
            Network.INFORMAL, ("kerk", "parochie", "gemeente kerk", "church")),
    OrgType("gebedshuis-synagoge", "gebedshuis – synagoge", "place of worship – synagogue",
            Network.INFORMAL, ("synagoge", "sjoel", "synagogue")),
    OrgType("gebedshuis-tempel", "gebedshuis – tempel", "place of worship – temple",
            Network.INFORMAL, ("tempel", "mandir", "temple")),
    OrgType("gebedshuis-gurdwara", "gebedshuis – gurdwara", "place of worship – gurdwara",
            Network.INFORMAL, ("gurdwara",)),
    OrgType("levensbeschouwelijk", "levensbeschouwelijke organisatie", "belief organisation",
            Network.INFORMAL, ("levensbeschouwelijk", "humanistisch")),
    OrgType("zelforganisatie", "migranten- of zelforganisatie", "community self-organisation",
            Network.INFORMAL, ("zelforganisatie", "migrantenorganisatie")),
    OrgType("bewonersorganisatie", "bewonersorganisatie", "residents' association",
            Network.INFORMAL, ("bewonersvereniging", "bewonerscommissie", "bewonersraad")),
    OrgType("buurthuis", "buurthuis / wijkcentrum", "community centre",
            Network.FORMAL, ("buurthuis", "wijkcentrum", "buurtcentrum", "community centre")),
    OrgType("jongerenwerk", "jongerenwerk", "youth work",
            Network.FORMAL, ("jongerenwerk", "jeugdwerk", "youth work")),
    OrgType("welzijn", "welzijn", "welfare", Network.FORMAL, ("welzijn", "welzijnsorganisatie")),
    OrgType("wijkteam", "wijkteam", "neighbourhood team", Network.FORMAL, ("wijkteam",)),
    OrgType("school", "school / onderwijs", "school", Network.FORMAL,
            ("school", "basisschool", "mbo", "hogeschool", "college")),
    OrgType("sport", "sportvereniging", "sports club", Network.INFORMAL,
            ("sportvereniging", "voetbalclub", "sportschool", "club")),
    OrgType("woningcorporatie", "woningcorporatie", "housing association", Network.FORMAL,
            ("woningcorporatie", "corporatie")),
    OrgType("politie", "politie", "police", Network.FORMAL, ("politie", "police")),
    OrgType("zorg", "zorg / GGD", "health", Network.FORMAL, ("ggd", "huisartsenpraktijk", "ggz")),
    OrgType("gemeente", "gemeente", "municipality", Network.FORMAL,
            ("gemeente", "municipality")),
    # A foundation or association can be anything; the coordinator sets the type.
    OrgType("overig", "overig", "other", None, ("stichting", "vereniging")),
)

BY_CODE = {t.code: t for t in ORG_TYPES}


# Job titles written before a name ("met wijkagent Kees Jansen"): they are not part of the
# name and say which kind of organisation the person works for (None: could be any).
ROLE_WORDS: dict[str, str | None] = {
    "wijkagent": "politie", "agent": "politie", "jongerenwerker": "jongerenwerk",
    "gebiedsmanager": "gemeente", "gebiedsregisseur": "gemeente", "ambtenaar": "gemeente",
    "wijkcoach": "welzijn", "buurtcoach": "welzijn", "opbouwwerker": "welzijn",
    "imam": "gebedshuis-moskee", "pastoor": "gebedshuis-kerk", "dominee": "gebedshuis-kerk",
    "predikant": "gebedshuis-kerk", "rabbijn": "gebedshuis-synagoge", "pandit": "gebedshuis-tempel",
    "docent": "school", "leerkracht": "school", "mentor": "school", "directeur": None,
    "huisarts": "zorg", "wijkverpleegkundige": "zorg", "voorzitter": None, "bestuurslid": None,
    "secretaris": None, "penningmeester": None, "coördinator": None, "vrijwilliger": None,
}


def type_for_role(word: str) -> OrgType | None:
    """The organisation type a job title points at ('wijkagent' → politie), if any."""
    code = ROLE_WORDS.get(word.lower())
    return BY_CODE[code] if code else None


def type_for_word(word: str) -> OrgType | None:
    """The organisation type a word in a message names ('moskee' → gebedshuis – moskee)."""
    lowered = word.lower()
    for org_type in ORG_TYPES:
        if lowered in org_type.words:
            return org_type
    return None
