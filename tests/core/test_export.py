"""Exporting the register: every table as documented, formal and informal apart, no secrets."""

from __future__ import annotations

import csv
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from core.access import create_invite
from core.areas import seed_areas
from core.clock import FakeClock
from core.contacts import create_contact, create_organisation, link_organisation
from core.export import COLUMNS, JSON_FILE, LIST_COLUMNS, export_register
from core.importer import apply_import, plan_import, read_file
from core.organisations import ORG_TYPES
from storage.engine import Database, make_engine
from storage.models import (
    Area,
    AuditEvent,
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    Invite,
    Role,
    User,
)
from tests.conftest import AMSTERDAM
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

DOCS = Path(__file__).parent.parent.parent / "docs" / "import-export.md"
FIXTURES = Path(__file__).parent.parent / "fixtures"
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
CHAT_ID = "987654321"


def documented_columns() -> dict[str, list[str]]:
    """The column tables under each "### `name.csv`" heading of docs/import-export.md."""
    tables: dict[str, list[str]] = {}
    current: str | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `(\w+)\.csv`", line)
        if heading:
            current = heading.group(1)
            tables[current] = []
        elif line.startswith("#"):
            current = None
        elif current and (cell := re.match(r"^\| `(\w+)` \|", line)):
            tables[current].append(cell.group(1))
    return tables


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def area(session, name: str) -> int:
    found = session.exec(select(Area).where(Area.name == name)).one()
    assert found.id is not None
    return found.id


@pytest.fixture
def register(db: Database, clock: FakeClock) -> Database:
    """A small register: formal Jan, informal Fatima (two organisations), an archived contact,
    one interaction each, one with both, follow-ups, a user with a chat id, an invite."""
    now = clock.now()
    with db.session() as session:
        user = User(transport="telegram", external_id=CHAT_ID, chat_id=CHAT_ID,
                    role=Role.COORDINATOR, created_at=now)
        session.add(user)
        session.flush()
        create_invite(session, Role.PARTNER, now)
        police = create_organisation(session, name="Politie Basisteam Almere",
                                     type_code="politie", network="formal", now=now,
                                     area_ids=[area(session, "Almere Stad")])
        mosque = create_organisation(session, name="Moskee Al Fath",
                                     type_code="gebedshuis-moskee", network="informal", now=now)
        centre = create_organisation(session, name="Buurthuis De Schakel",
                                     type_code="buurthuis", network="formal", now=now)
        jan = create_contact(session, name="Jan de Vries", network="formal", now=now,
                             organisation_id=police.id, function="wijkagent",
                             area_ids=[area(session, "Stad-Oost")], phone="06-11112222",
                             owner_user_id=user.id)
        fatima = create_contact(
            session, name="Fatima el Amrani", network="informal", now=now,
            organisation_id=mosque.id, function="voorzitter",
            area_ids=[area(session, "Stad-Oost"), area(session, "Stedenwijk")],
            roles=["sleutelfiguur", "bestuurslid"], agreed_on=date(2025, 3, 1),
            informed_on=date(2025, 3, 2), email="fatima@example.nl", preferred_channel="bezoek")
        assert fatima.id is not None
        link_organisation(session, fatima.id, centre.id or 0, None)
        fatima.rhythm_ideal_days = 30
        archived = create_contact(session, name="Piet Bakker", network="informal", now=now)
        archived.archived_at = now
        session.add_all([fatima, archived])
        moments = []
        for days, people, kind in ((10, [jan], "bezoek"), (5, [fatima], "telefoon"),
                                   (2, [jan, fatima], "gebiedsoverleg")):
            interaction = Interaction(occurred_at=now - timedelta(days=days), kind=kind,
                                      topics=["jongeren"], summary=f"{kind} verslag",
                                      logged_by_user_id=user.id, created_at=now)
            session.add(interaction)
            session.flush()
            for person in people:
                session.add(InteractionContact(interaction_id=interaction.id,
                                               contact_id=person.id))
            moments.append(interaction)
        for title, person, interaction in (("Jan terugbellen", jan, moments[0]),
                                           ("Fatima uitnodigen", fatima, moments[1]),
                                           ("Verslag rondsturen", None, moments[2]),
                                           ("Zaal reserveren", None, None)):
            session.add(FollowUp(title=title, contact_id=person.id if person else None,
                                 interaction_id=interaction.id if interaction else None,
                                 owner_user_id=user.id or 0, due_at=now + timedelta(days=3),
                                 created_at=now))
    return db


def export(db: Database, out: Path, clock: FakeClock, network: str | None = None):
    with db.session() as session:
        return export_register(session, out, network=network, tz=AMSTERDAM, now=clock.now())


