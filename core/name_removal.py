"""An erased person's name goes from everything else the register holds (AVG art. 17).

Erasing a contact deletes their own records (core.subject); their name can still stand in
what others wrote: a visit with someone else, a follow-up title, a signal's facts, a meeting's
decisions, a survey answer, a question, another contact's role. Every free-text column is
read here (sealed ones opened in memory), the name is replaced by a neutral word and the value
written back (sealed again on the way in). The update journal holds whole messages for up to
two days: an entry naming the person loses its text (handled) or the name (not handled yet, so
it still gets handled). A button's meaning naming the person, or pointing at an erased record,
is deleted (it would only have said "this button is no longer valid"); so is an unfinished
draft pointing at one.

The name is matched whole, case-insensitively and only as whole words: the full name as
registered, and the first name with the surname ("Jan de Vries" for "Jan Pieter de Vries"). A
first or last name alone is not touched: it is just as likely someone else.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from core.access import audit
from storage.models import (
    AreaTension,
    Broadcast,
    BroadcastFile,
    ButtonPayload,
    Contact,
    ContactOrganisation,
    DialogState,
    FollowUp,
    Interaction,
    Meeting,
    MeetingOccurrence,
    PartnerQuestion,
    ProcessedUpdate,
    Referral,
    Signal,
    SignalStatusChange,
    SubjectRequest,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    TriggerEvent,
)
from storage.sealing import open_cell

PERSON = "[persoon]"  # what stands where the name stood
AUDIT = "subject.name_removed"

# Every column that holds free text someone wrote (sealed or not). tests/core/
# test_name_removal.py finds any text column that is in neither this nor `NOT_FREE_TEXT`.
FREE_TEXT: dict[type[SQLModel], tuple[str, ...]] = {
    Contact: ("roles",),  # another contact's roles; their own name and details stay theirs
    ContactOrganisation: ("function",),
    Interaction: ("summary", "shared", "asked"),
    FollowUp: ("title",),
    DialogState: ("data",),  # an unfinished draft: the name goes, the draft stays
    TriggerEvent: ("title",),
    Signal: ("facts", "interpretation", "counter_signals"),
    SignalStatusChange: ("reason",),
    AreaTension: ("justification",),
    Referral: ("facts", "external_reference"),
    PartnerQuestion: ("question", "answer"),
    Broadcast: ("text",),
    BroadcastFile: ("filename",),
    Meeting: ("place",),
    MeetingOccurrence: ("decisions",),
    SubjectRequest: ("text",),
    SurveyAnswer: ("text",),
    Survey: ("title",),
    SurveyQuestion: ("text", "options"),
}

# Text columns deliberately left alone, and why.
NOT_FREE_TEXT: dict[str, str] = {
    "contact.display_name": "another contact's own name: a namesake keeps theirs",
    "contact.phone": "a phone number, not a name",
    "contact.email": "another contact's own address",
    "broadcastfile.content": "a file's bytes (base64): not text to search",
    "processedupdate.payload": "the update journal: handled apart (`_journal`)",
    "buttonpayload.data": "a button's meaning: deleted whole (`_buttons`)",
    "auditevent.detail": "counts and ids only, never text; and chained by hash",
    "keycheck.sealed": "a fixed text under the key",
    "organisation.name": "an organisation's name, not a person's",
    "area.name": "a place",
    "user.external_id": "a chat account's id",
    "user.chat_id": "a chat's id",
    "interaction.topics": "topic codes from a fixed list",
    "areatension.signal_ids": "record ids",
    "areatension.trigger_event_ids": "record ids",
    "surveyanswer.choices": "option numbers",
    "auditevent.subject": "a record reference (contact:7)",
    "outbox.dedupe_key": "a kind and record ids",
    "outbox.last_error": "a delivery error's class and code, never message text",
    "jobrun.key": "a job's name and date",
    "broadcastfile.mime": "a file type",
}

# Keys that point at a record of this type, in a button's data (`ctx.button(...,
# contact=7)`) or anywhere in a draft (`{"people": [{"contact_id": 7}]}`).
REFERENCES: dict[str, str] = {
    "contact": "contact", "contact_id": "contact",
    "interaction": "interaction", "interaction_id": "interaction",
    "follow_up": "follow_up", "follow_up_id": "follow_up",
    "question": "question", "question_id": "question",
}

_PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "'t", "el", "al", "la",
    "le", "du", "da", "di", "dos", "von", "bin", "ben", "ibn", "abu", "ait", "ou",
})


@dataclass(frozen=True)
class NameRemoved:
    """Where the name was taken out: text values, journal entries, buttons deleted."""

    texts: int = 0
    journal: int = 0
    buttons: int = 0

    @property
    def total(self) -> int:
        return self.texts + self.journal + self.buttons


def name_variants(name: str) -> list[str]:
    """The ways the name is matched: as registered, and first name with surname (with its
    particles: "Jan de Vries"), and first with last word; longest first."""
    words = name.split()
    if not words:
        return []
    variants = {" ".join(words)}
    if len(words) >= 3:
        first = words[0]
        start = next((i for i in range(1, len(words) - 1) if words[i].lower() in _PARTICLES),
                     len(words) - 1)
        variants.add(" ".join([first, *words[start:]]))
        variants.add(f"{first} {words[-1]}")
    return sorted(variants, key=lambda v: (-len(v), v))


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every variant of every name: whole words, any case, any spacing."""
    variants = sorted({v for name in names for v in name_variants(name)},
                      key=lambda v: (-len(v), v))
    if not variants:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in variant.split())
                            for variant in variants)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact(value: Any, pattern: re.Pattern[str]) -> Any:
    """The value with the name replaced, inside JSON structures too (keys stay)."""
    if isinstance(value, str):
        return pattern.sub(PERSON, value)
    if isinstance(value, list):
        return [redact(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: redact(item, pattern) for key, item in value.items()}
    return value


def names_in(value: Any, pattern: re.Pattern[str] | None) -> bool:
    """Whether the name stands in the value, or in any text inside a JSON structure."""
    if pattern is None:
        return False
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, list):
        return any(names_in(item, pattern) for item in value)
    if isinstance(value, dict):
        return any(names_in(item, pattern) for item in value.values())
    return False


