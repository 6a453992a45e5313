"""Property tests: whatever a user sends, the bot answers and never crashes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation import texts as catalogue
from bot.conversation.dispatcher import Conversation
from bot.conversation.events import Incoming
from core.access import Identity, create_invite, redeem_invite
from core.areas import seed_areas
from core.clock import FakeClock
from core.text import clean
from storage.engine import Database, make_engine
from storage.models import Role
from tests.conftest import AMSTERDAM, REFERENCE_NOW
from tests.support.audit import migrated
from tests.support.keys import TEST_KEYRING

ERROR_TEXTS = {catalogue.text(lang, "error") for lang in catalogue.LANGUAGES}

visit_words = st.sampled_from([
    "Vandaag", "gesproken", "met", "Fatima", "Bakkali", "van", "buurthuis", "De", "Schakel",
    "in", "Stad-Oost", "zorgen", "jongeren", "volgende", "week", "dinsdag", "terugbellen",
    "om", "10", "uur", "half", "vier", "morgen", "gisteren", "moskee", "Al", "Fath", ".", ",",
    "14-12", "31.10.1974", "over", "twee", "weken", "/acties", "/taal", "en", "/start",
    "111222333", "BSN", "Wijk", "Almere", "Buiten", "Haven", "\n", "😀", "'s", "avonds",
])
messages = st.one_of(
    st.text(max_size=300),
    st.lists(visit_words, max_size=40).map(" ".join),
    st.text(min_size=2000, max_size=2600),
)


@pytest.fixture(scope="module")
def conversation() -> Iterator[Conversation]:
    db = Database(make_engine("sqlite://"), TEST_KEYRING)
    migrated(db)
    clock = FakeClock(REFERENCE_NOW, AMSTERDAM)
    with db.session() as session:
        seed_areas(session)
        token = create_invite(session, Role.COORDINATOR, clock.now())
        redeem_invite(session, token, Identity("memory", "u1", "u1"), "nl", clock.now())
    yield Conversation(db, clock)
    db.engine.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=messages)
def test_any_text_from_a_coordinator_gets_a_reply_and_never_an_error(
    conversation: Conversation, text: str
) -> None:
    replies = conversation.handle(Incoming("memory", "u1", "u1", text=text))

    assert all(reply.text not in ERROR_TEXTS for reply in replies)
    if clean(text).strip():  # control characters alone are taken out: an empty message
        assert replies


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=messages, presses=st.lists(st.integers(min_value=0, max_value=8), max_size=4))
def test_any_text_followed_by_any_buttons_never_errors(
    conversation: Conversation, text: str, presses: list[int]
) -> None:
    replies = conversation.handle(Incoming("memory", "u1", "u1", text=text))
    for choice in presses:
        buttons = [b for reply in replies for row in reply.buttons for b in row]
        if not buttons:
            break
        button = buttons[choice % len(buttons)]
        replies = conversation.handle(Incoming("memory", "u1", "u1", button=button.payload))
        assert all(reply.text not in ERROR_TEXTS for reply in replies)
    conversation.handle(Incoming("memory", "u1", "u1", text="/annuleer"))
