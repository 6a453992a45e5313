"""Consistent, encrypted backups of the register, and restoring them.

A backup is a snapshot taken while the bot may keep running (SQLite's online backup API, or
`pg_dump` in one transaction), encrypted as a whole: sealed columns stay sealed inside it and
everything else (dates, roles, areas, audit) is no longer readable either.

The file is in the age format (age-encryption.org/v1, through pyrage), with the data key as
its passphrase, written as in the key file: an operator opens it with the standard `age`
command (`age --decrypt`) if the bot is gone, and gets the SQLite file or the `pg_dump` archive
(docs/operations.md). age authenticates the header and every 64 KiB chunk, with a "last chunk"
flag, so a changed, reordered or cut-off file does not open. A restore opens and checks the
whole file before it touches the target database; which backend a backup is of is read from
the snapshot itself.

Backups made before (format 1, still restored) are

    header   = b"NRBACKUP" | version (1 byte) | backend (b"s" or b"p") | key id (12) | salt (16)
    chunk... = length (4 bytes, big-endian) | AES-GCM ciphertext of up to 1 MiB

under a per-file key derived from the data keyring (`keyring.derive("backup")`, then HKDF with
the salt). Each chunk's nonce is its sequence number plus a "last chunk" flag and the header is
associated data (the STREAM construction), so chunks cannot be reordered, dropped, swapped with
another backup's, or cut off at the end without the restore noticing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pyrage import DecryptError, passphrase
from sqlalchemy import Engine, text

from storage.crypto import Keyring
from storage.engine import Database, sqlite_path
from storage.lock import AlreadyRunningError, InstanceLock
from storage.rekey import WrongKey, check_key

AGE_MAGIC = b"age-encryption.org/v1\n"
# What a snapshot starts with: a SQLite database file, or a pg_dump archive (--format=custom).
SNAPSHOT_MAGIC = {b"SQLite format 3\x00": "sqlite", b"PGDMP": "postgresql"}
MAGIC = b"NRBACKUP"  # format 1, from before age
VERSION = 1
CHUNK = 1 << 20
_TAG = 16
_SALT = 16
_KEY_ID = 12
HEADER_BYTES = len(MAGIC) + 1 + 1 + _KEY_ID + _SALT
_BACKENDS = {b"s": "sqlite", b"p": "postgresql"}
_TOOL_TIMEOUT = 3600


class BackupError(Exception):
    """A backup or restore that cannot be done; the text says why and what to do."""


class NotABackup(BackupError):
    """The file does not start like a backup of this bot."""


class WrongBackupKey(BackupError):
    """The backup was made under another data key than the configured one."""


class DamagedBackup(BackupError):
    """A chunk does not open, is out of place, or the file ends early: changed or cut off."""


class TargetInUse(BackupError):
    """The running bot (or another client) holds the database that would be overwritten."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds: the backend it came from, its key and its plain size."""

    backend: str
    key_id: str
    size: int


def backup(db: Database, out: Path) -> BackupInfo:
    """Write an encrypted snapshot of `db` to `out` (a new file, readable by its owner only).

    Refuses when the keyring does not open the data, so a backup never claims a key its sealed
    values are not under. The plain snapshot only exists in a private temporary directory.
    """
    if out.exists():
        raise BackupError(f"{out} bestaat al; kies een nieuwe bestandsnaam, er is niets "
                          "overschreven.")
    try:
        check_key(db)
    except WrongKey as error:
        raise BackupError(f"De sleutel past niet bij deze database ({error}); er is geen "
                          "back-up gemaakt.") from error
    backend = _backend(db.engine)
    with tempfile.TemporaryDirectory(prefix="netwerkregie-backup-") as work:
        plain = Path(work) / "snapshot"
        if backend == "sqlite":
            _sqlite_snapshot(db.engine, plain)
        else:
            _pg_dump(db.engine, plain)
        snapshot = plain.read_bytes()  # pyrage's passphrase mode works on bytes, not streams
        plain_size = len(snapshot)
        sealed = passphrase.encrypt(snapshot, db.keyring.key_text())
        del snapshot
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as sink:
                sink.write(sealed)
                sink.flush()
                os.fsync(sink.fileno())
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupInfo(backend, db.keyring.current_id, plain_size)


