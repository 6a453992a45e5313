"""A lock file so a second bot on the same SQLite database refuses to start."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class AlreadyRunningError(RuntimeError):
    """Another process holds the database; two pollers would fight and double reminders."""


class InstanceLock:
    """An exclusive, non-blocking `flock` on `<database>.lock`, released when the process dies.

    A clean stop removes the file (a killed process leaves it, unlocked, for the next start to
    take). Because the file can be removed, a lock only counts when it is on the file the path
    names now: a process that opened the file just before the holder removed it would
    otherwise lock a file nobody else can see.
    """

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise AlreadyRunningError(
                    f"Another bot is already running on {self.path.with_suffix('')}. "
                    "Stop it first, or use PostgreSQL to run several processes."
                ) from None
            if _same_file(fd, self.path):
                break
            os.close(fd)  # removed by its stopping holder meanwhile: open the path anew
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def _open(self) -> int:
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def release(self) -> None:
        """Remove the file, then unlock it (removed while still locked, so no other process
        can be holding it by then)."""
        if self._fd is not None:
            if _same_file(self._fd, self.path):
                self.path.unlink(missing_ok=True)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino)
