"""What each role may do. Checked before any data is read (design.md §5)."""

from __future__ import annotations

from enum import StrEnum

from storage.models import Network, Role


class Capability(StrEnum):
    USE_BOT = "use_bot"  # help, language, cancel
    LOG_VISIT = "log_visit"
    MANAGE_OWN_FOLLOW_UPS = "manage_own_follow_ups"
    LOG_SIGNAL = "log_signal"  # record signals and trigger events, see signals and the picture
    MANAGE_SIGNALS = "manage_signals"  # move a signal through its status workflow
    VIEW_SIGNAL_SOURCES = "view_signal_sources"  # see and set who a signal came from
    SET_TENSION = "set_tension"  # set an area's tension level
    HAND_OVER_CONCERN = "hand_over_concern"  # /zorg: hand over a concern about a person
    MANAGE_AREAS = "manage_areas"  # add, rename and remove areas (admins)
    VIEW_REPORTS = "view_reports"  # trend reports and the coverage view (/rapport, /witte-vlekken)


_MATRIX: dict[Role, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.COORDINATOR: frozenset(Capability) - {Capability.MANAGE_AREAS},
    Role.COLLEAGUE: frozenset(Capability) - {
        Capability.MANAGE_SIGNALS, Capability.VIEW_SIGNAL_SOURCES, Capability.SET_TENSION,
        Capability.MANAGE_AREAS, Capability.VIEW_REPORTS,
    },
    Role.PARTNER: frozenset({Capability.USE_BOT}),
}


def can(role: str, capability: Capability) -> bool:
    try:
        return capability in _MATRIX[Role(role)]
    except ValueError:
        return False


def visible_networks(role: str) -> frozenset[str]:
    """The networks whose people this role may see by name (design.md §5, principle 3).

    A colleague works with the formal network; informal identities need a grant, which does
    not exist yet, so a colleague sees formal contacts only. Partners see no register at all.
    """
    if role in (Role.ADMIN, Role.COORDINATOR):
        return frozenset({Network.FORMAL, Network.INFORMAL})
    if role == Role.COLLEAGUE:
        return frozenset({Network.FORMAL})
    return frozenset()
