"""After an erasure the person's name is nowhere: not in other people's visits, follow-ups,
signals, meeting notes, answers, questions or roles, not in the update journal, not in a
button; and the admin is told how many places changed, never which words."""

from __future__ import annotations

import json
import re
from datetime import time, timedelta
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlmodel import AutoString, Session, SQLModel, select

from core.contacts import create_contact, create_organisation
from core.name_removal import (
    FREE_TEXT,
    NOT_FREE_TEXT,
    PERSON,
    name_pattern,
    name_variants,
    names_in,
    redact,
    remove_name,
)
from core.subject import erase
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    ButtonPayload,
    Contact,
    ContactOrganisation,
    DialogState,
    FollowUp,
    Interaction,
    InteractionContact,
    Meeting,
    MeetingOccurrence,
    Network,
    PartnerQuestion,
    ProcessedUpdate,
    Role,
    Signal,
    User,
)
from tests.conftest import REFERENCE_NOW

NOW = REFERENCE_NOW
NAME = "Fatima Bakkali"
FOUND = re.compile(r"fatima\s+bakkali|bakkali", re.IGNORECASE)


# --- the rule ------------------------------------------------------------------------------------


def test_a_name_is_matched_whole_in_any_case_and_spacing_and_as_first_name_with_surname() -> None:
    pattern = name_pattern(["Jan Pieter de Vries"])
    assert pattern is not None

    assert name_variants("Jan Pieter de Vries") == [
        "Jan Pieter de Vries", "Jan de Vries", "Jan Vries"]
    assert pattern.sub(PERSON, "Gesprek met JAN  PIETER DE VRIES en Jan de Vries.") == (
        f"Gesprek met {PERSON} en {PERSON}.")
    assert pattern.sub(PERSON, "jan de vries' moeder belde") == f"{PERSON}' moeder belde"


def test_a_first_or_last_name_alone_or_inside_a_longer_word_is_left_alone() -> None:
    pattern = name_pattern([NAME])
    assert pattern is not None

    text = "Fatima belde, mevrouw Bakkali ook; Fatima Bakkalizadeh en XFatima Bakkali niet."
    assert pattern.sub(PERSON, text) == text


def test_inside_json_only_the_values_change() -> None:
    pattern = name_pattern([NAME])
    assert pattern is not None

    assert redact({"summary": "Met Fatima Bakkali", "people": ["fatima bakkali"], "n": 3},
                  pattern) == {"summary": f"Met {PERSON}", "people": [PERSON], "n": 3}


def test_a_name_broken_over_two_lines_inside_a_draft_is_found_too() -> None:
    pattern = name_pattern([NAME])

    assert names_in({"draft": {"summary": ["Bezoek met Fatima\nBakkali"]}}, pattern)
    assert not names_in({"draft": {"summary": ["Bezoek met Fatima"]}, "n": 7}, pattern)


def test_every_text_column_is_searched_or_left_alone_for_a_stated_reason() -> None:
    """A new free-text column must be added to FREE_TEXT (or to NOT_FREE_TEXT, saying why):
    otherwise an erased name could stay in it. Short strings (under 100) are codes."""
    searched = {f"{model.__tablename__}.{column}"
                for model, columns in FREE_TEXT.items() for column in columns}
    unclassified = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            textual = isinstance(column.type, Text | JSON) or (
                isinstance(column.type, String | AutoString)
                and (column.type.length or 1000) >= 100)
            name = f"{table.name}.{column.name}"
            if textual and name not in searched and name not in NOT_FREE_TEXT:
                unclassified.append(name)

    assert unclassified == []
    assert not searched & set(NOT_FREE_TEXT)


# --- erasure, end to end in the register ---------------------------------------------------------


def staff(session: Session) -> User:
    admin = User(transport="memory", external_id="a1", chat_id="a1", role=Role.ADMIN)
    session.add(admin)
    session.flush()
    return admin


def first_area(session: Session) -> int:
    area = session.exec(select(Area)).first()
    assert area is not None
    assert area.id is not None
    return area.id


def everything_written(db: Database) -> str:
    """Every row of every table, sealed values opened, as one text."""
    parts: list[str] = []
    with db.session() as session:
        for mapper in SQLModel._sa_registry.mappers:
            model = mapper.class_
            if getattr(model, "__table__", None) is None:
                continue
            for row in session.exec(select(model)).all():
                parts.append(json.dumps(row.model_dump(), ensure_ascii=False, default=str))
    return "\n".join(parts)


