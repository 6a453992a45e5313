"""Backups as the bot wrote them before the age format (format 1), so a test can show that such
a file still restores and that its chunks are bound to their place. The bot itself only reads
this format now (`storage.backup.decrypt_stream`)."""

from __future__ import annotations

import secrets
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.backup import _BACKENDS, _SALT, CHUNK, MAGIC, VERSION, _file_key, _nonce
from storage.crypto import Keyring


def encrypt_stream(source: BinaryIO, sink: BinaryIO, keyring: Keyring, backend: str) -> None:
    """Write the header and `source` in sealed chunks; the last chunk says it is the last."""
    tag = {name: code for code, name in _BACKENDS.items()}[backend]
    salt = secrets.token_bytes(_SALT)
    header = MAGIC + bytes([VERSION]) + tag + keyring.current_id.encode("ascii") + salt
    aead = AESGCM(_file_key(keyring, salt))
    sink.write(header)
    counter = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = aead.encrypt(_nonce(counter, last), chunk, header)
        sink.write(len(sealed).to_bytes(4, "big") + sealed)
        if last:
            return
        chunk, counter = following, counter + 1
