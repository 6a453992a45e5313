"""Encrypted backups: what was backed up comes back exactly; a bad file or key changes nothing.
A backup is an age file that opens with the data key alone (pyrage here, `age` for an
operator); backups from before the age format still restore."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pyrage import passphrase
from sqlalchemy import select

from storage.backup import (
    CHUNK,
    HEADER_BYTES,
    BackupError,
    DamagedBackup,
    NotABackup,
    TargetInUse,
    WrongBackupKey,
    backup,
    decrypt_stream,
    restore,
)
from storage.crypto import Keyring
from storage.engine import Database, make_engine
from storage.lock import InstanceLock
from storage.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    Organisation,
    User,
)
from tests.support.audit import migrated
from tests.support.keys import TEST_DATA_KEY, TEST_KEYRING
from tests.support.legacy_backup import encrypt_stream

WHEN = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)
OTHER_KEYRING = Keyring(b"another key, not the test key!!!")
TABLES = (User, Organisation, Contact, Interaction, InteractionContact, FollowUp)


def fill(db: Database) -> None:
    """A small register touching sealed and plain columns in several related tables."""
    with db.session() as session:
        user = User(transport="console", external_id="1", chat_id="1", role="coordinator")
        organisation = Organisation(name="Buurthuis De Schakel", type="buurthuis",
                                    network="informal")
        fatima = Contact(display_name="Fatima el Amrani", network="informal",
                         phone="06-12345678", roles=["sleutelfiguur"])
        jan = Contact(display_name="Jan de Vries", network="formal", email="jan@example.nl")
        session.add_all([user, organisation, fatima, jan])
        session.flush()
        visit = Interaction(occurred_at=WHEN, organisation_id=organisation.id,
                            summary="Zorgen over jongeren bij het skatepark",
                            topics=["jongeren"])
        session.add(visit)
        session.flush()
        session.add(InteractionContact(interaction_id=visit.id, contact_id=fatima.id))
        session.add(FollowUp(title="Fatima terugbellen", contact_id=fatima.id,
                             interaction_id=visit.id, owner_user_id=user.id,
                             due_at=WHEN + timedelta(days=2)))


def change(db: Database) -> None:
    """What happens after the backup: an edit, a deletion and an addition."""
    with db.session() as session:
        fatima = session.exec(select(Contact).where(Contact.id == 1)).scalar_one()
        fatima.display_name = "Iemand anders"
        session.add(fatima)
        for follow_up in session.exec(select(FollowUp)).scalars():
            session.delete(follow_up)
        session.add(Contact(display_name="Nieuw Contact", network="formal"))


def rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of the compared tables, as the database stores them (sealed values too)."""
    with db.engine.connect() as connection:
        return {
            model.__tablename__: [  # type: ignore[misc]
                dict(row._mapping)
                for row in connection.execute(
                    select(model.__table__).order_by(  # type: ignore[attr-defined]
                        *model.__table__.primary_key.columns)  # type: ignore[attr-defined]
                )
            ]
            for model in TABLES
        }


