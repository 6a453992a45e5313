"""The audit log as a keyed hash chain: every change, deletion, reordering, addition or cut-off
tail is found and located; a key rotation moves the chain; concurrent writers never fork it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from core.access import audit
from core.audit import Break, ChainBroken, ChainReset, Problem, begin, rechain, verify
from core.clock import FakeClock
from storage.crypto import Keyring, new_key_text, parse_key
from storage.engine import Database, make_engine
from storage.models import AuditEvent, AuditHead, User
from tests.conftest import REFERENCE_NOW, postgres_database
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

NEW_KEYRING = TEST_KEYRING.with_current(parse_key(new_key_text()))


def record(db: Database, clock: FakeClock, count: int, first: int = 1) -> None:
    """`count` entries, one transaction each, a minute apart."""
    for number in range(first, first + count):
        with db.session() as session:
            audit(session, clock.now(), "contact.created", None, f"contact:{number}",
                  network="formal")
        clock.advance(minutes=1)


def raw(db: Database, sql: str, **params: Any) -> None:
    """Change the table behind the application's back, as an attacker with the file would."""
    with db.engine.begin() as connection:
        connection.execute(text(sql), params)


def sneak_in(db: Database, **columns: Any) -> None:
    """Insert an audit row directly, not through the chain."""
    with db.engine.begin() as connection:
        connection.execute(AuditEvent.__table__.insert().values(  # type: ignore[attr-defined]
            at=REFERENCE_NOW, action="contact.created", subject="contact:9", detail={}, **columns))


def check(db: Database, keyring: Keyring = TEST_KEYRING) -> tuple[int, tuple[Break, ...]]:
    with db.session() as session:
        result = verify(session, keyring)
    return result.count, result.breaks


def entry_id(db: Database, seq: int) -> int:
    with db.session() as session:
        found = session.exec(select(AuditEvent).where(AuditEvent.seq == seq)).one()
    assert found.id is not None
    return found.id


def test_an_untouched_log_verifies_and_every_entry_points_to_the_one_before(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 3)
    with db.session() as session:  # two entries in one transaction
        audit(session, clock.now(), "area.added", None, "area:1")
        audit(session, clock.now(), "area.renamed", None, "area:1")

    assert check(db) == (5, ())
    with db.session() as session:
        entries = list(session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all())
        head = session.get(AuditHead, 1)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert head is not None
    assert (head.entries, head.hash) == (5, entries[-1].hash)


def test_an_edited_action_is_found_at_its_entry(db: Database, clock: FakeClock) -> None:
    record(db, clock, 4)
    raw(db, "UPDATE auditevent SET action = 'contact.viewed' WHERE seq = 2")

    assert check(db) == (4, (Break(Problem.CHANGED, 2, entry_id(db, 2)),))


def test_an_edited_detail_is_found_at_its_entry(db: Database, clock: FakeClock) -> None:
    record(db, clock, 4)
    raw(db, "UPDATE auditevent SET detail = :detail WHERE seq = 3",
        detail='{"network": "informal"}')

    assert check(db) == (4, (Break(Problem.CHANGED, 3, entry_id(db, 3)),))


def test_a_deleted_entry_in_the_middle_is_found_where_it_was(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 5)
    after = entry_id(db, 4)
    raw(db, "DELETE FROM auditevent WHERE seq = 3")

    assert check(db) == (4, (Break(Problem.MISSING, 3, after, missing=1),))


def test_two_entries_with_swapped_contents_are_both_found(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 4)
    with db.engine.begin() as connection:
        rows = {row.seq: row for row in connection.execute(text(
            "SELECT seq, action, subject FROM auditevent WHERE seq IN (2, 3)"))}
        for seq, other in ((2, 3), (3, 2)):
            connection.execute(
                text("UPDATE auditevent SET action = :action, subject = :subject WHERE seq = :seq"),
                {"action": rows[other].action, "subject": rows[other].subject, "seq": seq})

    assert check(db) == (4, (Break(Problem.CHANGED, 2, entry_id(db, 2)),
                             Break(Problem.CHANGED, 3, entry_id(db, 3))))