def restore(db: Database, source: Path) -> BackupInfo:
    """Replace the contents of `db` with the backup in `source`.

    The whole file is opened and checked first: a backup under another key, a changed or
    truncated file, or one from the other backend is refused with the target untouched. A
    SQLite target that a running bot holds (its lock file) is refused too, as is a PostgreSQL
    database with other clients connected.
    """
    with tempfile.TemporaryDirectory(prefix="netwerkregie-restore-") as work:
        plain = Path(work) / "snapshot"
        try:
            with source.open("rb") as sealed, plain.open("wb") as sink:
                start = sealed.read(len(AGE_MAGIC))
                sealed.seek(0)
                if start == AGE_MAGIC:
                    info = open_age(sealed, sink, db.keyring)
                else:
                    info = decrypt_stream(sealed, sink, db.keyring)
        except OSError as error:
            raise BackupError(f"Kan {source} niet lezen: {error.strerror or error}.") from error
        target = _backend(db.engine)
        if info.backend != target:
            raise BackupError(f"Dit is een back-up van een {info.backend}-database; het doel is "
                              f"{target}. Er is niets veranderd.")
        if target == "sqlite":
            _sqlite_restore(db.engine, plain)
        else:
            _pg_restore(db.engine, plain)
    return info


def open_age(source: BinaryIO, sink: BinaryIO, keyring: Keyring) -> BackupInfo:
    """Open an age backup into `sink`; raises unless all of it opens with the key and holds a
    snapshot of this bot's database."""
    try:
        snapshot = passphrase.decrypt(source.read(), keyring.key_text())
    except DecryptError as error:
        raise DamagedBackup(
            f"De back-up opent niet met de ingestelde sleutel ({keyring.current_id}): hij is "
            "onder een andere sleutel gemaakt, of hij is veranderd of afgekapt. Er is niets "
            "teruggezet."
        ) from error
    backend = next((name for magic, name in SNAPSHOT_MAGIC.items()
                    if snapshot.startswith(magic)), None)
    if backend is None:
        raise NotABackup("Dit age-bestand opent met de sleutel, maar er zit geen database van "
                         "de netwerkregie-bot in. Er is niets teruggezet.")
    sink.write(snapshot)
    return BackupInfo(backend, keyring.current_id, len(snapshot))


def decrypt_stream(source: BinaryIO, sink: BinaryIO, keyring: Keyring) -> BackupInfo:
    """Open a backup into `sink`; raises unless every chunk opens, in order, up to the last."""
    header = source.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise NotABackup("Dit bestand is geen back-up van de netwerkregie-bot.")
    version, code = header[len(MAGIC)], header[len(MAGIC) + 1:len(MAGIC) + 2]
    if version != VERSION or code not in _BACKENDS:
        raise NotABackup(f"Onbekende back-upversie {version}; gebruik de bot-versie die hem "
                         "maakte.")
    start = len(MAGIC) + 2
    backup_key = header[start:start + _KEY_ID].decode("ascii", errors="replace")
    if backup_key != keyring.current_id:
        raise WrongBackupKey(
            f"Deze back-up is gemaakt onder sleutel {backup_key}; de ingestelde sleutel is "
            f"{keyring.current_id}. Zet DATA_KEY of DATA_KEY_FILE op de sleutel van toen."
        )
    aead = AESGCM(_file_key(keyring, header[start + _KEY_ID:]))
    size, counter = 0, 0
    while True:
        length = source.read(4)
        if len(length) < 4:
            raise DamagedBackup("De back-up is afgekapt: het laatste deel ontbreekt. Er is "
                                "niets teruggezet.")
        wanted = int.from_bytes(length, "big")
        if not _TAG <= wanted <= CHUNK + _TAG:
            raise DamagedBackup(f"De back-up is beschadigd (deel {counter + 1}). Er is niets "
                                "teruggezet.")
        sealed = source.read(wanted)
        if len(sealed) < wanted:
            raise DamagedBackup("De back-up is afgekapt. Er is niets teruggezet.")
        plain, last = _open_chunk(aead, counter, sealed, header)
        sink.write(plain)
        size += len(plain)
        if last:
            if source.read(1):
                raise DamagedBackup("Na het laatste deel van de back-up staat nog iets: het "
                                    "bestand is veranderd. Er is niets teruggezet.")
            return BackupInfo(_BACKENDS[code], backup_key, size)
        counter += 1


