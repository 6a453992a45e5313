"""Seal the columns in `models.SEALED` on their way into the database and open them on load.

Hooked into the ORM so the rest of the code reads and writes plain attributes and never sees a
ciphertext; the database never sees plain text. Each value's associated data is
`table.column.<primary key>`, so a value moved to another row or column does not open.

Rows whose key the database assigns (autoincrement ids) are inserted with empty sealed columns
and sealed by an UPDATE in the same transaction once the id is known: the plain text is never
written, not even to the write-ahead log.

The keyring travels in `Session.info["keyring"]` (set by `storage.engine.Database`). Column-only
selects (`select(Contact.display_name)`) return ciphertext: pass them through `opened()`, or
select whole rows. Bulk UPDATEs bypass this module: change attributes on loaded rows instead;
`tests/storage/test_sealing.py` finds plain text if anything does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session, attributes
from sqlmodel import SQLModel

from storage.crypto import Keyring, is_sealed
from storage.models import SEALED

_PENDING = "_sealing_plain"  # instance dict key: plain values to put back after the flush
_installed = False


class NoKeyring(RuntimeError):
    """A session without a keyring touched a sealed column."""


def where(table: str, column: str, row_key: str) -> str:
    """The associated data for one value: the cell it belongs in."""
    return f"{table}.{column}.{row_key}"


def _table(mapper: Mapper[Any]) -> Table:
    return cast(Table, mapper.local_table)


def row_key(mapper: Mapper[Any], target: Any) -> str | None:
    values = mapper.primary_key_from_instance(target)
    if any(value is None for value in values):
        return None
    return ",".join(str(value) for value in values)


def encode(model: type[SQLModel], column: str, value: Any) -> str:
    """The text that gets sealed: JSON columns are serialised first."""
    if is_json(model, column):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def decode(model: type[SQLModel], column: str, text: str) -> Any:
    return json.loads(text) if is_json(model, column) else text


def is_json(model: type[SQLModel], column: str) -> bool:
    """Whether the column is JSON: its values are serialised before sealing."""
    return type(model.__table__.c[column].type).__name__ == "JSON"  # type: ignore[attr-defined]


def _keyring(session: Session | None) -> Keyring:
    ring = session.info.get("keyring") if session is not None else None
    if ring is None:
        raise NoKeyring("this session has no keyring; use storage.engine.Database")
    return ring  # type: ignore[no-any-return]


def _must_seal(model: type[SQLModel], column: str, value: Any) -> bool:
    if value is None:
        return False
    return not (value == "" and not is_json(model, column))


def _before_insert(mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    model = mapper.class_
    ring = _keyring(Session.object_session(target))
    key = row_key(mapper, target)
    plain: dict[str, Any] = {}
    for column in SEALED[model]:
        value = getattr(target, column)
        if not _must_seal(model, column, value):
            continue
        plain[column] = value
        if key is None:
            setattr(target, column, "")  # sealed once the id is known
        else:
            setattr(target, column, ring.seal(encode(model, column, value),
                                              where(_table(mapper).name, column, key)))
    target.__dict__[_PENDING] = plain


def _after_insert(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    model = mapper.class_
    plain: dict[str, Any] = target.__dict__.pop(_PENDING, {})
    if not plain:
        return
    table = _table(mapper)
    key = row_key(mapper, target)
    if key is None:  # pragma: no cover - the database always assigns the id on insert
        raise RuntimeError(f"{table.name}: no primary key after insert")
    current = [attributes.instance_state(target).dict.get(c) for c in plain]
    if any(not is_sealed(value) for value in current):
        ring = _keyring(Session.object_session(target))
        sealed = {
            column: ring.seal(encode(model, column, value), where(table.name, column, key))
            for column, value in plain.items()
        }
        condition = [col == val for col, val in
                     zip(mapper.primary_key, mapper.primary_key_from_instance(target), strict=True)]
        connection.execute(table.update().where(*condition).values(**sealed))
    for column, value in plain.items():
        attributes.set_committed_value(target, column, value)


def _before_update(mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    model = mapper.class_
    state = inspect(target)
    changed = [c for c in SEALED[model] if state.attrs[c].history.has_changes()]
    if not changed:
        return
    ring = _keyring(Session.object_session(target))
    key = row_key(mapper, target)
    plain: dict[str, Any] = {}
    for column in changed:
        value = getattr(target, column)
        plain[column] = value
        if _must_seal(model, column, value):
            setattr(target, column, ring.seal(encode(model, column, value),
                                              where(_table(mapper).name, column, str(key))))
    target.__dict__[_PENDING] = plain


def _after_update(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    for column, value in target.__dict__.pop(_PENDING, {}).items():
        attributes.set_committed_value(target, column, value)


def _open_loaded(target: Any, columns: Any) -> None:
    model = type(target)
    state_dict = attributes.instance_state(target).dict
    ring: Keyring | None = None
    key: str | None = None
    for column in columns:
        raw = state_dict.get(column)
        if raw is None or raw == "":
            continue
        if ring is None:
            ring = _keyring(Session.object_session(target))
            key = row_key(_mapper(model), target)
        value = ring.open(raw, where(_table_name(model), column, str(key)))
        attributes.set_committed_value(target, column, decode(model, column, value))


_MAPPERS: dict[type[SQLModel], Mapper[Any]] = {}


def _mapper(model: type[SQLModel]) -> Mapper[Any]:
    """inspect() per loaded row was a third of loading 10,000 contacts; look it up once."""
    mapper = _MAPPERS.get(model)
    if mapper is None:
        mapper = _MAPPERS[model] = inspect(model)
    return mapper


def _table_name(model: type[SQLModel]) -> str:
    return _table(_mapper(model)).name


def opened(session: Session, model: type[SQLModel], column: str,
           rows: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """(primary key, raw value) pairs from a column-only select, with the values opened.

    For hot paths that should not build an ORM object per row (the name index); the values
    are remembered opened (storage.crypto.Keyring), as these are read again and again.
    """
    ring = _keyring(session)
    table = _table_name(model)
    return [
        (pk, raw if raw is None or raw == ""
         else decode(model, column, ring.open(raw, where(table, column, str(pk)),
                                              remember=True)))
        for pk, raw in rows
    ]


def open_cell(session: Session, model: type[SQLModel], column: str, key: str, raw: Any) -> Any:
    """One raw value from a column-only select, opened (`key`: the row's primary key as
    `row_key` writes it) and not remembered: for a one-off pass over a whole table."""
    if column not in SEALED.get(model, ()) or raw is None or raw == "" or not is_sealed(raw):
        return raw
    opened_text = _keyring(session).open(raw, where(_table_name(model), column, key))
    return decode(model, column, opened_text)


def _on_load(target: Any, _context: Any) -> None:
    _open_loaded(target, SEALED[type(target)])


def _on_refresh(target: Any, _context: Any, attrs: Any) -> None:
    sealed = SEALED[type(target)]
    columns = sealed if attrs is None else [c for c in sealed if c in attrs]
    if columns:
        _open_loaded(target, columns)


def install() -> None:
    """Hook the sealed models once per process (idempotent)."""
    global _installed
    if _installed:
        return
    for model in SEALED:
        event.listen(model, "before_insert", _before_insert)
        event.listen(model, "after_insert", _after_insert)
        event.listen(model, "before_update", _before_update)
        event.listen(model, "after_update", _after_update)
        event.listen(model, "load", _on_load)
        event.listen(model, "refresh", _on_refresh)
    _installed = True
