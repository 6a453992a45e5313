"""Restarts on Matrix: the bot resumes with its device and sync position, and never replays
the timeline it already handled or history from before its first start (design.md §8)."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sqlmodel import select

from bot.app import App
from storage.engine import Database
from storage.models import Interaction
from tests.matrix.conftest import Dm, MakeHuman, StartBot, transport_of
from tests.matrix.synapse import Account, Synapse

VISIT = "Net gebeld met Jan de Vries van de politie. Volgende week vrijdag terugbellen."
SAVED = "Opgeslagen. Herinnering op vrijdag 4 december: Terugbellen."


def interactions(db: Database) -> int:
    with db.session() as session:
        return len(session.exec(select(Interaction)).all())


async def test_a_restarted_bot_keeps_its_device_and_does_not_answer_old_messages_again(
    app: App, start_bot: StartBot, coordinator: Dm, db: Database
) -> None:
    device = transport_of(app).device_id
    await coordinator.send(VISIT)
    await coordinator.press("Opslaan")
    seen = len(coordinator.messages())

    await app.stop()
    again = await start_bot()
    (listing,) = await coordinator.send("!acties")

    assert transport_of(again).device_id == device
    assert "Terugbellen" in str(listing.body)
    assert len(coordinator.messages()) == seen + 1  # nothing before the answer was replayed
    assert interactions(db) == 1


async def test_a_card_shown_before_a_restart_is_confirmed_by_its_number_after_it(
    app: App, start_bot: StartBot, coordinator: Dm, db: Database
) -> None:
    await coordinator.send(VISIT)

    await app.stop()
    await start_bot()
    (saved,) = await coordinator.press("Opslaan")

    assert saved.body == SAVED
    assert interactions(db) == 1


async def test_a_message_sent_while_the_bot_was_down_is_answered_once_after_the_restart(
    app: App, start_bot: StartBot, coordinator: Dm
) -> None:
    seen = len(coordinator.messages())
    await app.stop()
    await coordinator.human.send_text(coordinator.room_id, "!acties")

    await start_bot()
    await coordinator.wait_for_messages(seen + 1)
    await coordinator.quiet()

    assert coordinator.texts()[seen:] == [
        "Je hebt geen open vervolgacties.", coordinator.texts()[-1]
    ]
    assert len(coordinator.messages()) == seen + 2


async def test_a_first_start_ignores_what_was_said_before_it_but_accepts_the_waiting_invite(
    start_bot: StartBot, human: MakeHuman, bot_account: Account, invite: Callable[..., str]
) -> None:
    person = await human("early")
    room_id = await person.create_room([bot_account.user_id])
    await person.send_text(room_id, "Hallo, is daar iemand?")  # the bot has never run yet

    await start_bot()
    await person.wait_for_membership(room_id, bot_account.user_id, "join")
    chat = Dm(person, room_id, bot_account.user_id)
    (welcome,) = await chat.send(f"!start {invite()}")

    assert str(welcome.body).startswith("Welkom")
    assert chat.texts() == [welcome.body]  # no refusal for the message from before the start


async def test_a_bot_that_lost_its_store_starts_fresh_and_does_not_replay_the_history(
    app: App, start_bot: StartBot, coordinator: Dm, tmp_path: Path, db: Database
) -> None:
    device = transport_of(app).device_id
    await coordinator.send(VISIT)
    seen = len(coordinator.messages())
    await app.stop()
    await coordinator.human.send_text(coordinator.room_id, "!acties")  # while it is down

    again = await start_bot(store_dir=tmp_path / "a-new-store")
    await coordinator.quiet()

    assert transport_of(again).device_id != device
    assert len(coordinator.messages()) == seen + 1  # only the answer to !help
    assert interactions(db) == 0


async def test_a_bot_whose_device_was_logged_out_logs_in_again_with_its_password(
    app: App, start_bot: StartBot, coordinator: Dm, synapse: Synapse, store_dir: Path
) -> None:
    old_device = transport_of(app).device_id
    await app.stop()
    stored = json.loads((store_dir / "matrix-state.json").read_text())
    log_out = urllib.request.Request(  # noqa: S310 — loopback http
        f"{synapse.url}/_matrix/client/v3/logout", data=b"{}", method="POST",
        headers={"Authorization": f"Bearer {stored['access_token']}"},
    )
    await asyncio.to_thread(lambda: urllib.request.urlopen(log_out, timeout=10).close())  # noqa: S310

    again = await start_bot()
    (answer,) = await coordinator.send("!acties")

    assert transport_of(again).device_id != old_device
    assert answer.body == "Je hebt geen open vervolgacties."
