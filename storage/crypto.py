"""Field encryption at rest: AES-GCM per value, bound to its row and column.

A sealed value is text, `nr1:<key id>:<base64 of nonce + ciphertext>`, so it fits the same
columns as plain text, says which key sealed it (key rotation resumes where it stopped) and is
never mistaken for plain text. The associated data names the table, column and row, so a value
copied into another row or column no longer opens: it is reported as tampered, not shown.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.files import private_folder

PREFIX = "nr1:"
KEY_BYTES = 32
_NONCE_BYTES = 12


class KeyProblem(Exception):
    """Base for key problems the bot must refuse to start over (never a silent fallback)."""


class BadKey(KeyProblem):
    """A key that is not 32 bytes of base64."""


class UnknownKey(KeyProblem):
    """A value sealed under a key this keyring does not hold."""

    def __init__(self, key_id: str) -> None:
        super().__init__(f"sealed under key {key_id}, which is not configured")
        self.key_id = key_id


class Tampered(KeyProblem):
    """A sealed value that does not open: changed, moved to another row, or a wrong key."""

    def __init__(self, where: str) -> None:
        super().__init__(f"sealed value at {where} does not open")
        self.where = where


def parse_key(text: str) -> bytes:
    """A key as written in DATA_KEY or a key file: 32 bytes, URL-safe base64."""
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode("ascii") + b"==")
    except (ValueError, UnicodeEncodeError) as exc:
        raise BadKey("DATA_KEY is not base64") from exc
    if len(raw) != KEY_BYTES:
        raise BadKey(f"DATA_KEY must be {KEY_BYTES} bytes, this one is {len(raw)}")
    return raw


def new_key_text() -> str:
    """A fresh random key in the form `parse_key` reads."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii").rstrip("=")


def read_key_file(path: Path) -> bytes:
    return parse_key(path.read_text(encoding="ascii"))


def write_key_file(path: Path) -> bytes:
    """Create a new key file readable by its owner only; refuse to overwrite one."""
    private_folder(path.parent)
    text = new_key_text()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text + "\n")
    return parse_key(text)


def key_id(key: bytes) -> str:
    """A short public name for a key, derived from it; does not reveal the key."""
    return hmac.new(key, b"netwerkregie key id", hashlib.sha256).hexdigest()[:12]


class Keyring:
    """The current key (seals) and older keys (still open during a rotation)."""

    def __init__(self, current: bytes, older: Iterable[bytes] = ()) -> None:
        if len(current) != KEY_BYTES:
            raise BadKey(f"a key is {KEY_BYTES} bytes")
        self.current_id = key_id(current)
        self._current = AESGCM(current)
        self._current_key = current
        self._keys = {key_id(k): AESGCM(k) for k in older}
        self._keys[self.current_id] = self._current
        # The register's names are read again whenever the register changes (matching works
        # in memory): a name opened once is not decrypted again. Keyed by ciphertext and cell,
        # so a value moved elsewhere is still checked. Only what is asked to be remembered goes
        # in, so the cache holds the names, not every note and draft the process ever read
        # (bench/memory.py: those grew the bot by ~10 MB per 1,000 visit messages).
        self._remembered = functools.lru_cache(maxsize=200_000)(self._open)

    def seal(self, plain: str, where: str) -> str:
        """Encrypt `plain`; `where` (table.column.row) becomes associated data."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self._current.encrypt(nonce, plain.encode("utf-8"), where.encode("utf-8"))
        body = base64.b64encode(nonce + sealed).decode("ascii")
        return f"{PREFIX}{self.current_id}:{body}"

    def open(self, value: str, where: str, *, remember: bool = False) -> str:
        """Decrypt a sealed value; raises Tampered or UnknownKey, never returns garbage.

        `remember`: for values read over and over (the register's names), kept opened."""
        if remember:
            return self._remembered(value, where)
        return self._open(value, where)

    def _open(self, value: str, where: str) -> str:
        kid, body = split_sealed(value, where)
        aead = self._keys.get(kid)
        if aead is None:
            raise UnknownKey(kid)
        try:
            raw = base64.b64decode(body.encode("ascii"), validate=True)
            plain = aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], where.encode("utf-8"))
        except (InvalidTag, ValueError) as exc:
            raise Tampered(where) from exc
        return plain.decode("utf-8")

    def key_text(self) -> str:
        """The current key written as in a key file (`new_key_text`'s form, 43 characters):
        the passphrase of a backup, which an operator types to open it with `age`."""
        return base64.urlsafe_b64encode(self._current_key).decode("ascii").rstrip("=")

    def derive(self, purpose: str) -> bytes:
        """A separate key for another use (audit chain, backups), from the current key."""
        return HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
            info=f"netwerkregie {purpose}".encode(),
        ).derive(self._current_key)

    def with_current(self, key: bytes) -> Keyring:
        """A keyring sealing under `key` that still opens everything this one opens."""
        ring = Keyring(key)
        ring._keys = {**self._keys, **ring._keys}
        ring._remembered.cache_clear()
        return ring


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def sealed_key_id(value: str) -> str:
    return split_sealed(value, "?")[0]


def split_sealed(value: str, where: str) -> tuple[str, str]:
    if not value.startswith(PREFIX):
        raise Tampered(where)
    kid, sep, body = value[len(PREFIX):].partition(":")
    if not sep:
        raise Tampered(where)
    return kid, body
