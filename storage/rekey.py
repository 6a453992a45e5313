"""The database's key: checked at start-up, and every sealed value moved to a new key.

`KeyCheck` holds a known text sealed under the key the data is under. The bot refuses to start
when that does not open with the configured key, so it never writes under a second key beside
the first or shows garbage. Resealing walks every sealed column in batches, each its own
transaction, and only touches values not yet under the current key: an interrupted run is
resumed by running it again, and a value it cannot open stops it before anything is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, select, tuple_
from sqlalchemy.engine import Connection, Engine

from storage.crypto import (
    PREFIX,
    KeyProblem,
    Keyring,
    Tampered,
    UnknownKey,
    is_sealed,
    sealed_key_id,
)
from storage.engine import Database
from storage.models import SEALED, Contact, ContactOrganisation, KeyCheck
from storage.sealing import decode, encode, is_json, where

# Columns sealed after sealing itself came (migration 0018): a register that was sealed before
# holds them in plain text until its next start seals them (`seal_plain`).
SEALED_LATER: tuple[tuple[type[Any], str], ...] = (
    (Contact, "roles"),
    (ContactOrganisation, "function"),
)

CHECK_TEXT = "netwerkregie sleutelcontrole"
_CHECK_WHERE = "keycheck.sealed.1"


class WrongKey(KeyProblem):
    """The configured key is not the one the data is sealed under."""


@dataclass
class ResealReport:
    """What a reseal pass changed, per table."""

    resealed: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.resealed.values())


def has_key_check(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(KeyCheck.__table__)).first() is not None  # type: ignore[attr-defined]


def check_key(db: Database) -> None:
    """Raise WrongKey unless the key check opens with the database's keyring."""
    with db.session() as session:
        check = session.get(KeyCheck, 1)
        if check is None:
            return
        try:
            opened = db.keyring.open(check.sealed, _CHECK_WHERE)
        except (UnknownKey, Tampered) as exc:
            raise WrongKey(
                f"the data is sealed under key {check.key_id}; the configured key "
                f"({db.keyring.current_id}) does not open it"
            ) from exc
        if opened != CHECK_TEXT:  # pragma: no cover - AES-GCM would have refused first
            raise WrongKey("the key check holds another text")


def write_key_check(db: Database, now: datetime) -> None:
    with db.session() as session:
        check = session.get(KeyCheck, 1) or KeyCheck(id=1, key_id="", sealed="", updated_at=now)
        check.key_id = db.keyring.current_id
        check.sealed = db.keyring.seal(CHECK_TEXT, _CHECK_WHERE)
        check.updated_at = now
        session.add(check)


def has_rows(engine: Engine) -> bool:
    """Whether any sealed table holds a row (a database from before sealing, or real data)."""
    with engine.connect() as conn:
        return any(
            conn.execute(select(model.__table__).limit(1)).first() is not None  # type: ignore[attr-defined]
            for model in SEALED
        )


def reseal(
    db: Database,
    *,
    batch: int = 500,
    progress: Callable[[str, int], None] | None = None,
) -> ResealReport:
    """Bring every sealed value under the keyring's current key (plain text included).

    Raises UnknownKey or Tampered, before changing that batch, for a value it cannot open.
    """
    report = ResealReport()
    ring = db.keyring
    for model, columns in SEALED.items():
        table = model.__table__  # type: ignore[attr-defined]
        pk = list(table.primary_key.columns)
        done = 0
        for rows in _batches(db, table, pk, columns, batch):
            with db.engine.begin() as conn:
                done += _reseal_rows(conn, ring, model, table, pk, columns, rows)
            if progress is not None:
                progress(table.name, done)
        report.resealed[table.name] = done
    return report


def seal_plain(db: Database, columns: tuple[tuple[type[Any], str], ...] = SEALED_LATER,
               *, batch: int = 500) -> int:
    """Seal the plain values left in columns that became sealed later; returns how many rows
    changed. Found in SQL (a sealed value starts with the prefix), so a start with nothing left
    to seal reads two columns and changes nothing."""
    changed = 0
    for model, column in columns:
        table = model.__table__
        pk = list(table.primary_key.columns)
        cell = table.c[column]
        if is_json(model, column):  # a sealed value is a JSON string: "nr1:…"
            plain = [cast(cell, Text).not_like(f'"{PREFIX}%')]
        else:
            plain = [cell != "", cell.not_like(f"{PREFIX}%")]
        query = select(*pk, cell).where(cell.is_not(None), *plain).order_by(*pk).limit(batch)
        after: tuple[Any, ...] | None = None
        while True:
            with db.engine.connect() as conn:
                rows = list(conn.execute(query if after is None
                                         else query.where(_after(pk, after))))
            if not rows:
                break
            with db.engine.begin() as conn:
                changed += _reseal_rows(conn, db.keyring, model, table, pk, (column,), rows)
            after = tuple(rows[-1][: len(pk)])
    return changed


def _batches(db: Database, table: Any, pk: list[Any], columns: tuple[str, ...],
             size: int) -> Iterator[list[Any]]:
    """Rows in primary-key order, `size` at a time, each batch read in its own connection."""
    after: tuple[Any, ...] | None = None
    while True:
        query = select(*pk, *(table.c[c] for c in columns)).order_by(*pk).limit(size)
        if after is not None:
            query = query.where(_after(pk, after))
        with db.engine.connect() as conn:
            rows = list(conn.execute(query))
        if not rows:
            return
        yield rows
        after = tuple(rows[-1][: len(pk)])


def _after(pk: list[Any], last: tuple[Any, ...]) -> Any:
    if len(pk) == 1:
        return pk[0] > last[0]
    return tuple_(*pk) > tuple_(*last)


def _reseal_rows(conn: Connection, ring: Keyring, model: Any, table: Any, pk: list[Any],
                 columns: tuple[str, ...], rows: list[Any]) -> int:
    changed = 0
    updates: list[tuple[list[Any], dict[str, str]]] = []
    for row in rows:
        key_values = list(row[: len(pk)])
        key = ",".join(str(v) for v in key_values)
        new: dict[str, str] = {}
        for offset, column in enumerate(columns):
            raw = row[len(pk) + offset]
            if raw is None or raw == "":
                continue
            cell = where(table.name, column, key)
            if is_sealed(raw):
                if sealed_key_id(raw) == ring.current_id:
                    continue
                plain = decode(model, column, ring.open(raw, cell))
            else:
                plain = raw  # from before sealing, or a JSON value stored as such
            new[column] = ring.seal(encode(model, column, plain), cell)
        if new:
            updates.append((key_values, new))
    for key_values, new in updates:
        condition = [col == val for col, val in zip(pk, key_values, strict=True)]
        conn.execute(table.update().where(*condition).values(**new))
        changed += 1
    return changed
