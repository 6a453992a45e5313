"""What each role may do. Checked before any data is read (design.md §5).

The matrix below is the single source: the dispatcher checks it for every command and button,
`visible_networks` derives from it which people a user may see by name, and `render_markdown`
writes it out as docs/permissions.md (a test keeps that file equal to the code).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from storage.models import Network, Role, User


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
    SEE_FORMAL = "see_formal"  # formal partners by name
    SEE_INFORMAL = "see_informal"  # informal key figures by name (colleagues: only when granted)
    MANAGE_USERS = "manage_users"  # /gebruikers: roles, grants, revoking users and invites
    SUBJECT_RIGHTS = "subject_rights"  # /inzage, /beperken: a contact's export and restriction
    ERASE_CONTACTS = "erase_contacts"  # /wissen: erase a contact on request (irreversible)
    VIEW_STATUS = "view_status"  # /status: version, database, connections, backlog (admins)
    INVITE_PARTNERS = "invite_partners"  # /uitnodigen: a contact from the register as partner
    INFORM_PARTNERS = "inform_partners"  # /informeer, and answering partners' questions
    ASK_QUESTION = "ask_question"  # partners: /vraag, a question to the municipality
    RECEIVE_INFORMATION = "receive_information"  # partners: agree, then receive information
    OWN_DATA = "own_data"  # partners: /mijngegevens, a copy of what is kept about them
    REQUEST_CHANGE = "request_change"  # partners: /verwijderverzoek, /correctie about themselves
    PLAN_MEETINGS = "plan_meetings"  # /overleg: area meetings, their agenda and log
    RUN_SURVEYS = "run_surveys"  # /peiling: survey rounds to partners, their results
    ANSWER_SURVEYS = "answer_surveys"  # partners: answer their own survey rounds
    VIEW_OWN_HOURS = "view_own_hours"  # /uren: one's own hours per week against the budget
    HAND_OVER_NETWORK = "hand_over_network"  # /overdracht: move someone's network (admins)


# Why each capability exists, for the written matrix (docs/permissions.md).
DESCRIPTIONS: dict[Capability, str] = {
    Capability.USE_BOT: "help, language, cancel",
    Capability.LOG_VISIT: "log visits (also by plain text), look up the register, see areas",
    Capability.MANAGE_OWN_FOLLOW_UPS: "see and close one's own follow-ups and digests",
    Capability.LOG_SIGNAL: "record signals and trigger events, see open signals and tension",
    Capability.MANAGE_SIGNALS: "move a signal through its status workflow",
    Capability.VIEW_SIGNAL_SOURCES: "see and set which contact a signal came from",
    Capability.SET_TENSION: "set an area's tension level",
    Capability.HAND_OVER_CONCERN: "hand over a concern about a person (no name kept)",
    Capability.MANAGE_AREAS: "add, rename and remove areas",
    Capability.VIEW_REPORTS: "trend reports and the coverage view",
    Capability.SEE_FORMAL: "see formal partners by name",
    Capability.SEE_INFORMAL: "see informal key figures by name",
    Capability.MANAGE_USERS: "list users, change roles and grants, revoke users and invites",
    Capability.SUBJECT_RIGHTS: "export everything about a contact, restrict their processing",
    Capability.ERASE_CONTACTS: "erase a contact and what exists only because of them",
    Capability.VIEW_STATUS: "see how the bot runs: version, database, connections, backlog",
    Capability.INVITE_PARTNERS: "invite a contact from the register onto the bot as a partner",
    Capability.INFORM_PARTNERS: "send information to partners, answer their questions",
    Capability.ASK_QUESTION: "a partner asks the municipality a question",
    Capability.RECEIVE_INFORMATION: "a partner agrees to the processing and receives information",
    Capability.OWN_DATA: "a partner gets a copy of what is kept about them (also without agreeing)",
    Capability.REQUEST_CHANGE: "a partner asks for their own data to be corrected or erased",
    Capability.PLAN_MEETINGS: "plan area meetings, get their agenda, log what was decided",
    Capability.RUN_SURVEYS: "send needs surveys to partners, see results and open answers",
    Capability.ANSWER_SURVEYS: "a partner answers the survey rounds sent to them",
    Capability.VIEW_OWN_HOURS: "see one's own logged hours per week against the budget",
    Capability.HAND_OVER_NETWORK: "move a user's contacts, follow-ups and meetings to a successor",
}

# What only a partner does, about their own entry: staff roles neither ask nor agree.
_PARTNER_ONLY = frozenset({Capability.ASK_QUESTION, Capability.RECEIVE_INFORMATION,
                           Capability.OWN_DATA, Capability.REQUEST_CHANGE,
                           Capability.ANSWER_SURVEYS})
_ALL = frozenset(Capability) - _PARTNER_ONLY

_MATRIX: dict[Role, frozenset[Capability]] = {
    Role.ADMIN: _ALL,
    Role.COORDINATOR: _ALL - {Capability.MANAGE_AREAS, Capability.MANAGE_USERS,
                              Capability.ERASE_CONTACTS, Capability.VIEW_STATUS,
                              Capability.HAND_OVER_NETWORK},
    Role.COLLEAGUE: _ALL - {
        Capability.MANAGE_SIGNALS, Capability.VIEW_SIGNAL_SOURCES, Capability.SET_TENSION,
        Capability.MANAGE_AREAS, Capability.VIEW_REPORTS, Capability.SEE_INFORMAL,
        Capability.MANAGE_USERS, Capability.SUBJECT_RIGHTS, Capability.ERASE_CONTACTS,
        Capability.VIEW_STATUS, Capability.INVITE_PARTNERS, Capability.INFORM_PARTNERS,
        Capability.RUN_SURVEYS, Capability.HAND_OVER_NETWORK,
    },
    Role.PARTNER: frozenset({Capability.USE_BOT}) | _PARTNER_ONLY,
}

# What an admin may add for one person on top of their role (design.md §5: a colleague sees
# informal identities only when granted).
GRANTABLE: dict[Role, frozenset[Capability]] = {
    Role.COLLEAGUE: frozenset({Capability.SEE_INFORMAL}),
}


def can(role: str, capability: Capability) -> bool:
    """Whether the role itself carries the capability (grants are per user: `allows`)."""
    try:
        return capability in _MATRIX[Role(role)]
    except ValueError:
        return False


def grantable(role: str, capability: Capability) -> bool:
    try:
        return capability in GRANTABLE.get(Role(role), frozenset())
    except ValueError:
        return False


def allows(user: User, capability: Capability) -> bool:
    """Whether this user may: their role's capabilities plus what was granted to them."""
    if can(user.role, capability):
        return True
    granted = capability is Capability.SEE_INFORMAL and user.informal_granted_at is not None
    return granted and grantable(user.role, capability)