def names(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(c.display_name for c in session.exec(select(Contact)).scalars())


def test_a_restored_backup_holds_exactly_the_data_from_the_moment_it_was_made(
    db, tmp_path
) -> None:
    fill(db)
    before = rows(db)
    file = tmp_path / "register.backup"

    info = backup(db, file)
    change(db)
    assert rows(db) != before
    restored = restore(db, file)

    assert rows(db) == before
    assert names(db) == ["Fatima el Amrani", "Jan de Vries"]  # the sealed names open again
    assert info.key_id == restored.key_id == TEST_KEYRING.current_id
    assert restored.backend == db.engine.url.get_backend_name()


def test_the_backup_file_shows_no_name_note_or_table_name(db, tmp_path) -> None:
    fill(db)
    file = tmp_path / "register.backup"

    backup(db, file)

    content = file.read_bytes()
    for plain in (b"Fatima", b"skatepark", b"De Schakel", b"sleutelfiguur", b"followup",
                  b"SQLite format", b"PGDMP"):
        assert plain not in content
    assert file.stat().st_mode & 0o077 == 0  # readable by its owner only


AGE_CHUNK = 64 * 1024 + 16  # age's payload: a 16-byte nonce, then chunks with their tag


def payload_start(content: bytes) -> int:
    """Where an age file's payload begins: after the header's MAC line (`--- ` and 43
    characters)."""
    return content.index(b"\n--- ") + len(b"\n--- ") + 43 + 1


@pytest.mark.parametrize("where", ["header", "start", "middle", "end"])
def test_a_backup_with_one_flipped_byte_is_refused_and_the_target_is_untouched(
    db, tmp_path, where
) -> None:
    fill(db)
    file = tmp_path / "register.backup"
    backup(db, file)
    change(db)
    after_change = rows(db)
    content = bytearray(file.read_bytes())
    payload = payload_start(bytes(content))
    position = {"header": 40, "start": payload + 20, "middle": len(content) // 2,
                "end": len(content) - 1}[where]
    content[position] ^= 0x01
    file.write_bytes(bytes(content))

    with pytest.raises(DamagedBackup, match="Er is niets teruggezet"):
        restore(db, file)

    assert rows(db) == after_change


@pytest.mark.parametrize("cut", [1, 100, "a whole chunk"])
def test_a_truncated_backup_is_refused_and_the_target_is_untouched(db, tmp_path, cut) -> None:
    fill(db)
    file = tmp_path / "register.backup"
    backup(db, file)
    change(db)
    after_change = rows(db)
    content = file.read_bytes()
    last_chunk = (len(content) - payload_start(content) - 16) % AGE_CHUNK or AGE_CHUNK
    file.write_bytes(content[:-(last_chunk if cut == "a whole chunk" else int(cut))])

    with pytest.raises(DamagedBackup, match="afgekapt"):
        restore(db, file)

    assert rows(db) == after_change


def test_a_backup_under_another_key_is_refused_and_names_the_configured_key(
    db, tmp_path
) -> None:
    fill(db)
    file = tmp_path / "register.backup"
    backup(db, file)
    change(db)
    after_change = rows(db)
    other = Database(db.engine, OTHER_KEYRING)

    with pytest.raises(DamagedBackup, match="andere sleutel") as refused:
        restore(other, file)

    assert OTHER_KEYRING.current_id in str(refused.value)
    assert rows(db) == after_change


def test_a_backup_opens_with_the_data_key_alone_outside_the_bot(db, tmp_path) -> None:
    """What an operator does with `age --decrypt` when the bot is gone: the key file's text
    is the passphrase, and out comes the database itself."""
    import sqlite3

    fill(db)
    file = tmp_path / "register.backup"
    backup(db, file)

    content = file.read_bytes()
    snapshot = passphrase.decrypt(content, TEST_DATA_KEY)

    assert content.startswith(b"age-encryption.org/v1\n-> scrypt ")
    if db.engine.url.get_backend_name() == "sqlite":
        (tmp_path / "opened.db").write_bytes(snapshot)
        with sqlite3.connect(tmp_path / "opened.db") as opened:
            assert opened.execute("SELECT count(*) FROM contact").fetchone() == (2,)
    else:
        assert snapshot.startswith(b"PGDMP")


def test_an_age_file_under_the_key_that_holds_no_database_is_refused(db, tmp_path) -> None:
    file = tmp_path / "register.backup"
    file.write_bytes(passphrase.encrypt(b"just some text, not a database", TEST_DATA_KEY))

    with pytest.raises(NotABackup, match="geen database"):
        restore(db, file)


def test_a_backup_in_the_format_from_before_age_still_restores(db, tmp_path) -> None:
    fill(db)
    before = rows(db)
    made = tmp_path / "register.backup"
    backup(db, made)
    old_format = tmp_path / "oud.backup"
    with old_format.open("wb") as sink:
        encrypt_stream(io.BytesIO(passphrase.decrypt(made.read_bytes(), TEST_DATA_KEY)), sink,
                       TEST_KEYRING, db.engine.url.get_backend_name())
    change(db)

    restored = restore(db, old_format)

    assert old_format.read_bytes().startswith(b"NRBACKUP\x01")
    assert rows(db) == before
    assert restored.key_id == TEST_KEYRING.current_id


def test_a_backup_in_the_old_format_under_another_key_names_both_keys(db, tmp_path) -> None:
    file = tmp_path / "oud.backup"
    with file.open("wb") as sink:
        encrypt_stream(io.BytesIO(b"whatever"), sink, TEST_KEYRING, "sqlite")

    with pytest.raises(WrongBackupKey) as refused:
        restore(Database(db.engine, OTHER_KEYRING), file)

    assert TEST_KEYRING.current_id in str(refused.value)
    assert OTHER_KEYRING.current_id in str(refused.value)


def test_no_backup_is_made_with_a_key_that_does_not_open_the_data(db, tmp_path) -> None:
    from storage.rekey import write_key_check

    write_key_check(db, WHEN)
    file = tmp_path / "register.backup"

    with pytest.raises(BackupError, match="sleutel past niet"):
        backup(Database(db.engine, OTHER_KEYRING), file)

    assert not file.exists()


def test_a_backup_never_overwrites_an_existing_file(db, tmp_path) -> None:
    file = tmp_path / "register.backup"
    file.write_bytes(b"an older backup")

    with pytest.raises(BackupError, match="bestaat al"):
        backup(db, file)

    assert file.read_bytes() == b"an older backup"


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path) -> None:
    file = tmp_path / "notes.txt"
    file.write_bytes(b"just some text, not a backup at all, long enough for a header")

    with pytest.raises(NotABackup):
        restore(db, file)


