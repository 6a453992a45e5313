"""What each role may do. Checked before any data is read (design.md §5)."""

from __future__ import annotations

from enum import StrEnum

from storage.models import Role


class Capability(StrEnum):
    USE_BOT = "use_bot"  # help, language, cancel
    LOG_VISIT = "log_visit"
    MANAGE_OWN_FOLLOW_UPS = "manage_own_follow_ups"


_MATRIX: dict[Role, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.COORDINATOR: frozenset(Capability),
    Role.COLLEAGUE: frozenset(Capability),
    Role.PARTNER: frozenset({Capability.USE_BOT}),
}


def can(role: str, capability: Capability) -> bool:
    try:
        return capability in _MATRIX[Role(role)]
    except ValueError:
        return False
