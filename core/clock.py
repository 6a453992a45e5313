"""The `Clock` port: everything that asks "what time is it" asks this, so tests can move time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Tells the current moment as an aware datetime in the municipality's time zone."""

    tz: ZoneInfo

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(self.tz)


class FakeClock:
    """A clock that only moves when told to; for tests and for replaying scenarios."""

    def __init__(self, start: datetime, tz: ZoneInfo | None = None) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self.tz = tz or ZoneInfo("Europe/Amsterdam")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now.astimezone(self.tz)

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self.now()

    def set(self, moment: datetime) -> None:
        self._now = moment.astimezone(UTC)