def test_entries_put_in_each_others_place_are_found(db: Database, clock: FakeClock) -> None:
    record(db, clock, 4)
    second, third = entry_id(db, 2), entry_id(db, 3)
    # Whole entries moved, hashes and all: only the row identity stays behind.
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE auditevent SET seq = -2 WHERE seq = 2"))
        connection.execute(text("UPDATE auditevent SET seq = 2 WHERE seq = 3"))
        connection.execute(text("UPDATE auditevent SET seq = 3 WHERE seq = -2"))

    assert check(db) == (4, (Break(Problem.RELINKED, 2, third), Break(Problem.CHANGED, 2, third),
                             Break(Problem.RELINKED, 3, second), Break(Problem.CHANGED, 3, second),
                             Break(Problem.RELINKED, 4, entry_id(db, 4))))


def test_a_deleted_last_entry_is_noticed_through_the_head(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 4)
    raw(db, "DELETE FROM auditevent WHERE seq = 4")

    assert check(db) == (3, (Break(Problem.TRUNCATED, 4, None, missing=1),))


def test_a_head_rolled_back_to_hide_a_cut_off_tail_is_noticed(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 4)
    raw(db, "DELETE FROM auditevent WHERE seq = 4")
    raw(db, "UPDATE audithead SET entries = 3, hash = (SELECT hash FROM auditevent WHERE seq = 3)")

    assert check(db) == (3, (Break(Problem.HEAD),))


def test_entries_added_behind_the_chains_back_are_found(db: Database, clock: FakeClock) -> None:
    record(db, clock, 2)
    sneak_in(db, seq=None, prev_hash="", hash="")
    sneak_in(db, seq=3, prev_hash="0" * 64, hash="f" * 64)
    with db.session() as session:
        unchained = session.exec(select(AuditEvent).where(col(AuditEvent.seq).is_(None))).one()

    count, breaks = check(db)
    assert count == 4
    assert breaks == (Break(Problem.RELINKED, 3, entry_id(db, 3)),
                      Break(Problem.CHANGED, 3, entry_id(db, 3)),
                      Break(Problem.BEYOND_HEAD, 3),
                      Break(Problem.UNCHAINED, None, unchained.id))


def test_the_chain_does_not_verify_under_another_key(db: Database, clock: FakeClock) -> None:
    record(db, clock, 2)

    count, breaks = check(db, NEW_KEYRING)
    assert count == 2
    assert Break(Problem.CHANGED, 1, entry_id(db, 1)) in breaks


def test_a_rechained_log_verifies_under_the_new_key_and_not_the_old(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 3)

    with db.session() as session:
        assert rechain(session, TEST_KEYRING, NEW_KEYRING) == 3

    assert check(db, NEW_KEYRING) == (3, ())
    assert check(db, TEST_KEYRING)[1] != ()


def test_rechaining_again_after_an_interruption_changes_nothing(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 3)
    with db.session() as session:
        rechain(session, TEST_KEYRING, NEW_KEYRING)

    with db.session() as session:
        assert rechain(session, TEST_KEYRING, NEW_KEYRING) == 0
    assert check(db, NEW_KEYRING) == (3, ())


def test_a_tampered_log_is_not_rechained_under_a_new_key(db: Database, clock: FakeClock) -> None:
    record(db, clock, 3)
    raw(db, "UPDATE auditevent SET subject = 'contact:77' WHERE seq = 2")

    with db.session() as session, pytest.raises(ChainBroken, match="changed at position 2"):
        rechain(session, TEST_KEYRING, NEW_KEYRING)

    assert check(db)[1] == (Break(Problem.CHANGED, 2, entry_id(db, 2)),)


def test_a_rolled_back_transaction_leaves_no_gap(db: Database, clock: FakeClock) -> None:
    record(db, clock, 1)

    def failing_handler() -> None:
        with db.session() as session:
            audit(session, clock.now(), "contact.created", None, "contact:2")
            raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError):
        failing_handler()
    record(db, clock, 1, first=3)

    assert check(db) == (2, ())


def blank_head(db: Database) -> None:
    """The head as a migration leaves it: unsigned. Anyone with write access can do this."""
    raw(db, "UPDATE audithead SET entries = 0, hash = '', mac = ''")


def add_user(db: Database) -> None:
    with db.session() as session:
        session.add(User(transport="memory", external_id="u1", chat_id="c1",
                         role="coordinator"))


