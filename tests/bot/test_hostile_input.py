"""Attack review #5: control characters and bidi overrides never get stored or shown, and the
terminal chat never runs an escape code from a stored name."""

from __future__ import annotations

from sqlmodel import select

from bot.conversation import texts as catalogue
from core.clock import FakeClock
from core.contacts import create_contact
from storage.engine import Database
from storage.models import Contact, Network
from tests.bot.conftest import Chat, texts
from tests.bot.test_console import chat_in_terminal

HOSTILE = ("\x1b[31m", "\x1b", "\u202e", "\u2066", "\u200f", "\x00", "\x07", "\x9b")


def shows_nothing_hostile(text: str) -> bool:
    return not any(code in text for code in HOSTILE)


async def test_a_typed_name_with_escape_codes_and_a_bidi_override_is_cleaned_before_use(
        coordinator: Chat, db: Database) -> None:
    replies = await coordinator.say("/contact Kees\x1b[31m Jan\u202esen\x07")

    assert texts(replies) == catalogue.text("nl", "reg_contact_none", query="Kees Jansen")
    network = await coordinator.press("Nieuw contact: Kees Jansen")
    assert network[0].button_labels() == ["Formeel netwerk", "Informeel netwerk"]
    with db.session() as session:
        assert session.exec(select(Contact)).all() == []


async def test_a_name_typed_in_decomposed_form_is_stored_composed(coordinator: Chat) -> None:
    replies = await coordinator.say("/contact Rene\u0301 Dubois")

    assert "René Dubois" in texts(replies)
    assert "Rene\u0301" not in texts(replies)


async def test_the_terminal_shows_a_stored_name_without_its_escape_codes(
        db: Database, clock: FakeClock) -> None:
    with db.session() as session:  # written before cleaning existed, or straight into the db
        create_contact(session, name="Evil\x1b[2J\x1b]0;pwned\x07 Kees\u202e", now=clock.now(),
                       network=Network.FORMAL)

    screen = await chat_in_terminal(db, clock, ["/contact Evil"])

    assert "Evil Kees" in screen
    assert shows_nothing_hostile(screen)