def _open_chunk(aead: AESGCM, counter: int, sealed: bytes, header: bytes) -> tuple[bytes, bool]:
    for last in (False, True):
        try:
            return aead.decrypt(_nonce(counter, last), sealed, header), last
        except InvalidTag:
            continue
    raise DamagedBackup(f"Deel {counter + 1} van de back-up is veranderd, verplaatst of hoort "
                        "bij een andere back-up. Er is niets teruggezet.")


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _file_key(keyring: Keyring, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"netwerkregie backup file v1").derive(keyring.derive("backup"))


def _backend(engine: Engine) -> str:
    name = engine.url.get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"Back-ups van een {name}-database worden niet ondersteund.")
    return name


@contextmanager
def _sqlite_connection(engine: Engine) -> Iterator[sqlite3.Connection]:
    """The engine's own DBAPI connection (an in-memory database exists only there)."""
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        yield connection
    finally:
        pooled.close()


def _sqlite_snapshot(engine: Engine, plain: Path) -> None:
    copy = sqlite3.connect(plain)
    try:
        with _sqlite_connection(engine) as live:
            live.backup(copy)
    finally:
        copy.close()


def _sqlite_restore(engine: Engine, plain: Path) -> None:
    snapshot = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
    try:
        verdict = snapshot.execute("PRAGMA quick_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise DamagedBackup("De back-up opent, maar de database erin is niet in orde. Er "
                                "is niets teruggezet.")
        file = sqlite_path(engine.url.render_as_string(hide_password=False))
        lock = InstanceLock(file) if file is not None else None
        if lock is not None:
            try:
                lock.acquire()
            except AlreadyRunningError as error:
                raise TargetInUse(f"{error} Er is niets teruggezet.") from error
        try:
            with _sqlite_connection(engine) as live:
                snapshot.backup(live)
        finally:
            if lock is not None:
                lock.release()
    finally:
        snapshot.close()


def _pg_target(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it."""
    url = engine.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is niet gevonden; installeer de PostgreSQL-clientprogramma's "
                          "(dezelfde of een nieuwere versie dan de server).")
    return found


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(  # noqa: S603 - fixed PostgreSQL tools, arguments as a list, no shell
        args, env=env, capture_output=True, text=True, timeout=_TOOL_TIMEOUT, check=False,
    )
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["onbekende fout"])[0]
        raise BackupError(f"{what} mislukte: {first}")
    return done.stdout


def _pg_dump(engine: Engine, plain: Path) -> None:
    uri, env = _pg_target(engine)
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--file={plain}",
          f"--dbname={uri}"], env, "pg_dump")


def _pg_restore(engine: Engine, plain: Path) -> None:
    uri, env = _pg_target(engine)
    listing = _run([_tool("pg_restore"), "--list", str(plain)], env, "pg_restore --list")
    in_backup = _tables_in_listing(listing)
    engine.dispose()  # our own idle connections are not "other clients"
    with engine.connect() as connection:
        others = connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )).scalar_one()
        present = set(connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )).scalars())
    engine.dispose()
    if others:
        raise TargetInUse(f"Er {'is' if others == 1 else 'zijn'} nog {others} andere "
                          "verbinding(en) met de database: stop eerst de bot. Er is niets "
                          "teruggezet.")
    extra = sorted(present - in_backup)
    if extra:
        raise BackupError(f"De database heeft tabellen die de back-up niet kent "
                          f"({', '.join(extra)}): zet hem terug in een lege database en draai "
                          "daarna python -m bot migrate. Er is niets teruggezet.")
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl",
          "--single-transaction", "--exit-on-error", f"--dbname={uri}", str(plain)],
         env, "pg_restore")


def _tables_in_listing(listing: str) -> set[str]:
    """Table names from `pg_restore --list`: lines like `214; 1259 17570 TABLE public user x`."""
    tables = set()
    for line in listing.splitlines():
        words = line.split()
        if len(words) >= 6 and not line.startswith(";") and words[3] == "TABLE" \
                and words[4] != "DATA":
            tables.add(words[5])
    return tables