def test_entries_from_before_the_chain_are_taken_in_by_the_upgrade_start(
    db: Database, clock: FakeClock
) -> None:
    blank_head(db)
    for seq in (1, 2):  # as migration 0007 leaves them: numbered, not yet hashed
        sneak_in(db, seq=seq, prev_hash="", hash="")
    assert check(db) == (2, (Break(Problem.NOT_BEGUN),))

    with db.session() as session:
        assert begin(session, TEST_KEYRING, take_in_earlier=True)
    record(db, clock, 1)

    assert check(db) == (3, ())


def test_a_begun_empty_log_verifies_and_an_unsigned_empty_one_does_not(db: Database) -> None:
    assert check(db) == (0, ())

    blank_head(db)

    assert check(db) == (0, (Break(Problem.NOT_BEGUN),))


def test_a_log_reset_without_the_key_is_not_begun_again_nor_extended(
    db: Database, clock: FakeClock
) -> None:
    add_user(db)
    record(db, clock, 3)
    raw(db, "DELETE FROM auditevent")
    blank_head(db)

    with db.session() as session, pytest.raises(ChainReset):
        begin(session, TEST_KEYRING)
    with pytest.raises(ChainReset):
        record(db, clock, 1, first=4)  # the bot's next audited action

    assert check(db) == (0, (Break(Problem.NOT_BEGUN),))


def test_a_history_rewritten_without_the_key_does_not_verify(
    db: Database, clock: FakeClock
) -> None:
    record(db, clock, 2)
    with db.session() as session:
        audit(session, clock.now(), "access.denied", None, "chat:666")
    record(db, clock, 2, first=3)
    # Drop the refusal, renumber, make the rest look like entries from before the chain.
    raw(db, "DELETE FROM auditevent WHERE action = 'access.denied'")
    raw(db, "UPDATE auditevent SET seq = seq - 1 WHERE seq > 3")
    raw(db, "UPDATE auditevent SET prev_hash = '', hash = ''")
    blank_head(db)

    with db.session() as session, pytest.raises(ChainReset):
        begin(session, TEST_KEYRING)

    assert check(db) == (4, (Break(Problem.NOT_BEGUN),))


def test_the_signed_start_put_back_over_a_deleted_history_does_not_verify(
    db: Database, clock: FakeClock
) -> None:
    with db.engine.connect() as connection:
        start = connection.execute(text("SELECT entries, hash, mac FROM audithead")).one()
    add_user(db)
    record(db, clock, 3)
    raw(db, "DELETE FROM auditevent")
    raw(db, "UPDATE audithead SET entries = :entries, hash = :hash, mac = :mac",
        entries=start.entries, hash=start.hash, mac=start.mac)

    assert check(db) == (0, (Break(Problem.EMPTY),))


def test_the_chain_is_begun_only_once(db: Database, clock: FakeClock) -> None:
    record(db, clock, 2)

    with db.session() as session:
        assert not begin(session, TEST_KEYRING)

    assert check(db) == (2, ())


def test_concurrent_appends_on_postgresql_make_one_unbroken_chain(clock: FakeClock) -> None:
    rounds = 8
    with postgres_database() as url:
        db = Database(make_engine(url), TEST_KEYRING)
        migrated(db)
        both_flushed = threading.Barrier(2, timeout=30)
        failures: list[BaseException] = []

        def writer(name: str) -> None:
            try:
                for number in range(rounds):
                    with db.session() as session:
                        audit(session, clock.now(), "contact.created", None,
                              f"{name}:{number}")
                        session.flush()
                        both_flushed.wait()  # both transactions hold an entry; both commit now
            except BaseException as error:  # reported by the assertion below
                failures.append(error)
                both_flushed.abort()

        threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        try:
            assert failures == []
            assert check(db) == (2 * rounds, ())
            with db.session() as session:
                seqs = sorted(e.seq or 0 for e in session.exec(select(AuditEvent)).all())
            assert seqs == list(range(1, 2 * rounds + 1))
        finally:
            db.engine.dispose()


def test_two_threads_appending_to_one_sqlite_file_make_one_unbroken_chain(
    tmp_path: Path, clock: FakeClock
) -> None:
    rounds = 10
    db = Database(make_engine(f"sqlite:///{tmp_path / 'netwerk.db'}"), TEST_KEYRING)
    migrated(db)
    start = threading.Barrier(2, timeout=30)
    failures: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            start.wait()
            for number in range(rounds):
                with db.session() as session:
                    audit(session, clock.now(), "contact.created", None, f"{name}:{number}")
        except BaseException as error:  # reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert check(db) == (2 * rounds, ())
    finally:
        db.engine.dispose()
