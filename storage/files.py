"""Folders and files that hold the register, its key or what comes out of it: the owner's only.

Modes are set explicitly (chmod, or os.open with the mode) so they hold whatever the umask is:
under the usual 022 a folder would be readable by every account on the machine.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FOLDER = 0o700
FILE = 0o600


def private_folder(path: Path) -> Path:
    """Make `path` (and missing parents) and leave it 0700; a folder of another account, such
    as /tmp, is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER)
    if path.stat().st_uid == os.getuid():
        os.chmod(path, FOLDER)
    return path


def private_file(path: Path) -> None:
    """Leave an existing file of ours 0600 (a missing one is fine: it is made 0600 when it
    comes; one of another account is not ours to change)."""
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_uid == os.getuid():
            os.chmod(path, FILE)


def create_private_file(path: Path) -> bool:
    """Create `path` empty and 0600 when it is not there; True when it was made now."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE))
    except FileExistsError:
        return False
    return True


def write_private_bytes(path: Path, content: bytes) -> None:
    """Write a new file readable by its owner only; refuses to overwrite one."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
