"""Saving runs the one guard again in core, whatever path filled the text (design §2.7)."""

from __future__ import annotations

from sqlmodel import Session, select

from core.contacts import create_contact
from core.signals import SignalDraft, add_follow_up, save_signal
from core.visits import DraftFollowUp, VisitDraft, save_visit
from storage.engine import Database
from storage.models import Area, FollowUp, Network, Role, User
from tests.conftest import REFERENCE_NOW

NOW = REFERENCE_NOW


def user(session: Session) -> User:
    row = User(transport="memory", external_id="u1", chat_id="u1", role=Role.COORDINATOR)
    session.add(row)
    session.flush()
    return row


def test_a_visit_draft_filled_around_the_card_is_still_stored_guarded(db: Database) -> None:
    draft = VisitDraft(occurred_at=NOW, summary="Rustig gesprek. Hij is moslim.",
                       shared="Folder gegeven aan Youssef El Amrani.",
                       follow_up=DraftFollowUp(title="Jayden (16) bellen", due_at=NOW))
    with db.session() as session:
        visit = save_visit(session, draft, user(session), NOW)
        title = session.exec(select(FollowUp)).one().title

    assert (visit.summary, visit.shared) == ("Rustig gesprek.", "Folder gegeven aan [persoon].")
    assert title == "[jongere] (16) bellen"


def test_a_signal_draft_keeps_no_special_category_sentence_and_no_minors_name(
        db: Database) -> None:
    with db.session() as session:
        area = session.exec(select(Area)).first()
        assert area is not None
        draft = SignalDraft(observed_on=NOW.date(), area_id=area.id, category="jongeren",
                            facts="Groepje bij het plein, ook Jayden (15). Zijn vader is ziek.",
                            interpretation="Hij is moslim.")
        signal = save_signal(session, draft, user(session), NOW)

    assert signal.facts == "Groepje bij het plein, ook [jongere] (15)."
    assert signal.interpretation == ""


def test_a_signals_follow_up_keeps_only_the_name_of_the_contact_reported_back_to(
        db: Database) -> None:
    with db.session() as session:
        area = session.exec(select(Area)).first()
        assert area is not None
        owner = user(session)
        fatima = create_contact(session, name="Fatima Bakkali", network=Network.INFORMAL, now=NOW)
        draft = SignalDraft(observed_on=NOW.date(), area_id=area.id, category="jongeren",
                            facts="Groepje bij het plein.")
        signal = save_signal(session, draft, owner, NOW)
        follow_up = add_follow_up(session, signal, owner, contact_id=fatima.id, now=NOW,
                                  due_on=NOW.date(),
                                  title="Fatima Bakkali laten weten wat Youssef El Amrani zei")

    assert follow_up.title == "Fatima Bakkali laten weten wat [persoon] zei"
