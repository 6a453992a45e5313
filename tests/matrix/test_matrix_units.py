"""The Matrix transport's own rules, without a homeserver: how choices are shown and read
back, and how a failed send is retried without showing a message twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientConnectionError
from nio import RoomSendError, RoomSendResponse

from bot.conversation.events import Button, Reply
from bot.transports.base import SendError
from bot.transports.matrix import (
    MatrixTransport,
    _number_of,
    _without_reply_fallback,
    render,
)

CARD = Reply("Bezoek vastleggen — klopt dit?", (
    (Button("Opslaan", "p1"), Button("Wijzigen", "p2"), Button("Annuleren", "p3")),
))


def test_choices_are_numbered_after_the_text_one_row_per_line() -> None:
    reply = Reply("Herinnering", ((Button("Gedaan", "a"),), (Button("+1 dag", "b"),
                                                             Button("+1 week", "c"))))

    assert render(reply) == "Herinnering\n\n[1] Gedaan\n[2] +1 dag   [3] +1 week"
    assert render(Reply("Zonder knoppen")) == "Zonder knoppen"


@pytest.mark.parametrize(("key", "number"), [
    ("1\ufe0f\u20e3", 1), ("3\u20e3", 3), ("\U0001f51f", 10), ("2", 2), ("👍", None),
    ("123", None),
])
def test_a_reaction_means_the_button_with_its_keycap_number(key: str, number: int | None) -> None:
    assert _number_of(key) == number


def test_the_quoted_message_before_a_reply_is_not_part_of_what_was_typed() -> None:
    body = "> <@netwerkregie:example.org> ⏰ Herinnering: Terugbellen\n> [1] Gedaan\n\n1"

    assert _without_reply_fallback(body) == "1"
    assert _without_reply_fallback("gewoon\n> tekst") == "gewoon\n> tekst"


@dataclass
class FlakyClient:
    """Stands in for nio's AsyncClient: fails the sends it is told to, records the rest."""

    failures: list[Any] = field(default_factory=list)
    transactions: list[str] = field(default_factory=list)

    async def room_send(self, room_id: str, kind: str, content: dict[str, Any],
                        tx_id: str, ignore_unverified_devices: bool) -> Any:
        self.transactions.append(tx_id)
        if self.failures:
            failure = self.failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure
        return RoomSendResponse(f"$event-{tx_id}", room_id)


def transport_with(client: FlakyClient, tmp_path: Path) -> MatrixTransport:
    transport = MatrixTransport("http://127.0.0.1:1", "@bot:localhost", password="pw-for-test",
                                store_dir=tmp_path, reactions=False)
    transport._client = client
    return transport


async def test_a_send_that_failed_is_sent_again_with_the_same_transaction_id(
    tmp_path: Path,
) -> None:
    client = FlakyClient(failures=[ClientConnectionError("timed out after sending")])
    transport = transport_with(client, tmp_path)

    with pytest.raises(SendError) as failed:
        await transport.send("!room:localhost", CARD)
    await transport.send("!room:localhost", CARD)  # the retry: same text, same choices
    await transport.send("!room:localhost", CARD)  # a new message after success

    assert not failed.value.permanent
    first, retry, new = client.transactions
    assert retry == first  # the homeserver shows it once, even if the first one arrived
    assert new != first


async def test_an_explicit_transaction_id_is_used_as_given(tmp_path: Path) -> None:
    client = FlakyClient()
    transport = transport_with(client, tmp_path)

    await transport.send("!room:localhost", CARD, txn_id="outbox-17")

    assert client.transactions == ["outbox-17"]


async def test_a_rate_limited_send_waits_and_retries_with_the_same_transaction_id(
    tmp_path: Path,
) -> None:
    limited = RoomSendError("Too many requests", "M_LIMIT_EXCEEDED", retry_after_ms=1)
    client = FlakyClient(failures=[limited, limited])
    transport = transport_with(client, tmp_path)

    await transport.send("!room:localhost", CARD)

    assert len(client.transactions) == 3
    assert len(set(client.transactions)) == 1


async def test_a_send_to_a_room_the_bot_is_not_in_fails_for_good(tmp_path: Path) -> None:
    client = FlakyClient(failures=[RoomSendError("not in room", "M_FORBIDDEN")])
    transport = transport_with(client, tmp_path)

    with pytest.raises(SendError) as failed:
        await transport.send("!room:localhost", CARD)

    assert failed.value.permanent
