"""Matrix through matrix-nio: the same bot on a (self-hosted) homeserver.

The bot is a normal Matrix user. Users open a direct chat with it (a room of two); a room
with more members is refused once, politely, and left. Buttons are shown as numbered choices
under the message ("[1] Opslaan   [2] Wijzigen   [3] Annuleren"); typing the number presses
the button of the latest message with buttons in that room, replying to an older message
with a number presses that message's button, and reacting with a keycap (1️⃣ 2️⃣ …) on a
message presses its button too. Bot messages are `m.notice`, as bots should send.

What survives a restart lives in the store directory: the device (id and access token, so
one device keeps its end-to-end encryption keys), matrix-nio's key store, the sync token
(so a restart resumes where it stopped instead of replaying the timeline) and which number
means which button. On a first start (no sync token) everything said before the start is
history and is ignored (design.md §8). After a restart the events that arrived while
the bot was down are handled once — they were never seen — unless older than a day (the
same window in which Telegram keeps updates).

Sends are idempotent per transaction id (design.md §8): pass the outbox row's id as
`txn_id`; without one, a send that failed is retried with the same transaction id when the
same message is sent again to the same room, so a send that did arrive after all is not
shown twice.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from aiohttp import ClientError
from nio import (
    AsyncClient,
    AsyncClientConfig,
    DownloadResponse,
    JoinError,
    LocalProtocolError,
    LoginError,
    MegolmEvent,
    ReactionEvent,
    RoomEncryptedFile,
    RoomEncryptedImage,
    RoomMemberEvent,
    RoomMessageFile,
    RoomMessageImage,
    RoomMessageText,
    RoomSendResponse,
    SendRetryError,
    SyncError,
    SyncResponse,
    TransferCancelledError,
    UploadResponse,
    WhoamiError,
)
from nio.crypto import ENCRYPTION_ENABLED, decrypt_attachment
from nio.exceptions import EncryptionError

from bot.conversation.events import MAX_FILE_BYTES, Attachment, Incoming, IncomingFile, Reply
from bot.transports.base import IncomingHandler, SendError, TransportStartError

log = logging.getLogger(__name__)

TRANSPORT = "matrix"
STATE_FILE = "matrix-state.json"
DEVICE_NAME = "Netwerkregie-bot"
# Keycap reactions for buttons 1–10; a reaction with one of these presses that button.
KEYCAPS = (*(f"{n}\ufe0f\u20e3" for n in range(1, 10)), "\U0001f51f")
REMEMBERED_MESSAGES = 200  # messages with buttons whose numbers still work
BACKLOG_SECONDS = 24 * 3600  # events older than this are not handled, even after a restart
TXN_REUSE_SECONDS = 25 * 60  # Synapse remembers transaction ids for 30 minutes
UNDECRYPTED_SECONDS = 10 * 60  # how long an undecryptable message waits for its room key
SYNC_TIMEOUT_MS = 30_000
SEND_ATTEMPTS = 3  # a rate-limited send waits as told, twice, before it is handed back
MAX_RATE_LIMIT_WAIT = 30.0
REACTION_PAUSE_SECONDS = 15 * 60

# Only what the bot reads: no presence, typing, receipts or account data.
SYNC_FILTER: dict[str, Any] = {
    "presence": {"not_types": ["*"]},
    "account_data": {"not_types": ["*"]},
    "room": {
        "ephemeral": {"not_types": ["*"]},
        "account_data": {"not_types": ["*"]},
        "state": {"lazy_load_members": False},
        "timeline": {"limit": 50},
    },
}
# The first sync without a token: the room state is needed, the old timeline is not.
FRESH_FILTER: dict[str, Any] = {
    **SYNC_FILTER,
    "room": {**SYNC_FILTER["room"], "timeline": {"limit": 1}},
}

_NETWORK_ERRORS = (ClientError, TimeoutError, OSError)
_FILE_EVENTS = (RoomMessageFile, RoomMessageImage, RoomEncryptedFile, RoomEncryptedImage)


@dataclass
class _State:
    """What the transport keeps in the store directory between runs (mode 0600)."""

    homeserver: str = ""
    user_id: str = ""
    device_id: str | None = None
    access_token: str | None = None  # only for a device made by a password login
    next_batch: str | None = None
    buttons: dict[str, list[str]] = field(default_factory=dict)  # event id -> payloads
    latest: dict[str, str] = field(default_factory=dict)  # room id -> event id with buttons


class MatrixTransport:
    name = TRANSPORT

    def __init__(
        self,
        homeserver: str,
        user_id: str,
        *,
        store_dir: Path,
        password: str | None = None,
        access_token: str | None = None,
        device_name: str = DEVICE_NAME,
        encryption: bool | None = None,
        reactions: bool = True,
        sync_timeout_ms: int = SYNC_TIMEOUT_MS,
    ) -> None:
        if not password and not access_token:
            raise TransportStartError(
                "Matrix needs MATRIX_PASSWORD or MATRIX_ACCESS_TOKEN for MATRIX_USER_ID."
            )
        self.homeserver = homeserver.rstrip("/")
        self.user_id = user_id
        self.store_dir = store_dir
        self._password = password
        self._access_token = access_token
        self._device_name = device_name
        self.encryption = ENCRYPTION_ENABLED if encryption is None else encryption
        if self.encryption and not ENCRYPTION_ENABLED:
            raise TransportStartError(
                "Matrix end-to-end encryption needs matrix-nio's e2e extra (vodozemac)."
            )
        nio_log = logging.getLogger("nio")
        if nio_log.level == logging.NOTSET:  # its INFO lines are per event: noise in our log
            nio_log.setLevel(logging.WARNING)
        self._reactions = reactions
        self._reactions_paused_until = 0.0
        self._sync_timeout_ms = sync_timeout_ms
        self._state = _State()
        self._client: Any = None  # nio.AsyncClient once started
        self._on_incoming: IncomingHandler | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._idle = False  # waiting for the homeserver, not handling events: safe to cancel
        self._refused: set[str] = set()
        self._retry_txn: dict[tuple[str, str, tuple[str, ...]], tuple[str, float]] = {}
        self._undecrypted: list[tuple[str, Any, float]] = []
        self._not_before_ms = 0

    # ------------------------------------------------------------------ lifecycle

    @property
    def device_id(self) -> str | None:
        return self._state.device_id

    async def start(self, on_incoming: IncomingHandler) -> None:
        self._on_incoming = on_incoming
        self._stopping = False
        started_ms = int(time.time() * 1000)
        self.store_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._state = self._load_state()
        config = AsyncClientConfig(
            encryption_enabled=self.encryption,
            store_sync_tokens=False,  # kept in our state file, with the button numbers
            max_timeouts=2,
            max_limit_exceeded=0,  # a 429 comes back to us: we decide whether to wait
            request_timeout=30,
        )
        self._client = AsyncClient(
            self.homeserver, self.user_id, store_path=str(self.store_dir), config=config
        )
        try:
            await self._log_in()
            first, resumed = await self._first_sync()
        except TransportStartError:
            await self._close()
            raise
        except _NETWORK_ERRORS as error:
            await self._close()
            raise TransportStartError(
                f"The Matrix homeserver could not be reached ({type(error).__name__}); check "
                "MATRIX_HOMESERVER and the network."
            ) from None
        # What happened before this start is history, unless we are resuming: then what
        # arrived while the bot was down is handled (it was never seen), up to a day back.
        self._not_before_ms = started_ms - (BACKLOG_SECONDS * 1000 if resumed else 0)
        log.info("matrix: logged in (device %s, %s)", self._state.device_id,
                 "resuming" if resumed else "fresh start")
        self._task = asyncio.create_task(self._run(first, fresh=not resumed),
                                         name="matrix-sync")

    async def stop(self) -> None:
        self._stopping = True
        task, self._task = self._task, None
        if task is not None:
            if self._idle:
                task.cancel()
            done, _ = await asyncio.wait({task}, timeout=15)
            if not done:
                task.cancel()
                await asyncio.wait({task})
            if not task.cancelled() and task.exception() is not None:
                log.error("matrix: the sync loop ended with %s",
                          type(task.exception()).__name__)
        if self._client is not None:
            self._save_state()
            await self._close()

    async def _close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()

    # ------------------------------------------------------------------ sending

    async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
        """Send one reply as an m.notice. `txn_id` (e.g. the outbox id) makes it idempotent."""
        client = self._client
        if client is None:
            raise SendError("the Matrix transport is not running")
        payloads = [button.payload for row in reply.buttons for button in row]
        content = {"msgtype": "m.notice", "body": render(reply)}
        key = (chat_id, reply.text, tuple(reply.button_labels()))
        txn = txn_id or self._reusable_txn(key) or uuid.uuid4().hex
        if reply.file is not None:  # the file first, then the text with its buttons
            await self._send_file(client, chat_id, reply.file, f"{txn}.file", key)
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                response = await client.room_send(
                    chat_id, "m.room.message", content, tx_id=txn,
                    ignore_unverified_devices=True,
                )
            except LocalProtocolError:
                raise SendError("the bot is not in that room", permanent=True) from None
            except (*_NETWORK_ERRORS, SendRetryError, EncryptionError) as error:
                self._retry_txn[key] = (txn, time.monotonic() + TXN_REUSE_SECONDS)
                raise SendError(f"network: {type(error).__name__}") from None
            if isinstance(response, RoomSendResponse):
                break
            refused = _send_error(response)
            if refused.retry_after is not None and attempt < SEND_ATTEMPTS:
                # Rate limited: wait as told and send again with the same transaction id.
                await asyncio.sleep(min(refused.retry_after, MAX_RATE_LIMIT_WAIT))
                continue
            if not refused.permanent:
                self._retry_txn[key] = (txn, time.monotonic() + TXN_REUSE_SECONDS)
            raise refused
        self._retry_txn.pop(key, None)
        if not payloads and self._state.latest.pop(chat_id, None) is not None:
            # A question without buttons: a typed "1" answers it, it does not press an older
            # message's button (replying to that message with a number still does).
            self._save_state()
        if payloads:
            self._remember_buttons(chat_id, str(response.event_id), payloads)
            if self._reactions_on() and len(payloads) <= len(KEYCAPS):
                await self._offer_reactions(chat_id, str(response.event_id), len(payloads), txn)

    async def _send_file(self, client: AsyncClient, room_id: str, file: Attachment, txn: str,
                         key: tuple[str, str, tuple[str, ...]]) -> None:
        """Upload the file to the homeserver's media repository and post it as m.file (or
        m.image). In an encrypted room the file is encrypted before upload and the event
        carries its key (`file`) instead of a plain `url`, so the homeserver never holds
        the report readable. A retry reuses the transaction id, so the event shows once."""
        room = client.rooms.get(room_id)
        encrypted = bool(room is not None and room.encrypted)
        try:
            uploaded, keys = await client.upload(
                io.BytesIO(file.content), content_type=file.mime, filename=file.filename,
                encrypt=encrypted, filesize=len(file.content),
            )
        except (*_NETWORK_ERRORS, TransferCancelledError) as error:
            self._retry_txn[key] = (txn.removesuffix(".file"),
                                    time.monotonic() + TXN_REUSE_SECONDS)
            raise SendError(f"network: {type(error).__name__}") from None
        if not isinstance(uploaded, UploadResponse):
            refused = _send_error(uploaded)
            if not refused.permanent:
                self._retry_txn[key] = (txn.removesuffix(".file"),
                                        time.monotonic() + TXN_REUSE_SECONDS)
            raise refused
        image = file.mime.startswith("image/")
        content: dict[str, Any] = {
            "msgtype": "m.image" if image else "m.file",
            "body": file.filename,
            "filename": file.filename,
            "info": {"mimetype": file.mime, "size": len(file.content)},
        }
        if keys is not None:
            content["file"] = {**keys, "url": uploaded.content_uri, "mimetype": file.mime}
        else:
            content["url"] = uploaded.content_uri
        try:
            response = await client.room_send(room_id, "m.room.message", content, tx_id=txn,
                                               ignore_unverified_devices=True)
        except LocalProtocolError:
            raise SendError("the bot is not in that room", permanent=True) from None
        except (*_NETWORK_ERRORS, SendRetryError, EncryptionError) as error:
            self._retry_txn[key] = (txn.removesuffix(".file"),
                                    time.monotonic() + TXN_REUSE_SECONDS)
            raise SendError(f"network: {type(error).__name__}") from None
        if not isinstance(response, RoomSendResponse):
            refused = _send_error(response)
            if not refused.permanent:
                self._retry_txn[key] = (txn.removesuffix(".file"),
                                        time.monotonic() + TXN_REUSE_SECONDS)
            raise refused

    def _reusable_txn(self, key: tuple[str, str, tuple[str, ...]]) -> str | None:
        now = time.monotonic()
        for stale in [k for k, (_, until) in self._retry_txn.items() if until < now]:
            del self._retry_txn[stale]
        found = self._retry_txn.get(key)
        return found[0] if found else None

    def _reactions_on(self) -> bool:
        return self._reactions and time.monotonic() >= self._reactions_paused_until

    async def _offer_reactions(self, room_id: str, event_id: str, count: int, txn: str) -> None:
        """React with 1️⃣ 2️⃣ … under the message, so a click on one presses that button.

        Each reaction is an event the homeserver counts against the bot's rate limit; when it
        says "too many", reactions pause for a while so that answers are not slowed down.
        """
        for number in range(count):
            content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id,
                                        "key": KEYCAPS[number]}}
            try:
                response = await self._client.room_send(
                    room_id, "m.reaction", content, tx_id=f"{txn}.{number + 1}",
                    ignore_unverified_devices=True,
                )
            except (*_NETWORK_ERRORS, LocalProtocolError, SendRetryError,
                    EncryptionError) as error:
                log.debug("matrix: could not add a reaction: %s", type(error).__name__)
                return
            if not isinstance(response, RoomSendResponse):
                if response.status_code == "M_LIMIT_EXCEEDED":
                    self._reactions_paused_until = time.monotonic() + REACTION_PAUSE_SECONDS
                    log.warning(
                        "matrix: the homeserver rate-limits the bot; reactions under buttons "
                        "are paused. Exempt the bot from rate limits (docs/matrix.md)."
                    )
                else:
                    log.debug("matrix: could not add a reaction: %s", response.status_code)
                return

    def _remember_buttons(self, room_id: str, event_id: str, payloads: list[str]) -> None:
        buttons = self._state.buttons
        buttons[event_id] = payloads
        while len(buttons) > REMEMBERED_MESSAGES:
            del buttons[next(iter(buttons))]
        self._state.latest[room_id] = event_id
        self._save_state()

    # ------------------------------------------------------------------ logging in

    async def _log_in(self) -> None:
        client, state = self._client, self._state
        if self._access_token:
            client.access_token = self._access_token
            who = await client.whoami()
            if isinstance(who, WhoamiError):
                raise TransportStartError(
                    f"The Matrix homeserver refused MATRIX_ACCESS_TOKEN ({who.status_code})."
                )
            if who.user_id != self.user_id:
                raise TransportStartError(
                    "MATRIX_ACCESS_TOKEN belongs to another account than MATRIX_USER_ID."
                )
            if not who.device_id:
                raise TransportStartError(
                    "MATRIX_ACCESS_TOKEN has no device; make one by logging in, or use "
                    "MATRIX_PASSWORD."
                )
            if who.device_id != state.device_id:
                state.next_batch = None  # another device: its sync position does not apply
            state.device_id, state.access_token = who.device_id, None
            client.restore_login(self.user_id, who.device_id, self._access_token)
            self._save_state()
            return
        if state.device_id and state.access_token:
            client.restore_login(self.user_id, state.device_id, state.access_token)
            who = await client.whoami()
            if not isinstance(who, WhoamiError):
                return
            if who.status_code != "M_UNKNOWN_TOKEN":  # not a logout: keep the device and keys
                raise TransportStartError(
                    f"The Matrix homeserver did not accept the bot's stored login "
                    f"({who.status_code}); try again later."
                )
            log.warning("matrix: the stored device was logged out (%s); logging in again",
                        who.status_code)
            await client.close()
            self._client = client = AsyncClient(
                self.homeserver, self.user_id, store_path=str(self.store_dir),
                config=client.config,
            )
        assert self._password is not None
        answer = await client.login(self._password, device_name=self._device_name)
        if isinstance(answer, LoginError):
            raise TransportStartError(
                f"The Matrix homeserver refused the login of MATRIX_USER_ID ({answer.status_code});"
                " check MATRIX_USER_ID and MATRIX_PASSWORD."
            )
        state.device_id, state.access_token = answer.device_id, answer.access_token
        state.next_batch = None
        self._save_state()

    async def _first_sync(self) -> tuple[Any, bool]:
        """One sync with the full room state; resumes from the stored token if there is one."""
        since = self._state.next_batch
        response = await self._client.sync(
            timeout=0, sync_filter=SYNC_FILTER if since else FRESH_FILTER, since=since,
            full_state=True,
        )
        if isinstance(response, SyncError) and since is not None:
            log.warning("matrix: the stored sync position was refused (%s); starting fresh",
                        response.status_code)
            since = None
            response = await self._client.sync(timeout=0, sync_filter=FRESH_FILTER,
                                               full_state=True)
        if isinstance(response, SyncError):
            raise TransportStartError(
                f"The Matrix homeserver refused to sync ({response.status_code})."
            )
        await self._after_sync()
        return response, since is not None

    async def _after_sync(self) -> None:
        """Encryption housekeeping matrix-nio's sync_forever would do."""
        client = self._client
        if not self.encryption:
            return
        await client.send_to_device_messages()
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())

    # ------------------------------------------------------------------ receiving

    async def _run(self, first: Any, *, fresh: bool) -> None:
        batch = first
        failures = 0
        while True:
            try:
                await self._process(batch, fresh=fresh)
            except Exception as error:  # one bad batch must not stop the bot
                log.error("matrix: handling a sync batch failed: %s", type(error).__name__)
            self._state.next_batch = batch.next_batch
            self._save_state()
            fresh = False
            while True:
                if self._stopping:
                    return
                self._idle = True
                try:
                    answer = await self._client.sync(
                        timeout=self._sync_timeout_ms, sync_filter=SYNC_FILTER,
                        since=self._state.next_batch,
                    )
                    if isinstance(answer, SyncResponse):
                        await self._after_sync()
                        failures = 0
                        batch = answer
                        break
                    log.warning("matrix: sync refused (%s)", answer.status_code)
                except (*_NETWORK_ERRORS, LocalProtocolError, SendRetryError,
                        EncryptionError) as error:
                    log.warning("matrix: sync failed: %s", type(error).__name__)
                finally:
                    self._idle = False
                failures += 1
                self._idle = True
                try:
                    await asyncio.sleep(min(30.0, 0.5 * 2 ** min(failures, 6)))
                finally:
                    self._idle = False

    async def _process(self, response: Any, *, fresh: bool) -> None:
        client = self._client
        for room_id in response.rooms.invite:
            self._refused.discard(room_id)
            await self._join(room_id)
        for room_id in response.rooms.leave:
            self._state.latest.pop(room_id, None)
        for room_id, info in response.rooms.join.items():
            room = client.rooms.get(room_id)
            if room is None or room_id in self._refused:
                continue
            if room.member_count > 2:
                await self._refuse_group(room)
                continue
            if room.member_count < 2:  # the other person left: nobody to talk to
                await self._leave(room_id)
                continue
            if fresh:  # history from before this start (design.md §8): not for us
                continue
            for event in _since_we_were_invited(info.timeline.events, self.user_id):
                await self._event(room, event)
        await self._retry_undecrypted()

    async def _event(self, room: Any, event: Any) -> None:
        if getattr(event, "sender", None) == self.user_id:
            return
        if (getattr(event, "server_timestamp", 0) or 0) < self._not_before_ms:
            return
        if isinstance(event, MegolmEvent):
            await self._undecryptable(room.room_id, event)
            return
        incoming = self._to_incoming(room.room_id, event)
        if incoming is None or self._on_incoming is None:
            return
        if incoming.file is not None:
            incoming = replace(incoming, file=await self._fetch(event, incoming.file))
        try:
            await self._on_incoming(incoming)
        except Exception as error:
            log.error("matrix: handling an event failed: %s", type(error).__name__)

    def _to_incoming(self, room_id: str, event: Any) -> Incoming | None:
        common: dict[str, Any] = {
            "transport": TRANSPORT, "user_id": str(event.sender), "chat_id": room_id,
            "private": True, "update_id": str(event.event_id),
        }
        if isinstance(event, ReactionEvent):
            payload = self._payload(str(event.reacts_to), _number_of(str(event.key)))
            return None if payload is None else Incoming(button=payload, **common)
        if isinstance(event, _FILE_EVENTS):
            return _file_incoming(event, common)
        if not isinstance(event, RoomMessageText):  # notices (bots), emotes, state
            return None
        relates = event.source.get("content", {}).get("m.relates_to") or {}
        if relates.get("rel_type") == "m.replace":  # an edit of an earlier message
            return None
        replied_to = (relates.get("m.in_reply_to") or {}).get("event_id")
        text = str(event.body)
        if replied_to:
            text = _without_reply_fallback(text)
        number = int(text) if text.strip().isdigit() and len(text.strip()) <= 3 else None
        if number is not None:
            target = replied_to if replied_to in self._state.buttons else None
            payload = self._payload(target or self._state.latest.get(room_id), number)
            if payload is not None:
                return Incoming(button=payload, **common)
        return Incoming(text=text, **common)

    async def _fetch(self, event: Any, file: IncomingFile) -> IncomingFile:
        """The file with its bytes, downloaded from the media repository (and decrypted with
        the key the event carries, in an encrypted room); without them when it is too large
        (not downloaded at all) or the download failed: the conversation says which."""
        client = self._client
        if file.too_large or not file.ref or client is None:
            return file
        try:
            answer = await client.download(mxc=file.ref)
        except _NETWORK_ERRORS as error:
            log.warning("matrix: could not fetch a file: %s", type(error).__name__)
            return file
        if not isinstance(answer, DownloadResponse):
            log.warning("matrix: the homeserver did not give a file: %s", type(answer).__name__)
            return file
        content = bytes(answer.body)
        if isinstance(event, (RoomEncryptedFile, RoomEncryptedImage)):
            try:
                content = decrypt_attachment(content, event.key["k"], event.hashes["sha256"],
                                             event.iv)
            except (EncryptionError, KeyError, TypeError, ValueError) as error:
                log.warning("matrix: could not decrypt a file: %s", type(error).__name__)
                return file
        if len(content) > MAX_FILE_BYTES:  # the announced size was wrong or missing
            return replace(file, size=len(content))
        return replace(file, size=len(content), content=content)

    def _payload(self, event_id: str | None, number: int | None) -> str | None:
        if event_id is None or number is None:
            return None
        payloads = self._state.buttons.get(event_id) or []
        return payloads[number - 1] if 1 <= number <= len(payloads) else None

    async def _join(self, room_id: str) -> None:
        """Accept an invite; whether the room is a direct chat shows once we are in it."""
        for attempt in range(1, SEND_ATTEMPTS + 1):
            answer = await self._client.join(room_id)
            if not isinstance(answer, JoinError):
                return
            retry_ms = answer.retry_after_ms if answer.status_code == "M_LIMIT_EXCEEDED" else None
            if retry_ms is None or attempt == SEND_ATTEMPTS:
                # Still pending on the homeserver: the next start (a full sync) tries again.
                log.warning("matrix: could not accept an invite (%s)", answer.status_code)
                return
            await asyncio.sleep(min(retry_ms / 1000, MAX_RATE_LIMIT_WAIT))

    async def _refuse_group(self, room: Any) -> None:
        """One polite refusal (the conversation's text for groups), then leave the room."""
        self._refused.add(room.room_id)
        log.info("matrix: refusing a room with %d members", room.member_count)
        if self._on_incoming is not None:
            inviter = getattr(room, "creator", None) or ""
            try:
                await self._on_incoming(Incoming(TRANSPORT, str(inviter), room.room_id,
                                                 private=False))
            except Exception as error:
                log.error("matrix: refusing a group failed: %s", type(error).__name__)
        await self._leave(room.room_id)

    async def _leave(self, room_id: str) -> None:
        self._refused.add(room_id)
        self._state.latest.pop(room_id, None)
        try:
            await self._client.room_leave(room_id)
        except _NETWORK_ERRORS as error:
            log.warning("matrix: could not leave a room: %s", type(error).__name__)

    async def _undecryptable(self, room_id: str, event: Any) -> None:
        """A message whose room key has not arrived (yet; keys travel separately and can be
        late): try again after each sync, for a while."""
        log.warning("matrix: a message could not be decrypted yet; waiting for its key")
        self._undecrypted.append((room_id, event, time.monotonic() + UNDECRYPTED_SECONDS))

    async def _retry_undecrypted(self) -> None:
        if not self._undecrypted:
            return
        waiting, self._undecrypted = self._undecrypted, []
        now = time.monotonic()
        for room_id, event, until in waiting:
            try:
                decrypted = self._client.decrypt_event(event)
            except (EncryptionError, LocalProtocolError):
                if until > now:
                    self._undecrypted.append((room_id, event, until))
                else:
                    log.warning("matrix: gave up on a message that could not be decrypted")
                continue
            room = self._client.rooms.get(room_id)
            if room is not None:
                await self._event(room, decrypted)

    # ------------------------------------------------------------------ state file

    def _load_state(self) -> _State:
        path = self.store_dir / STATE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            known = {name: raw[name] for name in _State.__dataclass_fields__ if name in raw}
            state = _State(**known)
        except FileNotFoundError:
            return _State(self.homeserver, self.user_id)
        except (ValueError, TypeError) as error:
            log.warning("matrix: ignoring an unreadable %s (%s)", STATE_FILE,
                        type(error).__name__)
            return _State(self.homeserver, self.user_id)
        if (state.homeserver, state.user_id) != (self.homeserver, self.user_id):
            return _State(self.homeserver, self.user_id)  # another account: start over
        return state

    def _save_state(self) -> None:
        path = self.store_dir / STATE_FILE
        temporary = path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(asdict(self._state), file)
        os.replace(temporary, path)


