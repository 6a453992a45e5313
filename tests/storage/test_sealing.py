"""Names, contact details, notes and drafts are ciphertext at rest, and only open in their own cell.

The attacker here has the database file or a dump, but not the key.
"""

from __future__ import annotations

import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from storage.crypto import Keyring, Tampered, UnknownKey, is_sealed, new_key_text, parse_key
from storage.engine import Database, make_engine
from storage.models import (
    SEALED,
    ButtonPayload,
    Contact,
    ContactOrganisation,
    DialogState,
    FollowUp,
    Interaction,
    InteractionContact,
    Organisation,
    User,
)
from storage.rekey import seal_plain
from tests.conftest import postgres_database
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

NOW = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)
NAME = "Fatima Zahra Bouali"
PHONE = "06-12345678"
NOTE = "sprak over het jongerenwerk achter de Kruidenwijkse sporthal"
DRAFT_NOTE = "conceptnotitie over buurtvaders"
ROLE = "wijkambassadeur"
FUNCTION = "penningmeester"
SECRETS = (NAME, PHONE, NOTE, DRAFT_NOTE, "Bouali", "jongerenwerk", ROLE, FUNCTION)


def write_register(db: Database) -> int:
    """A user, a contact, a visit with a note, a follow-up, a draft and a button: the lot."""
    with db.session() as session:
        user = User(transport="memory", external_id="1", chat_id="1", role="coordinator")
        session.add(user)
        session.flush()
        assert user.id is not None
        contact = Contact(display_name=NAME, network="informal", phone=PHONE,
                          email="f.bouali@example.org", roles=[ROLE, "sleutelfiguur"])
        school = Organisation(name="De Regenboog", type="school", network="formal")
        session.add_all([contact, school])
        session.flush()
        assert contact.id is not None
        assert school.id is not None
        session.add(ContactOrganisation(contact_id=contact.id, organisation_id=school.id,
                                        function=FUNCTION))
        visit = Interaction(occurred_at=NOW, summary=NOTE, shared="de subsidieregeling")
        session.add(visit)
        session.flush()
        assert visit.id is not None
        session.add(InteractionContact(interaction_id=visit.id, contact_id=contact.id))
        session.add(FollowUp(title=f"{NAME} terugbellen", owner_user_id=user.id, due_at=NOW,
                             contact_id=contact.id))
        session.add(DialogState(user_id=user.id, flow="visit", step="confirm",
                                data={"summary": DRAFT_NOTE, "people": [NAME]}))
        session.add(ButtonPayload(id="b1", user_id=user.id, action="pick",
                                  data={"name": NAME}))
        return contact.id


def read_back(db: Database, contact_id: int) -> None:
    with db.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        assert (contact.display_name, contact.phone) == (NAME, PHONE)
        assert contact.roles == [ROLE, "sleutelfiguur"]
        assert session.exec(select(ContactOrganisation)).one().function == FUNCTION
        assert session.exec(select(Interaction)).one().summary == NOTE
        assert session.exec(select(FollowUp)).one().title == f"{NAME} terugbellen"
        assert session.exec(select(DialogState)).one().data["summary"] == DRAFT_NOTE
        assert session.exec(select(ButtonPayload)).one().data == {"name": NAME}


def test_a_name_and_a_note_are_in_neither_the_sqlite_file_nor_its_sql_dump(tmp_path: Path) -> None:
    path = tmp_path / "netwerk.db"
    db = Database(make_engine(f"sqlite:///{path}"), TEST_KEYRING)
    migrated(db)
    contact_id = write_register(db)
    read_back(db, contact_id)
    db.engine.dispose()

    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("netwerk.db"))
    with sqlite3.connect(path) as conn:
        dump = "\n".join(conn.iterdump())
    assert "contact" in dump  # the dump is real and has the tables
    for secret in SECRETS:
        assert secret.encode() not in raw
        assert secret not in dump


