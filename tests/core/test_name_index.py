"""The message reader's name index is kept between messages and never stale: it is rebuilt when
the register's revision moves, which happens in the same transaction as any change to names."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.contacts import create_contact
from core.visits import known
from storage.engine import Database, make_engine
from storage.models import Contact, Network, Organisation, RegisterRevision
from tests.conftest import REFERENCE_NOW
from tests.support.keys import TEST_KEYRING

NOW = REFERENCE_NOW


def names(db: Database) -> set[str]:
    with db.session() as session:
        return {name for _, name in known(session).contacts}


def add(db: Database, name: str) -> None:
    with db.session() as session:
        create_contact(session, name=name, network=Network.FORMAL, now=NOW)


def test_the_index_is_reused_while_nothing_changes(db: Database) -> None:
    add(db, "Jan de Vries")
    with db.session() as session:
        first = known(session)
    with db.session() as session:
        assert known(session) is first


def test_a_new_renamed_or_archived_contact_shows_at_the_next_message(db: Database) -> None:
    add(db, "Jan de Vries")
    assert names(db) == {"Jan de Vries"}
    add(db, "Fatima Bakkali")
    assert names(db) == {"Jan de Vries", "Fatima Bakkali"}
    with db.session() as session:
        jan = session.exec(select(Contact)).first()
        assert jan is not None
        jan.display_name = "Jan de Vries-Bakker"
    assert names(db) == {"Jan de Vries-Bakker", "Fatima Bakkali"}
    with db.session() as session:
        organisation = Organisation(name="Moskee Al Fath", type="moskee", network="informal")
        session.add(organisation)
    with db.session() as session:
        assert "Moskee Al Fath" in {n for _, n in known(session).organisations}


def test_a_change_in_another_process_is_seen_at_once(db: Database) -> None:
    add(db, "Jan de Vries")
    assert names(db) == {"Jan de Vries"}
    if db.engine.dialect.name == "sqlite":
        other = Database(db.engine, TEST_KEYRING)  # in-memory: one engine is the database
        add(other, "Aisha El Amrani")
    else:
        other = Database(make_engine(db.engine.url.render_as_string(hide_password=False)),
                         TEST_KEYRING)
        try:
            add(other, "Aisha El Amrani")
        finally:
            other.engine.dispose()
    assert names(db) == {"Jan de Vries", "Aisha El Amrani"}


def test_a_transaction_reads_its_own_new_names_and_a_rollback_leaves_no_trace(
    db: Database,
) -> None:
    add(db, "Jan de Vries")
    assert names(db) == {"Jan de Vries"}
    seen_inside: set[str] = set()

    def fail_halfway() -> None:
        with db.session() as session:
            create_contact(session, name="Kees Jansen", network=Network.FORMAL, now=NOW)
            seen_inside.update(n for _, n in known(session).contacts)
            raise RuntimeError("the message failed halfway")

    with pytest.raises(RuntimeError):
        fail_halfway()
    assert seen_inside == {"Jan de Vries", "Kees Jansen"}
    assert names(db) == {"Jan de Vries"}
    add(db, "Fatima Bakkali")  # moves the counter to what the rolled-back one had reached
    assert names(db) == {"Jan de Vries", "Fatima Bakkali"}
    with db.session() as session:
        revision = session.get(RegisterRevision, 1)
        assert revision is not None
        assert revision.n >= 2
