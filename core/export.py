"""Exporting the register: one CSV per table and one JSON file with everything.

For backups, a handover and data portability (AVG). The columns are stable and documented in
docs/import-export.md; a test keeps that page and `COLUMNS` in step. `contacts.csv` carries
the importer's column names, so it can be imported again (matched, not duplicated).

Formal and informal contacts can be exported apart (design.md §2.3): with `network=` only that
network's contacts, their links, and the interactions and follow-ups that involve no one from
the other network are written. Users appear only as id and role; invites, the audit trail,
the outbox and dialogue state are never exported.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from enum import Enum
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from core.access import audit
from core.contacts import last_contact
from core.text import spreadsheet_cell
from storage.models import (
    Area,
    Contact,
    ContactArea,
    ContactOrganisation,
    FollowUp,
    Interaction,
    InteractionContact,
    Network,
    Organisation,
    OrganisationArea,
    User,
)

FORMAT = "netwerkregie-register"
VERSION = 1
JSON_FILE = "register.json"

COLUMNS: dict[str, tuple[str, ...]] = {
    "contacts": (
        "id", "display_name", "network", "status", "roles", "organisation",
        "organisation_type", "function", "areas", "phone", "email", "preferred_channel",
        "agreed_on", "informed_on", "rhythm_ideal_days", "rhythm_max_days",
        "quiet_snoozed_until", "owner_user_id", "last_contact_at", "created_at", "archived_at",
    ),
    "organisations": ("id", "name", "type", "network", "created_at", "archived_at"),
    "areas": ("id", "name", "kind", "parent_id"),
    "interactions": (
        "id", "occurred_at", "occurred_grain", "kind", "area_id", "organisation_id",
        "initiated_by", "mood", "topics", "summary", "shared", "asked", "logged_by_user_id",
        "created_at",
    ),
    "interaction_contacts": ("interaction_id", "contact_id"),
    "follow_ups": (
        "id", "title", "contact_id", "interaction_id", "owner_user_id", "due_at", "due_grain",
        "status", "reminded_at", "created_at", "done_at",
    ),
    "contact_organisations": ("contact_id", "organisation_id", "function"),
    "contact_areas": ("contact_id", "area_id"),
    "organisation_areas": ("organisation_id", "area_id"),
    "users": ("id", "role"),
}
# Columns holding a list, per table: `|`-separated in CSV, an array in JSON.
LIST_COLUMNS: dict[str, frozenset[str]] = {
    "contacts": frozenset({"roles", "organisation", "organisation_type", "function", "areas"}),
    "interactions": frozenset({"topics"}),
}

Row = dict[str, Any]


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    network: str | None
    counts: dict[str, int]  # table → rows written
    files: list[str]  # names of the files written, in out_dir
    mixed_interactions_left_out: int  # with a network filter: formal and informal together


def export_register(
    session: Session,
    out_dir: Path | str,
    *,
    network: Network | str | None = None,
    tz: tzinfo = UTC,
    now: datetime | None = None,
    actor_user_id: int | None = None,
) -> ExportResult:
    """Write every table as CSV plus register.json into `out_dir`; the export is audited.

    Times are ISO 8601 with their offset, in `tz`; dates are ISO 8601 (yyyy-mm-dd).
    """
    chosen = Network(network) if network is not None else None
    moment = now or datetime.now(UTC)
    tables, left_out = collect(session, chosen, tz)
    out = Path(out_dir)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    files = []
    for table, rows in tables.items():
        name = f"{table}.csv"
        _write(out / name, _csv_text(COLUMNS[table], rows))
        files.append(name)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _value(moment, tz),
        "network": chosen.value if chosen else None,
        "mixed_interactions_left_out": left_out,
        "tables": tables,
    }
    _write(out / JSON_FILE, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    files.append(JSON_FILE)
    counts = {table: len(rows) for table, rows in tables.items()}
    audit(session, moment, "register.exported", actor_user_id, "register",
          network=chosen.value if chosen else "all", counts=counts)
    return ExportResult(out, chosen.value if chosen else None, counts, files, left_out)


def collect(session: Session, network: Network | None = None, tz: tzinfo = UTC
            ) -> tuple[dict[str, list[Row]], int]:
    """Every exported table as rows of plain values (lists stay lists), and how many mixed
    interactions a network filter left out."""
    contacts = [c for c in session.exec(select(Contact).order_by(col(Contact.id))).all()
                if network is None or c.network == network]
    contact_ids = {c.id for c in contacts}
    areas = list(session.exec(select(Area).order_by(col(Area.id))).all())
    area_names = {a.id: a.name for a in areas}
    links = [link for link in session.exec(
        select(ContactOrganisation).order_by(col(ContactOrganisation.contact_id),
                                             col(ContactOrganisation.organisation_id))
    ).all() if link.contact_id in contact_ids]
    contact_areas = [link for link in session.exec(
        select(ContactArea).order_by(col(ContactArea.contact_id), col(ContactArea.area_id))
    ).all() if link.contact_id in contact_ids]
    linked_organisations = {link.organisation_id for link in links}
    organisations = [o for o in session.exec(
        select(Organisation).order_by(col(Organisation.id))).all()
        if network is None or o.network == network or o.id in linked_organisations]
    organisation_by_id = {o.id: o for o in organisations}
    organisation_ids = set(organisation_by_id)

    participants: dict[int, set[int]] = {}
    all_participants = list(session.exec(
        select(InteractionContact).order_by(col(InteractionContact.interaction_id),
                                            col(InteractionContact.contact_id))).all())
    for participant in all_participants:
        participants.setdefault(participant.interaction_id, set()).add(participant.contact_id)
    interactions: list[Interaction] = []
    left_out = 0
    for interaction in session.exec(select(Interaction).order_by(col(Interaction.id))).all():
        people = participants.get(interaction.id or 0, set())
        if network is None or (people and people <= contact_ids):
            interactions.append(interaction)
        elif people & contact_ids:
            left_out += 1  # formal and informal together: only in the full export
    interaction_ids = {i.id for i in interactions}
    follow_ups = [f for f in session.exec(select(FollowUp).order_by(col(FollowUp.id))).all()
                  if network is None or _follow_up_in(f, contact_ids, interaction_ids)]

    memberships: dict[int, list[ContactOrganisation]] = {}
    for membership in links:
        memberships.setdefault(membership.contact_id, []).append(membership)
    places: dict[int, list[str]] = {}
    for contact_area in contact_areas:
        places.setdefault(contact_area.contact_id, []).append(area_names[contact_area.area_id])
    last = last_contact(session, [c.id for c in contacts if c.id is not None])

    contact_rows = []
    for contact in contacts:
        assert contact.id is not None
        own = sorted(memberships.get(contact.id, []),
                     key=lambda link: (organisation_by_id[link.organisation_id].name.lower(),
                                       link.organisation_id))
        contact_rows.append(_row("contacts", contact, tz, {
            "organisation": [organisation_by_id[link.organisation_id].name for link in own],
            "organisation_type": [organisation_by_id[link.organisation_id].type for link in own],
            "function": [link.function for link in own],
            "areas": sorted(places.get(contact.id, []), key=str.lower),
            "last_contact_at": last.get(contact.id),
        }))
    users = list(session.exec(select(User).order_by(col(User.id))).all())
    tables: dict[str, list[Row]] = {
        "contacts": contact_rows,
        "organisations": [_row("organisations", o, tz) for o in organisations],
        "areas": [_row("areas", a, tz) for a in areas],
        "interactions": [_row("interactions", i, tz) for i in interactions],
        "interaction_contacts": [
            _row("interaction_contacts", p, tz) for p in all_participants
            if p.interaction_id in interaction_ids and p.contact_id in contact_ids
        ],
        "follow_ups": [_row("follow_ups", f, tz) for f in follow_ups],
        "contact_organisations": [_row("contact_organisations", link, tz) for link in links],
        "contact_areas": [_row("contact_areas", link, tz) for link in contact_areas],
        "organisation_areas": [
            _row("organisation_areas", link, tz) for link in session.exec(
                select(OrganisationArea).order_by(col(OrganisationArea.organisation_id),
                                                  col(OrganisationArea.area_id))).all()
            if link.organisation_id in organisation_ids
        ],
        "users": [_row("users", u, tz) for u in users],
    }
    return tables, left_out


def _follow_up_in(follow_up: FollowUp, contact_ids: set[int | None],
                  interaction_ids: set[int | None]) -> bool:
    """With a network filter: about this network's people only (general tasks stay out)."""
    if follow_up.contact_id is None and follow_up.interaction_id is None:
        return False
    return (follow_up.contact_id is None or follow_up.contact_id in contact_ids) and (
        follow_up.interaction_id is None or follow_up.interaction_id in interaction_ids)


def _row(table: str, record: Any, tz: tzinfo, extra: Row | None = None) -> Row:
    extra = extra or {}
    return {
        column: _value(extra[column] if column in extra else getattr(record, column), tz)
        for column in COLUMNS[table]
    }


def _value(value: Any, tz: tzinfo) -> Any:
    """A JSON-ready value: aware times in `tz` with their offset, dates as yyyy-mm-dd."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(tz).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_value(v, tz) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _csv_text(columns: Iterable[str], rows: list[Row]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = list(columns)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in names])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """The text of one CSV cell; one a spreadsheet would run as a formula starts with `'`."""
    return spreadsheet_cell(_plain(value))


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(_plain(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(path: Path, text: str) -> None:
    """Replace the file whole, readable by its owner only: an export holds personal data."""
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(temporary, path)
