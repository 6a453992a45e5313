"""Synthetic registers of any size, sealed like real data (issue 11: the data generator).

    python bench/seed.py --database-url sqlite:///register.db --contacts 1000 \
        --interactions 50000 --signals 5000
    python bench/seed.py --database-url sqlite:///big.db --contacts 10000 \
        --interactions 1000000

A register as a coordinator in Almere builds it over the years: the Almere areas
(`core.areas`), organisations of every type in `core.organisations` (mosques, churches,
temples, residents' associations, schools, youth work, police, ...), formal and informal
contacts with Dutch names, visits, calls and meetings spread over the years with summaries and
sometimes what was shared or asked, follow-ups (done on time, late, still open), signals with
categories and tension levels, tension assessments per area, and handed-over concerns
(referrals).

Every row of a table with sealed columns (`storage.models.SEALED`) goes through the ORM, so
names, summaries and facts are AES-GCM sealed exactly as the bot seals them; rows are given
their ids up front, so each is sealed before its INSERT and SQLAlchemy batches the INSERTs.
Link tables without sealed columns (contact-area, interaction-contact, ...) are bulk-inserted.
Work is done in batches of --batch rows, one transaction each, so a million interactions fit
in memory and take minutes, not hours.

The data respect the retention terms (`core.retention`): nothing is older than the bot would
keep, so a bot started on the register does not begin by purging it.

The key: DATA_KEY when set, otherwise the test suite's fixed key (`tests.support.keys`); a
benchmark register holds no real data.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Table, func, insert, text
from sqlmodel import SQLModel, select

from core.areas import seed_areas
from core.audit import begin
from core.organisations import ORG_TYPES, OrgType
from core.referrals import AGE_BANDS, DESTINATIONS, NATURES
from core.signals import (
    CATEGORIES,
    KINDS,
    RELIABILITY,
    SOURCE_TYPES,
    TRENDS,
    URGENCIES,
    Status,
)
from storage.crypto import Keyring, parse_key
from storage.engine import Database, make_engine
from storage.migrate import upgrade
from storage.models import (
    Area,
    AreaTension,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    FollowUp,
    FollowUpStatus,
    Initiative,
    Interaction,
    InteractionContact,
    InteractionKind,
    Mood,
    Network,
    Organisation,
    OrganisationArea,
    Referral,
    Signal,
    SignalStatusChange,
    User,
)
from tests.support.keys import TEST_DATA_KEY

FIRST_NAMES = (
    "Fatima", "Jan", "Mohamed", "Anouk", "Mehmet", "Sanne", "Ahmed", "Lotte", "Youssef", "Emma",
    "Kees", "Priya", "Ricardo", "Noor", "Sevda", "Pieter", "Ayşe", "Bram", "Latifa", "Daan",
    "Chantal", "Hakan", "Ingrid", "Samir", "Marloes", "Winston", "Esra", "Joost", "Nadia", "Ruud",
)
LAST_NAMES = (
    "Bakkali", "de Vries", "Yilmaz", "Jansen", "El Amrani", "Bakker", "Öztürk", "Visser",
    "Ramdin", "Smit", "Kaya", "de Jong", "Boukhari", "Mulder", "Sitaldin", "van Dijk", "Demir",
    "Bos", "Tahiri", "Vos", "Koç", "Meijer", "Haddou", "de Boer", "Martina", "Peters",
    "Aydın", "Hendriks", "Ouali", "van den Berg",
)
# How organisations of each type are called: "{head} {tail}".
ORG_HEADS: dict[str, tuple[str, ...]] = {
    "gebedshuis-moskee": ("Moskee", "Stichting Moskee"),
    "gebedshuis-kerk": ("Kerk", "Evangeliegemeente", "Parochie", "Pinkstergemeente"),
    "gebedshuis-synagoge": ("Synagoge", "Joodse Gemeente"),
    "gebedshuis-tempel": ("Hindoetempel", "Mandir", "Vihara"),
    "gebedshuis-gurdwara": ("Gurdwara",),
    "levensbeschouwelijk": ("Humanistisch Verbond", "Levensbeschouwelijk Centrum"),
    "zelforganisatie": ("Stichting", "Vereniging", "Migrantenorganisatie"),
    "bewonersorganisatie": ("Bewonersvereniging", "Bewonerscommissie", "Buurtvereniging"),
    "buurthuis": ("Buurthuis", "Wijkcentrum", "Buurtkamer"),
    "jongerenwerk": ("Jongerencentrum", "Jongerenwerk"),
    "welzijn": ("Welzijnsorganisatie",),
    "wijkteam": ("Wijkteam",),
    "school": ("Basisschool", "College", "OBS", "CBS"),
    "sport": ("Voetbalvereniging", "Sportclub", "Vechtsportschool"),
    "woningcorporatie": ("Woningcorporatie",),
    "politie": ("Politie basisteam",),
    "zorg": ("GGD", "Huisartsenpraktijk", "GGZ"),
    "gemeente": ("Gemeente, team",),
    "overig": ("Stichting", "Vereniging"),
}
ORG_TAILS = (
    "De Schakel", "Al-Fath", "De Brug", "Het Anker", "Vrede", "Eendracht", "De Regenboog",
    "Salaam", "Noorderlicht", "De Ontmoeting", "Hoop", "Ulu", "Mevlana", "De Wierden",
    "Sint-Jan", "Shanti", "Nieuw Begin", "De Verbinding", "Ayasofya", "Oost", "West",
)
ROLES_INFORMAL = ("sleutelfiguur", "bestuurslid", "voorzitter", "vrijwilliger", "imam",
                  "voorganger")
ROLES_FORMAL = ("jongerenwerker", "wijkagent", "gebiedsregisseur", "docent", "wijkmanager",
                "coördinator")
TOPICS = ("jongeren", "overlast", "polarisatie", "eenzaamheid", "veiligheid", "armoede",
          "samenwerking", "bijeenkomst", "onderwijs", "online")
SUMMARIES = (
    "Gesprek over de sfeer in de wijk; zorgen over een groepje jongeren bij het skatepark.",
    "Koffie gedronken, nieuwe voorzitter voorgesteld, afspraak voor de iftar gemaakt.",
    "Telefonisch bijgepraat over de bijeenkomst van vorige week, positief gestemd.",
    "Signalen van spanningen na het nieuws; afgesproken om samen op te trekken.",
    "Rondleiding gehad door het gebouw; ze zoeken ruimte voor huiswerkbegeleiding.",
    "Gebiedsoverleg: verloop van de avondwinkel-overlast besproken met de wijkagent.",
    "Kort contact op straat, verteld over de training omgaan met polarisatie.",
    "Bestuur wil meer contact met de scholen in de buurt; contactpersoon doorgegeven.",
)
SHARED = ("Uitnodiging voor het sleutelfigurenoverleg gedeeld.",
          "Informatie over de training weerbaarheid gegeven.",
          "Terugkoppeling gegeven over het signaal van vorige maand.")
ASKED = ("Vraagt om een gesprek met de wijkagent.",
         "Wil weten wanneer de subsidieronde opent.",
         "Vraagt om ondersteuning bij een buurtavond.")
FOLLOW_UP_TITLES = ("Terugbellen", "Uitnodiging sturen", "Langsgaan", "Mailen met de stukken",
                    "Terugkoppelen aan het bestuur", "Afspraak maken met de school")
SIGNAL_FACTS = (
    "Groep jongeren hangt 's avonds rond bij het winkelcentrum, bewoners voelen zich onveilig.",
    "Bekladding met haatdragende teksten op een bushokje gemeld door bewoners.",
    "Online oproep tot een demonstratie zaterdag op het stadhuisplein.",
    "Na het internationale nieuws zijn de gesprekken in het buurthuis gespannen.",
    "Bewoners organiseren een gezamenlijke maaltijd voor alle gemeenschappen.",
    "Wantrouwen richting de gemeente na het besluit over het buurthuis.",
)
SIGNAL_INTERPRETATIONS = ("Lijkt tijdelijk, rond de schoolvakantie.",
                          "Past in een bredere trend in de stad.", "")
TENSION_LEVEL_WEIGHTS = ((0, 40), (1, 35), (2, 18), (3, 5), (None, 2))
AREA_LEVELS = (("groen", 55), ("geel", 30), ("oranje", 10), ("rood", 2), ("nafase", 3))
REFERRAL_FACTS = ("Jongere uit zich online steeds harder over andere groepen; ouders bezorgd.",
                  "Persoon trekt zich terug en zoekt contact met een besloten groep.",
                  "Dreigende uitspraken gehoord door een jongerenwerker.")


@dataclass(frozen=True)
class Size:
    """How big a register to make. Zero for anything leaves it out."""

    contacts: int = 1_000
    interactions: int = 10_000
    signals: int = 0
    referrals: int = 0
    organisations: int | None = None  # None: one per 8 contacts, at least one of every type
    users: int = 3  # coordinators and colleagues who own and log things
    years: float = 2.9  # how far back the interactions go (the bot keeps 3 years)
    follow_up_share: float = 0.3  # of the interactions that led to a follow-up


@dataclass
class Seeded:
    """What was made, with ids, for benchmarks that build on it."""

    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    user_ids: list[int] = field(default_factory=list)
    contact_ids: range = range(0)
    area_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        made = ", ".join(f"{n:,} {name}" for name, n in self.counts.items() if n)
        return f"seeded {made} in {self.seconds:.1f} s"


def name_of(index: int) -> str:
    """A deterministic Dutch full name for contact number ``index`` (0-based), unique: the
    30 x 30 first and last names, then the same with a double surname ("Demir-Jansen", 29
    rounds, 26,100 more), and only past those a number. Digits in names would make every
    visit message look like it holds a date, which real names do not."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    at = (index // len(FIRST_NAMES)) % len(LAST_NAMES)
    last = LAST_NAMES[at]
    round_ = index // (len(FIRST_NAMES) * len(LAST_NAMES))
    if round_ == 0:
        return f"{first} {last}"
    if round_ < len(LAST_NAMES):
        return f"{first} {last}-{LAST_NAMES[(at + round_) % len(LAST_NAMES)]}"
    return f"{first} {last}-{round_}"