def seed(db: Database, *, journal_and_buttons: bool = True) -> dict[str, Any]:
    """Fatima, and what others wrote about her: a visit with Ahmed, follow-ups, a signal, a
    meeting's decisions, Ahmed's role and function, a partner's question, a draft; and
    (unless the chat makes them) journal entries and buttons."""
    with db.session() as session:
        admin = staff(session)
        assert admin.id is not None
        area_id = first_area(session)
        fatima = create_contact(session, name=NAME, network=Network.INFORMAL, now=NOW,
                                area_ids=[area_id])
        school = create_organisation(session, name="De Regenboog", type_code="school",
                                     network=Network.FORMAL, now=NOW)
        ahmed = create_contact(session, name="Ahmed Yilmaz", network=Network.INFORMAL, now=NOW,
                               area_ids=[area_id], organisation_id=school.id,
                               function="opvolger van Fatima Bakkali",
                               roles=["sleutelfiguur", "collega van fatima bakkali"])
        assert fatima.id is not None
        assert ahmed.id is not None
        together = Interaction(occurred_at=NOW - timedelta(days=2), created_at=NOW,
                               summary="Met Ahmed over het werk van Fatima Bakkali",
                               shared="Folder voor Fatima  Bakkali", asked="")
        alone = Interaction(occurred_at=NOW - timedelta(days=3), created_at=NOW,
                            summary="Koffie met Fatima Bakkali")
        session.add_all([together, alone])
        session.flush()
        assert together.id is not None
        assert alone.id is not None
        session.add_all([
            InteractionContact(interaction_id=together.id, contact_id=ahmed.id),
            InteractionContact(interaction_id=together.id, contact_id=fatima.id),
            InteractionContact(interaction_id=alone.id, contact_id=fatima.id),
        ])
        session.add_all([
            FollowUp(title="Ahmed vragen naar Fatima Bakkali", owner_user_id=admin.id,
                     contact_id=ahmed.id, due_at=NOW, created_at=NOW),
            FollowUp(title="Fatima Bakkali terugbellen", owner_user_id=admin.id,
                     contact_id=fatima.id, due_at=NOW, created_at=NOW),
        ])
        session.add(Signal(observed_on=NOW.date(), area_id=area_id, category="polarisatie",
                           facts="Posters; Fatima Bakkali zag ze als eerste",
                           interpretation="Volgens FATIMA BAKKALI nieuw",
                           source_type="sleutelfiguur", reliability="betrouwbaar",
                           trend="gelijk", urgency="normaal", status="nieuw", created_at=NOW,
                           updated_at=NOW))
        meeting = Meeting(area_id=area_id, organiser_user_id=admin.id, every_weeks=4,
                          first_on=NOW.date(), at_time=time(19), place="Buurthuis",
                          created_at=NOW)
        session.add(meeting)
        session.flush()
        assert meeting.id is not None
        session.add(MeetingOccurrence(meeting_id=meeting.id, held_on=NOW.date(),
                                      starts_at=NOW, logged_at=NOW,
                                      decisions="Fatima Bakkali nodigt de jongeren uit"))
        session.add(PartnerQuestion(contact_id=ahmed.id, asked_by_user_id=admin.id,
                                    question="Kan Fatima Bakkali de zaal openen?", asked_at=NOW))
        session.add(DialogState(user_id=admin.id, flow="visit", step="confirm",
                                data={"draft": {"summary": "Fatima Bakkali was er ook"}}))
        ids = {"admin": admin.id, "fatima": fatima.id, "ahmed": ahmed.id,
               "together": together.id}
        if not journal_and_buttons:
            return ids
        session.add_all([
            ProcessedUpdate(transport="memory", update_id="1", received_at=NOW,
                            handled_at=NOW, payload={"text": "/contact Fatima Bakkali"}),
            ProcessedUpdate(transport="memory", update_id="2", received_at=NOW,
                            payload={"text": "Later nog Fatima Bakkali bellen"}),
            ProcessedUpdate(transport="memory", update_id="3", received_at=NOW,
                            handled_at=NOW, payload={"text": "Bezoek aan de school"}),
        ])
        session.add_all([
            ButtonPayload(id="b-name", user_id=admin.id, action="reg.pick",
                          data={"name": "Fatima Bakkali"}, created_at=NOW),
            ButtonPayload(id="b-card", user_id=admin.id, action="reg.edit",
                          data={"contact": fatima.id}, created_at=NOW),
            ButtonPayload(id="b-visit", user_id=admin.id, action="visit.open",
                          data={"interaction": alone.id}, created_at=NOW),
            ButtonPayload(id="b-ahmed", user_id=admin.id, action="reg.edit",
                          data={"contact": ahmed.id}, created_at=NOW),
        ])
        return ids