def render(reply: Reply) -> str:
    """The message text with its buttons as numbered choices, one row per line."""
    if not reply.buttons:
        return reply.text
    lines = [reply.text, ""]
    number = 0
    for row in reply.buttons:
        labels = []
        for button in row:
            number += 1
            labels.append(f"[{number}] {button.label}")
        lines.append("   ".join(labels))
    return "\n".join(lines)


def _number_of(key: str) -> int | None:
    """The button number a reaction means: a keycap emoji (1️⃣ … 🔟) or a plain digit."""
    if key in KEYCAPS:
        return KEYCAPS.index(key) + 1
    bare = key.replace("\ufe0f", "").replace("\u20e3", "").strip()
    return int(bare) if bare.isdigit() and len(bare) <= 2 else None


def _since_we_were_invited(events: Sequence[Any], own_id: str) -> Sequence[Any]:
    """In a room the bot just joined, only what was said after it was invited is for it;
    the room's earlier history is not."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if (isinstance(event, RoomMemberEvent) and event.state_key == own_id
                and event.membership == "invite"):
            return events[index + 1:]
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if (isinstance(event, RoomMemberEvent) and event.state_key == own_id
                and event.membership == "join" and event.prev_membership != "join"):
            return events[index + 1:]
    return events


def _without_reply_fallback(body: str) -> str:
    """Drop the quoted '> <@user> …' lines a client puts before the text of a reply."""
    lines = body.splitlines()
    if not lines or not lines[0].startswith("> "):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


_PERMANENT = {"M_FORBIDDEN", "M_NOT_FOUND", "M_BAD_JSON", "M_NOT_JSON", "M_TOO_LARGE",
              "M_INVALID_PARAM"}


def _send_error(response: Any) -> SendError:
    code = str(response.status_code or "")
    if code == "M_LIMIT_EXCEEDED":
        retry_ms = response.retry_after_ms
        return SendError("rate limited", retry_after=retry_ms / 1000 if retry_ms else None)
    status = getattr(getattr(response, "transport_response", None), "status", None)
    permanent = code in _PERMANENT and (status is None or status < 500)
    return SendError(f"refused: {code or status}", permanent=permanent)


__all__: Sequence[str] = ["TRANSPORT", "MatrixTransport", "render"]


def _file_incoming(event: Any, common: dict[str, Any]) -> Incoming:
    """An m.file or m.image as announced; the bytes are fetched before it is handled. With a
    `filename` that differs from `body`, the body is the caption (Matrix 1.10)."""
    content = event.source.get("content", {})
    info = content.get("info") or {}
    body = str(event.body or "")
    filename = str(content.get("filename") or body)
    mime = str(info.get("mimetype") or getattr(event, "mimetype", None)
               or "application/octet-stream")
    size = info.get("size")
    file = IncomingFile(filename, mime, size if isinstance(size, int) else 0,
                        ref=str(event.url or ""))
    caption = body if body and body != filename else None
    return Incoming(text=caption, file=file, **common)