def visible_networks(user: User) -> frozenset[str]:
    """The networks whose people this user may see by name (design.md §5, principle 3).

    Takes the user, not the role, so a grant is never forgotten by a caller: a colleague sees
    the formal network, and the informal one only once an admin granted it. Partners see no
    register at all.
    """
    seen = set()
    if allows(user, Capability.SEE_FORMAL):
        seen.add(Network.FORMAL.value)
    if allows(user, Capability.SEE_INFORMAL):
        seen.add(Network.INFORMAL.value)
    return frozenset(seen)


# --- the written matrix ----------------------------------------------------------------------

REGENERATE = "python -m bot permissions > docs/permissions.md"


def _cell(role: Role, capability: Capability) -> str:
    if can(role, capability):
        return "yes"
    if grantable(role, capability):
        return "if granted"
    return "—"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_markdown(
    commands: Sequence[tuple[Sequence[str], Capability]],
    buttons: Sequence[tuple[str, Capability]],
    free_text: Capability,
) -> str:
    """The permission matrix as Markdown: roles × capabilities, then what every command and
    button action needs. `commands` are (names, capability); `buttons` (action, capability)."""
    roles = list(Role)
    lines = [
        "# Permission matrix",
        "",
        "Generated from the code (`core/permissions.py` and the dispatcher's command and button",
        f"tables); do not edit by hand. Regenerate with `{REGENERATE}`;",
        "a test fails when this file and the code differ.",
        "",
        "Every command and every button is checked against the user's role before any data is",
        "read. Someone without an account, or whose access was revoked, gets one polite",
        "refusal and nothing else. \"if granted\": an admin grants it per person in `/gebruikers`.",
        "",
        "## Roles and capabilities",
        "",
    ]
    lines += _table(
        ["capability", "what it allows", *roles],
        ([f"`{c}`", DESCRIPTIONS[c], *(_cell(r, c) for r in roles)] for c in Capability),
    )
    lines += ["", "## Commands", "",
              f"Plain text (read as a visit) needs `{free_text}`.", ""]
    lines += _table(
        ["command", "aliases", "capability", *roles],
        ([f"`/{names[0]}`", ", ".join(f"`/{n}`" for n in names[1:]) or "—", f"`{cap}`",
          *(_cell(r, cap) for r in roles)] for names, cap in commands),
    )
    lines += ["", "## Buttons", ""]
    lines += _table(
        ["button action", "capability", *roles],
        ([f"`{action}`", f"`{cap}`", *(_cell(r, cap) for r in roles)]
         for action, cap in sorted(buttons)),
    )
    return "\n".join(lines) + "\n"