def test_the_export_writes_every_file_with_the_documented_columns(register, tmp_path,
                                                                  clock) -> None:
    result = export(register, tmp_path / "out", clock)

    documented = documented_columns()
    assert set(documented) == set(COLUMNS)
    for table, columns in COLUMNS.items():
        assert documented[table] == list(columns), table
        assert header(tmp_path / "out" / f"{table}.csv") == list(columns), table
    assert sorted(result.files) == sorted([f"{t}.csv" for t in COLUMNS] + [JSON_FILE])
    assert result.counts == {
        "contacts": 3, "organisations": 3, "areas": 46, "interactions": 3,
        "interaction_contacts": 4, "follow_ups": 4, "contact_organisations": 3,
        "contact_areas": 3, "organisation_areas": 1, "users": 1,
    }
    assert (tmp_path / "out").stat().st_mode & 0o077 == 0  # personal data: owner only


def test_the_documented_organisation_types_are_the_registers_list() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Organisation types", 1)[1].split("###", 1)[0]

    assert re.findall(r"^\| `([\w-]+)` \|", section, re.MULTILINE) == [t.code for t in ORG_TYPES]


def test_times_carry_their_offset_and_dates_are_iso(register, tmp_path, clock) -> None:
    export(register, tmp_path, clock)

    contacts = {row["display_name"]: row for row in read_csv(tmp_path / "contacts.csv")}
    fatima = contacts["Fatima el Amrani"]
    assert fatima["created_at"] == "2026-11-29T14:00:00+01:00"
    assert (fatima["agreed_on"], fatima["informed_on"]) == ("2025-03-01", "2025-03-02")
    assert ISO_WITH_OFFSET.match(fatima["last_contact_at"])
    assert contacts["Piet Bakker"]["archived_at"] == "2026-11-29T14:00:00+01:00"
    for row in read_csv(tmp_path / "interactions.csv") + read_csv(tmp_path / "follow_ups.csv"):
        for column in ("occurred_at", "due_at", "created_at"):
            if column in row:
                assert ISO_WITH_OFFSET.match(row[column]), row[column]


def test_a_contact_row_lists_organisations_functions_and_areas_in_order(register, tmp_path,
                                                                       clock) -> None:
    export(register, tmp_path, clock)

    fatima = next(r for r in read_csv(tmp_path / "contacts.csv")
                  if r["display_name"] == "Fatima el Amrani")
    assert fatima["organisation"] == "Buurthuis De Schakel|Moskee Al Fath"
    assert fatima["organisation_type"] == "buurthuis|gebedshuis-moskee"
    assert fatima["function"] == "|voorzitter"
    assert fatima["areas"] == "Stad-Oost|Stedenwijk"
    assert fatima["roles"] == "sleutelfiguur|bestuurslid"
    assert fatima["rhythm_ideal_days"] == "30"


def test_the_json_file_holds_the_same_rows_as_the_csv_files(register, tmp_path, clock) -> None:
    export(register, tmp_path, clock)

    document = json.loads((tmp_path / JSON_FILE).read_text(encoding="utf-8"))
    assert (document["format"], document["version"], document["network"]) == (
        "netwerkregie-register", 1, None)
    assert set(document["tables"]) == set(COLUMNS)
    for table in COLUMNS:
        rows = read_csv(tmp_path / f"{table}.csv")
        assert len(rows) == len(document["tables"][table])
        for from_csv, from_json in zip(rows, document["tables"][table], strict=True):
            assert list(from_json) == list(COLUMNS[table])
            for column, value in from_json.items():
                if column in LIST_COLUMNS.get(table, ()):
                    assert isinstance(value, list)
                    value = "|".join("" if v is None else str(v) for v in value)
                assert from_csv[column] == ("" if value is None else str(value)), column
    fatima = next(c for c in document["tables"]["contacts"] if c["display_name"].startswith("F"))
    assert fatima["roles"] == ["sleutelfiguur", "bestuurslid"]
    assert fatima["rhythm_ideal_days"] == 30


def test_formal_and_informal_contacts_are_exported_apart(register, tmp_path, clock) -> None:
    formal = export(register, tmp_path / "formeel", clock, "formal")
    informal = export(register, tmp_path / "informeel", clock, "informal")

    def names(folder: str, table: str, column: str) -> list[str]:
        return [row[column] for row in read_csv(tmp_path / folder / f"{table}.csv")]

    assert names("formeel", "contacts", "display_name") == ["Jan de Vries"]
    assert names("informeel", "contacts", "display_name") == ["Fatima el Amrani", "Piet Bakker"]
    # The meeting with both of them is in neither: its summary may name the other network.
    assert names("formeel", "interactions", "kind") == ["bezoek"]
    assert names("informeel", "interactions", "kind") == ["telefoon"]
    assert formal.mixed_interactions_left_out == informal.mixed_interactions_left_out == 1
    assert names("formeel", "follow_ups", "title") == ["Jan terugbellen"]
    assert names("informeel", "follow_ups", "title") == ["Fatima uitnodigen"]
    assert names("formeel", "organisations", "name") == [
        "Politie Basisteam Almere", "Buurthuis De Schakel"]
    # Fatima's link to a formal organisation keeps that organisation in her export.
    assert names("informeel", "organisations", "name") == [
        "Moskee Al Fath", "Buurthuis De Schakel"]
    assert names("informeel", "organisation_areas", "organisation_id") == []
    informal_ids = set(names("informeel", "contacts", "id"))
    for table in ("contact_organisations", "contact_areas", "interaction_contacts"):
        assert set(names("informeel", table, "contact_id")) <= informal_ids
    document = json.loads((tmp_path / "informeel" / JSON_FILE).read_text(encoding="utf-8"))
    assert document["network"] == "informal"
    assert "Jan de Vries" not in (tmp_path / "informeel" / JSON_FILE).read_text(encoding="utf-8")