def test_a_name_and_a_note_are_not_in_a_postgresql_dump() -> None:
    with postgres_database() as url:
        db = Database(make_engine(url), TEST_KEYRING)
        migrated(db)
        contact_id = write_register(db)
        read_back(db, contact_id)
        db.engine.dispose()
        plain_url = url.replace("postgresql+psycopg://", "postgresql://")
        dump = subprocess.run(  # noqa: S603 - the PostgreSQL client tool on a test database
            ["pg_dump", "--no-owner", plain_url],  # noqa: S607
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    assert "CREATE TABLE public.contact" in dump
    for secret in SECRETS:
        assert secret not in dump


def test_every_sealed_column_holds_ciphertext_and_opens_again(db: Database) -> None:
    contact_id = write_register(db)
    with db.engine.connect() as conn:
        name = conn.execute(text("SELECT display_name FROM contact")).scalar_one()
        summary, shared = conn.execute(text("SELECT summary, shared FROM interaction")).one()
        draft = conn.execute(text("SELECT data FROM dialogstate")).scalar_one()
    assert is_sealed(name)
    assert is_sealed(summary)
    assert is_sealed(shared)
    assert DRAFT_NOTE not in str(draft)
    read_back(db, contact_id)


def test_roles_and_functions_hold_ciphertext_and_an_empty_list_of_roles_too(
    db: Database,
) -> None:
    write_register(db)
    with db.session() as session:
        session.add(Contact(display_name="Kees Jansen", network="formal"))
    with db.engine.connect() as conn:
        roles = [str(v) for v in conn.execute(text("SELECT roles FROM contact"))]
        function = conn.execute(text("SELECT function FROM contactorganisation")).scalar_one()
    assert all("nr1:" in value for value in roles)
    assert is_sealed(function)
    with db.session() as session:
        assert sorted(c.roles for c in session.exec(select(Contact))) == [
            [], [ROLE, "sleutelfiguur"]]


def test_plain_roles_and_functions_left_from_before_are_found_and_sealed(db: Database) -> None:
    contact_id = write_register(db)
    with db.engine.begin() as conn:  # as the version before sealing them wrote them
        conn.execute(text("""UPDATE contact SET roles = '["wijkambassadeur"]'"""))
        conn.execute(text("UPDATE contactorganisation SET function = 'penningmeester'"))

    assert seal_plain(db) == 2
    assert seal_plain(db) == 0
    with db.engine.connect() as conn:
        roles = conn.execute(text("SELECT roles FROM contact")).scalar_one()
        function = conn.execute(text("SELECT function FROM contactorganisation")).scalar_one()
    assert ROLE not in str(roles)
    assert is_sealed(function)
    with db.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        assert contact.roles == [ROLE]
        assert session.exec(select(ContactOrganisation)).one().function == FUNCTION


def test_the_privacy_documentation_names_every_sealed_column() -> None:
    """docs/privacy.md's table of what is processed says per table which columns are sealed;
    it follows `SEALED`, so nobody reads there that something is in the clear or sealed when
    it is not."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "privacy.md").read_text("utf-8")
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in doc.splitlines() if line.startswith("| `")]
    missing = []
    for model, columns in SEALED.items():
        table = model.__tablename__
        row = next((r for r in rows if f"`{table}`" in r[0]), None)
        for column in columns:
            if row is None or f"`{column}`" not in row[-1]:
                missing.append(f"{table}.{column}")

    assert missing == []


def test_a_changed_name_is_sealed_again_and_reads_back_changed(db: Database) -> None:
    contact_id = write_register(db)
    with db.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.display_name = "Fatima Bouali-Zahra"
        contact.phone = None
    with db.engine.connect() as conn:
        name, phone = conn.execute(text("SELECT display_name, phone FROM contact")).one()
    assert is_sealed(name)
    assert phone is None
    with db.session() as session:
        again = session.get(Contact, contact_id)
        assert again is not None
        assert (again.display_name, again.phone) == ("Fatima Bouali-Zahra", None)


def test_a_name_copied_into_another_row_does_not_open_there(db: Database) -> None:
    first = write_register(db)
    with db.session() as session:
        other = Contact(display_name="Kees Jansen", network="formal")
        session.add(other)
        session.flush()
        second = other.id
    with db.engine.begin() as conn:
        sealed = conn.execute(text("SELECT display_name FROM contact WHERE id = :i"),
                              {"i": first}).scalar_one()
        conn.execute(text("UPDATE contact SET display_name = :v WHERE id = :i"),
                     {"v": sealed, "i": second})
    with db.session() as session, pytest.raises(Tampered, match=rf"display_name\.{second}"):
        session.get(Contact, second)


def test_a_note_moved_into_another_column_does_not_open_there(db: Database) -> None:
    write_register(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE interaction SET shared = summary"))
    with db.session() as session, pytest.raises(Tampered, match=r"interaction\.shared"):
        session.exec(select(Interaction)).one()


def test_a_flipped_character_in_the_ciphertext_is_refused_not_shown(db: Database) -> None:
    contact_id = write_register(db)
    with db.engine.begin() as conn:
        sealed = conn.execute(text("SELECT display_name FROM contact")).scalar_one()
        flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
        conn.execute(text("UPDATE contact SET display_name = :v"), {"v": flipped})
    with db.session() as session, pytest.raises(Tampered):
        session.get(Contact, contact_id)


def test_another_key_opens_nothing(db: Database) -> None:
    contact_id = write_register(db)
    stranger = Database(db.engine, Keyring(parse_key(new_key_text())))
    with stranger.session() as session, pytest.raises(UnknownKey):
        session.get(Contact, contact_id)
