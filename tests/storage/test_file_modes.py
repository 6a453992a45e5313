"""What holds the register, its key or what comes out of it is the owner's only, whatever the
umask: the folder 0700, the database with its -wal and -shm, the key, backups, exports and the
reports the terminal chat saves 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.conversation.events import Attachment
from bot.transports.console import ConsoleTransport
from core.areas import seed_areas
from core.export import export_register
from storage.backup import backup
from storage.crypto import write_key_file
from storage.engine import Database, make_engine
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The usual umask, under which a plain file would come out 0644 and a folder 0755."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def register_in(folder: Path) -> Database:
    db = migrated(Database(make_engine(f"sqlite:///{folder / 'netwerk.db'}"), TEST_KEYRING))
    with db.session() as session:
        seed_areas(session)
    return db


def test_the_data_folder_the_database_its_wal_and_its_shm_are_the_owners_only(
    tmp_path: Path
) -> None:
    data = tmp_path / "data"
    db = register_in(data)
    try:
        with db.engine.connect() as connection:  # open: the -wal and -shm files are there
            connection.execute(text("SELECT 1"))
            modes = {name: mode(data / name)
                     for name in ("netwerk.db", "netwerk.db-wal", "netwerk.db-shm")}
    finally:
        db.engine.dispose()

    assert mode(data) == 0o700
    assert modes == {"netwerk.db": 0o600, "netwerk.db-wal": 0o600, "netwerk.db-shm": 0o600}


def test_a_register_left_readable_to_others_is_closed_at_its_next_start(
    tmp_path: Path
) -> None:
    data = tmp_path / "data"
    register_in(data).engine.dispose()
    os.chmod(data, 0o755)  # noqa: S103 - the loose mode an older version left, on purpose
    os.chmod(data / "netwerk.db", 0o644)

    make_engine(f"sqlite:///{data / 'netwerk.db'}").dispose()

    assert (mode(data), mode(data / "netwerk.db")) == (0o700, 0o600)


def test_a_new_key_file_and_its_folder_are_the_owners_only(tmp_path: Path) -> None:
    key = tmp_path / "data" / "netwerkregie.key"

    write_key_file(key)

    assert (mode(key.parent), mode(key)) == (0o700, 0o600)


def test_a_backup_is_the_owners_only(tmp_path: Path) -> None:
    db = register_in(tmp_path / "data")
    try:
        backup(db, tmp_path / "register.backup")
    finally:
        db.engine.dispose()

    assert mode(tmp_path / "register.backup") == 0o600


def test_every_file_of_an_export_is_the_owners_only(tmp_path: Path) -> None:
    db = register_in(tmp_path / "data")
    try:
        with db.session() as session:
            export_register(session, tmp_path / "export")
    finally:
        db.engine.dispose()

    files = list((tmp_path / "export").iterdir())
    assert files
    assert mode(tmp_path / "export") == 0o700
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}


def test_a_report_the_terminal_chat_saves_is_the_owners_only(tmp_path: Path) -> None:
    console = ConsoleTransport(files_dir=tmp_path / "rapporten")

    saved = console._save(Attachment("rapportage.pdf", b"%PDF-1.4 rapport", "application/pdf"))

    assert (mode(saved.parent), mode(saved)) == (0o700, 0o600)