def keyring_from_environment() -> Keyring:
    """DATA_KEY when set, else the test suite's fixed key."""
    return Keyring(parse_key(os.environ.get("DATA_KEY") or TEST_DATA_KEY))


def open_register(url: str, keyring: Keyring | None = None) -> Database:
    """A database at ``url``, migrated, with the default Almere areas."""
    db = Database(make_engine(url), keyring or keyring_from_environment())
    upgrade(db.engine)
    with db.session() as session:
        begin(session, db.keyring)  # the signed start, as the bot's first start writes it
        seed_areas(session)
    return db


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def _weighted(rng: random.Random, choices: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


class _Ids:
    """Hands out the next free primary keys of a table, so rows are sealed before INSERT."""

    def __init__(self, db: Database, model: type[SQLModel]) -> None:
        table = _table(model)
        with db.engine.connect() as connection:
            self.next = int(connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1

    def take(self, count: int) -> range:
        taken = range(self.next, self.next + count)
        self.next += count
        return taken


def _store(db: Database, rows: Sequence[SQLModel], links: dict[type[SQLModel], list[dict[str, Any]]]
           | None = None) -> None:
    """One batch in one transaction: ORM rows (sealed on the way in), then plain link rows."""
    with db.session() as session:
        session.add_all(rows)
        session.flush()
        for model, values in (links or {}).items():
            if values:
                session.execute(insert(_table(model)), values)


def _fix_sequences(db: Database, models: Sequence[type[SQLModel]]) -> None:
    """PostgreSQL's id sequences do not see ids given up front: move them past the rows."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as connection:
        for model in models:
            name = _table(model).name
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "  # noqa: S608
                f"GREATEST((SELECT max(id) FROM \"{name}\"), 1))"))


def seed_users(db: Database, count: int, now: datetime, *, transport: str = "bench",
               first_chat: int = 900_001, role: str | None = None) -> list[int]:
    """``count`` users, all with ``role``, or by default the first a coordinator and the rest
    colleagues; returns their ids."""
    with db.session() as session:
        users = [User(transport=transport, external_id=str(first_chat + n),
                      chat_id=str(first_chat + n),
                      role=role or ("coordinator" if n == 0 else "colleague"),
                      language="nl", created_at=now - timedelta(days=1000))
                 for n in range(count)]
        session.add_all(users)
        session.flush()
        return [user.id for user in users if user.id is not None]


def seed(db: Database, size: Size, *, now: datetime | None = None, seed: int = 11,
         batch: int = 5_000, progress: bool = False) -> Seeded:
    """Fill ``db`` (migrated, with areas) with a register of ``size``; ``now`` is the
    register's present (default: this minute). Deterministic for a given ``seed``."""
    started = time.perf_counter()
    now = (now or datetime.now(UTC)).replace(second=0, microsecond=0)
    rng = random.Random(seed)
    result = Seeded()
    with db.session() as session:
        if not session.exec(select(Area.id)).first():
            seed_areas(session)
        areas = list(session.exec(select(Area)).all())
    every_area = [a.id for a in areas if a.id is not None]
    wijken = [a.id for a in areas if a.kind == "wijk" and a.id is not None] or every_area
    result.area_ids = every_area
    users = seed_users(db, size.users, now) if size.users else []
    result.user_ids = users

    orgs = _organisations(db, size, rng, now, wijken)
    contacts = _contacts(db, size, rng, now, wijken, orgs, users, batch)
    result.contact_ids = contacts.ids
    interactions, follow_ups = _interactions(db, size, rng, now, contacts, users, batch, progress)
    signals = _signals(db, size.signals, rng, now, every_area, contacts.ids, users, batch,
                       days=int(min(size.years, 1.5) * 365))
    tensions = _tensions(db, size, rng, now, areas, users)
    referrals = _referrals(db, size.referrals, rng, now, wijken, users, batch)
    _fix_sequences(db, [Organisation, Contact, Interaction, FollowUp, Signal,
                        SignalStatusChange, AreaTension, Referral])
    result.counts = {"users": len(users), "organisations": len(orgs.ids),
                     "contacts": len(contacts.ids), "interactions": interactions,
                     "follow-ups": follow_ups, "signals": signals,
                     "tension assessments": tensions, "referrals": referrals}
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class _Orgs:
    ids: list[int]
    types: list[OrgType]
    areas: list[int]


@dataclass
class _Contacts:
    ids: range
    areas: list[int]  # per contact (index = id - first id)
    orgs: list[int | None]


def _organisations(db: Database, size: Size, rng: random.Random, now: datetime,
                   wijken: list[int]) -> _Orgs:
    count = size.organisations if size.organisations is not None else (
        max(len(ORG_TYPES), size.contacts // 8) if size.contacts else 0)
    ids = list(_Ids(db, Organisation).take(count))
    types = [ORG_TYPES[i % len(ORG_TYPES)] if i < len(ORG_TYPES) else rng.choice(ORG_TYPES)
             for i in range(count)]
    areas = [rng.choice(wijken) for _ in range(count)]
    rows = []
    for org_id, org_type, n in zip(ids, types, range(count), strict=True):
        head = rng.choice(ORG_HEADS.get(org_type.code, ("Stichting",)))
        tail = ORG_TAILS[n % len(ORG_TAILS)]
        suffix = "" if n < len(ORG_TAILS) else f" {n // len(ORG_TAILS) + 1}"
        network = org_type.network or rng.choice((Network.FORMAL, Network.INFORMAL))
        rows.append(Organisation(id=org_id, name=f"{head} {tail}{suffix}", type=org_type.code,
                                 network=network, created_at=now - timedelta(days=1100)))
    _store(db, rows, {OrganisationArea: [{"organisation_id": o, "area_id": a}
                                         for o, a in zip(ids, areas, strict=True)]})
    return _Orgs(ids, types, areas)


def _contacts(db: Database, size: Size, rng: random.Random, now: datetime, wijken: list[int],
              orgs: _Orgs, users: list[int], batch: int) -> _Contacts:
    ids = _Ids(db, Contact).take(size.contacts)
    areas: list[int] = []
    linked: list[int | None] = []
    statuses = ((ContactStatus.ACTIEF, 78), (ContactStatus.BENADERD, 8),
                (ContactStatus.SLAPEND, 8), (ContactStatus.PROSPECT, 4),
                (ContactStatus.GESTOPT, 2))
    for part in _chunks(size.contacts, batch):
        rows, contact_areas, contact_orgs = [], [], []
        for i in part:
            contact_id = ids[i]
            org = rng.randrange(len(orgs.ids)) if orgs.ids and rng.random() < 0.85 else None
            org_type = orgs.types[org] if org is not None else None
            network = (org_type.network if org_type is not None and org_type.network else
                       rng.choice((Network.FORMAL, Network.INFORMAL)))
            informal = network == Network.INFORMAL
            area = orgs.areas[org] if org is not None else rng.choice(wijken)
            created = now - timedelta(days=rng.randrange(30, 1000))
            status = _weighted(rng, statuses)
            name = name_of(contact_id - 1)
            handle = name.lower().replace(" ", ".").replace("-", "")
            rows.append(Contact(
                id=contact_id, display_name=name, network=network, status=status,
                roles=[rng.choice(ROLES_INFORMAL if informal else ROLES_FORMAL)],
                agreed_on=created.date() if informal else None,
                informed_on=created.date() if informal else None,
                preferred_channel=rng.choice(("telefoon", "whatsapp", "mail", None)),
                phone=f"06{rng.randrange(10**8):08d}" if rng.random() < 0.7 else None,
                email=f"{handle}@example.nl" if rng.random() < 0.5 else None,
                owner_user_id=rng.choice(users) if users and rng.random() < 0.8 else None,
                created_at=created,
                archived_at=now - timedelta(days=rng.randrange(1, 300))
                if status == ContactStatus.GESTOPT else None,
            ))
            areas.append(area)
            linked.append(orgs.ids[org] if org is not None else None)
            contact_areas.append({"contact_id": contact_id, "area_id": area})
            if org is not None:
                # a row, not a plain link: its function is sealed on the way in
                contact_orgs.append(ContactOrganisation(
                    contact_id=contact_id, organisation_id=orgs.ids[org],
                    function=rows[-1].roles[0]))
        _store(db, [*rows, *contact_orgs], {ContactArea: contact_areas})
    return _Contacts(ids, areas, linked)


def _interactions(db: Database, size: Size, rng: random.Random, now: datetime,
                  contacts: _Contacts, users: list[int], batch: int, progress: bool
                  ) -> tuple[int, int]:
    """Interactions over ``size.years`` with one or two participants each; a share of them
    with a follow-up (recent ones only: done follow-ups are deleted after a year)."""
    if not size.interactions or not contacts.ids:
        return 0, 0
    ids = _Ids(db, Interaction).take(size.interactions)
    follow_up_ids = _Ids(db, FollowUp)
    span = int(size.years * 365 * 24 * 60)
    kinds = ((InteractionKind.BEZOEK, 45), (InteractionKind.TELEFOON, 30),
             (InteractionKind.BIJEENKOMST, 8), (InteractionKind.GEBIEDSOVERLEG, 6),
             (InteractionKind.TOEVALLIG, 6), (InteractionKind.ONLINE, 4),
             (InteractionKind.TRAINING, 1))
    moods = (*tuple(Mood), None)
    first = contacts.ids[0]
    follow_ups = 0
    for part in _chunks(size.interactions, batch):
        rows: list[SQLModel] = []
        links: list[dict[str, Any]] = []
        for i in part:
            interaction_id = ids[i]
            # Working hours on the whole; more recent years a little busier.
            when = now - timedelta(minutes=int(span * rng.random() ** 1.15) + 1)
            when = when.replace(hour=rng.randrange(8, 21), minute=rng.choice((0, 15, 30, 45)))
            if when > now:
                when -= timedelta(days=1)
            contact = rng.randrange(len(contacts.ids))
            participants = {first + contact}
            if rng.random() < 0.15:
                participants.add(first + rng.randrange(len(contacts.ids)))
            logged_by = rng.choice(users) if users else None
            rows.append(Interaction(
                id=interaction_id, occurred_at=when, occurred_grain="day",
                kind=_weighted(rng, kinds), area_id=contacts.areas[contact],
                organisation_id=contacts.orgs[contact],
                initiated_by=Initiative.US if rng.random() < 0.7 else Initiative.THEM,
                mood=rng.choice(moods), topics=rng.sample(TOPICS, rng.randrange(1, 3)),
                summary=rng.choice(SUMMARIES),
                shared=rng.choice(SHARED) if rng.random() < 0.25 else "",
                asked=rng.choice(ASKED) if rng.random() < 0.15 else "",
                logged_by_user_id=logged_by, created_at=when + timedelta(minutes=5),
            ))
            links.extend({"interaction_id": interaction_id, "contact_id": c}
                         for c in participants)
            if users and rng.random() < size.follow_up_share:
                follow_up = _follow_up_after(rng, now, when, first + contact, interaction_id,
                                             logged_by or users[0], follow_up_ids)
                if follow_up is not None:
                    rows.append(follow_up)
                    follow_ups += 1
        # Interactions first: follow-ups refer to them; ORM flushes in dependency order.
        _store_interactions(db, rows, links)
        if progress:
            print(f"  interactions: {part.stop:,} of {size.interactions:,}", flush=True)
    return size.interactions, follow_ups


def _store_interactions(db: Database, rows: list[SQLModel], links: list[dict[str, Any]]) -> None:
    with db.session() as session:
        session.add_all([r for r in rows if isinstance(r, Interaction)])
        session.flush()
        session.execute(insert(_table(InteractionContact)), links)
        session.add_all([r for r in rows if isinstance(r, FollowUp)])
        session.flush()


def _follow_up_after(rng: random.Random, now: datetime, when: datetime, contact_id: int,
                     interaction_id: int, owner: int, ids: _Ids) -> FollowUp | None:
    due = (when + timedelta(days=rng.randrange(2, 21))).replace(hour=9, minute=0)
    if due < now - timedelta(days=330):
        return None  # would have been done and deleted after a year (retention)
    if due > now:
        status, reminded, done = FollowUpStatus.OPEN, None, None
    else:
        fate = rng.random()
        if fate < 0.70:  # done on time
            status, reminded = FollowUpStatus.DONE, due
            done = due - timedelta(hours=rng.randrange(0, 72))
        elif fate < 0.90:  # done late
            status, reminded = FollowUpStatus.DONE, due
            done = due + timedelta(days=rng.randrange(1, 20))
        else:  # reminded, still open
            status, reminded, done = FollowUpStatus.OPEN, due, None
        if done is not None and done > now:
            done = now
    return FollowUp(id=ids.take(1)[0], title=rng.choice(FOLLOW_UP_TITLES), contact_id=contact_id,
                    interaction_id=interaction_id, owner_user_id=owner, due_at=due,
                    due_grain="day", status=status, reminded_at=reminded,
                    created_at=when + timedelta(minutes=5), done_at=done)


def _signals(db: Database, count: int, rng: random.Random, now: datetime, areas: list[int],
             contact_ids: range, users: list[int], batch: int, days: int) -> int:
    """Signals over the last ``days`` (as far back as the interactions, at most a year and a
    half), with a status history row when they moved on from "gemeld"."""
    if not count:
        return 0
    ids = _Ids(db, Signal).take(count)
    change_ids = _Ids(db, SignalStatusChange)
    categories = list(CATEGORIES)
    for part in _chunks(count, batch):
        signals: list[SQLModel] = []
        changes: list[SQLModel] = []
        for i in part:
            observed = (now - timedelta(days=int(days * rng.random() ** 1.1))).date()
            category = rng.choice(categories)
            subcategories = CATEGORIES[category]
            age = (now.date() - observed).days
            status = (Status.GEMELD if age < 7 and rng.random() < 0.6 else
                      rng.choice((Status.AFGEHANDELD, Status.AFGEHANDELD, Status.MONITOREN,
                                  Status.IN_BEHANDELING, Status.DOORGEZET, Status.GEANNULEERD)))
            created = datetime.combine(observed, datetime.min.time(), UTC) + timedelta(hours=17)
            created = min(created, now)
            reporter = rng.choice(users) if users else None
            signals.append(Signal(
                id=ids[i], observed_on=observed, area_id=rng.choice(areas),
                location_type=rng.choice(("openbare_ruimte", "school", "online",
                                          "gebedshuis_organisatie", "evenement", None)),
                category=category,
                subcategory=rng.choice(subcategories) if subcategories else None,
                facts=rng.choice(SIGNAL_FACTS), interpretation=rng.choice(SIGNAL_INTERPRETATIONS),
                counter_signals="Andere bewoners zien het anders." if rng.random() < 0.1 else "",
                kind=rng.choice(KINDS), source_type=rng.choice(SOURCE_TYPES),
                reliability=rng.choice(RELIABILITY),
                tension_level=_weighted(rng, TENSION_LEVEL_WEIGHTS), trend=rng.choice(TRENDS),
                urgency=rng.choice(URGENCIES),
                source_contact_id=(contact_ids[rng.randrange(len(contact_ids))]
                                   if contact_ids and rng.random() < 0.3 else None),
                status=status, reported_by_user_id=reporter, created_at=created,
                updated_at=min(created + timedelta(days=rng.randrange(0, 14)), now),
            ))
            if status != Status.GEMELD:
                changes.append(SignalStatusChange(
                    id=change_ids.take(1)[0], signal_id=ids[i],
                    at=min(created + timedelta(days=rng.randrange(0, 14)), now),
                    from_status=Status.GEMELD, to_status=status,
                    reason="Besproken in het gebiedsoverleg." if status in (
                        Status.AFGEHANDELD, Status.GEANNULEERD) else "",
                    by_user_id=reporter))
        with db.session() as session:
            session.add_all(signals)
            session.flush()
            session.add_all(changes)
            session.flush()
    return count


def _tensions(db: Database, size: Size, rng: random.Random, now: datetime, areas: list[Area],
              users: list[int]) -> int:
    """A tension assessment per stadsdeel every four to eight weeks over the last year and a
    half, and now and then for a wijk; only when there are signals to base them on."""
    if not size.signals:
        return 0
    ids = _Ids(db, AreaTension)
    rows = []
    for area in areas:
        if area.id is None or (area.kind != "stadsdeel" and rng.random() > 0.2):
            continue
        day = now - timedelta(days=540)
        while True:
            day += timedelta(days=rng.randrange(28, 57))
            if day >= now:
                break
            rows.append(AreaTension(
                id=ids.take(1)[0], area_id=area.id, level=_weighted(rng, AREA_LEVELS),
                justification="Beeld uit het gebiedsoverleg en de signalen van de maand.",
                review_on=(day + timedelta(days=28)).date(),
                set_by_user_id=users[0] if users else None, set_at=day))
    if rows:
        _store(db, rows)
    return len(rows)


def _referrals(db: Database, count: int, rng: random.Random, now: datetime, wijken: list[int],
               users: list[int], batch: int) -> int:
    """Handed-over concerns from the last year (older ones are purged by then)."""
    if not count:
        return 0
    ids = _Ids(db, Referral).take(count)
    for part in _chunks(count, batch):
        rows = []
        for i in part:
            referred = (now - timedelta(days=rng.randrange(0, 330))).date()
            check = referred + timedelta(days=28)
            feedback = (check - timedelta(days=rng.randrange(0, 20))
                        if check < now.date() and rng.random() < 0.7 else None)
            rows.append(Referral(
                id=ids[i], area_id=rng.choice(wijken), age_band=rng.choice(AGE_BANDS),
                nature=rng.choice(NATURES), facts=rng.choice(REFERRAL_FACTS),
                referred_to=rng.choice(DESTINATIONS),
                external_reference=f"ZVH-{rng.randrange(10**5):05d}" if rng.random() < 0.4
                else None,
                referred_on=referred, feedback_check_on=check, feedback_received_on=feedback,
                purge_on=referred + timedelta(days=365 * 2),
                created_by_user_id=rng.choice(users) if users else None,
                created_at=datetime.combine(referred, datetime.min.time(), UTC)
                + timedelta(hours=11)))
        _store(db, rows)
    return count


# --------------------------------------------------------------------------- follow-ups only


def seed_follow_ups(db: Database, *, rows: int, owner: int, now: datetime, due: int = 0,
                    seed: int | None = None, batch: int = 5_000) -> float:
    """``rows`` follow-ups shaped like a register used for years, for the sweep benchmark:
    80 % done (due in the past), 15 % open in the future, 5 % open, overdue and already
    reminded, and exactly ``due`` open, unreminded and due a minute ago. Titles sealed.
    Returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(rows if seed is None else seed)
    ids = _Ids(db, FollowUp)
    for part in _chunks(rows - due, batch):
        made = []
        for _ in part:
            kind = rng.random()
            if kind < 0.80:
                at = now - timedelta(minutes=rng.randrange(1, 330 * 24 * 60))
                status, reminded, done = FollowUpStatus.DONE, at, at
            elif kind < 0.95:
                at = now + timedelta(minutes=rng.randrange(1, 365 * 24 * 60))
                status, reminded, done = FollowUpStatus.OPEN, None, None
            else:
                at = now - timedelta(minutes=rng.randrange(1, 90 * 24 * 60))
                status, reminded, done = FollowUpStatus.OPEN, at, None
            made.append(FollowUp(id=ids.take(1)[0], title=rng.choice(FOLLOW_UP_TITLES),
                                 owner_user_id=owner, due_at=at, due_grain="day", status=status,
                                 reminded_at=reminded, created_at=at - timedelta(days=7),
                                 done_at=done))
        _store(db, made)
    add_due(db, owners=[owner], now=now, count=due, ids=ids)
    _fix_sequences(db, [FollowUp])
    return time.perf_counter() - started


def add_due(db: Database, *, owners: Sequence[int], now: datetime, count: int,
            ids: _Ids | None = None, batch: int = 5_000, contacts: Sequence[int] = ()) -> None:
    """``count`` open follow-ups that fell due a minute ago and were never reminded, spread
    over ``owners`` in turn (and about ``contacts`` in turn, when given)."""
    if not count:
        return
    ids = ids or _Ids(db, FollowUp)
    for part in _chunks(count, batch):
        _store(db, [FollowUp(id=ids.take(1)[0], title=FOLLOW_UP_TITLES[i % len(FOLLOW_UP_TITLES)],
                             owner_user_id=owners[i % len(owners)],
                             contact_id=contacts[i % len(contacts)] if contacts else None,
                             due_at=now - timedelta(minutes=1), due_grain="minute",
                             status=FollowUpStatus.OPEN, reminded_at=None,
                             created_at=now - timedelta(days=1), done_at=None) for i in part])
    _fix_sequences(db, [FollowUp])


# --------------------------------------------------------------------------- command line


def read_back(db: Database) -> str:
    """Proof that the register opens under its key: a few values read through the ORM."""
    with db.session() as session:
        contact = session.exec(select(Contact).order_by(Contact.id)).first()  # type: ignore[arg-type]
        visit = session.exec(select(Interaction).order_by(Interaction.id)).first()  # type: ignore[arg-type]
        signal = session.exec(select(Signal).order_by(Signal.id)).first()  # type: ignore[arg-type]
    parts = [f"first contact {contact.display_name!r}" if contact else "no contacts",
             f"first summary {visit.summary[:40]!r}" if visit else "no interactions",
             f"first signal {signal.facts[:40]!r}" if signal else "no signals"]
    return "read back: " + "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url",
                        help="e.g. sqlite:///register.db (created and migrated when new)")
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--interactions", type=int, default=10_000)
    parser.add_argument("--signals", type=int, default=1_000)
    parser.add_argument("--referrals", type=int, default=100)
    parser.add_argument("--users", type=int, default=3)
    parser.add_argument("--years", type=float, default=2.9)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--smoke", action="store_true",
                        help="a small register in a temporary file, read back once")
    args = parser.parse_args()
    if args.smoke:
        with tempfile.TemporaryDirectory(prefix="bench-seed-") as tmp:
            db = open_register(f"sqlite:///{Path(tmp) / 'register.db'}")
            try:
                seeded = seed(db, Size(contacts=100, interactions=1_000, signals=100,
                                       referrals=10), batch=300)
                print(seeded.line())
                print(read_back(db))
            finally:
                db.engine.dispose()
        return 0
    if not args.database_url:
        parser.error("--database-url is required (or --smoke)")
    db = open_register(args.database_url)
    try:
        seeded = seed(db, Size(contacts=args.contacts, interactions=args.interactions,
                               signals=args.signals, referrals=args.referrals, users=args.users,
                               years=args.years),
                      seed=args.seed, batch=args.batch, progress=args.interactions >= 100_000)
    finally:
        db.engine.dispose()
    print(seeded.line())
    key = "DATA_KEY" if os.environ.get("DATA_KEY") else "the test suite's fixed key"
    print(f"sealed under {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
