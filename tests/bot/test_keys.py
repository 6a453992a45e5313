"""Start-up under the right key only, and moving the register to a new key without losing it."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlmodel import select

from bot.keys import KeySetupError, open_database, rotate_key
from bot.settings import Settings
from storage.crypto import (
    Keyring,
    UnknownKey,
    new_key_text,
    parse_key,
    read_key_file,
    sealed_key_id,
)
from storage.engine import Database, make_engine
from storage.migrate import upgrade
from storage.models import Contact, ContactOrganisation, Interaction, Organisation
from storage.rekey import reseal, seal_plain

NOW = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)


def settings_for(tmp_path: Path, data_key: str | None = None) -> Settings:
    return Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'netwerk.db'}",
                    data_key=data_key, data_key_file=tmp_path / "netwerk.key")


def open_fresh(settings: Settings) -> Database:
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return open_database(settings, engine, NOW)


def add_contacts(db: Database, *names: str) -> None:
    with db.session() as session:
        for name in names:
            session.add(Contact(display_name=name, network="formal"))


def names(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(c.display_name for c in session.exec(select(Contact)))


def raw_names(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT display_name FROM contact ORDER BY id")).scalars())


def test_a_new_register_gets_a_key_file_only_its_owner_can_read(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    db = open_fresh(settings)
    add_contacts(db, "Jan de Vries")
    mode = stat.S_IMODE(settings.data_key_file.stat().st_mode)
    assert mode == 0o600
    assert db.keyring.current_id == Keyring(read_key_file(settings.data_key_file)).current_id
    assert names(db) == ["Jan de Vries"]


def test_the_bot_refuses_to_start_when_the_key_file_is_gone(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    add_contacts(open_fresh(settings), "Jan de Vries")
    settings.data_key_file.unlink()

    with pytest.raises(KeySetupError, match="geen sleutel"):
        open_fresh(settings)
    assert not settings.data_key_file.exists()  # no new key made up beside the old data


def test_the_bot_refuses_to_start_with_a_wrong_key_and_changes_nothing(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    db = open_fresh(settings)
    add_contacts(db, "Jan de Vries")
    before = raw_names(db)

    with pytest.raises(KeySetupError, match="past niet"):
        open_fresh(settings_for(tmp_path, data_key=new_key_text()))
    assert raw_names(db) == before


def test_a_key_file_that_holds_no_key_is_explained(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    settings.data_key_file.write_text("dGVzdA", encoding="ascii")

    with pytest.raises(KeySetupError, match="32 bytes"):
        open_fresh(settings)


def test_a_data_key_that_is_not_a_key_is_refused_with_the_setting_named(
    tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="DATA_KEY is geen sleutel van 32 bytes"):
        settings_for(tmp_path, data_key="dGVzdA")


def test_a_register_from_before_encryption_is_sealed_at_start(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with engine.begin() as conn:  # rows as an older version wrote them: plain text
        conn.execute(text("INSERT INTO contact (display_name, network, status, roles, created_at)"
                          " VALUES ('Jan de Vries', 'formal', 'actief', '[]', :t)"),
                     {"t": "2026-01-01 00:00:00.000000"})

    db = open_database(settings, engine, NOW)

    assert all(v.startswith("nr1:") for v in raw_names(db))
    assert names(db) == ["Jan de Vries"]


def test_roles_and_functions_written_before_they_were_sealed_are_sealed_at_the_next_start(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path)
    db = open_fresh(settings)
    add_contacts(db, "Jan de Vries")
    with db.session() as session:
        session.add(Organisation(id=1, name="Politie", type="politie", network="formal"))
    with db.engine.begin() as conn:  # as the version before sealing roles and functions wrote
        conn.execute(text("""UPDATE contact SET roles = '["wijkagent"]'"""))
        conn.execute(text("INSERT INTO contactorganisation (contact_id, organisation_id, "
                          "function) VALUES (1, 1, 'teamchef')"))
    db.engine.dispose()

    again = open_fresh(settings)

    with again.engine.connect() as conn:
        roles = conn.execute(text("SELECT roles FROM contact")).scalar_one()
        function = conn.execute(text("SELECT function FROM contactorganisation")).scalar_one()
    assert "wijkagent" not in str(roles)
    assert function.startswith("nr1:")
    with again.session() as session:
        assert session.exec(select(Contact)).one().roles == ["wijkagent"]
        assert session.exec(select(ContactOrganisation)).one().function == "teamchef"
    assert seal_plain(again) == 0  # the next start finds nothing left to seal


def test_rotating_the_key_moves_every_value_and_the_old_key_alone_opens_nothing(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path)
    db = open_fresh(settings)
    add_contacts(db, "Jan de Vries", "Aisha El Amrani")
    with db.session() as session:
        session.add(Interaction(occurred_at=NOW, summary="over de buurtbarbecue"))
    old_key = read_key_file(settings.data_key_file)
    db.engine.dispose()

    new_file = tmp_path / "nieuw.key"
    report = rotate_key(settings, new_file)

    assert report.resealed["contact"] == 2
    assert report.resealed["interaction"] == 1
    new_ring = Keyring(read_key_file(new_file))
    after = Database(make_engine(settings.database_url), new_ring)
    assert {sealed_key_id(v) for v in raw_names(after)} == {new_ring.current_id}
    assert names(after) == ["Aisha El Amrani", "Jan de Vries"]
    with Database(after.engine, Keyring(old_key)).session() as session, pytest.raises(UnknownKey):
        session.exec(select(Contact)).all()
    restarted = settings_for(tmp_path, data_key=new_file.read_text().strip())
    assert names(open_fresh(restarted)) == ["Aisha El Amrani", "Jan de Vries"]


def test_an_interrupted_rotation_finishes_when_run_again(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    db = open_fresh(settings)
    add_contacts(db, *(f"Contact {n}" for n in range(7)))
    old_key = read_key_file(settings.data_key_file)
    new_file = tmp_path / "nieuw.key"
    new_file.write_text(new_key_text())
    new_key = read_key_file(new_file)
    both = Database(db.engine, Keyring(new_key, older=[old_key]))

    class Stop(Exception):
        pass

    def stop_after_first_batch(_table: str, _done: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        reseal(both, batch=3, progress=stop_after_first_batch)
    half = {sealed_key_id(v) for v in raw_names(db)}
    assert half == {Keyring(old_key).current_id, Keyring(new_key).current_id}

    db.engine.dispose()
    rotate_key(settings, new_file)

    after = Database(make_engine(settings.database_url), Keyring(new_key))
    assert {sealed_key_id(v) for v in raw_names(after)} == {Keyring(new_key).current_id}
    assert names(after) == sorted(f"Contact {n}" for n in range(7))


def test_rotation_stops_before_overwriting_a_value_it_cannot_open(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    db = open_fresh(settings)
    add_contacts(db, "Jan de Vries")
    stranger = Keyring(parse_key(new_key_text()))
    foreign = stranger.seal("Onbekend", "contact.display_name.2")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO contact (display_name, network, status, roles, created_at)"
                          " VALUES (:n, 'formal', 'actief', '[]', :t)"),
                     {"n": foreign, "t": "2026-01-01 00:00:00.000000"})
    before = raw_names(db)
    db.engine.dispose()

    with pytest.raises(KeySetupError, match="niet te openen"):
        rotate_key(settings, tmp_path / "nieuw.key")
    assert raw_names(Database(make_engine(settings.database_url), db.keyring)) == before
