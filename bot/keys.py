"""Which key opens the register, and refusing to start without the right one.

DATA_KEY wins; otherwise the key file (DATA_KEY_FILE, by default beside the database). A new,
empty register gets a fresh key file so the terminal chat works on a fresh machine; a register
that already holds sealed data never gets a new key silently: the bot stops and says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from bot.settings import Settings
from core.audit import AuditChainError, begin, rechain
from core.clock import SystemClock
from storage.crypto import (
    KeyProblem,
    Keyring,
    new_key_text,
    parse_key,
    read_key_file,
    write_key_file,
)
from storage.engine import Database, make_engine, sqlite_path
from storage.lock import InstanceLock
from storage.migrate import current_revision, upgrade
from storage.rekey import (
    ResealReport,
    check_key,
    has_key_check,
    has_rows,
    reseal,
    seal_plain,
    write_key_check,
)

log = logging.getLogger(__name__)

# The migration from which an audit chain begins only once, signed (0021_signed_audit_start).
SIGNED_AUDIT_START = "0021"


class KeySetupError(KeyProblem):
    """The bot cannot open the register with what is configured; the text says what to do."""


def configured_key(settings: Settings) -> bytes | None:
    """The key from DATA_KEY or the key file, or None when neither is there."""
    try:
        if settings.data_key is not None:
            return parse_key(settings.data_key.get_secret_value())
        if settings.data_key_file.exists():
            return read_key_file(settings.data_key_file)
    except KeyProblem as error:
        raise KeySetupError(f"{error}. Zet in DATA_KEY of in {settings.data_key_file} een "
                            f"sleutel zoals: {new_key_text()}") from error
    except OSError as error:
        raise KeySetupError(f"Kan het sleutelbestand {settings.data_key_file} niet lezen: "
                            f"{error.strerror or error}.") from error
    return None


def open_database(settings: Settings, engine: Engine, now: datetime) -> Database:
    """The register under its key: checked, and sealed if it came from before sealing (or from
    before a column was sealed: `storage.rekey.SEALED_LATER`)."""
    key = configured_key(settings)
    if key is None:
        if has_key_check(engine):
            raise KeySetupError(
                "De database is versleuteld, maar er is geen sleutel: zet DATA_KEY of "
                f"DATA_KEY_FILE (verwacht: {settings.data_key_file}). Zonder de juiste sleutel "
                "start de bot niet, zodat er niets onleesbaar of dubbel versleuteld raakt."
            )
        key = write_key_file(settings.data_key_file)
        log.warning("new data key written to %s: back it up apart from the database",
                    settings.data_key_file)
    db = Database(engine, Keyring(key))
    try:
        check_key(db)
    except KeyProblem as error:
        raise KeySetupError(
            f"De sleutel past niet bij deze database ({error}). Start met de sleutel waarmee "
            "de gegevens zijn versleuteld; na een sleutelwissel: python -m bot rotate-key."
        ) from error
    if not has_key_check(engine):
        if has_rows(engine):
            report = reseal(db)
            log.warning("sealed %d rows written before encryption at rest", report.total)
        write_key_check(db, now)
    else:
        later = seal_plain(db)
        if later:
            log.warning("sealed %d rows in columns that were not sealed when written", later)
    return db


def upgrade_schema(engine: Engine) -> str | None:
    """Bring the schema up to date; returns the revision it was at before (None: new)."""
    before = current_revision(engine)
    upgrade(engine)
    return before


def begin_audit_chain(db: Database, upgraded_from: str | None) -> None:
    """Sign the audit chain's start on a new register, or on one that this start upgraded
    from before the signed start (its earlier entries are taken in). On any other register an
    unsigned start is a reset: the bot stops and says so, and writes nothing."""
    take_in = upgraded_from is not None and upgraded_from < SIGNED_AUDIT_START
    try:
        with db.session() as session:
            if begin(session, db.keyring, take_in_earlier=take_in):
                log.warning("audit chain begun (signed start written)")
    except AuditChainError as error:
        raise KeySetupError(
            "Het auditlog is gewist of teruggezet: de kop van de keten is niet ondertekend, "
            "maar het register is al in gebruik. De bot schrijft niets tot dit is uitgezocht; "
            "kijk wat er mis is met: python -m bot audit verify (en zet zo nodig een back-up "
            "terug)."
        ) from error


def rotate_key(
    settings: Settings, new_key_file: Path, progress: Callable[[str, int], None] | None = None
) -> ResealReport:
    """Reseal the register under the key in `new_key_file` (made when missing).

    Runs with the bot stopped. Interrupted, it is run again with the same files: values already
    under the new key are skipped, and the key check moves to the new key only at the end.
    """
    old = configured_key(settings)
    if old is None:
        raise KeySetupError("Er is geen huidige sleutel (DATA_KEY of DATA_KEY_FILE) om van te "
                            "wisselen.")
    database_file = sqlite_path(settings.database_url)
    lock = InstanceLock(database_file) if database_file else None
    if lock is not None:
        lock.acquire()
    engine = make_engine(settings.database_url)
    try:
        upgraded_from = upgrade_schema(engine)
        begin_audit_chain(Database(engine, Keyring(old)), upgraded_from)
        new = read_key_file(new_key_file) if new_key_file.exists() else write_key_file(new_key_file)
        db = Database(engine, Keyring(new, older=[old]))
        try:
            check_key(db)
        except KeyProblem as error:
            raise KeySetupError(f"De huidige sleutel past niet bij deze database ({error}); "
                                "er is niets veranderd.") from error
        with db.session() as session:  # first, so a tampered audit log stops it unchanged
            try:
                rechain(session, old, db.keyring)
            except AuditChainError as error:
                raise KeySetupError(f"Het auditlog klopt niet ({error}); er is niets veranderd. "
                                    "Kijk waar met: python -m bot audit verify.") from error
        try:
            report = reseal(db, progress=progress)
        except KeyProblem as error:
            raise KeySetupError(f"Een waarde is niet te openen ({error}); die en wat erna komt "
                                "is niet overschreven. Zoek uit onder welke sleutel hij staat."
                                ) from error
        write_key_check(db, SystemClock(settings.tz).now())
        return report
    finally:
        engine.dispose()
        if lock is not None:
            lock.release()