def test_the_stream_spans_many_chunks_and_refuses_reordered_or_dropped_ones() -> None:
    payload = bytes(range(256)) * ((CHUNK * 2 + 1000) // 256)
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(payload), sealed, TEST_KEYRING, "sqlite")
    data = sealed.getvalue()
    header, body = data[:HEADER_BYTES], data[HEADER_BYTES:]
    chunks = []
    while body:
        length = 4 + int.from_bytes(body[:4], "big")
        chunks.append(body[:length])
        body = body[length:]

    opened = io.BytesIO()
    decrypt_stream(io.BytesIO(data), opened, TEST_KEYRING)
    swapped = header + chunks[1] + chunks[0] + chunks[2]
    dropped_last = header + chunks[0] + chunks[1]
    dropped_middle = header + chunks[0] + chunks[2]

    assert opened.getvalue() == payload
    assert len(chunks) == 3
    for broken in (swapped, dropped_last, dropped_middle):
        with pytest.raises(DamagedBackup):
            decrypt_stream(io.BytesIO(broken), io.BytesIO(), TEST_KEYRING)


def test_chunks_from_another_backup_do_not_open_in_this_one() -> None:
    first, second = io.BytesIO(), io.BytesIO()
    encrypt_stream(io.BytesIO(b"eerste"), first, TEST_KEYRING, "sqlite")
    encrypt_stream(io.BytesIO(b"tweede"), second, TEST_KEYRING, "sqlite")
    spliced = first.getvalue()[:HEADER_BYTES] + second.getvalue()[HEADER_BYTES:]

    with pytest.raises(DamagedBackup):
        decrypt_stream(io.BytesIO(spliced), io.BytesIO(), TEST_KEYRING)


def test_a_sqlite_database_held_by_a_running_bot_is_not_restored_over(tmp_path) -> None:
    database = tmp_path / "netwerk.db"
    db = Database(make_engine(f"sqlite:///{database}"), TEST_KEYRING)
    migrated(db)
    fill(db)
    file = tmp_path / "register.backup"
    backup(db, file)
    change(db)
    after_change = rows(db)

    try:
        with InstanceLock(database), pytest.raises(TargetInUse, match="already running"):
            restore(db, file)
        unchanged = rows(db)
        restore(db, file)  # once the bot has stopped it goes through
        assert names(db) == ["Fatima el Amrani", "Jan de Vries"]
    finally:
        db.engine.dispose()

    assert unchanged == after_change


def test_a_backup_is_not_restored_into_the_other_kind_of_database(db, tmp_path) -> None:
    file, old_format = tmp_path / "register.backup", tmp_path / "oud.backup"
    other_kind = "postgresql" if db.engine.url.get_backend_name() == "sqlite" else "sqlite"
    snapshot = b"PGDMP whatever" if other_kind == "postgresql" else b"SQLite format 3\x00 ..."
    file.write_bytes(passphrase.encrypt(snapshot, TEST_DATA_KEY))
    with old_format.open("wb") as sink:
        encrypt_stream(io.BytesIO(b"whatever"), sink, TEST_KEYRING, other_kind)

    for made in (file, old_format):
        with pytest.raises(BackupError, match=f"back-up van een {other_kind}-database"):
            restore(db, made)