def test_after_an_erasure_the_name_is_in_no_table_and_what_others_wrote_stays(
    db: Database,
) -> None:
    ids = seed(db)
    assert FOUND.search(everything_written(db))

    with db.session() as session:
        fatima = session.get(Contact, ids["fatima"])
        assert fatima is not None
        done = erase(session, fatima, NOW, ids["admin"])

    written = everything_written(db)
    assert FOUND.search(written) is None
    # together: summary + shared; Ahmed: roles + function; a follow-up, the signal's facts and
    # interpretation, the decisions, the question, the draft
    assert (done.name_removed.texts, done.name_removed.journal,
            done.name_removed.buttons) == (10, 2, 3)
    with db.session() as session:
        visit = session.get(Interaction, ids["together"])
        assert visit is not None
        ahmed = session.get(Contact, ids["ahmed"])
        assert ahmed is not None
        link = session.exec(select(ContactOrganisation)).one()
        journal = {row.update_id: row.payload for row in session.exec(select(ProcessedUpdate))}
        buttons = [b.id for b in session.exec(select(ButtonPayload))]
        audited = session.exec(select(AuditEvent)
                               .where(AuditEvent.action == "subject.name_removed")).one()
    assert visit.summary == f"Met Ahmed over het werk van {PERSON}"
    assert ahmed.roles == ["sleutelfiguur", f"collega van {PERSON}"]
    assert link.function == f"opvolger van {PERSON}"
    assert journal == {"1": None, "2": {"text": f"Later nog {PERSON} bellen"},
                       "3": {"text": "Bezoek aan de school"}}
    assert buttons == ["b-ahmed"]
    assert audited.detail == {"texts": 10, "journal": 2, "buttons": 3}
    assert audited.subject == f"contact:{ids['fatima']}"


def test_a_name_written_nowhere_else_changes_nothing_and_is_audited_with_zeros(
    db: Database,
) -> None:
    with db.session() as session:
        admin = staff(session)
        removed = remove_name(session, ["Kees van der Berg"], NOW, admin.id)
        audited = session.exec(select(AuditEvent)
                               .where(AuditEvent.action == "subject.name_removed")).one()

    assert (removed.texts, removed.journal, removed.buttons) == (0, 0, 0)
    assert "Kees" not in json.dumps(audited.detail)


def test_erasing_an_anonymised_contact_still_deletes_the_buttons_and_drafts_about_them(
    db: Database,
) -> None:
    with db.session() as session:
        admin = staff(session)
        assert admin.id is not None
        ghost = create_contact(session, name="(geanonimiseerd)", network=Network.INFORMAL,
                               now=NOW, area_ids=[first_area(session)])
        session.add(ButtonPayload(id="b-ghost", user_id=admin.id, action="reg.edit",
                                  data={"contact": ghost.id}, created_at=NOW))
        session.add(DialogState(user_id=admin.id, flow="visit", step="confirm",
                                data={"draft": {"people": [{"contact_id": ghost.id}]}}))
        session.add(Interaction(occurred_at=NOW, created_at=NOW,
                                summary="Overleg, (geanonimiseerd) was er niet"))

        done = erase(session, ghost, NOW, admin.id)

    with db.session() as session:
        assert session.exec(select(ButtonPayload)).all() == []
        assert session.exec(select(DialogState)).all() == []
        summary = session.exec(select(Interaction)).one().summary
    assert (done.name_removed.texts, done.name_removed.buttons) == (1, 1)  # the draft; the button
    assert summary == "Overleg, (geanonimiseerd) was er niet"