def test_users_are_exported_only_as_id_and_role_and_no_secret_leaves(register, tmp_path,
                                                                     clock) -> None:
    export(register, tmp_path, clock)

    assert read_csv(tmp_path / "users.csv") == [{"id": "1", "role": "coordinator"}]
    everything = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert CHAT_ID not in everything
    assert "telegram" not in everything
    with register.session() as session:
        invite_hashes = session.exec(select(Invite.token_hash)).all()
        audit_actions = set(session.exec(select(AuditEvent.action)).all())
    assert invite_hashes
    assert all(token_hash not in everything for token_hash in invite_hashes)
    assert all(action not in everything for action in audit_actions)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{t}.csv" for t in COLUMNS] + [JSON_FILE])


def test_the_export_is_audited(register, tmp_path, clock) -> None:
    export(register, tmp_path, clock, "informal")

    with register.session() as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "register.exported")
                             ).one()
    assert event.detail["network"] == "informal"
    assert event.detail["counts"]["contacts"] == 2


def test_the_round_trip_matches_everything_and_creates_nothing_new(register, tmp_path,
                                                                   clock) -> None:
    export(register, tmp_path / "before", clock)
    with register.session() as session:
        contacts_before = session.exec(select(Contact)).all()

    source = read_file((tmp_path / "before" / "contacts.csv").read_bytes())
    with register.session() as session:
        plan = plan_import(session, source.rows)
        apply_import(session, plan, None, clock.now())
    export(register, tmp_path / "after", clock)

    assert (len(plan.created), len(plan.matched), len(plan.rejected)) == (0, 3, 0)
    assert plan.new_organisations == []
    assert all(row.fills == [] for row in plan.matched)
    assert {row.matched_contact_id for row in plan.matched} == {c.id for c in contacts_before}
    for table in COLUMNS:
        before = (tmp_path / "before" / f"{table}.csv").read_text(encoding="utf-8")
        after = (tmp_path / "after" / f"{table}.csv").read_text(encoding="utf-8")
        assert before == after, table


def test_an_export_imports_into_an_empty_register_as_the_same_contacts(tmp_path, clock) -> None:
    """The 200-contact list → register → export → a new register → export: same contacts."""
    def fresh() -> Database:
        database = Database(make_engine("sqlite://"), TEST_KEYRING)
        migrated(database)
        with database.session() as session:
            seed_areas(session)
        return database

    def load(database: Database, data: bytes) -> None:
        with database.session() as session:
            plan = plan_import(session, read_file(data).rows)
            assert not plan.rejected
            apply_import(session, plan, None, clock.now())

    first, second = fresh(), fresh()
    load(first, (FIXTURES / "contacts_200.csv").read_bytes())
    export(first, tmp_path / "first", clock)
    load(second, (tmp_path / "first" / "contacts.csv").read_bytes())
    export(second, tmp_path / "second", clock)

    kept = [c for c in COLUMNS["contacts"] if c not in ("id", "created_at")]
    def contacts(folder: str) -> list[dict[str, str]]:
        return [{c: row[c] for c in kept} for row in read_csv(tmp_path / folder / "contacts.csv")]

    assert len(contacts("first")) == 200
    assert contacts("first") == contacts("second")
    assert read_csv(tmp_path / "first" / "organisations.csv") == read_csv(
        tmp_path / "second" / "organisations.csv")


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+HYPERLINK(\"http://x.invalid\")",
                                  "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"])
def test_a_formula_looking_name_is_exported_as_text_and_imports_as_itself(
        register, tmp_path, clock, name) -> None:
    """Attack review #3 (OWASP CSV injection): the cell starts with a quote, so a spreadsheet
    shows it as text; importing the export again gives the name as it was."""
    with register.session() as session:
        create_contact(session, name=name, network="formal", now=clock.now(),
                       phone="+31 6 12345678")
    export(register, tmp_path / "out", clock)

    row = next(r for r in read_csv(tmp_path / "out" / "contacts.csv")
               if r["display_name"].endswith(name))
    assert row["display_name"] == f"'{name}"
    assert row["phone"] == "+31 6 12345678"  # a plain number is no formula
    document = json.loads((tmp_path / "out" / JSON_FILE).read_text(encoding="utf-8"))
    assert name in [c["display_name"] for c in document["tables"]["contacts"]]
    [source_row] = [r for r in read_file((tmp_path / "out" / "contacts.csv").read_bytes()).rows
                    if r.cells["display_name"].endswith(name)]
    assert source_row.cells["display_name"] == name
    with register.session() as session:
        plan = plan_import(session, [source_row])
    [matched] = plan.matched
    assert any("begint met" in note and "formule" in note for note in matched.notes)