def remove_name(session: Session, names: Iterable[str], now: datetime, actor: int | None, *,
                subject: str = "", gone: Mapping[str, Collection[int]] | None = None
                ) -> NameRemoved:
    """Take the name(s) out of every free text, the journal and the buttons; audited with
    counts only. `gone`: records erased just now, by type (see `REFERENCES`), whose buttons
    and drafts go too."""
    pattern = name_pattern(names)  # None: no name to look for (an anonymised contact)
    gone = gone or {}
    drafts = _drafts(session, gone)
    removed = NameRemoved(
        texts=drafts + (_texts(session, pattern) if pattern is not None else 0),
        journal=_journal(session, pattern) if pattern is not None else 0,
        buttons=_buttons(session, pattern, gone))
    audit(session, now, AUDIT, actor, subject, texts=removed.texts, journal=removed.journal,
          buttons=removed.buttons)
    return removed


def refers_to(value: Any, gone: Mapping[str, Collection[int]]) -> bool:
    """Whether a JSON value points at an erased record anywhere inside it."""
    if isinstance(value, list):
        return any(refers_to(item, gone) for item in value)
    if not isinstance(value, dict):
        return False
    for key, item in value.items():
        kind = REFERENCES.get(key)
        if kind is not None and isinstance(item, int) and item in gone.get(kind, ()):
            return True
        if refers_to(item, gone):
            return True
    return False


def _drafts(session: Session, gone: Mapping[str, Collection[int]]) -> int:
    """An unfinished draft about an erased record (a visit card with them on it) goes whole:
    saving it would bring back what was erased. Counted with the texts."""
    if not gone:
        return 0
    deleted = 0
    for state in session.exec(select(DialogState)).all():
        if refers_to(state.data, gone):
            session.delete(state)
            deleted += 1
    session.flush()
    return deleted


def _texts(session: Session, pattern: re.Pattern[str]) -> int:
    """Values changed. Read column by column without building a row per record (a register
    has many visits); only a row that names the person is loaded and written back."""
    changed = 0
    for model, columns in FREE_TEXT.items():
        table = model.__table__  # type: ignore[attr-defined]
        keys = list(table.primary_key.columns)
        rows = session.execute(select(*keys, *(table.c[c] for c in columns))).all()
        for row in rows:
            key_values = tuple(row[: len(keys)])
            key = ",".join(str(v) for v in key_values)
            hits = []
            for offset, column in enumerate(columns):
                value = open_cell(session, model, column, key, row[len(keys) + offset])
                if names_in(value, pattern):
                    hits.append((column, value))
            if not hits:
                continue
            record = session.get(model, key_values[0] if len(keys) == 1 else key_values)
            assert record is not None
            for column, value in hits:
                setattr(record, column, redact(value, pattern))
                changed += 1
            session.add(record)
    session.flush()
    return changed


def _journal(session: Session, pattern: re.Pattern[str]) -> int:
    """Journal entries naming the person: a handled one keeps only its update id (its text
    is not needed again); one not handled yet keeps its text without the name."""
    changed = 0
    for entry in session.exec(select(ProcessedUpdate)
                              .where(col(ProcessedUpdate.payload).is_not(None))).all():
        if not names_in(entry.payload, pattern):
            continue
        entry.payload = None if entry.handled_at is not None else redact(entry.payload, pattern)
        session.add(entry)
        changed += 1
    session.flush()
    return changed


def _buttons(session: Session, pattern: re.Pattern[str] | None,
             gone: Mapping[str, Collection[int]]) -> int:
    """Buttons whose meaning names the person or points at an erased record: deleted."""
    deleted = 0
    for payload in session.exec(select(ButtonPayload)).all():
        if refers_to(payload.data, gone) or names_in(payload.data, pattern):
            session.delete(payload)
            deleted += 1
    session.flush()
    return deleted
